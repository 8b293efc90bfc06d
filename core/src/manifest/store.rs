//! A durable store of manifest snapshots in SQLite (WAL, file mode 0600).
//!
//! One row per snapshot holds its label, time, totals and the manifest in the
//! native format (checksummed). Writing a snapshot is one transaction: a crash
//! at any point leaves the earlier snapshots intact and the store readable.

use std::fs::OpenOptions;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};

use super::diff::Diff;
use super::error::ManifestError;
use super::model::Manifest;
use super::native;

const SCHEMA_VERSION: i64 = 1;
/// Longest label accepted, in bytes.
pub const MAX_LABEL: usize = 1024;

/// One stored snapshot, without its entries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SnapshotInfo {
    pub id: i64,
    pub label: String,
    pub created_at: i64,
    pub files: u64,
    pub bytes: u64,
}

/// An open store.
pub struct Store {
    conn: Connection,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating with mode 0600 when missing) the store at `path`.
    pub fn open(path: &Path) -> Result<Self, ManifestError> {
        let bytes = path.as_os_str().as_bytes();
        if bytes.is_empty() {
            return Err(ManifestError::input("path", "empty store path"));
        }
        // Create the file ourselves so it is 0600 from the first byte; SQLite
        // gives its -wal and -shm files the same mode as the database file.
        let f = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path)
            .map_err(|e| ManifestError::io("cannot open the store", bytes, e))?;
        let meta = f.metadata().map_err(|e| ManifestError::io("cannot stat the store", bytes, e))?;
        if meta.permissions().mode() & 0o077 != 0 {
            f.set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(|e| ManifestError::io("cannot restrict the mode of", bytes, e))?;
        }
        drop(f);
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(ManifestError::Store(format!("cannot switch to WAL mode (got {mode})")));
        }
        conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(ManifestError::Store(format!(
                "the store has schema version {version}; this build knows up to {SCHEMA_VERSION}"
            )));
        }
        if version < SCHEMA_VERSION {
            conn.execute_batch(
                "BEGIN IMMEDIATE;
                 CREATE TABLE IF NOT EXISTS snapshots (
                     id INTEGER PRIMARY KEY AUTOINCREMENT,
                     label TEXT NOT NULL,
                     created_at INTEGER NOT NULL,
                     files INTEGER NOT NULL,
                     bytes INTEGER NOT NULL,
                     algo TEXT NOT NULL,
                     manifest BLOB NOT NULL
                 );
                 PRAGMA user_version = 1;
                 COMMIT;",
            )?;
        }
        Ok(Self { conn })
    }

    /// Stores a snapshot in one transaction; returns its id.
    pub fn save(&mut self, m: &Manifest, label: &str, now: i64) -> Result<i64, ManifestError> {
        if label.len() > MAX_LABEL {
            return Err(ManifestError::input("label", format!("longer than {MAX_LABEL} bytes")));
        }
        let blob = native::encode(m);
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO snapshots (label, created_at, files, bytes, algo, manifest) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                label,
                now,
                i64::try_from(m.len()).unwrap_or(i64::MAX),
                i64::try_from(m.total_bytes()).unwrap_or(i64::MAX),
                m.algo().name(),
                blob
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Every snapshot, oldest first.
    pub fn list(&self) -> Result<Vec<SnapshotInfo>, ManifestError> {
        let mut stmt = self.conn.prepare("SELECT id, label, created_at, files, bytes FROM snapshots ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(SnapshotInfo {
                id: r.get(0)?,
                label: r.get(1)?,
                created_at: r.get(2)?,
                files: r.get::<_, i64>(3)?.max(0) as u64,
                bytes: r.get::<_, i64>(4)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The manifest of snapshot `id`.
    pub fn load(&self, id: i64) -> Result<Manifest, ManifestError> {
        let blob: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT manifest FROM snapshots WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        let blob = blob.ok_or_else(|| ManifestError::input("id", format!("snapshot {id} does not exist")))?;
        native::decode(&blob)
    }

    /// Compares two stored snapshots.
    pub fn diff(&self, from: i64, to: i64) -> Result<Diff, ManifestError> {
        let a = self.load(from).map_err(|e| rename_field(e, "fromId"))?;
        let b = self.load(to).map_err(|e| rename_field(e, "toId"))?;
        Ok(Diff::compute(Arc::new(a), Arc::new(b)))
    }

    /// Keeps the newest `keep` snapshots and deletes the rest; returns how many went.
    pub fn prune(&mut self, keep: i64) -> Result<u64, ManifestError> {
        if keep < 0 {
            return Err(ManifestError::input("keep", format!("must be 0 or more, got {keep}")));
        }
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let n = tx.execute(
            "DELETE FROM snapshots WHERE id NOT IN (SELECT id FROM snapshots ORDER BY id DESC LIMIT ?1)",
            [keep],
        )?;
        tx.commit()?;
        Ok(n as u64)
    }

    /// SQLite's own consistency check ("ok" when sound).
    pub fn integrity_check(&self) -> Result<String, ManifestError> {
        Ok(self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

fn rename_field(e: ManifestError, field: &str) -> ManifestError {
    match e {
        ManifestError::Input { message, position, .. } => ManifestError::Input { field: field.to_owned(), message, position },
        other => other,
    }
}
