//! Reading uptime log entries without copying them.
//!
//! A year of 5-minute checks is 105,120 entries: the binding walks PHP's
//! arrays in place through [`LogEntry`], core tests use plain Rust values.
//! A field is read as a borrowed [`Scalar`] (see [`crate::scalar`]).

use serde_json::Value;

use crate::phpcompat;
pub use crate::scalar::{scalar_of, Scalar};

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
