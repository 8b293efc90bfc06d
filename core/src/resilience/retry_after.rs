//! Reading a Retry-After value: delta seconds (also decimals with `.` or `,`,
//! and `ms` / `s` suffixes, as servers and proxies send them) or an HTTP-date
//! in any of the three forms of RFC 9110 §5.6.7.

/// Longest value worth reading; anything longer is not a Retry-After.
const MAX_LEN: usize = 128;

/// Seconds to wait according to `value`, measured from `now` for a date
/// (a date in the past gives 0). `None` when the value is not understood.
#[must_use]
pub fn parse_retry_after(value: &str, now: f64) -> Option<f64> {
    let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
    if value.is_empty() || value.len() > MAX_LEN {
        return None;
    }
    if let Some(seconds) = parse_delta(value) {
        return Some(seconds);
    }
    let at = parse_http_date(value)?;
    if !now.is_finite() {
        return None;
    }
    Some((at - now).max(0.0))
}

/// `12`, `1.5`, `1,5`, `250ms`, `2 s`, `.5` (case-insensitive suffix).
fn parse_delta(value: &str) -> Option<f64> {
    let lower = value.to_ascii_lowercase();
    let (number, scale) = if let Some(n) = lower.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = lower.strip_suffix('s') {
        (n, 1.0)
    } else {
        (lower.as_str(), 1.0)
    };
    let number = number.trim_end_matches(|c: char| c.is_ascii_whitespace());
    let mut digits = 0usize;
    let mut separators = 0usize;
    let mut normalized = String::with_capacity(number.len());
    for c in number.chars() {
        match c {
            '0'..='9' => {
                digits += 1;
                normalized.push(c);
            }
            '.' | ',' => {
                separators += 1;
                normalized.push('.');
            }
            _ => return None,
        }
    }
    if digits == 0 || separators > 1 || normalized.ends_with('.') {
        return None;
    }
    let seconds = normalized.parse::<f64>().ok()? * scale;
    seconds.is_finite().then_some(seconds)
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const LONG_DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

fn is_weekday(token: &str) -> bool {
    let t = token.to_ascii_lowercase();
    DAYS.contains(&t.as_str()) || LONG_DAYS.contains(&t.as_str())
}

fn month(token: &str) -> Option<u32> {
    let t = token.to_ascii_lowercase();
    MONTHS.iter().position(|m| *m == t).map(|i| i as u32 + 1)
}

fn number(token: &str, min_len: usize, max_len: usize) -> Option<u32> {
    if token.len() < min_len || token.len() > max_len || !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    token.parse().ok()
}

fn zone_is_utc(token: &str) -> bool {
    matches!(token.to_ascii_uppercase().as_str(), "GMT" | "UTC" | "+0000" | "Z")
}

/// `HH:MM:SS` as seconds into the day.
fn time_of_day(token: &str) -> Option<u32> {
    let mut parts = token.split(':');
    let h = number(parts.next()?, 2, 2)?;
    let m = number(parts.next()?, 2, 2)?;
    let s = number(parts.next()?, 2, 2)?;
    if parts.next().is_some() || h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some(h * 3600 + m * 60 + s)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn to_unix(year: i64, month: u32, day: u32, seconds: u32) -> Option<f64> {
    if !(1900..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some((days_from_civil(year, month, day) * 86_400 + i64::from(seconds)) as f64)
}

/// An HTTP-date as Unix seconds: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`,
/// weekday optional), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) or asctime
/// (`Sun Nov  6 08:49:37 1994`).
#[must_use]
pub fn parse_http_date(value: &str) -> Option<f64> {
    let tokens: Vec<&str> = value.split_ascii_whitespace().take(8).collect();
    let mut rest: &[&str] = &tokens;
    let first = *rest.first()?;
    if let Some(day_name) = first.strip_suffix(',') {
        if !is_weekday(day_name) {
            return None;
        }
        rest = &rest[1..];
    } else if is_weekday(first) {
        // asctime: Sun Nov  6 08:49:37 1994
        if let [_, mon, day, time, year] = rest {
            return to_unix(i64::from(number(year, 4, 4)?), month(mon)?, number(day, 1, 2)?, time_of_day(time)?);
        }
        return None;
    }
    match rest {
        // IMF-fixdate
        [day, mon, year, time, zone] if zone_is_utc(zone) => {
            to_unix(i64::from(number(year, 4, 4)?), month(mon)?, number(day, 1, 2)?, time_of_day(time)?)
        }
        // RFC 850: two-digit years below 70 are 20xx.
        [date, time, zone] if zone_is_utc(zone) => {
            let mut parts = date.split('-');
            let day = number(parts.next()?, 1, 2)?;
            let mon = month(parts.next()?)?;
            let year_token = parts.next()?;
            if parts.next().is_some() {
                return None;
            }
            let year = match year_token.len() {
                2 => {
                    let yy = i64::from(number(year_token, 2, 2)?);
                    if yy < 70 { 2000 + yy } else { 1900 + yy }
                }
                _ => i64::from(number(year_token, 4, 4)?),
            };
            to_unix(year, mon, day, time_of_day(time)?)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 784_111_777.0; // Sun, 06 Nov 1994 08:49:37 GMT

    #[test]
    fn delta_seconds_in_every_spelling() {
        let cases = [
            ("120", 120.0),
            ("0", 0.0),
            ("1.5", 1.5),
            ("1,5", 1.5),
            (" 2 ", 2.0),
            ("250ms", 0.25),
            ("250 MS", 0.25),
            ("3s", 3.0),
            ("0,25s", 0.25),
            (".5", 0.5),
            ("007", 7.0),
        ];
        for (value, expected) in cases {
            assert_eq!(parse_retry_after(value, NOW), Some(expected), "{value:?}");
        }
    }

    #[test]
    fn http_dates_in_the_three_forms() {
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(NOW));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(NOW));
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(NOW));
        assert_eq!(parse_http_date("06 Nov 1994 08:49:37 GMT"), Some(NOW));
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(parse_http_date("Tue, 29 Feb 2000 12:00:00 GMT"), Some(951_825_600.0));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:51:37 GMT", NOW), Some(120.0));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", NOW), Some(0.0), "past dates mean now");
    }

    #[test]
    fn garbage_is_none() {
        for value in [
            "", " ", "abc", "-5", "+5", "1.2.3", "1,,2", "5.", "1e3", "ms", "s", "5 minutes", "NaN", "inf",
            "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 PST",
            "Funday, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994",
            "Sun Nov 6 08:49 1994", "Sunday, 06-Nov-94-1 08:49:37 GMT",
        ] {
            assert_eq!(parse_retry_after(value, NOW), None, "{value:?}");
        }
        assert_eq!(parse_retry_after(&"9".repeat(200), NOW), None);
    }

    #[test]
    fn civil_days_agree_with_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2024, 12, 31), 20_088);
    }
}
