//! `Retention::simulate`: storage use over time when the policy runs after each new archive.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::archive::{validate_archives, Archive};
use super::policy::Policy;
use super::select::select_validated;
use super::RetentionError;
use crate::id::Id;

/// The most future archives one simulation accepts.
pub const MAX_STEPS: usize = 10_000;
/// Bound on the work of one simulation: steps x archives alive.
pub const MAX_WORK: usize = 20_000_000;

/// Regular future archives: `count` archives of `size` bytes, the first at
/// `start`, then every `interval_seconds`, named `<id_prefix><n>` (n from 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub start: i64,
    pub interval_seconds: i64,
    pub count: i64,
    pub size: i64,
    #[serde(default)]
    pub id_prefix: Option<String>,
}

/// The archives to come: an explicit list (oldest first) or a schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Future {
    Archives(Vec<Archive>),
    Schedule(Schedule),
}

fn typed<T: serde::de::DeserializeOwned>(value: Value, name: &str) -> Result<T, RetentionError> {
    serde_path_to_error::deserialize(value).map_err(|err| {
        let inner = err.path().to_string();
        let field = if inner == "." || inner.is_empty() {
            name.to_owned()
        } else if inner.starts_with('[') {
            format!("{name}{inner}")
        } else {
            format!("{name}.{inner}")
        };
        RetentionError::invalid(field, err.inner().to_string())
    })
}

impl Future {
    /// Reads `future` from a PHP array converted to JSON: a list of
    /// `{id, timestamp, size}` or a schedule `{start, interval_seconds, count, size, id_prefix?}`.
    ///
    /// # Errors
    /// [`RetentionError::Invalid`] naming the field.
    pub fn from_value(value: Value, name: &str) -> Result<Self, RetentionError> {
        match value {
            Value::Array(_) => Ok(Self::Archives(typed(value, name)?)),
            Value::Object(_) => Ok(Self::Schedule(typed(value, name)?)),
            _ => Err(RetentionError::invalid(name, "must be a list of archives or a schedule {start, interval_seconds, count, size}")),
        }
    }

    /// The archives, generated for a schedule.
    ///
    /// # Errors
    /// [`RetentionError`] for an out-of-range schedule.
    pub fn archives(&self, name: &str) -> Result<Vec<Archive>, RetentionError> {
        match self {
            Self::Archives(list) => Ok(list.clone()),
            Self::Schedule(s) => {
                if s.count < 0 || s.count as usize > MAX_STEPS {
                    return Err(RetentionError::too_large(
                        format!("{name}.count"),
                        format!("must be from 0 to {MAX_STEPS}, got {}", s.count),
                    ));
                }
                if s.interval_seconds <= 0 {
                    return Err(RetentionError::invalid(
                        format!("{name}.interval_seconds"),
                        format!("must be positive, got {}", s.interval_seconds),
                    ));
                }
                let prefix = s.id_prefix.clone().unwrap_or_else(|| "future-".to_owned());
                (0..s.count)
                    .map(|n| {
                        let ts = s.interval_seconds.checked_mul(n).and_then(|d| s.start.checked_add(d));
                        let ts = ts.ok_or_else(|| {
                            RetentionError::invalid(format!("{name}.interval_seconds"), "the schedule runs past year 9999")
                        })?;
                        Ok(Archive { id: Id::Str(format!("{prefix}{}", n + 1)), timestamp: ts, size: s.size })
                    })
                    .collect()
            }
        }
    }
}

/// One run of the policy, right after a new archive was added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub timestamp: i64,
    pub added: Id,
    /// Usage with the new archive, before the purge (the peak of the step).
    pub used_before_bytes: i64,
    /// Usage after the purge.
    pub used_after_bytes: i64,
    /// Archives left after the purge.
    pub archives: usize,
    pub deleted: Vec<Id>,
}

/// The result of [`simulate`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simulation {
    pub steps: Vec<Step>,
    /// Highest usage seen (before a purge); the current usage without steps.
    pub peak_used_bytes: i64,
    pub final_used_bytes: i64,
    /// Ids left at the end, newest first.
    pub keep: Vec<Id>,
}

fn total(archives: &[Archive]) -> i64 {
    archives.iter().fold(0i64, |s, a| s.saturating_add(a.size))
}

/// Adds each future archive in turn and runs the policy at its timestamp, the
/// way Backup JLG cleans up after each backup.
///
/// # Errors
/// [`RetentionError`] for bad archives, future archives out of order or
/// colliding with existing ids, or a simulation beyond [`MAX_STEPS`]/[`MAX_WORK`].
pub fn simulate(archives: &[Archive], policy: &Policy, future: &Future) -> Result<Simulation, RetentionError> {
    validate_archives("archives", archives)?;
    policy.validate("policy")?;
    let coming = future.archives("future")?;
    if coming.len() > MAX_STEPS {
        return Err(RetentionError::too_large("future", format!("{} future archives is more than {MAX_STEPS}", coming.len())));
    }
    validate_archives("future", &coming)?;
    let existing: std::collections::HashSet<Id> = archives.iter().map(|a| a.id.canonical()).collect();
    for (i, a) in coming.iter().enumerate() {
        if existing.contains(&a.id.canonical()) {
            return Err(RetentionError::invalid(format!("future[{i}].id"), format!("{} is already the id of an archive", a.id)));
        }
        if i > 0 && a.timestamp < coming[i - 1].timestamp {
            return Err(RetentionError::invalid(
                format!("future[{i}].timestamp"),
                format!("{} is earlier than future[{}]: future archives must be sorted oldest first", a.timestamp, i - 1),
            ));
        }
    }
    let work = coming.len().saturating_mul(archives.len() + coming.len());
    if work > MAX_WORK {
        return Err(RetentionError::too_large(
            "future",
            format!("{} steps over up to {} archives is beyond the simulation bound", coming.len(), archives.len() + coming.len()),
        ));
    }
    Ok(run(archives.to_vec(), policy, coming))
}

pub(crate) fn run(mut alive: Vec<Archive>, policy: &Policy, coming: Vec<Archive>) -> Simulation {
    let mut peak = total(&alive);
    let mut steps = Vec::with_capacity(coming.len());
    for a in coming {
        let (timestamp, added) = (a.timestamp, a.id.clone());
        alive.push(a);
        let before = total(&alive);
        peak = peak.max(before);
        let sel = select_validated(&alive, policy, timestamp);
        let deleted: Vec<Id> = sel.delete.iter().map(|&i| alive[i].id.clone()).collect();
        let mut keep_mask = vec![false; alive.len()];
        for &i in &sel.keep {
            keep_mask[i] = true;
        }
        let mut k = 0;
        alive.retain(|_| {
            k += 1;
            keep_mask[k - 1]
        });
        steps.push(Step {
            timestamp,
            added,
            used_before_bytes: before,
            used_after_bytes: total(&alive),
            archives: alive.len(),
            deleted,
        });
    }
    let order = super::archive::ranking(&alive);
    Simulation {
        steps,
        peak_used_bytes: peak,
        final_used_bytes: total(&alive),
        keep: order.iter().map(|&i| alive[i].id.clone()).collect(),
    }
}
