//! Discord Bot JLG's bot-token format (`dbjlg_enc_v1:` / `dbjlg_enc_v2:`).
//!
//! Stored value = prefix + standard base64 (read as PHP's strict `base64_decode`
//! reads it) of a blob whose last 32 bytes are HMAC-SHA256(AUTH_SALT, everything
//! before them). AES-256-CBC/PKCS#7 with key SHA-256(AUTH_KEY).
//!
//! * v1: CT || tag, IV fixed = first 16 bytes of SHA-256(AUTH_SALT . AUTH_KEY).
//! * v2: IV || CT || tag. The plugin also accepts a v1 body under the v2 prefix
//!   ("no-IV v2"). Both layouts MAC the same bytes, so the MAC cannot tell them
//!   apart: for a body of two or more blocks the plugin tries the IV layout
//!   first and, for a no-IV value over 16 bytes, returns the plaintext minus its
//!   first 16 bytes. See [`choose_v2_reading`] for how this reader picks.
//! * v2 written by an unmerged branch: CT || IV || tag, read as a last resort.

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::{aes256_cbc_decrypt, b64, hmac_sha256_verify, is_text, LegacyFormat, LegacyPlaintext};
use crate::vault::error::{Reason, VaultError};

/// Every Discord prefix starts with this.
pub const PREFIX_FAMILY: &[u8] = b"dbjlg_enc_";
/// The v1 prefix.
pub const PREFIX_V1: &[u8] = b"dbjlg_enc_v1:";
/// The v2 prefix.
pub const PREFIX_V2: &[u8] = b"dbjlg_enc_v2:";

const TAG: usize = 32;
const BLOCK: usize = 16;

/// The AES key and fixed v1 IV derived from the two WordPress constants.
struct Keys {
    aes: Zeroizing<[u8; 32]>,
    fixed_iv: [u8; 16],
}

fn derive(auth_key: &[u8], auth_salt: &[u8]) -> Keys {
    let mut aes = Zeroizing::new([0u8; 32]);
    aes.copy_from_slice(&Sha256::digest(auth_key));
    let mut h = Sha256::new();
    h.update(auth_salt);
    h.update(auth_key);
    let mut fixed_iv = [0u8; 16];
    fixed_iv.copy_from_slice(&h.finalize()[..16]);
    Keys { aes, fixed_iv }
}

/// Decrypts a `dbjlg_enc_v1:` or `dbjlg_enc_v2:` value.
pub fn decrypt(stored: &[u8], auth_key: &[u8], auth_salt: &[u8]) -> Result<LegacyPlaintext, VaultError> {
    let (is_v2, payload) = if let Some(rest) = stored.strip_prefix(PREFIX_V2) {
        (true, rest)
    } else if let Some(rest) = stored.strip_prefix(PREFIX_V1) {
        (false, rest)
    } else {
        return Err(VaultError::malformed(
            "unrecognised Discord Bot JLG prefix (expected dbjlg_enc_v1: or dbjlg_enc_v2:)",
        ));
    };
    let blob = Zeroizing::new(
        b64::decode_php_strict(payload)
            .ok_or_else(|| VaultError::malformed("the Discord Bot JLG payload is not valid base64"))?,
    );
    if blob.len() <= TAG {
        return Err(VaultError::malformed(format!(
            "the Discord Bot JLG payload is too short ({} bytes, at least 33 expected)",
            blob.len()
        )));
    }
    let (body, tag) = blob.split_at(blob.len() - TAG);
    if !hmac_sha256_verify(auth_salt, &[body], tag) {
        return Err(VaultError::decrypt(
            Reason::LegacyMacMismatch,
            "the Discord Bot JLG value's HMAC does not match: AUTH_SALT differs from the one that \
             encrypted it, or the value was altered",
        ));
    }
    if body.len() % BLOCK != 0 {
        return Err(VaultError::malformed(format!(
            "the Discord Bot JLG ciphertext is not whole AES blocks ({} bytes)",
            body.len()
        )));
    }
    let keys = derive(auth_key, auth_salt);
    let reading = if is_v2 { read_v2(&keys, body) } else { read_v1(&keys, body) };
    match reading {
        // The MAC does not involve AUTH_KEY, so a wrong AUTH_KEY is only seen by
        // the padding check, which random bytes pass about once in 256. Bot
        // tokens are text: bytes that are not UTF-8 mean the AUTH_KEY is wrong.
        Some(read) if is_text(&read.plaintext) => Ok(read),
        _ => Err(VaultError::decrypt(
            Reason::AuthFailed,
            "the Discord Bot JLG value's HMAC matches but it does not decrypt to text: AUTH_KEY \
             differs from the one that encrypted it",
        )),
    }
}

