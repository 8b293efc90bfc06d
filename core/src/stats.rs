//! Descriptive statistics shared by every capability.
//!
//! There is exactly one percentile implementation in the project: the linear
//! interpolation between closest ranks that numpy uses by default
//! (`numpy.percentile(a, p)`, method "linear"). Callers sort first.

/// The `p`-th percentile (`p` in `0..=100`) of an ascending slice, by linear
/// interpolation between the two closest ranks: rank `h = (n - 1) * p / 100`,
/// result `x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)])`.
///
/// `None` for an empty slice and for `p` outside `0..=100` (or NaN). The slice
/// must be sorted ascending and free of NaN; it is not checked here.
#[must_use]
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=100.0).contains(&p) {
        return None;
    }
    let last = sorted.len() - 1;
    #[allow(clippy::cast_precision_loss)]
    let rank = last as f64 * (p / 100.0);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let lower = (rank.floor() as usize).min(last);
    let upper = (lower + 1).min(last);
    #[allow(clippy::cast_precision_loss)]
    let fraction = rank - lower as f64;
    let (a, b) = (sorted[lower], sorted[upper]);
    if fraction == 0.0 || a == b {
        return Some(a);
    }
    // numpy's _lerp: interpolate from the nearer end, which keeps the result
    // monotonic in p and exactly b when fraction is 1.
    let diff = b - a;
    Some(if fraction >= 0.5 { b - diff * (1.0 - fraction) } else { a + diff * fraction })
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn matches_numpy_linear() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile(&v, 0.0), Some(1.0));
        assert_eq!(percentile(&v, 100.0), Some(4.0));
        assert_eq!(percentile(&v, 50.0), Some(2.5));
        // numpy.percentile([1,2,3,4], 90) == 3.7
        assert!((percentile(&v, 90.0).unwrap() - 3.7).abs() < 1e-12);
        // numpy.percentile([15, 20, 35, 40, 50], 40) == 29.0
        assert_eq!(percentile(&[15.0, 20.0, 35.0, 40.0, 50.0], 40.0), Some(29.0));
        assert_eq!(percentile(&[7.0], 33.0), Some(7.0));
    }

    #[test]
    fn empty_or_out_of_range() {
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(percentile(&[1.0], -1.0), None);
        assert_eq!(percentile(&[1.0], 100.5), None);
        assert_eq!(percentile(&[1.0], f64::NAN), None);
    }
}
