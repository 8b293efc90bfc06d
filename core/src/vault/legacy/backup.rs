//! Backup JLG's string format.
//!
//! Stored value = standard base64 (read as PHP's strict `base64_decode`) of
//! `BJLGS1` || 0x01 || IV(16) || HMAC-SHA256(32) || CT, AES-256-CBC/PKCS#7, HMAC
//! over IV || CT; subkeys from HKDF-SHA256(master, salt = 32 zero bytes,
//! info `bjlg-encryption:aes` / `bjlg-encryption:hmac`). Anything else that
//! decodes is the older, unauthenticated IV || CT.
//!
//! Values written before the plugin switched to HKDF (the master key used
//! directly) no longer decrypt in the plugin; this reader tries them too:
//! for `BJLGS1` only when the raw-key HMAC matches, for IV || CT only when the
//! HKDF key fails the padding check.

use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::{aes256_cbc_decrypt, b64, hmac_sha256_verify, is_text, LegacyFormat, LegacyPlaintext};
use crate::vault::error::{Reason, VaultError};

const MAGIC: &[u8] = b"BJLGS1";
const HEADER: usize = 6 + 1 + 16 + 32;

/// Whether a stored value is the base64 of a `BJLGS1` blob (no key needed).
#[must_use]
pub fn looks_like_s1(stored: &[u8]) -> bool {
    // "BJLGS1" is exactly 8 base64 characters: decode a short prefix only.
    let head: Vec<u8> = stored.iter().copied().filter(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n')).take(8).collect();
    head == b"QkpMR1Mx" && b64::decode_php_strict(stored).is_some_and(|blob| blob.starts_with(MAGIC))
}

struct Keys {
    master: Zeroizing<[u8; 32]>,
    aes: Zeroizing<[u8; 32]>,
    hmac: Zeroizing<[u8; 32]>,
}

/// Reads the master key as the plugin does: 32 raw bytes as they are, otherwise
/// trimmed, an optional `base64:` prefix removed, base64-decoded to exactly 32 bytes.
fn master_key(bjlg_key: &[u8]) -> Result<Zeroizing<[u8; 32]>, VaultError> {
    let mut master = Zeroizing::new([0u8; 32]);
    if bjlg_key.len() == 32 {
        master.copy_from_slice(bjlg_key);
        return Ok(master);
    }
    let is_trim = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | 0x0b);
    let start = bjlg_key.iter().position(|b| !is_trim(b)).unwrap_or(bjlg_key.len());
    let end = bjlg_key.iter().rposition(|b| !is_trim(b)).map_or(start, |p| p + 1);
    let trimmed = &bjlg_key[start..end];
    let body = trimmed.strip_prefix(b"base64:").unwrap_or(trimmed);
    let decoded = Zeroizing::new(b64::decode_php_strict(body).unwrap_or_default());
    if decoded.len() != 32 {
        return Err(VaultError::input(
            "legacy.bjlg_key",
            format!(
                "must be 32 raw bytes or the base64 of 32 bytes (as in BJLG_ENCRYPTION_KEY); \
                 this value decodes to {} bytes",
                decoded.len()
            ),
        ));
    }
    master.copy_from_slice(&decoded);
    Ok(master)
}

fn derive(master: Zeroizing<[u8; 32]>) -> Keys {
    let hk = Hkdf::<Sha256>::new(Some(&[0u8; 32]), &master[..]);
    let mut aes = Zeroizing::new([0u8; 32]);
    let mut hmac = Zeroizing::new([0u8; 32]);
    hk.expand(b"bjlg-encryption:aes", &mut aes[..]).expect("32 bytes is a valid HKDF length");
    hk.expand(b"bjlg-encryption:hmac", &mut hmac[..]).expect("32 bytes is a valid HKDF length");
    Keys { master, aes, hmac }
}

