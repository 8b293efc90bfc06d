//! Errors of the vault: bad arguments, and values that cannot be decrypted.
//!
//! No message carries key bytes, plaintext or context: only field names, key
//! ids, fingerprints (non-secret) and lengths.

use crate::error::{Classify, ErrorClass};

/// Why a value could not be decrypted. The string form is what PHP's
/// `DecryptionException::getReason()` returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Not a value of any format this vault reads, or structurally broken
    /// (bad prefix, bad base64, too short, unsupported version).
    Malformed,
    /// No configured key matches the key id and fingerprint in the envelope
    /// (the key was removed, renamed, or its bytes changed under the same id).
    UnknownKey,
    /// The key is right but the value does not authenticate: it was altered,
    /// or (legacy) its MAC matched but it does not decrypt with the given key.
    AuthFailed,
    /// The key is right but the envelope was sealed for another context.
    WrongContext,
    /// A legacy value whose HMAC does not match with the given keys.
    LegacyMacMismatch,
}

impl Reason {
    /// The stable string form used in PHP.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::UnknownKey => "unknown_key",
            Self::AuthFailed => "auth_failed",
            Self::WrongContext => "wrong_context",
            Self::LegacyMacMismatch => "legacy_mac_mismatch",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every error of the vault module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// A bad argument: names the field (`keys[old]`, `activeKeyId`, `legacy.bjlg_key`, ...).
    #[error("{field}: {message}")]
    Input { field: String, message: String, position: Option<usize> },
    /// A value that cannot be decrypted, with its reason.
    #[error("{message}")]
    Decrypt { reason: Reason, message: String },
    /// A failure that is not the caller's fault (a self-check did not hold).
    #[error("internal vault error: {0}")]
    Internal(String),
}

impl VaultError {
    pub(crate) fn input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Input { field: field.into(), message: message.into(), position: None }
    }

    pub(crate) fn input_at(field: impl Into<String>, message: impl Into<String>, position: usize) -> Self {
        Self::Input { field: field.into(), message: message.into(), position: Some(position) }
    }

    pub(crate) fn decrypt(reason: Reason, message: impl Into<String>) -> Self {
        Self::Decrypt { reason, message: message.into() }
    }

    pub(crate) fn malformed(message: impl Into<String>) -> Self {
        Self::decrypt(Reason::Malformed, message)
    }

    /// The decryption reason, when this is a decryption error.
    #[must_use]
    pub fn reason(&self) -> Option<Reason> {
        match self {
            Self::Decrypt { reason, .. } => Some(*reason),
            Self::Input { .. } | Self::Internal(_) => None,
        }
    }
}

impl Classify for VaultError {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Input { .. } => ErrorClass::InvalidInput,
            Self::Decrypt { reason, .. } => ErrorClass::Decryption(reason.as_str()),
            Self::Internal(_) => ErrorClass::Failure,
        }
    }

    fn field(&self) -> Option<String> {
        match self {
            Self::Input { field, .. } => Some(field.clone()),
            Self::Decrypt { .. } | Self::Internal(_) => None,
        }
    }

    fn position(&self) -> Option<usize> {
        match self {
            Self::Input { position, .. } => *position,
            Self::Decrypt { .. } | Self::Internal(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_reasons() {
        let e = VaultError::input("keys[a]", "must be exactly 32 bytes, got 3");
        assert_eq!(e.class(), ErrorClass::InvalidInput);
        assert_eq!(e.field().as_deref(), Some("keys[a]"));
        assert_eq!(e.to_string(), "keys[a]: must be exactly 32 bytes, got 3");
        let e = VaultError::decrypt(Reason::WrongContext, "x");
        assert_eq!(e.class(), ErrorClass::Decryption("wrong_context"));
        assert_eq!(e.reason(), Some(Reason::WrongContext));
        assert_eq!(e.field(), None);
    }
}
