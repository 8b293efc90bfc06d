//! Vault keys: key ids, the 32-byte master keys and the subkeys derived from them.

use std::fmt;

use zeroize::Zeroizing;

use super::error::VaultError;
use super::kdf;

/// Length of a master key, in bytes.
pub const KEY_BYTES: usize = 32;
/// Longest key id, in bytes.
pub const MAX_KEY_ID_LEN: usize = 32;
/// Shortest secret accepted by [`VaultKey::from_secret`], in bytes.
pub const MIN_SECRET_BYTES: usize = 32;
/// Length of a key fingerprint, in bytes (shown as 16 hex digits).
pub const FINGERPRINT_BYTES: usize = 8;

/// Checks a key id against `[A-Za-z0-9_-]{1,32}`. `field` names the argument in errors.
pub fn validate_key_id(id: &[u8], field: &str) -> Result<String, VaultError> {
    if id.is_empty() {
        return Err(VaultError::input(field, "a key id must not be empty"));
    }
    if id.len() > MAX_KEY_ID_LEN {
        return Err(VaultError::input(
            field,
            format!("a key id is at most {MAX_KEY_ID_LEN} characters, got {}", id.len()),
        ));
    }
    if let Some(pos) = id.iter().position(|b| !is_key_id_byte(*b)) {
        return Err(VaultError::input_at(
            field,
            format!("a key id may only contain A-Z, a-z, 0-9, '_' and '-' (bad character at position {pos})"),
            pos,
        ));
    }
    // Only ASCII passed the check above.
    Ok(id.iter().map(|b| char::from(*b)).collect())
}

/// A key id as error messages show it: quoted, except a 32-character id,
/// which could be a 32-byte key passed in the wrong place (a flipped array) and
/// is therefore not echoed.
#[must_use]
pub fn display_id(id: &str) -> String {
    if id.len() >= KEY_BYTES {
        format!("(a {}-character id)", id.len())
    } else {
        format!("'{id}'")
    }
}

/// Whether a byte may appear in a key id.
#[must_use]
pub const fn is_key_id_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// One key of a vault: its id, fingerprint and the subkeys derived from the
/// master key. The master key itself is not kept.
pub struct VaultKey {
    id: String,
    aead: Zeroizing<[u8; 32]>,
    context: Zeroizing<[u8; 32]>,
    fingerprint: [u8; FINGERPRINT_BYTES],
}

impl VaultKey {
    /// A key from 32 raw bytes. `field` names the argument in errors (`keys[wp]`).
    pub fn new(id: &str, master: &[u8], field: &str) -> Result<Self, VaultError> {
        let id = validate_key_id(id.as_bytes(), field)?;
        if master.len() != KEY_BYTES {
            return Err(VaultError::input(
                field,
                format!("a key must be exactly {KEY_BYTES} raw bytes, got {} bytes", master.len()),
            ));
        }
        let fp = kdf::generichash16(master, &[kdf::LABEL_FINGERPRINT]);
        let mut fingerprint = [0u8; FINGERPRINT_BYTES];
        fingerprint.copy_from_slice(&fp[..FINGERPRINT_BYTES]);
        Ok(Self {
            id,
            aead: kdf::generichash32(master, &[kdf::LABEL_AEAD]),
            context: kdf::generichash32(master, &[kdf::LABEL_CONTEXT]),
            fingerprint,
        })
    }

    /// Derives a master key from at least 32 bytes of secret material (the
    /// WordPress salts, a passphrase file): BLAKE2b-256 keyed with a fixed label,
    /// `sodium_crypto_generichash($secret, 'jlg-native/vault/v1/from-secret', 32)`.
    pub fn derive_master(secret: &[u8]) -> Result<Zeroizing<[u8; 32]>, VaultError> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(VaultError::input(
                "secret",
                format!("secret material must be at least {MIN_SECRET_BYTES} bytes, got {}", secret.len()),
            ));
        }
        Ok(kdf::generichash32(kdf::FROM_SECRET_KEY, &[secret]))
    }

    /// A key derived from secret material (see [`Self::derive_master`]).
    pub fn from_secret(id: &str, secret: &[u8]) -> Result<Self, VaultError> {
        let master = Self::derive_master(secret)?;
        Self::new(id, &master[..], "keyId")
    }

    /// The key id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The fingerprint bytes stored in every envelope sealed with this key.
    #[must_use]
    pub fn fingerprint(&self) -> &[u8; FINGERPRINT_BYTES] {
        &self.fingerprint
    }

    /// The fingerprint as 16 lowercase hex digits.
    #[must_use]
    pub fn fingerprint_hex(&self) -> String {
        hex(&self.fingerprint)
    }

    pub(crate) fn aead_key(&self) -> &[u8; 32] {
        &self.aead
    }

    pub(crate) fn context_key(&self) -> &[u8; 32] {
        &self.context
    }
}

impl fmt::Debug for VaultKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VaultKey")
            .field("id", &self.id)
            .field("fingerprint", &self.fingerprint_hex())
            .finish_non_exhaustive()
    }
}

/// Lowercase hex of a short byte string.
#[must_use]
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids() {
        assert_eq!(validate_key_id(b"wp", "k").unwrap(), "wp");
        assert_eq!(validate_key_id(b"A-z_09", "k").unwrap(), "A-z_09");
        assert!(validate_key_id(&[b'a'; 32], "k").is_ok());
        assert!(validate_key_id(&[b'a'; 33], "k").is_err());
        assert!(validate_key_id(b"", "k").is_err());
        match validate_key_id(b"ab c", "activeKeyId").unwrap_err() {
            VaultError::Input { field, position, .. } => {
                assert_eq!(field, "activeKeyId");
                assert_eq!(position, Some(2));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(validate_key_id("é".as_bytes(), "k").is_err());
    }

    #[test]
    fn key_length_is_checked_without_echoing_bytes() {
        let err = VaultKey::new("wp", b"0123456789abcdef0123456789abcde", "keys[wp]").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("keys[wp]") && text.contains("31"), "{text}");
        assert!(!text.contains("0123456789"), "{text}");
        assert!(VaultKey::new("wp", &[7u8; 33], "keys[wp]").is_err());
    }

    #[test]
    fn fingerprint_and_debug_hide_the_key() {
        let key = VaultKey::new("wp", &[7u8; 32], "k").unwrap();
        assert_eq!(key.fingerprint_hex().len(), 16);
        let dbg = format!("{key:?}");
        assert!(dbg.contains("wp") && !dbg.contains("aead"), "{dbg}");
        let other = VaultKey::new("wp", &[8u8; 32], "k").unwrap();
        assert_ne!(key.fingerprint(), other.fingerprint());
    }

    #[test]
    fn from_secret_needs_32_bytes() {
        assert!(VaultKey::from_secret("wp", &[1u8; 31]).is_err());
        let a = VaultKey::from_secret("wp", &[1u8; 32]).unwrap();
        let b = VaultKey::from_secret("wp", &[1u8; 32]).unwrap();
        assert_eq!(a.fingerprint(), b.fingerprint());
    }
}
