//! `Quota::aggregate`: several destinations seen as one, the way Backup JLG sums them.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::sample::check_bytes;
use super::QuotaError;
use crate::id::Id;

/// The most destinations one call accepts.
pub const MAX_DESTINATIONS: usize = 10_000;

/// One storage destination. The other keys Backup JLG keeps per destination
/// (`free_bytes`, `latency_ms`, `errors`) are accepted and ignored, so its
/// records can be passed as they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Destination {
    pub id: Id,
    pub used_bytes: f64,
    /// `None` (or absent) = unlimited.
    #[serde(default)]
    pub quota_bytes: Option<f64>,
    #[serde(default, skip_serializing)]
    pub free_bytes: Option<serde_json::Value>,
    #[serde(default, skip_serializing)]
    pub latency_ms: Option<serde_json::Value>,
    #[serde(default, skip_serializing)]
    pub errors: Option<serde_json::Value>,
}

/// Backup JLG's storage levels: >= 0.95 danger, >= 0.85 warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StorageLevel {
    /// No destination with a quota.
    Unknown,
    Ok,
    Warning,
    Danger,
}

impl StorageLevel {
    /// The level of a used ratio (`None` = no quota).
    #[must_use]
    pub fn from_ratio(ratio: Option<f64>) -> Self {
        match ratio {
            None => Self::Unknown,
            Some(r) if r >= 0.95 => Self::Danger,
            Some(r) if r >= 0.85 => Self::Warning,
            Some(_) => Self::Ok,
        }
    }
}

/// One destination in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DestinationReport {
    pub id: Id,
    pub used_bytes: i64,
    pub quota_bytes: Option<i64>,
    pub used_ratio: Option<f64>,
    pub level: StorageLevel,
}

/// The result of [`aggregate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    /// Bytes used on every destination, unlimited ones included.
    pub used_bytes: i64,
    /// Sum of the quotas of limited destinations; `None` when none is limited.
    pub quota_bytes: Option<i64>,
    /// Used bytes of limited destinations over the sum of their quotas.
    pub used_ratio: Option<f64>,
    pub level: StorageLevel,
    /// The limited destination with the highest ratio (first one on ties).
    pub worst: Option<Id>,
    pub per_destination: Vec<DestinationReport>,
}

/// Sums destinations. Unlimited destinations count in `used_bytes` and are
/// reported, but are left out of the ratio (dividing by them would hide a full
/// destination behind an unlimited one).
///
/// # Errors
/// [`QuotaError::Invalid`] naming `destinations[i].<field>` for a bad value or a
/// repeated id.
pub fn aggregate(destinations: &[Destination]) -> Result<Aggregate, QuotaError> {
    if destinations.len() > MAX_DESTINATIONS {
        return Err(QuotaError::invalid(
            "destinations",
            format!("{} destinations is more than the maximum of {MAX_DESTINATIONS}", destinations.len()),
        ));
    }
    let mut seen = HashSet::with_capacity(destinations.len());
    let mut used_all = 0.0;
    let mut used_limited = 0.0;
    let mut quota_limited = 0.0;
    let mut any_limited = false;
    let mut worst: Option<(f64, &Id)> = None;
    let mut per = Vec::with_capacity(destinations.len());
    for (i, d) in destinations.iter().enumerate() {
        if !seen.insert(d.id.canonical()) {
            return Err(QuotaError::invalid(format!("destinations[{i}].id"), format!("duplicate id {}", d.id)));
        }
        let used = check_bytes(&format!("destinations[{i}].used_bytes"), d.used_bytes)?;
        used_all += used;
        let quota = match d.quota_bytes {
            Some(q) => {
                let q = check_bytes(&format!("destinations[{i}].quota_bytes"), q)?;
                if q <= 0.0 {
                    return Err(QuotaError::invalid(
                        format!("destinations[{i}].quota_bytes"),
                        "must be a positive number of bytes, or null for unlimited",
                    ));
                }
                Some(q)
            }
            None => None,
        };
        let ratio = quota.map(|q| used / q);
        if let (Some(q), Some(r)) = (quota, ratio) {
            any_limited = true;
            used_limited += used;
            quota_limited += q;
            if worst.is_none_or(|(w, _)| r > w) {
                worst = Some((r, &d.id));
            }
        }
        per.push(DestinationReport {
            id: d.id.clone(),
            used_bytes: used.round() as i64,
            quota_bytes: quota.map(|q| q.round() as i64),
            used_ratio: ratio,
            level: StorageLevel::from_ratio(ratio),
        });
    }
    let used_ratio = any_limited.then(|| used_limited / quota_limited);
    Ok(Aggregate {
        used_bytes: used_all.round() as i64,
        quota_bytes: any_limited.then(|| quota_limited.round() as i64),
        used_ratio,
        level: StorageLevel::from_ratio(used_ratio),
        worst: worst.map(|(_, id)| id.clone()),
        per_destination: per,
    })
}
