//! One usage sample and the checks every series goes through.

use serde::{Deserialize, Serialize};

use super::QuotaError;

/// The most samples a series may hold (a daily series of 2,700 years).
pub const MAX_SAMPLES: usize = 1_000_000;
/// The latest accepted timestamp: 9999-12-31T23:59:59Z.
pub const MAX_TIMESTAMP: i64 = 253_402_300_799;
/// The largest accepted byte count, 2^53 (8 PiB): every integer up to it is exact in a double.
pub const MAX_BYTES: f64 = 9_007_199_254_740_992.0;

/// Bytes in use at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sample {
    /// Unix seconds (UTC).
    pub timestamp: i64,
    /// Bytes in use; an integer or a float (PHP's disk functions return floats).
    pub used_bytes: f64,
}

/// Checks a byte count: finite, not negative, at most [`MAX_BYTES`].
pub(crate) fn check_bytes(field: &str, value: f64) -> Result<f64, QuotaError> {
    if !value.is_finite() {
        return Err(QuotaError::invalid(field, format!("must be a finite number of bytes, got {value}")));
    }
    if value < 0.0 {
        return Err(QuotaError::invalid(field, format!("must not be negative, got {value}")));
    }
    if value > MAX_BYTES {
        return Err(QuotaError::invalid(
            field,
            format!("{value} bytes is beyond the supported maximum of 2^53 bytes (8 PiB)"),
        ));
    }
    Ok(value)
}

/// Checks a timestamp: Unix seconds between 1970 and the end of year 9999.
pub(crate) fn check_timestamp(field: &str, value: i64) -> Result<i64, QuotaError> {
    if !(0..=MAX_TIMESTAMP).contains(&value) {
        return Err(QuotaError::invalid(
            field,
            format!("{value} is not a Unix timestamp between 0 and {MAX_TIMESTAMP} (year 9999)"),
        ));
    }
    Ok(value)
}

/// Checks a whole series: at most [`MAX_SAMPLES`], each value in range,
/// timestamps strictly increasing (distinct, oldest first). `name` is the
/// argument's name used in messages (`samples`).
pub fn validate_samples(name: &str, samples: &[Sample]) -> Result<(), QuotaError> {
    if samples.len() > MAX_SAMPLES {
        return Err(QuotaError::invalid(
            name,
            format!("{} samples is more than the maximum of {MAX_SAMPLES}", samples.len()),
        ));
    }
    let mut previous: Option<i64> = None;
    for (i, s) in samples.iter().enumerate() {
        check_timestamp(&format!("{name}[{i}].timestamp"), s.timestamp)?;
        check_bytes(&format!("{name}[{i}].used_bytes"), s.used_bytes)?;
        if let Some(prev) = previous {
            if s.timestamp == prev {
                return Err(QuotaError::invalid(
                    format!("{name}[{i}].timestamp"),
                    format!("duplicate timestamp {prev}, already used by {name}[{}]", i - 1),
                ));
            }
            if s.timestamp < prev {
                return Err(QuotaError::invalid(
                    format!("{name}[{i}].timestamp"),
                    format!(
                        "{} is earlier than {name}[{}].timestamp ({prev}): samples must be sorted oldest first",
                        s.timestamp,
                        i - 1
                    ),
                ));
            }
        }
        previous = Some(s.timestamp);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(timestamp: i64, used_bytes: f64) -> Sample {
        Sample { timestamp, used_bytes }
    }

    #[test]
    fn names_the_index_of_each_problem() {
        let err = validate_samples("samples", &[s(10, 1.0), s(10, 2.0)]).unwrap_err();
        assert_eq!(err.to_string(), "samples[1].timestamp: duplicate timestamp 10, already used by samples[0]");
        let err = validate_samples("samples", &[s(10, 1.0), s(20, 1.0), s(15, 1.0)]).unwrap_err();
        assert!(err.to_string().starts_with("samples[2].timestamp: 15 is earlier than samples[1].timestamp (20)"));
        let err = validate_samples("samples", &[s(10, 1.0), s(20, -1.0)]).unwrap_err();
        assert_eq!(err.to_string(), "samples[1].used_bytes: must not be negative, got -1");
        let err = validate_samples("samples", &[s(-5, 1.0)]).unwrap_err();
        assert!(err.to_string().starts_with("samples[0].timestamp: -5 is not a Unix timestamp"));
        let err = validate_samples("samples", &[s(1, 1e17)]).unwrap_err();
        assert!(err.to_string().contains("2^53"));
        let err = validate_samples("samples", &[s(1, f64::NAN)]).unwrap_err();
        assert!(err.to_string().contains("finite"));
        assert!(validate_samples("samples", &[]).is_ok());
    }
}
