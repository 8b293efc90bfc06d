//! The parallel scanner.
//!
//! Two phases on a rayon pool of `threads` workers:
//! 1. listing: one task per directory reads it and stats its entries;
//! 2. hashing: entries whose path, size, mtime (ns), inode and file type match
//!    the previous manifest reuse its hash; the others are opened and hashed.
//!
//! Nothing that happens to one entry stops the scan: unreadable files and
//! directories, symlink loops, dangling symlinks, special files, files that
//! vanish or change while being read become [`Issue`]s. Only a root that cannot
//! be read, the `max_files` bound, or a cancellation end it early.

use std::ffi::OsStr;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::ManifestError;
use super::exclude::Excludes;
use super::hash::{hash_bytes, hash_file, Digest32, HashAlgo, HashFailure};
use super::model::{Builder, Issue, Manifest, Meta};
use super::path::join;

/// Default bound on the number of entries a scan may meet.
pub const DEFAULT_MAX_FILES: u64 = 10_000_000;
/// Most worker threads accepted.
pub const MAX_THREADS: usize = 256;
/// Deepest directory nesting followed.
pub const MAX_DEPTH: usize = 512;

/// Scan options as PHP passes them (besides `previous` and `progress`, which
/// are objects and are handled by the binding).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScanOptions {
    /// Glob patterns relative to the root; see [`Excludes`].
    pub exclude: Vec<String>,
    /// Follow symbolic links (to files and directories). When false, a link is
    /// recorded as an entry of its own, hashed over its target path.
    pub follow_symlinks: bool,
    /// The content hash.
    pub hash: HashAlgo,
    /// Worker threads; default: the available cores.
    pub threads: Option<usize>,
    /// Bound on entries met; exceeding it is an error.
    pub max_files: Option<u64>,
}

/// Options checked and compiled.
#[derive(Debug, Clone)]
pub struct ValidScan {
    pub excludes: Excludes,
    pub follow_symlinks: bool,
    pub hash: HashAlgo,
    pub threads: usize,
    pub max_files: u64,
}

impl ScanOptions {
    /// Checks every option up front; errors name the option.
    pub fn validate(&self, default_threads: usize) -> Result<ValidScan, ManifestError> {
        let threads = match self.threads {
            None => default_threads.clamp(1, MAX_THREADS),
            Some(n) if (1..=MAX_THREADS).contains(&n) => n,
            Some(n) => {
                return Err(ManifestError::input("threads", format!("must be between 1 and {MAX_THREADS}, got {n}")))
            }
        };
        let max_files = match self.max_files {
            None => DEFAULT_MAX_FILES,
            Some(0) => return Err(ManifestError::input("max_files", "must be at least 1")),
            Some(n) => n,
        };
        Ok(ValidScan {
            excludes: Excludes::new(&self.exclude)?,
            follow_symlinks: self.follow_symlinks,
            hash: self.hash,
            threads,
            max_files,
        })
    }
}

/// Scan phases, as reported by [`ScanControl::phase`].
pub const PHASE_LISTING: u8 = 0;
pub const PHASE_HASHING: u8 = 1;
pub const PHASE_DONE: u8 = 2;

/// Counters the workers update and another thread may read at any time, and
/// the cancel switch.
#[derive(Default)]
pub struct ScanControl {
    /// Entries listed so far.
    pub listed: AtomicU64,
    /// Entries whose hash is settled (reused or computed).
    pub done: AtomicU64,
    /// Entries to settle (known once listing ends).
    pub total: AtomicU64,
    /// Hashes reused from the previous manifest.
    pub reused: AtomicU64,
    /// Content bytes read for hashing.
    pub bytes_read: AtomicU64,
    /// [`PHASE_LISTING`], [`PHASE_HASHING`] or [`PHASE_DONE`].
    pub phase: AtomicU8,
    /// Set to stop the scan; it then returns [`ManifestError::Cancelled`].
    pub cancel: AtomicBool,
    /// Called once between listing and hashing. Tests use it to change the
    /// tree in the middle of a scan (files vanishing, being replaced).
    pub after_listing: Option<Box<dyn Fn() + Send + Sync>>,
}

