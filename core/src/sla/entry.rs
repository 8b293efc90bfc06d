//! Reading uptime log entries without copying them.
//!
//! A year of 5-minute checks is 105,120 entries: the binding walks PHP's
//! arrays in place through [`LogEntry`], core tests use plain Rust values.
//! A field is read as a borrowed [`Scalar`] that keeps PHP's distinction
//! between an absent key, a present `null`, and each scalar type, because the
//! parity model depends on it (`isset`, `array_key_exists`, `is_numeric`).

use serde_json::Value;

use crate::phpcompat;

/// One field of a log entry, borrowed from wherever the entry lives.
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

/// Read access to one uptime log entry
/// (`{timestamp, agent, status, latency, ttfb, incident_start, error, violation_types}`).
pub trait LogEntry {
    /// Whether the entry is an array. Very old SitePulse logs stored bare `0`/`1` values.
    fn is_array(&self) -> bool {
        true
    }

    /// The entry itself when it is not an array.
    fn scalar(&self) -> Scalar<'_> {
        Scalar::Absent
    }

    /// Number of keys (PHP `count()`); 0 for a non-array.
    fn key_count(&self) -> usize;

    /// One field by key.
    fn get(&self, key: &str) -> Scalar<'_>;

    /// The items of `violation_types` when it is an array, else `None`.
    fn violation_types(&self) -> Option<Vec<Scalar<'_>>>;

    /// `timestamp`.
    fn timestamp(&self) -> Scalar<'_> {
        self.get("timestamp")
    }

    /// `agent`.
    fn agent(&self) -> Scalar<'_> {
        self.get("agent")
    }

    /// `status`.
    fn status(&self) -> Scalar<'_> {
        self.get("status")
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

/// Entries held as JSON values (what the PHP bridge produces for small inputs, and what tests use).
impl LogEntry for Value {
    fn is_array(&self) -> bool {
        phpcompat::is_array(self)
    }
    fn scalar(&self) -> Scalar<'_> {
        scalar_of(self)
    }
    fn key_count(&self) -> usize {
        match self {
            Value::Object(o) => o.len(),
            Value::Array(a) => a.len(),
            _ => 0,
        }
    }
    fn get(&self, key: &str) -> Scalar<'_> {
        match self {
            Value::Object(o) => o.get(key).map_or(Scalar::Absent, scalar_of),
            _ => Scalar::Absent,
        }
    }
    fn violation_types(&self) -> Option<Vec<Scalar<'_>>> {
        match self {
            Value::Object(o) => match o.get("violation_types") {
                Some(Value::Array(items)) => Some(items.iter().map(scalar_of).collect()),
                Some(Value::Object(items)) => Some(items.values().map(scalar_of).collect()),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A plain entry, for callers that build logs in Rust.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// Unix seconds.
    pub timestamp: i64,
    /// Agent id.
    pub agent: String,
    /// `Some(true)` up, `Some(false)` down, `None` unknown.
    pub up: Option<bool>,
    /// Maintenance flag (wins over `up`).
    pub maintenance: bool,
    /// Response time in seconds.
    pub latency: Option<f64>,
}

impl LogEntry for Check {
    fn key_count(&self) -> usize {
        4
    }
    fn get(&self, key: &str) -> Scalar<'_> {
        match key {
            "timestamp" => Scalar::Int(self.timestamp),
            "agent" => Scalar::Str(&self.agent),
            "status" => {
                if self.maintenance {
                    Scalar::Str("maintenance")
                } else {
                    self.up.map_or(Scalar::Str("unknown"), Scalar::Bool)
                }
            }
            "latency" => self.latency.map_or(Scalar::Absent, Scalar::Float),
            _ => Scalar::Absent,
        }
    }
    fn violation_types(&self) -> Option<Vec<Scalar<'_>>> {
        None
    }
}
