//! Reading the secrets the plugins stored before the vault existed.
//!
//! * Discord Bot JLG: `dbjlg_enc_v1:` / `dbjlg_enc_v2:` + base64, AES-256-CBC
//!   keyed by SHA-256(AUTH_KEY), HMAC-SHA256 keyed by AUTH_SALT ([`discord`]).
//! * Backup JLG: base64 of `BJLGS1` || 0x01 || IV || HMAC || CT, or of the older
//!   unauthenticated IV || CT, keys from `BJLG_ENCRYPTION_KEY` ([`backup`]).
//!
//! These formats are read only: the vault never writes them.

pub mod b64;
pub mod backup;
pub mod discord;

use aes::Aes256;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::error::VaultError;

/// The keys of the legacy formats, as the plugins hold them.
#[derive(Default)]
pub struct LegacyKeys {
    /// The WordPress `AUTH_KEY` constant (Discord Bot JLG's AES key source).
    pub auth_key: Option<Zeroizing<Vec<u8>>>,
    /// The WordPress `AUTH_SALT` constant (Discord Bot JLG's HMAC key).
    pub auth_salt: Option<Zeroizing<Vec<u8>>>,
    /// Backup JLG's `BJLG_ENCRYPTION_KEY` (base64 of 32 bytes, optional `base64:`
    /// prefix and surrounding whitespace) or the 32 raw bytes.
    pub bjlg_key: Option<Zeroizing<Vec<u8>>>,
}

impl std::fmt::Debug for LegacyKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LegacyKeys")
            .field("auth_key", &self.auth_key.as_ref().map(|_| "<set>"))
            .field("auth_salt", &self.auth_salt.as_ref().map(|_| "<set>"))
            .field("bjlg_key", &self.bjlg_key.as_ref().map(|_| "<set>"))
            .finish()
    }
}

/// Which legacy layout a value was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyFormat {
    /// `dbjlg_enc_v1:`: CT || tag, fixed IV.
    DiscordV1,
    /// `dbjlg_enc_v2:`: IV || CT || tag (the current writer).
    DiscordV2,
    /// `dbjlg_enc_v2:` carrying a v1 body (no IV): the layout the plugin truncates.
    DiscordV2NoIv,
    /// `dbjlg_enc_v2:` with CT || IV || tag (an unmerged writer of the plugin).
    DiscordV2CtIvMac,
    /// Backup `BJLGS1` with HKDF subkeys (the current writer).
    BackupS1,
    /// Backup `BJLGS1` with the master key used directly (an early writer).
    BackupS1RawKey,
    /// Backup IV || CT, no MAC, HKDF AES subkey.
    BackupIvCt,
    /// Backup IV || CT, no MAC, master key used directly (the first writer).
    BackupIvCtRawKey,
}

impl LegacyFormat {
    /// A stable name, for logs and reports.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::DiscordV1 => "dbjlg_enc_v1",
            Self::DiscordV2 => "dbjlg_enc_v2",
            Self::DiscordV2NoIv => "dbjlg_enc_v2_noiv",
            Self::DiscordV2CtIvMac => "dbjlg_enc_v2_ct_iv_mac",
            Self::BackupS1 => "bjlgs1",
            Self::BackupS1RawKey => "bjlgs1_rawkey",
            Self::BackupIvCt => "bjlg_iv_ct",
            Self::BackupIvCtRawKey => "bjlg_iv_ct_rawkey",
        }
    }
}

/// What a stored value looks like, without any key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyKind {
    /// Starts with `dbjlg_enc_v1:`.
    DiscordV1,
    /// Starts with `dbjlg_enc_v2:`.
    DiscordV2,
    /// Starts with `dbjlg_enc_` but is neither v1 nor v2.
    DiscordUnknown,
    /// Base64 of a blob that starts with `BJLGS1`.
    BackupS1,
}

/// Recognises a legacy value by its prefix or magic. The Backup IV || CT layout
/// has neither and cannot be told from a plaintext, so it is not recognised here
/// (only [`decrypt`] reads it, when asked to).
#[must_use]
pub fn detect(stored: &[u8]) -> Option<LegacyKind> {
    if stored.starts_with(discord::PREFIX_V1) {
        Some(LegacyKind::DiscordV1)
    } else if stored.starts_with(discord::PREFIX_V2) {
        Some(LegacyKind::DiscordV2)
    } else if stored.starts_with(discord::PREFIX_FAMILY) {
        Some(LegacyKind::DiscordUnknown)
    } else if backup::looks_like_s1(stored) {
        Some(LegacyKind::BackupS1)
    } else {
        None
    }
}

