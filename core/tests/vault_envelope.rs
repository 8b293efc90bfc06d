//! The vault envelope: round trips, tampering, keys, contexts, rotation,
//! migration and byte-for-byte agreement with PHP's sodium functions.

use jlg_native_core::vault::legacy::LegacyKeys;
use jlg_native_core::vault::{self, Migration, MigrationSource, Reason, Vault, VaultError, VaultKey, NONCE_BYTES};
use jlg_native_core::{Classify, ErrorClass};

/// A deterministic stand-in for the OS RNG: xorshift64*.
struct TestRng(u64);

impl TestRng {
    fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }
    fn nonce(&mut self) -> [u8; NONCE_BYTES] {
        let mut n = [0u8; NONCE_BYTES];
        n.copy_from_slice(&self.bytes(NONCE_BYTES));
        n
    }
}

fn key(id: &str, byte: u8) -> VaultKey {
    VaultKey::new(id, &[byte; 32], &format!("keys[{id}]")).unwrap()
}

fn vault(active: &str) -> Vault {
    Vault::new(vec![key("k1", 1), key("k2", 2), key("k3", 3)], active).unwrap()
}

fn reason(err: VaultError) -> Reason {
    err.reason().unwrap_or_else(|| panic!("expected a decryption error, got {err}"))
}

const NOW: i64 = 1_700_000_000;

#[test]
fn byte_identical_to_php_sodium() {
    // Printed by wp-test-plugin/inc/vault/class-envelope.php (PHP 8.2, libsodium 1.0.18).
    let v = Vault::new(vec![VaultKey::new("wp", &[7u8; 32], "k").unwrap()], "wp").unwrap();
    let e = v.encrypt(b"hello token", b"opt:bot_token", 1_700_000_000, &[1u8; 24]).unwrap();
    assert_eq!(
        e,
        "jlgv1:AQECd3AAAAAAZVPxACNh6pD1tqWtY6xLQ1c7rlIBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEmwEMc5YXq5YH74VaEpT1eQAW9FAOAcxuP8AY"
    );
    assert_eq!(v.fingerprint(None).unwrap(), "2361ea90f5b6a5ad");
    let v = Vault::new(vec![VaultKey::new("k1", &[0xAA; 32], "k").unwrap()], "k1").unwrap();
    let e = v.encrypt(b"", b"", -5, &[2u8; 24]).unwrap();
    assert_eq!(e, "jlgv1:AQECazH_________-8Z6x-uzhEWH6OIQ5cO4ICcCAgICAgICAgICAgICAgICAgICAgICAgKsxBvTWvjDOghqytrPLIoD");
    assert_eq!(&v.decrypt(e.as_bytes(), b"").unwrap()[..], b"");
    assert_eq!(vault::inspect(e.as_bytes()).unwrap().created_at, Some(-5));
}

