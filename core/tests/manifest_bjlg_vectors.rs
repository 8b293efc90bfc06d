//! Parity with Backup JLG's `get_file_hash`: every file-hash vector of
//! shared/vectors/backup-file-hash.json, with the files generated from the
//! vectors' byte generators and their mtimes set, hashed by a real scan.

use std::fs::{self, File, FileTimes};
use std::path::Path;
use std::time::{Duration, UNIX_EPOCH};

use jlg_native_core::manifest::hash::{hash_file, to_hex, HashAlgo};
use jlg_native_core::manifest::scan::{scan, ScanControl, ScanOptions};
use serde_json::Value;

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/vectors/backup-file-hash.json");

fn generate(generator: &str, size: u64) -> Vec<u8> {
    (0..size)
        .map(|i| match generator {
            "G1" => ((i * 31 + 7) % 256) as u8,
            "G2" => ((i * 2_654_435_761) >> 24) as u8,
            other => panic!("unknown generator {other}"),
        })
        .collect()
}

fn set_mtime(path: &Path, secs: i64) {
    let t = UNIX_EPOCH + Duration::from_secs(u64::try_from(secs).unwrap());
    File::options().write(true).open(path).unwrap().set_times(FileTimes::new().set_modified(t).set_accessed(t)).unwrap();
}

#[test]
fn every_file_hash_vector_matches() {
    let text = fs::read_to_string(VECTORS).unwrap_or_else(|e| panic!("the parity vectors are required at {VECTORS}: {e}"));
    let doc: Value = serde_json::from_str(&text).unwrap();
    let gens = doc["generators"].as_object().unwrap();
    assert!(gens.contains_key("G1") && gens.contains_key("G2"), "generators changed: {gens:?}");
    let vectors: Vec<&Value> = doc["vectors"].as_array().unwrap().iter().filter(|v| v["kind"] == "file_hash").collect();
    assert_eq!(vectors.len(), 15, "PARITY.md documents 15 file-hash vectors");

    let dir = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for v in &vectors {
        let id = v["id"].as_str().unwrap();
        let input = &v["input"];
        let size = input["size"].as_u64().unwrap();
        let mtime = input["mtime"].as_i64().unwrap();
        let data = generate(input["generator"].as_str().unwrap(), size);
        let path = dir.path().join(id);
        fs::write(&path, &data).unwrap();
        set_mtime(&path, mtime);
        let want = v["output"]["hash"].as_str().unwrap().to_owned();

        // Direct: the hashing function on the open file.
        let mut f = File::open(&path).unwrap();
        let (d, _) = hash_file(HashAlgo::Bjlg, &mut f, size, mtime, &mut Vec::new()).unwrap();
        assert_eq!(to_hex(&d[..16]), want, "{id} (size {size}, mtime {mtime})");
        expected.push((id.to_owned(), want));
    }

    // Through a scan, which reads size and mtime from the filesystem itself.
    let opts = ScanOptions { hash: HashAlgo::Bjlg, threads: Some(2), ..ScanOptions::default() }.validate(2).unwrap();
    let m = scan(dir.path(), &opts, None, &ScanControl::default()).unwrap();
    assert_eq!(m.len(), expected.len());
    assert!(m.issues().is_empty(), "{:?}", m.issues());
    for (id, want) in expected {
        let i = m.find(id.as_bytes()).unwrap();
        assert_eq!(to_hex(m.hash(i).unwrap()), want, "{id} via scan");
    }
}
