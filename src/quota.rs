//! `JLG\Native\Quota`: usage projections, aggregation over destinations, backups remaining.

// PHP parameter names are camelCase (`$freeBytes`), and ext-php-rs takes them from the Rust names.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use jlg_native_core::quota::{self, Destination, ProjectOptions, Sample};

use crate::exceptions::OrThrow;
use crate::guard::guard;
use crate::clock::unix_now;
use crate::convert::{from_php, to_php_array, ArrayArg};
use crate::rows::{list_rows, number, Row};

/// Static helpers for storage quotas.
#[php_class]
#[php(name = "JLG\\Native\\Quota")]
#[php(flags = ClassFlags::Final)]
pub struct Quota;

/// Reads `samples` in place: a list of `{timestamp, used_bytes}`.
fn read_samples(table: &ZendHashTable) -> PhpResult<Vec<Sample>> {
    let rows = list_rows(table, "samples")?;
    let mut out = Vec::with_capacity(rows.len());
    for (i, t) in rows.into_iter().enumerate() {
        let row = Row { table: t, path: format!("samples[{i}]") };
        row.only(&["timestamp", "used_bytes"])?;
        out.push(Sample {
            timestamp: row.int("timestamp", "Unix seconds")?,
            used_bytes: row.number("used_bytes", "bytes")?,
        });
    }
    Ok(out)
}

#[php_impl]
impl Quota {
    /// Only static methods: the class cannot be instantiated.
    #[php(vis = "private")]
    pub fn __construct() -> Self {
        Self
    }

    /// Projects a usage series: trend, bounds, days to the threshold, level.
    #[php(defaults(options = ArrayArg::EMPTY))]
    pub fn project(samples: &ZendHashTable, options: ArrayArg<'_>) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Quota::project", || {
            let samples = read_samples(samples)?;
            let options: ProjectOptions = match options.table() {
                Some(_) => options.parse("options")?,
                None => ProjectOptions::default(),
            };
            let now = options.now.unwrap_or_else(unix_now);
            let projection = quota::project(&samples, &options, now).or_throw()?;
            to_php_array(&projection)
        })
    }

    /// Sums destinations the way Backup JLG does; unlimited ones are reported, not divided by.
    pub fn aggregate(destinations: &ZendHashTable) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Quota::aggregate", || {
            let mut z = ext_php_rs::types::Zval::new();
            z.set_hashtable(destinations.to_owned());
            let list: Vec<Destination> = from_php(&z, "destinations")?;
            let result = quota::aggregate(&list).or_throw()?;
            to_php_array(&result)
        })
    }

    /// How many archives of the p90 recent size fit in the free space.

    pub fn backups_remaining(freeBytes: i64, recentArchiveSizes: &ZendHashTable) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Quota::backupsRemaining", || {
            if !recentArchiveSizes.has_sequential_keys() {
                return Err(crate::exceptions::invalid_input(
                    "recentArchiveSizes",
                    "recentArchiveSizes: must be a list (keys 0, 1, 2, ...)",
                ));
            }
            let mut sizes = Vec::with_capacity(recentArchiveSizes.len());
            for (i, v) in recentArchiveSizes.values().enumerate() {
                sizes.push(number(v, &format!("recentArchiveSizes[{i}]"), "bytes")?);
            }
            let result = quota::backups_remaining(freeBytes, &sizes).or_throw()?;
            to_php_array(&result)
        })
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<Quota>()
}
