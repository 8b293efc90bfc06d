//! Planned maintenance windows: daily, weekly (ISO day) or one-off, expanded
//! into UTC intervals in the site's time zone.
//!
//! A daily or weekly start is a wall-clock `HH:MM` in the time zone; the
//! window lasts `duration_minutes` of real time, so a window may cross
//! midnight and one that spans a DST change keeps its length. A start that
//! falls in a spring-forward gap moves forward by the gap (02:30 becomes
//! 03:30, as PHP's DateTime does); an ambiguous start (fall back) takes the
//! first occurrence.

use chrono::{Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use serde::Deserialize;
use serde_json::Value;

use super::error::SlaError;

/// Most maintenance definitions accepted.
pub const MAX_DEFINITIONS: usize = 1000;

/// A time zone: IANA name, `UTC`, or a fixed `+HH:MM` offset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Zone {
    /// A tz database zone.
    Named(chrono_tz::Tz),
    /// A fixed offset in seconds east of UTC.
    Fixed(i32),
}

impl Zone {
    /// Parses `Europe/Paris`, `UTC`, `+02:00`, `-05:30`.
    ///
    /// # Errors
    /// When the name is not a known zone or offset.
    pub fn parse(name: &str) -> Result<Self, SlaError> {
        let t = name.trim();
        if let Some(rest) = t.strip_prefix('+').map(|r| (1, r)).or_else(|| t.strip_prefix('-').map(|r| (-1, r))) {
            let (sign, body) = rest;
            let (h, m) = body.split_once(':').unwrap_or((body, "0"));
            if let (Ok(h), Ok(m)) = (h.parse::<i32>(), m.parse::<i32>()) {
                if (0..=14).contains(&h) && (0..60).contains(&m) {
                    return Ok(Self::Fixed(sign * (h * 3600 + m * 60)));
                }
            }
            return Err(SlaError::input("options.timezone", format!("'{name}' is not a valid UTC offset (expected +HH:MM)")));
        }
        t.parse::<chrono_tz::Tz>()
            .map(Self::Named)
            .map_err(|_| SlaError::input("options.timezone", format!("'{name}' is not a known time zone")))
    }

    /// The UTC timestamp of a wall-clock time (gap: moved forward; overlap: first).
    #[must_use]
    pub fn to_utc(&self, local: NaiveDateTime) -> i64 {
        match self {
            Self::Fixed(offset) => local.and_utc().timestamp() - i64::from(*offset),
            Self::Named(tz) => match tz.from_local_datetime(&local) {
                LocalResult::Single(t) => t.timestamp(),
                LocalResult::Ambiguous(a, b) => a.timestamp().min(b.timestamp()),
                LocalResult::None => {
                    // In a gap: use the offset in force just before it.
                    let before = local - Duration::hours(6);
                    let offset = match tz.from_local_datetime(&before) {
                        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => i64::from(t.offset().fix().local_minus_utc()),
                        LocalResult::None => 0,
                    };
                    local.and_utc().timestamp() - offset
                }
            },
        }
    }

    /// The wall-clock date and time of a UTC timestamp.
    #[must_use]
    pub fn to_local(&self, timestamp: i64) -> NaiveDateTime {
        let utc = chrono::DateTime::from_timestamp(timestamp, 0).unwrap_or_default();
        match self {
            Self::Fixed(offset) => utc.naive_utc() + Duration::seconds(i64::from(*offset)),
            Self::Named(tz) => utc.with_timezone(tz).naive_local(),
        }
    }
}

/// One maintenance definition as given in the options.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaintenanceDefinition {
    /// `daily`, `weekly` or `one_off`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `HH:MM` for daily/weekly, a Unix timestamp for one-off.
    pub start: Value,
    /// ISO day (1 = Monday .. 7 = Sunday), weekly only.
    #[serde(default)]
    pub day: Option<u32>,
    /// Length in minutes (> 0).
    pub duration_minutes: i64,
    /// Only for this agent (all agents when absent).
    #[serde(default)]
    pub agent: Option<String>,
    /// Free text.
    #[serde(default)]
    pub label: Option<String>,
}

/// A validated definition.
#[derive(Debug, Clone, PartialEq)]
enum Recurrence {
    Daily(NaiveTime),
    Weekly(u32, NaiveTime),
    OneOff(i64),
}

