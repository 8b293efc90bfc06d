//! Parity with Backup JLG's cleanup: the recorded retention vectors
//! (shared/vectors/backup-file-hash.json, kind "retention") must be reproduced exactly.

use jlg_native_core::retention::parity::{glob_zip, policy_from_option, FolderFile};
use jlg_native_core::retention::{select, Policy};
use serde_json::Value;

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/vectors/backup-file-hash.json");

fn retention_vectors() -> Vec<Value> {
    let text = std::fs::read_to_string(VECTORS)
        .unwrap_or_else(|e| panic!("the parity vectors must be present at {VECTORS}: {e}"));
    let doc: Value = serde_json::from_str(&text).expect("vectors are JSON");
    let all = doc["vectors"].as_array().expect("a vectors list").clone();
    let retention: Vec<Value> = all.into_iter().filter(|v| v["kind"] == "retention").collect();
    assert_eq!(retention.len(), 12, "PARITY.md announces 12 retention vectors");
    retention
}

#[test]
fn every_retention_vector_is_reproduced() {
    for v in retention_vectors() {
        let id = v["id"].as_str().unwrap();
        let input = &v["input"];
        let files: Vec<FolderFile> = serde_json::from_value(input["files"].clone()).unwrap();
        let archives = glob_zip(&files);
        let settings = input.get("settings").filter(|s| !s.is_null());
        let policy = Policy::BackupJlg(policy_from_option(settings));
        let now = input["now"].as_i64().unwrap();
        let selection = select(&archives, &policy, now).unwrap_or_else(|e| panic!("{id}: {e}"));
        let mut deleted: Vec<String> =
            selection.delete.iter().map(|&i| archives[i].id.key().into_owned()).collect();
        deleted.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
        let expected: Vec<String> = serde_json::from_value(v["output"]["deleted"].clone()).unwrap();
        assert_eq!(deleted, expected, "{id}: {}", v["note"]);
        assert_eq!(deleted.len() as i64, v["output"]["return"].as_i64().unwrap(), "{id}: returned count");
        // Every considered archive is either kept or deleted, never both.
        assert_eq!(selection.keep.len() + selection.delete.len(), archives.len(), "{id}");
        let freed: i64 = selection.delete.iter().map(|&i| archives[i].size).sum();
        assert_eq!(selection.freed_bytes, freed, "{id}");
    }
}

#[test]
fn parity_does_not_depend_on_the_input_order() {
    for v in retention_vectors() {
        let input = &v["input"];
        let mut files: Vec<FolderFile> = serde_json::from_value(input["files"].clone()).unwrap();
        files.reverse();
        let mut archives = glob_zip(&files);
        archives.reverse(); // not in glob order any more: ties must still break by id bytes
        let policy = Policy::BackupJlg(policy_from_option(input.get("settings").filter(|s| !s.is_null())));
        let selection = select(&archives, &policy, input["now"].as_i64().unwrap()).unwrap();
        let mut deleted: Vec<String> =
            selection.delete.iter().map(|&i| archives[i].id.key().into_owned()).collect();
        deleted.sort();
        let mut expected: Vec<String> = serde_json::from_value(v["output"]["deleted"].clone()).unwrap();
        expected.sort();
        assert_eq!(deleted, expected, "{}", v["id"]);
    }
}

#[test]
fn the_native_safeguard_keeps_the_newest_archive_where_the_plugin_deletes_all() {
    // Backups stopped 40 days ago; by_age 30 makes Backup JLG delete every archive.
    let files: Vec<FolderFile> = (0..3)
        .map(|i| FolderFile { name: format!("b{i}.zip"), mtime: 1_700_000_000 - (40 + i) * 86_400, size: 10 })
        .collect();
    let archives = glob_zip(&files);
    let policy = Policy::BackupJlg(policy_from_option(Some(&serde_json::json!({"by_number": 0, "by_age": 30}))));
    let s = select(&archives, &policy, 1_700_000_000).unwrap();
    assert_eq!(s.keep.len(), 1);
    assert_eq!(archives[s.keep[0]].id.key(), "b0.zip");
    assert_eq!(s.reasons[s.keep[0]], "newest_safeguard");
}
