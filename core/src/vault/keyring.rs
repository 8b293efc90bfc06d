//! [`Vault`]: a set of keys, one of them active, and the operations on envelopes.

use std::sync::Mutex;

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::envelope::{self, Parsed, CONTEXT_CHECK_BYTES, NONCE_BYTES};
use super::error::{Reason, VaultError};
use super::key::{display_id, VaultKey};

/// Most keys one vault holds (current key plus retired ones still being read).
pub const MAX_KEYS: usize = 64;

/// A key ring with an active key. Encrypts with the active key; decrypts with
/// whichever configured key sealed the envelope.
#[derive(Debug)]
pub struct Vault {
    keys: Vec<VaultKey>,
    active: usize,
    /// The context check of the last context sealed under the active key:
    /// a plugin seals the same few contexts again and again, and this saves
    /// a BLAKE2b per `encrypt`.
    last_check: Mutex<Option<(Vec<u8>, [u8; CONTEXT_CHECK_BYTES])>>,
}

/// Contexts longer than this are not memoized.
const MEMO_MAX_CONTEXT: usize = 256;

impl Vault {
    /// A vault over `keys`, sealing with `active_id`.
    pub fn new(keys: Vec<VaultKey>, active_id: &str) -> Result<Self, VaultError> {
        if keys.is_empty() {
            return Err(VaultError::input("keys", "at least one key is required"));
        }
        if keys.len() > MAX_KEYS {
            return Err(VaultError::input("keys", format!("at most {MAX_KEYS} keys, got {}", keys.len())));
        }
        for (i, key) in keys.iter().enumerate() {
            if keys[..i].iter().any(|k| k.id() == key.id()) {
                return Err(VaultError::input("keys", format!("duplicate key id {}", display_id(key.id()))));
            }
        }
        super::key::validate_key_id(active_id.as_bytes(), "activeKeyId")?;
        let active = keys.iter().position(|k| k.id() == active_id).ok_or_else(|| {
            VaultError::input(
                "activeKeyId",
                format!("no key with id {} in keys (ids: {})", display_id(active_id), ids(&keys)),
            )
        })?;
        Ok(Self { keys, active, last_check: Mutex::new(None) })
    }

    /// A one-key vault derived from secret material.
    pub fn from_secret(secret: &[u8], key_id: &str) -> Result<Self, VaultError> {
        let key = VaultKey::from_secret(key_id, secret)?;
        Self::new(vec![key], key_id)
    }

    /// The active key.
    #[must_use]
    pub fn active(&self) -> &VaultKey {
        &self.keys[self.active]
    }

    /// The key with this id.
    #[must_use]
    pub fn key(&self, id: &str) -> Option<&VaultKey> {
        self.keys.iter().find(|k| k.id() == id)
    }

    /// All keys, in the order given.
    #[must_use]
    pub fn keys(&self) -> &[VaultKey] {
        &self.keys
    }

    /// The fingerprint (16 hex digits) of a key, or of the active key.
    pub fn fingerprint(&self, id: Option<&str>) -> Result<String, VaultError> {
        match id {
            None => Ok(self.active().fingerprint_hex()),
            Some(id) => self.key(id).map(VaultKey::fingerprint_hex).ok_or_else(|| {
                VaultError::input("keyId", format!("no key with id {} (ids: {})", display_id(id), ids(&self.keys)))
            }),
        }
    }

    /// Seals `plaintext` under the active key.
    pub fn encrypt(
        &self,
        plaintext: &[u8],
        context: &[u8],
        now: i64,
        nonce: &[u8; NONCE_BYTES],
    ) -> Result<String, VaultError> {
        envelope::check_context(context)?;
        let key = self.active();
        let check = self.memo_check(context);
        envelope::seal_with_check(key, &check, plaintext, context, now, nonce)
    }