#[test]
fn round_trip_every_length_up_to_1024() {
    let v = vault("k2");
    let mut rng = TestRng(0x1234_5678);
    for len in 0..=1024usize {
        let plaintext = rng.bytes(len);
        let context = rng.bytes(len % 40);
        let e = v.encrypt(&plaintext, &context, NOW, &rng.nonce()).unwrap();
        assert!(e.is_ascii() && e.starts_with("jlgv1:"));
        assert!(e.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_:".contains(&b)), "option-safe characters");
        assert_eq!(&v.decrypt(e.as_bytes(), &context).unwrap()[..], &plaintext[..], "len {len}");
        assert!(vault::is_envelope(e.as_bytes()));
    }
}

#[test]
fn round_trip_random_sizes_and_nonces_differ() {
    let v = vault("k1");
    let mut rng = TestRng(99);
    for _ in 0..300 {
        let len = (rng.next_u64() % 70_000) as usize;
        let plaintext = rng.bytes(len);
        let a = v.encrypt(&plaintext, b"ctx", NOW, &rng.nonce()).unwrap();
        let b = v.encrypt(&plaintext, b"ctx", NOW, &rng.nonce()).unwrap();
        assert_ne!(a, b, "a fresh nonce gives a fresh envelope");
        assert_eq!(&v.decrypt(a.as_bytes(), b"ctx").unwrap()[..], &plaintext[..]);
        assert_eq!(&v.decrypt(b.as_bytes(), b"ctx").unwrap()[..], &plaintext[..]);
    }
}

#[test]
fn zero_length_plaintext_and_context() {
    let v = vault("k1");
    let e = v.encrypt(b"", b"", NOW, &[9; 24]).unwrap();
    assert_eq!(v.decrypt(e.as_bytes(), b"").unwrap().len(), 0);
    assert_eq!(reason(v.decrypt(e.as_bytes(), b"x").unwrap_err()), Reason::WrongContext);
}

#[test]
fn tampering_with_any_character_or_byte_is_detected() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    let v = vault("k1");
    let plaintext = b"MTAwMDAwMDAwMDAwMDAwMDAw.GFAKE0.TEST_FAKE_TOKEN_not_real_abcdefghijklm";
    let e = v.encrypt(plaintext, b"discord_server_stats_options:bot_token", NOW, &[5; 24]).unwrap();
    let ctx = b"discord_server_stats_options:bot_token";
    // Every character of the ASCII envelope, replaced by every other base64url character.
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut reasons = std::collections::BTreeMap::new();
    for i in 0..e.len() {
        for &c in alphabet.iter().chain(b"=+/ :") {
            if e.as_bytes()[i] == c {
                continue;
            }
            let mut t = e.clone().into_bytes();
            t[i] = c;
            let err = v.decrypt(&t, ctx).expect_err("a changed envelope must not open");
            *reasons.entry(reason(err).as_str()).or_insert(0) += 1;
        }
    }
    // Every byte of the decoded blob, each bit.
    let blob = URL_SAFE_NO_PAD.decode(&e["jlgv1:".len()..]).unwrap();
    for i in 0..blob.len() {
        for bit in 0..8 {
            let mut t = blob.clone();
            t[i] ^= 1 << bit;
            let s = format!("jlgv1:{}", URL_SAFE_NO_PAD.encode(&t));
            let err = v.decrypt(s.as_bytes(), ctx).expect_err("a flipped bit must not open");
            let r = reason(err);
            // Header fields name the precise failure; every other byte is "altered".
            let expected: &[Reason] = match i {
                0..=2 => &[Reason::Malformed],
                // The key id: unknown, or found by fingerprint and then not authentic.
                3..=4 => &[Reason::Malformed, Reason::UnknownKey, Reason::AuthFailed],
                13..=20 => &[Reason::UnknownKey],
                21..=28 => &[Reason::WrongContext],
                _ => &[Reason::AuthFailed],
            };
            assert!(expected.contains(&r), "byte {i} bit {bit}: {r}");
        }
    }
    assert!(reasons.contains_key("auth_failed") && reasons.contains_key("malformed"), "{reasons:?}");
}

#[test]
fn truncated_and_garbage_inputs_are_malformed() {
    let v = vault("k1");
    let e = v.encrypt(b"secret", b"", NOW, &[1; 24]).unwrap();
    for cut in 0..e.len() {
        let r = reason(v.decrypt(&e.as_bytes()[..cut], b"").unwrap_err());
        assert!(matches!(r, Reason::Malformed | Reason::AuthFailed), "cut at {cut}: {r}");
    }
    for garbage in [
        &b""[..],
        b"jlgv1:",
        b"jlgv1:!!!!",
        b"jlgv1:AQ",
        b"jlgv2:AQECd3A",
        b"JLGV1:AQECd3A",
        b"plain token",
        b"dbjlg_enc_v2:AAAA",
        &[0xff, 0xfe, 0x00],
    ] {
        assert_eq!(reason(v.decrypt(garbage, b"").unwrap_err()), Reason::Malformed, "{garbage:?}");
        assert!(!vault::is_envelope(garbage));
    }
}

