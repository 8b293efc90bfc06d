//! Locks with a time to live: taken and released by single atomic statements.

use rusqlite::{params, OptionalExtension};

use super::{check_name, check_time, check_ttl, StateStore, StoreError};

/// Longest token accepted.
const MAX_TOKEN_LEN: usize = 128;

impl StateStore {
    /// Takes lock `name` for `ttl_seconds` unless someone else holds it and it
    /// has not expired at `now`. Returns `token` on success (the caller supplies
    /// a random one), `None` when the lock is held.
    pub fn acquire_lock(&mut self, name: &str, ttl_seconds: i64, now: f64, token: &str) -> Result<Option<String>, StoreError> {
        check_name("name", name)?;
        check_ttl("ttlSeconds", ttl_seconds)?;
        check_time("now", now)?;
        if token.is_empty() || token.len() > MAX_TOKEN_LEN {
            return Err(StoreError::invalid("token", format!("must be 1 to {MAX_TOKEN_LEN} bytes long")));
        }
        let expires_at = now + ttl_seconds as f64;
        // A read first: a lock that is visibly held is refused without taking
        // SQLite's write lock, so waiting workers do not queue behind each other.
        let held = self
            .conn
            .prepare_cached("SELECT 1 FROM locks WHERE name = ?1 AND expires_at > ?2")
            .and_then(|mut s| s.exists(params![name, now]))
            .map_err(|e| self.err("acquireLock", &e))?;
        if held {
            return Ok(None);
        }
        // One statement: insert, or take over an expired holder's row. SQLite
        // runs it under its write lock, so two processes can never both succeed.
        let taken = self
            .conn
            .query_row(
                "INSERT INTO locks (name, token, expires_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at
                 WHERE locks.expires_at <= ?4
                 RETURNING token",
                params![name, token, expires_at, now],
                |row| row.get::<_, String>(0),
            )
            .optional()
            .map_err(|e| self.err("acquireLock", &e))?;
        Ok(taken.filter(|t| t == token))
    }

    /// Releases lock `name` if `token` still holds it. `false` when the lock is
    /// free or was taken over by someone else after it expired.
    pub fn release_lock(&mut self, name: &str, token: &str) -> Result<bool, StoreError> {
        check_name("name", name)?;
        let n = self
            .conn
            .execute("DELETE FROM locks WHERE name = ?1 AND token = ?2", params![name, token])
            .map_err(|e| self.err("releaseLock", &e))?;
        Ok(n > 0)
    }
}
