//! SitePulse's impact history (`{plugin_file: [{timestamp, avg_ms, samples,
//! last_ms, weight}]}`) as the scorer reads it, without copying it.
//!
//! The binding hands over PHP's arrays as they are: a [`History`] of plugin
//! keys, each with borrowed views of its entries ([`HistoryEntry`]); tests and
//! small callers build the same view from a JSON value with
//! [`History::from_json`]. Reading an entry is the model's business: the
//! `sitepulse` model skips what is malformed, the `continuous` model names it.

use serde_json::Value;

use crate::id::Id;
use crate::phpcompat::is_integer_key;
use crate::scalar::{scalar_of, Scalar};

use super::error::ImpactError;

/// Most plugins accepted.
pub const MAX_PLUGINS: usize = 10_000;
/// Most entries accepted per plugin (SitePulse keeps at most 90).
pub const MAX_ENTRIES_PER_PLUGIN: usize = 100_000;

/// Read access to one history entry, wherever it lives.
pub trait HistoryEntry {
    /// The entry itself: [`Scalar::Array`] when it is an array, else its scalar value.
    fn value(&self) -> Scalar<'_>;

    /// Whether the entry is a PHP list (keys 0, 1, ...; also the empty array).
    /// Only asked for an entry without a `timestamp`, to word the error.
    fn is_list(&self) -> bool;

    /// One field by key.
    fn get(&self, key: &str) -> Scalar<'_>;
}

/// The entries of one plugin as the caller holds them.
#[derive(Debug, Clone)]
pub enum Entries<E> {
    /// An array (list or map): its values in order.
    Array(Vec<E>),
    /// Anything that is not an array.
    NotArray,
}

/// The whole history.
#[derive(Debug, Clone)]
pub enum History<E> {
    /// A PHP list (keys 0, 1, ..., including the empty array): it names no plugin.
    List {
        /// Number of items.
        len: usize,
    },
    /// Keyed by plugin file (PHP keys: integers or strings), in the caller's order.
    Map(Vec<(Id, Entries<E>)>),
    /// Not an array at all.
    NotArray,
}

/// One entry after reading.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// Unix seconds, positive.
    pub timestamp: i64,
    /// Average time in milliseconds, not negative.
    pub avg_ms: f64,
    /// Share of the request time (%), when the entry has one.
    pub weight: Option<f64>,
}

/// One plugin after reading: its key, its number of entries (malformed ones
/// included, as SitePulse counts them) and the entries that could be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Plugin {
    /// The plugin file.
    pub key: String,
    /// Number of entries in the input.
    pub raw_entries: usize,
    /// The entries read.
    pub entries: Vec<Entry>,
}

impl<T: HistoryEntry + ?Sized> HistoryEntry for &T {
    fn value(&self) -> Scalar<'_> {
        (**self).value()
    }
    fn is_list(&self) -> bool {
        (**self).is_list()
    }
    fn get(&self, key: &str) -> Scalar<'_> {
        (**self).get(key)
    }
}

impl HistoryEntry for Value {
    fn value(&self) -> Scalar<'_> {
        scalar_of(self)
    }
    fn is_list(&self) -> bool {
        matches!(self, Value::Array(_))
    }
    fn get(&self, key: &str) -> Scalar<'_> {
        match self {
            Value::Object(map) => map.get(key).map_or(Scalar::Absent, scalar_of),
            _ => Scalar::Absent,
        }
    }
}

impl<'a> History<&'a Value> {
    /// The view of a history held as JSON (a JSON list is a PHP list, an
    /// object's keys are the plugin files).
    #[must_use]
    pub fn from_json(history: &'a Value) -> Self {
        match history {
            Value::Array(list) => History::List { len: list.len() },
            Value::Object(map) => History::Map(
                map.iter()
                    .map(|(key, entries)| {
                        let entries = match entries {
                            Value::Array(list) => Entries::Array(list.iter().collect()),
                            Value::Object(map) => Entries::Array(map.values().collect()),
                            _ => Entries::NotArray,
                        };
                        (Id::Str(key.clone()), entries)
                    })
                    .collect(),
            ),
            _ => History::NotArray,
        }
    }
}

