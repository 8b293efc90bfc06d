//! Backup JLG's `.incremental-manifest.json` (version 2.1) and `deleted-files.json`.
//!
//! Only `file_hashes` (path -> MD5 hex per the plugin's rule) and `last_scan`
//! belong to the manifest; every other top-level key is kept as it was, in its
//! place. Output is pretty-printed with four spaces like PHP's
//! `JSON_PRETTY_PRINT` (slashes and non-ASCII unescaped, which any JSON
//! reader, PHP's included, reads the same).
//!
//! JSON text must be UTF-8, so a path whose bytes are not valid UTF-8 cannot be
//! a `file_hashes` key. Such paths go under the extra top-level key
//! `file_hashes_base64`, keyed by the standard base64 of their bytes. The
//! plugin ignores that key (its own PHP cannot encode those names either) and
//! keeps it when it rewrites the file.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::Value;

use super::diff::Diff;
use super::error::ManifestError;
use super::hash::{from_hex, to_hex, HashAlgo};
use super::model::{Builder, Manifest};
use super::path::{base64_decode, base64_encode};

/// The manifest version written and accepted.
pub const VERSION: &str = "2.1";
/// Top-level key of the entries whose path is not UTF-8.
pub const RAW_KEY: &str = "file_hashes_base64";

fn json_error(field: &str, err: &serde_json::Error) -> ManifestError {
    // serde_json's message already ends with "at line L column C".
    ManifestError::input(field, format!("invalid manifest JSON: {err}"))
}

enum Slot {
    Hashes,
    Raw,
    LastScan(Value),
    Other(Value),
}

/// Reads `file_hashes` into the builder as it is parsed.
struct HashesSeed<'a> {
    builder: &'a mut Builder,
    raw: bool,
}

impl<'de> DeserializeSeed<'de> for HashesSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

fn parse_hash<E: de::Error>(key: &str, value: &Value) -> Result<Option<[u8; 32]>, E> {
    match value {
        Value::String(s) => from_hex(s, 16).map(Some).ok_or_else(|| {
            E::custom(format!("file_hashes[\"{key}\"]: expected a 32-character hex MD5, got \"{}\"", s.escape_default()))
        }),
        // md5_file() returns false on an unreadable file; the plugin stores it.
        Value::Bool(false) | Value::Null => Ok(None),
        other => Err(E::custom(format!("file_hashes[\"{key}\"]: expected a hex string, got {other}"))),
    }
}

impl<'de> Visitor<'de> for HashesSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object mapping paths to MD5 hex strings")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let value: Value = map.next_value()?;
            let hash = parse_hash::<A::Error>(&key, &value)?;
            let path = if self.raw {
                base64_decode(&key)
                    .ok_or_else(|| de::Error::custom(format!("{RAW_KEY}: key \"{key}\" is not base64")))?
            } else {
                key.into_bytes()
            };
            self.builder.push(&path, None, hash.as_ref());
        }
        Ok(())
    }
    // PHP encodes an array whose keys are 0..n-1 as a JSON list: a site whose
    // only file is named "0" gets `["<hash>"]`. Read indices back as names.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        while let Some(value) = seq.next_element::<Value>()? {
            let key = i.to_string();
            let hash = parse_hash::<A::Error>(&key, &value)?;
            if self.raw {
                return Err(de::Error::custom(format!("{RAW_KEY}: expected an object")));
            }
            self.builder.push(key.as_bytes(), None, hash.as_ref());
            i += 1;
        }
        Ok(())
    }
}

struct TopSeed<'a> {
    builder: Option<&'a mut Builder>,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
    type Value = Vec<(String, Slot)>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_> {
    type Value = Vec<(String, Slot)>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object (Backup JLG manifest 2.1)")
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out: Vec<(String, Slot)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let slot = match key.as_str() {
                "file_hashes" | RAW_KEY => {
                    let raw = key == RAW_KEY;
                    match self.builder.as_deref_mut() {
                        Some(b) => map.next_value_seed(HashesSeed { builder: b, raw })?,
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                    if raw { Slot::Raw } else { Slot::Hashes }
                }
                "last_scan" => Slot::LastScan(map.next_value()?),
                _ => Slot::Other(map.next_value()?),
            };
            // A repeated key: the last one wins, as in PHP's json_decode.
            out.retain(|(k, _)| *k != key);
            out.push((key, slot));
        }
        Ok(out)
    }
}

