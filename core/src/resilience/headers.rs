//! The response headers the limiter reads, looked up without regard to case.

use serde_json::Value;

use super::error::ResilienceError;

/// Most header entries read from one response.
pub const MAX_HEADERS: usize = 1000;

/// The headers that matter to the limiter (lower case); any other is skipped.
pub const WANTED: [&str; 8] = [
    "retry-after",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "x-ratelimit-reset-after",
    "x-ratelimit-bucket",
    "x-ratelimit-global",
    "x-ratelimit-scope",
];

/// Longest value kept for a wanted header.
const MAX_VALUE_LEN: usize = 256;

/// Rate-limit headers of one response, names lower-cased.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Headers {
    entries: Vec<(&'static str, String)>,
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        // A repeated header arrives as a list: the first value counts.
        Value::Array(items) => items.iter().find_map(scalar),
        Value::Null | Value::Object(_) => None,
    }
}

impl Headers {
    /// Headers from pairs, for Rust callers and tests.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut headers = Self::default();
        for (name, value) in pairs.into_iter().take(MAX_HEADERS) {
            headers.add(name, value.to_owned());
        }
        headers
    }

    /// Headers from a PHP array `name => value | list<value>` (an empty list is no headers).
    pub fn from_json(value: &Value) -> Result<Self, ResilienceError> {
        let map = match value {
            Value::Object(map) => map,
            Value::Array(items) if items.is_empty() => return Ok(Self::default()),
            _ => return Err(ResilienceError::new("headers", "must be an array of header name => value")),
        };
        if map.len() > MAX_HEADERS {
            return Err(ResilienceError::new("headers", format!("has {} entries, at most {MAX_HEADERS} are read", map.len())));
        }
        let mut headers = Self::default();
        for (name, value) in map {
            if let Some(v) = scalar(value) {
                headers.add(name, v);
            }
        }
        Ok(headers)
    }

    fn add(&mut self, name: &str, value: String) {
        let lower = name.trim().to_ascii_lowercase();
        let Some(wanted) = WANTED.iter().find(|w| **w == lower) else { return };
        if self.entries.iter().any(|(n, _)| n == wanted) {
            return;
        }
        let mut value = value.trim().to_owned();
        if value.len() > MAX_VALUE_LEN {
            let mut cut = MAX_VALUE_LEN;
            while !value.is_char_boundary(cut) {
                cut -= 1;
            }
            value.truncate(cut);
        }
        self.entries.push((wanted, value));
    }

    /// The value of a header, by lower-case name.
    #[must_use]
    pub fn get(&self, lower_name: &str) -> Option<&str> {
        self.entries.iter().find(|(n, _)| *n == lower_name).map(|(_, v)| v.as_str())
    }

    /// A header read as a finite, non-negative number.
    #[must_use]
    pub fn number(&self, lower_name: &str) -> Option<f64> {
        let v: f64 = self.get(lower_name)?.parse().ok()?;
        (v.is_finite() && v >= 0.0).then_some(v)
    }

    /// A header read as a count.
    #[must_use]
    pub fn count(&self, lower_name: &str) -> Option<u32> {
        let v = self.number(lower_name)?;
        (v.fract() == 0.0 && v <= f64::from(u32::MAX)).then_some(v as u32)
    }
}
