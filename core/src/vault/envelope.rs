//! The vault envelope: layout, sealing and opening.
//!
//! ```text
//! envelope = "jlgv1:" || base64url_no_padding(blob)        (ASCII only)
//!
//! blob, version 1 (L = key id length, n = plaintext length):
//!   offset      size  field
//!   0           1     version            0x01
//!   1           1     algorithm          0x01 = XChaCha20-Poly1305-IETF
//!   2           1     L                  1..=32
//!   3           L     key id             [A-Za-z0-9_-]
//!   3+L         8     created_at         i64 big-endian, Unix seconds (UTC)
//!   11+L        8     key fingerprint    BLAKE2b(key = master, "jlg-native/vault/v1/fingerprint", 16)[0..8]
//!   19+L        8     context check      BLAKE2b(key = K_ctx, context, 16)[0..8]
//!   27+L        24    nonce              random
//!   51+L        n     ciphertext
//!   51+L+n      16    Poly1305 tag
//!
//! K_aead = BLAKE2b(key = master, "jlg-native/vault/v1/aead", 32)
//! K_ctx  = BLAKE2b(key = master, "jlg-native/vault/v1/context", 32)
//! ciphertext || tag = XChaCha20-Poly1305-IETF(K_aead, nonce, plaintext,
//!                                              ad = blob[0 .. 51+L] || context)
//! ```
//!
//! Everything before the ciphertext is authenticated as associated data, and
//! so is the context. The fingerprint and the context check are only read
//! after the AEAD has refused a value, to name the reason: key changed,
//! context differs, or altered. They never decide that a value is authentic.
//! The context check is keyed, so without the key it says nothing about the
//! context; it is deterministic (not salted with the nonce) so that a changed
//! nonce reads as "altered", not as "wrong context". What it does reveal to a
//! database reader is which envelopes of one key share a context, which the
//! option rows they sit in already show.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chacha20poly1305::aead::AeadInOut;
use chacha20poly1305::{KeyInit, Tag, XChaCha20Poly1305, XNonce};
use serde::Serialize;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::error::{Reason, VaultError};
use super::kdf;
use super::key::{hex, is_key_id_byte, VaultKey, FINGERPRINT_BYTES, MAX_KEY_ID_LEN};

/// ASCII prefix of every version-1 envelope.
pub const PREFIX: &str = "jlgv1:";
/// The blob's version byte.
pub const VERSION: u8 = 1;
/// Algorithm byte for XChaCha20-Poly1305-IETF.
pub const ALG_XCHACHA20POLY1305: u8 = 1;
/// Nonce length.
pub const NONCE_BYTES: usize = 24;
/// Poly1305 tag length.
pub const TAG_BYTES: usize = 16;
/// Length of the context check.
pub const CONTEXT_CHECK_BYTES: usize = 8;
/// Largest plaintext the vault seals (16 MiB): it stores secrets, not files.
pub const MAX_PLAINTEXT: usize = 16 * 1024 * 1024;
/// Largest context, in bytes.
pub const MAX_CONTEXT: usize = 4096;
/// Format name reported by `inspect`.
pub const FORMAT_NAME: &str = "jlg-vault";
/// Algorithm name reported by `inspect`.
pub const ALGORITHM_NAME: &str = "xchacha20poly1305-ietf";

const FIXED: usize = 3 + 8 + FINGERPRINT_BYTES + CONTEXT_CHECK_BYTES; // before the key id's length is added
const MAX_BLOB: usize = FIXED + MAX_KEY_ID_LEN + NONCE_BYTES + MAX_PLAINTEXT + TAG_BYTES;

/// A structurally valid envelope, decoded but not yet authenticated.
pub struct Parsed {
    blob: Vec<u8>,
    id_len: usize,
}

impl Parsed {
    fn at(&self, field: usize) -> usize {
        // Offsets of the fields after the key id.
        3 + self.id_len + field
    }
    /// The key id (ASCII, validated).
    #[must_use]
    pub fn key_id(&self) -> &str {
        std::str::from_utf8(&self.blob[3..3 + self.id_len]).unwrap_or_default()
    }
    /// The creation time, Unix seconds.
    #[must_use]
    pub fn created_at(&self) -> i64 {
        let mut b = [0u8; 8];
        b.copy_from_slice(&self.blob[self.at(0)..self.at(8)]);
        i64::from_be_bytes(b)
    }
    /// The fingerprint of the key that sealed it.
    #[must_use]
    pub fn fingerprint(&self) -> &[u8] {
        &self.blob[self.at(8)..self.at(8 + FINGERPRINT_BYTES)]
    }
    fn context_check(&self) -> &[u8] {
        &self.blob[self.at(16)..self.at(16 + CONTEXT_CHECK_BYTES)]
    }
    fn nonce(&self) -> &[u8] {
        &self.blob[self.at(24)..self.at(24 + NONCE_BYTES)]
    }
    /// Everything before the ciphertext.
    fn header(&self) -> &[u8] {
        &self.blob[..self.at(24 + NONCE_BYTES)]
    }
    fn ciphertext(&self) -> &[u8] {
        &self.blob[self.at(24 + NONCE_BYTES)..self.blob.len() - TAG_BYTES]
    }
    fn tag(&self) -> &[u8] {
        &self.blob[self.blob.len() - TAG_BYTES..]
    }
}