fn parse_top(json: &str, field: &str, builder: Option<&mut Builder>) -> Result<Vec<(String, Slot)>, ManifestError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let top = TopSeed { builder }.deserialize(&mut de).map_err(|e| json_error(field, &e))?;
    de.end().map_err(|e| json_error(field, &e))?;
    for (k, slot) in &top {
        if k == "version" {
            match slot {
                Slot::Other(Value::String(v)) if v == VERSION => {}
                Slot::Other(v) => {
                    return Err(ManifestError::input(
                        format!("{field}.version"),
                        format!("unsupported manifest version {v}; only \"{VERSION}\" is read"),
                    ))
                }
                _ => {}
            }
        }
    }
    Ok(top)
}

fn last_scan_of(top: &[(String, Slot)], field: &str) -> Result<Option<i64>, ManifestError> {
    let Some((_, Slot::LastScan(v))) = top.iter().find(|(k, _)| k == "last_scan") else { return Ok(None) };
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.is_finite() && f.abs() < 9.0e15).map(|f| f as i64))
            .map(Some)
            .ok_or_else(|| ManifestError::input(format!("{field}.last_scan"), format!("out of range: {n}"))),
        Value::String(s) => s
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| ManifestError::input(format!("{field}.last_scan"), format!("expected an epoch, got \"{s}\""))),
        other => Err(ManifestError::input(format!("{field}.last_scan"), format!("expected an epoch, got {other}"))),
    }
}

/// Reads a 2.1 manifest: `file_hashes` (and `file_hashes_base64`) and `last_scan`.
/// Entries carry the MD5 digests of the `bjlg` rule and no metadata.
pub fn read(json: &str) -> Result<Manifest, ManifestError> {
    let mut b = Builder::new(HashAlgo::Bjlg, false);
    // Upper bounds (an entry takes at least 10 characters, path bytes never
    // exceed the text): no column is copied while growing, untouched pages
    // cost no memory, and finish() gives the rest back.
    b.reserve_exact(json.len() / 10, json.len());
    let top = parse_top(json, "json", Some(&mut b))?;
    let last = last_scan_of(&top, "json")?;
    let mut m = b.finish();
    m.set_last_scan(last);
    Ok(m)
}

struct HashesOut<'a> {
    m: &'a Manifest,
    raw: bool,
}

impl Serialize for HashesOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for e in self.m.iter() {
            let hash = e.hash.map(to_hex);
            match (std::str::from_utf8(e.path), self.raw) {
                (Ok(p), false) => map.serialize_entry(p, &hash)?,
                (Err(_), true) => map.serialize_entry(&base64_encode(e.path), &hash)?,
                _ => {}
            }
        }
        map.end()
    }
}

struct Doc<'a> {
    parts: Vec<(&'a str, Part<'a>)>,
}

enum Part<'a> {
    Value(&'a Value),
    Owned(Value),
    Hashes(HashesOut<'a>),
}

impl Serialize for Doc<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.parts.len()))?;
        for (k, p) in &self.parts {
            match p {
                Part::Value(v) => map.serialize_entry(k, v)?,
                Part::Owned(v) => map.serialize_entry(k, v)?,
                Part::Hashes(h) => map.serialize_entry(k, h)?,
            }
        }
        map.end()
    }
}

fn pretty<T: Serialize>(value: &T) -> Result<String, ManifestError> {
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    value.serialize(&mut ser).map_err(|e| ManifestError::Store(format!("cannot write JSON: {e}")))?;
    String::from_utf8(out).map_err(|e| ManifestError::Store(format!("cannot write JSON: {e}")))
}

