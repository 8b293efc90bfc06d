//! Scans of real directory trees created in temporary folders.

use std::fs::{self, File, FileTimes};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use jlg_native_core::manifest::hash::{hash_bytes, HashAlgo};
use jlg_native_core::manifest::scan::{scan, ScanControl, ScanOptions};
use jlg_native_core::manifest::{Diff, Manifest, ManifestError};
use jlg_native_core::Classify;

fn opts(hash: HashAlgo) -> ScanOptions {
    ScanOptions { hash, threads: Some(2), ..ScanOptions::default() }
}

fn run(root: &Path, o: &ScanOptions, previous: Option<&Manifest>) -> (Manifest, ScanControl) {
    let control = ScanControl::default();
    let m = scan(root, &o.validate(2).unwrap(), previous, &control).unwrap();
    (m, control)
}

fn write(root: &Path, rel: &str, data: &[u8]) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, data).unwrap();
}

fn set_mtime(path: &Path, secs: u64, nanos: u32) {
    let t = UNIX_EPOCH + Duration::new(secs, nanos);
    File::options().write(true).open(path).unwrap().set_times(FileTimes::new().set_modified(t)).unwrap();
}

fn paths(m: &Manifest) -> Vec<String> {
    m.iter().map(|e| String::from_utf8_lossy(e.path).into_owned()).collect()
}

fn names(m: &Manifest, idx: &[u32]) -> Vec<String> {
    idx.iter().map(|&i| String::from_utf8_lossy(m.path(i as usize)).into_owned()).collect()
}

fn issue_for<'a>(m: &'a Manifest, path: &str) -> Option<&'a str> {
    m.issues().iter().find(|i| i.path == path.as_bytes()).map(|i| i.reason.as_str())
}

fn tree() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "index.php", b"<?php // root");
    write(d.path(), "wp-content/plugins/a/a.php", b"plugin a");
    write(d.path(), "wp-content/uploads/2024/img.jpg", &[7u8; 5000]);
    write(d.path(), "wp-content/uploads/2024/empty.txt", b"");
    write(d.path(), "wp-content/cache/page.html", b"cached");
    d
}

#[test]
fn paths_are_relative_sorted_with_slashes_and_hashes_match_content() {
    let d = tree();
    for algo in [HashAlgo::Xxh3, HashAlgo::Blake3, HashAlgo::Bjlg] {
        let (m, c) = run(d.path(), &opts(algo), None);
        assert_eq!(
            paths(&m),
            [
                "index.php",
                "wp-content/cache/page.html",
                "wp-content/plugins/a/a.php",
                "wp-content/uploads/2024/empty.txt",
                "wp-content/uploads/2024/img.jpg"
            ]
        );
        let i = m.find(b"wp-content/plugins/a/a.php").unwrap();
        assert_eq!(m.hash(i).unwrap(), &hash_bytes(algo, b"plugin a")[..algo.len()]);
        let meta = m.meta(i).unwrap();
        let fsmeta = fs::metadata(d.path().join("wp-content/plugins/a/a.php")).unwrap();
        assert_eq!(meta.size, 8);
        assert_eq!(meta.inode, fsmeta.ino());
        assert_eq!(meta.mtime_ns, fsmeta.mtime() * 1_000_000_000 + fsmeta.mtime_nsec());
        assert_eq!(meta.mode, fsmeta.mode());
        assert_eq!(m.total_bytes(), 13 + 8 + 5000 + 6);
        assert!(m.issues().is_empty());
        assert_eq!(c.done.load(Ordering::Relaxed), 5);
        assert_eq!(c.bytes_read.load(Ordering::Relaxed), 13 + 8 + 5000 + 6);
    }
    let (m, _) = run(d.path(), &opts(HashAlgo::None), None);
    assert_eq!(m.len(), 5);
    assert!(m.iter().all(|e| e.hash.is_none()));
}

#[test]
fn previous_hashes_are_reused_only_when_size_mtime_and_inode_match() {
    let d = tree();
    let (first, _) = run(d.path(), &opts(HashAlgo::Xxh3), None);
    let (again, c) = run(d.path(), &opts(HashAlgo::Xxh3), Some(&first));
    assert_eq!(c.reused.load(Ordering::Relaxed), 5);
    assert_eq!(c.bytes_read.load(Ordering::Relaxed), 0, "nothing is read when everything is reused");
    assert_eq!(first.iter().collect::<Vec<_>>(), again.iter().collect::<Vec<_>>());

    // Proof that reuse really trusts the metadata: same size, same mtime, same
    // inode but new bytes keep the old hash (the quick check's known blind spot).
    let p = d.path().join("index.php");
    let before = fs::metadata(&p).unwrap();
    fs::write(&p, b"<?php // ROOT").unwrap();
    set_mtime(&p, before.mtime() as u64, before.mtime_nsec() as u32);
    let (stale, _) = run(d.path(), &opts(HashAlgo::Xxh3), Some(&first));
    let i = stale.find(b"index.php").unwrap();
    assert_eq!(stale.hash(i), first.hash(i));
    let (fresh, _) = run(d.path(), &opts(HashAlgo::Xxh3), None);
    assert_ne!(fresh.hash(i), first.hash(i));

    // A previous manifest of another algorithm is not reused.
    let (_, c) = run(d.path(), &opts(HashAlgo::Blake3), Some(&first));
    assert_eq!(c.reused.load(Ordering::Relaxed), 0);
}

