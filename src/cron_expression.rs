//! `JLG\Native\CronExpression`: binding of `jlg_native_core::cron`.

use std::time::{SystemTime, UNIX_EPOCH};

use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use jlg_native_core::cron::{self, AnalyzeOptions, LintOptions};

use crate::convert::{from_value, to_php_array, ArrayArg};
use crate::exceptions::{invalid_input, OrThrow};
use crate::guard::guard;

/// The current time, as PHP's time() gives it.
fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[php_class]
#[php(name = "JLG\\Native\\CronExpression")]
#[php(flags = ClassFlags::Final)]
pub struct CronExpression {
    inner: cron::CronExpression,
}

#[php_impl]
impl CronExpression {
    /// Parses a five-field expression (or an @ shortcut) for a time zone.
    #[php(defaults(timezone = "\"UTC\""))]
    pub fn __construct(expression: String, timezone: String) -> PhpResult<Self> {
        guard("JLG\\Native\\CronExpression::__construct", || {
            Ok(Self { inner: cron::CronExpression::new(&expression, &timezone).or_throw()? })
        })
    }

    /// Checks an expression without throwing.
    #[php(defaults(timezone = "\"UTC\""))]
    pub fn validate(expression: String, timezone: String) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\CronExpression::validate", || {
            to_php_array(&cron::CronExpression::validate(&expression, &timezone, now()))
        })
    }

    /// The cron expression closest to a WordPress recurrence.
    pub fn from_schedule(name: String) -> PhpResult<Self> {
        guard("JLG\\Native\\CronExpression::fromSchedule", || {
            Ok(Self { inner: cron::CronExpression::from_schedule(&name).or_throw()? })
        })
    }

    /// Up to `count` (1-1000) runs strictly after `from` (default: now), as Unix seconds.
    pub fn next_runs(&self, count: i64, from: Option<i64>) -> PhpResult<Vec<i64>> {
        guard("JLG\\Native\\CronExpression::nextRuns", || {
            let count = usize::try_from(count)
                .ok()
                .filter(|c| (1..=cron::MAX_COUNT).contains(c))
                .ok_or_else(|| invalid_input("count", format!("count = {count} is out of range: expected 1 to {}", cron::MAX_COUNT)))?;
            self.inner.next_runs(count, from.unwrap_or_else(now)).or_throw()
        })
    }

    /// The first run strictly after `from` (default: now), or null when it never fires.
    pub fn next_run(&self, from: Option<i64>) -> PhpResult<Option<i64>> {
        guard("JLG\\Native\\CronExpression::nextRun", || self.inner.next_run(from.unwrap_or_else(now)).or_throw())
    }

    /// The latest run strictly before `from` (default: now), or null.
    pub fn previous_run(&self, from: Option<i64>) -> PhpResult<Option<i64>> {
        guard("JLG\\Native\\CronExpression::previousRun", || {
            self.inner.previous_run(from.unwrap_or_else(now)).or_throw()
        })
    }

    /// True when a run falls in the minute of `at` (default: now).
    pub fn is_due(&self, at: Option<i64>) -> PhpResult<bool> {
        guard("JLG\\Native\\CronExpression::isDue", || self.inner.is_due(at.unwrap_or_else(now)).or_throw())
    }

    /// A sentence in 'en' or 'fr'.
    #[php(defaults(locale = "\"en\""))]
    pub fn describe(&self, locale: String) -> PhpResult<String> {
        guard("JLG\\Native\\CronExpression::describe", || self.inner.describe(&locale).or_throw())
    }

    /// Findings: list of {code, severity, message}.
    #[php(defaults(options = ArrayArg::EMPTY))]
    pub fn lint(&self, options: ArrayArg<'_>) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\CronExpression::lint", || {
            let options: LintOptions = from_value(options.to_json("options")?, "options")?;
            to_php_array(&self.inner.lint(&options, now()).or_throw()?)
        })
    }

    /// The preview data of the cron field.
    #[php(defaults(options = ArrayArg::EMPTY))]
    pub fn analyze(&self, options: ArrayArg<'_>) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\CronExpression::analyze", || {
            let options: AnalyzeOptions = from_value(options.to_json("options")?, "options")?;
            to_php_array(&self.inner.analyze(&options, now()).or_throw()?)
        })
    }

    /// The expression as given.
    pub fn get_expression(&self) -> PhpResult<String> {
        guard("JLG\\Native\\CronExpression::getExpression", || Ok(self.inner.expression().to_owned()))
    }

    /// The zone's name: the IANA name, 'UTC' or '+HH:MM'.
    pub fn get_timezone(&self) -> PhpResult<String> {
        guard("JLG\\Native\\CronExpression::getTimezone", || Ok(self.inner.timezone().to_owned()))
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<CronExpression>()
}
