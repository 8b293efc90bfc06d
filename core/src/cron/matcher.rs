//! Fast wall clock search over croner's parsed pattern.
//!
//! croner parses the expression and decides which days match (its
//! `day_match`, with `L`, `W` and `#`); its own search walks the clock
//! component by component and costs about a microsecond per run. This
//! matcher reads croner's value sets once (minutes, hours, months, and the
//! day fields when they carry no modifier) and finds the next or previous
//! matching wall clock minute with bit operations, one month at a time. Days
//! of a month whose day fields use `L`, `W` or `#` are asked of croner.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Weekday};
use croner::Cron;

/// Months searched before giving up. The calendar repeats every 400 years, but
/// any expression that fires at all fires within 50 years: the rarest are a
/// fifth weekday of February (a 28-year cycle, longer across 2100) and 29
/// February (8 years across 2100).
const MAX_MONTHS: u32 = 12 * 50;

fn bits<T: Into<u32> + Copy>(values: &[T]) -> u64 {
    values.iter().fold(0u64, |acc, v| acc | (1u64 << (*v).into()))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn to_croner(w: Weekday) -> croner::Weekday {
    match w {
        Weekday::Mon => croner::Weekday::Monday,
        Weekday::Tue => croner::Weekday::Tuesday,
        Weekday::Wed => croner::Weekday::Wednesday,
        Weekday::Thu => croner::Weekday::Thursday,
        Weekday::Fri => croner::Weekday::Friday,
        Weekday::Sat => croner::Weekday::Saturday,
        Weekday::Sun => croner::Weekday::Sunday,
    }
}

#[derive(Debug, Clone)]
pub struct Matcher {
    minutes: u64,
    hours: u32,
    months: u16,
    dom: u32,
    dow: u8,
    star_dom: bool,
    star_dow: bool,
    modifiers: bool,
}

impl Matcher {
    pub fn new(cron: &Cron) -> Self {
        let p = &cron.pattern;
        let dow = bits(&p.days_of_week.values());
        Self {
            minutes: bits(&p.minutes.values()),
            hours: bits(&p.hours.values()) as u32,
            months: bits(&p.months.values()) as u16,
            dom: bits(&p.days.values()) as u32,
            dow: ((dow | (dow >> 7)) & 0x7f) as u8,
            star_dom: p.is_dom_wildcard(),
            star_dow: p.is_dow_wildcard(),
            modifiers: p.days.has_modifiers() || p.days_of_week.has_modifiers(),
        }
    }

    /// Matching days of a month as bits 1..=length.
    fn day_mask(&self, cron: &Cron, year: i32, month: u32) -> u32 {
        let len = days_in_month(year, month);
        let all = ((1u64 << (len + 1)) - 2) as u32;
        if self.star_dom && self.star_dow {
            return all;
        }
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else { return 0 };
        if self.modifiers {
            let mut mask = 0u32;
            let mut weekday = first.weekday();
            for d in 1..=len {
                if cron.pattern.day_match(year, month, d, to_croner(weekday)).unwrap_or(false) {
                    mask |= 1 << d;
                }
                weekday = weekday.succ();
            }
            return mask;
        }
        // Bit i of `week` says whether day i + 1 has a matching weekday; the
        // week repeats every seven days.
        let first_wd = first.weekday().num_days_from_sunday();
        let dow = u64::from(self.dow);
        let week = ((dow >> first_wd) | (dow << (7 - first_wd))) & 0x7f;
        let month_bits = week | week << 7 | week << 14 | week << 21 | week << 28;
        let dow_mask = ((month_bits << 1) as u32) & all;
        let dom_mask = self.dom & all;
        match (self.star_dom, self.star_dow) {
            (false, true) => dom_mask,
            (true, false) => dow_mask,
            _ => dom_mask | dow_mask,
        }
    }

    /// First minute of the day at or after `from` (minutes since midnight).
    fn first_at_or_after(&self, from: u32) -> Option<u32> {
        let (mut h, m) = (from / 60, from % 60);
        if h < 24 && self.hours & (1 << h) != 0 {
            let rest = self.minutes >> m;
            if rest != 0 {
                return Some(h * 60 + m + rest.trailing_zeros());
            }
        }
        h += 1;
        if h >= 24 {
            return None;
        }
        let later = self.hours >> h;
        if later == 0 || self.minutes == 0 {
            return None;
        }
        Some((h + later.trailing_zeros()) * 60 + self.minutes.trailing_zeros())
    }

    /// Last minute of the day at or before `upto`.
    fn last_at_or_before(&self, upto: u32) -> Option<u32> {
        let (h, m) = (upto / 60, upto % 60);
        if self.hours & (1 << h) != 0 {
            let below = self.minutes & (u64::MAX >> (63 - m));
            if below != 0 {
                return Some(h * 60 + 63 - below.leading_zeros());
            }
        }
        if h == 0 || self.minutes == 0 {
            return None;
        }
        let earlier = self.hours & ((1u32 << h) - 1);
        if earlier == 0 {
            return None;
        }
        Some((31 - earlier.leading_zeros()) * 60 + 63 - self.minutes.leading_zeros())
    }

    fn at(date: NaiveDate, minute: u32) -> Option<NaiveDateTime> {
        date.and_hms_opt(minute / 60, minute % 60, 0)
    }

    /// First matching wall clock minute strictly after `w`.
    pub fn next(&self, cron: &Cron, w: &NaiveDateTime) -> Option<NaiveDateTime> {
        let start = w.with_second(0)?.with_nanosecond(0)? + TimeDelta::minutes(1);
        let (mut year, mut month) = (start.year(), start.month());
        let mut day = start.day();
        let mut minute = start.hour() * 60 + start.minute();
        for _ in 0..MAX_MONTHS {
            if year > 4999 {
                return None;
            }
            if self.months & (1 << month) != 0 {
                let mut mask = self.day_mask(cron, year, month) & !((1u32 << day) - 1);
                while mask != 0 {
                    let d = mask.trailing_zeros();
                    let from = if d == day { minute } else { 0 };
                    if let Some(found) = self.first_at_or_after(from) {
                        return Self::at(NaiveDate::from_ymd_opt(year, month, d)?, found);
                    }
                    mask &= mask - 1;
                }
            }
            (day, minute) = (1, 0);
            (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        }
        None
    }

    /// Last matching wall clock minute strictly before `w`.
    pub fn prev(&self, cron: &Cron, w: &NaiveDateTime) -> Option<NaiveDateTime> {
        let end = (*w - TimeDelta::seconds(1)).with_second(0)?.with_nanosecond(0)?;
        let (mut year, mut month) = (end.year(), end.month());
        let mut day = end.day();
        let mut minute = end.hour() * 60 + end.minute();
        for _ in 0..MAX_MONTHS {
            if year < 1 {
                return None;
            }
            if self.months & (1 << month) != 0 {
                let mut mask = self.day_mask(cron, year, month) & (((2u64 << day) - 1) as u32);
                while mask != 0 {
                    let d = 31 - mask.leading_zeros();
                    let upto = if d == day { minute } else { 24 * 60 - 1 };
                    if let Some(found) = self.last_at_or_before(upto) {
                        return Self::at(NaiveDate::from_ymd_opt(year, month, d)?, found);
                    }
                    mask &= !(1 << d);
                }
            }
            (year, month) = if month == 1 { (year - 1, 12) } else { (year, month - 1) };
            (day, minute) = (days_in_month(year, month), 24 * 60 - 1);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matcher finds exactly what croner's own (slower) search finds.
    #[test]
    fn agrees_with_croner_search() {
        let expressions = [
            "* * * * *", "*/7 * * * *", "0 0 * * *", "59 23 31 12 *", "0 0 29 2 *", "5 4 * * 0", "0 0 13 * 5",
            "0 0 L * *", "0 0 LW * *", "0 0 15W * *", "0 0 1W * *", "0 2 * * 5L", "0 0 * * 5#3", "0 0 * 2 1#5",
            "10-50/20 9-17 */3 1-6 *", "0 0 1-7 * 1", "0 0 */2 * 1", "30 1 31 * 1-5", "0 12 * 6-8 0,6", "0 0 L * 1",
        ];
        let parser = croner::parser::CronParser::builder()
            .seconds(croner::parser::Seconds::Disallowed)
            .year(croner::parser::Year::Disallowed)
            .build();
        let mut seed: u64 = 0x2026_0301;
        for expr in expressions {
            let cron = parser.parse(expr).unwrap();
            let m = Matcher::new(&cron);
            for _ in 0..60 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                let secs = 946_684_800 + (seed >> 33) as i64 % (40 * 365 * 86_400);
                let w = chrono::DateTime::from_timestamp(secs, 0).unwrap().naive_utc();
                assert_eq!(m.next(&cron, &w), cron.find_next_occurrence(&w, false).ok(), "next {expr} after {w}");
                assert_eq!(m.prev(&cron, &w), cron.find_previous_occurrence(&w, false).ok(), "prev {expr} before {w}");
            }
        }
    }
}
