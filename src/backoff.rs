//! `JLG\Native\Backoff`: retry delays and Retry-After parsing.

use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use jlg_native_core::resilience::{self, BackoffOptions};

use crate::args::{self, Text};
use crate::convert::ArrayArg;
use crate::exceptions::OrThrow;
use crate::guard::guard;

/// Static helpers only; constructing one throws.
#[php_class]
#[php(name = "JLG\\Native\\Backoff")]
#[php(flags = ClassFlags::Final)]
pub struct Backoff;

#[php_impl]
impl Backoff {
    /// Only static methods: the class cannot be instantiated.
    #[php(vis = "private")]
    pub fn __construct() -> Self {
        Self
    }

    /// Seconds to wait before retry number `attempt` (0-based).
    #[php(defaults(options = ArrayArg::EMPTY))]
    pub fn delay(attempt: i64, options: ArrayArg<'_>) -> PhpResult<f64> {
        guard("JLG\\Native\\Backoff::delay", || {
            let options: BackoffOptions = options.parse("options")?;
            let entropy = if options.seed.is_some() { 0 } else { args::entropy() };
            resilience::delay(attempt, &options, entropy).or_throw()
        })
    }

    /// Seconds a Retry-After value asks for, or null when it is not understood.
    pub fn parse_retry_after(value: Text, now: Option<f64>) -> PhpResult<Option<f64>> {
        guard("JLG\\Native\\Backoff::parseRetryAfter", || {
            let now = args::now(now)?;
            Ok(resilience::parse_retry_after(&value.0, now))
        })
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<Backoff>()
}
