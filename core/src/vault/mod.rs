//! The token vault: secrets at rest for the plugins.
//!
//! * [`Vault`] seals secrets into versioned ASCII envelopes with
//!   XChaCha20-Poly1305-IETF under one of several keys (each with an id), binds
//!   a context (option name, profile) as associated data, records the creation
//!   time, rotates, and migrates plaintext and legacy values.
//! * [`envelope`] documents the byte layout; it is byte-compatible with PHP's
//!   `sodium_crypto_aead_xchacha20poly1305_ietf_*` and `sodium_crypto_generichash`,
//!   so a pure-PHP reader can open every envelope.
//! * [`legacy`] reads the formats the plugins wrote before (Discord Bot JLG's
//!   `dbjlg_enc_v1:`/`dbjlg_enc_v2:` and Backup JLG's `BJLGS1`).
//!
//! Randomness (nonces) and the clock are parameters: the PHP binding passes
//! OS random bytes and `time()`.

pub mod envelope;
pub mod error;
pub mod kdf;
pub mod key;
pub mod keyring;
pub mod legacy;
pub mod migrate;

pub use envelope::{Inspection, NONCE_BYTES};
pub use error::{Reason, VaultError};
pub use key::VaultKey;
pub use keyring::Vault;
pub use legacy::{LegacyFormat, LegacyKeys};
pub use migrate::{Migration, MigrationSource};

/// Describes a stored value without any key: a vault envelope (all fields) or
/// a recognised legacy value (format and version only).
pub fn inspect(value: &[u8]) -> Result<Inspection, VaultError> {
    if value.starts_with(envelope::PREFIX.as_bytes()) {
        return Ok(envelope::inspect_parsed(&envelope::parse(value)?));
    }
    let legacy_algorithm = "aes-256-cbc+hmac-sha256".to_owned();
    let (format, version) = match legacy::detect(value) {
        Some(legacy::LegacyKind::DiscordV1) => ("dbjlg_enc_v1", 1),
        Some(legacy::LegacyKind::DiscordV2) => ("dbjlg_enc_v2", 2),
        Some(legacy::LegacyKind::BackupS1) => ("bjlgs1", 1),
        Some(legacy::LegacyKind::DiscordUnknown) => {
            return Err(VaultError::malformed("unrecognised Discord Bot JLG prefix"));
        }
        None => {
            return Err(VaultError::malformed(format!(
                "not a vault envelope (it does not start with '{}') nor a recognised legacy value",
                envelope::PREFIX
            )));
        }
    };
    Ok(Inspection {
        format: format.to_owned(),
        version,
        key_id: None,
        created_at: None,
        algorithm: legacy_algorithm,
        key_fingerprint: None,
    })
}

/// Whether a value is a structurally valid vault envelope (not authenticated).
#[must_use]
pub fn is_envelope(value: &[u8]) -> bool {
    envelope::parse(value).is_ok()
}
