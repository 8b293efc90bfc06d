//! Lint: what an expression does that its author may not expect.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::syntax::{FieldKind, Item};
use super::CronExpression;

/// Seconds in a (non-leap) year: the horizon of the run-based checks.
pub(crate) const YEAR: i64 = 365 * 86_400;

/// Options of [`CronExpression::lint`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LintOptions {
    /// Shortest acceptable interval between runs, in seconds (default 300).
    pub min_interval: u64,
    /// Instant the checks start from (default: now).
    pub from: Option<i64>,
}

impl Default for LintOptions {
    fn default() -> Self {
        Self { min_interval: 300, from: None }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// `never_runs`, `rare`, `or_rule`, `dst_gap`, `dst_overlap`, `too_frequent`, `top_of_hour`.
    pub code: &'static str,
    /// `info`, `warning` or `error`.
    pub severity: &'static str,
    pub message: String,
}

fn warning(code: &'static str, severity: &'static str, message: String) -> Warning {
    Warning { code, severity, message }
}

/// Minutes of the day at which the expression fires, ascending.
pub(crate) fn times_of_day(cron: &CronExpression) -> Vec<i64> {
    let p = cron.parsed();
    let minutes = p.field(FieldKind::Minute).bits();
    let hours = p.field(FieldKind::Hour).bits();
    let mut out = Vec::new();
    for h in 0..24 {
        if hours & (1 << h) != 0 {
            for m in 0..60 {
                if minutes & (1 << m) != 0 {
                    out.push(h * 60 + m);
                }
            }
        }
    }
    out
}

/// Shortest wall clock interval between two runs, in seconds, looking at the
/// times of day and at the matching days of the two years from `from`.
/// `None` when fewer than two runs exist in that window.
pub(crate) fn min_interval(cron: &CronExpression, from: i64) -> Option<i64> {
    if cron.never_runs() {
        return None;
    }
    let times = times_of_day(cron);
    let (first, last) = (*times.first()?, *times.last()?);
    let mut best: Option<i64> = times.windows(2).map(|w| w[1] - w[0]).min();
    let start = cron.schedule().zone.wall(from).date();
    let mut previous: Option<NaiveDate> = None;
    let mut day = start;
    for _ in 0..(2 * 366) {
        if cron.schedule().day_matches(day) {
            if let Some(p) = previous {
                let gap = (day - p).num_days() * 1440 - last + first;
                best = Some(best.map_or(gap, |b| b.min(gap)));
                if (day - p).num_days() == 1 {
                    break; // consecutive days: nothing can be closer across days
                }
            }
            previous = Some(day);
        }
        match day.checked_add_signed(Duration::days(1)) {
            Some(d) => day = d,
            None => break,
        }
    }
    best.map(|m| m * 60)
}

/// An expression with the same day fields that respects `min_interval`.
fn safer(cron: &CronExpression, min_interval: u64) -> String {
    let normalized = cron.normalized();
    let rest: Vec<&str> = normalized.split(' ').skip(2).collect();
    let minutes = min_interval.div_ceil(60).max(1);
    if minutes <= 60 {
        let step = [1u64, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60].into_iter().find(|d| *d >= minutes).unwrap_or(60);
        if step == 60 {
            return format!("0 * {}", rest.join(" "));
        }
        return format!("*/{step} * {}", rest.join(" "));
    }
    let hours = minutes.div_ceil(60);
    let step = [1u64, 2, 3, 4, 6, 8, 12].into_iter().find(|d| *d >= hours);
    match step {
        Some(1) => format!("0 * {}", rest.join(" ")),
        Some(h) => format!("0 */{h} {}", rest.join(" ")),
        None => format!("0 0 {}", rest.join(" ")),
    }
}

pub(crate) fn lint(cron: &CronExpression, min_interval_option: u64, from: i64) -> Vec<Warning> {
    let mut out = Vec::new();
    let p = cron.parsed();
    let dom = p.field(FieldKind::DayOfMonth);
    let dow = p.field(FieldKind::DayOfWeek);

    if cron.never_runs() {
        out.push(warning(
            "never_runs",
            "warning",
            format!(
                "'{}' never fires: no month it names has the day it names (the expression is valid but the job would never run)",
                cron.normalized()
            ),
        ));
        return out;
    }

    if !dom.is_star() && !dow.is_star() {
        out.push(warning(
            "or_rule",
            "warning",
            "both day-of-month and day-of-week are restricted: a day matches when EITHER matches (Vixie cron rule), not both".to_owned(),
        ));
    }

    // Runs in the coming year (up to 12 are enough to rule out "rare").
    let mut count = 0;
    let mut t = from;
    while count < 12 {
        match cron.schedule().next_after(t) {
            Some(run) if run.at <= from + YEAR => {
                count += 1;
                t = run.at;
            }
            _ => break,
        }
    }
    if count < 12 {
        out.push(warning(
            "rare",
            "info",
            format!("fires only {count} time{} in the next 365 days", if count == 1 { "" } else { "s" }),
        ));
    }

    let min_interval_option = i64::try_from(min_interval_option).unwrap_or(i64::MAX);
    if let Some(min) = min_interval(cron, from) {
        if min < min_interval_option {
            out.push(warning(
                "too_frequent",
                "error",
                format!(
                    "runs can be {min} s apart, below the minimum interval of {min_interval_option} s; a safer expression: '{}'",
                    safer(cron, min_interval_option as u64)
                ),
            ));
        }
    }

    let minute = p.field(FieldKind::Minute);
    let hour = p.field(FieldKind::Hour);
    if minute.items == [Item::Value(0)] && hour.has_star_or_step() {
        out.push(warning(
            "top_of_hour",
            "info",
            format!(
                "runs at minute 0, when many scheduled jobs start at once; an offset minute spreads the load, e.g. '{}'",
                {
                    let n = cron.normalized();
                    format!("17{}", &n[1..])
                }
            ),
        ));
    }

    // DST: a run in the next year that falls in a transition.
    let zone = &cron.schedule().zone;
    let mut gap_done = false;
    let mut overlap_done = false;
    for tr in zone.transitions(from, from + YEAR, 8) {
        let (start, end) = if tr.after > tr.before {
            (tr.wall_before(), tr.wall_after())
        } else {
            (tr.wall_after(), tr.wall_before())
        };
        if !cron.schedule().matches_between(&start, &end) {
            continue;
        }
        let window = format!(
            "{} {}-{}",
            start.format("%Y-%m-%d"),
            start.format("%H:%M"),
            end.format("%H:%M")
        );
        if tr.after > tr.before && !gap_done {
            gap_done = true;
            let what = if cron.is_fixed_time() {
                format!("the run fires once at {} instead", end.format("%H:%M"))
            } else {
                "runs in that window are skipped".to_owned()
            };
            out.push(warning(
                "dst_gap",
                "warning",
                format!("on {window} the clock jumps forward in {}: a scheduled time does not exist, {what}", zone.name()),
            ));
        } else if tr.after < tr.before && !overlap_done {
            overlap_done = true;
            let what = if cron.is_fixed_time() {
                "the run fires once, at the first occurrence"
            } else {
                "runs in that window fire in both occurrences"
            };
            out.push(warning(
                "dst_overlap",
                "warning",
                format!("on {window} the clock goes back in {}: a scheduled time happens twice, {what}", zone.name()),
            ));
        }
    }
    out
}