#[test]
fn wrong_key_unknown_key_and_changed_key() {
    let a = vault("k1");
    let e = a.encrypt(b"secret", b"ctx", NOW, &[1; 24]).unwrap();
    // Unknown id, unknown fingerprint.
    let other = Vault::new(vec![key("zz", 9)], "zz").unwrap();
    let err = other.decrypt(e.as_bytes(), b"ctx").unwrap_err();
    assert_eq!(err.class(), ErrorClass::Decryption("unknown_key"));
    assert!(err.to_string().contains("'k1'"), "{err}");
    // Same id, different bytes (e.g. salts changed under fromSecret): the key changed.
    let changed = Vault::new(vec![key("k1", 42)], "k1").unwrap();
    let err = changed.decrypt(e.as_bytes(), b"ctx").unwrap_err();
    assert_eq!(reason(err.clone()), Reason::UnknownKey);
    assert!(err.to_string().contains("changed"), "{err}");
    // Renamed key: found by fingerprint.
    let renamed = Vault::new(vec![key("new-name", 1)], "new-name").unwrap();
    assert_eq!(&renamed.decrypt(e.as_bytes(), b"ctx").unwrap()[..], b"secret");
}

#[test]
fn wrong_context_is_told_apart_from_tampering() {
    let v = vault("k1");
    let e = v.encrypt(b"token", b"discord_server_stats_options:server_profiles.main", NOW, &[4; 24]).unwrap();
    let err = v.decrypt(e.as_bytes(), b"discord_server_stats_options:server_profiles.other").unwrap_err();
    assert_eq!(reason(err.clone()), Reason::WrongContext);
    assert!(!err.to_string().contains("server_profiles"), "the message does not quote the context");
    assert_eq!(reason(v.decrypt(e.as_bytes(), b"").unwrap_err()), Reason::WrongContext);
}

#[test]
fn messages_never_contain_plaintext_or_key_material() {
    let secret = b"SUPER-SECRET-TOKEN-VALUE";
    let v = Vault::new(vec![VaultKey::new("k1", b"KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK", "k").unwrap()], "k1").unwrap();
    let e = v.encrypt(secret, b"CONTEXT-NAME", NOW, &[1; 24]).unwrap();
    let mut errors = vec![
        v.decrypt(e.as_bytes(), b"OTHER").unwrap_err(),
        v.decrypt(&e.as_bytes()[..e.len() - 1], b"CONTEXT-NAME").unwrap_err(),
        Vault::new(vec![key("k1", 5)], "k1").unwrap().decrypt(e.as_bytes(), b"CONTEXT-NAME").unwrap_err(),
        VaultKey::new("k1", b"KKKKKKKKKKKKKKKK", "keys[k1]").unwrap_err(),
    ];
    errors.push(v.decrypt(b"SUPER-SECRET-TOKEN-VALUE", b"").unwrap_err());
    for err in errors {
        let text = err.to_string();
        assert!(!text.contains("KKKK") && !text.contains("CONTEXT-NAME"), "{text}");
        if !matches!(err.reason(), Some(Reason::Malformed)) {
            assert!(!text.contains("SUPER-SECRET"), "{text}");
        }
    }
}

#[test]
fn rotation_across_three_keys() {
    let mut rng = TestRng(7);
    let plaintext = b"bot token";
    let ctx = b"discord_server_stats_options:bot_token";
    let v1 = Vault::new(vec![key("k1", 1)], "k1").unwrap();
    let e1 = v1.encrypt(plaintext, ctx, NOW, &rng.nonce()).unwrap();
    let v2 = Vault::new(vec![key("k1", 1), key("k2", 2)], "k2").unwrap();
    assert!(v2.needs_rotation(e1.as_bytes(), 90 * 86400, NOW).unwrap());
    let e2 = v2.rotate(e1.as_bytes(), ctx, NOW + 10, &rng.nonce()).unwrap();
    assert_eq!(vault::inspect(e2.as_bytes()).unwrap().key_id.as_deref(), Some("k2"));
    assert_eq!(vault::inspect(e2.as_bytes()).unwrap().created_at, Some(NOW + 10));
    assert!(!v2.needs_rotation(e2.as_bytes(), 90 * 86400, NOW + 10).unwrap());
    let v3 = Vault::new(vec![key("k2", 2), key("k3", 3)], "k3").unwrap();
    // k1 is retired: its envelopes can no longer be read, k2's can.
    assert_eq!(reason(v3.decrypt(e1.as_bytes(), ctx).unwrap_err()), Reason::UnknownKey);
    let e3 = v3.rotate(e2.as_bytes(), ctx, NOW + 20, &rng.nonce()).unwrap();
    assert_eq!(&v3.decrypt(e3.as_bytes(), ctx).unwrap()[..], plaintext);
    assert_eq!(vault::inspect(e3.as_bytes()).unwrap().key_id.as_deref(), Some("k3"));
    // Rotation keeps the context binding.
    assert_eq!(reason(v3.decrypt(e3.as_bytes(), b"other").unwrap_err()), Reason::WrongContext);
    assert_eq!(reason(v3.rotate(e2.as_bytes(), b"other", NOW, &rng.nonce()).unwrap_err()), Reason::WrongContext);
}

