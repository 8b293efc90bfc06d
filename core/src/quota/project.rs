//! `Quota::project`: where a usage series is heading and when it crosses the threshold.

use serde::{Deserialize, Serialize};

use super::fit::{least_squares, theil_sen, Fit};
pub use super::fit::MAX_FIT_SAMPLES;
use super::sample::{check_bytes, check_timestamp, validate_samples, Sample};
use super::{Level, QuotaError, DAY};

/// The trend estimator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Median of pairwise slopes; ignores up to ~29 % of outliers.
    #[default]
    TheilSen,
    /// Ordinary least squares (Prometheus's `predict_linear`).
    LeastSquares,
}

fn default_threshold() -> f64 {
    0.85
}

/// Options of [`project`]. `now` is read by the binding (PHP `time()` when absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectOptions {
    /// The quota in bytes; `None` = unlimited.
    #[serde(default)]
    pub quota_bytes: Option<f64>,
    /// The fraction of the quota that counts as "full" (0 < r <= 1).
    #[serde(default = "default_threshold")]
    pub threshold_ratio: f64,
    /// The moment days are counted from, Unix seconds; the binding fills it.
    #[serde(default)]
    pub now: Option<i64>,
    /// The estimator.
    #[serde(default)]
    pub method: Method,
}

impl Default for ProjectOptions {
    fn default() -> Self {
        Self { quota_bytes: None, threshold_ratio: default_threshold(), now: None, method: Method::TheilSen }
    }
}

/// Days until the threshold: the earliest plausible (p10, from the steepest
/// slope of the 80 % interval), the estimate (p50) and the latest (p90).
/// `None` = never (a flat or falling trend, or no quota).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct DaysToThreshold {
    pub p10: Option<f64>,
    pub p50: Option<f64>,
    pub p90: Option<f64>,
}

/// The result of [`project`], shaped as the PHP array.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    pub method: Method,
    pub samples_used: usize,
    pub slope_bytes_per_day: Option<f64>,
    pub used_bytes: Option<i64>,
    pub quota_bytes: Option<i64>,
    pub used_ratio: Option<f64>,
    pub days_to_threshold: DaysToThreshold,
    pub threshold_at: Option<i64>,
    pub level: Level,
}

/// Projects a usage series.
///
/// - The trend is fitted on the most recent [`MAX_FIT_SAMPLES`] samples.
/// - `used_bytes` is the last sample; once it is at or above the threshold, every
///   day count is 0.
/// - Otherwise each slope of the interval is drawn through the fitted level at
///   the centre of the series; where it meets `quota * threshold_ratio` gives the
///   day counts (0 when the line has already crossed, `None` when it never rises).
/// - `level` follows the earliest plausible crossing (p10): <= 1 day critical,
///   <= 3 warning, <= 30 watch, else ok; `unknown` with fewer than 2 samples.
///
/// # Errors
/// [`QuotaError::Invalid`] naming the field (and sample index) at fault.
pub fn project(samples: &[Sample], options: &ProjectOptions, now: i64) -> Result<Projection, QuotaError> {
    validate_samples("samples", samples)?;
    check_timestamp("options.now", now)?;
    let quota = match options.quota_bytes {
        Some(q) => {
            let q = check_bytes("options.quota_bytes", q)?;
            if q <= 0.0 {
                return Err(QuotaError::invalid("options.quota_bytes", "must be a positive number of bytes, or null for unlimited"));
            }
            Some(q)
        }
        None => None,
    };
    let ratio = options.threshold_ratio;
    if !(ratio > 0.0 && ratio <= 1.0) {
        return Err(QuotaError::invalid(
            "options.threshold_ratio",
            format!("must be a fraction greater than 0 and at most 1, got {ratio}"),
        ));
    }

    let fit: Option<Fit> = match options.method {
        Method::TheilSen => theil_sen(samples),
        Method::LeastSquares => least_squares(samples),
    };
    let last = samples.last().map(|s| s.used_bytes);
    let used_ratio = match (last, quota) {
        (Some(u), Some(q)) => Some(u / q),
        _ => None,
    };

    let mut days = DaysToThreshold::default();
    let level = match (&fit, quota, last) {
        (None, _, _) | (_, _, None) => Level::Unknown,
        (Some(_), None, _) => Level::Ok,
        (Some(fit), Some(q), Some(used)) => {
            let threshold = q * ratio;
            if used >= threshold {
                days = DaysToThreshold { p10: Some(0.0), p50: Some(0.0), p90: Some(0.0) };
            } else {
                let in_days = |slope: f64| fit.crossing(slope, threshold).map(|t| ((t - now as f64) / DAY).max(0.0));
                days = DaysToThreshold {
                    p10: in_days(fit.slope_high),
                    p50: in_days(fit.slope),
                    p90: in_days(fit.slope_low),
                };
            }
            Level::from_days(days.p10)
        }
    };
    let threshold_at = days.p50.map(|d| now.saturating_add((d * DAY).round().min(1e15) as i64));

    Ok(Projection {
        method: options.method,
        samples_used: samples.len().min(MAX_FIT_SAMPLES),
        slope_bytes_per_day: fit.map(|f| f.slope),
        used_bytes: last.map(|u| u.round() as i64),
        quota_bytes: quota.map(|q| q.round() as i64),
        used_ratio,
        days_to_threshold: days,
        threshold_at,
        level,
    })
}