#[test]
fn additions_edits_touches_renames_deletions_and_new_inodes() {
    let d = tree();
    let (a, _) = run(d.path(), &opts(HashAlgo::Xxh3), None);
    let r = d.path();
    write(r, "new/added.txt", b"brand new");
    // Same size, different bytes, new mtime.
    fs::write(r.join("wp-content/plugins/a/a.php"), b"plugin b").unwrap();
    set_mtime(&r.join("wp-content/plugins/a/a.php"), 1_900_000_000, 0);
    // Touch only.
    set_mtime(&r.join("wp-content/cache/page.html"), 1_900_000_001, 5);
    // Rename.
    fs::rename(r.join("wp-content/uploads/2024/img.jpg"), r.join("wp-content/uploads/2024/moved.jpg")).unwrap();
    // Delete.
    fs::remove_file(r.join("wp-content/uploads/2024/empty.txt")).unwrap();
    // Same bytes and mtime under a new inode (a restore): copy, then rename over.
    let idx = r.join("index.php");
    let old = fs::metadata(&idx).unwrap();
    fs::copy(&idx, r.join("index.tmp")).unwrap();
    set_mtime(&r.join("index.tmp"), old.mtime() as u64, old.mtime_nsec() as u32);
    fs::rename(r.join("index.tmp"), &idx).unwrap();
    assert_ne!(fs::metadata(&idx).unwrap().ino(), old.ino());

    let (b, c) = run(r, &opts(HashAlgo::Xxh3), Some(&a));
    // Touched, renamed, new-inode, edited and new files are hashed; none is reused.
    assert_eq!(c.reused.load(Ordering::Relaxed), 0);
    let a = Arc::new(a);
    let b = Arc::new(b);
    let diff = Diff::compute(a.clone(), b.clone());
    assert_eq!(names(&b, &diff.added), ["new/added.txt"]);
    assert_eq!(diff.modified.iter().map(|p| b.display_path(p.1 as usize)).collect::<Vec<_>>(), ["wp-content/plugins/a/a.php"]);
    assert_eq!(names(&a, &diff.removed), ["wp-content/uploads/2024/empty.txt"]);
    assert_eq!(
        diff.renamed.iter().map(|p| (a.display_path(p.0 as usize), b.display_path(p.1 as usize))).collect::<Vec<_>>(),
        [("wp-content/uploads/2024/img.jpg".to_owned(), "wp-content/uploads/2024/moved.jpg".to_owned())]
    );
    // index.php (new inode, same bytes) and page.html (touched) are unchanged.
    assert_eq!(diff.unchanged, 2);
    let bytes = diff.bytes();
    assert_eq!((bytes.added, bytes.removed, bytes.modified), (9, 0, 8));
    assert_eq!(diff.deleted_paths(), [&b"wp-content/uploads/2024/empty.txt"[..], b"wp-content/uploads/2024/img.jpg"]);
}

#[test]
fn excludes_prune_directories_and_match_files() {
    let d = tree();
    let mut o = opts(HashAlgo::Xxh3);
    o.exclude = vec!["wp-content/cache".into(), "**/*.jpg".into(), "wp-content/uploads/2024/empty.txt".into()];
    let (m, _) = run(d.path(), &o, None);
    assert_eq!(paths(&m), ["index.php", "wp-content/plugins/a/a.php"]);
    o.exclude = vec!["*.php".into()];
    let (m, _) = run(d.path(), &o, None);
    assert!(m.find(b"index.php").is_none());
    assert!(m.find(b"wp-content/plugins/a/a.php").is_some(), "'*' does not cross '/'");

    o.exclude = vec!["ok/**".into(), "bad[".into()];
    let err = o.validate(2).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("exclude[1]"));
}

