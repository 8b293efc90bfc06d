//! The store's tables, created on first open and versioned with `user_version`.

/// The schema version this code writes.
pub const VERSION: i64 = 1;

/// Version 1.
pub const CREATE: &str = "
CREATE TABLE IF NOT EXISTS locks (
    name       TEXT PRIMARY KEY,
    token      TEXT NOT NULL,
    expires_at REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS kv (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    expires_at REAL
);
CREATE INDEX IF NOT EXISTS kv_expiry ON kv (expires_at) WHERE expires_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS events (
    id          INTEGER PRIMARY KEY,
    channel     TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    at          REAL NOT NULL,
    outcome     TEXT,
    route       TEXT,
    duration_ms REAL,
    fields      TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS events_by_seq ON events (channel, seq);
CREATE INDEX IF NOT EXISTS events_by_time ON events (channel, at);
PRAGMA user_version = 1;
";
