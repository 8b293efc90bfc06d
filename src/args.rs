//! Argument helpers shared by the classes: optional array parameters with a
//! `[]` default, the current time when PHP passes none, randomness from the OS,
//! and arrays built from serde values.

use std::time::{SystemTime, UNIX_EPOCH};

use ext_php_rs::boxed::ZBox;
use ext_php_rs::convert::{FromZval, StubLiteral};
use ext_php_rs::exception::PhpResult;
use ext_php_rs::flags::DataType;
use ext_php_rs::types::{ZendHashTable, Zval};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::convert;
use crate::exceptions::{invalid_input, native};

/// An `array` parameter, optional with the default `[]`.
///
/// ext-php-rs renders a parameter's default from a Rust value before the engine's
/// allocator exists, so the omitted case is a variant that holds no PHP value.
pub enum ArrayArg {
    /// The caller omitted the argument.
    Empty,
    /// The caller's array (a counted reference, not a copy).
    Given(Zval),
}

impl<'a> FromZval<'a> for ArrayArg {
    const TYPE: DataType = DataType::Array;

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        zval.is_array().then(|| Self::Given(zval.shallow_clone()))
    }
}

impl StubLiteral for ArrayArg {
    fn stub_literal(&self) -> String {
        "[]".to_owned()
    }
}

impl ArrayArg {
    /// The array as JSON; an empty or omitted array is an empty object.
    pub fn json(&self, name: &str) -> PhpResult<Value> {
        let json = match self {
            Self::Empty => return Ok(Value::Object(Map::new())),
            Self::Given(z) => convert::to_json(z, name)?,
        };
        Ok(match json {
            Value::Array(items) if items.is_empty() => Value::Object(Map::new()),
            other => other,
        })
    }

    /// The array as a key => value map; a non-empty list is refused.
    pub fn object(&self, name: &str) -> PhpResult<Map<String, Value>> {
        match self.json(name)? {
            Value::Object(map) => Ok(map),
            _ => Err(invalid_input(name, format!("{name}: must be an array of key => value, not a list"))),
        }
    }

    /// The array read into a core type through serde (errors name the key).
    pub fn decode<T: DeserializeOwned>(&self, name: &str) -> PhpResult<T> {
        let json = self.json(name)?;
        if let Value::Array(_) = json {
            return Err(invalid_input(name, format!("{name}: must be an array of key => value, not a list")));
        }
        convert::from_value(json, name)
    }
}

/// A `string` parameter read byte for byte: invalid UTF-8 becomes U+FFFD
/// instead of a TypeError, for values that come from the network (headers, URLs).
pub struct Text(pub String);

impl<'a> FromZval<'a> for Text {
    const TYPE: DataType = DataType::String;

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        zval.zend_str().map(|s| Self(String::from_utf8_lossy(s.as_bytes()).into_owned()))
    }
}

/// `now` as given, or the current time; refuses NaN, infinities and negative times.
pub fn now(now: Option<f64>) -> PhpResult<f64> {
    match now {
        Some(t) if t.is_finite() && t >= 0.0 => Ok(t),
        Some(t) => Err(invalid_input("now", format!("now: must be a Unix timestamp (finite, not negative), got {t}"))),
        None => Ok(SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64())),
    }
}

/// 64 random bits from the OS, to seed jitter. Falls back to the clock if the
/// OS source fails: jitter only spreads delays, it protects no secret.
pub fn entropy() -> u64 {
    getrandom::u64().unwrap_or_else(|_| {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        (nanos as u64) ^ u64::from(std::process::id()).rotate_left(32)
    })
}

/// A random lock token: 128 bits from the OS as 32 hex digits.
pub fn token() -> PhpResult<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| native(format!("no randomness available for a lock token: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A PHP array from a serde value that serializes to a map or a list.
pub fn to_array<T: Serialize>(value: &T) -> PhpResult<ZBox<ZendHashTable>> {
    let json = serde_json::to_value(value).map_err(|e| native(format!("cannot convert the result for PHP: {e}")))?;
    json_to_array(&json)
}

/// A PHP array from a JSON map or list.
pub fn json_to_array(json: &Value) -> PhpResult<ZBox<ZendHashTable>> {
    match json {
        Value::Object(map) => {
            let mut table = ZendHashTable::with_capacity(u32::try_from(map.len()).unwrap_or(u32::MAX));
            for (key, item) in map {
                // PHP turns integer-like string keys into integers; do the same.
                match key.parse::<i64>() {
                    Ok(n) if n.to_string() == *key => table.insert_at_index(n, convert::to_zval(item)?)?,
                    _ => table.insert(key.as_str(), convert::to_zval(item)?)?,
                }
            }
            Ok(table)
        }
        Value::Array(items) => {
            let mut table = ZendHashTable::with_capacity(u32::try_from(items.len()).unwrap_or(u32::MAX));
            for item in items {
                table.push(convert::to_zval(item)?)?;
            }
            Ok(table)
        }
        _ => Err(native("internal error: the result is not an array")),
    }
}
