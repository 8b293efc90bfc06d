//! Counters and a small key-value cache of JSON values.

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde_json::{Map, Value};

use super::{check_name, check_time, check_ttl, StateStore, StoreError};

/// Largest JSON text stored under one key.
pub const MAX_VALUE_BYTES: usize = 1 << 20;

impl StateStore {
    /// Adds `by` to a counter (created at 0) and returns the new value.
    pub fn increment(&mut self, counter: &str, by: i64) -> Result<i64, StoreError> {
        check_name("counter", counter)?;
        let path = self.path.clone();
        let timeout = self.options.busy_timeout_ms;
        let fail = |e: rusqlite::Error| super::error::sqlite(&path, "increment", timeout, &e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
        let current: i64 = tx
            .query_row("SELECT value FROM counters WHERE name = ?1", [counter], |row| row.get(0))
            .optional()
            .map_err(fail)?
            .unwrap_or(0);
        let next = current.checked_add(by).ok_or_else(|| {
            StoreError::invalid("by", format!("counter '{counter}' would overflow ({current} + {by})"))
        })?;
        tx.execute(
            "INSERT INTO counters (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            params![counter, next],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(next)
    }

    /// Counters whose name starts with `prefix`, by name.
    pub fn counters(&self, prefix: &str) -> Result<Vec<(String, i64)>, StoreError> {
        if prefix.len() > super::MAX_NAME_LEN {
            return Err(StoreError::invalid("prefix", format!("must be at most {} bytes long", super::MAX_NAME_LEN)));
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT name, value FROM counters WHERE substr(name, 1, length(?1)) = ?1 ORDER BY name",
            )
            .map_err(|e| self.err("counters", &e))?;
        let rows = stmt
            .query_map([prefix], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))
            .map_err(|e| self.err("counters", &e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err("counters", &e))
    }

    /// The value under `key`, or `None` when missing or expired at `now`.
    pub fn get(&self, key: &str, now: f64) -> Result<Option<Value>, StoreError> {
        check_name("key", key)?;
        check_time("now", now)?;
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM kv WHERE key = ?1 AND (expires_at IS NULL OR expires_at > ?2)",
                params![key, now],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.err("get", &e))?;
        match text {
            None => Ok(None),
            Some(t) => serde_json::from_str(&t).map(Some).map_err(|e| StoreError::Corrupt {
                path: self.path.clone(),
                detail: format!("the value under key '{key}' is not valid JSON: {e}"),
            }),
        }
    }

    /// Stores `value` under `key`, for `ttl_seconds` when given. Expired entries
    /// are purged in the same transaction.
    pub fn set(&mut self, key: &str, value: &Value, ttl_seconds: Option<i64>, now: f64) -> Result<(), StoreError> {
        check_name("key", key)?;
        check_time("now", now)?;
        if let Some(ttl) = ttl_seconds {
            check_ttl("ttlSeconds", ttl)?;
        }
        let text = serde_json::to_string(value).map_err(|e| StoreError::invalid("value", e.to_string()))?;
        if text.len() > MAX_VALUE_BYTES {
            return Err(StoreError::invalid("value", format!("is {} bytes as JSON, at most {MAX_VALUE_BYTES}", text.len())));
        }
        let expires_at = ttl_seconds.map(|t| now + t as f64);
        let path = self.path.clone();
        let timeout = self.options.busy_timeout_ms;
        let fail = |e: rusqlite::Error| super::error::sqlite(&path, "set", timeout, &e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
        tx.execute("DELETE FROM kv WHERE expires_at IS NOT NULL AND expires_at <= ?1", [now]).map_err(fail)?;
        tx.execute(
            "INSERT INTO kv (key, value, expires_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at",
            params![key, text, expires_at],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)
    }

    /// Reads the value under `key` (`None` when missing or expired), lets `change`
    /// compute the next one and stores it, all in one immediate transaction: two
    /// processes updating the same key never lose each other's change.
    /// `change` returns the value to store (or `None` to leave the key as it is)
    /// and a result handed back to the caller.
    pub fn update_value<R, E>(
        &mut self,
        key: &str,
        now: f64,
        change: impl FnOnce(Option<Value>) -> Result<(Option<Value>, R), E>,
    ) -> Result<R, E>
    where
        E: From<StoreError>,
    {
        check_name("key", key)?;
        check_time("now", now)?;
        let path = self.path.clone();
        let timeout = self.options.busy_timeout_ms;
        let fail = |e: rusqlite::Error| super::error::sqlite(&path, "update", timeout, &e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
        let text: Option<String> = tx
            .query_row(
                "SELECT value FROM kv WHERE key = ?1 AND (expires_at IS NULL OR expires_at > ?2)",
                params![key, now],
                |row| row.get(0),
            )
            .optional()
            .map_err(fail)?;
        // A damaged value is treated as missing: the caller starts afresh.
        let current = text.and_then(|t| serde_json::from_str::<Value>(&t).ok());
        let (next, result) = change(current)?;
        if let Some(next) = next {
            let text = serde_json::to_string(&next).map_err(|e| StoreError::invalid("value", e.to_string()))?;
            if text.len() > MAX_VALUE_BYTES {
                return Err(StoreError::invalid("value", format!("is {} bytes as JSON, at most {MAX_VALUE_BYTES}", text.len())).into());
            }
            tx.execute(
                "INSERT INTO kv (key, value, expires_at) VALUES (?1, ?2, NULL)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = NULL",
                params![key, text],
            )
            .map_err(fail)?;
        }
        tx.commit().map_err(fail)?;
        Ok(result)
    }

    /// Deletes `key`. `true` when a live (unexpired at `now`) value was there.
    pub fn delete(&mut self, key: &str, now: f64) -> Result<bool, StoreError> {
        check_name("key", key)?;
        check_time("now", now)?;
        let expires_at: Option<Option<f64>> = self
            .conn
            .query_row("DELETE FROM kv WHERE key = ?1 RETURNING expires_at", [key], |row| row.get(0))
            .optional()
            .map_err(|e| self.err("delete", &e))?;
        Ok(matches!(expires_at, Some(None)) || matches!(expires_at, Some(Some(t)) if t > now))
    }
}

/// Counters as an ordered JSON object, for PHP.
#[must_use]
pub fn counters_to_json(rows: Vec<(String, i64)>) -> Value {
    let mut map = Map::with_capacity(rows.len());
    for (name, value) in rows {
        map.insert(name, Value::from(value));
    }
    Value::Object(map)
}
