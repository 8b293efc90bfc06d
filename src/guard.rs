//! The panic guard every PHP entry point runs under.
//!
//! ext-php-rs already stops a panic at the FFI boundary, but turns it into a
//! bare `\Error` that `catch (\Exception)` misses and prints the panic to
//! stderr. Here a panic becomes a `JLG\Native\NativeException` naming the
//! method, the default hook is replaced by one that records only the location
//! (a panic message could quote input, and input can be a secret), and the
//! process goes on serving requests.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};

use ext_php_rs::exception::PhpResult;

use crate::{exceptions, logging};

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Replaces the process's panic hook. Called once from module startup.
pub fn install_panic_hook() {
    panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map_or_else(|| "unknown location".to_owned(), |l| format!("{}:{}", l.file(), l.line()));
        LAST_PANIC.with(|slot| *slot.borrow_mut() = Some(location));
    }));
}

/// Runs the body of a PHP-visible function or method.
///
/// `method` is the PHP name (`JLG\Native\CronExpression::nextRuns`), used in
/// the exception a panic becomes.
pub fn guard<T>(method: &'static str, body: impl FnOnce() -> PhpResult<T>) -> PhpResult<T> {
    let outcome = panic::catch_unwind(AssertUnwindSafe(body));
    let result = match outcome {
        Ok(result) => result,
        Err(_) => {
            let location = LAST_PANIC
                .with(|slot| slot.borrow_mut().take())
                .unwrap_or_else(|| "unknown location".to_owned());
            log::error!("internal error in {method} (panic at {location})");
            Err(exceptions::native(format!(
                "Internal error in {method}: the native code panicked at {location}. \
                 This is a bug in jlg_native; the process is unaffected and the call had no effect."
            )))
        }
    };
    logging::flush_pending();
    result
}
