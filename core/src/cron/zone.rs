//! Time zones: IANA names (chrono-tz), `UTC`, and WordPress's fixed offsets.
//! Converts between instants (Unix seconds) and wall clock times, and tells
//! where a wall clock time falls: once, twice (fall-back overlap) or never
//! (spring-forward gap).

use chrono::{DateTime, NaiveDateTime, Offset, TimeZone, Timelike};
use chrono_tz::Tz;

use super::error::CronError;

/// Largest fixed offset accepted: WordPress offers -12 to +14 hours.
const MAX_FIXED_OFFSET: i32 = 14 * 3600;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Fixed(i32),
    Named(Tz),
}

/// A time zone the schedule runs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    kind: Kind,
    name: String,
}

/// Where a wall clock time falls in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Local {
    /// Exactly one instant.
    Single(i64),
    /// Two instants (earlier, later): the clock went back.
    Ambiguous(i64, i64),
    /// No instant: the clock jumped over it; `end` is the first instant after the gap.
    Gap { end: i64 },
}

/// A change of offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// First instant with the new offset.
    pub at: i64,
    pub before: i32,
    pub after: i32,
}

impl Transition {
    /// Wall clock time just before the change, in the old offset (exclusive end).
    pub fn wall_before(&self) -> NaiveDateTime {
        naive(self.at + i64::from(self.before))
    }
    /// Wall clock time at the change, in the new offset.
    pub fn wall_after(&self) -> NaiveDateTime {
        naive(self.at + i64::from(self.after))
    }
}

/// Wall clock seconds as a naive date-time (callers keep `secs` within chrono's range).
pub fn naive(secs: i64) -> NaiveDateTime {
    DateTime::from_timestamp(secs, 0).map(|d| d.naive_utc()).unwrap_or_default()
}

fn naive_secs(n: &NaiveDateTime) -> i64 {
    n.and_utc().timestamp()
}

fn parse_fixed(name: &str) -> Option<i32> {
    let upper = name.trim().to_ascii_uppercase();
    let (rest, decimal_hours) = if let Some(r) = upper.strip_prefix("UTC").or_else(|| upper.strip_prefix("GMT")) {
        if r.is_empty() {
            return Some(0);
        }
        (r, true)
    } else {
        (upper.as_str(), false)
    };
    let mut chars = rest.chars();
    let sign = match chars.next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let body = chars.as_str();
    if body.is_empty() || body.len() > 5 {
        return None;
    }
    let seconds = if let Some((h, m)) = body.split_once(':') {
        if h.is_empty() || h.len() > 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
        if m >= 60 {
            return None;
        }
        h * 3600 + m * 60
    } else if decimal_hours && body.contains('.') {
        // WordPress's "UTC+5.5", "UTC-9.5", "UTC+5.75".
        let (h, f) = body.split_once('.')?;
        if h.is_empty() || h.len() > 2 || f.is_empty() || f.len() > 2 || !h.bytes().chain(f.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let frac = format!("{f:0<2}");
        let minutes_x100: i32 = frac.parse::<i32>().ok()? * 60;
        if minutes_x100 % 100 != 0 {
            return None;
        }
        h.parse::<i32>().ok()? * 3600 + minutes_x100 / 100 * 60
    } else if body.bytes().all(|b| b.is_ascii_digit()) {
        match body.len() {
            1 | 2 => body.parse::<i32>().ok()? * 3600,
            4 => body[..2].parse::<i32>().ok()? * 3600 + {
                let m: i32 = body[2..].parse().ok()?;
                if m >= 60 {
                    return None;
                }
                m * 60
            },
            _ => return None,
        }
    } else {
        return None;
    };
    (seconds <= MAX_FIXED_OFFSET).then_some(sign * seconds)
}

fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
}

impl Zone {
    /// Parses `UTC`, an IANA name, or a fixed offset (`+02:00`, `-0530`, `UTC+2`, `UTC-5.5`).
    pub fn parse(name: &str) -> Result<Self, CronError> {
        let trimmed = name.trim();
        let unknown = || CronError::Timezone { name: name.chars().take(64).collect() };
        if trimmed.is_empty() || trimmed.len() > 64 {
            return Err(unknown());
        }
        if trimmed.eq_ignore_ascii_case("UTC") || trimmed.eq_ignore_ascii_case("Z") {
            return Ok(Self { kind: Kind::Fixed(0), name: "UTC".to_owned() });
        }
        if let Some(offset) = parse_fixed(trimmed) {
            return Ok(Self { kind: Kind::Fixed(offset), name: format_offset(offset) });
        }
        let tz: Tz = match trimmed.parse() {
            Ok(tz) => tz,
            Err(_) => *chrono_tz::TZ_VARIANTS
                .iter()
                .find(|t| t.name().eq_ignore_ascii_case(trimmed))
                .ok_or_else(unknown)?,
        };
        Ok(Self { kind: Kind::Named(tz), name: tz.name().to_owned() })
    }

    /// The zone's name: the IANA name, `UTC`, or `+HH:MM`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// True when the offset never changes.
    pub fn is_fixed(&self) -> bool {
        matches!(self.kind, Kind::Fixed(_))
    }

