//! The few PHP behaviours the parity models must reproduce bit for bit.
//!
//! SitePulse computes in PHP: its numbers go through `round()` (PHP 8.2
//! "pre-rounds" to 15 significant digits before rounding, so `round(1.005, 2)`
//! is `1.01`), its labels through `number_format()`, its keys through
//! WordPress's `sanitize_key()`, and its inputs through PHP's loose casts
//! (`(int)`, `(float)`, `is_numeric()`, `empty()`). The parity models read
//! loosely typed input as [`serde_json::Value`] (what the PHP bridge produces)
//! and use these helpers; the default models validate strictly instead.

use serde_json::Value;

/// `floor(x + 0.5)` away from zero: PHP's `PHP_ROUND_HALF_UP` helper.
fn round_half_up(value: f64) -> f64 {
    if value >= 0.0 {
        (value + 0.5).floor()
    } else {
        (value - 0.5).ceil()
    }
}

/// `10^power`, exact for the powers a double holds exactly (PHP's `php_intpow10`).
fn intpow10(power: i32) -> f64 {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    match usize::try_from(power) {
        Ok(p) if p < POWERS.len() => POWERS[p],
        _ => 10f64.powf(f64::from(power)),
    }
}

/// PHP 8.2's `round($value, $places)` (mode `PHP_ROUND_HALF_UP`).
///
/// When the value carries more significant digits than requested, PHP first
/// rounds it to 15 significant digits and only then to `places`: that
/// pre-rounding is what turns `1.005` (stored as 1.00499999999999989...) into
/// `1.01`, where a plain `(x * 100).round() / 100` gives `1.0`.
#[must_use]
pub fn php_round(value: f64, places: i32) -> f64 {
    if !value.is_finite() || value == 0.0 {
        return value;
    }
    let places = places.clamp(-308, 308);
    // log10 of a finite non-zero double is within [-324, 309]: the cast cannot overflow.
    #[allow(clippy::cast_possible_truncation)]
    let precision_places = 14 - value.abs().log10().floor() as i32;
    let f1 = intpow10(places.abs());
    let mut tmp;
    if precision_places > places && precision_places - 15 < places {
        let f2 = intpow10(precision_places.abs());
        tmp = if precision_places >= 0 { value * f2 } else { value / f2 };
        tmp = round_half_up(tmp);
        // places < precision_places, so this moves the decimal point left.
        tmp /= intpow10((places - precision_places).abs());
    } else {
        tmp = if places >= 0 { value * f1 } else { value / f1 };
        if tmp.abs() >= 1e15 {
            return value;
        }
    }
    tmp = round_half_up(tmp);
    if places > 0 {
        tmp / f1
    } else {
        tmp * f1
    }
}

