//! `JLG\Native\CircuitBreaker`: a breaker rebuilt from, and saved as, a plain array.
// Parameter names are the PHP ones (camelCase), as Reflection shows them.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use jlg_native_core::resilience::{self, BreakerConfig, BreakerState};

use crate::args;
use crate::convert::{to_php_array, ArrayArg};
use crate::exceptions::OrThrow;
use crate::guard::guard;

#[php_class]
#[php(name = "JLG\\Native\\CircuitBreaker")]
#[php(flags = ClassFlags::Final)]
pub struct CircuitBreaker {
    inner: resilience::CircuitBreaker,
}

#[php_impl]
impl CircuitBreaker {
    /// A breaker from a saved state array (empty for a new one) and its tuning.
    #[php(defaults(state = ArrayArg::EMPTY, config = ArrayArg::EMPTY))]
    pub fn __construct(state: ArrayArg<'_>, config: ArrayArg<'_>) -> PhpResult<Self> {
        guard("JLG\\Native\\CircuitBreaker::__construct", || {
            let state: BreakerState = state.parse("state")?;
            let config: BreakerConfig = config.parse("config")?;
            Ok(Self { inner: resilience::CircuitBreaker::new(state, config).or_throw()? })
        })
    }

    /// Whether a call may go now (half-open: admits a probe).
    pub fn allow(&mut self, now: Option<f64>) -> PhpResult<bool> {
        guard("JLG\\Native\\CircuitBreaker::allow", || Ok(self.inner.allow(args::now(now)?)))
    }

    /// Records a successful call.
    pub fn record_success(&mut self, now: Option<f64>) -> PhpResult<()> {
        guard("JLG\\Native\\CircuitBreaker::recordSuccess", || {
            self.inner.record_success(args::now(now)?);
            Ok(())
        })
    }

    /// Records a failed call, with the server's Retry-After in seconds when known.
    pub fn record_failure(&mut self, now: Option<f64>, retryAfter: Option<f64>) -> PhpResult<()> {
        guard("JLG\\Native\\CircuitBreaker::recordFailure", || {
            let now = args::now(now)?;
            let entropy = if self.inner.config().seed.is_some() { 0 } else { args::entropy() };
            self.inner.record_failure(now, retryAfter, entropy).or_throw()
        })
    }

    /// `closed`, `open` or `half_open` at `now`.
    pub fn state(&self, now: Option<f64>) -> PhpResult<String> {
        guard("JLG\\Native\\CircuitBreaker::state", || Ok(self.inner.phase(args::now(now)?).as_str().to_owned()))
    }

    /// When the open period ends, or null when closed.
    pub fn retry_at(&self) -> PhpResult<Option<f64>> {
        guard("JLG\\Native\\CircuitBreaker::retryAt", || Ok(self.inner.retry_at()))
    }

    /// The state array to save and pass back to the constructor.
    pub fn to_array(&self) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\CircuitBreaker::toArray", || to_php_array(self.inner.state_data()))
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<CircuitBreaker>()
}
