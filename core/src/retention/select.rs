//! `Retention::select`: which archives a policy keeps and why.

use serde::Serialize;
use serde_json::{Map, Value};

use super::archive::{ranking, validate_archives, Archive};
use super::policy::Policy;
use super::{backup_jlg, gfs, RetentionError};
use crate::id::Id;
use crate::quota::MAX_TIMESTAMP;

/// Why an archive is kept or deleted: short codes, several joined with `,`.
pub mod reason {
    /// Within the newest `by_number` normal archives.
    pub const NEWEST_N: &str = "newest_n";
    /// Not older than `by_age_days`.
    pub const WITHIN_AGE: &str = "within_age";
    /// A pre-restore backup not older than its maximum age.
    pub const PRE_RESTORE_RECENT: &str = "pre_restore_recent";
    /// Both Backup JLG rules are 0: nothing is deleted.
    pub const RULES_DISABLED: &str = "rules_disabled";
    /// The newest archive, which is never deleted.
    pub const NEWEST_SAFEGUARD: &str = "newest_safeguard";
    /// Beyond the newest `by_number` normal archives.
    pub const BEYOND_NEWEST_N: &str = "beyond_newest_n";
    /// Older than `by_age_days`.
    pub const OLDER_THAN_AGE: &str = "older_than_age";
    /// A pre-restore backup older than its maximum age.
    pub const PRE_RESTORE_EXPIRED: &str = "pre_restore_expired";
    /// GFS with every count 0 keeps everything (restic: "policy is empty").
    pub const POLICY_EMPTY: &str = "policy_empty";
    /// GFS: no rule selected it.
    pub const UNMATCHED: &str = "unmatched";
    /// GFS rule names, in restic's order.
    pub const GFS: [&str; 6] = ["last", "hourly", "daily", "weekly", "monthly", "yearly"];
}

/// The verdict on one archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub keep: bool,
    pub reason: String,
}

/// The result of [`select`], by index into the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Kept archives, newest first.
    pub keep: Vec<usize>,
    /// Deleted archives, newest first.
    pub delete: Vec<usize>,
    /// One reason per input archive, in input order.
    pub reasons: Vec<String>,
    /// Sum of the sizes of the deleted archives.
    pub freed_bytes: i64,
}

/// [`Selection`] with ids instead of indexes, shaped as the PHP array.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelectionReport {
    pub keep: Vec<Id>,
    pub delete: Vec<Id>,
    /// `{id: reason}` in ranking order (newest first).
    pub reasons: Map<String, Value>,
    pub freed_bytes: i64,
}

impl Selection {
    /// The report with the archives' ids.
    #[must_use]
    pub fn report(&self, archives: &[Archive]) -> SelectionReport {
        let mut reasons = Map::with_capacity(archives.len());
        for &i in self.keep.iter().chain(&self.delete) {
            reasons.insert(archives[i].id.key().into_owned(), Value::String(self.reasons[i].clone()));
        }
        SelectionReport {
            keep: self.keep.iter().map(|&i| archives[i].id.clone()).collect(),
            delete: self.delete.iter().map(|&i| archives[i].id.clone()).collect(),
            reasons,
            freed_bytes: self.freed_bytes,
        }
    }
}

/// Applies `policy` at `now`. The newest archive (ties: smallest id) is never
/// deleted, whatever the policy.
///
/// # Errors
/// [`RetentionError`] naming the archive field or policy key at fault.
pub fn select(archives: &[Archive], policy: &Policy, now: i64) -> Result<Selection, RetentionError> {
    validate_archives("archives", archives)?;
    policy.validate("policy")?;
    if !(0..=MAX_TIMESTAMP).contains(&now) {
        return Err(RetentionError::invalid("now", format!("{now} is not a Unix timestamp between 0 and {MAX_TIMESTAMP}")));
    }
    Ok(select_validated(archives, policy, now))
}

/// [`select`] without the checks, for callers that validated already (simulation).
pub(crate) fn select_validated(archives: &[Archive], policy: &Policy, now: i64) -> Selection {
    let order = ranking(archives);
    let mut decisions = match policy {
        Policy::BackupJlg(p) => backup_jlg::decide(archives, &order, p, now),
        Policy::Gfs(p) => gfs::decide(archives, &order, p),
    };
    if let Some(&newest) = order.first() {
        let d = &mut decisions[newest];
        if !d.keep {
            *d = Decision { keep: true, reason: reason::NEWEST_SAFEGUARD.to_owned() };
        }
    }
    let mut keep = Vec::new();
    let mut delete = Vec::new();
    let mut freed: i64 = 0;
    for &i in &order {
        if decisions[i].keep {
            keep.push(i);
        } else {
            delete.push(i);
            freed = freed.saturating_add(archives[i].size);
        }
    }
    Selection { keep, delete, reasons: decisions.into_iter().map(|d| d.reason).collect(), freed_bytes: freed }
}