impl std::fmt::Debug for ScanControl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScanControl")
            .field("listed", &self.listed)
            .field("done", &self.done)
            .field("total", &self.total)
            .field("phase", &self.phase)
            .field("cancel", &self.cancel)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Link,
}

#[derive(Debug)]
struct Rec {
    path: Vec<u8>,
    meta: Meta,
    kind: Kind,
}

/// The chain of directories from the root, for symlink-loop detection.
struct Ancestor {
    dev: u64,
    ino: u64,
    parent: Option<Arc<Ancestor>>,
}

impl Ancestor {
    fn contains(self: &Arc<Self>, dev: u64, ino: u64) -> bool {
        let mut cur = Some(self);
        while let Some(a) = cur {
            if a.dev == dev && a.ino == ino {
                return true;
            }
            cur = a.parent.as_ref();
        }
        false
    }
}

pub(crate) fn meta_of(m: &Metadata) -> Meta {
    let ns = m.mtime().saturating_mul(1_000_000_000).saturating_add(m.mtime_nsec());
    Meta { size: m.len(), mtime_ns: ns, inode: m.ino(), mode: m.mode() }
}

fn kind_name(ft: &fs::FileType) -> &'static str {
    if ft.is_fifo() {
        "fifo"
    } else if ft.is_socket() {
        "socket"
    } else if ft.is_block_device() {
        "block device"
    } else if ft.is_char_device() {
        "character device"
    } else {
        "unknown type"
    }
}

fn is_loop(e: &io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

struct Walk<'a> {
    root: &'a Path,
    opts: &'a ValidScan,
    control: &'a ScanControl,
    files: Mutex<Vec<Rec>>,
    issues: Mutex<Vec<Issue>>,
    met: AtomicU64,
    overflow: AtomicBool,
}

