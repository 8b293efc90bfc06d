//! Functions compiled only with the `test-hooks` feature, for the phpt suite:
//! a panic trigger (to prove the guard) and a log emitter (to prove the bridge).
//! They are not part of the public API and are absent from the stubs.

use ext_php_rs::prelude::*;

use crate::guard::guard;

#[php_function]
#[php(name = "JLG\\Native\\Testing\\panic")]
pub fn panic(message: String) -> PhpResult<bool> {
    guard("JLG\\Native\\Testing\\panic", || {
        if message.is_empty() {
            return Ok(true);
        }
        panic!("{message}");
    })
}

#[php_function]
#[php(name = "JLG\\Native\\Testing\\log")]
pub fn log(level: String, message: String) -> PhpResult<bool> {
    guard("JLG\\Native\\Testing\\log", || {
        match level.as_str() {
            "error" => log::error!(target: "testing", "{message}"),
            "warn" => log::warn!(target: "testing", "{message}"),
            "info" => log::info!(target: "testing", "{message}"),
            "debug" => log::debug!(target: "testing", "{message}"),
            other => return Err(crate::exceptions::invalid_input("level", format!("unknown level '{other}'"))),
        }
        Ok(true)
    })
}

/// Logs from a worker thread, to prove those records reach PHP's log too.
#[php_function]
#[php(name = "JLG\\Native\\Testing\\log_from_thread")]
pub fn log_from_thread(message: String) -> PhpResult<bool> {
    guard("JLG\\Native\\Testing\\log_from_thread", || {
        std::thread::spawn(move || log::warn!(target: "testing", "{message}"))
            .join()
            .map_err(|_| crate::exceptions::native("the logging thread failed"))?;
        Ok(true)
    })
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module
        .function(wrap_function!(panic))
        .function(wrap_function!(log))
        .function(wrap_function!(log_from_thread))
}
