//! `jlg_native`: the PHP binding of JLG Native.
//!
//! This crate only converts arguments, calls `jlg-native-core` and maps
//! errors to exceptions. Every PHP entry point runs under [`guard::guard`].

#![cfg_attr(windows, feature(abi_vectorcall))]
#![allow(clippy::needless_pass_by_value)] // ext-php-rs passes owned arguments.
#![allow(non_snake_case)] // PHP parameter names are camelCase, and ext-php-rs takes them from Rust.

mod args;
mod backoff;
mod build_info;
mod bytes;
mod circuit_breaker;
mod clock;
mod convert;
mod cron_expression;
mod discord_client;
mod exceptions;
mod guard;
mod http_args;
mod impact;
mod ini;
mod logging;
mod manifest;
mod manifest_diff;
mod manifest_store;
mod quota;
mod rate_limiter;
mod retention;
mod rows;
mod sla;
mod state_store;
mod token_vault;
mod webhook_outbox;
#[cfg(feature = "test-hooks")]
mod testing;

use ext_php_rs::prelude::*;
use ext_php_rs::zend::ModuleEntry;
use ext_php_rs::{info_table_end, info_table_header, info_table_row, info_table_start};

/// Module startup: INI entries, logging, panic hook, exception classes.
fn startup(_ty: i32, module_number: i32) -> i32 {
    ini::register(module_number);
    logging::install();
    guard::install_panic_hook();
    match exceptions::register() {
        Ok(()) => 0,
        Err(err) => {
            eprintln!("jlg_native: cannot register exception classes: {err}");
            -1
        }
    }
}

extern "C" fn module_info(module: *mut ModuleEntry) {
    let info = build_info::BuildInfo::current();
    info_table_start!();
    info_table_header!("JLG Native", "enabled");
    info_table_row!("Version", info.version);
    info_table_row!("Git revision", info.git_revision);
    info_table_row!("Rust compiler", info.rustc);
    info_table_row!("PHP API", info.php_api);
    info_table_row!("Build profile", info.profile);
    let features = if info.features.is_empty() { "(none)".to_owned() } else { info.features.join(", ") };
    info_table_row!("Features", features);
    info_table_end!();
    // SAFETY: called by phpinfo() for this module, whose INI entries are registered.
    unsafe { display_ini_entries(module) };
}

extern "C" {
    fn display_ini_entries(module: *mut ModuleEntry);
}

#[php_module]
#[php(startup = "startup")]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    let module = module.name("jlg_native").info_function(module_info);
    let module = build_info::register(module);
    let module = manifest::register(module);
    let module = manifest_diff::register(module);
    let module = manifest_store::register(module);
    let module = impact::register(module);
    let module = quota::register(module);
    let module = retention::register(module);
    let module = sla::register(module);
    let module = backoff::register(module);
    let module = circuit_breaker::register(module);
    let module = rate_limiter::register(module);
    let module = state_store::register(module);
    let module = cron_expression::register(module);
    let module = token_vault::register(module);
    let module = discord_client::register(module);
    let module = webhook_outbox::register(module);
    #[cfg(feature = "test-hooks")]
    let module = testing::register(module);
    module
}