    fn memo_check(&self, context: &[u8]) -> [u8; CONTEXT_CHECK_BYTES] {
        let key = self.active();
        if context.len() > MEMO_MAX_CONTEXT {
            return envelope::context_check(key, context);
        }
        // A poisoned lock only means a panic elsewhere; the memo is then ignored.
        let Ok(mut memo) = self.last_check.lock() else {
            return envelope::context_check(key, context);
        };
        if let Some((ctx, check)) = memo.as_ref() {
            if ctx.as_slice() == context {
                return *check;
            }
        }
        let check = envelope::context_check(key, context);
        *memo = Some((context.to_vec(), check));
        check
    }

    /// The key to try for a parsed envelope: same id and fingerprint; else the
    /// same fingerprint under another id (a renamed key); else the same id (it
    /// will fail and report that the key changed).
    fn key_for(&self, parsed: &Parsed) -> Result<&VaultKey, VaultError> {
        let same_fp = |k: &&VaultKey| bool::from(k.fingerprint().as_slice().ct_eq(parsed.fingerprint()));
        let id = parsed.key_id();
        self.keys
            .iter()
            .filter(|k| k.id() == id)
            .find(same_fp)
            .or_else(|| self.keys.iter().find(same_fp))
            .or_else(|| self.key(id))
            .ok_or_else(|| {
                VaultError::decrypt(
                    Reason::UnknownKey,
                    format!(
                        "the envelope was sealed with key '{id}' (fingerprint {}), which is not configured (ids: {})",
                        super::key::hex(parsed.fingerprint()),
                        ids(&self.keys)
                    ),
                )
            })
    }

    /// Opens an envelope.
    pub fn decrypt(&self, envelope: &[u8], context: &[u8]) -> Result<Zeroizing<Vec<u8>>, VaultError> {
        envelope::check_context(context)?;
        let parsed = envelope::parse(envelope)?;
        let key = self.key_for(&parsed)?;
        envelope::open(key, &parsed, context)
    }

    /// Seals under the active key and checks that the result opens to the same
    /// bytes before handing it out.
    pub(crate) fn seal_verified(
        &self,
        plaintext: &[u8],
        context: &[u8],
        now: i64,
        nonce: &[u8; NONCE_BYTES],
    ) -> Result<String, VaultError> {
        let sealed = self.encrypt(plaintext, context, now, nonce)?;
        let reopened = self.decrypt(sealed.as_bytes(), context)?;
        if !bool::from(reopened.as_slice().ct_eq(plaintext)) {
            return Err(VaultError::Internal("a freshly sealed envelope did not open to the same bytes".into()));
        }
        Ok(sealed)
    }

    /// Re-seals an envelope under the active key with a new nonce and creation
    /// time; the new envelope is verified before it is returned.
    pub fn rotate(
        &self,
        envelope: &[u8],
        context: &[u8],
        now: i64,
        nonce: &[u8; NONCE_BYTES],
    ) -> Result<String, VaultError> {
        let plaintext = self.decrypt(envelope, context)?;
        self.seal_verified(&plaintext, context, now, nonce)
    }

    /// Whether an envelope should be rotated: sealed by another key than the
    /// active one (by id or fingerprint), or older than `max_age_seconds`.
    pub fn needs_rotation(&self, envelope: &[u8], max_age_seconds: i64, now: i64) -> Result<bool, VaultError> {
        if max_age_seconds < 0 {
            return Err(VaultError::input(
                "maxAgeSeconds",
                format!("must be zero or more, got {max_age_seconds}"),
            ));
        }
        let parsed = envelope::parse(envelope)?;
        let active = self.active();
        if parsed.key_id() != active.id() || parsed.fingerprint() != active.fingerprint().as_slice() {
            return Ok(true);
        }
        let age = i128::from(now) - i128::from(parsed.created_at());
        Ok(age > i128::from(max_age_seconds))
    }
}

fn ids(keys: &[VaultKey]) -> String {
    keys.iter().map(|k| display_id(k.id())).collect::<Vec<_>>().join(", ")
}
