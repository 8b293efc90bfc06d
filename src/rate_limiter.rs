//! `JLG\Native\RateLimiter`: Discord's buckets, global limit and invalid-request budget.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use jlg_native_core::resilience::{self, Headers, LimiterConfig, LimiterState};

use crate::args::{self, Text};
use crate::convert::{to_php_array, ArrayArg};
use crate::exceptions::OrThrow;
use crate::guard::guard;

#[php_class]
#[php(name = "JLG\\Native\\RateLimiter")]
#[php(flags = ClassFlags::Final)]
pub struct RateLimiter {
    inner: resilience::RateLimiter,
}

#[php_impl]
impl RateLimiter {
    /// A limiter from a saved state array (empty for a new one) and its tuning.
    #[php(defaults(state = ArrayArg::EMPTY, config = ArrayArg::EMPTY))]
    pub fn __construct(state: ArrayArg<'_>, config: ArrayArg<'_>) -> PhpResult<Self> {
        guard("JLG\\Native\\RateLimiter::__construct", || {
            let state: LimiterState = state.parse("state")?;
            let config: LimiterConfig = config.parse("config")?;
            Ok(Self { inner: resilience::RateLimiter::new(state, config).or_throw()? })
        })
    }

    /// The route key of a request: major parameters kept, other ids `:id`, tokens `:token`.
    pub fn route_key(method: Text, path: Text) -> PhpResult<String> {
        guard("JLG\\Native\\RateLimiter::routeKey", || resilience::route_key(&method.0, &path.0).or_throw())
    }

    /// Seconds to wait before a request on `route` may go; 0 takes the slot, INF when halted.
    pub fn wait(&mut self, route: String, now: Option<f64>) -> PhpResult<f64> {
        guard("JLG\\Native\\RateLimiter::wait", || {
            let now = args::now(now)?;
            self.inner.wait(&route, now).or_throw()
        })
    }

    /// Learns from a response: status and headers (names in any case).
    pub fn update(&mut self, route: String, status: i64, headers: ArrayArg<'_>, now: Option<f64>) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\RateLimiter::update", || {
            let now = args::now(now)?;
            let headers = Headers::from_json(&headers.to_json("headers")?).or_throw()?;
            let outcome = self.inner.update(&route, status, &headers, now).or_throw()?;
            to_php_array(&outcome)
        })
    }

    /// Clears the 401 halt, the buckets and the global window (the invalid-request count stays).
    pub fn reset(&mut self) -> PhpResult<()> {
        guard("JLG\\Native\\RateLimiter::reset", || {
            self.inner.reset();
            Ok(())
        })
    }

    /// The state array to save and pass back to the constructor.
    pub fn to_array(&self) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\RateLimiter::toArray", || to_php_array(self.inner.state_data()))
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<RateLimiter>()
}
