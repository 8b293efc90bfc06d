//! `JLG\Native\ManifestDiff`: what changed between two manifests.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use jlg_native_core::manifest::{bjlg_json, Diff, Manifest as CoreManifest};

use crate::bytes::bytes;
use crate::exceptions::OrThrow;
use crate::guard::guard;

/// Added, modified, removed and renamed paths (a rename is in neither added nor removed).
#[php_class]
#[php(name = "JLG\\Native\\ManifestDiff")]
#[php(flags = ClassFlags::Final)]
pub struct ManifestDiff {
    inner: Diff,
}

impl ManifestDiff {
    pub(crate) fn wrap(inner: Diff) -> Self {
        Self { inner }
    }
}

fn path_list(m: &CoreManifest, idx: impl ExactSizeIterator<Item = u32>) -> PhpResult<ZBox<ZendHashTable>> {
    let mut t = ZendHashTable::with_capacity(u32::try_from(idx.len()).unwrap_or(u32::MAX));
    for i in idx {
        t.push(bytes(m.path(i as usize)))?;
    }
    Ok(t)
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl ManifestDiff {
    fn added_list(&self) -> PhpResult<ZBox<ZendHashTable>> {
        path_list(self.inner.to(), self.inner.added.iter().copied())
    }
    fn modified_list(&self) -> PhpResult<ZBox<ZendHashTable>> {
        path_list(self.inner.to(), self.inner.modified.iter().map(|p| p.1))
    }
    fn removed_list(&self) -> PhpResult<ZBox<ZendHashTable>> {
        path_list(self.inner.from(), self.inner.removed.iter().copied())
    }
    fn renamed_list(&self) -> PhpResult<ZBox<ZendHashTable>> {
        let mut t = ZendHashTable::with_capacity(u32::try_from(self.inner.renamed.len()).unwrap_or(u32::MAX));
        for &(f, n) in &self.inner.renamed {
            let mut row = ZendHashTable::new();
            row.insert("from", bytes(self.inner.from().path(f as usize)))?;
            row.insert("to", bytes(self.inner.to().path(n as usize)))?;
            t.push(row)?;
        }
        Ok(t)
    }
}

#[php_impl]
impl ManifestDiff {
    /// Paths only in the newer manifest (renames excluded), sorted.
    pub fn added(&self) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\ManifestDiff::added", || self.added_list())
    }

    /// Paths in both whose content changed, sorted.
    pub fn modified(&self) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\ManifestDiff::modified", || self.modified_list())
    }

    /// Paths only in the older manifest (renames excluded), sorted.
    pub fn removed(&self) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\ManifestDiff::removed", || self.removed_list())
    }

    /// list<{from, to}>, sorted by the new path.
    pub fn renamed(&self) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\ManifestDiff::renamed", || self.renamed_list())
    }

    /// Paths in both with the same content.
    pub fn unchanged_count(&self) -> PhpResult<i64> {
        guard("JLG\\Native\\ManifestDiff::unchangedCount", || Ok(to_i64(self.inner.unchanged)))
    }

    /// Total size of the added files.
    pub fn bytes_added(&self) -> PhpResult<i64> {
        guard("JLG\\Native\\ManifestDiff::bytesAdded", || Ok(to_i64(self.inner.bytes().added)))
    }

    /// Total size of the removed files.
    pub fn bytes_removed(&self) -> PhpResult<i64> {
        guard("JLG\\Native\\ManifestDiff::bytesRemoved", || Ok(to_i64(self.inner.bytes().removed)))
    }

    /// Everything at once.
    pub fn to_array(&self) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\ManifestDiff::toArray", || {
            let b = self.inner.bytes();
            let mut t = ZendHashTable::new();
            t.insert("added", self.added_list()?)?;
            t.insert("modified", self.modified_list()?)?;
            t.insert("removed", self.removed_list()?)?;
            t.insert("renamed", self.renamed_list()?)?;
            t.insert("unchanged_count", to_i64(self.inner.unchanged))?;
            t.insert("bytes_added", to_i64(b.added))?;
            t.insert("bytes_removed", to_i64(b.removed))?;
            t.insert("bytes_modified", to_i64(b.modified))?;
            Ok(t)
        })
    }

    /// Backup JLG's deleted-files.json: {generated_at, count, paths}.
    pub fn deleted_files_json(&self, now: i64) -> PhpResult<String> {
        guard("JLG\\Native\\ManifestDiff::deletedFilesJson", || bjlg_json::deleted_files(&self.inner, now).or_throw())
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<ManifestDiff>()
}
