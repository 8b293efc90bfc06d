//! Resilience for outgoing calls: retry delays, Retry-After parsing, a circuit
//! breaker and Discord's rate-limit model.
//!
//! PHP is shared-nothing, so every stateful type here is rebuilt from a plain
//! state array on each request and written back with `toArray()`; the caller
//! decides where it lives. Every operation takes the time as an argument and
//! any randomness as a seed, so results are reproducible.

pub mod backoff;
pub mod breaker;
mod error;
pub mod headers;
pub mod ratelimit;
pub mod retry_after;
pub mod rng;
pub mod route;

pub use backoff::{delay, BackoffOptions, Strategy};
pub use breaker::{BreakerConfig, BreakerState, CircuitBreaker, Phase};
pub use error::ResilienceError;
pub use headers::Headers;
pub use ratelimit::{LimiterConfig, LimiterState, RateLimiter, UpdateOutcome};
pub use retry_after::{parse_http_date, parse_retry_after};
pub use route::route_key;
