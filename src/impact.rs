//! `JLG\Native\Impact`: SitePulse's impact scores and the incident score.

use ext_php_rs::prelude::*;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::types::ZendHashTable;
use jlg_native_core::impact::{self, PluginScoreOptions, ScoreOptions, TransverseConfig};

use crate::clock::unix_now;
use crate::convert::{table_json, to_array, ArrayArg};
use crate::exceptions::OrThrow;
use crate::guard::guard;

/// Static helpers only; the class is final.
#[php_class]
#[php(name = "JLG\\Native\\Impact")]
#[php(flags = ClassFlags::Final)]
pub struct Impact;

#[php_impl]
impl Impact {
    /// Per-plugin impact scores from SitePulse's history.
    #[php(defaults(options = ArrayArg::EMPTY))]
    pub fn plugin_scores(history: &ZendHashTable, now: Option<i64>, options: ArrayArg<'_>) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Impact::pluginScores", || {
            let history = table_json(history, "history")?;
            let options: PluginScoreOptions = options.parse("options")?;
            let out = impact::plugin_scores(&history, now.unwrap_or_else(unix_now), &options).or_throw()?;
            to_array(&out)
        })
    }

    /// SitePulse's transverse impact index.
    #[php(defaults(config = ArrayArg::EMPTY))]
    pub fn transverse_index(modules: &ZendHashTable, config: ArrayArg<'_>) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Impact::transverseIndex", || {
            let modules = table_json(modules, "modules")?;
            let mut config: TransverseConfig = config.parse("config")?;
            if config.now.is_none() {
                config.now = Some(unix_now());
            }
            let out = impact::transverse_index(&modules, &config).or_throw()?;
            to_array(&out)
        })
    }

    /// Incident impact score per module.
    #[php(defaults(options = ArrayArg::EMPTY))]
    pub fn score(events: &ZendHashTable, options: ArrayArg<'_>) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Impact::score", || {
            let events = table_json(events, "events")?;
            let mut options: ScoreOptions = options.parse("options")?;
            if options.now.is_none() {
                options.now = Some(unix_now());
            }
            let out = impact::score(&events, &options).or_throw()?;
            to_array(&out)
        })
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<Impact>()
}
