//! The scan's worker threads: each runs on a private descriptor table, and a
//! scan returns only once all of them have exited. One test in its own binary,
//! since it counts the process's threads and descriptors.

use std::fs;

use jlg_native_core::manifest::scan::scan;
use jlg_native_core::manifest::{ScanControl, ScanOptions};

fn count(dir: &str) -> usize {
    fs::read_dir(dir).unwrap().count()
}

#[test]
fn a_scan_leaves_no_thread_and_no_descriptor_behind() {
    let d = tempfile::tempdir().unwrap();
    for i in 0..2000 {
        let dir = d.path().join(format!("d{}", i % 40));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(format!("f{i}")), format!("{i}")).unwrap();
    }
    let (threads, fds) = (count("/proc/self/task"), count("/proc/self/fd"));
    for workers in [1, 4, 16] {
        let opts = ScanOptions { threads: Some(workers), ..ScanOptions::default() }.validate(1).unwrap();
        let m = scan(d.path(), &opts, None, &ScanControl::default()).unwrap();
        assert_eq!((m.len(), m.issues().len()), (2000, 0));
        // Joined threads leave the task list a moment after they wake their joiner.
        let mut left = count("/proc/self/task");
        for _ in 0..100 {
            if left == threads {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            left = count("/proc/self/task");
        }
        assert_eq!(left, threads, "{workers} workers: a thread outlived the scan");
        assert_eq!(count("/proc/self/fd"), fds, "{workers} workers: a descriptor outlived the scan");
    }
}
