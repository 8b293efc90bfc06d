//! A node-local state store: one SQLite file per web node for what must be
//! shared between PHP processes of that node: atomic locks with a TTL,
//! counters, a small key-value cache and a bounded structured event log.
//!
//! Safety: WAL journal with `synchronous = NORMAL` (a killed process never
//! leaves a torn file; a power cut loses at most the last transactions), every
//! write is one statement or an immediate transaction, and a busy timeout makes
//! concurrent writers queue instead of failing. The file is created with mode
//! 0600 (SQLite gives its -wal and -shm files the same mode).
//!
//! The store is per node by design. On a site served by several nodes, state
//! that every node must agree on (breaker and limiter state arrays, settings)
//! belongs in the site's database; this store holds node-local work locks,
//! node-local counters and the node's event log.

mod error;
mod events;
mod kv;
mod locks;
mod schema;

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use serde::{Deserialize, Serialize};

pub use error::StoreError;
pub use events::{Event, EventFilter, Metrics, Order, RouteMetrics};
pub use kv::counters_to_json;

/// File name inside `jlg_native.state_dir`.
pub const DEFAULT_FILE: &str = "state.sqlite";
/// Longest lock, counter, key or channel name, in bytes.
pub const MAX_NAME_LEN: usize = 255;
/// Longest TTL accepted (one year), in seconds.
pub const MAX_TTL: i64 = 31_536_000;

/// Tuning of a store, as PHP passes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoreOptions {
    /// Events kept per channel; older ones are dropped as new ones arrive.
    pub max_events_per_channel: u32,
    /// Age after which events are dropped, in seconds.
    pub max_event_age_seconds: f64,
    /// How long a writer waits for another process's write lock, in milliseconds.
    pub busy_timeout_ms: u32,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self { max_events_per_channel: 10_000, max_event_age_seconds: 7.0 * 86_400.0, busy_timeout_ms: 5_000 }
    }
}

impl StoreOptions {
    /// Checks every range; errors name the key.
    pub fn validate(&self) -> Result<(), StoreError> {
        if self.max_events_per_channel == 0 || self.max_events_per_channel > 1_000_000 {
            return Err(StoreError::invalid("options.max_events_per_channel", "must be between 1 and 1000000"));
        }
        if !self.max_event_age_seconds.is_finite() || self.max_event_age_seconds <= 0.0 {
            return Err(StoreError::invalid("options.max_event_age_seconds", "must be a finite number of seconds above 0"));
        }
        if self.busy_timeout_ms > 600_000 {
            return Err(StoreError::invalid("options.busy_timeout_ms", "must be at most 600000 (10 minutes)"));
        }
        Ok(())
    }
}

/// Where the store lives: the explicit path, else `<state_dir>/state.sqlite`.
pub fn resolve_path(explicit: Option<&str>, state_dir: Option<&str>) -> Result<PathBuf, StoreError> {
    match (explicit.filter(|p| !p.is_empty()), state_dir.filter(|d| !d.trim().is_empty())) {
        (Some(path), _) => Ok(PathBuf::from(path)),
        (None, Some(dir)) => Ok(Path::new(dir.trim()).join(DEFAULT_FILE)),
        (None, None) => Err(StoreError::NoPath),
    }
}

/// An open store.
pub struct StateStore {
    conn: Connection,
    path: String,
    file: PathBuf,
    options: StoreOptions,
}

impl std::fmt::Debug for StateStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StateStore").field("path", &self.path).finish_non_exhaustive()
    }
}

pub(crate) fn check_name(field: &str, value: &str) -> Result<(), StoreError> {
    if value.is_empty() || value.len() > MAX_NAME_LEN {
        return Err(StoreError::invalid(field, format!("must be 1 to {MAX_NAME_LEN} bytes long, got {}", value.len())));
    }
    Ok(())
}

pub(crate) fn check_time(field: &str, now: f64) -> Result<(), StoreError> {
    if !now.is_finite() || now < 0.0 {
        return Err(StoreError::invalid(field, format!("must be a Unix timestamp (finite, not negative), got {now}")));
    }
    Ok(())
}

pub(crate) fn check_ttl(field: &str, ttl: i64) -> Result<(), StoreError> {
    if !(1..=MAX_TTL).contains(&ttl) {
        return Err(StoreError::invalid(field, format!("must be between 1 and {MAX_TTL} seconds, got {ttl}")));
    }
    Ok(())
}

/// Creates the file with mode 0600 when it does not exist yet.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

impl StateStore {
    /// Opens (creating when missing) the store at `path`.
    pub fn open(path: &Path, options: StoreOptions) -> Result<Self, StoreError> {
        options.validate()?;
        let shown = path.display().to_string();
        let open_error = |reason: String| StoreError::Open { path: shown.clone(), reason };
        if path.is_dir() {
            return Err(open_error("the path is a folder, not a file".to_owned()));
        }
        match path.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(dir) if !dir.is_dir() => {
                return Err(open_error(format!("the folder {} does not exist", dir.display())));
            }
            _ => {}
        }
        create_private(path).map_err(|e| open_error(e.to_string()))?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| error::sqlite(&shown, "open", 0, &e))?;
        let timeout = options.busy_timeout_ms;
        let mut store = Self { conn, path: shown, file: path.to_path_buf(), options };
        store
            .conn
            .busy_timeout(Duration::from_millis(u64::from(timeout)))
            .map_err(|e| store.err("open", &e))?;
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(|e| store.err("switching to WAL", &e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Open { path: store.path.clone(), reason: format!("WAL journal refused (mode {mode})") });
        }
        store.conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;").map_err(|e| store.err("open", &e))?;
        store.migrate()?;
        Ok(store)
    }

    /// The file's path as shown in messages.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Another connection to the same file with the same tuning, for objects
    /// that keep their own tables in this database (the webhook outbox) or
    /// share state through it (the Discord client).
    pub fn reopen(&self) -> Result<Self, StoreError> {
        Self::open(&self.file, self.options.clone())
    }

    /// The SQLite connection, for modules of this crate that keep tables here.
    pub(crate) fn connection(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The tuning in force.
    #[must_use]
    pub fn options(&self) -> &StoreOptions {
        &self.options
    }

    pub(crate) fn err(&self, op: &'static str, e: &rusqlite::Error) -> StoreError {
        error::sqlite(&self.path, op, self.options.busy_timeout_ms, e)
    }

    fn user_version(&self) -> Result<i64, StoreError> {
        self.conn.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(|e| self.err("reading the schema version", &e))
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let found = self.user_version()?;
        if found > schema::VERSION {
            return Err(StoreError::Version { path: self.path.clone(), found, supported: schema::VERSION });
        }
        if found == schema::VERSION {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| error::sqlite(&self.path, "creating the schema", self.options.busy_timeout_ms, &e))?;
        let again: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0)).unwrap_or(0);
        if again < schema::VERSION {
            tx.execute_batch(schema::CREATE)
                .map_err(|e| error::sqlite(&self.path, "creating the schema", self.options.busy_timeout_ms, &e))?;
        }
        tx.commit().map_err(|e| error::sqlite(&self.path, "creating the schema", self.options.busy_timeout_ms, &e))
    }

    /// Runs SQLite's full integrity check: `Ok(())` or the problems it lists.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check(20)").map_err(|e| self.err("integrity check", &e))?;
        let rows: Vec<String> = stmt
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(|e| self.err("integrity check", &e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.err("integrity check", &e))?;
        if rows.len() == 1 && rows[0] == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt { path: self.path.clone(), detail: rows.join("; ") })
        }
    }
}
