//! `JLG\Native\version()` and `JLG\Native\build_info()`.

use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use ext_php_rs::boxed::ZBox;

use crate::guard::guard;

/// What was built, embedded by build.rs.
pub struct BuildInfo {
    pub version: &'static str,
    pub git_revision: &'static str,
    pub rustc: &'static str,
    pub php_api: &'static str,
    pub profile: &'static str,
    pub features: Vec<&'static str>,
}

impl BuildInfo {
    pub fn current() -> Self {
        let features = env!("JLG_NATIVE_FEATURES");
        Self {
            version: jlg_native_core::VERSION,
            git_revision: env!("JLG_NATIVE_GIT_REVISION"),
            rustc: env!("JLG_NATIVE_RUSTC"),
            php_api: env!("JLG_NATIVE_PHP_API"),
            profile: env!("JLG_NATIVE_PROFILE"),
            features: features.split(',').filter(|f| !f.is_empty()).collect(),
        }
    }
}

/// The extension's version (the crate version).
#[php_function]
#[php(name = "JLG\\Native\\version")]
pub fn version() -> PhpResult<String> {
    guard("JLG\\Native\\version", || Ok(jlg_native_core::VERSION.to_owned()))
}

/// Build information: version, git_revision, rustc, php_api, profile, features.
#[php_function]
#[php(name = "JLG\\Native\\build_info")]
pub fn build_info() -> PhpResult<ZBox<ZendHashTable>> {
    guard("JLG\\Native\\build_info", || {
        let info = BuildInfo::current();
        let mut table = ZendHashTable::new();
        table.insert("version", info.version)?;
        table.insert("git_revision", info.git_revision)?;
        table.insert("rustc", info.rustc)?;
        table.insert("php_api", info.php_api)?;
        table.insert("profile", info.profile)?;
        let features: Vec<String> = info.features.iter().map(|f| (*f).to_owned()).collect();
        table.insert("features", features)?;
        Ok(table)
    })
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.function(wrap_function!(version)).function(wrap_function!(build_info))
}