/// Decrypts a Backup JLG string with the `BJLG_ENCRYPTION_KEY` value.
pub fn decrypt(stored: &[u8], bjlg_key: &[u8]) -> Result<LegacyPlaintext, VaultError> {
    let keys = derive(master_key(bjlg_key)?);
    if stored.is_empty() {
        return Err(VaultError::malformed("the Backup JLG value is empty"));
    }
    let blob = Zeroizing::new(
        b64::decode_php_strict(stored)
            .ok_or_else(|| VaultError::malformed("the Backup JLG value is not valid base64"))?,
    );
    if blob.starts_with(MAGIC) {
        return decrypt_s1(&blob, &keys);
    }
    if blob.len() <= 16 {
        return Err(VaultError::malformed(format!(
            "the Backup JLG value is too short ({} bytes) for IV || ciphertext",
            blob.len()
        )));
    }
    let (iv, ct) = blob.split_at(16);
    if ct.len() % 16 != 0 {
        return Err(VaultError::malformed(format!(
            "the Backup JLG ciphertext is not whole AES blocks ({} bytes)",
            ct.len()
        )));
    }
    // No MAC: only the padding check and "credentials are text" (UTF-8) can
    // tell a wrong key, each key is tried in the plugin's order.
    if let Some(plaintext) = aes256_cbc_decrypt(&keys.aes, iv, ct).filter(|p| is_text(p)) {
        return Ok(LegacyPlaintext { plaintext, format: LegacyFormat::BackupIvCt });
    }
    if let Some(plaintext) = aes256_cbc_decrypt(&keys.master, iv, ct).filter(|p| is_text(p)) {
        return Ok(LegacyPlaintext { plaintext, format: LegacyFormat::BackupIvCtRawKey });
    }
    Err(VaultError::decrypt(
        Reason::AuthFailed,
        "the Backup JLG value (unauthenticated IV || ciphertext layout) does not decrypt to text \
         with the given key: the key differs or the value was altered",
    ))
}

fn decrypt_s1(blob: &[u8], keys: &Keys) -> Result<LegacyPlaintext, VaultError> {
    if blob.len() < HEADER {
        return Err(VaultError::malformed(format!(
            "the BJLGS1 value is too short ({} bytes, at least {HEADER} expected)",
            blob.len()
        )));
    }
    if blob[6] != 1 {
        return Err(VaultError::malformed(format!("unsupported BJLGS1 version {}", blob[6])));
    }
    let iv = &blob[7..23];
    let tag = &blob[23..55];
    let ct = &blob[55..];
    let undecryptable = || {
        VaultError::decrypt(Reason::AuthFailed, "the BJLGS1 value's HMAC matches but its ciphertext does not decrypt")
    };
    if hmac_sha256_verify(&keys.hmac[..], &[iv, ct], tag) {
        let plaintext = aes256_cbc_decrypt(&keys.aes, iv, ct).ok_or_else(undecryptable)?;
        return Ok(LegacyPlaintext { plaintext, format: LegacyFormat::BackupS1 });
    }
    if hmac_sha256_verify(&keys.master[..], &[iv, ct], tag) {
        let plaintext = aes256_cbc_decrypt(&keys.master, iv, ct).ok_or_else(undecryptable)?;
        return Ok(LegacyPlaintext { plaintext, format: LegacyFormat::BackupS1RawKey });
    }
    Err(VaultError::decrypt(
        Reason::LegacyMacMismatch,
        "the BJLGS1 value's HMAC does not match: the key differs from the one that encrypted it, \
         or the value was altered",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subkeys_match_the_vector_file_constants() {
        let keys = derive(master_key(b"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=").unwrap());
        let hex = crate::vault::key::hex;
        assert_eq!(hex(&keys.master[..]), "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        assert_eq!(hex(&keys.aes[..]), "b7d55ad689c8f086120b09424142116f92f2967c46aa6cd77d041ca6c2e7d151");
        assert_eq!(hex(&keys.hmac[..]), "443f78028fd96cc544712f567cfeaadf0fce1a86813099aefef3d4891283b47d");
    }

    #[test]
    fn key_forms() {
        let raw: Vec<u8> = (0u8..32).collect();
        let a = master_key(&raw).unwrap();
        let b = master_key(b"  base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n").unwrap();
        assert_eq!(&a[..], &b[..]);
        let err = master_key(b"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==").unwrap_err();
        assert!(matches!(&err, VaultError::Input { field, .. } if field == "legacy.bjlg_key"));
        assert!(err.to_string().contains("31 bytes"));
        assert!(!err.to_string().contains("AAEC"));
    }

    #[test]
    fn detection_needs_the_magic() {
        assert!(looks_like_s1(b"QkpMR1MxAQ=="));
        assert!(!looks_like_s1(b"QkpMR1MyAQ=="));
        assert!(!looks_like_s1(b"plain-secret"));
        assert!(!looks_like_s1(b""));
    }
}
