//! `JLG\Native\ManifestStore`: manifest snapshots in a node-local SQLite file.

// PHP parameter names are camelCase (`$baseJson`, `$fromId`): the Rust names must match.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use jlg_native_core::manifest::Store;

use crate::bytes::Bytes;
use crate::exceptions::OrThrow;
use crate::guard::guard;
use crate::clock::unix_now;
use crate::manifest::Manifest;
use crate::manifest_diff::ManifestDiff;

/// Snapshots of manifests, one SQLite transaction per write (WAL, mode 0600).
#[php_class]
#[php(name = "JLG\\Native\\ManifestStore")]
#[php(flags = ClassFlags::Final)]
pub struct ManifestStore {
    store: Store,
}

#[php_impl]
impl ManifestStore {
    /// Opens or creates the store file.
    pub fn __construct(path: Bytes<'_>) -> PhpResult<Self> {
        guard("JLG\\Native\\ManifestStore::__construct", || Ok(Self { store: Store::open(&path.to_path()).or_throw()? }))
    }

    /// Stores a snapshot; returns its id. `$now` defaults to the current time.
    pub fn save_snapshot(&mut self, m: &Manifest, label: String, now: Option<i64>) -> PhpResult<i64> {
        guard("JLG\\Native\\ManifestStore::saveSnapshot", || {
            self.store.save(&m.inner, &label, now.unwrap_or_else(unix_now)).or_throw()
        })
    }

    /// list<{id, label, created_at, files, bytes}>, oldest first.
    pub fn snapshots(&self) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\ManifestStore::snapshots", || {
            let mut t = ZendHashTable::new();
            for s in self.store.list().or_throw()? {
                let mut row = ZendHashTable::new();
                row.insert("id", s.id)?;
                row.insert("label", s.label.as_str())?;
                row.insert("created_at", s.created_at)?;
                row.insert("files", i64::try_from(s.files).unwrap_or(i64::MAX))?;
                row.insert("bytes", i64::try_from(s.bytes).unwrap_or(i64::MAX))?;
                t.push(row)?;
            }
            Ok(t)
        })
    }

    /// The manifest of a snapshot.
    pub fn load(&self, id: i64) -> PhpResult<Manifest> {
        guard("JLG\\Native\\ManifestStore::load", || Ok(Manifest::wrap(self.store.load(id).or_throw()?)))
    }

    /// Compares two snapshots.
    pub fn diff(&self, fromId: i64, toId: i64) -> PhpResult<ManifestDiff> {
        guard("JLG\\Native\\ManifestStore::diff", || Ok(ManifestDiff::wrap(self.store.diff(fromId, toId).or_throw()?)))
    }

    /// Keeps the newest `$keep` snapshots; returns how many were deleted.
    pub fn prune(&mut self, keep: i64) -> PhpResult<i64> {
        guard("JLG\\Native\\ManifestStore::prune", || {
            Ok(i64::try_from(self.store.prune(keep).or_throw()?).unwrap_or(i64::MAX))
        })
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<ManifestStore>()
}
