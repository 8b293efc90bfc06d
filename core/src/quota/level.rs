//! Alert levels of a projection.

use serde::{Deserialize, Serialize};

/// How soon a destination reaches its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Fewer than two samples: no trend yet.
    Unknown,
    /// Not within 30 days, never, or no quota.
    Ok,
    /// Within 30 days.
    Watch,
    /// Within 3 days.
    Warning,
    /// Within 1 day, or already there.
    Critical,
}

impl Level {
    /// The level for a number of days to the threshold (`None` = never).
    #[must_use]
    pub fn from_days(days: Option<f64>) -> Self {
        match days {
            None => Self::Ok,
            Some(d) if d <= 1.0 => Self::Critical,
            Some(d) if d <= 3.0 => Self::Warning,
            Some(d) if d <= 30.0 => Self::Watch,
            Some(_) => Self::Ok,
        }
    }

    /// The lowercase name used in PHP arrays.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::Ok => "ok",
            Self::Watch => "watch",
            Self::Warning => "warning",
            Self::Critical => "critical",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_are_inclusive() {
        assert_eq!(Level::from_days(Some(0.0)), Level::Critical);
        assert_eq!(Level::from_days(Some(1.0)), Level::Critical);
        assert_eq!(Level::from_days(Some(1.000_01)), Level::Warning);
        assert_eq!(Level::from_days(Some(3.0)), Level::Warning);
        assert_eq!(Level::from_days(Some(30.0)), Level::Watch);
        assert_eq!(Level::from_days(Some(30.5)), Level::Ok);
        assert_eq!(Level::from_days(None), Level::Ok);
    }
}