/// Writes a 2.1 manifest. `base` is an existing manifest whose other keys are
/// kept; empty means a new document with the plugin's keys and empty values.
/// Requires `bjlg` digests: the plugin compares them with its own MD5 values.
pub fn write(m: &Manifest, base: &str) -> Result<String, ManifestError> {
    if m.algo() != HashAlgo::Bjlg {
        return Err(ManifestError::input(
            "hash",
            format!(
                "the manifest uses '{}' digests; Backup JLG compares MD5 values, so scan with hash 'bjlg' \
                 (or read it with fromBackupJlg) before writing the 2.1 format",
                m.algo().name()
            ),
        ));
    }
    let any_raw = m.iter().any(|e| std::str::from_utf8(e.path).is_err());
    let top = if base.trim().is_empty() {
        Vec::new()
    } else {
        parse_top(base, "baseJson", None)?
    };
    let base_last = last_scan_of(&top, "baseJson")?;
    let last_scan = Value::from(m.last_scan().or(base_last));
    let mut parts: Vec<(&str, Part<'_>)> = Vec::new();
    let mut seen_raw = false;
    if top.is_empty() {
        // A fresh document with the plugin's keys, as its own code starts one.
        let empty_list = Value::Array(Vec::new());
        parts.push(("version", Part::Owned(Value::from(VERSION))));
        parts.push(("full_backup", Part::Owned(Value::Null)));
        parts.push(("incremental_backups", Part::Owned(empty_list.clone())));
        parts.push(("synthetic_full", Part::Owned(Value::Null)));
        parts.push(("file_hashes", Part::Hashes(HashesOut { m, raw: false })));
        parts.push(("database_checksums", Part::Owned(empty_list.clone())));
        parts.push(("last_scan", Part::Owned(last_scan.clone())));
        parts.push(("remote_purge_queue", Part::Owned(empty_list.clone())));
        parts.push(("deleted_files", Part::Owned(empty_list)));
    } else {
        let (mut seen_hashes, mut seen_last) = (false, false);
        if !top.iter().any(|(k, _)| k == "version") {
            parts.push(("version", Part::Owned(Value::from(VERSION))));
        }
        for (k, slot) in &top {
            match slot {
                Slot::Hashes => {
                    parts.push(("file_hashes", Part::Hashes(HashesOut { m, raw: false })));
                    seen_hashes = true;
                }
                Slot::Raw => {
                    if any_raw {
                        parts.push((RAW_KEY, Part::Hashes(HashesOut { m, raw: true })));
                    }
                    seen_raw = true;
                }
                Slot::LastScan(_) => {
                    parts.push(("last_scan", Part::Owned(last_scan.clone())));
                    seen_last = true;
                }
                Slot::Other(v) => parts.push((k.as_str(), Part::Value(v))),
            }
        }
        if !seen_hashes {
            parts.push(("file_hashes", Part::Hashes(HashesOut { m, raw: false })));
        }
        if !seen_last {
            parts.push(("last_scan", Part::Owned(last_scan)));
        }
    }
    if any_raw && !seen_raw {
        parts.push((RAW_KEY, Part::Hashes(HashesOut { m, raw: true })));
    }
    pretty(&Doc { parts })
}

struct PathList<'a>(&'a [&'a [u8]], bool);

impl Serialize for PathList<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for p in self.0 {
            match (std::str::from_utf8(p), self.1) {
                (Ok(t), false) => seq.serialize_element(t)?,
                (Err(_), true) => seq.serialize_element(&base64_encode(p))?,
                _ => {}
            }
        }
        seq.end()
    }
}

/// Backup JLG's `deleted-files.json`: `{generated_at, count, paths}`, where the
/// paths are the removed ones plus the old names of renamed files (a restore
/// must delete those too). Non-UTF-8 paths go in `paths_base64`.
pub fn deleted_files(diff: &Diff, now: i64) -> Result<String, ManifestError> {
    let paths = diff.deleted_paths();
    let any_raw = paths.iter().any(|p| std::str::from_utf8(p).is_err());
    let mut map = serde_json::Map::new();
    map.insert("generated_at".into(), Value::from(now));
    map.insert("count".into(), Value::from(paths.len()));
    let list = serde_json::to_value(PathList(&paths, false)).map_err(|e| ManifestError::Store(e.to_string()))?;
    map.insert("paths".into(), list);
    if any_raw {
        let raw = serde_json::to_value(PathList(&paths, true)).map_err(|e| ManifestError::Store(e.to_string()))?;
        map.insert("paths_base64".into(), raw);
    }
    pretty(&Value::Object(map))
}