impl Walk<'_> {
    fn issue(&self, path: Vec<u8>, reason: String) {
        if let Ok(mut v) = self.issues.lock() {
            v.push(Issue { path, reason });
        }
    }

    fn abs(&self, rel: &[u8]) -> PathBuf {
        if rel.is_empty() {
            self.root.to_path_buf()
        } else {
            self.root.join(OsStr::from_bytes(rel))
        }
    }

    fn stopped(&self) -> bool {
        self.control.cancel.load(Ordering::Relaxed) || self.overflow.load(Ordering::Relaxed)
    }

    /// Counts entries against the bound; false once it is exceeded.
    fn count(&self, n: u64) -> bool {
        let total = self.met.fetch_add(n, Ordering::Relaxed) + n;
        if total > self.opts.max_files {
            self.overflow.store(true, Ordering::Relaxed);
            return false;
        }
        true
    }

    fn dir<'s>(&'s self, scope: &rayon::Scope<'s>, rel: Vec<u8>, chain: Option<Arc<Ancestor>>, depth: usize) {
        if self.stopped() {
            return;
        }
        let abs = self.abs(&rel);
        let reader = match fs::read_dir(&abs) {
            Ok(r) => r,
            Err(e) => {
                let why = if e.kind() == io::ErrorKind::NotFound { "vanished during the scan".to_owned() } else {
                    format!("cannot read directory: {e}")
                };
                self.issue(rel, why);
                return;
            }
        };
        let mut local = Vec::new();
        for item in reader {
            if self.stopped() {
                return;
            }
            let item = match item {
                Ok(i) => i,
                Err(e) => {
                    self.issue(rel.clone(), format!("cannot read directory: {e}"));
                    break;
                }
            };
            if !self.count(1) {
                return;
            }
            let child = join(&rel, item.file_name().as_bytes());
            let ft = match item.file_type() {
                Ok(t) => t,
                Err(e) => {
                    self.issue(child, format!("cannot stat: {e}"));
                    continue;
                }
            };
            if ft.is_dir() {
                if self.opts.excludes.matches(&child, true) {
                    continue;
                }
                self.descend(scope, child, &item.path(), false, chain.as_ref(), depth);
            } else if ft.is_symlink() {
                self.symlink(scope, &mut local, child, &item.path(), chain.as_ref(), depth);
            } else if ft.is_file() {
                if self.opts.excludes.matches(&child, false) {
                    continue;
                }
                match item.metadata() {
                    Ok(m) => local.push(Rec { path: child, meta: meta_of(&m), kind: Kind::File }),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        self.issue(child, "vanished during the scan".to_owned());
                    }
                    Err(e) => self.issue(child, format!("cannot stat: {e}")),
                }
            } else {
                if self.opts.excludes.matches(&child, false) {
                    continue;
                }
                self.issue(child, format!("not a regular file ({}): skipped", kind_name(&ft)));
            }
        }
        self.control.listed.fetch_add(local.len() as u64, Ordering::Relaxed);
        if !local.is_empty() {
            if let Ok(mut files) = self.files.lock() {
                files.append(&mut local);
            }
        }
    }

    /// Queues a directory, checking depth and (when following links) loops.
    fn descend<'s>(
        &'s self,
        scope: &rayon::Scope<'s>,
        rel: Vec<u8>,
        abs: &Path,
        via_link: bool,
        chain: Option<&Arc<Ancestor>>,
        depth: usize,
    ) {
        if depth + 1 > MAX_DEPTH {
            self.issue(rel, format!("directory nested deeper than {MAX_DEPTH} levels: skipped"));
            return;
        }
        let next = if self.opts.follow_symlinks {
            let m = match fs::metadata(abs) {
                Ok(m) => m,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    self.issue(rel, "vanished during the scan".to_owned());
                    return;
                }
                Err(e) => {
                    self.issue(rel, format!("cannot stat: {e}"));
                    return;
                }
            };
            if chain.is_some_and(|c| c.contains(m.dev(), m.ino())) {
                let what = if via_link { "symlink loop: the link leads back to" } else { "directory loop: leads back to" };
                self.issue(rel, format!("{what} a directory above it; not followed"));
                return;
            }
            Some(Arc::new(Ancestor { dev: m.dev(), ino: m.ino(), parent: chain.cloned() }))
        } else {
            None
        };
        scope.spawn(move |s| self.dir(s, rel, next, depth + 1));
    }

    fn symlink<'s>(
        &'s self,
        scope: &rayon::Scope<'s>,
        local: &mut Vec<Rec>,
        rel: Vec<u8>,
        abs: &Path,
        chain: Option<&Arc<Ancestor>>,
        depth: usize,
    ) {
        if !self.opts.follow_symlinks {
            if self.opts.excludes.matches(&rel, false) {
                return;
            }
            match fs::symlink_metadata(abs) {
                Ok(m) => local.push(Rec { path: rel, meta: meta_of(&m), kind: Kind::Link }),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    self.issue(rel, "vanished during the scan".to_owned());
                }
                Err(e) => self.issue(rel, format!("cannot stat: {e}")),
            }
            return;
        }
        match fs::metadata(abs) {
            Ok(m) if m.is_dir() => {
                if !self.opts.excludes.matches(&rel, true) {
                    self.descend(scope, rel, abs, true, chain, depth);
                }
            }
            Ok(m) if m.is_file() => {
                if !self.opts.excludes.matches(&rel, false) {
                    local.push(Rec { path: rel, meta: meta_of(&m), kind: Kind::File });
                }
            }
            Ok(m) => {
                if !self.opts.excludes.matches(&rel, false) {
                    let ft = m.file_type();
                    self.issue(rel, format!("symlink to a non-regular file ({}): skipped", kind_name(&ft)));
                }
            }
            Err(e) if self.opts.excludes.matches(&rel, false) => drop(e),
            Err(e) if is_loop(&e) => self.issue(rel, "symlink loop: too many levels of symbolic links".to_owned()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let why = if fs::symlink_metadata(abs).is_ok() {
                    "dangling symlink: the target does not exist"
                } else {
                    "vanished during the scan"
                };
                self.issue(rel, why.to_owned());
            }
            Err(e) => self.issue(rel, format!("cannot follow symlink: {e}")),
        }
    }
}

