//! Errors of the state store.

use crate::error::{Classify, ErrorClass};

/// What went wrong with the store or with the caller's input to it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Neither a path nor `jlg_native.state_dir` was given.
    #[error("no state store path given and jlg_native.state_dir is not set: pass a path or set the INI entry")]
    NoPath,
    /// The file or its folder cannot be opened or created.
    #[error("state store {path}: cannot open ({reason})")]
    Open { path: String, reason: String },
    /// The file is not a SQLite database or is damaged.
    #[error(
        "state store {path} is corrupt or not a SQLite database ({detail}); \
         move it aside or delete it (with its -wal and -shm files) and a new one is created on the next open"
    )]
    Corrupt { path: String, detail: String },
    /// The file was written by a newer version with a schema this one does not know.
    #[error("state store {path} has schema version {found}; this extension understands up to {supported}")]
    Version { path: String, found: i64, supported: i64 },
    /// Another process held the write lock for longer than the busy timeout.
    #[error("state store {path}: still locked by another process after {timeout_ms} ms ({op})")]
    Busy { path: String, op: &'static str, timeout_ms: u32 },
    /// Any other SQLite failure.
    #[error("state store {path}: {op} failed: {message}")]
    Sqlite { path: String, op: &'static str, message: String },
    /// Bad input: a name, a TTL, a value, a filter.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
}

impl StoreError {
    /// An input error about `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid { field: field.into(), message: message.into() }
    }
}

impl Classify for StoreError {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Invalid { .. } => ErrorClass::InvalidInput,
            _ => ErrorClass::Failure,
        }
    }
    fn field(&self) -> Option<String> {
        match self {
            Self::Invalid { field, .. } => Some(field.clone()),
            _ => None,
        }
    }
}

/// Maps a rusqlite error to a store error, recognising corruption and contention.
pub(crate) fn sqlite(path: &str, op: &'static str, timeout_ms: u32, err: &rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    if let rusqlite::Error::SqliteFailure(e, message) = err {
        let detail = message.clone().unwrap_or_else(|| e.to_string());
        match e.code {
            ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => {
                return StoreError::Corrupt { path: path.to_owned(), detail };
            }
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                return StoreError::Busy { path: path.to_owned(), op, timeout_ms };
            }
            ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly => {
                return StoreError::Open { path: path.to_owned(), reason: detail };
            }
            _ => {}
        }
    }
    StoreError::Sqlite { path: path.to_owned(), op, message: err.to_string() }
}