/// Reads the history. `strict` is the `continuous` model: anything malformed
/// is an error naming it (`history[akismet/akismet.php][3].avg_ms`); otherwise
/// malformed plugins and entries are skipped, as SitePulse does.
///
/// # Errors
/// Too many plugins or entries (both models); in the strict model, any
/// malformed key, list or entry; in both, a non-finite number where a
/// timestamp, a duration or a weight is read.
pub fn read<E: HistoryEntry>(history: &History<E>, strict: bool) -> Result<Vec<Plugin>, ImpactError> {
    let map = match history {
        History::Map(map) => map,
        History::List { len: 0 } => return Ok(Vec::new()),
        History::List { .. } if !strict => return Ok(Vec::new()), // only integer keys: all skipped
        History::List { .. } | History::NotArray => {
            return Err(ImpactError::input("history", "must be an array keyed by plugin file"))
        }
    };
    if map.len() > MAX_PLUGINS {
        return Err(ImpactError::input("history", format!("at most {MAX_PLUGINS} plugins are accepted")));
    }
    let mut out = Vec::with_capacity(map.len());
    for (key, entries) in map {
        // PHP turns "123" into an integer key, which SitePulse skips (is_string check).
        let name = match key {
            Id::Str(s) if !s.is_empty() && !is_integer_key(s) => s,
            _ => {
                if strict {
                    return Err(ImpactError::input(
                        format!("history[{}]", key.key()),
                        "plugin keys must be non-empty, non-integer plugin files",
                    ));
                }
                continue;
            }
        };
        let list = match entries {
            Entries::Array(list) => list,
            Entries::NotArray => {
                if strict {
                    return Err(ImpactError::input(format!("history[{name}]"), "must be a list of entries"));
                }
                continue;
            }
        };
        if list.is_empty() {
            continue;
        }
        if list.len() > MAX_ENTRIES_PER_PLUGIN {
            return Err(ImpactError::input(
                format!("history[{name}]"),
                format!("at most {MAX_ENTRIES_PER_PLUGIN} entries are accepted"),
            ));
        }
        let mut parsed = Vec::with_capacity(list.len());
        for (i, entry) in list.iter().enumerate() {
            let path = Path { plugin: name, index: i };
            let read = if strict { read_strict(entry, path)? } else { read_loose(entry, path)? };
            if let Some(e) = read {
                parsed.push(e);
            }
        }
        out.push(Plugin { key: name.clone(), raw_entries: list.len(), entries: parsed });
    }
    Ok(out)
}

/// Where an entry is, formatted only when an error needs it.
#[derive(Clone, Copy)]
struct Path<'a> {
    plugin: &'a str,
    index: usize,
}

impl Path<'_> {
    fn entry(self) -> String {
        format!("history[{}][{}]", self.plugin, self.index)
    }
    fn field(self, key: &str) -> String {
        format!("history[{}][{}].{key}", self.plugin, self.index)
    }
}

/// A value PHP would accept as a number must still be finite.
fn finite(value: Scalar<'_>, path: Path<'_>, key: &str) -> Result<(), ImpactError> {
    match value {
        Scalar::Float(f) if !f.is_finite() => Err(ImpactError::input(path.field(key), format!("must be a finite number, got {f}"))),
        _ => Ok(()),
    }
}

/// SitePulse's reading: anything malformed is skipped.
fn read_loose<E: HistoryEntry>(entry: &E, path: Path<'_>) -> Result<Option<Entry>, ImpactError> {
    if !matches!(entry.value(), Scalar::Array(_)) {
        return Ok(None);
    }
    let avg = entry.get("avg_ms");
    finite(avg, path, "avg_ms")?;
    if !(avg.is_set() && avg.is_numeric()) {
        return Ok(None);
    }
    let avg_ms = avg.to_float().max(0.0);
    let ts = entry.get("timestamp");
    finite(ts, path, "timestamp")?;
    let timestamp = if ts.is_set() { ts.to_int() } else { 0 };
    if timestamp <= 0 {
        return Ok(None);
    }
    let w = entry.get("weight");
    finite(w, path, "weight")?;
    let weight = (w.is_set() && w.is_numeric()).then(|| w.to_float());
    Ok(Some(Entry { timestamp, avg_ms, weight }))
}

fn number_field<E: HistoryEntry>(entry: &E, key: &str, path: Path<'_>, required: bool) -> Result<Option<f64>, ImpactError> {
    match entry.get(key) {
        Scalar::Absent | Scalar::Null if !required => Ok(None),
        Scalar::Absent | Scalar::Null => Err(ImpactError::input(path.field(key), "is missing")),
        v @ (Scalar::Int(_) | Scalar::Float(_)) => {
            let v = v.to_float();
            if !v.is_finite() {
                return Err(ImpactError::input(path.field(key), "must be a finite number"));
            }
            if v < 0.0 {
                return Err(ImpactError::input(path.field(key), format!("must not be negative, got {v}")));
            }
            Ok(Some(v))
        }
        other => Err(ImpactError::input(path.field(key), format!("must be a number, got {}", other.type_name()))),
    }
}

