//! `JLG\Native\Impact`: SitePulse's impact scores and the incident score.

use ext_php_rs::prelude::*;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::types::{ArrayKey, ZendHashTable, Zval};
use jlg_native_core::id::Id;
use jlg_native_core::impact::{self, Entries, History, HistoryEntry, PluginScoreOptions, ScoreOptions, TransverseConfig};
use jlg_native_core::scalar::Scalar;

use crate::clock::unix_now;
use crate::convert::{table_json, to_array, ArrayArg};
use crate::exceptions::OrThrow;
use crate::guard::guard;
use crate::rows;

/// Static helpers only; the class is final.
#[php_class]
#[php(name = "JLG\\Native\\Impact")]
#[php(flags = ClassFlags::Final)]
pub struct Impact;

/// One history entry, read in place from PHP's array.
struct Entry<'a>(&'a Zval);

impl HistoryEntry for Entry<'_> {
    fn value(&self) -> Scalar<'_> {
        rows::scalar(self.0)
    }
    fn is_list(&self) -> bool {
        self.0.dereference().array().is_some_and(ZendHashTable::has_sequential_keys)
    }
    fn get(&self, key: &str) -> Scalar<'_> {
        rows::field(self.0, key)
    }
}

/// The history as the core reads it: plugin keys with views of their entries,
/// nothing copied but the keys.
fn history_view(table: &ZendHashTable) -> History<Entry<'_>> {
    if table.has_sequential_keys() {
        return History::List { len: table.len() };
    }
    let plugins = table
        .iter()
        .map(|(key, item)| {
            let key = match key {
                ArrayKey::Long(n) => Id::Int(n),
                ArrayKey::String(s) => Id::Str(s),
                ArrayKey::Str(s) => Id::Str(s.to_owned()),
                other => Id::Str(other.to_string()),
            };
            let entries = match item.dereference().array() {
                Some(list) => Entries::Array(list.values().map(Entry).collect()),
                None => Entries::NotArray,
            };
            (key, entries)
        })
        .collect();
    History::Map(plugins)
}

#[php_impl]
impl Impact {
    /// Only static methods: the class cannot be instantiated.
    #[php(vis = "private")]
    pub fn __construct() -> Self {
        Self
    }

    /// Per-plugin impact scores from SitePulse's history (walked in place).
    #[php(defaults(options = ArrayArg::EMPTY))]
    pub fn plugin_scores(history: &ZendHashTable, now: Option<i64>, options: ArrayArg<'_>) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\Impact::pluginScores", || {
            let options: PluginScoreOptions = options.parse("options")?;
            let out = impact::plugin_scores_of(&history_view(history), now.unwrap_or_else(unix_now), &options).or_throw()?;
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
