//! `Quota::backupsRemaining`: how many more archives fit in the free space.

use serde::{Deserialize, Serialize};

use super::sample::check_bytes;
use super::QuotaError;
use crate::stats;

/// The most archive sizes one call accepts.
pub const MAX_SIZES: usize = 100_000;

/// The result of [`backups_remaining`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Remaining {
    /// Median archive size, bytes (`None` without sizes).
    pub p50: Option<f64>,
    /// 90th percentile archive size, bytes.
    pub p90: Option<f64>,
    /// Whole archives of the p90 size that fit in the free space; `None`
    /// without sizes or when the p90 size is 0.
    pub remaining: Option<i64>,
}

/// Free space divided by a pessimistic (p90) archive size, with the shared
/// percentile rule (linear interpolation, numpy's default).
///
/// # Errors
/// [`QuotaError::Invalid`] for a negative free space or a bad size, naming its index.
pub fn backups_remaining(free_bytes: i64, sizes: &[f64]) -> Result<Remaining, QuotaError> {
    if free_bytes < 0 {
        return Err(QuotaError::invalid("freeBytes", format!("must not be negative, got {free_bytes}")));
    }
    if sizes.len() > MAX_SIZES {
        return Err(QuotaError::invalid(
            "recentArchiveSizes",
            format!("{} sizes is more than the maximum of {MAX_SIZES}", sizes.len()),
        ));
    }
    for (i, s) in sizes.iter().enumerate() {
        check_bytes(&format!("recentArchiveSizes[{i}]"), *s)?;
    }
    let sorted = stats::sorted(sizes);
    let p50 = stats::percentile(&sorted, 50.0);
    let p90 = stats::percentile(&sorted, 90.0);
    let remaining = p90.filter(|p| *p > 0.0).map(|p| (free_bytes as f64 / p).floor() as i64);
    Ok(Remaining { p50, p90, remaining })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divides_by_the_p90_size() {
        let r = backups_remaining(1000, &[100.0, 100.0, 100.0, 100.0, 200.0]).unwrap();
        assert_eq!(r.p50, Some(100.0));
        assert_eq!(r.p90, Some(160.0)); // position 3.6 between 100 and 200
        assert_eq!(r.remaining, Some(6));
        let r = backups_remaining(1000, &[]).unwrap();
        assert_eq!((r.p50, r.p90, r.remaining), (None, None, None));
        assert_eq!(backups_remaining(5, &[0.0]).unwrap().remaining, None);
        assert!(backups_remaining(-1, &[1.0]).is_err());
        let err = backups_remaining(1, &[1.0, -2.0]).unwrap_err();
        assert_eq!(err.to_string(), "recentArchiveSizes[1]: must not be negative, got -2");
    }
}
