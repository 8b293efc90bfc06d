//! Argument and return types the serde bridge (`convert`) does not cover, and
//! the per-call inputs a binding supplies itself: the time and randomness.
//!
//! - [`Text`]: a PHP string read leniently, for values from the network.
//! - [`now`], [`entropy`], [`token`]: the clock and the OS random source.
//! - [`proxy_settings`]: `HTTPS_PROXY` and `NO_PROXY` from the environment.
//!
//! Optional array parameters use [`crate::convert::ArrayArg`]; binary-safe
//! strings (paths, secrets) use [`crate::bytes`].

use ext_php_rs::convert::FromZval;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::flags::DataType;
use ext_php_rs::types::Zval;

use crate::clock;
use crate::exceptions::{invalid_input, native};

/// A `string` parameter read byte for byte: invalid UTF-8 becomes U+FFFD
/// instead of a TypeError, for values that come from the network (headers, URLs).
pub struct Text(pub String);

impl<'a> FromZval<'a> for Text {
    const TYPE: DataType = DataType::String;

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        zval.zend_str().map(|s| Self(String::from_utf8_lossy(s.as_bytes()).into_owned()))
    }
}

/// `now` as given, or the current time; refuses NaN, infinities and negative times.
pub fn now(now: Option<f64>) -> PhpResult<f64> {
    match now {
        Some(t) if t.is_finite() && t >= 0.0 => Ok(t),
        Some(t) => Err(invalid_input("now", format!("now: must be a Unix timestamp (finite, not negative), got {t}"))),
        None => Ok(clock::unix_now_f64()),
    }
}

/// 64 random bits from the OS, to seed jitter. Falls back to the clock if the
/// OS source fails: jitter only spreads delays, it protects no secret.
pub fn entropy() -> u64 {
    getrandom::u64().unwrap_or_else(|_| {
        let nanos = clock::unix_now_f64().fract().to_bits();
        nanos ^ u64::from(std::process::id()).rotate_left(32)
    })
}

/// A random lock token: 128 bits from the OS as 32 hex digits.
pub fn token() -> PhpResult<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| native(format!("no randomness available for a lock token: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The proxy for outgoing HTTP: `HTTPS_PROXY` (or `https_proxy`) and `NO_PROXY`
/// (or `no_proxy`). `HTTP_PROXY` is not read: CGI servers fill it from a
/// client's `Proxy:` header.
pub fn proxy_settings() -> jlg_native_core::http::ProxySettings {
    let read = |names: [&str; 2]| names.iter().find_map(|n| std::env::var(n).ok()).filter(|v| !v.trim().is_empty());
    jlg_native_core::http::ProxySettings { proxy: read(["HTTPS_PROXY", "https_proxy"]), no_proxy: read(["NO_PROXY", "no_proxy"]) }
}

/// A 24-byte vault nonce from the OS.
pub fn nonce() -> PhpResult<[u8; 24]> {
    let mut n = [0u8; 24];
    getrandom::fill(&mut n).map_err(|e| native(format!("the operating system's random generator failed: {e}")))?;
    Ok(n)
}
