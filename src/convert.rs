//! The one bridge between PHP values and the core's serde types.
//!
//! Small inputs (options, policies, lists of a few thousand rows) go through
//! `serde_json::Value`, so each core type declares its shape once with serde
//! and a bad key is reported with its full path (`samples[3].timestamp`).
//! Large inputs that are only read once are walked in place by their binding
//! instead of being copied.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::convert::{FromZval, StubLiteral};
use ext_php_rs::flags::DataType;
use ext_php_rs::types::{ArrayKey, ZendHashTable, Zval};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};

use crate::exceptions::invalid_input;

/// Deepest nesting accepted from PHP; deeper input is refused, not recursed into.
const MAX_DEPTH: usize = 64;

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

/// Converts a PHP value into JSON. `path` names the argument, for errors.
pub fn to_json(value: &Zval, path: &str) -> PhpResult<Value> {
    to_json_at(value, path, 0)
}

fn to_json_at(value: &Zval, path: &str, depth: usize) -> PhpResult<Value> {
    if depth > MAX_DEPTH {
        return Err(invalid_input(path, format!("{path}: nested more than {MAX_DEPTH} levels deep")));
    }
    let value = value.dereference();
    if value.is_null() {
        return Ok(Value::Null);
    }
    if let Some(b) = value.bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = value.long() {
        return Ok(Value::Number(n.into()));
    }
    if let Some(f) = value.double() {
        return Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| invalid_input(path, format!("{path}: must be a finite number, got {f}")));
    }
    if let Some(s) = value.zend_str() {
        return match s.as_str() {
            Ok(s) => Ok(Value::String(s.to_owned())),
            Err(_) => Err(invalid_input(path, format!("{path}: must be valid UTF-8 text"))),
        };
    }
    if let Some(table) = value.array() {
        return table_to_json(table, path, depth);
    }
    Err(invalid_input(
        path,
        format!("{path}: unsupported value of type {}", value.get_type()),
    ))
}

/// Converts a PHP array into JSON. `path` names the argument, for errors.
pub fn table_json(table: &ZendHashTable, path: &str) -> PhpResult<Value> {
    table_to_json(table, path, 0)
}

/// Reads an optional PHP options array into a core type (absent = empty array).
pub fn options_from<T: DeserializeOwned>(table: Option<&ZendHashTable>, name: &str) -> PhpResult<T> {
    let json = match table {
        Some(t) if t.len() > 0 => table_to_json(t, name, 0)?,
        _ => Value::Object(Map::new()),
    };
    from_value(json, name)
}

fn table_to_json(table: &ZendHashTable, path: &str, depth: usize) -> PhpResult<Value> {
    if table.has_sequential_keys() {
        let mut list = Vec::with_capacity(table.len());
        for (i, item) in table.values().enumerate() {
            list.push(to_json_at(item, &format!("{path}[{i}]"), depth + 1)?);
        }
        return Ok(Value::Array(list));
    }
    let mut map = Map::with_capacity(table.len());
    for (key, item) in table.iter() {
        let key = match key {
            ArrayKey::Long(n) => n.to_string(),
            ArrayKey::String(s) => s,
            ArrayKey::Str(s) => s.to_owned(),
            other => other.to_string(),
        };
        let child = join(path, &key);
        map.insert(key, to_json_at(item, &child, depth + 1)?);
    }
    Ok(Value::Object(map))
}

/// Converts JSON into a PHP value. Objects become associative arrays.
pub fn to_zval(value: &Value) -> PhpResult<Zval> {
    let mut z = Zval::new();
    match value {
        Value::Null => z.set_null(),
        Value::Bool(b) => z.set_bool(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                z.set_long(i);
            } else {
                z.set_double(n.as_f64().unwrap_or(f64::NAN));
            }
        }
        Value::String(s) => z.set_string(s, false)?,
        Value::Array(items) => {
            let mut table = ZendHashTable::with_capacity(u32::try_from(items.len()).unwrap_or(u32::MAX));
            for item in items {
                table.push(to_zval(item)?)?;
            }
            z.set_hashtable(table);
        }
        Value::Object(map) => z.set_hashtable(map_to_table(map)?),
    }
    Ok(z)
}

/// Converts a JSON object or list into a PHP array (for methods declared `: array`).
pub fn to_array(value: &Value) -> PhpResult<ZBox<ZendHashTable>> {
    match value {
        Value::Object(map) => map_to_table(map),
        Value::Array(items) => {
            let mut table = ZendHashTable::with_capacity(u32::try_from(items.len()).unwrap_or(u32::MAX));
            for item in items {
                table.push(to_zval(item)?)?;
            }
            Ok(table)
        }
        _ => Err(crate::exceptions::native("internal error: the result is not an array")),
    }
}

