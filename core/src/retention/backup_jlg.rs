//! Backup JLG's retention rule (class-bjlg-cleanup.php `cleanup_backups`).
//!
//! - Both rules 0: nothing is deleted, pre-restore backups included.
//! - Archives whose id contains the pre-restore marker are deleted once
//!   strictly older than `pre_restore_max_age_days` and never counted by `by_number`.
//! - Normal archives: deleted when strictly older than `by_age_days` (if > 0),
//!   or beyond the newest `by_number` (if > 0), ranked newest first with ties in
//!   byte order of the ids. The union of both.

use super::archive::Archive;
use super::policy::BackupJlgPolicy;
use super::select::{reason, Decision};

const DAY: i64 = 86_400;

fn join(parts: &[&str]) -> String {
    parts.join(",")
}

pub(crate) fn decide(archives: &[Archive], order: &[usize], p: &BackupJlgPolicy, now: i64) -> Vec<Decision> {
    let mut out = vec![Decision { keep: true, reason: reason::RULES_DISABLED.to_owned() }; archives.len()];
    if p.by_number == 0 && p.by_age_days == 0 {
        return out;
    }
    let marker = p.pre_restore_marker.as_deref().filter(|m| !m.is_empty());
    let age_limit = p.by_age_days.saturating_mul(DAY);
    let pre_limit = p.pre_restore_max_age_days.saturating_mul(DAY);
    let by_number = usize::try_from(p.by_number).unwrap_or(usize::MAX);
    let normal_count = order
        .iter()
        .filter(|&&i| marker.is_none_or(|m| !archives[i].id.key().contains(m)))
        .count();
    let mut rank = 0usize;
    for &i in order {
        let a = &archives[i];
        let age = now.saturating_sub(a.timestamp);
        if marker.is_some_and(|m| a.id.key().contains(m)) {
            out[i] = if age > pre_limit {
                Decision { keep: false, reason: reason::PRE_RESTORE_EXPIRED.to_owned() }
            } else {
                Decision { keep: true, reason: reason::PRE_RESTORE_RECENT.to_owned() }
            };
            continue;
        }
        let too_old = p.by_age_days > 0 && age > age_limit;
        let beyond = p.by_number > 0 && normal_count > by_number && rank >= by_number;
        rank += 1;
        out[i] = if too_old || beyond {
            let mut why = Vec::with_capacity(2);
            if beyond {
                why.push(reason::BEYOND_NEWEST_N);
            }
            if too_old {
                why.push(reason::OLDER_THAN_AGE);
            }
            Decision { keep: false, reason: join(&why) }
        } else {
            let mut why = Vec::with_capacity(2);
            if p.by_number > 0 {
                why.push(reason::NEWEST_N);
            }
            if p.by_age_days > 0 {
                why.push(reason::WITHIN_AGE);
            }
            Decision { keep: true, reason: join(&why) }
        };
    }
    out
}
