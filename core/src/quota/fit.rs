//! Trend estimators on centred time: Theil–Sen with Sen's rank-based bounds,
//! and ordinary least squares with Student-t bounds.
//!
//! Time is measured in days from the mean timestamp of the series, so the
//! numbers stay small and the fit keeps full precision (fitting raw epoch
//! seconds loses about nine digits to the intercept). Both estimators return
//! the line `used(t) = level + slope * (t - centre) / 86400` and an 80 %
//! interval for the slope: its ends are the p10 and p90 slopes.

use super::sample::Sample;
use super::DAY;
use crate::stats;

/// The largest series fitted exactly; longer series are fitted on their most
/// recent `MAX_FIT_SAMPLES` samples (Theil–Sen looks at every pair: 1,999,000 pairs).
pub const MAX_FIT_SAMPLES: usize = 2_000;

/// The standard normal quantile at 0.90: an 80 % two-sided interval.
const Z90: f64 = 1.281_551_565_544_600_5;

/// A fitted trend line with bounds on its slope.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// The centre of the time axis (mean timestamp), Unix seconds.
    pub centre: f64,
    /// Fitted usage at `centre`, bytes.
    pub level: f64,
    /// Bytes per day (the estimate, p50).
    pub slope: f64,
    /// The lower end of the 80 % slope interval (p10), bytes per day.
    pub slope_low: f64,
    /// The upper end of the 80 % slope interval (p90), bytes per day.
    pub slope_high: f64,
}

impl Fit {
    /// The moment the line with slope `slope` (through the fitted level at the
    /// centre) reaches `bytes`, in Unix seconds; `None` when it never rises to it.
    #[must_use]
    pub fn crossing(&self, slope: f64, bytes: f64) -> Option<f64> {
        if slope <= 0.0 || !slope.is_finite() {
            return None;
        }
        Some(self.centre + (bytes - self.level) / slope * DAY)
    }
}

/// Centred time axis in days, and the centre in Unix seconds.
fn centred_days(samples: &[Sample]) -> (Vec<f64>, f64) {
    let t0 = samples[0].timestamp;
    let offsets: Vec<f64> = samples.iter().map(|s| (s.timestamp - t0) as f64).collect();
    let mean = offsets.iter().sum::<f64>() / offsets.len() as f64;
    let x = offsets.iter().map(|d| (d - mean) / DAY).collect();
    (x, t0 as f64 + mean)
}

fn window(samples: &[Sample]) -> &[Sample] {
    &samples[samples.len().saturating_sub(MAX_FIT_SAMPLES)..]
}

/// Theil–Sen: the median of all pairwise slopes, the level is the median of
/// `used - slope * x`; bounds from Sen's (1968) distribution-free interval on
/// the ordered pairwise slopes (normal approximation of Kendall's S, corrected
/// for ties in usage), read with the shared percentile rule.
///
/// Expects validated samples (distinct timestamps, see
/// [`super::validate_samples`]); `None` with fewer than two samples.
#[must_use]
pub fn theil_sen(samples: &[Sample]) -> Option<Fit> {
    let samples = window(samples);
    let n = samples.len();
    if n < 2 {
        return None;
    }
    let (x, centre) = centred_days(samples);
    let y: Vec<f64> = samples.iter().map(|s| s.used_bytes).collect();
    let mut slopes = Vec::with_capacity(n * (n - 1) / 2);
    for i in 0..n {
        for j in (i + 1)..n {
            let dx = x[j] - x[i];
            if dx != 0.0 {
                slopes.push((y[j] - y[i]) / dx);
            }
        }
    }
    if slopes.is_empty() {
        return None;
    }
    let slope = stats::median_in_place(&mut slopes)?;

    // Sen's interval: with N slopes and C = z * sqrt(Var S), the bounds are the
    // (N - C) / 2-th and ((N + C) / 2 + 1)-th smallest slopes (1-based ranks).
    let big_n = slopes.len() as f64;
    let nf = n as f64;
    let mut ties = 0.0;
    let sorted_y = stats::sorted(&y);
    let mut run = 1.0_f64;
    for k in 1..=sorted_y.len() {
        if k < sorted_y.len() && sorted_y[k] == sorted_y[k - 1] {
            run += 1.0;
        } else {
            ties += run * (run - 1.0) * (2.0 * run + 5.0);
            run = 1.0;
        }
    }
    let var_s = ((nf * (nf - 1.0) * (2.0 * nf + 5.0) - ties) / 18.0).max(0.0);
    let c = Z90 * var_s.sqrt();
    let to_percentile = |rank_1_based: f64| -> f64 {
        if big_n <= 1.0 {
            return 50.0;
        }
        ((rank_1_based - 1.0) / (big_n - 1.0) * 100.0).clamp(0.0, 100.0)
    };
    let slope_low = stats::percentile_in_place(&mut slopes, to_percentile((big_n - c) / 2.0))?;
    let slope_high = stats::percentile_in_place(&mut slopes, to_percentile((big_n + c) / 2.0 + 1.0))?;

    let mut residuals: Vec<f64> = x.iter().zip(&y).map(|(xi, yi)| yi - slope * xi).collect();
    let level = stats::median_in_place(&mut residuals)?;
    Some(Fit { centre, level, slope, slope_low: slope_low.min(slope), slope_high: slope_high.max(slope) })
}