/// Expanded, merged maintenance intervals `[start, end)` in UTC seconds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Intervals(pub Vec<(i64, i64)>);

impl Intervals {
    fn merged(mut list: Vec<(i64, i64)>) -> Self {
        list.sort_unstable();
        let mut out: Vec<(i64, i64)> = Vec::with_capacity(list.len());
        for (s, e) in list {
            match out.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => out.push((s, e)),
            }
        }
        Self(out)
    }

    /// Seconds of `[a, b)` covered by maintenance.
    #[must_use]
    pub fn overlap(&self, a: i64, b: i64) -> i64 {
        if b <= a || self.0.is_empty() {
            return 0;
        }
        let mut i = self.0.partition_point(|&(_, e)| e <= a);
        let mut total = 0;
        while i < self.0.len() && self.0[i].0 < b {
            total += self.0[i].1.min(b) - self.0[i].0.max(a);
            i += 1;
        }
        total
    }

    /// Whether `t` falls inside a window.
    #[must_use]
    pub fn contains(&self, t: i64) -> bool {
        let i = self.0.partition_point(|&(_, e)| e <= t);
        i < self.0.len() && self.0[i].0 <= t
    }
}

/// Validated maintenance definitions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Maintenance {
    defs: Vec<(Recurrence, i64, Option<String>)>,
}

fn parse_hhmm(text: &str) -> Option<NaiveTime> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

impl Maintenance {
    /// Validates the definitions; errors name `options.maintenance[i].key`.
    ///
    /// # Errors
    /// An unknown type, a bad start, a missing or invalid day, a non-positive duration.
    pub fn new(definitions: &[MaintenanceDefinition]) -> Result<Self, SlaError> {
        if definitions.len() > MAX_DEFINITIONS {
            return Err(SlaError::input("options.maintenance", format!("at most {MAX_DEFINITIONS} windows are accepted")));
        }
        let mut defs = Vec::with_capacity(definitions.len());
        for (i, d) in definitions.iter().enumerate() {
            let path = format!("options.maintenance[{i}]");
            if d.duration_minutes <= 0 || d.duration_minutes > 366 * 24 * 60 {
                return Err(SlaError::input(format!("{path}.duration_minutes"), format!("must be between 1 and 527040, got {}", d.duration_minutes)));
            }
            let hhmm = || match &d.start {
                Value::String(s) => parse_hhmm(s).ok_or_else(|| SlaError::input(format!("{path}.start"), format!("must be HH:MM, got '{s}'"))),
                _ => Err(SlaError::input(format!("{path}.start"), "must be a HH:MM string")),
            };
            let rec = match d.kind.as_str() {
                "daily" => Recurrence::Daily(hhmm()?),
                "weekly" => {
                    let day = d.day.ok_or_else(|| SlaError::input(format!("{path}.day"), "is required for a weekly window"))?;
                    if !(1..=7).contains(&day) {
                        return Err(SlaError::input(format!("{path}.day"), format!("must be an ISO day 1..7, got {day}")));
                    }
                    Recurrence::Weekly(day, hhmm()?)
                }
                "one_off" => match &d.start {
                    Value::Number(n) if n.as_i64().is_some() => Recurrence::OneOff(n.as_i64().unwrap_or(0)),
                    _ => return Err(SlaError::input(format!("{path}.start"), "must be a Unix timestamp for a one_off window")),
                },
                other => return Err(SlaError::input(format!("{path}.type"), format!("must be daily, weekly or one_off, got '{other}'"))),
            };
            defs.push((rec, d.duration_minutes * 60, d.agent.clone()));
        }
        Ok(Self { defs })
    }

    /// Whether there is no definition.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }

