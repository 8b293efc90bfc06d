//! The error enum of the retention module.

use crate::error::{Classify, ErrorClass};

/// What can be wrong with a retention call. Every variant names the field,
/// with the index for list items (`archives[3].id`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RetentionError {
    /// A value is missing, out of range, repeated or of the wrong shape.
    #[error("{field}: {message}")]
    Invalid {
        /// The field at fault, with its index inside a list.
        field: String,
        /// What was wrong with it.
        message: String,
    },
    /// The work asked for is beyond the bounds this module accepts.
    #[error("{field}: {message}")]
    TooLarge {
        /// The argument that makes the work too large.
        field: String,
        /// The limit that was hit.
        message: String,
    },
}

impl RetentionError {
    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid { field: field.into(), message: message.into() }
    }
    pub(crate) fn too_large(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::TooLarge { field: field.into(), message: message.into() }
    }
}

impl Classify for RetentionError {
    fn class(&self) -> ErrorClass {
        ErrorClass::InvalidInput
    }
    fn field(&self) -> Option<String> {
        match self {
            Self::Invalid { field, .. } | Self::TooLarge { field, .. } => Some(field.clone()),
        }
    }
}
