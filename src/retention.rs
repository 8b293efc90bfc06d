//! `JLG\Native\Retention`: which archives to keep, simulated usage, recommended policies.

// PHP parameter names are camelCase (`$freeBytes`), and ext-php-rs takes them from the Rust names.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use jlg_native_core::retention::{self, Archive, Future, Policy};

use crate::exceptions::OrThrow;
use crate::guard::guard;
use crate::convert::{table_json, to_php_array, ArrayArg};
use crate::rows::{id_zval, insert_by_id, list_rows, Row};

/// Static helpers for backup retention.
#[php_class]
#[php(name = "JLG\\Native\\Retention")]
#[php(flags = ClassFlags::Final)]
pub struct Retention;

/// Reads a list of `{id, timestamp, size}` in place. `name` is the argument.
fn read_archives(table: &ZendHashTable, name: &str) -> PhpResult<Vec<Archive>> {
    let rows = list_rows(table, name)?;
    let mut out = Vec::with_capacity(rows.len());
    for (i, t) in rows.into_iter().enumerate() {
        let row = Row { table: t, path: format!("{name}[{i}]") };
        row.only(&["id", "timestamp", "size"])?;
        out.push(Archive {
            id: row.id("id")?,
            timestamp: row.int("timestamp", "Unix seconds")?,
            size: row.int("size", "bytes")?,
        });
    }
    Ok(out)
}

fn read_policy(table: &ZendHashTable) -> PhpResult<Policy> {
    Policy::from_value(table_json(table, "policy")?, "policy").or_throw()
}

#[php_impl]
impl Retention {
    /// Only static methods: the class cannot be instantiated.
    #[php(vis = "private")]
    pub fn __construct() -> Self {
        Self
    }

    /// Applies a Backup JLG or GFS policy at `now`: `{keep, delete, reasons, freed_bytes}`.
    pub fn select(archives: &ZendHashTable, policy: &ZendHashTable, now: i64) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Retention::select", || {
            let archives = read_archives(archives, "archives")?;
            let policy = read_policy(policy)?;
            let selection = retention::select(&archives, &policy, now).or_throw()?;
            let capacity = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            let mut keep = ZendHashTable::with_capacity(capacity(selection.keep.len()));
            for &i in &selection.keep {
                keep.push(id_zval(&archives[i].id)?)?;
            }
            let mut delete = ZendHashTable::with_capacity(capacity(selection.delete.len()));
            for &i in &selection.delete {
                delete.push(id_zval(&archives[i].id)?)?;
            }
            let mut reasons = ZendHashTable::with_capacity(capacity(archives.len()));
            for &i in selection.keep.iter().chain(&selection.delete) {
                let mut z = Zval::new();
                z.set_string(&selection.reasons[i], false)?;
                insert_by_id(&mut reasons, &archives[i].id, z)?;
            }
            let mut out = ZendHashTable::with_capacity(4);
            out.insert("keep", keep)?;
            out.insert("delete", delete)?;
            out.insert("reasons", reasons)?;
            out.insert("freed_bytes", selection.freed_bytes)?;
            Ok(out)
        })
    }

    /// Usage over time when the policy runs after each future archive.
    pub fn simulate(archives: &ZendHashTable, policy: &ZendHashTable, future: &ZendHashTable) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Retention::simulate", || {
            let archives = read_archives(archives, "archives")?;
            let policy = read_policy(policy)?;
            let future = if future.has_sequential_keys() && !future.is_empty() {
                Future::Archives(read_archives(future, "future")?)
            } else if future.is_empty() {
                Future::Archives(Vec::new())
            } else {
                Future::from_value(table_json(future, "future")?, "future").or_throw()?
            };
            let sim = retention::simulate(&archives, &policy, &future).or_throw()?;
            to_php_array(&sim)
        })
    }

    /// The largest policy of the given shape that stays under `quotaBytes * targetRatio`.
    #[php(defaults(policy = ArrayArg::EMPTY))]
    pub fn recommend(archives: &ZendHashTable, quotaBytes: i64, targetRatio: f64, policy: ArrayArg<'_>) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Retention::recommend", || {
            let archives = read_archives(archives, "archives")?;
            let policy = match policy.table() {
                Some(t) => Policy::from_value(table_json(t, "policy")?, "policy").or_throw()?,
                None => Policy::default(),
            };
            let rec = retention::recommend(&archives, quotaBytes, targetRatio, &policy).or_throw()?;
            to_php_array(&rec)
        })
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<Retention>()
}
