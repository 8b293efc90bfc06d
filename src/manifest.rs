//! `JLG\Native\Manifest`: a scanned (or imported) set of files.

// PHP parameter names are camelCase (`$baseJson`, `$fromId`): the Rust names must match.

use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ArrayKey, ZendCallable, ZendHashTable, Zval};
use ext_php_rs::zend::ce;
use jlg_native_core::manifest::hash::to_hex;
use jlg_native_core::manifest::scan::{self, ScanControl, ScanOptions, PHASE_DONE, PHASE_HASHING};
use jlg_native_core::manifest::{bjlg_json, native, Diff, Manifest as CoreManifest, ManifestError};
use serde_json::{Map, Value};

use crate::bytes::{bytes, Bytes};
use crate::convert::ArrayArg;
use crate::convert;
use crate::exceptions::{self, invalid_input, OrThrow};
use crate::guard::guard;
use crate::manifest_diff::ManifestDiff;

/// How often the progress callable is called during a scan.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// A set of files keyed by path relative to the scanned root.
#[php_class]
#[php(name = "JLG\\Native\\Manifest")]
#[php(flags = ClassFlags::Final)]
#[php(implements(ce = ce::countable, stub = "\\Countable"))]
pub struct Manifest {
    pub(crate) inner: Arc<CoreManifest>,
}

impl Manifest {
    pub(crate) fn wrap(inner: CoreManifest) -> Self {
        Self { inner: Arc::new(inner) }
    }
}

struct ParsedOptions<'a> {
    options: ScanOptions,
    previous: Option<Arc<CoreManifest>>,
    progress: Option<ZendCallable<'a>>,
}

fn parse_options(table: Option<&ZendHashTable>) -> PhpResult<ParsedOptions<'_>> {
    let mut map = Map::new();
    let mut previous = None;
    let mut progress = None;
    if let Some(table) = table {
        for (key, value) in table.iter() {
            let key = match key {
                ArrayKey::String(s) => s,
                ArrayKey::Str(s) => s.to_owned(),
                ArrayKey::ZendString(s) => String::from_utf8_lossy(s.as_bytes()).into_owned(),
                ArrayKey::Long(n) => {
                    return Err(invalid_input("options", format!("options: expected named keys, got the index {n}")))
                }
            };
            let value = value.dereference();
            match key.as_str() {
                "previous" => {
                    if value.is_null() {
                        continue;
                    }
                    let m = value
                        .object()
                        .and_then(|o| ext_php_rs::types::ZendClassObject::<Manifest>::from_zend_obj(o))
                        .ok_or_else(|| {
                            invalid_input("options.previous", "options.previous: expected a JLG\\Native\\Manifest or null")
                        })?;
                    previous = Some(m.inner.clone());
                }
                "progress" => {
                    if value.is_null() {
                        continue;
                    }
                    if !value.is_callable() {
                        return Err(invalid_input("options.progress", "options.progress: expected a callable or null"));
                    }
                    progress = Some(
                        ZendCallable::new(value)
                            .map_err(|_| invalid_input("options.progress", "options.progress: expected a callable"))?,
                    );
                }
                _ => {
                    let path = format!("options.{key}");
                    map.insert(key, convert::to_json(value, &path)?);
                }
            }
        }
    }
    let options = convert::from_value::<ScanOptions>(Value::Object(map), "options")?;
    Ok(ParsedOptions { options, previous, progress })
}

/// Option errors from the core name the option; PHP sees it under `options.`.
fn in_options(e: ManifestError) -> ManifestError {
    match e {
        ManifestError::Input { field, message, position } if field != "root" => {
            ManifestError::Input { field: format!("options.{field}"), message, position }
        }
        ManifestError::TooManyFiles { limit } => ManifestError::input(
            "options.max_files",
            format!("the scan met more than {limit} entries; raise max_files or exclude more"),
        ),
        other => other,
    }
}

fn progress_report(control: &ScanControl, started: Instant) -> PhpResult<ZBox<ZendHashTable>> {
    let phase = match control.phase.load(Ordering::Relaxed) {
        PHASE_DONE => "done",
        PHASE_HASHING => "hashing",
        _ => "listing",
    };
    let mut t = ZendHashTable::new();
    t.insert("phase", phase)?;
    if phase == "listing" {
        t.insert("files_done", 0i64)?;
        t.insert("files_total", Zval::null())?;
    } else {
        t.insert("files_done", control.done.load(Ordering::Relaxed) as i64)?;
        t.insert("files_total", control.total.load(Ordering::Relaxed) as i64)?;
    }
    t.insert("files_listed", control.listed.load(Ordering::Relaxed) as i64)?;
    t.insert("bytes_read", control.bytes_read.load(Ordering::Relaxed) as i64)?;
    t.insert("seconds", started.elapsed().as_secs_f64())?;
    Ok(t)
}

