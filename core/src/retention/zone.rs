//! The site's time zone, which decides where GFS calendar buckets begin.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, Timelike};
use chrono_tz::Tz;

/// A time zone as WordPress describes it: an IANA name (`timezone_string`,
/// e.g. `Europe/Paris`, daylight saving included) or a fixed offset
/// (`wp_timezone_string()` gives `+05:30` when only `gmt_offset` is set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Named(Tz),
    Fixed(FixedOffset),
}

/// The calendar fields of a moment in a zone, as the GFS buckets read them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub month: i64,
    pub day: i64,
    pub hour: i64,
    /// ISO 8601 week-numbering year and week (weeks start on Monday).
    pub iso_year: i64,
    pub iso_week: i64,
}

impl Default for Zone {
    fn default() -> Self {
        Self::Named(Tz::UTC)
    }
}

impl Zone {
    /// Parses `UTC`, an IANA name, or an offset `±H`, `±HH`, `±HH:MM`, `±HHMM`
    /// (optionally after `UTC`/`GMT`), at most 14 hours.
    ///
    /// # Errors
    /// A message saying what was expected.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        if t.is_empty() {
            return Err("must be a time zone name such as \"Europe/Paris\" or an offset such as \"+02:00\"".into());
        }
        if let Ok(tz) = Tz::from_str(t) {
            return Ok(Self::Named(tz));
        }
        let rest = t
            .strip_prefix("UTC")
            .or_else(|| t.strip_prefix("GMT"))
            .unwrap_or(t);
        if let Some(offset) = parse_offset(rest) {
            return FixedOffset::east_opt(offset)
                .map(Self::Fixed)
                .ok_or_else(|| format!("{t:?} is not a valid offset"));
        }
        Err(format!(
            "{t:?} is neither a known time zone name (such as \"Europe/Paris\") nor an offset (such as \"+02:00\")"
        ))
    }

    /// The civil date and hour of a Unix timestamp in this zone.
    #[must_use]
    pub fn civil(&self, timestamp: i64) -> Civil {
        let utc = DateTime::from_timestamp(timestamp, 0).unwrap_or_default();
        let local: NaiveDateTime = match self {
            Self::Named(tz) => utc.with_timezone(tz).naive_local(),
            Self::Fixed(off) => utc.with_timezone(off).naive_local(),
        };
        let week = local.iso_week();
        Civil {
            year: i64::from(local.year()),
            month: i64::from(local.month()),
            day: i64::from(local.day()),
            hour: i64::from(local.hour()),
            iso_year: i64::from(week.year()),
            iso_week: i64::from(week.week()),
        }
    }
}

/// `±H`, `±HH`, `±HH:MM`, `±HHMM` -> seconds east of UTC, at most 14 hours.
fn parse_offset(s: &str) -> Option<i32> {
    let (sign, body) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (h, m) = if let Some((h, m)) = body.split_once(':') {
        (h, m)
    } else if body.len() == 4 {
        body.split_at(2)
    } else {
        (body, "0")
    };
    if h.is_empty() || h.len() > 2 || m.is_empty() || m.len() > 2 {
        return None;
    }
    if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if m >= 60 || h * 60 + m > 14 * 60 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Named(tz) => f.write_str(tz.name()),
            Self::Fixed(off) => write!(f, "{off}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_offsets() {
        assert_eq!(Zone::parse("UTC").unwrap().to_string(), "UTC");
        assert_eq!(Zone::parse("Europe/Paris").unwrap().to_string(), "Europe/Paris");
        assert_eq!(Zone::parse("+05:30").unwrap().to_string(), "+05:30");
        assert_eq!(Zone::parse("-0300").unwrap().to_string(), "-03:00");
        assert_eq!(Zone::parse("UTC+2").unwrap().to_string(), "+02:00");
        for bad in ["", "Mars/Olympus", "+15:00", "+02:75", "+2:3:4", "++2", "+"] {
            assert!(Zone::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn civil_follows_daylight_saving() {
        let paris = Zone::parse("Europe/Paris").unwrap();
        // 2023-03-26 00:30 UTC = 01:30 CET; 01:30 UTC = 03:30 CEST.
        assert_eq!(paris.civil(1_679_790_600).hour, 1);
        assert_eq!(paris.civil(1_679_794_200).hour, 3);
        // 2023-12-31 23:30 UTC is already 2024-01-01 in Paris, ISO week 2024-W01.
        let c = paris.civil(1_704_065_400);
        assert_eq!((c.year, c.month, c.day, c.iso_year, c.iso_week), (2024, 1, 1, 2024, 1));
    }
}
