//! Errors of the resilience module: every one is bad input from the caller.

use crate::error::{Classify, ErrorClass};

/// What was wrong with an option, a state array or an argument.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ResilienceError {
    /// The option, state key or argument at fault (`failures[2]`, `base`).
    pub field: String,
    /// What was wrong with it.
    pub message: String,
}

impl ResilienceError {
    /// An error about `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }

    /// The same error, its field placed inside the array `parent` (`config.window_seconds`).
    #[must_use]
    pub fn within(mut self, parent: &str) -> Self {
        self.field = if self.field.starts_with('[') { format!("{parent}{}", self.field) } else { format!("{parent}.{}", self.field) };
        self
    }
}

impl Classify for ResilienceError {
    fn class(&self) -> ErrorClass {
        ErrorClass::InvalidInput
    }
    fn field(&self) -> Option<String> {
        Some(self.field.clone())
    }
}

/// Checks that `value` is a finite number of at least `min`.
pub(crate) fn finite_at_least(field: &str, value: f64, min: f64) -> Result<f64, ResilienceError> {
    if !value.is_finite() {
        return Err(ResilienceError::new(field, format!("must be a finite number, got {value}")));
    }
    if value < min {
        return Err(ResilienceError::new(field, format!("must be at least {min}, got {value}")));
    }
    Ok(value)
}

/// Checks that `value` is a finite number strictly above `min`.
pub(crate) fn finite_above(field: &str, value: f64, min: f64) -> Result<f64, ResilienceError> {
    if !value.is_finite() {
        return Err(ResilienceError::new(field, format!("must be a finite number, got {value}")));
    }
    if value <= min {
        return Err(ResilienceError::new(field, format!("must be greater than {min}, got {value}")));
    }
    Ok(value)
}

/// Checks that an integer lies within `min..=max`.
pub(crate) fn within(field: &str, value: u64, min: u64, max: u64) -> Result<(), ResilienceError> {
    if value < min || value > max {
        return Err(ResilienceError::new(field, format!("must be between {min} and {max}, got {value}")));
    }
    Ok(())
}

/// Checks that a timestamp (Unix seconds) is finite and not negative.
pub(crate) fn timestamp(field: &str, value: f64) -> Result<f64, ResilienceError> {
    if !value.is_finite() || value < 0.0 {
        return Err(ResilienceError::new(field, format!("must be a Unix timestamp (finite, not negative), got {value}")));
    }
    Ok(value)
}
