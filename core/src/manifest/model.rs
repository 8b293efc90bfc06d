//! The manifest value: sorted entries stored column by column.
//!
//! A million entries must fit in well under 150 MB, so paths live in one byte
//! arena (with offsets), digests in one byte vector, and file metadata in its
//! own column that is absent when the source had none (a 2.1 JSON manifest
//! only knows path -> hash).

use super::hash::{Digest32, HashAlgo};
use super::path;

/// What the filesystem said about an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Meta {
    /// Size in bytes (for a symlink that is not followed: the target's length).
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub mtime_ns: i64,
    /// Inode number.
    pub inode: u64,
    /// `st_mode`: file type and permission bits.
    pub mode: u32,
}

impl Meta {
    /// Whole seconds of the mtime (floor), as PHP's `filemtime` gives them.
    pub fn mtime_secs(&self) -> i64 {
        self.mtime_ns.div_euclid(1_000_000_000)
    }

    /// The file-type bits of the mode.
    pub fn file_type(&self) -> u32 {
        self.mode & libc::S_IFMT
    }
}

/// An unreadable or skipped entry met during a scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Path relative to the root (bytes).
    pub path: Vec<u8>,
    /// What happened, in words.
    pub reason: String,
}

/// One entry, borrowed from a manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryRef<'a> {
    pub path: &'a [u8],
    pub meta: Option<&'a Meta>,
    pub hash: Option<&'a [u8]>,
}

/// A set of file entries keyed by relative path, sorted byte-wise, plus the
/// problems met while building it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    algo: HashAlgo,
    arena: Vec<u8>,
    /// `starts[i]..starts[i+1]` is entry i's path; len = count + 1.
    starts: Vec<u64>,
    hashes: Vec<u8>,
    has_hash: Vec<bool>,
    /// Either empty (no metadata known) or one per entry.
    meta: Vec<Meta>,
    issues: Vec<Issue>,
    last_scan: Option<i64>,
}

impl Manifest {
    /// An empty manifest.
    pub fn empty(algo: HashAlgo) -> Self {
        Builder::new(algo, false).finish()
    }

