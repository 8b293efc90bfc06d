//! `JLG\Native\Sla`: SLA windows over the raw uptime log, MTTR, percentiles
//! and Web Vitals grades. The log is walked in place: each row is read through
//! `LogEntry` straight from PHP's hash table, nothing is copied into Rust maps.

use ext_php_rs::prelude::*;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::types::{ZendHashTable, Zval};
use jlg_native_core::sla::entry::{LogEntry, Scalar};
use jlg_native_core::sla::options::{self, SlaOptions};
use jlg_native_core::sla::{mttr, vitals};

use crate::clock::unix_now;
use crate::convert::{table_json, to_array, ArrayArg};
use crate::exceptions::OrThrow;
use crate::guard::guard;
use crate::rows;

/// Static helpers only; the class is final.
#[php_class]
#[php(name = "JLG\\Native\\Sla")]
#[php(flags = ClassFlags::Final)]
pub struct Sla;

/// One row of the PHP log array, read in place.
struct Row<'a>(&'a Zval);

impl LogEntry for Row<'_> {
    fn is_array(&self) -> bool {
        self.0.dereference().array().is_some()
    }
    fn scalar(&self) -> Scalar<'_> {
        rows::scalar(self.0)
    }
    fn key_count(&self) -> usize {
        self.0.dereference().array().map_or(0, ZendHashTable::len)
    }
    fn get(&self, key: &str) -> Scalar<'_> {
        rows::field(self.0, key)
    }
    fn violation_types(&self) -> Option<Vec<Scalar<'_>>> {
        let t = self.0.dereference().array()?;
        let v = t.get("violation_types")?.dereference().array()?;
        Some(v.values().map(rows::scalar).collect())
    }
}

#[php_impl]
impl Sla {
    /// Only static methods: the class cannot be instantiated.
    #[php(vis = "private")]
    pub fn __construct() -> Self {
        Self
    }

    /// SLA windows per agent (default model) or SitePulse's report (`model => 'sitepulse'`).
    #[php(defaults(options = ArrayArg::EMPTY))]
    pub fn windows(log: &ZendHashTable, options: ArrayArg<'_>) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Sla::windows", || {
            let options: SlaOptions = options.parse("options")?;
            let rows: Vec<Row<'_>> = log.values().map(Row).collect();
            let out = options::run(&rows, &options, unix_now()).or_throw()?;
            to_array(&out)
        })
    }

    /// `{count, mean, median, p90}` in seconds of incidents `{start, end}` or `{duration}`.
    pub fn mttr(incidents: &ZendHashTable) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Sla::mttr", || {
            let incidents = table_json(incidents, "incidents")?;
            to_array(&mttr::mttr(&incidents).or_throw()?)
        })
    }

    /// Percentiles by linear interpolation (numpy's default), keyed by p.
    pub fn percentiles(values: &ZendHashTable, ps: &ZendHashTable) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Sla::percentiles", || {
            let values = table_json(values, "values")?;
            let ps = table_json(ps, "ps")?;
            to_array(&mttr::percentiles(&values, &ps).or_throw()?)
        })
    }

    /// Core Web Vitals grades at p75.
    #[php(defaults(device = "\"mobile\""))]
    pub fn grade_web_vitals(metrics: &ZendHashTable, device: String) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Sla::gradeWebVitals", || {
            let metrics = table_json(metrics, "metrics")?;
            to_array(&vitals::grade(&metrics, &device).or_throw()?)
        })
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<Sla>()
}
