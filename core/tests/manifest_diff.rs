//! Diff properties (proptest) and the 2.1 JSON / native format round trips.

use std::collections::BTreeMap;
use std::sync::Arc;

use jlg_native_core::manifest::hash::{hash_bytes, HashAlgo};
use jlg_native_core::manifest::{bjlg_json, native, Builder, Diff, Manifest, Meta};
use proptest::prelude::*;

/// path -> (size, content id)
type Model = BTreeMap<Vec<u8>, (u64, u8)>;

fn build(model: &Model, algo: HashAlgo, with_meta: bool) -> Manifest {
    let mut b = Builder::new(algo, with_meta);
    for (p, (size, content)) in model {
        let meta = Meta { size: *size, mtime_ns: i64::from(*content), inode: 1, mode: libc::S_IFREG | 0o644 };
        b.push(p, Some(meta), Some(&hash_bytes(algo, &[*content, *size as u8])));
    }
    b.finish()
}

fn path_strategy() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(vec![b'a', b'b', b'/', 0xff, 0xc3, 0xa9]), 1..6)
}

fn model_strategy() -> impl Strategy<Value = Model> {
    prop::collection::btree_map(path_strategy(), (0u64..4, 0u8..4), 0..24)
}

/// Applies a diff's sets to `a`: drop removed and renamed-from, add added and
/// renamed-to, replace modified; returns path -> digest.
fn apply(a: &Manifest, b: &Manifest, d: &Diff) -> BTreeMap<Vec<u8>, Option<Vec<u8>>> {
    let mut out: BTreeMap<Vec<u8>, Option<Vec<u8>>> =
        a.iter().map(|e| (e.path.to_vec(), e.hash.map(<[u8]>::to_vec))).collect();
    for &r in &d.removed {
        assert!(out.remove(a.path(r as usize)).is_some());
    }
    for &(f, t) in &d.renamed {
        let h = out.remove(a.path(f as usize)).expect("renamed-from exists in a");
        assert_eq!(h.as_deref(), b.hash(t as usize), "a rename keeps the content");
        assert!(out.insert(b.path(t as usize).to_vec(), h).is_none());
    }
    for &n in &d.added {
        assert!(out.insert(b.path(n as usize).to_vec(), b.hash(n as usize).map(<[u8]>::to_vec)).is_none());
    }
    for &(_, t) in &d.modified {
        let slot = out.get_mut(b.path(t as usize)).expect("modified exists in a");
        *slot = b.hash(t as usize).map(<[u8]>::to_vec);
    }
    out
}

proptest! {
    #[test]
    fn diff_with_itself_is_empty(m in model_strategy(), meta in any::<bool>()) {
        let a = Arc::new(build(&m, HashAlgo::Xxh3, meta));
        let d = Diff::compute(a.clone(), a.clone());
        prop_assert!(d.is_empty());
        prop_assert_eq!(d.unchanged as usize, a.len());
    }

    #[test]
    fn applying_the_diff_reproduces_the_newer(ma in model_strategy(), mb in model_strategy(), meta in any::<bool>()) {
        let a = Arc::new(build(&ma, HashAlgo::Bjlg, meta));
        let b = Arc::new(build(&mb, HashAlgo::Bjlg, meta));
        let d = Diff::compute(a.clone(), b.clone());
        let want: BTreeMap<_, _> = b.iter().map(|e| (e.path.to_vec(), e.hash.map(<[u8]>::to_vec))).collect();
        prop_assert_eq!(apply(&a, &b, &d), want);
        let total = d.unchanged as usize + d.modified.len() + d.removed.len() + d.renamed.len();
        prop_assert_eq!(total, a.len());
        // A renamed path is neither added nor removed.
        for &(f, t) in &d.renamed {
            prop_assert!(!d.removed.contains(&f));
            prop_assert!(!d.added.contains(&t));
        }
    }

    #[test]
    fn native_format_round_trips(m in model_strategy(), meta in any::<bool>(), last in proptest::option::of(any::<i64>())) {
        let mut a = build(&m, HashAlgo::Blake3, meta);
        a.set_last_scan(last);
        let back = native::decode(&native::encode(&a)).unwrap();
        prop_assert_eq!(back, a);
    }

    #[test]
    fn native_decoder_never_panics(data in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = native::decode(&data);
        let mut framed = b"JLGMANF1".to_vec();
        framed.extend_from_slice(&data);
        let sum = xxhash_rust_free_checksum(&framed);
        framed.extend_from_slice(&sum);
        let _ = native::decode(&framed);
    }

    #[test]
    fn bjlg_json_round_trips(m in model_strategy(), last in proptest::option::of(0i64..4_000_000_000)) {
        let mut a = build(&m, HashAlgo::Bjlg, false);
        a.set_last_scan(last);
        let json = bjlg_json::write(&a, "").unwrap();
        let back = bjlg_json::read(&json).unwrap();
        prop_assert_eq!(back, a);
    }

    #[test]
    fn bjlg_json_reader_never_panics(text in "\\PC{0,200}") {
        let _ = bjlg_json::read(&text);
        let _ = bjlg_json::read(&format!("{{\"file_hashes\": {text}}}"));
    }
}

/// The trailing checksum of the native format, computed the documented way
/// (XXH3-128 of the preceding bytes, big-endian) so random bodies pass it.
fn xxhash_rust_free_checksum(data: &[u8]) -> [u8; 16] {
    let d = hash_bytes(HashAlgo::Xxh3, data);
    let mut out = [0u8; 16];
    out.copy_from_slice(&d[..16]);
    out
}