/// A legacy value, decrypted.
pub struct LegacyPlaintext {
    /// The true plaintext.
    pub plaintext: Zeroizing<Vec<u8>>,
    /// The layout it was read as.
    pub format: LegacyFormat,
}

impl std::fmt::Debug for LegacyPlaintext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LegacyPlaintext")
            .field("len", &self.plaintext.len())
            .field("format", &self.format)
            .finish()
    }
}

/// Decrypts a legacy value: `dbjlg_enc_*` values with `auth_key`/`auth_salt`,
/// anything else as a Backup JLG string with `bjlg_key`.
pub fn decrypt(stored: &[u8], keys: &LegacyKeys) -> Result<LegacyPlaintext, VaultError> {
    if stored.is_empty() {
        return Err(VaultError::malformed("the legacy value is empty"));
    }
    if stored.starts_with(discord::PREFIX_FAMILY) {
        let auth_key = keys
            .auth_key
            .as_ref()
            .ok_or_else(|| VaultError::input("legacy.auth_key", "a dbjlg_enc_ value needs legacy['auth_key'] (the AUTH_KEY constant)"))?;
        let auth_salt = keys
            .auth_salt
            .as_ref()
            .ok_or_else(|| VaultError::input("legacy.auth_salt", "a dbjlg_enc_ value needs legacy['auth_salt'] (the AUTH_SALT constant)"))?;
        return discord::decrypt(stored, auth_key, auth_salt);
    }
    match &keys.bjlg_key {
        Some(key) => backup::decrypt(stored, key),
        None if backup::looks_like_s1(stored) => Err(VaultError::input(
            "legacy.bjlg_key",
            "a BJLGS1 value needs legacy['bjlg_key'] (the BJLG_ENCRYPTION_KEY constant or option)",
        )),
        None => Err(VaultError::malformed(
            "not a recognised legacy value (no dbjlg_enc_v1:/dbjlg_enc_v2: prefix; \
             pass legacy['bjlg_key'] to read a Backup JLG string)",
        )),
    }
}

/// Whether decrypted bytes are text (UTF-8). The plugins store credentials and
/// tokens, which are text; for layouts whose authentication does not cover the
/// AES key this is the check that tells a wrong key from a right one.
pub(crate) fn is_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok()
}

/// HMAC-SHA256 of the concatenated parts.
pub(crate) fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC accepts keys of any length");
    for part in parts {
        mac.update(part);
    }
    mac
}

/// Constant-time check of an HMAC-SHA256 tag.
pub(crate) fn hmac_sha256_verify(key: &[u8], parts: &[&[u8]], tag: &[u8]) -> bool {
    hmac_sha256(key, parts).verify_slice(tag).is_ok()
}

/// AES-256-CBC decryption with PKCS#7 padding; `None` on a length or padding failure.
pub(crate) fn aes256_cbc_decrypt(key: &[u8; 32], iv: &[u8], ciphertext: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if ciphertext.is_empty() || ciphertext.len() % 16 != 0 || iv.len() != 16 {
        return None;
    }
    let dec = cbc::Decryptor::<Aes256>::new_from_slices(key, iv).ok()?;
    let mut buf = Zeroizing::new(ciphertext.to_vec());
    let len = dec.decrypt_padded::<Pkcs7>(&mut buf).ok()?.len();
    buf.truncate(len);
    Some(buf)
}

/// AES-256-CBC encryption with PKCS#7 padding (tests build legacy values with it).
#[cfg(test)]
pub(crate) fn aes256_cbc_encrypt(key: &[u8; 32], iv: &[u8; 16], plaintext: &[u8]) -> Vec<u8> {
    use cbc::cipher::BlockModeEncrypt;
    cbc::Encryptor::<Aes256>::new_from_slices(key, iv)
        .expect("key and IV lengths are fixed")
        .encrypt_padded_vec::<Pkcs7>(plaintext)
}