/// PHP's `number_format($value, $decimals, '.', ',')`, which is what
/// WordPress's `number_format_i18n()` gives in the en_US locale.
#[must_use]
pub fn number_format(value: f64, decimals: u32) -> String {
    let decimals_i32 = i32::try_from(decimals.min(50)).unwrap_or(50);
    let rounded = php_round(value, decimals_i32);
    if !rounded.is_finite() {
        return if rounded.is_nan() { "nan".to_owned() } else if rounded > 0.0 { "inf".to_owned() } else { "-inf".to_owned() };
    }
    let negative = rounded < 0.0;
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i.to_owned(), Some(f.to_owned())),
        None => (text.clone(), None),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3 + 2);
    let digits = int_part.as_bytes();
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(char::from(*d));
    }
    let mut out = String::new();
    let is_zero = int_part.bytes().all(|b| b == b'0') && frac_part.as_deref().is_none_or(|f| f.bytes().all(|b| b == b'0'));
    if negative && !is_zero {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac_part {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// WordPress's `sanitize_key()` on a string: ASCII lower case, then only
/// `a-z`, `0-9`, `_` and `-` are kept.
#[must_use]
pub fn sanitize_key(key: &str) -> String {
    key.chars()
        .map(|c| c.to_ascii_lowercase())
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
        .collect()
}

/// `sanitize_key()` on any PHP value: scalars are cast to string first,
/// anything else gives `""`.
#[must_use]
pub fn sanitize_key_value(value: &Value) -> String {
    match value {
        Value::String(s) => sanitize_key(s),
        Value::Bool(true) => "1".to_owned(),
        Value::Number(_) => sanitize_key(&php_string(value)),
        _ => String::new(),
    }
}

/// PHP's `ucfirst()` (ASCII).
#[must_use]
pub fn ucfirst(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// PHP's string cast of a scalar (floats as PHP 8 prints them, shortest round trip).
#[must_use]
pub fn php_string(value: &Value) -> String {
    match value {
        Value::Null | Value::Bool(false) => String::new(),
        Value::Bool(true) => "1".to_owned(),
        Value::String(s) => s.clone(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.to_string()
            } else {
                php_float_string(n.as_f64().unwrap_or(0.0))
            }
        }
        Value::Array(_) | Value::Object(_) => "Array".to_owned(),
    }
}

/// How PHP 8 (`precision=-1`) prints a float: shortest round-trip digits,
/// `1.0E+25` style exponents outside [1e-5, 1e15).
#[must_use]
pub fn php_float_string(value: f64) -> String {
    if value.is_nan() {
        return "NAN".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "INF".to_owned() } else { "-INF".to_owned() };
    }
    if value == value.trunc() && value.abs() < 1e15 {
        // Integral values print without a fraction: 5.0 -> "5", -0.0 -> "-0".
        #[allow(clippy::cast_possible_truncation)]
        let int = value as i64;
        return if int == 0 && value.is_sign_negative() { "-0".to_owned() } else { int.to_string() };
    }
    let abs = value.abs();
    if (1e-5..1e15).contains(&abs) {
        return format!("{value}");
    }
    let formatted = format!("{value:e}");
    let (mantissa, exp) = formatted.split_once('e').unwrap_or((&formatted, "0"));
    let mantissa = if mantissa.contains('.') { mantissa.to_owned() } else { format!("{mantissa}.0") };
    let exp: i32 = exp.parse().unwrap_or(0);
    format!("{mantissa}E{}{}", if exp < 0 { '-' } else { '+' }, exp.abs())
}

/// Splits a PHP numeric string into (is_whole_string_numeric, value, is_integer_syntax)
/// following PHP 8's rules: optional surrounding whitespace, optional sign,
/// decimal digits with an optional fraction and exponent. `None` when there is
/// no numeric prefix at all.
fn numeric_prefix(text: &str) -> Option<(bool, f64, bool, &str)> {
    let ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0b}' | '\u{0c}');
    let trimmed = text.trim_start_matches(ws);
    let bytes = trimmed.as_bytes();
    let mut i = 0;
    if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
        i += 1;
    }
    let int_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    let mut integer_syntax = true;
    if i < bytes.len() && bytes[i] == b'.' {
        let dot = i;
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
            frac_digits += 1;
        }
        if int_digits == 0 && frac_digits == 0 {
            i = dot;
        } else {
            integer_syntax = false;
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        let mut j = i + 1;
        if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
            j += 1;
        }
        let exp_start = j;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        if j > exp_start {
            i = j;
            integer_syntax = false;
        }
    }
    let number = &trimmed[..i];
    let rest = &trimmed[i..];
    let whole = rest.chars().all(ws);
    let value: f64 = number.parse().unwrap_or(0.0);
    Some((whole, value, integer_syntax, number))
}

/// PHP's `is_numeric()`.
#[must_use]
pub fn is_numeric(value: &Value) -> bool {
    match value {
        Value::Number(_) => true,
        Value::String(s) => str_is_numeric(s),
        _ => false,
    }
}

/// `is_numeric()` of a string.
#[must_use]
pub fn str_is_numeric(text: &str) -> bool {
    numeric_prefix(text).is_some_and(|(whole, ..)| whole)
}

/// `(float)` of a string.
#[must_use]
pub fn str_to_float(text: &str) -> f64 {
    numeric_prefix(text).map_or(0.0, |(_, v, ..)| v)
}

/// `(int)` of a string.
#[must_use]
pub fn str_to_int(text: &str) -> i64 {
    match numeric_prefix(text) {
        None => 0,
        Some((_, v, integer_syntax, digits)) => {
            if integer_syntax {
                digits.parse::<i64>().unwrap_or_else(|_| cap_to_int(v))
            } else {
                cap_to_int(v)
            }
        }
    }
}

/// PHP's `zend_dval_to_lval`: truncation, 0 when out of range or not finite.
#[must_use]
pub fn float_to_int(value: f64) -> i64 {
    // 2^63 as f64; values in [-2^63, 2^63) fit.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if !value.is_finite() || value >= LIMIT || value < -LIMIT {
        return 0;
    }
    #[allow(clippy::cast_possible_truncation)]
    let truncated = value.trunc() as i64;
    truncated
}

/// PHP's `(float)` cast.
#[must_use]
pub fn to_float(value: &Value) -> f64 {
    match value {
        Value::Null | Value::Bool(false) => 0.0,
        Value::Bool(true) => 1.0,
        Value::Number(n) => n.as_f64().unwrap_or(0.0),
        Value::String(s) => str_to_float(s),
        Value::Array(a) => f64::from(u8::from(!a.is_empty())),
        Value::Object(o) => f64::from(u8::from(!o.is_empty())),
    }
}

