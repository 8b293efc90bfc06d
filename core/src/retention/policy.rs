//! The two policy shapes: Backup JLG's `{by_number, by_age_days}` and GFS
//! (`keep_last`, `keep_daily`, ... as restic's `forget --keep-*`).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::zone::Zone;
use super::RetentionError;

/// The largest count or number of days a policy accepts.
pub const MAX_COUNT: i64 = 1_000_000;

/// The marker Backup JLG puts in the names of the backups it takes before a restore.
pub const PRE_RESTORE_MARKER: &str = "pre-restore-backup";

const LEGACY_KEYS: [&str; 5] = ["by_number", "by_age", "by_age_days", "pre_restore_marker", "pre_restore_max_age_days"];

fn default_marker() -> Option<String> {
    Some(PRE_RESTORE_MARKER.to_owned())
}
fn seven() -> i64 {
    7
}

/// Backup JLG's rule: delete the union of archives older than `by_age_days` and
/// archives beyond the newest `by_number` (0 turns a rule off). Archives whose
/// id contains `pre_restore_marker` are ranked apart and deleted once older
/// than `pre_restore_max_age_days`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupJlgPolicy {
    #[serde(default)]
    pub by_number: i64,
    /// Backup JLG's own option key is `by_age`; both are accepted.
    #[serde(default, alias = "by_age")]
    pub by_age_days: i64,
    /// `null` or `""` treats every archive as a normal one.
    #[serde(default = "default_marker")]
    pub pre_restore_marker: Option<String>,
    #[serde(default = "seven")]
    pub pre_restore_max_age_days: i64,
}

impl Default for BackupJlgPolicy {
    /// Backup JLG's defaults when its option is absent: `{by_number: 3, by_age: 0}`.
    fn default() -> Self {
        Self { by_number: 3, by_age_days: 0, pre_restore_marker: default_marker(), pre_restore_max_age_days: 7 }
    }
}

/// Grandfather-father-son counts, with restic's meaning: `n` keeps the newest
/// archive of each of the `n` most recent periods that have one; `-1` = every
/// period; 0 = rule off. Periods are read in `timezone`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GfsPolicy {
    #[serde(default)]
    pub keep_last: i64,
    #[serde(default)]
    pub keep_hourly: i64,
    #[serde(default)]
    pub keep_daily: i64,
    #[serde(default)]
    pub keep_weekly: i64,
    #[serde(default)]
    pub keep_monthly: i64,
    #[serde(default)]
    pub keep_yearly: i64,
    /// IANA name or offset; default UTC.
    #[serde(default)]
    pub timezone: Option<String>,
}

impl GfsPolicy {
    /// The counts in restic's order: last, hourly, daily, weekly, monthly, yearly.
    #[must_use]
    pub fn counts(&self) -> [i64; 6] {
        [self.keep_last, self.keep_hourly, self.keep_daily, self.keep_weekly, self.keep_monthly, self.keep_yearly]
    }

    /// Sets the counts in the order of [`Self::counts`].
    pub fn set_counts(&mut self, c: [i64; 6]) {
        [self.keep_last, self.keep_hourly, self.keep_daily, self.keep_weekly, self.keep_monthly, self.keep_yearly] = c;
    }

    /// True when no count is set: restic then keeps everything.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.counts().iter().all(|c| *c == 0)
    }

    /// The zone the calendar periods are read in.
    ///
    /// # Errors
    /// [`RetentionError::Invalid`] for an unknown zone.
    pub fn zone(&self) -> Result<Zone, RetentionError> {
        match self.timezone.as_deref() {
            None => Ok(Zone::default()),
            Some(t) => Zone::parse(t).map_err(|m| RetentionError::invalid("policy.timezone", m)),
        }
    }
}

/// A retention policy. Read it with [`Policy::from_value`], which tells the
/// shapes apart by their keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Policy {
    BackupJlg(BackupJlgPolicy),
    Gfs(GfsPolicy),
}

impl Default for Policy {
    fn default() -> Self {
        Self::BackupJlg(BackupJlgPolicy::default())
    }
}

fn typed<T: DeserializeOwned>(value: Value, name: &str) -> Result<T, RetentionError> {
    serde_path_to_error::deserialize(value).map_err(|err| {
        let inner = err.path().to_string();
        let field = if inner == "." || inner.is_empty() { name.to_owned() } else { format!("{name}.{inner}") };
        RetentionError::invalid(field, err.inner().to_string())
    })
}

fn check_count(field: &str, value: i64, allow_unlimited: bool) -> Result<(), RetentionError> {
    let min = if allow_unlimited { -1 } else { 0 };
    if value < min || value > MAX_COUNT {
        let what = if allow_unlimited { "a count from 0 to 1000000, or -1 for unlimited" } else { "from 0 to 1000000" };
        return Err(RetentionError::invalid(field, format!("must be {what}, got {value}")));
    }
    Ok(())
}