/// Ordinary least squares on centred time (what Prometheus's `predict_linear`
/// computes), with the 80 % Student-t interval of the slope. Two samples give
/// an exact line and a zero-width interval.
#[must_use]
pub fn least_squares(samples: &[Sample]) -> Option<Fit> {
    let samples = window(samples);
    let n = samples.len();
    if n < 2 {
        return None;
    }
    let (x, centre) = centred_days(samples);
    let y: Vec<f64> = samples.iter().map(|s| s.used_bytes).collect();
    let nf = n as f64;
    let mean_x = x.iter().sum::<f64>() / nf; // ~0 by construction; kept for exactness
    let mean_y = y.iter().sum::<f64>() / nf;
    let sxx: f64 = x.iter().map(|xi| (xi - mean_x).powi(2)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let sxy: f64 = x.iter().zip(&y).map(|(xi, yi)| (xi - mean_x) * (yi - mean_y)).sum();
    let slope = sxy / sxx;
    let level = mean_y - slope * mean_x;
    let half_width = if n > 2 {
        let ssr: f64 = x.iter().zip(&y).map(|(xi, yi)| (yi - level - slope * xi).powi(2)).sum();
        let se = (ssr / (nf - 2.0) / sxx).sqrt();
        student_t_90(n - 2) * se
    } else {
        0.0
    };
    Some(Fit { centre, level, slope, slope_low: slope - half_width, slope_high: slope + half_width })
}

/// The 0.90 quantile of Student's t with `df` degrees of freedom: exact for 1
/// to 4 (tabulated), otherwise the Cornish–Fisher expansion (Abramowitz & Stegun
/// 26.7.5), within 1e-4 of the exact value from 5 degrees of freedom on.
#[must_use]
pub(crate) fn student_t_90(df: usize) -> f64 {
    match df {
        0 => f64::INFINITY,
        1 => 3.077_683_537_175_253,
        2 => 1.885_618_083_164_126_7,
        3 => 1.637_744_353_696_21,
        4 => 1.533_206_274_058_944,
        _ => {
            let z = Z90;
            let v = df as f64;
            let z2 = z * z;
            let z3 = z2 * z;
            let z5 = z3 * z2;
            let z7 = z5 * z2;
            let z9 = z7 * z2;
            let g1 = (z3 + z) / 4.0;
            let g2 = (5.0 * z5 + 16.0 * z3 + 3.0 * z) / 96.0;
            let g3 = (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / 384.0;
            let g4 = (79.0 * z9 + 776.0 * z7 + 1482.0 * z5 - 1920.0 * z3 - 945.0 * z) / 92160.0;
            z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: usize, start: i64, step: i64, base: f64, per_day: f64) -> Vec<Sample> {
        (0..n)
            .map(|i| {
                let t = start + step * i as i64;
                Sample { timestamp: t, used_bytes: base + per_day * (t - start) as f64 / DAY }
            })
            .collect()
    }

    #[test]
    fn exact_line_is_recovered_by_both() {
        let s = line(30, 1_700_000_000, 86_400, 5e9, 2e8);
        for fit in [theil_sen(&s).unwrap(), least_squares(&s).unwrap()] {
            assert!((fit.slope - 2e8).abs() < 1e-3, "{fit:?}");
            assert!((fit.slope_low - 2e8).abs() < 1e-3 && (fit.slope_high - 2e8).abs() < 1e-3);
            let mid = 5e9 + 2e8 * 14.5;
            assert!((fit.level - mid).abs() < 1e-3, "{fit:?}");
            assert!((fit.centre - (1_700_000_000.0 + 14.5 * DAY)).abs() < 1e-6);
        }
    }

    #[test]
    fn fewer_than_two_samples_give_nothing() {
        assert!(theil_sen(&[]).is_none());
        assert!(least_squares(&line(1, 0, 1, 0.0, 0.0)).is_none());
    }

    #[test]
    fn t_quantiles_are_close_to_tables() {
        // Exact 0.90 quantiles (tables): df 3 -> 1.637744, 5 -> 1.475884, 10 -> 1.372184, 30 -> 1.310415.
        for (df, exact) in [(3, 1.637_744), (5, 1.475_884), (10, 1.372_184), (30, 1.310_415)] {
            assert!((student_t_90(df) - exact).abs() < 1e-4, "df {df}: {}", student_t_90(df));
        }
    }

    #[test]
    fn crossing_needs_a_rising_line() {
        let fit = Fit { centre: 1000.0, level: 10.0, slope: 5.0, slope_low: 0.0, slope_high: 6.0 };
        assert_eq!(fit.crossing(5.0, 20.0), Some(1000.0 + 2.0 * DAY));
        assert_eq!(fit.crossing(0.0, 20.0), None);
        assert_eq!(fit.crossing(-1.0, 20.0), None);
    }
}
