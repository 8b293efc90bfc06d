//! The one error type of the manifest module.

use std::io;

use crate::error::{Classify, ErrorClass};

/// Everything that can go wrong while scanning, converting, saving or storing a manifest.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// A bad argument or option, named by `field`.
    #[error("{field}: {message}")]
    Input {
        field: String,
        message: String,
        position: Option<usize>,
    },
    /// More entries than the `max_files` bound allows.
    #[error("max_files: the scan met more than {limit} entries; raise max_files or exclude more")]
    TooManyFiles { limit: u64 },
    /// An operating-system error on a named file that stops the whole operation.
    #[error("{action} '{path}': {source}")]
    Io {
        action: &'static str,
        path: String,
        #[source]
        source: io::Error,
    },
    /// A native manifest (file or stored snapshot) that does not decode.
    #[error("corrupt manifest data: {0}")]
    Corrupt(String),
    /// The snapshot store failed.
    #[error("manifest store: {0}")]
    Store(String),
    /// The caller stopped the scan (a progress callback threw).
    #[error("the scan was cancelled")]
    Cancelled,
}

impl ManifestError {
    /// An input error on `field`.
    pub fn input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Input { field: field.into(), message: message.into(), position: None }
    }

    /// An input error on `field` at character `position`.
    pub fn input_at(field: impl Into<String>, message: impl Into<String>, position: usize) -> Self {
        Self::Input { field: field.into(), message: message.into(), position: Some(position) }
    }

    pub(crate) fn io(action: &'static str, path: &[u8], source: io::Error) -> Self {
        Self::Io { action, path: super::path::display(path), source }
    }
}

impl From<rusqlite::Error> for ManifestError {
    fn from(err: rusqlite::Error) -> Self {
        Self::Store(err.to_string())
    }
}

impl Classify for ManifestError {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Input { .. } | Self::TooManyFiles { .. } => ErrorClass::InvalidInput,
            _ => ErrorClass::Failure,
        }
    }
    fn field(&self) -> Option<String> {
        match self {
            Self::Input { field, .. } => Some(field.clone()),
            Self::TooManyFiles { .. } => Some("max_files".to_owned()),
            _ => None,
        }
    }
    fn position(&self) -> Option<usize> {
        match self {
            Self::Input { position, .. } => *position,
            _ => None,
        }
    }
}