#[test]
fn needs_rotation_by_age_and_key() {
    let v = vault("k1");
    let e = v.encrypt(b"x", b"", NOW, &[1; 24]).unwrap();
    assert!(!v.needs_rotation(e.as_bytes(), 100, NOW + 100).unwrap());
    assert!(v.needs_rotation(e.as_bytes(), 100, NOW + 101).unwrap());
    assert!(!v.needs_rotation(e.as_bytes(), 0, NOW).unwrap());
    assert!(!v.needs_rotation(e.as_bytes(), 0, NOW - 1000).unwrap(), "a clock behind the envelope is not age");
    assert!(v.needs_rotation(e.as_bytes(), i64::MAX, i64::MAX).unwrap() == false);
    assert!(vault("k2").needs_rotation(e.as_bytes(), i64::MAX, NOW).unwrap());
    assert!(matches!(v.needs_rotation(e.as_bytes(), -1, NOW), Err(VaultError::Input { .. })));
    assert_eq!(reason(v.needs_rotation(b"nope", 1, NOW).unwrap_err()), Reason::Malformed);
}

#[test]
fn construction_errors_name_the_field() {
    let field = |e: VaultError| e.field().unwrap();
    assert_eq!(field(Vault::new(vec![], "a").unwrap_err()), "keys");
    assert_eq!(field(Vault::new(vec![key("a", 1)], "b").unwrap_err()), "activeKeyId");
    assert_eq!(field(Vault::new(vec![key("a", 1)], "bad id").unwrap_err()), "activeKeyId");
    assert_eq!(field(Vault::new(vec![key("a", 1), key("a", 2)], "a").unwrap_err()), "keys");
    // A 32-character id may be a key passed in the wrong place: it is not echoed.
    let long = "K".repeat(32);
    let err = Vault::new(vec![key("a", 1)], &long).unwrap_err();
    assert!(!err.to_string().contains("KKKK"), "{err}");
    assert_eq!(field(VaultKey::new("a", &[1; 31], "keys[a]").unwrap_err()), "keys[a]");
    assert_eq!(field(Vault::from_secret(&[1; 31], "wp").unwrap_err()), "secret");
    let v = Vault::from_secret(&[1; 64], "wp").unwrap();
    assert_eq!(v.fingerprint(Some("wp")).unwrap(), v.fingerprint(None).unwrap());
    assert_eq!(field(v.fingerprint(Some("nope")).unwrap_err()), "keyId");
    assert_eq!(field(v.encrypt(b"", &[0; 4097], NOW, &[0; 24]).unwrap_err()), "context");
}

#[test]
fn from_secret_matches_php_sodium() {
    // php -r 'echo bin2hex(sodium_crypto_generichash(str_repeat("s", 40), "jlg-native/vault/v1/from-secret", 32));'
    let master = VaultKey::derive_master(&[b's'; 40]).unwrap();
    let hex: String = master.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, "33d63fa6e2bed1d34cbd8e32a21a86db5b65b3715a607d5bb4f46da47ebba724");
}

