//! Finding runs: wall clock matches (croner's pattern, searched by
//! [`super::matcher`]) are mapped onto instants in the zone with the DST policy.
//!
//! Matching happens on wall clock times only, without a time zone. The zone is
//! applied here because the policy
//! differs from croner's own: croner treats a time as fixed only when hour and
//! minute are single values, while a list such as `0 2,14 * * *` is a fixed
//! local time too. The policy:
//! - fixed local time (no `*` and no step in the minute and hour fields): a
//!   time inside a spring-forward gap fires once at the first instant after
//!   the gap; a time inside a fall-back overlap fires once, at its first
//!   occurrence;
//! - otherwise the schedule follows the real clock: times inside a gap do not
//!   exist and are skipped, times inside an overlap fire in both halves; no
//!   instant is ever returned twice.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta};
use croner::Cron;

use super::syntax::{FieldKind, Item, Parsed};
use super::period::ZoneCursor;
use super::zone::{Local, Zone};

/// Upper bound on candidate wall clock times examined per search.
const MAX_STEPS: usize = 20_000;

/// How a run relates to a DST transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    Normal,
    /// The scheduled wall clock time did not exist; the run is the first instant after the gap.
    AfterGap,
    /// The scheduled wall clock time happened twice.
    InOverlap,
}

/// One run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub at: i64,
    pub kind: RunKind,
}

/// First and last instants a search can start from (years 1 and 4999: croner
/// searches between years 1 and 5000).
pub fn supported_range() -> (i64, i64) {
    let lo = NaiveDate::from_ymd_opt(1, 1, 3).and_then(|d| d.and_hms_opt(0, 0, 0));
    let hi = NaiveDate::from_ymd_opt(4999, 12, 30).and_then(|d| d.and_hms_opt(0, 0, 0));
    (
        lo.map_or(-62_135_424_000, |n| n.and_utc().timestamp()),
        hi.map_or(95_617_324_800, |n| n.and_utc().timestamp()),
    )
}

/// A parsed expression bound to croner and a zone.
#[derive(Debug, Clone)]
pub struct Schedule {
    cron: Cron,
    matcher: super::matcher::Matcher,
    pub(crate) zone: Zone,
    /// Fixed local time: no `*` and no step in the minute and hour fields.
    pub(crate) fixed: bool,
    /// The calendar never offers a matching day (`0 0 30 2 *`).
    pub(crate) never: bool,
}

fn second() -> TimeDelta {
    TimeDelta::seconds(1)
}

impl Schedule {
    pub fn new(parsed: &Parsed, cron: Cron, zone: Zone) -> Self {
        let fixed = !parsed.field(FieldKind::Minute).has_star_or_step()
            && !parsed.field(FieldKind::Hour).has_star_or_step();
        let matcher = super::matcher::Matcher::new(&cron);
        Self { cron, matcher, zone, fixed, never: !can_fire(parsed) }
    }

    /// Next wall clock match strictly after `w`.
    fn wall_next(&self, w: &NaiveDateTime) -> Option<NaiveDateTime> {
        self.matcher.next(&self.cron, w)
    }

    /// Latest wall clock match strictly before `w`.
    fn wall_prev(&self, w: &NaiveDateTime) -> Option<NaiveDateTime> {
        self.matcher.prev(&self.cron, w)
    }

    /// Does the wall clock time match (minute precision)?
    pub fn wall_matches(&self, w: &NaiveDateTime) -> bool {
        self.cron.is_time_matching(w).unwrap_or(false)
    }

    /// First run strictly after `t`.
    pub fn next_after(&self, t: i64) -> Option<Run> {
        self.next_after_in(t, &mut ZoneCursor::new(&self.zone))
    }

    /// [`Self::next_after`] with a cursor kept across calls: successive
    /// searches (the runs of `nextRuns`) reuse what it knows of the offsets.
    /// The answers are those of `next_after`.
    pub(crate) fn next_after_in(&self, t: i64, zone: &mut ZoneCursor<'_>) -> Option<Run> {
        if self.never {
            return None;
        }
        // Where `t` itself falls, asked first: when `t` is the previous run,
        // the cursor has just resolved its wall clock time.
        let here = if self.fixed {
            None
        } else {
            let wall = zone.wall(t);
            Some(zone.resolve(&wall))
        };
        let mut best = self.walk_forward(t, zone);
        // From the first half of an overlap, the second half still lies ahead.
        if let Some(Local::Ambiguous(earlier, later)) = here {
            if earlier == t {
                let tr = self.zone.transition_in(earlier, later);
                let (start, end) = (tr.wall_after(), tr.wall_before());
                if let Some(m) = self.wall_next(&(start - second())) {
                    if m < end {
                        let at = m.and_utc().timestamp() - i64::from(tr.after);
                        if at > t && best.is_none_or(|b| at < b.at) {
                            best = Some(Run { at, kind: RunKind::InOverlap });
                        }
                    }
                }
            }
        }
        best
    }