/// The default model's reading: a malformed entry is an error naming it.
fn read_strict<E: HistoryEntry>(entry: &E, path: Path<'_>) -> Result<Option<Entry>, ImpactError> {
    let value = entry.value();
    if !matches!(value, Scalar::Array(_)) {
        return Err(ImpactError::input(
            path.entry(),
            format!("must be an array with timestamp and avg_ms, got {}", value.type_name()),
        ));
    }
    let timestamp = match entry.get("timestamp") {
        Scalar::Int(t) => t,
        // A list has no string keys at all: name its shape rather than the missing key.
        Scalar::Absent if entry.is_list() => {
            return Err(ImpactError::input(path.entry(), "must be an array with timestamp and avg_ms, got array"))
        }
        Scalar::Absent | Scalar::Null => return Err(ImpactError::input(path.field("timestamp"), "is missing")),
        other => {
            return Err(ImpactError::input(
                path.field("timestamp"),
                format!("must be an integer Unix timestamp, got {}", other.type_name()),
            ))
        }
    };
    if timestamp <= 0 {
        return Err(ImpactError::input(path.field("timestamp"), format!("must be positive, got {timestamp}")));
    }
    let avg_ms = number_field(entry, "avg_ms", path, true)?.unwrap_or(0.0);
    let weight = number_field(entry, "weight", path, false)?;
    for optional in ["samples", "last_ms"] {
        number_field(entry, optional, path, false)?;
    }
    Ok(Some(Entry { timestamp, avg_ms, weight }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read_json(history: &Value, strict: bool) -> Result<Vec<Plugin>, ImpactError> {
        read(&History::from_json(history), strict)
    }

    #[test]
    fn loose_reading_skips_what_sitepulse_skips() {
        let h = json!({
            "123": [{"timestamp": 5, "avg_ms": 1.0}],
            "": [{"timestamp": 5, "avg_ms": 1.0}],
            "scalar/x.php": 5,
            "empty/x.php": [],
            "a/a.php": [
                {"timestamp": 5, "avg_ms": "12.5", "weight": "x"},
                {"timestamp": 0, "avg_ms": 1.0},
                {"timestamp": "7", "avg_ms": -3},
                {"avg_ms": 1.0},
                {"timestamp": 5, "avg_ms": null},
                [1, 2],
                "text"
            ]
        });
        let plugins = read_json(&h, false).unwrap();
        assert_eq!(plugins.len(), 1);
        assert_eq!(plugins[0].key, "a/a.php");
        assert_eq!(plugins[0].raw_entries, 7);
        assert_eq!(
            plugins[0].entries,
            vec![Entry { timestamp: 5, avg_ms: 12.5, weight: None }, Entry { timestamp: 7, avg_ms: 0.0, weight: None }]
        );
        assert!(read_json(&json!([[{"timestamp": 5, "avg_ms": 1.0}]]), false).unwrap().is_empty());
    }

    #[test]
    fn strict_reading_names_the_first_problem() {
        let cases = [
            (json!([[]]), "history: must be an array keyed by plugin file"),
            (json!({"123": []}), "history[123]: plugin keys must be non-empty, non-integer plugin files"),
            (json!({"a": 5}), "history[a]: must be a list of entries"),
            (json!({"a": ["x"]}), "history[a][0]: must be an array with timestamp and avg_ms, got string"),
            (json!({"a": [[]]}), "history[a][0]: must be an array with timestamp and avg_ms, got array"),
            (json!({"a": [{"timestamp": 1.5, "avg_ms": 1}]}), "history[a][0].timestamp: must be an integer Unix timestamp, got float"),
            (json!({"a": [{"timestamp": -1, "avg_ms": 1}]}), "history[a][0].timestamp: must be positive, got -1"),
            (json!({"a": [{"timestamp": 1}]}), "history[a][0].avg_ms: is missing"),
            (json!({"a": [{"timestamp": 1, "avg_ms": 1, "samples": "3"}]}), "history[a][0].samples: must be a number, got string"),
            (json!({"a": [{"timestamp": 1, "avg_ms": 1, "weight": -2}]}), "history[a][0].weight: must not be negative, got -2"),
        ];
        for (h, want) in cases {
            assert_eq!(read_json(&h, true).unwrap_err().to_string(), want, "{h}");
        }
    }

    /// An in-place reader can meet floats JSON cannot hold.
    struct Raw(Vec<(&'static str, Scalar<'static>)>);

    impl HistoryEntry for Raw {
        fn value(&self) -> Scalar<'_> {
            Scalar::Array(self.0.len())
        }
        fn is_list(&self) -> bool {
            self.0.is_empty()
        }
        fn get(&self, key: &str) -> Scalar<'_> {
            self.0.iter().find(|(k, _)| *k == key).map_or(Scalar::Absent, |(_, v)| *v)
        }
    }

    #[test]
    fn non_finite_numbers_are_refused_in_both_models() {
        for (field, value) in [("avg_ms", f64::NAN), ("weight", f64::INFINITY), ("timestamp", f64::NEG_INFINITY)] {
            let mut row = vec![("timestamp", Scalar::Int(5)), ("avg_ms", Scalar::Float(1.0))];
            row.retain(|(k, _)| *k != field);
            row.push((field, Scalar::Float(value)));
            let h = History::Map(vec![(Id::Str("p".into()), Entries::Array(vec![Raw(row)]))]);
            for strict in [false, true] {
                let err = read(&h, strict).unwrap_err().to_string();
                assert!(err.starts_with(&format!("history[p][0].{field}: must be")), "{field} strict={strict}: {err}");
            }
        }
    }
}