fn map_to_table(map: &Map<String, Value>) -> PhpResult<ZBox<ZendHashTable>> {
    let mut table = ZendHashTable::with_capacity(u32::try_from(map.len()).unwrap_or(u32::MAX));
    for (key, item) in map {
        // PHP turns integer-like string keys into integers; do the same.
        match key.parse::<i64>() {
            Ok(n) if n.to_string() == *key => table.insert_at_index(n, to_zval(item)?)?,
            _ => table.insert(key.as_str(), to_zval(item)?)?,
        }
    }
    Ok(table)
}

/// Reads a PHP value into a core type. Errors name the argument and the path
/// inside it, for example `samples[3].timestamp: invalid type: string "x", expected i64`.
pub fn from_php<T: DeserializeOwned>(value: &Zval, name: &str) -> PhpResult<T> {
    let json = to_json(value, name)?;
    from_value(json, name)
}

/// Reads an already converted JSON value into a core type.
pub fn from_value<T: DeserializeOwned>(json: Value, name: &str) -> PhpResult<T> {
    serde_path_to_error::deserialize(json).map_err(|err| {
        let inner = err.path().to_string();
        let path = if inner == "." || inner.is_empty() {
            name.to_owned()
        } else if inner.starts_with('[') {
            format!("{name}{inner}")
        } else {
            format!("{name}.{inner}")
        };
        invalid_input(&path, format!("{path}: {}", err.inner()))
    })
}

/// Writes a core value that serializes to a map or a list as a PHP array.
pub fn to_php_array<T: Serialize>(value: &T) -> PhpResult<ZBox<ZendHashTable>> {
    let json = serde_json::to_value(value)
        .map_err(|e| crate::exceptions::native(format!("cannot convert the result for PHP: {e}")))?;
    to_array(&json)
}

fn not_a_map(name: &str) -> ext_php_rs::exception::PhpException {
    invalid_input(name, format!("{name}: must be an array of key => value, not a list"))
}

/// An optional array parameter whose PHP signature reads `array $options = []`.
///
/// `Option<&ZendHashTable>` would declare `?array $options = null`; this type
/// keeps the parameter non-nullable with an empty-array default, as the API
/// documents it. Use it with `#[php(defaults(options = ArrayArg::EMPTY))]`.
#[derive(Clone, Copy, Default)]
pub struct ArrayArg<'a>(Option<&'a ZendHashTable>);

impl<'a> ArrayArg<'a> {
    /// The omitted argument: an empty array.
    pub const EMPTY: ArrayArg<'static> = ArrayArg(None);

    /// The array, or `None` when the caller omitted it or passed `[]`.
    pub fn table(self) -> Option<&'a ZendHashTable> {
        self.0.filter(|t| !t.is_empty())
    }

    /// The array as JSON; omitted or `[]`, an empty object (no keys).
    pub fn to_json(self, name: &str) -> PhpResult<Value> {
        match self.table() {
            Some(t) => table_json(t, name),
            None => Ok(Value::Object(Map::new())),
        }
    }

    /// The array as a key => value map; a non-empty list is refused.
    pub fn object(self, name: &str) -> PhpResult<Map<String, Value>> {
        match self.to_json(name)? {
            Value::Object(map) => Ok(map),
            _ => Err(not_a_map(name)),
        }
    }

    /// Reads the array into a core type; an omitted argument reads as `{}`,
    /// and a non-empty list is refused (options are key => value).
    pub fn parse<T: DeserializeOwned>(self, name: &str) -> PhpResult<T> {
        if self.table().is_some_and(ZendHashTable::has_sequential_keys) {
            return Err(not_a_map(name));
        }
        options_from(self.table(), name)
    }
}

impl<'a> ArrayArg<'a> {
    /// Splits an options array: the keys in `objects` (values PHP objects or
    /// null, which JSON cannot carry) come back as zvals, the rest as JSON.
    pub fn split(self, name: &str, objects: &[&'static str]) -> PhpResult<(Value, Vec<(&'static str, &'a Zval)>)> {
        let Some(table) = self.table() else { return Ok((Value::Object(Map::new()), Vec::new())) };
        if table.has_sequential_keys() {
            return Err(not_a_map(name));
        }
        let mut map = Map::new();
        let mut taken = Vec::new();
        for (key, value) in table.iter() {
            let key = match key {
                ArrayKey::Long(n) => n.to_string(),
                ArrayKey::String(s) => s,
                ArrayKey::Str(s) => s.to_owned(),
                other => other.to_string(),
            };
            if let Some(special) = objects.iter().find(|o| **o == key) {
                taken.push((*special, value.dereference()));
                continue;
            }
            let child = join(name, &key);
            map.insert(key, to_json_at(value, &child, 1)?);
        }
        Ok((Value::Object(map), taken))
    }
}

impl<'a> FromZval<'a> for ArrayArg<'a> {
    const TYPE: DataType = DataType::Array;

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        zval.array().map(|t| ArrayArg(Some(t)))
    }
}

impl StubLiteral for ArrayArg<'_> {
    fn stub_literal(&self) -> String {
        "[]".to_owned()
    }
}
