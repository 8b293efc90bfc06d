//! Reading large PHP lists of small rows in place, without copying them into
//! JSON first: typed readers with precise errors ([`Row`]), and borrowed
//! scalar views ([`scalar`], [`field`]) for the core's in-place readers.
//!
//! Errors name the argument, the index and the key, like the serde bridge:
//! `samples[3].timestamp: must be an integer (Unix seconds), got string`.

use ext_php_rs::exception::{PhpException, PhpResult};
use ext_php_rs::types::{ArrayKey, ZendHashTable, Zval};

use crate::exceptions::invalid_input;
use jlg_native_core::scalar::Scalar;

/// A borrowed view of one PHP value as a core scalar (references followed;
/// an object reads as `null`).
pub fn scalar(z: &Zval) -> Scalar<'_> {
    let z = z.dereference();
    if z.is_null() {
        return Scalar::Null;
    }
    if let Some(b) = z.bool() {
        return Scalar::Bool(b);
    }
    if let Some(i) = z.long() {
        return Scalar::Int(i);
    }
    if let Some(f) = z.double() {
        return Scalar::Float(f);
    }
    if let Some(s) = z.zend_str() {
        return Scalar::Str(s.as_str().unwrap_or(""));
    }
    if let Some(a) = z.array() {
        return Scalar::Array(a.len());
    }
    Scalar::Null
}

/// One field of a PHP array value, read in place; `Absent` when the value is
/// not an array or has no such key.
pub fn field<'a>(z: &'a Zval, key: &str) -> Scalar<'a> {
    match z.dereference().array() {
        Some(t) => t.get(key).map_or(Scalar::Absent, scalar),
        None => Scalar::Absent,
    }
}

fn type_name(value: &Zval) -> String {
    if value.is_long() {
        "int".into()
    } else if value.is_double() {
        "float".into()
    } else if value.is_string() {
        "string".into()
    } else if value.is_bool() {
        "bool".into()
    } else if value.is_null() {
        "null".into()
    } else if value.is_array() {
        "array".into()
    } else {
        format!("{}", value.get_type())
    }
}

fn err(path: &str, message: impl std::fmt::Display) -> PhpException {
    invalid_input(path, format!("{path}: {message}"))
}

/// The rows of a list argument: each item must be an array. `name` is the argument.
pub fn list_rows<'a>(table: &'a ZendHashTable, name: &str) -> PhpResult<Vec<&'a ZendHashTable>> {
    if !table.has_sequential_keys() {
        return Err(err(name, "must be a list (keys 0, 1, 2, ...)"));
    }
    let mut rows = Vec::with_capacity(table.len());
    for (i, item) in table.values().enumerate() {
        match item.dereference().array() {
            Some(row) => rows.push(row),
            None => return Err(err(&format!("{name}[{i}]"), format!("must be an array, got {}", type_name(item.dereference())))),
        }
    }
    Ok(rows)
}

/// A row of a list with the keys it may hold, for precise errors.
pub struct Row<'a> {
    pub table: &'a ZendHashTable,
    pub path: String,
}

impl<'a> Row<'a> {
    /// Refuses keys outside `allowed`, naming the first one.
    pub fn only(&self, allowed: &[&str]) -> PhpResult<()> {
        if self.table.len() <= allowed.len() && allowed.iter().filter(|k| self.table.get(**k).is_some()).count() == self.table.len() {
            return Ok(());
        }
        for (key, _) in self.table.iter() {
            let name = match &key {
                ArrayKey::Long(n) => n.to_string(),
                ArrayKey::String(s) => s.clone(),
                ArrayKey::Str(s) => (*s).to_owned(),
                other => other.to_string(),
            };
            if !allowed.contains(&name.as_str()) {
                return Err(err(&format!("{}.{name}", self.path), format!("unknown key (expected {})", allowed.join(", "))));
            }
        }
        Ok(())
    }

    fn value(&self, key: &str) -> PhpResult<&'a Zval> {
        match self.table.get(key) {
            Some(v) if !v.dereference().is_null() => Ok(v.dereference()),
            _ => Err(err(&format!("{}.{key}", self.path), "is missing")),
        }
    }

    /// An integer value.
    pub fn int(&self, key: &str, what: &str) -> PhpResult<i64> {
        let v = self.value(key)?;
        v.long()
            .ok_or_else(|| err(&format!("{}.{key}", self.path), format!("must be an integer ({what}), got {}", type_name(v))))
    }

    /// A number: an integer or a finite float.
    pub fn number(&self, key: &str, what: &str) -> PhpResult<f64> {
        let v = self.value(key)?;
        number(v, &format!("{}.{key}", self.path), what)
    }

    /// An id: an integer or a string.
    pub fn id(&self, key: &str) -> PhpResult<jlg_native_core::id::Id> {
        let v = self.value(key)?;
        if let Some(n) = v.long() {
            return Ok(jlg_native_core::id::Id::Int(n));
        }
        if let Some(s) = v.zend_str() {
            return match s.as_str() {
                Ok(s) => Ok(jlg_native_core::id::Id::Str(s.to_owned())),
                Err(_) => Err(err(&format!("{}.{key}", self.path), "must be valid UTF-8 text")),
            };
        }
        Err(err(&format!("{}.{key}", self.path), format!("must be a string or an integer, got {}", type_name(v))))
    }
}

/// A number from a zval: an integer or a finite float.
pub fn number(v: &Zval, path: &str, what: &str) -> PhpResult<f64> {
    let v = v.dereference();
    if let Some(n) = v.long() {
        return Ok(n as f64);
    }
    match v.double() {
        Some(f) if f.is_finite() => Ok(f),
        Some(f) => Err(err(path, format!("must be a finite number ({what}), got {f}"))),
        None => Err(err(path, format!("must be a number ({what}), got {}", type_name(v)))),
    }
}

/// An id as a PHP value: integers stay integers.
pub fn id_zval(id: &jlg_native_core::id::Id) -> PhpResult<Zval> {
    let mut z = Zval::new();
    match id {
        jlg_native_core::id::Id::Int(n) => z.set_long(*n),
        jlg_native_core::id::Id::Str(s) => z.set_string(s, false)?,
    }
    Ok(z)
}

/// Inserts `value` under the PHP key of `id` (integer-like strings become integer keys).
pub fn insert_by_id(table: &mut ZendHashTable, id: &jlg_native_core::id::Id, value: Zval) -> PhpResult<()> {
    match id.canonical() {
        jlg_native_core::id::Id::Int(n) => table.insert_at_index(n, value)?,
        jlg_native_core::id::Id::Str(s) => table.insert(s.as_str(), value)?,
    }
    Ok(())
}

