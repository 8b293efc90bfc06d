//! Comparing two manifests.
//!
//! Entries are matched by path in one merge pass over the two sorted lists.
//! A path present in both is unchanged when its content is the same:
//! - both entries carry a digest of the same algorithm: the digests (and the
//!   sizes, when both are known) are equal;
//! - otherwise (hash `none`, different algorithms, a digest missing because
//!   the file could not be read): size and mtime (ns) are equal;
//! - with neither digests nor metadata to compare, it counts as modified.
//!
//! In every case a change of file type (regular file <-> symlink) is a
//! modification. So a touched file with the same bytes is unchanged, an edit
//! that keeps the size is modified, and a file copied back with a new inode is
//! unchanged. (With the `bjlg` rule the mtime is part of the digest of files
//! of 1 MiB and more, as in Backup JLG.)
//!
//! Renames: a removed and an added path whose sizes (when known) and digests
//! are equal are paired and listed as renamed, in neither added nor removed.
//! Empty files are never paired (every empty file has the same digest).
//! Several candidates are paired in path order.

use std::collections::HashMap;
use std::sync::Arc;

use super::hash::hash_bytes;
use super::model::Manifest;

/// What changed from `from` to `to`. Indices point into the two manifests.
#[derive(Debug, Clone)]
pub struct Diff {
    from: Arc<Manifest>,
    to: Arc<Manifest>,
    /// Indices into `to`.
    pub added: Vec<u32>,
    /// (index in `from`, index in `to`).
    pub modified: Vec<(u32, u32)>,
    /// Indices into `from`.
    pub removed: Vec<u32>,
    /// (index in `from`, index in `to`), sorted by the new path.
    pub renamed: Vec<(u32, u32)>,
    /// Paths present in both with the same content.
    pub unchanged: u64,
}

/// Byte totals of a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DiffBytes {
    /// Sizes of the added files.
    pub added: u64,
    /// Sizes of the removed files.
    pub removed: u64,
    /// New sizes of the modified files.
    pub modified: u64,
}

fn comparable_hashes(a: &Manifest, b: &Manifest) -> bool {
    a.algo() == b.algo() && !a.algo().is_none()
}

fn same_content(a: &Manifest, ai: usize, b: &Manifest, bi: usize, hashes: bool) -> bool {
    let (ma, mb) = (a.meta(ai), b.meta(bi));
    if let (Some(x), Some(y)) = (ma, mb) {
        if x.size != y.size || x.file_type() != y.file_type() {
            return false;
        }
    }
    if hashes {
        if let (Some(x), Some(y)) = (a.hash(ai), b.hash(bi)) {
            return x == y;
        }
    }
    match (ma, mb) {
        (Some(x), Some(y)) => x.mtime_ns == y.mtime_ns,
        _ => false,
    }
}

impl Diff {
    /// Compares `from` (older) with `to` (newer).
    pub fn compute(from: Arc<Manifest>, to: Arc<Manifest>) -> Self {
        let (a, b) = (&*from, &*to);
        let hashes = comparable_hashes(a, b);
        let (mut added, mut modified, mut removed) = (Vec::new(), Vec::new(), Vec::new());
        let mut unchanged = 0u64;
        let (mut i, mut j) = (0usize, 0usize);
        while i < a.len() || j < b.len() {
            let ord = if i == a.len() {
                std::cmp::Ordering::Greater
            } else if j == b.len() {
                std::cmp::Ordering::Less
            } else {
                a.path(i).cmp(b.path(j))
            };
            match ord {
                std::cmp::Ordering::Less => {
                    removed.push(i as u32);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    added.push(j as u32);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    if same_content(a, i, b, j, hashes) {
                        unchanged += 1;
                    } else {
                        modified.push((i as u32, j as u32));
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        let mut renamed = Vec::new();
        if hashes && !removed.is_empty() && !added.is_empty() {
            let empty = hash_bytes(a.algo(), b"");
            let empty = &empty[..a.algo().len()];
            let candidate = |m: &Manifest, k: usize| -> bool {
                match (m.hash(k), m.meta(k)) {
                    (None, _) => false,
                    (Some(_), Some(meta)) => meta.size > 0,
                    (Some(h), None) => h != empty,
                }
            };
            // Removed candidates by digest, in path order (popped from the front).
            let mut pool: HashMap<&[u8], Vec<u32>> = HashMap::new();
            for &r in &removed {
                if candidate(a, r as usize) {
                    if let Some(h) = a.hash(r as usize) {
                        pool.entry(h).or_default().push(r);
                    }
                }
            }
            for list in pool.values_mut() {
                list.reverse();
            }
            let mut paired_from = Vec::new();
            let mut keep_added = Vec::with_capacity(added.len());
            for &n in &added {
                let nk = n as usize;
                let mut matched = None;
                if candidate(b, nk) {
                    if let Some(list) = b.hash(nk).and_then(|h| pool.get_mut(h)) {
                        let size_ok = |r: u32| match (a.meta(r as usize), b.meta(nk)) {
                            (Some(x), Some(y)) => x.size == y.size && x.file_type() == y.file_type(),
                            _ => true,
                        };
                        if let Some(pos) = list.iter().rposition(|&r| size_ok(r)) {
                            matched = Some(list.remove(pos));
                        }
                    }
                }
                match matched {
                    Some(r) => {
                        renamed.push((r, n));
                        paired_from.push(r);
                    }
                    None => keep_added.push(n),
                }
            }
            if !paired_from.is_empty() {
                paired_from.sort_unstable();
                removed.retain(|r| paired_from.binary_search(r).is_err());
                added = keep_added;
            }
        }
        Self { from, to, added, modified, removed, renamed, unchanged }
    }

    /// The older manifest.
    pub fn from(&self) -> &Manifest {
        &self.from
    }

    /// The newer manifest.
    pub fn to(&self) -> &Manifest {
        &self.to
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.modified.is_empty() && self.removed.is_empty() && self.renamed.is_empty()
    }

    /// Byte totals (sizes that are unknown count as 0).
    pub fn bytes(&self) -> DiffBytes {
        let size = |m: &Manifest, k: u32| m.meta(k as usize).map_or(0, |x| x.size);
        let sum = |m: &Manifest, ks: &mut dyn Iterator<Item = u32>| ks.fold(0u64, |acc, k| acc.saturating_add(size(m, k)));
        DiffBytes {
            added: sum(&self.to, &mut self.added.iter().copied()),
            removed: sum(&self.from, &mut self.removed.iter().copied()),
            modified: sum(&self.to, &mut self.modified.iter().map(|p| p.1)),
        }
    }

    /// Paths that no longer exist under their old name: removed plus the old
    /// side of renames, sorted (what Backup JLG lists in `deleted-files.json`).
    pub fn deleted_paths(&self) -> Vec<&[u8]> {
        let mut out: Vec<&[u8]> = self
            .removed
            .iter()
            .chain(self.renamed.iter().map(|p| &p.0))
            .map(|&k| self.from.path(k as usize))
            .collect();
        out.sort_unstable();
        out
    }
}