/// Calls the progress callable; `Ok(false)` means stop (it returned false or threw).
fn call_progress(cb: &ZendCallable<'_>, control: &ScanControl, started: Instant) -> PhpResult<bool> {
    let report = progress_report(control, started)?;
    match cb.try_call(vec![&report]) {
        Ok(ret) => Ok(ret.bool() != Some(false) || !ret.is_bool()),
        Err(_) => Ok(false),
    }
}

fn optional_long(t: &mut ZendHashTable, key: &str, v: Option<i64>) -> PhpResult<()> {
    match v {
        Some(n) => t.insert(key, n)?,
        None => t.insert(key, Zval::null())?,
    }
    Ok(())
}

fn entry_array(m: &CoreManifest, i: usize) -> PhpResult<ZBox<ZendHashTable>> {
    let mut t = ZendHashTable::new();
    t.insert("path", bytes(m.path(i)))?;
    let meta = m.meta(i);
    optional_long(&mut t, "size", meta.map(|x| i64::try_from(x.size).unwrap_or(i64::MAX)))?;
    optional_long(&mut t, "mtime", meta.map(|x| x.mtime_secs()))?;
    optional_long(&mut t, "mtime_ns", meta.map(|x| x.mtime_ns))?;
    optional_long(&mut t, "inode", meta.map(|x| x.inode as i64))?;
    optional_long(&mut t, "mode", meta.map(|x| i64::from(x.mode)))?;
    match m.hash(i) {
        Some(h) => t.insert("hash", to_hex(h))?,
        None => t.insert("hash", Zval::null())?,
    }
    Ok(t)
}

#[php_impl]
impl Manifest {
    /// Scans `$root` in parallel; see php-stubs for the options.
    #[php(defaults(options = ArrayArg::EMPTY))]
    pub fn scan(root: Bytes<'_>, options: ArrayArg<'_>) -> PhpResult<Manifest> {
        guard("JLG\\Native\\Manifest::scan", || {
            let parsed = parse_options(options.table())?;
            let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
            let valid = parsed.options.validate(cores).map_err(in_options).or_throw()?;
            let root_path = root.to_path();
            let control = ScanControl::default();
            let started = Instant::now();
            let scan_time = crate::clock::unix_now();
            let previous = parsed.previous.as_deref();
            let mut stopped_by_callback = false;
            if let Some(cb) = &parsed.progress {
                // A first report before any work: progress bars can start, and
                // returning false here stops the scan before it begins.
                if !call_progress(cb, &control, started)? {
                    stopped_by_callback = true;
                    control.cancel.store(true, Ordering::Relaxed);
                }
            }
            let (tx, rx) = mpsc::channel::<()>();
            let (root_ref, valid_ref, control_ref) = (&root_path, &valid, &control);
            let outcome = std::thread::scope(|s| {
                let worker = s.spawn(move || {
                    let r = scan::scan(root_ref, valid_ref, previous, control_ref);
                    let _ = tx.send(());
                    r
                });
                let mut last = Instant::now();
                loop {
                    match rx.recv_timeout(PROGRESS_EVERY) {
                        Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
                        Err(mpsc::RecvTimeoutError::Timeout) => {}
                    }
                    if let Some(cb) = &parsed.progress {
                        if !stopped_by_callback && last.elapsed() >= PROGRESS_EVERY {
                            last = Instant::now();
                            if !call_progress(cb, &control, started)? {
                                stopped_by_callback = true;
                                control.cancel.store(true, Ordering::Relaxed);
                            }
                        }
                    }
                }
                match worker.join() {
                    Ok(r) => Ok::<_, PhpException>(r),
                    Err(payload) => std::panic::resume_unwind(payload),
                }
            })?;
            if stopped_by_callback {
                if ext_php_rs::zend::ExecutorGlobals::has_exception() {
                    // The callable threw: PHP rethrows its exception as is.
                    return Ok(Self::wrap(CoreManifest::empty(valid.hash)));
                }
                return Err(exceptions::native("the scan was stopped: the progress callable returned false"));
            }
            let mut m = outcome.map_err(in_options).or_throw()?;
            m.set_last_scan(Some(scan_time));
            if let Some(cb) = &parsed.progress {
                call_progress(cb, &control, started)?;
                if ext_php_rs::zend::ExecutorGlobals::has_exception() {
                    return Ok(Self::wrap(CoreManifest::empty(valid.hash)));
                }
            }
            Ok(Self::wrap(m))
        })
    }