#[test]
fn unicode_and_non_utf8_names_are_kept_byte_exact() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "café.txt", b"1");
    write(d.path(), "日本/語.txt", b"2");
    let raw = std::ffi::OsStr::from_bytes(b"bad\xff\xfe.bin");
    fs::write(d.path().join(raw), b"3").unwrap();
    let (m, _) = run(d.path(), &opts(HashAlgo::Bjlg), None);
    let got: Vec<&[u8]> = m.iter().map(|e| e.path).collect();
    assert_eq!(got, [&b"bad\xff\xfe.bin"[..], "café.txt".as_bytes(), "日本/語.txt".as_bytes()]);
    assert!(m.issues().is_empty());
}

#[test]
fn symlinks_recorded_or_followed_and_loops_reported() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "dir/file.txt", b"content");
    symlink("file.txt", r.join("dir/link.txt")).unwrap();
    symlink("..", r.join("dir/up")).unwrap(); // loop back to the root
    symlink("missing", r.join("dangling")).unwrap();
    symlink("loop-b", r.join("loop-a")).unwrap();
    symlink("loop-a", r.join("loop-b")).unwrap();

    // Not following: every link is an entry hashed over its target text.
    let (m, _) = run(r, &opts(HashAlgo::Xxh3), None);
    assert_eq!(paths(&m), ["dangling", "dir/file.txt", "dir/link.txt", "dir/up", "loop-a", "loop-b"]);
    let i = m.find(b"dir/link.txt").unwrap();
    assert_eq!(m.hash(i).unwrap(), &hash_bytes(HashAlgo::Xxh3, b"file.txt")[..16]);
    assert_eq!(m.meta(i).unwrap().file_type(), libc::S_IFLNK);
    assert!(m.issues().is_empty());

    // Following: the file link is hashed as a file, the loops and the dangling link are issues.
    let mut o = opts(HashAlgo::Xxh3);
    o.follow_symlinks = true;
    let (m, _) = run(r, &o, None);
    assert_eq!(paths(&m), ["dir/file.txt", "dir/link.txt"]);
    assert_eq!(m.hash(1).unwrap(), &hash_bytes(HashAlgo::Xxh3, b"content")[..16]);
    assert!(issue_for(&m, "dir/up").unwrap().starts_with("symlink loop"), "{:?}", m.issues());
    assert!(issue_for(&m, "loop-a").unwrap().starts_with("symlink loop"));
    assert!(issue_for(&m, "dangling").unwrap().starts_with("dangling symlink"));
}

#[test]
fn special_files_are_skipped_without_blocking() {
    let d = tree();
    let fifo = d.path().join("wp-content/pipe");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let (m, _) = run(d.path(), &opts(HashAlgo::Xxh3), None);
    assert_eq!(m.len(), 5);
    assert_eq!(issue_for(&m, "wp-content/pipe"), Some("not a regular file (fifo): skipped"));
}

#[test]
fn files_that_vanish_or_change_between_listing_and_hashing() {
    let d = tree();
    let root = d.path().to_path_buf();
    let control = ScanControl {
        after_listing: Some(Box::new(move || {
            fs::remove_file(root.join("index.php")).unwrap();
            let p = root.join("wp-content/cache/page.html");
            fs::remove_file(&p).unwrap();
            let c = std::ffi::CString::new(p.as_os_str().as_bytes()).unwrap();
            // SAFETY: a valid NUL-terminated path.
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        })),
        ..ScanControl::default()
    };
    let m = scan(d.path(), &opts(HashAlgo::Xxh3).validate(2).unwrap(), None, &control).unwrap();
    assert!(m.find(b"index.php").is_none());
    assert_eq!(issue_for(&m, "index.php"), Some("vanished during the scan"));
    let i = m.find(b"wp-content/cache/page.html").unwrap();
    assert!(m.hash(i).is_none());
    assert_eq!(issue_for(&m, "wp-content/cache/page.html"), Some("changed during the scan: no longer a regular file"));
    assert_eq!(m.len(), 4);
}

#[test]
fn files_removed_concurrently_never_break_the_scan() {
    // A race by nature: only invariants are checked.
    let d = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        write(d.path(), &format!("d{}/f{i}.txt", i % 30), format!("{i}").as_bytes());
    }
    let root = d.path().to_path_buf();
    let remover = std::thread::spawn(move || {
        for i in (0..3000).step_by(2) {
            let _ = fs::remove_file(root.join(format!("d{}/f{i}.txt", i % 30)));
        }
    });
    let (m, _) = run(d.path(), &opts(HashAlgo::Xxh3), None);
    remover.join().unwrap();
    for e in m.iter() {
        let name = String::from_utf8_lossy(e.path);
        let n: usize = name.rsplit('f').next().unwrap().trim_end_matches(".txt").parse().unwrap();
        if let Some(h) = e.hash {
            assert_eq!(h, &hash_bytes(HashAlgo::Xxh3, format!("{n}").as_bytes())[..16], "{name}");
        }
    }
    for issue in m.issues() {
        assert!(issue.reason.contains("vanished"), "{issue:?}");
    }
    assert!(m.len() >= 1500 && m.len() <= 3000);
}

