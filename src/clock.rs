//! The caller's clock. Core never reads it: a binding reads it once, only when
//! the PHP caller left `$now` out, and passes the value down.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, like PHP's `time()`.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Seconds since the Unix epoch with a fraction, like PHP's `microtime(true)`.
#[allow(dead_code)] // used by the classes that take `?float $now`
pub fn unix_now_f64() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64())
}
