//! The parallel scanner.
//!
//! Two phases on a rayon pool of `threads` workers:
//! 1. listing: one task per directory reads it, stats its entries when the
//!    metadata is needed before opening, and sorts them;
//! 2. hashing: entries whose path, size, mtime (ns), inode and file type match
//!    the previous manifest reuse its hash; the others are opened and hashed.
//!
//! The sorted directories are then walked into one manifest in path order.
//!
//! Nothing that happens to one entry stops the scan: unreadable files and
//! directories, symlink loops, dangling symlinks, special files, files that
//! vanish or change while being read become [`Issue`]s. Only a root that cannot
//! be read, the `max_files` bound, or a cancellation end it early.

use std::ffi::{CStr, OsStr};
use std::fs::{self, File, Metadata};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::ManifestError;
use super::exclude::Excludes;
use super::hash::{hash_bytes, hash_file, Digest32, HashAlgo, HashFailure, SMALL_FILE};
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
    /// What the listing's stat said; `None` when the listing did not stat the
    /// file (a first scan learns the metadata from the open file instead).
    meta: Option<Meta>,
    kind: Kind,
    /// Once settled: false when the file is to be left out (it vanished).
    keep: bool,
    /// Once settled: the content hash, when there is one.
    digest: Option<Digest32>,
}

impl Rec {
    fn new(path: Vec<u8>, meta: Option<Meta>, kind: Kind) -> Self {
        Self { path, meta, kind, keep: false, digest: None }
    }
}

/// An entry of a listed directory: a file, or a subdirectory queued for
/// listing (by its slot in [`Walk::listed`] and its path followed by `/`,
/// which is where its entries sort among its siblings).
enum Child {
    File(Rec),
    Dir { slot: usize, key: Vec<u8> },
}

impl Child {
    fn dir(slot: usize, rel: &[u8]) -> Self {
        let mut key = Vec::with_capacity(rel.len() + 1);
        key.extend_from_slice(rel);
        key.push(b'/');
        Child::Dir { slot, key }
    }

