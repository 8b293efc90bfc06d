//! Threshold ramps: how a raw metric becomes a severity ratio in `0..=1`.

/// Clamps SitePulse applies to a threshold pair: warning at least 0.01,
/// critical at least warning + 0.01.
fn clamp_thresholds(warning: f64, critical: f64) -> (f64, f64) {
    let warning = php_max(0.01, warning);
    let critical = php_max(warning + 0.01, critical);
    (warning, critical)
}

/// PHP's `max($a, $b)` for two floats: the first wins a tie.
fn php_max(a: f64, b: f64) -> f64 {
    if b > a { b } else { a }
}

/// SitePulse's `sitepulse_plugin_impact_normalize_ratio` (parity).
///
/// Below the warning it returns `value / warning` (so 1.0 AT the warning),
/// between warning and critical `(value - warning) / (critical - warning)`
/// (so about 0 just above the warning): a jump from 1 to 0 at the warning.
#[must_use]
pub fn sitepulse_ratio(value: f64, warning: f64, critical: f64, allow_below: bool) -> f64 {
    let value = php_max(value, 0.0);
    let (warning, critical) = clamp_thresholds(warning, critical);
    if value >= critical {
        return 1.0;
    }
    if value <= warning {
        if !allow_below {
            return 0.0;
        }
        return (value / warning).min(1.0);
    }
    ((value - warning) / (critical - warning)).min(1.0)
}

/// The continuous ramp of the default model: 0 at 0, 0.5 at the warning,
/// 1 at the critical threshold, linear in between, 1 above. Same clamps as
/// SitePulse; never decreases when the value grows.
#[must_use]
pub fn continuous_ratio(value: f64, warning: f64, critical: f64) -> f64 {
    let value = if value.is_nan() { 0.0 } else { value.max(0.0) };
    let (warning, critical) = clamp_thresholds(warning, critical);
    if value >= critical {
        1.0
    } else if value <= warning {
        0.5 * (value / warning)
    } else {
        (0.5 + 0.5 * ((value - warning) / (critical - warning))).min(1.0)
    }
}

/// Direction of a metric for [`severity_ratio`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Larger values are worse (latency, backlog).
    HigherIsWorse,
    /// Larger values are better (uptime).
    HigherIsBetter,
}

/// SitePulse's `sitepulse_custom_dashboard_calculate_severity_ratio` (parity):
/// 0 at or on the good side of the warning, 1 at or past the critical
/// threshold, linear in between. A critical threshold on the wrong side of
/// the warning becomes warning ± 0.1.
#[must_use]
pub fn severity_ratio(metric: f64, warning: f64, critical: f64, direction: Direction) -> f64 {
    match direction {
        Direction::HigherIsBetter => {
            let critical = if critical >= warning { warning - 0.1 } else { critical };
            if metric >= warning {
                return 0.0;
            }
            if metric <= critical {
                return 1.0;
            }
            let range = warning - critical;
            if range <= 0.0 {
                return if metric <= warning { 1.0 } else { 0.0 };
            }
            ((warning - metric) / range).max(0.0).min(1.0)
        }
        Direction::HigherIsWorse => {
            let critical = if critical <= warning { warning + 0.1 } else { critical };
            if metric <= warning {
                return 0.0;
            }
            if metric >= critical {
                return 1.0;
            }
            let range = critical - warning;
            if range <= 0.0 {
                return if metric >= warning { 1.0 } else { 0.0 };
            }
            ((metric - warning) / range).max(0.0).min(1.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitepulse_jumps_at_warning() {
        assert!((sitepulse_ratio(29.9, 30.0, 60.0, true) - 0.9966666666666666).abs() < 1e-12);
        assert!((sitepulse_ratio(30.1, 30.0, 60.0, true) - 0.003333333333333381).abs() < 1e-12);
        assert_eq!(sitepulse_ratio(30.0, 30.0, 60.0, true), 1.0);
        assert_eq!(sitepulse_ratio(15.0, 30.0, 60.0, false), 0.0);
    }

    #[test]
    fn continuous_has_no_jump() {
        let below = continuous_ratio(29.999_999, 30.0, 60.0);
        let above = continuous_ratio(30.000_001, 30.0, 60.0);
        assert!((above - below).abs() < 1e-6);
        assert_eq!(continuous_ratio(30.0, 30.0, 60.0), 0.5);
        assert_eq!(continuous_ratio(0.0, 30.0, 60.0), 0.0);
        assert_eq!(continuous_ratio(60.0, 30.0, 60.0), 1.0);
        assert_eq!(continuous_ratio(45.0, 30.0, 60.0), 0.75);
        let mut last = 0.0;
        for i in 0..2000 {
            let r = continuous_ratio(f64::from(i) * 0.05, 30.0, 60.0);
            assert!(r >= last);
            last = r;
        }
    }

    #[test]
    fn severity_directions() {
        assert_eq!(severity_ratio(99.0, 99.0, 98.0, Direction::HigherIsBetter), 0.0);
        assert_eq!(severity_ratio(97.0, 99.0, 98.0, Direction::HigherIsBetter), 1.0);
        assert_eq!(severity_ratio(2.0, 1.0, 3.0, Direction::HigherIsWorse), 0.5);
        assert_eq!(severity_ratio(200.0, 200.0, 200.0, Direction::HigherIsWorse), 0.0);
    }
}