thread_local! {
    /// One read buffer per worker thread, reused for every file it hashes.
    static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The result of settling one entry.
enum Settled {
    Keep(Meta, Option<Digest32>),
    Gone,
}

fn open_for_hash(abs: &Path, follow: bool) -> io::Result<File> {
    let mut flags = libc::O_NONBLOCK | libc::O_CLOEXEC;
    if !follow {
        flags |= libc::O_NOFOLLOW;
    }
    OpenOptions::new().read(true).custom_flags(flags).open(abs)
}

fn same_version(a: &Meta, b: &Meta) -> bool {
    a.size == b.size && a.mtime_ns == b.mtime_ns && a.inode == b.inode && a.file_type() == b.file_type()
}

fn settle(
    rec: &Rec,
    abs: &Path,
    opts: &ValidScan,
    previous: Option<&Manifest>,
    control: &ScanControl,
    buf: &mut Vec<u8>,
) -> (Settled, Option<String>) {
    let algo = opts.hash;
    if algo.is_none() {
        return (Settled::Keep(rec.meta, None), None);
    }
    if let Some(prev) = previous.filter(|p| p.algo() == algo) {
        if let Some(i) = prev.find(&rec.path) {
            if let (Some(pm), Some(h)) = (prev.meta(i), prev.hash(i)) {
                if same_version(pm, &rec.meta) {
                    let mut d = [0u8; 32];
                    d[..h.len()].copy_from_slice(h);
                    control.reused.fetch_add(1, Ordering::Relaxed);
                    return (Settled::Keep(rec.meta, Some(d)), None);
                }
            }
        }
    }
    if rec.kind == Kind::Link {
        return match fs::read_link(abs) {
            Ok(target) => {
                let target = target.as_os_str().as_bytes();
                (Settled::Keep(rec.meta, Some(hash_bytes(algo, target))), None)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => (Settled::Gone, Some("vanished during the scan".into())),
            Err(e) => (Settled::Keep(rec.meta, None), Some(format!("cannot read symlink: {e}"))),
        };
    }
    let mut file = match open_for_hash(abs, opts.follow_symlinks) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return (Settled::Gone, Some("vanished during the scan".into()));
        }
        Err(e) if is_loop(&e) => {
            return (Settled::Keep(rec.meta, None), Some("changed during the scan: now a symlink".into()));
        }
        Err(e) => return (Settled::Keep(rec.meta, None), Some(format!("cannot open: {e}"))),
    };
    let before = match file.metadata() {
        Ok(m) if m.is_file() => meta_of(&m),
        Ok(_) => {
            return (Settled::Keep(rec.meta, None), Some("changed during the scan: no longer a regular file".into()))
        }
        Err(e) => return (Settled::Keep(rec.meta, None), Some(format!("cannot stat: {e}"))),
    };
    match hash_file(algo, &mut file, before.size, before.mtime_secs(), buf) {
        Ok((digest, read)) => {
            control.bytes_read.fetch_add(read, Ordering::Relaxed);
            match file.metadata() {
                Ok(after) if same_version(&before, &meta_of(&after)) => (Settled::Keep(before, Some(digest)), None),
                Ok(_) => (Settled::Keep(before, None), Some("changed while being hashed".into())),
                Err(e) => (Settled::Keep(before, None), Some(format!("cannot stat: {e}"))),
            }
        }
        Err(HashFailure::Shrank) => (Settled::Keep(before, None), Some("changed while being hashed".into())),
        Err(HashFailure::Io(e)) => (Settled::Keep(before, None), Some(format!("cannot read: {e}"))),
    }
}

