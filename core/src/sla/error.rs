//! Errors of the SLA module.

use crate::error::{Classify, ErrorClass};

/// What can go wrong when computing SLA figures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlaError {
    /// A field of the log or of the options is missing, of the wrong type or out of range.
    #[error("{field}: {message}")]
    InvalidInput {
        /// Path of the offending value, e.g. `log[12].timestamp`.
        field: String,
        /// What was wrong with it.
        message: String,
    },
}

impl SlaError {
    /// An input error about `field`.
    pub fn input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::InvalidInput { field: field.into(), message: message.into() }
    }
}

impl Classify for SlaError {
    fn class(&self) -> ErrorClass {
        ErrorClass::InvalidInput
    }
    fn field(&self) -> Option<String> {
        match self {
            Self::InvalidInput { field, .. } => Some(field.clone()),
        }
    }
}
