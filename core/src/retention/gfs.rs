//! Grandfather-father-son selection with restic's `forget --keep-*` semantics
//! (internal/restic/snapshot_policy.go, `ApplyPolicy`):
//!
//! - archives are walked newest first (ties: byte order of the ids, where
//!   restic keeps its input order);
//! - each rule (last, hourly, daily, weekly, monthly, yearly) with a count left
//!   (or -1, unlimited) keeps an archive whose period differs from the period of
//!   the last archive that rule kept, and uses one count;
//! - the oldest archive is kept by every rule that still has a count left
//!   (restic >= 0.14: "keep the oldest snapshot in a bucket" to stretch history);
//! - periods are civil hours, days, ISO weeks, months and years in the policy's
//!   time zone; "last" gives every archive its own period;
//! - with every count 0 the policy is empty and everything is kept.

use super::archive::Archive;
use super::policy::GfsPolicy;
use super::select::{reason, Decision};
use super::zone::Civil;

fn period(rule: usize, c: &Civil, nr: usize) -> i64 {
    match rule {
        0 => nr as i64,
        1 => c.year * 1_000_000 + c.month * 10_000 + c.day * 100 + c.hour,
        2 => c.year * 10_000 + c.month * 100 + c.day,
        3 => c.iso_year * 100 + c.iso_week,
        4 => c.year * 100 + c.month,
        _ => c.year,
    }
}

pub(crate) fn decide(archives: &[Archive], order: &[usize], p: &GfsPolicy) -> Vec<Decision> {
    if p.is_empty() {
        return vec![Decision { keep: true, reason: reason::POLICY_EMPTY.to_owned() }; archives.len()];
    }
    let zone = p.zone().unwrap_or_default();
    let mut counts = p.counts();
    let mut last: [Option<i64>; 6] = [None; 6];
    let mut out = vec![Decision { keep: false, reason: reason::UNMATCHED.to_owned() }; archives.len()];
    let oldest = order.len().saturating_sub(1);
    for (nr, &i) in order.iter().enumerate() {
        let civil = zone.civil(archives[i].timestamp);
        let mut why: Vec<&str> = Vec::new();
        for rule in 0..6 {
            if counts[rule] > 0 || counts[rule] == -1 {
                let val = period(rule, &civil, nr);
                if last[rule] != Some(val) || nr == oldest {
                    last[rule] = Some(val);
                    if counts[rule] > 0 {
                        counts[rule] -= 1;
                    }
                    why.push(reason::GFS[rule]);
                }
            }
        }
        if !why.is_empty() {
            out[i] = Decision { keep: true, reason: why.join(",") };
        }
    }
    out
}