fn read_v1(keys: &Keys, body: &[u8]) -> Option<LegacyPlaintext> {
    aes256_cbc_decrypt(&keys.aes, &keys.fixed_iv, body)
        .map(|plaintext| LegacyPlaintext { plaintext, format: LegacyFormat::DiscordV1 })
}

fn read_v2(keys: &Keys, body: &[u8]) -> Option<LegacyPlaintext> {
    let no_iv = aes256_cbc_decrypt(&keys.aes, &keys.fixed_iv, body);
    let with_iv = if body.len() >= 2 * BLOCK {
        aes256_cbc_decrypt(&keys.aes, &body[..BLOCK], &body[BLOCK..])
    } else {
        None
    };
    match (with_iv, no_iv) {
        (Some(iv_reading), Some(no_iv_reading)) => Some(choose_v2_reading(iv_reading, no_iv_reading)),
        (Some(plaintext), None) => Some(LegacyPlaintext { plaintext, format: LegacyFormat::DiscordV2 }),
        (None, Some(plaintext)) => Some(LegacyPlaintext { plaintext, format: LegacyFormat::DiscordV2NoIv }),
        (None, None) if body.len() >= 2 * BLOCK => {
            // CT || IV, written by an unmerged branch of the plugin.
            let (ct, iv) = body.split_at(body.len() - BLOCK);
            aes256_cbc_decrypt(&keys.aes, iv, ct)
                .map(|plaintext| LegacyPlaintext { plaintext, format: LegacyFormat::DiscordV2CtIvMac })
        }
        (None, None) => None,
    }
}

/// Picks between the two readings of a `dbjlg_enc_v2:` body of two or more
/// blocks whose MAC matched. CBC makes the no-IV reading always equal to
/// `X || iv_reading`, where `X` is either the true first 16 bytes of the secret
/// (the value is no-IV) or `AES-decrypt(random IV) XOR fixed IV`, which is
/// pseudo-random (the value is IV layout). No key can tell them apart, so the
/// content decides: the no-IV reading wins only when `X` is printable text
/// that continues into the rest as valid UTF-8, and, when the rest is pure
/// ASCII, `X` is ASCII too. For a genuine IV-layout value the chance that its
/// random `X` passes is about 2e-7 (ASCII secrets) or 3e-6 (non-ASCII UTF-8).
fn choose_v2_reading(iv_reading: Zeroizing<Vec<u8>>, no_iv_reading: Zeroizing<Vec<u8>>) -> LegacyPlaintext {
    let consistent = no_iv_reading.len() == iv_reading.len() + BLOCK && no_iv_reading[BLOCK..] == iv_reading[..];
    if consistent && first_block_is_text(&no_iv_reading[..BLOCK], &iv_reading) {
        LegacyPlaintext { plaintext: no_iv_reading, format: LegacyFormat::DiscordV2NoIv }
    } else {
        LegacyPlaintext { plaintext: iv_reading, format: LegacyFormat::DiscordV2 }
    }
}