    fn walk_forward(&self, t: i64, zone: &mut ZoneCursor<'_>) -> Option<Run> {
        let mut w = zone.wall(t);
        for _ in 0..MAX_STEPS {
            let m = self.wall_next(&w)?;
            match zone.resolve(&m) {
                Local::Single(at) if at > t => return Some(Run { at, kind: RunKind::Normal }),
                Local::Single(_) => w = m,
                Local::Ambiguous(earlier, later) => {
                    if earlier > t {
                        return Some(Run { at: earlier, kind: RunKind::InOverlap });
                    }
                    if !self.fixed && later > t {
                        return Some(Run { at: later, kind: RunKind::InOverlap });
                    }
                    w = m;
                }
                Local::Gap { end } => {
                    if self.fixed && end > t {
                        return Some(Run { at: end, kind: RunKind::AfterGap });
                    }
                    // Every other time in this gap maps to the same instant or
                    // does not exist: continue after the gap.
                    let after = zone.wall(end) - second();
                    w = if after > m { after } else { m };
                }
            }
        }
        None
    }

    /// Latest run strictly before `t`.
    pub fn prev_before(&self, t: i64) -> Option<Run> {
        if self.never {
            return None;
        }
        let mut best = self.walk_backward(t);
        // From the second half of an overlap, the first half lies behind.
        if let Local::Ambiguous(earlier, later) = self.zone.resolve(&self.zone.wall(t)) {
            if later == t {
                let tr = self.zone.transition_in(earlier, later);
                let (start, end) = (tr.wall_after(), tr.wall_before());
                if let Some(m) = self.wall_prev(&end) {
                    if m >= start {
                        let at = m.and_utc().timestamp() - i64::from(tr.before);
                        if at < t && best.is_none_or(|b| at > b.at) {
                            best = Some(Run { at, kind: RunKind::InOverlap });
                        }
                    }
                }
            }
        }
        best
    }

    fn walk_backward(&self, t: i64) -> Option<Run> {
        let mut w = self.zone.wall(t);
        for _ in 0..MAX_STEPS {
            let m = self.wall_prev(&w)?;
            match self.zone.resolve(&m) {
                Local::Single(at) if at < t => return Some(Run { at, kind: RunKind::Normal }),
                Local::Single(_) => w = m,
                Local::Ambiguous(earlier, later) => {
                    if !self.fixed && later < t {
                        return Some(Run { at: later, kind: RunKind::InOverlap });
                    }
                    if earlier < t {
                        return Some(Run { at: earlier, kind: RunKind::InOverlap });
                    }
                    w = m;
                }
                Local::Gap { end } => {
                    if self.fixed && end < t {
                        return Some(Run { at: end, kind: RunKind::AfterGap });
                    }
                    // Continue before the gap.
                    let offset_before = self.zone.offset_at(end - 1);
                    let start = super::zone::naive(end + i64::from(offset_before));
                    w = if start < m { start } else { m };
                }
            }
        }
        None
    }

    /// Is there a run in the wall clock minute of `at`?
    pub fn is_due(&self, at: i64) -> bool {
        let minute_start = at - self.zone.second_of_minute(at);
        self.next_after(minute_start - 1).is_some_and(|r| r.at == minute_start)
    }

    /// Does the schedule have a wall clock match in `[start, end)`?
    pub fn matches_between(&self, start: &NaiveDateTime, end: &NaiveDateTime) -> bool {
        self.wall_next(&(*start - second())).is_some_and(|m| m < *end)
    }

    /// Day matches (day-of-month / day-of-week / month) of a calendar date.
    pub fn day_matches(&self, date: NaiveDate) -> bool {
        let weekday = match date.weekday() {
            chrono::Weekday::Mon => croner::Weekday::Monday,
            chrono::Weekday::Tue => croner::Weekday::Tuesday,
            chrono::Weekday::Wed => croner::Weekday::Wednesday,
            chrono::Weekday::Thu => croner::Weekday::Thursday,
            chrono::Weekday::Fri => croner::Weekday::Friday,
            chrono::Weekday::Sat => croner::Weekday::Saturday,
            chrono::Weekday::Sun => croner::Weekday::Sunday,
        };
        self.cron.pattern.month_match(date.month()).unwrap_or(false)
            && self.cron.pattern.day_match(date.year(), date.month(), date.day(), weekday).unwrap_or(false)
    }
}

/// Whether any calendar day can match, decided from the fields alone.
///
/// A restricted day-of-week always matches some day of every month (each
/// weekday occurs at least four times, a fifth time in some months, and has a
/// last occurrence), so only a day-of-month restriction under a `*`
/// day-of-week can make an expression impossible: every listed day must be
/// missing from every listed month.
pub fn can_fire(parsed: &Parsed) -> bool {
    let dom = parsed.field(FieldKind::DayOfMonth);
    let dow = parsed.field(FieldKind::DayOfWeek);
    if dom.is_star() || !dow.is_star() {
        return true;
    }
    let months = parsed.field(FieldKind::Month).bits();
    let longest = (1..=12u8)
        .filter(|m| months & (1 << m) != 0)
        .map(|m| match m {
            2 => 29,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        })
        .max()
        .unwrap_or(0);
    dom.items.iter().any(|item| match *item {
        Item::Star | Item::Last | Item::LastWeekday => true,
        Item::NearestWeekday(d) | Item::Value(d) => d <= longest,
        Item::Range(a, _) | Item::Step { start: a, .. } => a <= longest,
        Item::LastOf(_) | Item::Nth(_, _) => true,
    })
}
