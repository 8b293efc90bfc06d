//! Bringing a stored value to the vault's current form.

use zeroize::Zeroizing;

use super::envelope::{self, NONCE_BYTES};
use super::error::VaultError;
use super::keyring::Vault;
use super::legacy::{self, LegacyFormat, LegacyKeys};

/// What a stored value was before [`Vault::migrate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MigrationSource {
    /// Already an envelope under the active key: returned unchanged.
    Current,
    /// An envelope under another key: re-sealed under the active key.
    Rotated,
    /// A legacy value, decrypted and sealed.
    Legacy(LegacyFormat),
    /// A plaintext, sealed as it is.
    Plaintext,
}

/// The result of [`Vault::migrate`].
#[derive(Debug, Clone)]
pub struct Migration {
    /// The envelope to store.
    pub envelope: String,
    /// What the value was.
    pub source: MigrationSource,
}

impl Migration {
    /// Whether the stored value must be replaced by [`Self::envelope`].
    #[must_use]
    pub fn changed(&self) -> bool {
        self.source != MigrationSource::Current
    }
}

impl Vault {
    /// Turns a stored value into an envelope under the active key.
    ///
    /// * A value starting with the envelope prefix is an envelope: it must open
    ///   (with `context`); under the active key it is returned unchanged,
    ///   otherwise it is re-sealed.
    /// * A `dbjlg_enc_*` value, or the base64 of a `BJLGS1` blob, is decrypted
    ///   with `legacy` and sealed; a failure is an error, never a wrapped value.
    /// * Anything else is a plaintext and is sealed as it is. (Backup JLG's old
    ///   IV || CT layout has no marker and lands here too: its stored text is
    ///   kept, sealed, so nothing is lost; `decryptLegacy` can read it later.)
    ///
    /// Every new envelope is opened again and compared with the plaintext
    /// before it is returned.
    pub fn migrate(
        &self,
        stored: &[u8],
        legacy_keys: &LegacyKeys,
        context: &[u8],
        now: i64,
        nonce: &[u8; NONCE_BYTES],
    ) -> Result<Migration, VaultError> {
        envelope::check_context(context)?;
        if stored.starts_with(envelope::PREFIX.as_bytes()) {
            let parsed = envelope::parse(stored)?;
            let plaintext = self.decrypt(stored, context)?;
            let active = self.active();
            if parsed.key_id() == active.id() && parsed.fingerprint() == active.fingerprint().as_slice() {
                let envelope = String::from_utf8(stored.to_vec())
                    .map_err(|_| VaultError::Internal("a parsed envelope is not ASCII".into()))?;
                return Ok(Migration { envelope, source: MigrationSource::Current });
            }
            let envelope = self.seal_verified(&plaintext, context, now, nonce)?;
            return Ok(Migration { envelope, source: MigrationSource::Rotated });
        }
        let (plaintext, source) = if legacy::detect(stored).is_some() {
            let read = legacy::decrypt(stored, legacy_keys)?;
            (read.plaintext, MigrationSource::Legacy(read.format))
        } else {
            (Zeroizing::new(stored.to_vec()), MigrationSource::Plaintext)
        };
        let envelope = self.seal_verified(&plaintext, context, now, nonce)?;
        Ok(Migration { envelope, source })
    }
}