/// What `inspect` reports; no key is needed to read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inspection {
    /// `jlg-vault`, or a legacy format: `dbjlg_enc_v1`, `dbjlg_enc_v2`, `bjlgs1`.
    pub format: String,
    /// The format's version.
    pub version: u32,
    /// The key id (vault envelopes only).
    pub key_id: Option<String>,
    /// Creation time, Unix seconds (vault envelopes only).
    pub created_at: Option<i64>,
    /// `xchacha20poly1305-ietf`, or `aes-256-cbc+hmac-sha256` for legacy formats.
    pub algorithm: String,
    /// Fingerprint of the sealing key, 16 hex digits (vault envelopes only).
    pub key_fingerprint: Option<String>,
}

/// Decodes and checks the structure of an envelope (no key involved).
pub fn parse(envelope: &[u8]) -> Result<Parsed, VaultError> {
    let body = envelope
        .strip_prefix(PREFIX.as_bytes())
        .ok_or_else(|| VaultError::malformed(format!("not a vault envelope (it does not start with '{PREFIX}')")))?;
    if body.len() > MAX_BLOB / 3 * 4 + 4 {
        return Err(VaultError::malformed(format!("the envelope is too long ({} bytes)", envelope.len())));
    }
    let blob = URL_SAFE_NO_PAD.decode(body).map_err(|e| {
        let at = match e {
            base64::DecodeError::InvalidByte(pos, _) | base64::DecodeError::InvalidLastSymbol { offset: pos, .. } => {
                format!(" at position {}", pos + PREFIX.len())
            }
            _ => String::new(),
        };
        VaultError::malformed(format!("the envelope body is not canonical unpadded base64url{at}"))
    })?;
    if blob.len() < 3 {
        return Err(VaultError::malformed("the envelope is truncated (no header)"));
    }
    if blob[0] != VERSION {
        return Err(VaultError::malformed(format!("unsupported envelope version {}", blob[0])));
    }
    if blob[1] != ALG_XCHACHA20POLY1305 {
        return Err(VaultError::malformed(format!("unsupported envelope algorithm {}", blob[1])));
    }
    let id_len = usize::from(blob[2]);
    if id_len == 0 || id_len > MAX_KEY_ID_LEN {
        return Err(VaultError::malformed(format!("invalid key id length {id_len} in the envelope")));
    }
    let min = FIXED + id_len + NONCE_BYTES + TAG_BYTES;
    if blob.len() < min {
        return Err(VaultError::malformed(format!(
            "the envelope is truncated ({} bytes, at least {min} expected)",
            blob.len()
        )));
    }
    if !blob[3..3 + id_len].iter().all(|b| is_key_id_byte(*b)) {
        return Err(VaultError::malformed("the envelope's key id has invalid characters"));
    }
    Ok(Parsed { blob, id_len })
}

/// Describes a vault envelope without decrypting it.
#[must_use]
pub fn inspect_parsed(parsed: &Parsed) -> Inspection {
    Inspection {
        format: FORMAT_NAME.to_owned(),
        version: u32::from(VERSION),
        key_id: Some(parsed.key_id().to_owned()),
        created_at: Some(parsed.created_at()),
        algorithm: ALGORITHM_NAME.to_owned(),
        key_fingerprint: Some(hex(parsed.fingerprint())),
    }
}

/// The context check of `context` under `key` (stored in the header).
#[must_use]
pub fn context_check(key: &VaultKey, context: &[u8]) -> [u8; CONTEXT_CHECK_BYTES] {
    let full = kdf::generichash16(key.context_key(), &[context]);
    let mut out = [0u8; CONTEXT_CHECK_BYTES];
    out.copy_from_slice(&full[..CONTEXT_CHECK_BYTES]);
    out
}