    /// Offset from UTC in seconds at an instant.
    pub fn offset_at(&self, ts: i64) -> i32 {
        match self.kind {
            Kind::Fixed(o) => o,
            Kind::Named(tz) => tz.offset_from_utc_datetime(&naive(ts)).fix().local_minus_utc(),
        }
    }

    /// Wall clock time at an instant.
    pub fn wall(&self, ts: i64) -> NaiveDateTime {
        naive(ts + i64::from(self.offset_at(ts)))
    }

    /// Where a wall clock time falls.
    pub fn resolve(&self, wall: &NaiveDateTime) -> Local {
        let w = naive_secs(wall);
        match self.kind {
            Kind::Fixed(o) => Local::Single(w - i64::from(o)),
            Kind::Named(tz) => match tz.offset_from_local_datetime(wall) {
                chrono::LocalResult::Single(off) => Local::Single(w - i64::from(off.fix().local_minus_utc())),
                chrono::LocalResult::Ambiguous(a, b) => {
                    let (x, y) = (w - i64::from(a.fix().local_minus_utc()), w - i64::from(b.fix().local_minus_utc()));
                    Local::Ambiguous(x.min(y), x.max(y))
                }
                chrono::LocalResult::None => {
                    let end = chrono_tz::GapInfo::new(wall, &tz)
                        .and_then(|g| g.end)
                        .map(|e| e.timestamp())
                        .unwrap_or_else(|| self.first_instant_at_or_after(wall));
                    Local::Gap { end }
                }
            },
        }
    }

    /// First instant whose wall clock time is at or after `wall` (binary search;
    /// used only when chrono-tz cannot say where a gap ends).
    fn first_instant_at_or_after(&self, wall: &NaiveDateTime) -> i64 {
        let w = naive_secs(wall);
        let (mut lo, mut hi) = (w - 2 * 86400, w + 2 * 86400);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if naive_secs(&self.wall(mid)) >= w {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        lo
    }

    /// The offset change in `(a, b]`, assuming at most one (a and b have different offsets).
    pub fn transition_in(&self, a: i64, b: i64) -> Transition {
        let before = self.offset_at(a);
        let (mut lo, mut hi) = (a + 1, b);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.offset_at(mid) != before {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Transition { at: lo, before, after: self.offset_at(lo) }
    }

    /// Offset changes in `[from, to)`, at most `limit` of them.
    pub fn transitions(&self, from: i64, to: i64, limit: usize) -> Vec<Transition> {
        let mut out = Vec::new();
        if self.is_fixed() {
            return out;
        }
        // Offsets never change twice within six hours in any real zone.
        const STEP: i64 = 6 * 3600;
        let mut a = from;
        let mut off = self.offset_at(a);
        while a < to && out.len() < limit {
            let b = (a + STEP).min(to);
            let next = self.offset_at(b);
            if next != off {
                out.push(self.transition_in(a, b));
                off = next;
            }
            a = b;
        }
        out
    }

    /// ISO 8601 text of an instant with this zone's offset, e.g. `2026-03-29T03:00:00+02:00`.
    pub fn iso(&self, ts: i64) -> String {
        let offset = self.offset_at(ts);
        let wall = naive(ts + i64::from(offset));
        let abs = offset.unsigned_abs();
        let sign = if offset < 0 { '-' } else { '+' };
        let mut text = format!("{}{sign}{:02}:{:02}", wall.format("%Y-%m-%dT%H:%M:%S"), abs / 3600, abs % 3600 / 60);
        if abs % 60 != 0 {
            text.push_str(&format!(":{:02}", abs % 60));
        }
        text
    }

    /// Seconds past the wall clock minute at an instant.
    pub fn second_of_minute(&self, ts: i64) -> i64 {
        i64::from(self.wall(ts).second())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_offsets_in_wordpress_spellings() {
        for (input, name) in [
            ("+02:00", "+02:00"),
            ("-05:30", "-05:30"),
            ("UTC+2", "+02:00"),
            ("UTC-5.5", "-05:30"),
            ("UTC+5.75", "+05:45"),
            ("utc", "UTC"),
            ("UTC+0", "+00:00"),
            ("+0530", "+05:30"),
        ] {
            assert_eq!(Zone::parse(input).unwrap().name(), name, "{input}");
        }
        for bad in ["", "+25:00", "UTC+5.33", "Mars/Olympus", "+2:3", "UTC++2", "Europe/Pariss"] {
            assert!(Zone::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn paris_gap_and_overlap() {
        let z = Zone::parse("Europe/Paris").unwrap();
        let gap = chrono::NaiveDate::from_ymd_opt(2026, 3, 29).unwrap().and_hms_opt(2, 30, 0).unwrap();
        // 2026-03-29T01:00:00Z is 03:00 CEST.
        assert_eq!(z.resolve(&gap), Local::Gap { end: 1_774_746_000 });
        let overlap = chrono::NaiveDate::from_ymd_opt(2026, 10, 25).unwrap().and_hms_opt(2, 30, 0).unwrap();
        assert_eq!(z.resolve(&overlap), Local::Ambiguous(1_792_888_200, 1_792_891_800));
        assert_eq!(z.iso(1_774_746_000), "2026-03-29T03:00:00+02:00");
    }
}