    /// Reads Backup JLG's `.incremental-manifest.json` (2.1).
    pub fn from_backup_jlg(json: &str) -> PhpResult<Manifest> {
        guard("JLG\\Native\\Manifest::fromBackupJlg", || Ok(Self::wrap(bjlg_json::read(json).or_throw()?)))
    }

    /// Writes the 2.1 JSON, keeping every other top-level key of `$baseJson`.
    #[php(defaults(baseJson = String::new()))]
    pub fn to_backup_jlg(&self, baseJson: String) -> PhpResult<String> {
        guard("JLG\\Native\\Manifest::toBackupJlg", || bjlg_json::write(&self.inner, &baseJson).or_throw())
    }

    /// Loads a manifest saved with `save()` (checksum verified).
    pub fn load(path: Bytes<'_>) -> PhpResult<Manifest> {
        guard("JLG\\Native\\Manifest::load", || Ok(Self::wrap(native::load(&path.to_path()).or_throw()?)))
    }

    /// Saves atomically (temp file + fsync + rename), mode 0600.
    pub fn save(&self, path: Bytes<'_>) -> PhpResult<()> {
        guard("JLG\\Native\\Manifest::save", || native::save(&self.inner, &path.to_path()).or_throw())
    }

    /// What changed from this manifest to `$newer`.
    pub fn diff(&self, newer: &Manifest) -> PhpResult<ManifestDiff> {
        guard("JLG\\Native\\Manifest::diff", || {
            Ok(ManifestDiff::wrap(Diff::compute(self.inner.clone(), newer.inner.clone())))
        })
    }

    /// Number of entries.
    pub fn count(&self) -> PhpResult<i64> {
        guard("JLG\\Native\\Manifest::count", || Ok(self.inner.len() as i64))
    }

    /// Sum of the entries' sizes (0 when the source had no sizes).
    pub fn total_bytes(&self) -> PhpResult<i64> {
        guard("JLG\\Native\\Manifest::totalBytes", || Ok(i64::try_from(self.inner.total_bytes()).unwrap_or(i64::MAX)))
    }

    /// The hash algorithm of the entries: xxh3, bjlg, blake3 or none.
    pub fn hash_algorithm(&self) -> PhpResult<String> {
        guard("JLG\\Native\\Manifest::hashAlgorithm", || Ok(self.inner.algo().name().to_owned()))
    }

    /// When the scan started (Unix seconds), or the 2.1 file's last_scan.
    pub fn last_scan(&self) -> PhpResult<Option<i64>> {
        guard("JLG\\Native\\Manifest::lastScan", || Ok(self.inner.last_scan()))
    }

    /// One entry, or null.
    pub fn get(&self, path: Bytes<'_>) -> PhpResult<Option<ZBox<ZendHashTable>>> {
        guard("JLG\\Native\\Manifest::get", || match self.inner.find(&path.0) {
            Some(i) => Ok(Some(entry_array(&self.inner, i)?)),
            None => Ok(None),
        })
    }

    /// Every path, sorted.
    pub fn paths(&self) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Manifest::paths", || {
            let mut t = ZendHashTable::with_capacity(u32::try_from(self.inner.len()).unwrap_or(u32::MAX));
            for i in 0..self.inner.len() {
                t.push(bytes(self.inner.path(i)))?;
            }
            Ok(t)
        })
    }

    /// Unreadable or skipped entries met during the scan: list of {path, reason}.
    pub fn errors(&self) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Manifest::errors", || {
            let mut t = ZendHashTable::new();
            for issue in self.inner.issues() {
                let mut row = ZendHashTable::new();
                row.insert("path", bytes(&issue.path))?;
                row.insert("reason", issue.reason.as_str())?;
                t.push(row)?;
            }
            Ok(t)
        })
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<Manifest>()
}