/// PHP's `(int)` cast.
#[must_use]
pub fn to_int(value: &Value) -> i64 {
    match value {
        Value::Null | Value::Bool(false) => 0,
        Value::Bool(true) => 1,
        Value::Number(n) => n.as_i64().unwrap_or_else(|| float_to_int(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => str_to_int(s),
        Value::Array(a) => i64::from(!a.is_empty()),
        Value::Object(o) => i64::from(!o.is_empty()),
    }
}

/// PHP's `zend_dval_to_lval_cap`: saturating, 0 for NaN.
fn cap_to_int(value: f64) -> i64 {
    if value.is_nan() {
        0
    } else if value >= 9_223_372_036_854_775_807.0 {
        i64::MAX
    } else if value <= -9_223_372_036_854_775_808.0 {
        i64::MIN
    } else {
        float_to_int(value)
    }
}

/// `!empty($value)`.
#[must_use]
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_i64().map_or_else(|| n.as_f64().unwrap_or(0.0) != 0.0, |i| i != 0),
        Value::String(s) => !(s.is_empty() || s == "0"),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// `is_array($value)` (a PHP array is a JSON list or object here).
#[must_use]
pub fn is_array(value: &Value) -> bool {
    matches!(value, Value::Array(_) | Value::Object(_))
}

/// `isset($array[$key])`: the key exists and is not null.
#[must_use]
pub fn isset<'a>(array: &'a Value, key: &str) -> Option<&'a Value> {
    match array {
        Value::Object(map) => map.get(key).filter(|v| !v.is_null()),
        Value::Array(list) => key.parse::<usize>().ok().and_then(|i| list.get(i)).filter(|v| !v.is_null()),
        _ => None,
    }
}

/// True when PHP would store this string key as an integer key
/// (a canonical decimal integer such as `"123"` or `"-5"`, not `"0123"`).
#[must_use]
pub fn is_integer_key(key: &str) -> bool {
    key.parse::<i64>().is_ok_and(|n| n.to_string() == key)
}

/// Key/value pairs of a PHP array seen as JSON (a list's keys are its indexes).
pub fn entries(value: &Value) -> Vec<(String, &Value)> {
    match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(list) => list.iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_pre_rounds_like_php_8_2() {
        assert_eq!(php_round(1.005, 2), 1.01);
        assert_eq!(php_round(2.675, 2), 2.68);
        assert_eq!(php_round(0.285, 2), 0.29);
        assert_eq!(php_round(1.955, 2), 1.96);
        assert_eq!(php_round(0.125, 2), 0.13);
        assert_eq!(php_round(-1.005, 2), -1.01);
        assert_eq!(php_round(39.0789, 2), 39.08);
        assert_eq!(php_round(0.0, 2), 0.0);
        assert_eq!(php_round(1e20, 2), 1e20);
        assert!(php_round(f64::NAN, 2).is_nan());
    }

    #[test]
    fn number_format_matches_php() {
        assert_eq!(number_format(98.7, 2), "98.70");
        assert_eq!(number_format(320.0, 1), "320.0");
        assert_eq!(number_format(-20.0, 1), "-20.0");
        assert_eq!(number_format(1234567.0, 0), "1,234,567");
        assert_eq!(number_format(200.05, 1), "200.1");
        assert_eq!(number_format(-0.04, 1), "0.0");
        assert_eq!(number_format(999.995, 2), "1,000.00");
    }

    #[test]
    fn loose_casts() {
        assert!(is_numeric(&json!("42.5")));
        assert!(is_numeric(&json!(" 1e3 ")));
        assert!(is_numeric(&json!("1.")));
        assert!(is_numeric(&json!(".5")));
        assert!(!is_numeric(&json!("abc")));
        assert!(!is_numeric(&json!("12abc")));
        assert!(!is_numeric(&json!(".")));
        assert!(!is_numeric(&json!(true)));
        assert_eq!(to_int(&json!("1699999800")), 1_699_999_800);
        assert_eq!(to_int(&json!("42.9")), 42);
        assert_eq!(to_int(&json!("12abc")), 12);
        assert_eq!(to_int(&json!("abc")), 0);
        assert_eq!(to_int(&json!(-3.7)), -3);
        assert_eq!(to_float(&json!("42.5")), 42.5);
        assert_eq!(to_float(&json!("x")), 0.0);
        assert!(truthy(&json!("yes")));
        assert!(!truthy(&json!("0")));
        assert!(!truthy(&json!([])));
        assert!(is_integer_key("123"));
        assert!(!is_integer_key("0123"));
        assert!(!is_integer_key("a/a.php"));
    }

    #[test]
    fn keys_and_strings() {
        assert_eq!(sanitize_key("Last-30D!"), "last-30d");
        assert_eq!(sanitize_key("AP-South"), "ap-south");
        assert_eq!(ucfirst("eu-west"), "Eu-west");
        assert_eq!(php_float_string(3.333333336759854e-08), "3.333333336759854E-8");
        assert_eq!(php_float_string(0.5), "0.5");
        assert_eq!(php_float_string(40.0), "40");
        assert_eq!(sanitize_key_value(&json!(1.5)), "15");
    }
}
