//! How the PHP binding classifies an error from any module.
//!
//! Each module keeps its own `thiserror` enum; implementing [`Classify`] tells
//! the binding which exception class to throw and which location to attach.
//! Messages must name what was wrong and where, and never carry secret material.

/// The family of exception an error becomes in PHP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorClass {
    /// Bad input from the caller (`JLG\Native\InvalidInputException`).
    InvalidInput,
    /// A cron expression that does not parse (`JLG\Native\CronSyntaxException`).
    CronSyntax,
    /// A secret that cannot be decrypted (`JLG\Native\DecryptionException`), with its reason.
    Decryption(&'static str),
    /// A failure that is not the caller's fault: I/O, storage, network (`JLG\Native\NativeException`).
    Failure,
}

/// Implemented by every module's error enum.
pub trait Classify: std::fmt::Display {
    /// Which exception family this error belongs to.
    fn class(&self) -> ErrorClass;

    /// The name of the offending field, argument or key, when there is one.
    fn field(&self) -> Option<String> {
        None
    }

    /// The zero-based character position of the problem inside the field, when known.
    fn position(&self) -> Option<usize> {
        None
    }
}

/// An input error that is not tied to a richer module enum: a bad argument,
/// a missing key, a value out of range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct InputError {
    /// What was wrong, naming the field and, for lists, the index.
    pub message: String,
    /// The field or key at fault.
    pub field: Option<String>,
    /// The character position inside the field, when relevant.
    pub position: Option<usize>,
}

impl InputError {
    /// An error about `field`, with a message that already names it.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { message: message.into(), field: Some(field.into()), position: None }
    }

    /// The same error, pointing at a character position.
    #[must_use]
    pub fn at(mut self, position: usize) -> Self {
        self.position = Some(position);
        self
    }
}

impl Classify for InputError {
    fn class(&self) -> ErrorClass {
        ErrorClass::InvalidInput
    }
    fn field(&self) -> Option<String> {
        self.field.clone()
    }
    fn position(&self) -> Option<usize> {
        self.position
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_error_carries_field_and_position() {
        let err = InputError::new("expression", "unexpected 'x' in the minute field").at(3);
        assert_eq!(err.class(), ErrorClass::InvalidInput);
        assert_eq!(err.field().as_deref(), Some("expression"));
        assert_eq!(err.position(), Some(3));
        assert_eq!(err.to_string(), "unexpected 'x' in the minute field");
    }
}