impl Policy {
    /// Reads a policy from a PHP array converted to JSON. The shape is told by
    /// its keys: `by_number`/`by_age_days` (or `by_age`) for Backup JLG's rule,
    /// `keep_*`/`timezone` for GFS. An empty array is Backup JLG's default
    /// `{by_number: 3, by_age_days: 0}`; a key of one shape in the other, or an
    /// unknown key, is an error naming it. `name` is the argument's name.
    ///
    /// # Errors
    /// [`RetentionError::Invalid`] naming `policy.<key>`.
    pub fn from_value(value: Value, name: &str) -> Result<Self, RetentionError> {
        let map = match value {
            Value::Array(a) if a.is_empty() => return Ok(Self::default()),
            Value::Object(m) => m,
            _ => {
                return Err(RetentionError::invalid(
                    name,
                    "must be an array with keys such as by_number, by_age_days or keep_daily",
                ))
            }
        };
        if map.is_empty() {
            return Ok(Self::default());
        }
        let legacy = map.keys().find(|k| LEGACY_KEYS.contains(&k.as_str())).cloned();
        let gfs = map.keys().find(|k| k.starts_with("keep_") || k.as_str() == "timezone").cloned();
        let policy = match (legacy, gfs) {
            (Some(l), Some(g)) => {
                return Err(RetentionError::invalid(
                    format!("{name}.{g}"),
                    format!("GFS keys (keep_*, timezone) cannot be mixed with Backup JLG keys ({l})"),
                ))
            }
            (None, Some(_)) => Self::Gfs(typed(Value::Object(map), name)?),
            (Some(_), None) => Self::BackupJlg(typed(Value::Object(map), name)?),
            (None, None) => {
                let key = map.keys().next().cloned().unwrap_or_default();
                return Err(RetentionError::invalid(
                    format!("{name}.{key}"),
                    "unknown key: expected by_number, by_age_days, pre_restore_marker, pre_restore_max_age_days, \
                     keep_last, keep_hourly, keep_daily, keep_weekly, keep_monthly, keep_yearly or timezone",
                ));
            }
        };
        policy.validate(name)?;
        Ok(policy)
    }

    /// Checks the ranges of every count and the time zone.
    ///
    /// # Errors
    /// [`RetentionError::Invalid`] naming `policy.<key>`.
    pub fn validate(&self, name: &str) -> Result<(), RetentionError> {
        match self {
            Self::BackupJlg(p) => {
                check_count(&format!("{name}.by_number"), p.by_number, false)?;
                check_count(&format!("{name}.by_age_days"), p.by_age_days, false)?;
                check_count(&format!("{name}.pre_restore_max_age_days"), p.pre_restore_max_age_days, false)?;
            }
            Self::Gfs(p) => {
                let names = ["keep_last", "keep_hourly", "keep_daily", "keep_weekly", "keep_monthly", "keep_yearly"];
                for (key, count) in names.iter().zip(p.counts()) {
                    check_count(&format!("{name}.{key}"), count, true)?;
                }
                p.zone().map_err(|e| match e {
                    RetentionError::Invalid { message, .. } => {
                        RetentionError::invalid(format!("{name}.timezone"), message)
                    }
                    other => other,
                })?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shapes_are_told_by_their_keys() {
        assert_eq!(Policy::from_value(json!([]), "policy").unwrap(), Policy::default());
        let p = Policy::from_value(json!({"by_number": 2, "by_age": 5}), "policy").unwrap();
        assert!(matches!(p, Policy::BackupJlg(BackupJlgPolicy { by_number: 2, by_age_days: 5, .. })));
        let p = Policy::from_value(json!({"keep_daily": 7, "timezone": "Europe/Paris"}), "policy").unwrap();
        assert!(matches!(p, Policy::Gfs(GfsPolicy { keep_daily: 7, .. })));
    }

    #[test]
    fn errors_name_the_key() {
        let e = Policy::from_value(json!({"keep_daily": 7, "by_number": 1}), "policy").unwrap_err();
        assert!(e.to_string().starts_with("policy.keep_daily: GFS keys"), "{e}");
        let e = Policy::from_value(json!({"keep_dialy": 7}), "policy").unwrap_err();
        assert!(e.to_string().starts_with("policy.keep_dialy: unknown field `keep_dialy`"), "{e}");
        let e = Policy::from_value(json!({"by_number": "3"}), "policy").unwrap_err();
        assert!(e.to_string().starts_with("policy.by_number: invalid type"), "{e}");
        let e = Policy::from_value(json!({"keep_last": -2}), "policy").unwrap_err();
        assert_eq!(e.to_string(), "policy.keep_last: must be a count from 0 to 1000000, or -1 for unlimited, got -2");
        let e = Policy::from_value(json!({"by_age_days": -1}), "policy").unwrap_err();
        assert!(e.to_string().starts_with("policy.by_age_days: must be from 0"), "{e}");
        let e = Policy::from_value(json!({"timezone": "Nowhere/Land"}), "policy").unwrap_err();
        assert!(e.to_string().starts_with("policy.timezone: \"Nowhere/Land\" is neither"), "{e}");
        let e = Policy::from_value(json!({"color": 1}), "policy").unwrap_err();
        assert!(e.to_string().starts_with("policy.color: unknown key"), "{e}");
        let e = Policy::from_value(json!([1]), "policy").unwrap_err();
        assert!(e.to_string().starts_with("policy: must be an array with keys"), "{e}");
    }
}
