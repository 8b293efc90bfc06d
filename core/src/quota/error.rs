//! The error enum of the quota module.

use crate::error::{Classify, ErrorClass};

/// What can be wrong with a quota call. Every variant names the field, with the
/// index for list items (`samples[3].timestamp`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuotaError {
    /// A value is missing, out of range or inconsistent with its neighbours.
    #[error("{field}: {message}")]
    Invalid {
        /// The field at fault, with its index inside a list.
        field: String,
        /// What was wrong with it.
        message: String,
    },
}

impl QuotaError {
    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid { field: field.into(), message: message.into() }
    }
}

impl Classify for QuotaError {
    fn class(&self) -> ErrorClass {
        ErrorClass::InvalidInput
    }
    fn field(&self) -> Option<String> {
        match self {
            Self::Invalid { field, .. } => Some(field.clone()),
        }
    }
}