#[test]
fn max_files_is_a_bound_and_cancel_stops() {
    let d = tree();
    let mut o = opts(HashAlgo::Xxh3);
    o.max_files = Some(3);
    let err = scan(d.path(), &o.validate(2).unwrap(), None, &ScanControl::default()).unwrap_err();
    assert!(matches!(err, ManifestError::TooManyFiles { limit: 3 }), "{err}");
    assert_eq!(err.field().as_deref(), Some("max_files"));

    let control = ScanControl::default();
    control.cancel.store(true, Ordering::Relaxed);
    let err = scan(d.path(), &opts(HashAlgo::Xxh3).validate(2).unwrap(), None, &control).unwrap_err();
    assert!(matches!(err, ManifestError::Cancelled));
}

#[test]
fn bad_roots_and_options_are_input_errors() {
    let d = tree();
    let o = opts(HashAlgo::Xxh3).validate(2).unwrap();
    let err = scan(&d.path().join("nope"), &o, None, &ScanControl::default()).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("root"));
    let err = scan(&d.path().join("index.php"), &o, None, &ScanControl::default()).unwrap_err();
    assert!(err.to_string().contains("is not a directory"), "{err}");
    let mut bad = opts(HashAlgo::Xxh3);
    bad.threads = Some(0);
    assert_eq!(bad.validate(2).unwrap_err().field().as_deref(), Some("threads"));
    let parsed: Result<ScanOptions, _> = serde_json::from_str(r#"{"hash":"md4"}"#);
    assert!(parsed.is_err());
    let parsed: Result<ScanOptions, _> = serde_json::from_str(r#"{"exclued":[]}"#);
    assert!(parsed.unwrap_err().to_string().contains("unknown field"));
}

/// Permission-denied entries. chmod 000 does not stop root, so when the tests
/// run as root the scan runs in a child process of this test binary after
/// dropping privileges to `nobody` with setpriv(1).
#[test]
fn permission_denied_entries_are_recorded() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    fs::set_permissions(r, fs::Permissions::from_mode(0o755)).unwrap();
    write(r, "ok.txt", b"fine");
    write(r, "secret/inside.txt", b"hidden");
    write(r, "locked.txt", b"no");
    fs::set_permissions(r.join("secret"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(r.join("locked.txt"), fs::Permissions::from_mode(0o000)).unwrap();

    // SAFETY: geteuid has no preconditions.
    let root_user = unsafe { libc::geteuid() } == 0;
    let report = if root_user {
        let exe = std::env::current_exe().unwrap();
        let out = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&exe)
            .args(["--exact", "permission_child", "--ignored", "--nocapture", "--test-threads=1"])
            .env("JLG_PERMISSION_ROOT", r)
            .output()
            .expect("setpriv must be available to test permission errors as root");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "child failed: {stdout}\n{}", String::from_utf8_lossy(&out.stderr));
        stdout
    } else {
        permission_report(r)
    };
    fs::set_permissions(r.join("secret"), fs::Permissions::from_mode(0o755)).unwrap();
    let lines: Vec<&str> = report.lines().filter_map(|l| l.strip_prefix("REPORT ")).collect();
    assert_eq!(
        lines,
        [
            "entry locked.txt hash=no",
            "entry ok.txt hash=yes",
            "issue locked.txt cannot open: Permission denied (os error 13)",
            "issue secret cannot read directory: Permission denied (os error 13)",
        ],
        "{report}"
    );
}

fn permission_report(root: &Path) -> String {
    let (m, _) = run(root, &opts(HashAlgo::Xxh3), None);
    let mut out = String::new();
    for e in m.iter() {
        out += &format!("REPORT entry {} hash={}\n", String::from_utf8_lossy(e.path), if e.hash.is_some() { "yes" } else { "no" });
    }
    for i in m.issues() {
        out += &format!("REPORT issue {} {}\n", String::from_utf8_lossy(&i.path), i.reason);
    }
    out
}

#[test]
#[ignore = "run by permission_denied_entries_are_recorded in an unprivileged child"]
fn permission_child() {
    let root = std::env::var_os("JLG_PERMISSION_ROOT").expect("JLG_PERMISSION_ROOT");
    // SAFETY: geteuid has no preconditions.
    assert_ne!(unsafe { libc::geteuid() }, 0, "the child must not run as root");
    print!("\n{}", permission_report(Path::new(&root)));
}