#[test]
fn a_corrupted_native_file_is_refused() {
    let mut m = Model::new();
    m.insert(b"a".to_vec(), (3, 1));
    m.insert(b"b/c".to_vec(), (5, 2));
    let bytes = native::encode(&build(&m, HashAlgo::Xxh3, true));
    for i in 0..bytes.len() {
        let mut bad = bytes.clone();
        bad[i] ^= 0x40;
        assert!(native::decode(&bad).is_err(), "flipped byte {i} went unnoticed");
    }
    assert!(native::decode(&bytes[..bytes.len() - 1]).is_err());
}

#[test]
fn json_keeps_foreign_keys_and_their_order() {
    let base = r#"{
        "version": "2.1",
        "full_backup": {"file": "full.zip", "path": "/b/full.zip", "timestamp": 1700000000, "components": ["db", "uploads"], "size": 12345, "destinations": ["s3"]},
        "incremental_backups": [{"file": "inc-1.zip", "size": 10}],
        "synthetic_full": null,
        "file_hashes": {"old.php": "d41d8cd98f00b204e9800998ecf8427e"},
        "database_checksums": {"wp_posts": "abc", "wp_options": 12},
        "last_scan": 1700000000,
        "remote_purge_queue": [{"file": "x.zip", "attempts": 2, "last_delay": 120.5}],
        "deleted_files": [],
        "custom_key": {"nested": [1, 2.5, "é", null, true]}
    }"#;
    let mut model = Model::new();
    model.insert("wp-content/é.php".as_bytes().to_vec(), (1, 1));
    model.insert(b"bad\xff".to_vec(), (1, 2));
    let mut m = build(&model, HashAlgo::Bjlg, false);
    m.set_last_scan(Some(1_800_000_000));
    let out = bjlg_json::write(&m, base).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let orig: serde_json::Value = serde_json::from_str(base).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "version", "full_backup", "incremental_backups", "synthetic_full", "file_hashes", "database_checksums",
            "last_scan", "remote_purge_queue", "deleted_files", "custom_key", "file_hashes_base64"
        ]
    );
    for k in ["full_backup", "incremental_backups", "synthetic_full", "database_checksums", "remote_purge_queue", "custom_key"] {
        assert_eq!(v[k], orig[k], "{k}");
    }
    assert_eq!(v["last_scan"], 1_800_000_000);
    assert_eq!(v["file_hashes"].as_object().unwrap().len(), 1);
    assert!(v["file_hashes"]["wp-content/é.php"].is_string());
    assert_eq!(v["file_hashes_base64"]["YmFk/w=="], serde_json::Value::String(
        jlg_native_core::manifest::hash::to_hex(&hash_bytes(HashAlgo::Bjlg, &[2, 1])[..16])));
    assert!(out.contains("\n    \"version\": \"2.1\",\n"), "PHP-style 4-space pretty print:\n{out}");
    let back = bjlg_json::read(&out).unwrap();
    assert_eq!(back.iter().collect::<Vec<_>>(), m.iter().collect::<Vec<_>>());
    assert_eq!(back.last_scan(), Some(1_800_000_000));
}

#[test]
fn json_reader_accepts_the_plugins_shapes_and_refuses_others() {
    // Empty file_hashes written by PHP as [], a lone "0" key as a list, false for unreadable files.
    let m = bjlg_json::read(r#"{"version":"2.1","file_hashes":[],"last_scan":null}"#).unwrap();
    assert!(m.is_empty());
    let m = bjlg_json::read(r#"{"file_hashes":["d41d8cd98f00b204e9800998ecf8427e"]}"#).unwrap();
    assert_eq!(m.path(0), b"0");
    let m = bjlg_json::read(r#"{"file_hashes":{"a":false,"b":"D41D8CD98F00B204E9800998ECF8427E"},"last_scan":"1700000000"}"#).unwrap();
    assert_eq!(m.hash(0), None);
    assert!(m.hash(1).is_some());
    assert_eq!(m.last_scan(), Some(1_700_000_000));
    let err = bjlg_json::read(r#"{"version":"3.0","file_hashes":{}}"#).unwrap_err();
    assert!(err.to_string().contains("unsupported manifest version"), "{err}");
    let err = bjlg_json::read(r#"{"file_hashes":{"a":"xyz"}}"#).unwrap_err();
    assert!(err.to_string().contains("file_hashes[\"a\"]: expected a 32-character hex MD5"), "{err}");
    let err = bjlg_json::read(r#"{"file_hashes":{"a":"#).unwrap_err();
    assert!(err.to_string().contains("line 1 column"), "{err}");
    assert!(bjlg_json::read("[1,2]").is_err());
    // Only bjlg digests can be written for the plugin.
    let xxh = build(&Model::new(), HashAlgo::Xxh3, true);
    assert!(bjlg_json::write(&xxh, "").unwrap_err().to_string().contains("scan with hash 'bjlg'"));
}

#[test]
fn deleted_files_json_lists_removed_and_renamed_from() {
    let mut a = Model::new();
    a.insert(b"gone.txt".to_vec(), (3, 1));
    a.insert(b"old-name.txt".to_vec(), (3, 2));
    a.insert(b"x\xff".to_vec(), (3, 3));
    let mut b = Model::new();
    b.insert(b"new-name.txt".to_vec(), (3, 2));
    let d = Diff::compute(Arc::new(build(&a, HashAlgo::Bjlg, true)), Arc::new(build(&b, HashAlgo::Bjlg, true)));
    let json = bjlg_json::deleted_files(&d, 1_750_000_000).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["generated_at"], 1_750_000_000);
    assert_eq!(v["count"], 3);
    assert_eq!(v["paths"], serde_json::json!(["gone.txt", "old-name.txt"]));
    assert_eq!(v["paths_base64"], serde_json::json!(["eP8="]));
}
