//! One scalar of a PHP array, borrowed in place.
//!
//! Large inputs (an uptime log, an impact history) are read field by field
//! from PHP's arrays by the binding, and from JSON values by the tests; both
//! hand the core a [`Scalar`], which keeps PHP's distinction between an absent
//! key, a present `null` and each scalar type, because the parity models
//! depend on it (`isset`, `array_key_exists`, `is_numeric`).

use serde_json::Value;

use crate::phpcompat;

/// One value of a PHP array, borrowed from wherever the array lives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar<'a> {
    /// The key is not there.
    Absent,
    /// The key is there with a `null` value.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Str(&'a str),
    /// An array (with its number of elements); its content is read elsewhere.
    Array(usize),
}

impl Scalar<'_> {
    /// PHP `isset()`: present and not null.
    #[must_use]
    pub fn is_set(&self) -> bool {
        !matches!(self, Scalar::Absent | Scalar::Null)
    }

    /// PHP `array_key_exists()`.
    #[must_use]
    pub fn exists(&self) -> bool {
        !matches!(self, Scalar::Absent)
    }

    /// PHP `is_numeric()`.
    #[must_use]
    pub fn is_numeric(&self) -> bool {
        match self {
            Scalar::Int(_) | Scalar::Float(_) => true,
            Scalar::Str(s) => phpcompat::str_is_numeric(s),
            _ => false,
        }
    }

    /// PHP `(int)`.
    #[must_use]
    pub fn to_int(&self) -> i64 {
        match *self {
            Scalar::Absent | Scalar::Null | Scalar::Bool(false) => 0,
            Scalar::Bool(true) => 1,
            Scalar::Int(i) => i,
            Scalar::Float(f) => phpcompat::float_to_int(f),
            Scalar::Str(s) => phpcompat::str_to_int(s),
            Scalar::Array(n) => i64::from(n > 0),
        }
    }

    /// PHP `(float)`.
    #[must_use]
    pub fn to_float(&self) -> f64 {
        match *self {
            Scalar::Absent | Scalar::Null | Scalar::Bool(false) => 0.0,
            Scalar::Bool(true) => 1.0,
            #[allow(clippy::cast_precision_loss)]
            Scalar::Int(i) => i as f64,
            Scalar::Float(f) => f,
            Scalar::Str(s) => phpcompat::str_to_float(s),
            Scalar::Array(n) => f64::from(u8::from(n > 0)),
        }
    }

    /// PHP `!empty()`.
    #[must_use]
    pub fn truthy(&self) -> bool {
        match *self {
            Scalar::Absent | Scalar::Null => false,
            Scalar::Bool(b) => b,
            Scalar::Int(i) => i != 0,
            Scalar::Float(f) => f != 0.0,
            Scalar::Str(s) => !(s.is_empty() || s == "0"),
            Scalar::Array(n) => n > 0,
        }
    }

    /// The string, when this is one.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }

    /// WordPress `sanitize_key()` of this value (non-scalars give `""`).
    #[must_use]
    pub fn sanitize_key(&self) -> String {
        match *self {
            Scalar::Str(s) => phpcompat::sanitize_key(s),
            Scalar::Bool(true) => "1".to_owned(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => phpcompat::sanitize_key(&phpcompat::php_float_string(f)),
            _ => String::new(),
        }
    }

    /// PHP's name of the type, for messages.
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self {
            Scalar::Absent => "nothing",
            Scalar::Null => "null",
            Scalar::Bool(_) => "bool",
            Scalar::Int(_) => "int",
            Scalar::Float(_) => "float",
            Scalar::Str(_) => "string",
            Scalar::Array(_) => "array",
        }
    }
}

/// A borrowed view of a JSON value as a scalar.
#[must_use]
pub fn scalar_of(value: &Value) -> Scalar<'_> {
    match value {
        Value::Null => Scalar::Null,
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Number(n) => n.as_i64().map_or_else(|| Scalar::Float(n.as_f64().unwrap_or(0.0)), Scalar::Int),
        Value::String(s) => Scalar::Str(s),
        Value::Array(a) => Scalar::Array(a.len()),
        Value::Object(o) => Scalar::Array(o.len()),
    }
}
