//! Parity with the plugins' own legacy secrets: every vector in
//! `shared/vectors/discord-token-legacy.json` and `backup-secret-legacy.json`
//! decrypts to its true plaintext, and every negative vector fails with the
//! expected reason. The files are required: a missing file fails the test.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use jlg_native_core::vault::legacy::{self, LegacyFormat, LegacyKeys};
use jlg_native_core::vault::{Reason, VaultError};
use serde_json::Value;
use zeroize::Zeroizing;

fn load(name: &str) -> Value {
    let path = format!("{}/../../shared/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("vector file {path} is required: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn b64(v: &Value) -> Option<Vec<u8>> {
    v.as_str().map(|s| STANDARD.decode(s).expect("vector base64"))
}

fn bytes(s: &str) -> Option<Zeroizing<Vec<u8>>> {
    Some(Zeroizing::new(s.as_bytes().to_vec()))
}

/// What a vector must give.
#[derive(Debug)]
enum Expect {
    Plaintext(Vec<u8>, Option<LegacyFormat>),
    Reason(Reason),
    InputField(&'static str),
}

fn check(name: &str, stored: &[u8], keys: &LegacyKeys, expect: &Expect) {
    let got = legacy::decrypt(stored, keys);
    match (expect, got) {
        (Expect::Plaintext(want, format), Ok(read)) => {
            assert_eq!(&read.plaintext[..], &want[..], "{name}: wrong plaintext");
            if let Some(format) = format {
                assert_eq!(read.format, *format, "{name}: read as the wrong layout");
            }
        }
        (Expect::Reason(want), Err(err)) => {
            assert_eq!(err.reason(), Some(*want), "{name}: wrong reason ({err})");
        }
        (Expect::InputField(field), Err(VaultError::Input { field: got, .. })) => assert_eq!(got, *field, "{name}"),
        (expect, got) => panic!("{name}: expected {expect:?}, got {:?}", got.map(|r| r.format)),
    }
}

#[test]
fn discord_vectors() {
    let file = load("discord-token-legacy.json");
    let constants = &file["constants"];
    let vectors = file["vectors"].as_array().expect("vectors");
    assert!(vectors.len() >= 40, "expected the full vector set, got {}", vectors.len());
    let mut positives = 0;
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let consts = v.get("constants_override").filter(|o| o.is_object()).unwrap_or(constants);
        let keys = LegacyKeys {
            auth_key: bytes(consts["AUTH_KEY"].as_str().unwrap()),
            auth_salt: bytes(consts["AUTH_SALT"].as_str().unwrap()),
            bjlg_key: None,
        };
        let stored = v["stored"].as_str().unwrap().as_bytes();
        let truth = b64(&v["plaintext_b64"]);
        let layout = match v["layout"].as_str().unwrap() {
            "v2-iv" => Some(LegacyFormat::DiscordV2),
            "v1" => Some(LegacyFormat::DiscordV1),
            "v2-noiv" => Some(LegacyFormat::DiscordV2NoIv),
            "v2-ct-iv-mac" => Some(LegacyFormat::DiscordV2CtIvMac),
            _ => None,
        };
        let expect = match (name, v["plugin_error"].as_str()) {
            // The plugin cannot read this unmerged writer's layout; its MAC is valid, so we can.
            ("hist_unmerged_branch_v2_ct_iv_mac", _) => Expect::Plaintext(truth.clone().unwrap(), layout),
            // The plugin returns bytes here (its notes say both readings fail); a wrong AUTH_KEY is an error.
            ("neg_v2_wrong_auth_key", _) => Expect::Reason(Reason::AuthFailed),
            (_, Some(code)) => Expect::Reason(match code.trim_start_matches("discord_bot_jlg_decrypt_secret_") {
                "invalid_value" | "unrecognized_prefix" | "invalid_payload" => Reason::Malformed,
                "mac_mismatch" => Reason::LegacyMacMismatch,
                "failed" => Reason::AuthFailed,
                other => panic!("{name}: unknown plugin error {other}"),
            }),
            // Positive: the TRUE plaintext (not the plugin's truncated or garbage output).
            (_, None) => Expect::Plaintext(truth.clone().expect("positive vectors carry the plaintext"), layout),
        };
        if let Expect::Plaintext(..) = expect {
            positives += 1;
        }
        check(name, stored, &keys, &expect);
    }
    assert!(positives >= 20, "{positives} positive Discord vectors");
}

#[test]
fn discord_truncation_bug_is_fixed() {
    let file = load("discord-token-legacy.json");
    let c = &file["constants"];
    let keys = LegacyKeys {
        auth_key: bytes(c["AUTH_KEY"].as_str().unwrap()),
        auth_salt: bytes(c["AUTH_SALT"].as_str().unwrap()),
        bjlg_key: None,
    };
    let mut bugged = 0;
    for v in file["vectors"].as_array().unwrap() {
        let (Some(truth), Some(plugin)) = (b64(&v["plaintext_b64"]), b64(&v["plugin_decrypts_to_b64"])) else {
            continue;
        };
        if v["layout"] == "v2-noiv" && truth != plugin {
            bugged += 1;
            let read = legacy::decrypt(v["stored"].as_str().unwrap().as_bytes(), &keys).unwrap();
            assert_eq!(&read.plaintext[..], &truth[..]);
            assert_eq!(&read.plaintext[16..], &plugin[..], "the plugin drops exactly the first block");
        }
    }
    assert!(bugged >= 5, "expected the truncation-bug vectors, found {bugged}");
}

#[test]
fn backup_vectors() {
    let file = load("backup-secret-legacy.json");
    let default_key = file["constants"]["BJLG_ENCRYPTION_KEY"].as_str().unwrap().to_owned();
    let vectors = file["vectors"].as_array().expect("vectors");
    assert!(vectors.len() >= 40, "expected the full vector set, got {}", vectors.len());
    let mut positives = 0;
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let key = match v.get("constants_override").filter(|o| o.is_object()) {
            Some(o) => match (&o["BJLG_ENCRYPTION_KEY"], o.get("option bjlg_encryption_key")) {
                (Value::String(k), _) => k.clone(),
                (Value::Null, Some(Value::String(opt))) => opt.clone(),
                _ => default_key.clone(),
            },
            None => default_key.clone(),
        };
        let keys = LegacyKeys { auth_key: None, auth_salt: None, bjlg_key: bytes(&key) };
        let stored = v["stored"].as_str().unwrap().as_bytes();
        let truth = b64(&v["plaintext_b64"]);
        let plugin = b64(&v["plugin_decrypts_to_b64"]);
        let layout = match v["layout"].as_str().unwrap() {
            "bjlgs1" => Some(LegacyFormat::BackupS1),
            "legacy-iv-ct" => Some(LegacyFormat::BackupIvCt),
            "bjlgs1-rawkey" => Some(LegacyFormat::BackupS1RawKey),
            "legacy-iv-ct-rawkey" => Some(LegacyFormat::BackupIvCtRawKey),
            _ => None,
        };
        let expect = match name {
            // Written before the plugin's HKDF change: the plugin lost them, we read them.
            n if n.starts_with("hist_") => Expect::Plaintext(truth.clone().unwrap(), layout),
            // The unauthenticated layout cannot detect an IV bit flip: same output as the plugin.
            "neg_legacy_tampered_iv_byte_undetected" => Expect::Plaintext(plugin.clone().unwrap(), layout),
            // Passthrough of a plaintext is migrate()'s job; it is not a legacy value.
            "encryption_disabled_passthrough" => Expect::Reason(Reason::Malformed),
            // The plugin would silently generate a new key; we refuse the bad key.
            "key_constant_invalid_length" => Expect::InputField("legacy.bjlg_key"),
            "neg_tampered_hmac_byte"
            | "neg_tampered_hmac_last_byte"
            | "neg_tampered_iv_byte"
            | "neg_tampered_ciphertext_last_byte"
            | "neg_truncated_last_4_b64_chars"
            | "neg_header_only_55_bytes"
            | "neg_wrong_key" => Expect::Reason(Reason::LegacyMacMismatch),
            "neg_version_byte_2"
            | "neg_magic_changed_BJLGS2"
            | "neg_truncated_blob_54_bytes"
            | "neg_not_base64"
            | "neg_empty_string"
            | "neg_legacy_truncated_not_block_multiple"
            | "neg_legacy_16_bytes_only" => Expect::Reason(Reason::Malformed),
            "neg_legacy_tampered_last_byte" | "neg_legacy_wrong_key" => Expect::Reason(Reason::AuthFailed),
            n if n.starts_with("neg_") => panic!("{n}: negative vector without an expectation"),
            _ => {
                assert!(v["plugin_error"].is_null(), "{name}: unexpected plugin error");
                let truth = truth.clone().unwrap_or_default();
                assert_eq!(plugin.clone().unwrap_or_default(), truth, "{name}: plugin output is the truth here");
                Expect::Plaintext(truth, layout)
            }
        };
        if let Expect::Plaintext(..) = expect {
            positives += 1;
        }
        check(name, stored, &keys, &expect);
    }
    assert!(positives >= 20, "{positives} positive Backup vectors");
}

#[test]
fn legacy_values_are_detected_by_prefix_or_magic() {
    for (value, expected) in [
        (&b"dbjlg_enc_v1:AAAA"[..], Some(legacy::LegacyKind::DiscordV1)),
        (b"dbjlg_enc_v2:AAAA", Some(legacy::LegacyKind::DiscordV2)),
        (b"dbjlg_enc_v3:AAAA", Some(legacy::LegacyKind::DiscordUnknown)),
        (b"QkpMR1MxAQEVs7Yf", Some(legacy::LegacyKind::BackupS1)),
        (b"MTAwMDAwMDAwMDAw.GFAKE0.TEST", None),
        (b"", None),
    ] {
        assert_eq!(legacy::detect(value), expected, "{}", String::from_utf8_lossy(value));
    }
}