/// Scans `root` with options already validated. Blocks until done; `control`
/// can be watched (and the scan cancelled) from another thread.
pub fn scan(
    root: &Path,
    opts: &ValidScan,
    previous: Option<&Manifest>,
    control: &ScanControl,
) -> Result<Manifest, ManifestError> {
    let root_bytes = root.as_os_str().as_bytes();
    let meta = fs::metadata(root).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => ManifestError::input("root", format!("'{}' does not exist", super::path::display(root_bytes))),
        _ => ManifestError::io("cannot read the root", root_bytes, e),
    })?;
    if !meta.is_dir() {
        return Err(ManifestError::input("root", format!("'{}' is not a directory", super::path::display(root_bytes))));
    }
    fs::read_dir(root).map_err(|e| ManifestError::io("cannot read the root", root_bytes, e))?;

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .thread_name(|i| format!("jlg-scan-{i}"))
        .build()
        .map_err(|e| ManifestError::Store(format!("cannot start the scan threads: {e}")))?;

    pool.install(|| {
        control.phase.store(PHASE_LISTING, Ordering::Relaxed);
        let walk = Walk {
            root,
            opts,
            control,
            files: Mutex::new(Vec::new()),
            issues: Mutex::new(Vec::new()),
            met: AtomicU64::new(0),
            overflow: AtomicBool::new(false),
        };
        let chain = opts
            .follow_symlinks
            .then(|| Arc::new(Ancestor { dev: meta.dev(), ino: meta.ino(), parent: None }));
        rayon::scope(|s| walk.dir(s, Vec::new(), chain, 0));
        if walk.overflow.load(Ordering::Relaxed) {
            return Err(ManifestError::TooManyFiles { limit: opts.max_files });
        }
        if control.cancel.load(Ordering::Relaxed) {
            return Err(ManifestError::Cancelled);
        }
        let mut files = walk.files.into_inner().unwrap_or_default();
        let mut issues = walk.issues.into_inner().unwrap_or_default();
        files.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));

        if let Some(hook) = &control.after_listing {
            hook();
        }
        control.total.store(files.len() as u64, Ordering::Relaxed);
        control.phase.store(PHASE_HASHING, Ordering::Relaxed);
        let settled: Vec<(Settled, Option<String>)> = files
            .par_iter()
            .map(|rec| {
                if control.cancel.load(Ordering::Relaxed) {
                    return (Settled::Gone, None);
                }
                let mut abs = root.as_os_str().as_bytes().to_vec();
                abs.push(b'/');
                abs.extend_from_slice(&rec.path);
                let out = BUF.with(|buf| {
                    let mut buf = buf.borrow_mut();
                    settle(rec, Path::new(OsStr::from_bytes(&abs)), opts, previous, control, &mut buf)
                });
                control.done.fetch_add(1, Ordering::Relaxed);
                out
            })
            .collect();
        if control.cancel.load(Ordering::Relaxed) {
            return Err(ManifestError::Cancelled);
        }
        let avg = files.iter().map(|r| r.path.len()).sum::<usize>() / files.len().max(1);
        let mut b = Builder::new(opts.hash, true);
        b.reserve(files.len(), avg);
        for (rec, (state, issue)) in files.iter().zip(settled) {
            if let Some(reason) = issue {
                issues.push(Issue { path: rec.path.clone(), reason });
            }
            if let Settled::Keep(meta, digest) = state {
                b.push(&rec.path, Some(meta), digest.as_ref());
            }
        }
        let mut m = b.finish();
        m.set_issues(issues);
        control.phase.store(PHASE_DONE, Ordering::Relaxed);
        Ok(m)
    })
}
