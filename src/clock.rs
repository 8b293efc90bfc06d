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

/// The real clock handed to core code that waits or measures (the HTTP layer).
pub struct SystemClock {
    origin: std::time::Instant,
}

impl SystemClock {
    pub fn new() -> Self {
        Self { origin: std::time::Instant::now() }
    }
}

impl jlg_native_core::http::Clock for SystemClock {
    fn now(&self) -> f64 {
        unix_now_f64()
    }
    fn monotonic(&self) -> f64 {
        self.origin.elapsed().as_secs_f64()
    }
    fn sleep(&self, seconds: f64) {
        if seconds.is_finite() && seconds > 0.0 {
            std::thread::sleep(std::time::Duration::from_secs_f64(seconds.min(60.0)));
        }
    }
}