#[test]
fn inspect_reports_the_header_without_a_key() {
    let v = vault("k3");
    let e = v.encrypt(b"x", b"ctx", NOW, &[1; 24]).unwrap();
    let i = vault::inspect(e.as_bytes()).unwrap();
    assert_eq!(i.format, "jlg-vault");
    assert_eq!(i.version, 1);
    assert_eq!(i.key_id.as_deref(), Some("k3"));
    assert_eq!(i.created_at, Some(NOW));
    assert_eq!(i.algorithm, "xchacha20poly1305-ietf");
    assert_eq!(i.key_fingerprint, Some(v.fingerprint(None).unwrap()));
    let i = vault::inspect(b"dbjlg_enc_v2:AAAA").unwrap();
    assert_eq!((i.format.as_str(), i.version, i.key_id), ("dbjlg_enc_v2", 2, None));
    assert_eq!(vault::inspect(b"QkpMR1MxAQ==").unwrap().format, "bjlgs1");
    assert_eq!(reason(vault::inspect(b"plain").unwrap_err()), Reason::Malformed);
}

fn legacy_keys() -> LegacyKeys {
    LegacyKeys {
        auth_key: Some(b"test-auth-key-0123456789abcdef".to_vec().into()),
        auth_salt: Some(b"test-auth-salt-0123456789abcdef".to_vec().into()),
        bjlg_key: Some(b"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=".to_vec().into()),
    }
}

#[test]
fn migrate_plaintext_legacy_and_envelopes() {
    let v = vault("k2");
    let mut rng = TestRng(3);
    let ctx = b"opt";
    let m: Migration = v.migrate(b"plain token", &legacy_keys(), ctx, NOW, &rng.nonce()).unwrap();
    assert_eq!(m.source, MigrationSource::Plaintext);
    assert_eq!(&v.decrypt(m.envelope.as_bytes(), ctx).unwrap()[..], b"plain token");
    // An envelope under the active key passes through unchanged.
    let again = v.migrate(m.envelope.as_bytes(), &LegacyKeys::default(), ctx, NOW, &rng.nonce()).unwrap();
    assert_eq!(again.source, MigrationSource::Current);
    assert_eq!(again.envelope, m.envelope);
    assert!(!again.changed());
    // Under another key, it is re-sealed.
    let old = vault("k1").encrypt(b"t", ctx, NOW, &rng.nonce()).unwrap();
    let rotated = v.migrate(old.as_bytes(), &LegacyKeys::default(), ctx, NOW, &rng.nonce()).unwrap();
    assert_eq!(rotated.source, MigrationSource::Rotated);
    assert_eq!(vault::inspect(rotated.envelope.as_bytes()).unwrap().key_id.as_deref(), Some("k2"));
    // A broken envelope is an error, never wrapped as a plaintext.
    assert_eq!(reason(v.migrate(b"jlgv1:AAAA", &LegacyKeys::default(), ctx, NOW, &rng.nonce()).unwrap_err()), Reason::Malformed);
    assert_eq!(reason(v.migrate(old.as_bytes(), &LegacyKeys::default(), b"x", NOW, &rng.nonce()).unwrap_err()), Reason::WrongContext);
    // A legacy value with a wrong key is an error too.
    let mut wrong = legacy_keys();
    wrong.auth_salt = Some(b"nope".to_vec().into());
    let stored = b"dbjlg_enc_v1:DIwBZq+3a5wrWPYVHOYQOu31GQGu2kOhj/J7uQs88h4EwFPFiXREgGsthu4BzTtZ";
    // (the v1_one_byte vector of discord-token-legacy.json)
    let m = v.migrate(stored, &legacy_keys(), ctx, NOW, &rng.nonce()).unwrap();
    assert_eq!(m.source, MigrationSource::Legacy(jlg_native_core::vault::LegacyFormat::DiscordV1));
    assert_eq!(&v.decrypt(m.envelope.as_bytes(), ctx).unwrap()[..], b"x");
    assert_eq!(reason(v.migrate(stored, &wrong, ctx, NOW, &rng.nonce()).unwrap_err()), Reason::LegacyMacMismatch);
    // Missing legacy keys are an argument error naming the key.
    let err = v.migrate(stored, &LegacyKeys::default(), ctx, NOW, &rng.nonce()).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("legacy.auth_key"));
    // A string that merely looks like an unknown Discord prefix is refused, not wrapped.
    assert_eq!(reason(v.migrate(b"dbjlg_enc_v3:AAAA", &legacy_keys(), ctx, NOW, &rng.nonce()).unwrap_err()), Reason::Malformed);
}
