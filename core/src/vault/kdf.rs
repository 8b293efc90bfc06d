//! Key derivation with keyed BLAKE2b, byte-compatible with PHP's
//! `sodium_crypto_generichash($message, $key, $length)`.
//!
//! Every derived value has its own ASCII label (domain separation), so a
//! subkey for one purpose is never usable for another.

use blake2::digest::{KeyInit, Update, FixedOutput};
use blake2::digest::consts::{U16, U32};
use blake2::Blake2bMac;
use zeroize::Zeroizing;

/// Label of the AEAD subkey.
pub const LABEL_AEAD: &[u8] = b"jlg-native/vault/v1/aead";
/// Label of the context-check subkey.
pub const LABEL_CONTEXT: &[u8] = b"jlg-native/vault/v1/context";
/// Label of the key fingerprint.
pub const LABEL_FINGERPRINT: &[u8] = b"jlg-native/vault/v1/fingerprint";
/// BLAKE2b key used to turn secret material into a vault key (`fromSecret`).
pub const FROM_SECRET_KEY: &[u8] = b"jlg-native/vault/v1/from-secret";

/// `sodium_crypto_generichash(parts..., key, 32)`.
///
/// `key` must be 1..=64 bytes (all callers pass constants or 32-byte keys).
pub fn generichash32(key: &[u8], parts: &[&[u8]]) -> Zeroizing<[u8; 32]> {
    let mut mac = Blake2bMac::<U32>::new_from_slice(key).expect("BLAKE2b keys are 1..=64 bytes");
    for part in parts {
        mac.update(part);
    }
    let mut out = Zeroizing::new([0u8; 32]);
    out.copy_from_slice(&mac.finalize_fixed());
    out
}

/// `sodium_crypto_generichash(parts..., key, 16)`.
pub fn generichash16(key: &[u8], parts: &[&[u8]]) -> [u8; 16] {
    let mut mac = Blake2bMac::<U16>::new_from_slice(key).expect("BLAKE2b keys are 1..=64 bytes");
    for part in parts {
        mac.update(part);
    }
    let mut out = [0u8; 16];
    out.copy_from_slice(&mac.finalize_fixed());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    // Values printed by PHP 8.2 / libsodium 1.0.18:
    // php -r 'echo bin2hex(sodium_crypto_generichash("abc", str_repeat("k", 32), 32));'
    #[test]
    fn matches_libsodium_generichash() {
        let key = [b'k'; 32];
        assert_eq!(
            hex(&*generichash32(&key, &[b"a", b"bc"])),
            "0a9b1f4f633832a535f3e4539d906998c3814fbcd4cc136e57e8ea742ac36b61"
        );
        assert_eq!(hex(&generichash16(&key, &[b"abc"])), "c741392fb3956d217ba181c601bfd493");
    }
}
