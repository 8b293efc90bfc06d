//! `Retention::recommend`: the largest policy whose projected usage stays under a target.

use serde::Serialize;

use super::archive::{ranking, validate_archives, Archive};
use super::policy::{GfsPolicy, Policy};
use super::select::select_validated;
use super::simulate::run;
use super::RetentionError;
use crate::id::Id;
use crate::stats;

/// The largest `by_number` considered.
pub const MAX_RECOMMENDED_COUNT: i64 = 10_000;
/// How many of the newest archives give the typical size and interval.
pub const RECENT: usize = 30;
/// The most simulated steps per candidate GFS policy.
pub const MAX_PROJECTION_STEPS: i64 = 2_000;

const DAY: i64 = 86_400;

/// The result of [`recommend`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    pub policy: Policy,
    /// Usage the policy settles at (after each purge), bytes.
    pub projected_used_bytes: i64,
    /// `quota_bytes * target_ratio`, rounded down.
    pub target_bytes: i64,
    /// False when even the smallest policy (one archive) exceeds the target.
    pub fits: bool,
}

/// Finds the largest policy of the given shape that stays under
/// `quota_bytes * target_ratio`.
///
/// - Backup JLG shape (or an empty policy): the largest `by_number` (1 to
///   10,000); its usage is what the policy keeps of the current archives, plus,
///   beyond the archives present, one p90-sized archive per extra count.
/// - GFS: the counts are scaled together (`ceil(count * j / max)`, j = 1 to the
///   largest count, so the given counts are the ceiling) and each candidate is
///   simulated with future archives of the p90 size at the median interval until
///   every rule is full; the usage is the highest after-purge value.
///
/// The p90 size and median interval come from the 30 newest archives; the
/// projection starts at the newest archive's timestamp.
///
/// # Errors
/// [`RetentionError`] for bad input, no archives, or an unlimited (-1) GFS count.
pub fn recommend(archives: &[Archive], quota_bytes: i64, target_ratio: f64, policy: &Policy) -> Result<Recommendation, RetentionError> {
    validate_archives("archives", archives)?;
    policy.validate("policy")?;
    if quota_bytes <= 0 {
        return Err(RetentionError::invalid("quotaBytes", format!("must be a positive number of bytes, got {quota_bytes}")));
    }
    if !(target_ratio > 0.0 && target_ratio <= 1.0) {
        return Err(RetentionError::invalid("targetRatio", format!("must be greater than 0 and at most 1, got {target_ratio}")));
    }
    if archives.is_empty() {
        return Err(RetentionError::invalid("archives", "at least one archive is needed to project sizes"));
    }
    let target = (quota_bytes as f64 * target_ratio).floor() as i64;
    let order = ranking(archives);
    let recent: Vec<usize> = order.iter().copied().take(RECENT).collect();
    let sizes = stats::sorted(&recent.iter().map(|&i| archives[i].size as f64).collect::<Vec<_>>());
    let p90 = stats::percentile(&sizes, 90.0).unwrap_or(0.0).ceil() as i64;
    let newest = archives[order[0]].timestamp;

    match policy {
        Policy::BackupJlg(p) => {
            let normal = match p.pre_restore_marker.as_deref().filter(|m| !m.is_empty()) {
                Some(m) => archives.iter().filter(|a| !a.id.key().contains(m)).count() as i64,
                None => archives.len() as i64,
            };
            let projected = |n: i64| -> (Policy, i64) {
                let candidate = Policy::BackupJlg(super::policy::BackupJlgPolicy { by_number: n, ..p.clone() });
                let sel = select_validated(archives, &candidate, newest);
                let kept = sel.keep.iter().fold(0i64, |s, &i| s.saturating_add(archives[i].size));
                (candidate, kept.saturating_add((n - normal).max(0).saturating_mul(p90)))
            };
            Ok(search(1, MAX_RECOMMENDED_COUNT, target, projected))
        }
        Policy::Gfs(p) => {
            let counts = p.counts();
            let names = ["keep_last", "keep_hourly", "keep_daily", "keep_weekly", "keep_monthly", "keep_yearly"];
            if let Some(k) = counts.iter().position(|c| *c < 0) {
                return Err(RetentionError::invalid(
                    format!("policy.{}", names[k]),
                    "recommend needs finite counts: -1 (unlimited) cannot be projected",
                ));
            }
            let max = counts.iter().copied().max().unwrap_or(0);
            if max == 0 {
                return Err(RetentionError::invalid("policy", "a GFS policy for recommend needs at least one count above 0"));
            }
            let gaps: Vec<f64> = recent.windows(2).map(|w| (archives[w[0]].timestamp - archives[w[1]].timestamp) as f64).collect();
            let interval = stats::median(&stats::sorted(&gaps)).map_or(DAY, |g| (g.round() as i64).max(60));
            let projected = |j: i64| -> (Policy, i64) {
                let mut scaled = counts;
                for c in &mut scaled {
                    if *c > 0 {
                        *c = (*c * j + max - 1) / max;
                    }
                }
                let mut gp: GfsPolicy = p.clone();
                gp.set_counts(scaled);
                let candidate = Policy::Gfs(gp);
                let horizon = [scaled[0] * interval, scaled[1] * 3600, scaled[2] * DAY, scaled[3] * 7 * DAY, scaled[4] * 31 * DAY, scaled[5] * 366 * DAY]
                    .into_iter()
                    .max()
                    .unwrap_or(0)
                    .saturating_add(interval);
                let step = interval.max(horizon / MAX_PROJECTION_STEPS + 1);
                let steps = (horizon / step).clamp(1, MAX_PROJECTION_STEPS);
                let coming: Vec<Archive> = (1..=steps)
                    .map(|n| Archive { id: Id::Str(format!("\u{0}projected-{n}")), timestamp: newest.saturating_add(n * step), size: p90 })
                    .collect();
                let sim = run(archives.to_vec(), &candidate, coming);
                let settled = sim.steps.iter().map(|s| s.used_after_bytes).max().unwrap_or(sim.final_used_bytes);
                (candidate, settled)
            };
            Ok(search(1, max, target, projected))
        }
    }
}

/// Binary search for the largest `n` in `[lo, hi]` whose projection fits,
/// assuming projections grow with `n`; `lo` with `fits: false` when none does.
fn search(lo: i64, hi: i64, target: i64, projected: impl Fn(i64) -> (Policy, i64)) -> Recommendation {
    let (first_policy, first_used) = projected(lo);
    if first_used > target {
        return Recommendation { policy: first_policy, projected_used_bytes: first_used, target_bytes: target, fits: false };
    }
    let (mut good, mut good_result) = (lo, (first_policy, first_used));
    let mut high = hi;
    while good < high {
        let mid = good + (high - good + 1) / 2;
        let r = projected(mid);
        if r.1 <= target {
            good = mid;
            good_result = r;
        } else {
            high = mid - 1;
        }
    }
    Recommendation { policy: good_result.0, projected_used_bytes: good_result.1, target_bytes: target, fits: true }
}