    /// The intervals that apply to `agent` and touch `[from, to)`.
    #[must_use]
    pub fn expand(&self, zone: &Zone, from: i64, to: i64, agent: &str) -> Intervals {
        let mut list = Vec::new();
        let first: NaiveDate = zone.to_local(from).date() - Duration::days(2);
        let last: NaiveDate = zone.to_local(to).date() + Duration::days(1);
        for (rec, length, only) in &self.defs {
            if only.as_deref().is_some_and(|a| a != agent) {
                continue;
            }
            match rec {
                Recurrence::OneOff(start) => list.push((*start, start.saturating_add(*length))),
                Recurrence::Daily(time) | Recurrence::Weekly(_, time) => {
                    let mut day = first;
                    // Bounded by the span of the widest window plus three days.
                    while day <= last {
                        let wanted = match rec {
                            Recurrence::Weekly(d, _) => day.weekday().number_from_monday() == *d,
                            _ => true,
                        };
                        if wanted {
                            let start = zone.to_utc(day.and_time(*time));
                            list.push((start, start + length));
                        }
                        day += Duration::days(1);
                    }
                }
            }
        }
        list.retain(|&(s, e)| e > from && s < to);
        Intervals::merged(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(kind: &str, start: Value, day: Option<u32>, minutes: i64) -> MaintenanceDefinition {
        MaintenanceDefinition { kind: kind.into(), start, day, duration_minutes: minutes, agent: None, label: None }
    }

    #[test]
    fn daily_window_crossing_midnight() {
        let m = Maintenance::new(&[def("daily", Value::from("23:30"), None, 60)]).unwrap();
        let zone = Zone::parse("UTC").unwrap();
        // 2023-11-14 00:00 UTC .. 2023-11-16 00:00 UTC
        let iv = m.expand(&zone, 1_699_920_000, 1_700_092_800, "default");
        // 13th 23:30 -> 14th 00:30 (clipped by the caller), 14th 23:30 -> 15th 00:30, 15th 23:30 -> 16th 00:30
        assert_eq!(iv.overlap(1_699_920_000, 1_700_092_800), 30 * 60 + 60 * 60 + 30 * 60);
    }

    #[test]
    fn dst_gap_and_overlap_in_paris() {
        let zone = Zone::parse("Europe/Paris").unwrap();
        // 2024-03-31: 02:30 does not exist in Paris, it becomes 03:30 CEST = 01:30 UTC.
        let local = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap().and_hms_opt(2, 30, 0).unwrap();
        assert_eq!(zone.to_utc(local), 1_711_848_600);
        // 2024-10-27: 02:30 happens twice; the first is 00:30 UTC.
        let local = NaiveDate::from_ymd_opt(2024, 10, 27).unwrap().and_hms_opt(2, 30, 0).unwrap();
        assert_eq!(zone.to_utc(local), 1_729_989_000);
        // A daily 01:00 window of 180 minutes on the spring-forward night lasts 3 real hours.
        let m = Maintenance::new(&[def("daily", Value::from("01:00"), None, 180)]).unwrap();
        let day_start = zone.to_utc(NaiveDate::from_ymd_opt(2024, 3, 31).unwrap().and_hms_opt(0, 0, 0).unwrap());
        let iv = m.expand(&zone, day_start, day_start + 86_400, "x");
        assert_eq!(iv.overlap(day_start, day_start + 86_400), 3 * 3600);
    }

    #[test]
    fn weekly_and_one_off_and_errors() {
        let zone = Zone::parse("+02:00").unwrap();
        let m = Maintenance::new(&[def("weekly", Value::from("04:00"), Some(2), 30), def("one_off", Value::from(1_700_000_000), None, 10)]).unwrap();
        // 2023-11-13 is a Monday; Tuesday 14th 04:00 +02:00 = 02:00 UTC = 1699927200.
        let iv = m.expand(&zone, 1_699_833_600, 1_700_438_400, "a");
        assert!(iv.contains(1_699_927_200));
        assert!(iv.contains(1_700_000_000));
        assert_eq!(iv.overlap(1_699_833_600, 1_700_438_400), 30 * 60 + 10 * 60);
        let err = Maintenance::new(&[def("weekly", Value::from("04:00"), None, 30)]).unwrap_err();
        assert_eq!(err.to_string(), "options.maintenance[0].day: is required for a weekly window");
        let err = Maintenance::new(&[def("daily", Value::from("25:00"), None, 30)]).unwrap_err();
        assert!(err.to_string().starts_with("options.maintenance[0].start"));
        assert!(Maintenance::new(&[def("daily", Value::from("01:00"), None, -5)]).is_err());
        assert!(Zone::parse("Mars/Olympus").is_err());
    }
}
