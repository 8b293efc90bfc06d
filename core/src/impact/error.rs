//! Errors of the impact module.

use crate::error::{Classify, ErrorClass};

/// What can go wrong when scoring impact.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImpactError {
    /// A field of the input or of the options is missing, of the wrong type or out of range.
    #[error("{field}: {message}")]
    InvalidInput {
        /// Path of the offending value, e.g. `history[a/a.php][2].avg_ms`.
        field: String,
        /// What was wrong with it.
        message: String,
    },
}

impl ImpactError {
    /// An input error about `field`.
    pub fn input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::InvalidInput { field: field.into(), message: message.into() }
    }
}

impl Classify for ImpactError {
    fn class(&self) -> ErrorClass {
        ErrorClass::InvalidInput
    }
    fn field(&self) -> Option<String> {
        match self {
            Self::InvalidInput { field, .. } => Some(field.clone()),
        }
    }
}
