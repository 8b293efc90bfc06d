//! Backup manifests: which files a tree holds, what changed since last time.
//!
//! - [`scan`]: a parallel scan that reuses the previous hash of every file whose
//!   path, size, mtime (ns), inode and type are unchanged (restic/borg's rule),
//!   and records unreadable entries instead of failing;
//! - [`diff`]: added, modified, removed and renamed paths between two manifests;
//! - [`bjlg_json`]: Backup JLG's `.incremental-manifest.json` 2.1 and `deleted-files.json`;
//! - [`native`]: a compact checksummed file format with atomic saves;
//! - [`store`]: snapshots in SQLite.

pub mod bjlg_json;
pub mod diff;
pub mod error;
pub mod exclude;
pub mod hash;
pub mod model;
pub mod native;
pub mod path;
pub mod scan;
pub mod store;

pub use diff::{Diff, DiffBytes};
pub use error::ManifestError;
pub use hash::HashAlgo;
pub use model::{Builder, EntryRef, Issue, Manifest, Meta};
pub use scan::{ScanControl, ScanOptions, ValidScan};
pub use store::{SnapshotInfo, Store};