    fn key(&self) -> &[u8] {
        match self {
            Child::File(rec) => &rec.path,
            Child::Dir { key, .. } => key,
        }
    }
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

/// Why a listed entry could not be stat'ed: gone since it was listed, or the error.
fn stat_failure(e: &io::Error) -> String {
    if e.kind() == io::ErrorKind::NotFound {
        "vanished during the scan".to_owned()
    } else {
        format!("cannot stat: {e}")
    }
}

/// The type of a directory entry, from `d_type` or a stat.
#[derive(Debug, Clone, Copy)]
enum EntryType {
    Dir,
    Link,
    File,
    Other(&'static str),
}

fn entry_type(mode: u32) -> EntryType {
    match mode & libc::S_IFMT {
        libc::S_IFDIR => EntryType::Dir,
        libc::S_IFLNK => EntryType::Link,
        libc::S_IFREG => EntryType::File,
        libc::S_IFIFO => EntryType::Other("fifo"),
        libc::S_IFSOCK => EntryType::Other("socket"),
        libc::S_IFBLK => EntryType::Other("block device"),
        libc::S_IFCHR => EntryType::Other("character device"),
        _ => EntryType::Other("unknown type"),
    }
}

/// A relative path (bytes) as a C string; `.` for the empty path.
fn c_path(rel: &[u8], out: &mut Vec<u8>) -> io::Result<()> {
    out.clear();
    out.extend_from_slice(if rel.is_empty() { b"." } else { rel });
    if out.contains(&0) {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    out.push(0);
    Ok(())
}

/// `fstatat` of a name in an open directory, without following a final link.
fn stat_at(dir: RawFd, name: &CStr, follow: bool) -> io::Result<Meta> {
    let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    // SAFETY: `name` is NUL-terminated and `st` is a valid out pointer.
    if unsafe { libc::fstatat(dir, name.as_ptr(), st.as_mut_ptr(), flags) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: fstatat returned 0, so it filled `st`.
    Ok(meta_of_stat(&unsafe { st.assume_init() }))
}

/// `fstat` of an open file (cheaper than `statx` with an empty path, which
/// copies and looks up the path string).
fn fstat_meta(file: &File) -> io::Result<Meta> {
    let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
    // SAFETY: `file` is open and `st` is a valid out pointer.
    if unsafe { libc::fstat(file.as_raw_fd(), st.as_mut_ptr()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: fstat returned 0, so it filled `st`.
    Ok(meta_of_stat(&unsafe { st.assume_init() }))
}

fn meta_of_stat(st: &libc::stat) -> Meta {
    let ns = st.st_mtime.saturating_mul(1_000_000_000).saturating_add(st.st_mtime_nsec);
    Meta { size: st.st_size as u64, mtime_ns: ns, inode: st.st_ino, mode: st.st_mode }
}

/// Opens a directory below the root (the empty path is the root itself).
fn open_dir_at(root: RawFd, rel: &[u8], path_only: bool) -> io::Result<OwnedFd> {
    let mut buf = Vec::with_capacity(rel.len() + 2);
    c_path(rel, &mut buf)?;
    let mut flags = libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC;
    if path_only {
        flags |= libc::O_PATH;
    }
    // SAFETY: `buf` is NUL-terminated.
    let fd = unsafe { libc::openat(root, buf.as_ptr().cast(), flags) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `fd` was just opened and is owned by nobody else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// `readdir` over a directory opened relative to the root. The current name
/// is copied into a buffer reused for every entry.
struct DirReader {
    dir: *mut libc::DIR,
    /// The current entry's name, NUL-terminated.
    name: Vec<u8>,
}

impl DirReader {
    fn open(root: RawFd, rel: &[u8]) -> io::Result<Self> {
        let fd = open_dir_at(root, rel, false)?;
        // SAFETY: `fd` is an open directory; fdopendir takes ownership on success.
        let dir = unsafe { libc::fdopendir(fd.as_raw_fd()) };
        if dir.is_null() {
            return Err(io::Error::last_os_error());
        }
        std::mem::forget(fd);
        Ok(Self { dir, name: Vec::with_capacity(256) })
    }

    /// Moves to the next entry other than `.` and `..`; returns its `d_type`.
    fn next(&mut self) -> Option<io::Result<u8>> {
        loop {
            // SAFETY: resetting errno distinguishes the end of the stream from an error.
            unsafe { *libc::__errno_location() = 0 };
            // SAFETY: `self.dir` is an open stream used by one thread at a time.
            let ent = unsafe { libc::readdir64(self.dir) };
            if ent.is_null() {
                let e = io::Error::last_os_error();
                return if e.raw_os_error() == Some(0) { None } else { Some(Err(e)) };
            }
            // SAFETY: readdir returned a valid entry, read before the next call.
            let (name, dtype) = unsafe { (CStr::from_ptr((*ent).d_name.as_ptr()), (*ent).d_type) };
            let b = name.to_bytes_with_nul();
            if b == b".\0" || b == b"..\0" {
                continue;
            }
            self.name.clear();
            self.name.extend_from_slice(b);
            return Some(Ok(dtype));
        }
    }

    /// The current entry's name.
    fn name(&self) -> &[u8] {
        &self.name[..self.name.len().saturating_sub(1)]
    }

    /// `lstat` of the current entry.
    fn stat(&self) -> io::Result<Meta> {
        let name = CStr::from_bytes_with_nul(&self.name).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
        // SAFETY: `self.dir` is an open stream.
        stat_at(unsafe { libc::dirfd(self.dir) }, name, false)
    }
}

// SAFETY: a `DIR` stream may move between threads; it is never shared.
unsafe impl Send for DirReader {}

impl Drop for DirReader {
    fn drop(&mut self) {
        // SAFETY: `self.dir` is open and closed only here.
        unsafe { libc::closedir(self.dir) };
    }
}

struct Walk<'a> {
    root: &'a Path,
    /// The root directory, opened once: every directory is opened relative to it.
    root_fd: RawFd,
    /// Stat regular files while listing: only when the metadata decides
    /// something before the file is opened (reuse of a previous hash, or no hash).
    stat_files: bool,
    opts: &'a ValidScan,
    control: &'a ScanControl,
    /// One slot per directory queued, filled with its sorted entries once
    /// listed: sorting each directory on its own (in parallel) and stitching
    /// the lists together costs less than sorting all paths at the end.
    listed: Mutex<Vec<Vec<Child>>>,
    files: AtomicU64,
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

    /// Reserves the slot a directory's entries will be stored in.
    fn slot(&self) -> Option<usize> {
        let mut listed = self.listed.lock().ok()?;
        listed.push(Vec::new());
        Some(listed.len() - 1)
    }

    /// Lists the directory `rel` into `slot`.
    fn dir<'s>(
        &'s self,
        scope: &rayon::Scope<'s>,
        slot: usize,
        rel: Vec<u8>,
        chain: Option<Arc<Ancestor>>,
        depth: usize,
    ) {
        if self.stopped() {
            return;
        }
        let mut reader = match DirReader::open(self.root_fd, &rel) {
            Ok(r) => r,
            Err(e) => {
                let why = if e.kind() == io::ErrorKind::NotFound {
                    "vanished during the scan".to_owned()
                } else {
                    format!("cannot read directory: {e}")
                };
                self.issue(rel, why);
                return;
            }
        };
        let mut local = Vec::new();
        loop {
            if self.stopped() {
                return;
            }
            let dtype = match reader.next() {
                None => break,
                Some(Ok(t)) => t,
                Some(Err(e)) => {
                    self.issue(rel.clone(), format!("cannot read directory: {e}"));
                    break;
                }
            };
            if !self.count(1) {
                return;
            }
            let child = join(&rel, reader.name());
            // The type from the directory entry; a stat only when the
            // filesystem does not say, or when the metadata is needed now.
            let mut stat = None;
            let kind = match dtype {
                libc::DT_DIR => EntryType::Dir,
                libc::DT_LNK => EntryType::Link,
                libc::DT_REG => EntryType::File,
                libc::DT_FIFO => EntryType::Other("fifo"),
                libc::DT_SOCK => EntryType::Other("socket"),
                libc::DT_BLK => EntryType::Other("block device"),
                libc::DT_CHR => EntryType::Other("character device"),
                _ => match reader.stat() {
                    Ok(m) => {
                        let t = entry_type(m.mode);
                        stat = Some(m);
                        t
                    }
                    Err(e) => {
                        self.issue(child, format!("cannot stat: {e}"));
                        continue;
                    }
                },
            };
            match kind {
                EntryType::Dir => {
                    if self.opts.excludes.matches(&child, true) {
                        continue;
                    }
                    self.descend(scope, &mut local, child, false, chain.as_ref(), depth);
                }
                EntryType::Link => self.symlink(scope, &mut local, child, chain.as_ref(), depth),
                EntryType::File => {
                    if self.opts.excludes.matches(&child, false) {
                        continue;
                    }
                    if stat.is_none() && self.stat_files {
                        match reader.stat() {
                            Ok(m) => stat = Some(m),
                            Err(e) => {
                                self.issue(child, stat_failure(&e));
                                continue;
                            }
                        }
                    }
                    local.push(Child::File(Rec::new(child, stat, Kind::File)));
                }
                EntryType::Other(what) => {
                    if self.opts.excludes.matches(&child, false) {
                        continue;
                    }
                    self.issue(child, format!("not a regular file ({what}): skipped"));
                }
            }
        }
        let files = local.iter().filter(|c| matches!(c, Child::File(_))).count() as u64;
        self.files.fetch_add(files, Ordering::Relaxed);
        self.control.listed.fetch_add(files, Ordering::Relaxed);
        sort_children(&mut local);
        if let Ok(mut listed) = self.listed.lock() {
            listed[slot] = local;
        }
    }

    /// Queues a directory, checking depth and (when following links) loops.
    fn descend<'s>(
        &'s self,
        scope: &rayon::Scope<'s>,
        local: &mut Vec<Child>,
        rel: Vec<u8>,
        via_link: bool,
        chain: Option<&Arc<Ancestor>>,
        depth: usize,
    ) {
        if depth + 1 > MAX_DEPTH {
            self.issue(rel, format!("directory nested deeper than {MAX_DEPTH} levels: skipped"));
            return;
        }
        let next = if self.opts.follow_symlinks {
            let m = match fs::metadata(self.abs(&rel)) {
                Ok(m) => m,
                Err(e) => {
                    self.issue(rel, stat_failure(&e));
                    return;
                }
            };
            if chain.is_some_and(|c| c.contains(m.dev(), m.ino())) {
                let what =
                    if via_link { "symlink loop: the link leads back to" } else { "directory loop: leads back to" };
                self.issue(rel, format!("{what} a directory above it; not followed"));
                return;
            }
            Some(Arc::new(Ancestor { dev: m.dev(), ino: m.ino(), parent: chain.cloned() }))
        } else {
            None
        };
        let Some(slot) = self.slot() else { return };
        local.push(Child::dir(slot, &rel));
        scope.spawn(move |s| self.dir(s, slot, rel, next, depth + 1));
    }

    fn symlink<'s>(
        &'s self,
        scope: &rayon::Scope<'s>,
        local: &mut Vec<Child>,
        rel: Vec<u8>,
        chain: Option<&Arc<Ancestor>>,
        depth: usize,
    ) {
        let abs = &self.abs(&rel);
        if !self.opts.follow_symlinks {
            if self.opts.excludes.matches(&rel, false) {
                return;
            }
            match fs::symlink_metadata(abs) {
                Ok(m) => local.push(Child::File(Rec::new(rel, Some(meta_of(&m)), Kind::Link))),
                Err(e) => self.issue(rel, stat_failure(&e)),
            }
            return;
        }
        match fs::metadata(abs) {
            Ok(m) if m.is_dir() => {
                if !self.opts.excludes.matches(&rel, true) {
                    self.descend(scope, local, rel, true, chain, depth);
                }
            }
            Ok(m) if m.is_file() => {
                if !self.opts.excludes.matches(&rel, false) {
                    local.push(Child::File(Rec::new(rel, Some(meta_of(&m)), Kind::File)));
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
#[derive(Debug)]
enum Settled {
    Keep(Meta, Option<Digest32>),
    Gone,
}

/// Counters a worker adds up over a run of files and publishes once.
#[derive(Default)]
struct Tally {
    reused: u64,
    bytes_read: u64,
}

/// The directory of the files being settled: opened (`O_PATH`, relative to
/// the root) once for each run of consecutive files that share it.
struct DirSlot {
    root: RawFd,
    rel: Vec<u8>,
    fd: Option<io::Result<OwnedFd>>,
}

impl DirSlot {
    fn new(root: RawFd) -> Self {
        Self { root, rel: Vec::new(), fd: None }
    }

    fn get(&mut self, rel: &[u8]) -> Result<RawFd, &io::Error> {
        if rel.is_empty() {
            return Ok(self.root);
        }
        if self.fd.is_none() || self.rel != rel {
            self.rel.clear();
            self.rel.extend_from_slice(rel);
            self.fd = Some(open_dir_at(self.root, rel, true));
        }
        match self.fd.as_ref() {
            Some(Ok(fd)) => Ok(fd.as_raw_fd()),
            Some(Err(e)) => Err(e),
            None => Ok(self.root),
        }
    }
}

/// Splits a relative path into its directory (empty for the root) and name.
fn split_parent(path: &[u8]) -> (&[u8], &[u8]) {
    match path.iter().rposition(|&b| b == b'/') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => (&[], path),
    }
}

fn same_version(a: &Meta, b: &Meta) -> bool {
    a.size == b.size && a.mtime_ns == b.mtime_ns && a.inode == b.inode && a.file_type() == b.file_type()
}

/// Where a file to settle is: its directory (or why it could not be opened),
/// its name there, and its path from the root for the rare paths that need it.
struct Place<'a> {
    dir: Result<RawFd, &'a io::Error>,
    name: &'a CStr,
    root: &'a Path,
}

impl Place<'_> {
    fn abs(&self, rel: &[u8]) -> PathBuf {
        self.root.join(OsStr::from_bytes(rel))
    }
}

/// The metadata kept for an entry that could not be hashed: the listing's,
/// or (when the listing did not stat it) a stat now.
fn kept(rec: &Rec, place: &Place<'_>, follow: bool, reason: String) -> (Settled, Option<String>) {
    if let Some(m) = rec.meta {
        return (Settled::Keep(m, None), Some(reason));
    }
    let abs = place.abs(&rec.path);
    let m = if follow { fs::metadata(&abs) } else { fs::symlink_metadata(&abs) };
    match m {
        Ok(m) => (Settled::Keep(meta_of(&m), None), Some(reason)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => (Settled::Gone, Some("vanished during the scan".into())),
        Err(_) => (Settled::Gone, Some(reason)),
    }
}

#[allow(clippy::too_many_arguments)]
fn settle(
    rec: &Rec,
    place: &Place<'_>,
    opts: &ValidScan,
    previous: Option<&Manifest>,
    hint: &mut usize,
    tally: &mut Tally,
    buf: &mut Vec<u8>,
) -> (Settled, Option<String>) {
    let algo = opts.hash;
    let follow = opts.follow_symlinks;
    if algo.is_none() {
        if let Some(m) = rec.meta {
            return (Settled::Keep(m, None), None);
        }
    }
    if let (Some(prev), Some(meta)) = (previous, rec.meta.as_ref()) {
        // Files come in path order, like the previous manifest's entries:
        // try the entry after the last one found before searching.
        let i = if *hint < prev.len() && prev.path(*hint) == rec.path.as_slice() {
            Some(*hint)
        } else {
            prev.find(&rec.path)
        };
        if let Some(i) = i {
            *hint = i + 1;
            if let (Some(pm), Some(h)) = (prev.meta(i), prev.hash(i)) {
                if same_version(pm, meta) {
                    let mut d = [0u8; 32];
                    d[..h.len()].copy_from_slice(h);
                    tally.reused += 1;
                    return (Settled::Keep(*meta, Some(d)), None);
                }
            }
        }
    }
    if rec.kind == Kind::Link {
        let meta = rec.meta.unwrap_or_default();
        return match fs::read_link(place.abs(&rec.path)) {
            Ok(target) => {
                let target = target.as_os_str().as_bytes();
                (Settled::Keep(meta, Some(hash_bytes(algo, target))), None)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => (Settled::Gone, Some("vanished during the scan".into())),
            Err(e) => (Settled::Keep(meta, None), Some(format!("cannot read symlink: {e}"))),
        };
    }
    let opened = match place.dir {
        Ok(dir) => {
            let mut flags = libc::O_RDONLY | libc::O_NONBLOCK | libc::O_CLOEXEC;
            if !follow {
                flags |= libc::O_NOFOLLOW;
            }
            // SAFETY: `name` is NUL-terminated.
            let fd = unsafe { libc::openat(dir, place.name.as_ptr(), flags) };
            if fd < 0 {
                Err(io::Error::last_os_error())
            } else {
                // SAFETY: `fd` was just opened and is owned by nobody else.
                Ok(unsafe { File::from_raw_fd(fd) })
            }
        }
        Err(e) => {
            Err(e.raw_os_error().map_or_else(|| io::Error::new(e.kind(), e.to_string()), io::Error::from_raw_os_error))
        }
    };
    let mut file = match opened {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return (Settled::Gone, Some("vanished during the scan".into()));
        }
        Err(e) if is_loop(&e) => return kept(rec, place, follow, "changed during the scan: now a symlink".into()),
        Err(e) => return kept(rec, place, follow, format!("cannot open: {e}")),
    };
    let before = match fstat_meta(&file) {
        Ok(m) if m.file_type() == libc::S_IFREG => m,
        Ok(m) => {
            let meta = rec.meta.unwrap_or(m);
            return (Settled::Keep(meta, None), Some("changed during the scan: no longer a regular file".into()));
        }
        Err(e) => return kept(rec, place, follow, format!("cannot stat: {e}")),
    };
    match hash_file(algo, &mut file, before.size, before.mtime_secs(), buf) {
        // A small file was read in one go and its length checked by
        // hash_file. An in-place edit of the same size racing that read is
        // left to the next scan: the entry keeps the mtime measured before
        // reading, and the edit moves it.
        Ok((digest, read)) if before.size < SMALL_FILE => {
            tally.bytes_read += read;
            (Settled::Keep(before, Some(digest)), None)
        }
        Ok((digest, read)) => {
            tally.bytes_read += read;
            match fstat_meta(&file) {
                Ok(after) if same_version(&before, &after) => (Settled::Keep(before, Some(digest)), None),
                Ok(_) => (Settled::Keep(before, None), Some("changed while being hashed".into())),
                Err(e) => (Settled::Keep(before, None), Some(format!("cannot stat: {e}"))),
            }
        }
        Err(HashFailure::SizeChanged) => (Settled::Keep(before, None), Some("changed while being hashed".into())),
        Err(HashFailure::Io(e)) => (Settled::Keep(before, None), Some(format!("cannot read: {e}"))),
    }
}

/// Puts a directory's entries in the order their paths sort.
fn sort_children(children: &mut [Child]) {
    children.sort_unstable_by(|a, b| a.key().cmp(b.key()));
}

/// Visits the files of every listed directory in path order: slot 0 is the
/// root, and a subdirectory's files come where its [`Child::Dir`] sorts among
/// its siblings.
fn in_path_order(listed: &mut [Vec<Child>], mut visit: impl FnMut(&mut Rec)) {
    // (slot, next child) for each directory being walked, innermost last.
    let mut stack = vec![(0usize, 0usize)];
    while let Some(top) = stack.last_mut() {
        let (slot, i) = *top;
        top.1 += 1;
        match listed.get_mut(slot).and_then(|children| children.get_mut(i)) {
            Some(Child::File(rec)) => visit(rec),
            Some(Child::Dir { slot, .. }) => {
                let slot = *slot;
                stack.push((slot, 0));
            }
            None => drop(stack.pop()),
        }
    }
}

/// What settling a run of files needs, shared by every task.
struct Settler<'a> {
    root: &'a Path,
    root_fd: RawFd,
    opts: &'a ValidScan,
    previous: Option<&'a Manifest>,
    control: &'a ScanControl,
    issues: &'a Mutex<Vec<Issue>>,
}

impl Settler<'_> {
    /// Settles a run of one directory's entries (subdirectories are skipped).
    fn settle_run(&self, run: &mut [Child]) {
        let mut dir = DirSlot::new(self.root_fd);
        let mut found = Vec::new();
        let mut name = Vec::with_capacity(256);
        let mut hint = 0usize;
        let mut tally = Tally::default();
        let mut files = 0u64;
        BUF.with(|buf| {
            let mut buf = buf.borrow_mut();
            for child in run.iter_mut() {
                let Child::File(rec) = child else { continue };
                if self.control.cancel.load(Ordering::Relaxed) {
                    return;
                }
                files += 1;
                let (parent, leaf) = split_parent(&rec.path);
                name.clear();
                name.extend_from_slice(leaf);
                name.push(0);
                let (state, issue) = match CStr::from_bytes_with_nul(&name) {
                    Ok(leaf) => {
                        let place = Place { dir: dir.get(parent), name: leaf, root: self.root };
                        settle(rec, &place, self.opts, self.previous, &mut hint, &mut tally, &mut buf)
                    }
                    Err(_) => (Settled::Gone, Some("cannot open: the name holds a NUL byte".into())),
                };
                if let Settled::Keep(meta, digest) = state {
                    rec.meta = Some(meta);
                    rec.digest = digest;
                    rec.keep = true;
                }
                if let Some(reason) = issue {
                    found.push(Issue { path: rec.path.clone(), reason });
                }
            }
        });
        self.control.reused.fetch_add(tally.reused, Ordering::Relaxed);
        self.control.bytes_read.fetch_add(tally.bytes_read, Ordering::Relaxed);
        self.control.done.fetch_add(files, Ordering::Relaxed);
        if !found.is_empty() {
            if let Ok(mut issues) = self.issues.lock() {
                issues.append(&mut found);
            }
        }
    }
}

/// The settled files that are kept, as a manifest (already in path order).
fn collect(listed: &mut [Vec<Child>], algo: HashAlgo, count: usize) -> Manifest {
    let mut b = Builder::new(algo, true);
    let mut path_bytes = 0;
    in_path_order(listed, |rec| path_bytes += rec.path.len());
    b.reserve_exact(count, path_bytes);
    in_path_order(listed, |rec| {
        if rec.keep {
            b.push(&rec.path, rec.meta, rec.digest.as_ref());
        }
    });
    b.finish()
}

/// Files settled per task: a run of files of one directory shares one
/// directory handle and one search position in the previous manifest.
const FILES_PER_TASK: usize = 256;

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
        io::ErrorKind::NotFound => {
            ManifestError::input("root", format!("'{}' does not exist", super::path::display(root_bytes)))
        }
        _ => ManifestError::io("cannot read the root", root_bytes, e),
    })?;
    if !meta.is_dir() {
        return Err(ManifestError::input("root", format!("'{}' is not a directory", super::path::display(root_bytes))));
    }
    // Opened for reading, as listing it needs; every directory and file is
    // then opened relative to it.
    let root_fd =
        File::open(root).map(OwnedFd::from).map_err(|e| ManifestError::io("cannot read the root", root_bytes, e))?;
    let previous = previous.filter(|p| p.algo() == opts.hash && !opts.hash.is_none());

    Workers::run(opts.threads, || {
        control.phase.store(PHASE_LISTING, Ordering::Relaxed);
        let walk = Walk {
            root,
            root_fd: root_fd.as_raw_fd(),
            // A first scan learns each file's metadata from the open file.
            stat_files: opts.hash.is_none() || previous.is_some_and(|p| p.has_meta() && !p.is_empty()),
            opts,
            control,
            listed: Mutex::new(vec![Vec::new()]),
            files: AtomicU64::new(0),
            issues: Mutex::new(Vec::new()),
            met: AtomicU64::new(0),
            overflow: AtomicBool::new(false),
        };
        let chain = opts.follow_symlinks.then(|| Arc::new(Ancestor { dev: meta.dev(), ino: meta.ino(), parent: None }));
        rayon::scope(|s| walk.dir(s, 0, Vec::new(), chain, 0));
        if walk.overflow.load(Ordering::Relaxed) {
            return Err(ManifestError::TooManyFiles { limit: opts.max_files });
        }
        if control.cancel.load(Ordering::Relaxed) {
            return Err(ManifestError::Cancelled);
        }
        let count = walk.files.load(Ordering::Relaxed) as usize;
        let mut listed = walk.listed.into_inner().unwrap_or_default();
        let issues = Mutex::new(walk.issues.into_inner().unwrap_or_default());

        if let Some(hook) = &control.after_listing {
            hook();
        }
        control.total.store(count as u64, Ordering::Relaxed);
        control.phase.store(PHASE_HASHING, Ordering::Relaxed);
        let settler = Settler { root, root_fd: root_fd.as_raw_fd(), opts, previous, control, issues: &issues };
        // Each directory's files in runs of FILES_PER_TASK.
        listed
            .par_iter_mut()
            .flat_map(|children| children.par_chunks_mut(FILES_PER_TASK))
            .for_each(|run| settler.settle_run(run));
        if control.cancel.load(Ordering::Relaxed) {
            return Err(ManifestError::Cancelled);
        }
        let mut m = collect(&mut listed, opts.hash, count);
        m.set_issues(issues.into_inner().unwrap_or_default());
        control.phase.store(PHASE_DONE, Ordering::Relaxed);
        Ok(m)
    })?
}

/// The worker threads of one scan.
///
/// Each worker gives itself a private descriptor table (`unshare(CLONE_FILES)`):
/// a scan opens and closes every file, and on a shared table each open and
/// each close takes the process's table lock, which workers on different
/// cores then pass back and forth (about a tenth of a first scan on two
/// cores). A private table starts as a copy of the process's, so the workers
/// are joined before the scan returns. Where `unshare` is refused (a seccomp
/// filter), workers share the table.
struct Workers;

impl Workers {
    fn run<R: Send>(threads: usize, job: impl FnOnce() -> R + Send) -> Result<R, ManifestError> {
        let handles = Mutex::new(Vec::with_capacity(threads));
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .spawn_handler(|worker| {
                let handle = std::thread::Builder::new().name(format!("jlg-scan-{}", worker.index())).spawn(|| {
                    // SAFETY: unshare only changes the calling thread's own table.
                    unsafe { libc::unshare(libc::CLONE_FILES) };
                    worker.run();
                })?;
                if let Ok(mut handles) = handles.lock() {
                    handles.push(handle);
                }
                Ok(())
            })
            .build()
            .map_err(|e| ManifestError::Store(format!("cannot start the scan threads: {e}")))?;
        let out = pool.install(job);
        // Dropping the pool lets idle workers end; every job is done by now.
        drop(pool);
        for handle in handles.into_inner().unwrap_or_default() {
            let _ = handle.join();
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Lists a set of file paths the way the walk does: one slot per
    /// directory, each sorted on its own.
    fn listed_from(paths: &[Vec<u8>]) -> Vec<Vec<Child>> {
        let mut slots: Vec<Vec<Child>> = vec![Vec::new()];
        let mut dirs: std::collections::HashMap<Vec<u8>, usize> = [(Vec::new(), 0)].into();
        for path in paths {
            let mut parent = 0;
            let parts: Vec<&[u8]> = path.split(|&b| b == b'/').collect();
            for depth in 1..parts.len() {
                let rel = parts[..depth].join(&b'/');
                parent = match dirs.get(&rel) {
                    Some(&slot) => slot,
                    None => {
                        slots.push(Vec::new());
                        let slot = slots.len() - 1;
                        slots[parent].push(Child::dir(slot, &rel));
                        dirs.insert(rel, slot);
                        slot
                    }
                };
            }
            slots[parent].push(Child::File(Rec::new(path.clone(), None, Kind::File)));
        }
        for children in &mut slots {
            sort_children(children);
        }
        slots
    }

    fn walked(paths: &[Vec<u8>]) -> Vec<Vec<u8>> {
        let mut listed = listed_from(paths);
        let mut out = Vec::new();
        in_path_order(&mut listed, |rec| out.push(rec.path.clone()));
        out
    }

    #[test]
    fn directories_sort_among_files_by_their_path_and_slash() {
        // '-' and '.' sort before '/', '0' after it: the files of "a/b/" come
        // after "a/b.txt" and before "a/b0", and "a-c/x" before all of "a/".
        let paths: Vec<Vec<u8>> = [&b"a/b0"[..], b"b/z", b"a/b/c", b"a.txt", b"a-c/x", b"a/b.txt", b"a/b/\xff", b"b0"]
            .iter()
            .map(|p| p.to_vec())
            .collect();
        let mut expected = paths.clone();
        expected.sort();
        assert_eq!(walked(&paths), expected);
        assert_eq!(expected[0], b"a-c/x");
    }

    proptest! {
        #[test]
        fn walking_sorted_directories_gives_sorted_paths(
            names in proptest::collection::btree_set("[a-c.\\-0/]{1,3}(/[a-c.\\-0]{1,3}){0,3}", 1..60)
        ) {
            // Keep a set of paths where no file is also a directory.
            let mut paths: Vec<Vec<u8>> = Vec::new();
            for n in names {
                let p = n.split('/').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("/");
                if p.is_empty() {
                    continue;
                }
                let clash = paths.iter().any(|q| {
                    let (a, b) = (p.as_bytes(), q.as_slice());
                    a == b || (a.starts_with(b) && a[b.len()] == b'/') || (b.starts_with(a) && b[a.len()] == b'/')
                });
                if !clash {
                    paths.push(p.into_bytes());
                }
            }
            let mut expected = paths.clone();
            expected.sort();
            prop_assert_eq!(walked(&paths), expected);
        }
    }
}
