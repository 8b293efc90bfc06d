//! Property tests: no input makes the vault panic, round trips hold for any
//! bytes, and no mutation of an envelope opens.

use jlg_native_core::vault::legacy::{self, b64, LegacyKeys};
use jlg_native_core::vault::{self, Vault, VaultKey};
use proptest::prelude::*;

fn vault() -> Vault {
    Vault::new(
        vec![
            VaultKey::new("old", &[1; 32], "k").unwrap(),
            VaultKey::new("wp", &[2; 32], "k").unwrap(),
        ],
        "wp",
    )
    .unwrap()
}

fn legacy_keys() -> LegacyKeys {
    LegacyKeys {
        auth_key: Some(b"test-auth-key-0123456789abcdef".to_vec().into()),
        auth_salt: Some(b"test-auth-salt-0123456789abcdef".to_vec().into()),
        bjlg_key: Some(b"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=".to_vec().into()),
    }
}

/// Inputs shaped like the formats, so the fuzzing gets past the prefixes.
fn stored_value() -> impl Strategy<Value = Vec<u8>> {
    let b64ish = || proptest::string::string_regex("[A-Za-z0-9+/=_\\- \n]{0,200}").unwrap();
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        b64ish().prop_map(|s| format!("jlgv1:{s}").into_bytes()),
        b64ish().prop_map(|s| format!("dbjlg_enc_v2:{s}").into_bytes()),
        b64ish().prop_map(|s| format!("dbjlg_enc_v1:{s}").into_bytes()),
        b64ish().prop_map(|s| format!("QkpMR1Mx{s}").into_bytes()),
        b64ish().prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_input_panics(stored in stored_value(), context in proptest::collection::vec(any::<u8>(), 0..64),
                       now in any::<i64>(), max_age in any::<i64>()) {
        let v = vault();
        let _ = v.decrypt(&stored, &context);
        let _ = v.needs_rotation(&stored, max_age, now);
        let _ = v.rotate(&stored, &context, now, &[0; 24]);
        let _ = v.migrate(&stored, &legacy_keys(), &context, now, &[0; 24]);
        let _ = v.migrate(&stored, &LegacyKeys::default(), &context, now, &[0; 24]);
        let _ = vault::inspect(&stored);
        let _ = vault::is_envelope(&stored);
        let _ = legacy::decrypt(&stored, &legacy_keys());
        let _ = legacy::detect(&stored);
        let _ = b64::decode_php_strict(&stored);
    }

    #[test]
    fn any_bytes_round_trip(plaintext in proptest::collection::vec(any::<u8>(), 0..2048),
                            context in proptest::collection::vec(any::<u8>(), 0..128),
                            nonce in any::<[u8; 24]>(), now in any::<i64>()) {
        let v = vault();
        let e = v.encrypt(&plaintext, &context, now, &nonce).unwrap();
        prop_assert!(e.is_ascii());
        prop_assert_eq!(&v.decrypt(e.as_bytes(), &context).unwrap()[..], &plaintext[..]);
        prop_assert_eq!(vault::inspect(e.as_bytes()).unwrap().created_at, Some(now));
        let m = v.migrate(&plaintext, &LegacyKeys::default(), &context, now, &nonce);
        // A plaintext that happens to look like an envelope or a legacy value is refused, never mangled.
        if let Ok(m) = m {
            prop_assert_eq!(&v.decrypt(m.envelope.as_bytes(), &context).unwrap()[..], &plaintext[..]);
        }
    }

    #[test]
    fn no_mutation_opens(plaintext in proptest::collection::vec(any::<u8>(), 0..200),
                         edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
                         cut in any::<Option<prop::sample::Index>>()) {
        let v = vault();
        let e = v.encrypt(&plaintext, b"ctx", 1, &[7; 24]).unwrap().into_bytes();
        let mut t = e.clone();
        for (i, b) in &edits {
            let at = i.index(t.len());
            t[at] = *b;
        }
        if let Some(c) = cut {
            t.truncate(c.index(t.len()));
        }
        if t != e {
            prop_assert!(v.decrypt(&t, b"ctx").is_err());
        }
    }

    #[test]
    fn php_base64_decoder_agrees_with_the_standard_on_canonical_input(data in proptest::collection::vec(any::<u8>(), 0..300)) {
        use base64::Engine as _;
        let enc = base64::engine::general_purpose::STANDARD.encode(&data);
        prop_assert_eq!(b64::decode_php_strict(enc.as_bytes()), Some(data.clone()));
        let unpadded = enc.trim_end_matches('=');
        prop_assert_eq!(b64::decode_php_strict(unpadded.as_bytes()), Some(data));
    }
}