fn associated_data(header: &[u8], context: &[u8]) -> Vec<u8> {
    let mut ad = Vec::with_capacity(header.len() + context.len());
    ad.extend_from_slice(header);
    ad.extend_from_slice(context);
    ad
}

/// Checks the size limits shared by sealing and opening.
pub fn check_context(context: &[u8]) -> Result<(), VaultError> {
    if context.len() > MAX_CONTEXT {
        return Err(VaultError::input(
            "context",
            format!("the context is at most {MAX_CONTEXT} bytes, got {}", context.len()),
        ));
    }
    Ok(())
}

/// Seals `plaintext` under `key`.
pub fn seal(
    key: &VaultKey,
    plaintext: &[u8],
    context: &[u8],
    now: i64,
    nonce: &[u8; NONCE_BYTES],
) -> Result<String, VaultError> {
    check_context(context)?;
    seal_with_check(key, &context_check(key, context), plaintext, context, now, nonce)
}

/// Seals with a context check the caller already computed with [`context_check`].
pub fn seal_with_check(
    key: &VaultKey,
    check: &[u8; CONTEXT_CHECK_BYTES],
    plaintext: &[u8],
    context: &[u8],
    now: i64,
    nonce: &[u8; NONCE_BYTES],
) -> Result<String, VaultError> {
    check_context(context)?;
    if plaintext.len() > MAX_PLAINTEXT {
        return Err(VaultError::input(
            "plaintext",
            format!("the plaintext is at most {MAX_PLAINTEXT} bytes, got {}", plaintext.len()),
        ));
    }
    let id = key.id().as_bytes();
    let header_len = FIXED + id.len() + NONCE_BYTES;
    let mut blob = Zeroizing::new(Vec::with_capacity(header_len + plaintext.len() + TAG_BYTES));
    blob.push(VERSION);
    blob.push(ALG_XCHACHA20POLY1305);
    blob.push(u8::try_from(id.len()).expect("key ids are at most 32 bytes"));
    blob.extend_from_slice(id);
    blob.extend_from_slice(&now.to_be_bytes());
    blob.extend_from_slice(key.fingerprint());
    blob.extend_from_slice(check);
    blob.extend_from_slice(nonce);
    debug_assert_eq!(blob.len(), header_len);
    let ad = associated_data(&blob, context);
    blob.extend_from_slice(plaintext);
    let cipher = XChaCha20Poly1305::new(key.aead_key().into());
    let tag = cipher
        .encrypt_inout_detached(&XNonce::from(*nonce), &ad, (&mut blob[header_len..]).into())
        .map_err(|_| VaultError::input("plaintext", "the plaintext cannot be sealed (too long)"))?;
    blob.extend_from_slice(&tag);
    let mut out = String::with_capacity(PREFIX.len() + blob.len().div_ceil(3) * 4);
    out.push_str(PREFIX);
    URL_SAFE_NO_PAD.encode_string(&blob[..], &mut out);
    Ok(out)
}

/// Opens a parsed envelope with `key`. On failure, names the reason.
pub fn open(key: &VaultKey, parsed: &Parsed, context: &[u8]) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    check_context(context)?;
    let ad = associated_data(parsed.header(), context);
    let mut plaintext = Zeroizing::new(parsed.ciphertext().to_vec());
    let cipher = XChaCha20Poly1305::new(key.aead_key().into());
    let tag = Tag::try_from(parsed.tag()).map_err(|_| VaultError::Internal("tag length".into()))?;
    let nonce = XNonce::try_from(parsed.nonce()).map_err(|_| VaultError::Internal("nonce length".into()))?;
    let opened = cipher.decrypt_inout_detached(
        &nonce,
        &ad,
        (&mut plaintext[..]).into(),
        &tag,
    );
    if opened.is_ok() {
        return Ok(plaintext);
    }
    drop(plaintext);
    let id = parsed.key_id();
    if !bool::from(parsed.fingerprint().ct_eq(key.fingerprint())) {
        return Err(VaultError::decrypt(
            Reason::UnknownKey,
            format!(
                "the key '{id}' is not the key that sealed this envelope (sealed by fingerprint {}, \
                 configured {}): the key changed",
                hex(parsed.fingerprint()),
                key.fingerprint_hex()
            ),
        ));
    }
    let expected = context_check(key, context);
    if !bool::from(parsed.context_check().ct_eq(&expected)) {
        return Err(VaultError::decrypt(
            Reason::WrongContext,
            format!("the envelope was sealed for a different context (key '{id}')"),
        ));
    }
    Err(VaultError::decrypt(
        Reason::AuthFailed,
        format!("the envelope does not authenticate with key '{id}': it was altered or corrupted"),
    ))
}
