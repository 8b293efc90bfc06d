//! A cursor over a zone's offsets for searches that visit many nearby instants.
//!
//! `nextRuns(100)` of `*/5 * * * *` resolves a hundred wall clock times within
//! a few hours of each other; asking chrono-tz each time (a binary search over
//! the zone's whole transition table, for wall clock times and for instants)
//! costs more than the search itself. A [`ZoneCursor`] answers the same
//! questions as [`Zone`] with the same answers, and remembers an *offset
//! period*: an interval of instants known to share one UTC offset. Inside it,
//! converting is plain arithmetic.
//!
//! How a period is known, without access to the transition table:
//! - offsets never change twice within [`STEP`] (six hours; the closest offset
//!   changes in the IANA data are about a week apart). So when two instants at
//!   most `STEP` apart have the same offset, every instant between them has
//!   it too, and a period grows by probing one offset every `STEP`;
//! - a wall clock time whose instant under the period's offset lies at least
//!   [`MARGIN`] inside the period happens exactly once: any other instant
//!   with that wall clock time would have another offset, and differ from the
//!   first by the difference of the two offsets, which is less than two days
//!   (every offset lies strictly within ±24 hours).
//!
//! Everything else (wall clock times near a period's ends, instants far from
//! it) goes to the exact [`Zone`] methods. Probing stops at the first
//! changed offset, so transitions are always handled by the exact path.

use chrono::NaiveDateTime;

use super::zone::{naive, Local, Zone};

/// Offsets never change twice within this many seconds.
pub const STEP: i64 = 6 * 3600;
/// Two instants with the same wall clock time are less than this far apart.
pub const MARGIN: i64 = 2 * 86_400;
/// Most probes spent to grow a period for one question: enough to cover the
/// margins on both sides of a first pair of nearby runs.
const MAX_PROBES: i64 = 2 * MARGIN / STEP + 4;

/// Instants `lo..=hi` all have the offset `off`.
#[derive(Debug, Clone, Copy)]
struct Period {
    lo: i64,
    hi: i64,
    off: i32,
}

/// A zone plus what it has learnt about the offsets around the current search.
#[derive(Debug)]
pub struct ZoneCursor<'z> {
    zone: &'z Zone,
    fixed: Option<i32>,
    period: Option<Period>,
    /// The last wall clock time resolved the exact way, and the answer.
    last: Option<(i64, Local)>,
    /// Exact answers that fell within the period: probing starts after two,
    /// so that a single search (`nextRun`, `isDue`) never pays for it.
    near: u32,
}

fn secs(w: &NaiveDateTime) -> i64 {
    w.and_utc().timestamp()
}

impl<'z> ZoneCursor<'z> {
    pub fn new(zone: &'z Zone) -> Self {
        let fixed = zone.is_fixed().then(|| zone.offset_at(0));
        Self { zone, fixed, period: None, last: None, near: 0 }
    }

    /// Same as [`Zone::offset_at`].
    pub fn offset_at(&mut self, t: i64) -> i32 {
        if let Some(o) = self.fixed {
            return o;
        }
        if let Some(p) = self.period {
            if p.lo <= t && t <= p.hi {
                return p.off;
            }
        }
        let o = self.zone.offset_at(t);
        self.learn(t, o);
        o
    }

    /// Same as [`Zone::wall`].
    pub fn wall(&mut self, t: i64) -> NaiveDateTime {
        naive(t + i64::from(self.offset_at(t)))
    }

    /// Same as [`Zone::resolve`].
    pub fn resolve(&mut self, wall: &NaiveDateTime) -> Local {
        let w = secs(wall);
        if let Some(o) = self.fixed {
            return Local::Single(w - i64::from(o));
        }
        if let Some((lw, answer)) = self.last {
            if lw == w {
                return answer;
            }
        }
        if let Some(at) = self.single(w) {
            return Local::Single(at);
        }
        let answer = self.zone.resolve(wall);
        if let Local::Single(at) = answer {
            // The answer's instant has the offset that maps it to `wall`.
            if let Ok(off) = i32::try_from(w - at) {
                if self.learn(at, off) {
                    self.near += 1;
                }
            }
        }
        self.last = Some((w, answer));
        answer
    }

    /// The one instant of wall clock second `w` when the period proves it
    /// (growing the period by a few probes when `w` lies near it).
    fn single(&mut self, w: i64) -> Option<i64> {
        let p = self.period?;
        if self.near < 2 {
            return None;
        }
        let x = w - i64::from(p.off);
        let (need_lo, need_hi) = (x - MARGIN, x + MARGIN);
        if p.lo <= need_lo && need_hi <= p.hi {
            return Some(x);
        }
        // Only grow towards nearby instants: a run far from the period (daily
        // runs, say) costs one exact answer, cheaper than probing up to it.
        if x < p.lo - STEP || x > p.hi + STEP {
            return None;
        }
        let probes = ((p.lo - need_lo).max(0) + STEP - 1) / STEP + ((need_hi - p.hi).max(0) + STEP - 1) / STEP;
        if probes > MAX_PROBES {
            return None;
        }
        let mut grown = p;
        while grown.hi < need_hi {
            // Whole steps: the next runs find the period already grown.
            let next = grown.hi + STEP;
            if self.zone.offset_at(next) != p.off {
                self.period = Some(grown);
                return None;
            }
            grown.hi = next;
        }
        while grown.lo > need_lo {
            let next = grown.lo - STEP;
            if self.zone.offset_at(next) != p.off {
                self.period = Some(grown);
                return None;
            }
            grown.lo = next;
        }
        self.period = Some(grown);
        Some(x)
    }

    /// Records that instant `t` has offset `off`: extends the period when `t`
    /// lies within [`STEP`] of it with the same offset (true), or starts a new
    /// one (false).
    fn learn(&mut self, t: i64, off: i32) -> bool {
        match &mut self.period {
            Some(p) if p.off == off && p.lo <= t && t <= p.hi => true,
            Some(p) if p.off == off && t > p.hi && t - p.hi <= STEP => {
                p.hi = t;
                true
            }
            Some(p) if p.off == off && t < p.lo && p.lo - t <= STEP => {
                p.lo = t;
                true
            }
            _ => {
                self.period = Some(Period { lo: t, hi: t, off });
                self.near = 0;
                false
            }
        }
    }
}