fn first_block_is_text(first: &[u8], rest: &[u8]) -> bool {
    let rest_is_ascii = rest.is_ascii();
    let printable = first.iter().all(|&b| match b {
        b'\t' | b'\n' | b'\r' => true,
        0x00..=0x1f | 0x7f => false,
        0x80..=0xff => !rest_is_ascii,
        _ => true,
    });
    if !printable {
        return false;
    }
    let mut whole = Vec::with_capacity(first.len() + rest.len());
    whole.extend_from_slice(first);
    whole.extend_from_slice(rest);
    let whole = Zeroizing::new(whole);
    match std::str::from_utf8(&whole) {
        // No C1 control characters either.
        Ok(text) => !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::legacy::{aes256_cbc_encrypt, hmac_sha256};
    use hmac::Mac;

    const KEY: &[u8] = b"test-auth-key-0123456789abcdef";
    const SALT: &[u8] = b"test-auth-salt-0123456789abcdef";

    fn b64(bytes: &[u8]) -> String {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    fn seal_v2(plaintext: &[u8], iv: [u8; 16]) -> Vec<u8> {
        let k = derive(KEY, SALT);
        let mut blob = iv.to_vec();
        blob.extend(aes256_cbc_encrypt(&k.aes, &iv, plaintext));
        let tag = hmac_sha256(SALT, &[&blob]).finalize().into_bytes();
        blob.extend_from_slice(&tag);
        format!("dbjlg_enc_v2:{}", b64(&blob)).into_bytes()
    }

    fn seal_noiv(plaintext: &[u8], prefix: &str) -> Vec<u8> {
        let k = derive(KEY, SALT);
        let mut blob = aes256_cbc_encrypt(&k.aes, &k.fixed_iv, plaintext);
        let tag = hmac_sha256(SALT, &[&blob]).finalize().into_bytes();
        blob.extend_from_slice(&tag);
        format!("{prefix}{}", b64(&blob)).into_bytes()
    }

    #[test]
    fn derived_values_match_the_vector_file_constants() {
        let k = derive(KEY, SALT);
        assert_eq!(
            crate::vault::key::hex(&*k.aes),
            "a39f50e96a8df2dd2a0544dfa0a7736beee4569023264842d5f120d11916dff3"
        );
        assert_eq!(crate::vault::key::hex(&k.fixed_iv), "851454dca5181356044770104d2943ac");
    }

    #[test]
    fn every_layout_and_length_reads_back_the_true_plaintext() {
        for len in 0..80usize {
            let text: Vec<u8> = (0..len).map(|i| b'A' + (i % 26) as u8).collect();
            let iv = [len as u8 ^ 0x5a; 16];
            let v2 = decrypt(&seal_v2(&text, iv), KEY, SALT).unwrap();
            assert_eq!(&v2.plaintext[..], &text[..], "v2 len {len}");
            let v1 = decrypt(&seal_noiv(&text, "dbjlg_enc_v1:"), KEY, SALT).unwrap();
            assert_eq!(&v1.plaintext[..], &text[..], "v1 len {len}");
            let noiv = decrypt(&seal_noiv(&text, "dbjlg_enc_v2:"), KEY, SALT).unwrap();
            assert_eq!(&noiv.plaintext[..], &text[..], "no-IV v2 len {len}");
            assert_eq!(noiv.format, LegacyFormat::DiscordV2NoIv);
        }
    }

    #[test]
    fn v2_values_with_random_ivs_keep_the_iv_reading() {
        for seed in 0..200u8 {
            let text: Vec<u8> = (0..40u8).map(|i| b' ' + (i.wrapping_mul(seed).wrapping_add(seed) % 95)).collect();
            let iv: [u8; 16] = core::array::from_fn(|i| (i as u8).wrapping_mul(31).wrapping_add(seed));
            let got = decrypt(&seal_v2(&text, iv), KEY, SALT).unwrap();
            assert_eq!(&got.plaintext[..], &text[..]);
            assert_eq!(got.format, LegacyFormat::DiscordV2);
        }
    }

    #[test]
    fn failures_have_reasons() {
        let good = seal_v2(b"token-token-token-token", [1; 16]);
        assert_eq!(decrypt(&good, KEY, b"other salt").unwrap_err().reason(), Some(Reason::LegacyMacMismatch));
        let v1 = seal_noiv(b"token", "dbjlg_enc_v1:");
        assert_eq!(decrypt(&v1, b"other key", SALT).unwrap_err().reason(), Some(Reason::AuthFailed));
        assert_eq!(decrypt(b"dbjlg_enc_v2:", KEY, SALT).unwrap_err().reason(), Some(Reason::Malformed));
        assert_eq!(decrypt(b"dbjlg_enc_v2:@@", KEY, SALT).unwrap_err().reason(), Some(Reason::Malformed));
        assert_eq!(decrypt(b"dbjlg_enc_v9:QUJD", KEY, SALT).unwrap_err().reason(), Some(Reason::Malformed));
        // A binary (non-UTF-8) plaintext is indistinguishable from a wrong AUTH_KEY.
        let binary = seal_v2(&[0xff, 0xfe, 0x00, 0x80], [3; 16]);
        assert_eq!(decrypt(&binary, KEY, SALT).unwrap_err().reason(), Some(Reason::AuthFailed));
    }
}