    /// The hash algorithm of the entries.
    pub fn algo(&self) -> HashAlgo {
        self.algo
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.has_hash.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when entries carry size, mtime, inode and mode.
    pub fn has_meta(&self) -> bool {
        !self.meta.is_empty() || self.is_empty()
    }

    /// The path of entry `i`.
    pub fn path(&self, i: usize) -> &[u8] {
        &self.arena[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// The metadata of entry `i`, when known.
    pub fn meta(&self, i: usize) -> Option<&Meta> {
        self.meta.get(i)
    }

    /// The digest of entry `i`, when there is one.
    pub fn hash(&self, i: usize) -> Option<&[u8]> {
        let n = self.algo.len();
        if n == 0 || !self.has_hash[i] {
            return None;
        }
        Some(&self.hashes[i * n..(i + 1) * n])
    }

    /// Entry `i`.
    pub fn entry(&self, i: usize) -> EntryRef<'_> {
        EntryRef { path: self.path(i), meta: self.meta(i), hash: self.hash(i) }
    }

    /// All entries in path order.
    pub fn iter(&self) -> impl Iterator<Item = EntryRef<'_>> + '_ {
        (0..self.len()).map(move |i| self.entry(i))
    }

    /// Index of `path`, by binary search.
    pub fn find(&self, path: &[u8]) -> Option<usize> {
        let (mut lo, mut hi) = (0usize, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.path(mid).cmp(path) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Sum of the sizes of the entries whose size is known.
    pub fn total_bytes(&self) -> u64 {
        self.meta.iter().fold(0u64, |acc, m| acc.saturating_add(m.size))
    }

    /// Problems met while scanning (or loaded with the manifest).
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// When the scan started (Unix seconds), when known.
    pub fn last_scan(&self) -> Option<i64> {
        self.last_scan
    }

    /// Sets the scan time (the binding passes the clock in).
    pub fn set_last_scan(&mut self, when: Option<i64>) {
        self.last_scan = when;
    }

    /// Replaces the issue list.
    pub fn set_issues(&mut self, mut issues: Vec<Issue>) {
        issues.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.reason.cmp(&b.reason)));
        self.issues = issues;
    }

    /// Approximate heap bytes used, for reports.
    pub fn heap_bytes(&self) -> usize {
        self.arena.capacity()
            + self.starts.capacity() * 8
            + self.hashes.capacity()
            + self.has_hash.capacity()
            + self.meta.capacity() * std::mem::size_of::<Meta>()
    }

    /// A path for messages.
    pub fn display_path(&self, i: usize) -> String {
        path::display(self.path(i))
    }
}

/// Accumulates entries in any order; [`Builder::finish`] sorts them and keeps
/// the last entry pushed for a path that appears twice.
#[derive(Debug)]
pub struct Builder {
    algo: HashAlgo,
    with_meta: bool,
    arena: Vec<u8>,
    starts: Vec<u64>,
    hashes: Vec<u8>,
    has_hash: Vec<bool>,
    meta: Vec<Meta>,
    sorted: bool,
}

impl Builder {
    /// A builder for entries with (`with_meta`) or without metadata.
    pub fn new(algo: HashAlgo, with_meta: bool) -> Self {
        Self {
            algo,
            with_meta,
            arena: Vec::new(),
            starts: vec![0],
            hashes: Vec::new(),
            has_hash: Vec::new(),
            meta: Vec::new(),
            sorted: true,
        }
    }

    /// Reserves room for `n` entries of about `avg_path` bytes.
    pub fn reserve(&mut self, n: usize, avg_path: usize) {
        self.arena.reserve(n.saturating_mul(avg_path));
        self.starts.reserve(n);
        self.hashes.reserve(n.saturating_mul(self.algo.len()));
        self.has_hash.reserve(n);
        if self.with_meta {
            self.meta.reserve(n);
        }
    }

    /// Reserves room for `n` entries whose paths total `path_bytes`.
    pub fn reserve_exact(&mut self, n: usize, path_bytes: usize) {
        self.arena.reserve_exact(path_bytes);
        self.starts.reserve_exact(n);
        self.hashes.reserve_exact(n.saturating_mul(self.algo.len()));
        self.has_hash.reserve_exact(n);
        if self.with_meta {
            self.meta.reserve_exact(n);
        }
    }

    /// Number of entries pushed so far.
    pub fn len(&self) -> usize {
        self.has_hash.len()
    }

    /// True when nothing was pushed.
    pub fn is_empty(&self) -> bool {
        self.has_hash.is_empty()
    }

    fn last_path(&self) -> Option<&[u8]> {
        let n = self.len();
        (n > 0).then(|| &self.arena[self.starts[n - 1] as usize..self.starts[n] as usize])
    }

    /// Adds an entry. `meta` is ignored by a builder without metadata and
    /// defaults to zeros in one with metadata.
    pub fn push(&mut self, path: &[u8], meta: Option<Meta>, hash: Option<&Digest32>) {
        if self.sorted {
            if let Some(last) = self.last_path() {
                if last >= path {
                    self.sorted = false;
                }
            }
        }
        self.arena.extend_from_slice(path);
        self.starts.push(self.arena.len() as u64);
        let n = self.algo.len();
        match hash {
            Some(h) if n > 0 => {
                self.hashes.extend_from_slice(&h[..n]);
                self.has_hash.push(true);
            }
            _ => {
                self.hashes.extend(std::iter::repeat_n(0u8, n));
                self.has_hash.push(false);
            }
        }
        if self.with_meta {
            self.meta.push(meta.unwrap_or_default());
        }
    }

    /// The finished manifest, sorted by path, without duplicates.
    pub fn finish(self) -> Manifest {
        let Builder { algo, with_meta, mut arena, mut starts, mut hashes, mut has_hash, mut meta, sorted } = self;
        // Growth leaves up to half of each column unused: give it back, a
        // manifest may live for a whole request next to another one.
        arena.shrink_to_fit();
        starts.shrink_to_fit();
        hashes.shrink_to_fit();
        has_hash.shrink_to_fit();
        meta.shrink_to_fit();
        let count = has_hash.len();
        let m = Manifest {
            algo,
            arena,
            starts,
            hashes,
            has_hash,
            meta: if with_meta { meta } else { Vec::new() },
            issues: Vec::new(),
            last_scan: None,
        };
        if sorted {
            return m;
        }
        // Sort a permutation (the last pushed first among equal paths) and keep
        // the first of each run: the last value pushed for a path wins.
        let mut order: Vec<u32> = (0..count as u32).collect();
        order.sort_unstable_by(|&a, &b| m.path(a as usize).cmp(m.path(b as usize)).then(b.cmp(&a)));
        order.dedup_by(|a, b| m.path(*a as usize) == m.path(*b as usize));
        // Rebuild one column at a time and free the old one at once: the peak is
        // the unsorted manifest plus its largest column, not two manifests.
        let Manifest { mut arena, mut starts, hashes, has_hash, meta, .. } = m;
        let path = |i: u32| &arena[starts[i as usize] as usize..starts[i as usize + 1] as usize];
        let mut sorted_arena = Vec::with_capacity(order.iter().map(|&i| path(i).len()).sum());
        let mut sorted_starts = Vec::with_capacity(order.len() + 1);
        sorted_starts.push(0u64);
        for &i in &order {
            sorted_arena.extend_from_slice(path(i));
            sorted_starts.push(sorted_arena.len() as u64);
        }
        (arena, starts) = (sorted_arena, sorted_starts);
        let n = algo.len();
        let mut sorted_hashes = Vec::with_capacity(order.len() * n);
        for &i in &order {
            sorted_hashes.extend_from_slice(&hashes[i as usize * n..(i as usize + 1) * n]);
        }
        drop(hashes);
        let sorted_has_hash = order.iter().map(|&i| has_hash[i as usize]).collect();
        drop(has_hash);
        let sorted_meta = if meta.is_empty() { meta } else { order.iter().map(|&i| meta[i as usize]).collect() };
        Manifest {
            algo,
            arena,
            starts,
            hashes: sorted_hashes,
            has_hash: sorted_has_hash,
            meta: sorted_meta,
            issues: Vec::new(),
            last_scan: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::hash::hash_bytes;

    #[test]
    fn unsorted_columns_move_together() {
        // 300 paths pushed out of order, some twice (the second push wins),
        // some without a hash: every column must follow its path.
        let mut b = Builder::new(HashAlgo::Xxh3, false);
        let name = |i: u32| format!("d{}/f{:03}", i % 7, (i * 37) % 300);
        for i in (0..300u32).rev() {
            b.push(name(i).as_bytes(), None, (i % 5 != 0).then(|| hash_bytes(HashAlgo::Xxh3, b"old")).as_ref());
        }
        for i in (0..300u32).filter(|i| i % 3 == 0) {
            b.push(name(i).as_bytes(), None, Some(&hash_bytes(HashAlgo::Xxh3, name(i).as_bytes())));
        }
        let m = b.finish();
        assert_eq!(m.len(), 300);
        for i in 0..m.len() {
            assert!(i == 0 || m.path(i - 1) < m.path(i));
            let n: u32 = (0..300).find(|&n| name(n).as_bytes() == m.path(i)).unwrap();
            let want = if n % 3 == 0 {
                Some(hash_bytes(HashAlgo::Xxh3, name(n).as_bytes()))
            } else {
                (n % 5 != 0).then(|| hash_bytes(HashAlgo::Xxh3, b"old"))
            };
            assert_eq!(m.hash(i), want.as_ref().map(|h| &h[..16]), "{}", name(n));
            assert!(m.meta(i).is_none());
        }
    }

    #[test]
    fn builder_sorts_and_keeps_last_duplicate() {
        let mut b = Builder::new(HashAlgo::Bjlg, true);
        let h1 = hash_bytes(HashAlgo::Bjlg, b"1");
        let h2 = hash_bytes(HashAlgo::Bjlg, b"2");
        b.push(b"z", Some(Meta { size: 1, ..Meta::default() }), Some(&h1));
        b.push(b"a/b", None, None);
        b.push(b"z", Some(Meta { size: 2, ..Meta::default() }), Some(&h2));
        let m = b.finish();
        assert_eq!(m.len(), 2);
        assert_eq!(m.path(0), b"a/b");
        assert_eq!(m.hash(0), None);
        assert_eq!(m.path(1), b"z");
        assert_eq!(m.meta(1).unwrap().size, 2);
        assert_eq!(m.hash(1), Some(&h2[..16]));
        assert_eq!(m.find(b"z"), Some(1));
        assert_eq!(m.find(b"y"), None);
        assert_eq!(m.total_bytes(), 2);
    }

    #[test]
    fn mtime_seconds_floor_before_the_epoch() {
        let m = Meta { mtime_ns: -1, ..Meta::default() };
        assert_eq!(m.mtime_secs(), -1);
        let m = Meta { mtime_ns: 1_700_000_000_999_999_999, ..Meta::default() };
        assert_eq!(m.mtime_secs(), 1_700_000_000);
    }
}
