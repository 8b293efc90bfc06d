//! `JLG\Native\StateStore`: the node-local SQLite store.
// Parameter names are the PHP ones (camelCase), as Reflection shows them.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use jlg_native_core::store::{self, EventFilter, StoreOptions};

use crate::args;
use crate::convert::{self, to_php_array, ArrayArg};
use crate::exceptions::OrThrow;
use crate::guard::guard;

#[php_class]
#[php(name = "JLG\\Native\\StateStore")]
#[php(flags = ClassFlags::Final)]
pub struct StateStore {
    pub(crate) inner: store::StateStore,
}

#[php_impl]
impl StateStore {
    /// Opens the store at `path`, or `<jlg_native.state_dir>/state.sqlite`.
    #[php(defaults(options = ArrayArg::EMPTY))]
    pub fn __construct(path: Option<String>, options: ArrayArg<'_>) -> PhpResult<Self> {
        guard("JLG\\Native\\StateStore::__construct", || {
            let options: StoreOptions = options.parse("options")?;
            let dir = crate::ini::string(crate::ini::STATE_DIR);
            let path = store::resolve_path(path.as_deref(), dir.as_deref()).or_throw()?;
            Ok(Self { inner: store::StateStore::open(&path, options).or_throw()? })
        })
    }

    /// The file this store uses.
    pub fn path(&self) -> PhpResult<String> {
        guard("JLG\\Native\\StateStore::path", || Ok(self.inner.path().to_owned()))
    }

    /// Takes a lock for `ttlSeconds`; returns its token, or null when someone else holds it.
    pub fn acquire_lock(&mut self, name: String, ttlSeconds: i64, now: Option<f64>) -> PhpResult<Option<String>> {
        guard("JLG\\Native\\StateStore::acquireLock", || {
            let now = args::now(now)?;
            let token = args::token()?;
            self.inner.acquire_lock(&name, ttlSeconds, now, &token).or_throw()
        })
    }

    /// Releases a lock held with `token`; false when it is no longer ours.
    pub fn release_lock(&mut self, name: String, token: String) -> PhpResult<bool> {
        guard("JLG\\Native\\StateStore::releaseLock", || self.inner.release_lock(&name, &token).or_throw())
    }

    /// Adds `by` to a counter and returns the new value.
    #[php(defaults(by = 1))]
    pub fn increment(&mut self, counter: String, by: i64) -> PhpResult<i64> {
        guard("JLG\\Native\\StateStore::increment", || self.inner.increment(&counter, by).or_throw())
    }

    /// Counters whose name starts with `prefix`, name => value.
    #[php(defaults(prefix = String::new()))]
    pub fn counters(&self, prefix: String) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\StateStore::counters", || {
            let rows = self.inner.counters(&prefix).or_throw()?;
            convert::to_array(&store::counters_to_json(rows))
        })
    }

    /// The value under `key`, or null when missing or expired.
    pub fn get(&self, key: String) -> PhpResult<Zval> {
        guard("JLG\\Native\\StateStore::get", || {
            let now = args::now(None)?;
            match self.inner.get(&key, now).or_throw()? {
                Some(value) => convert::to_zval(&value),
                None => {
                    let mut z = Zval::new();
                    z.set_null();
                    Ok(z)
                }
            }
        })
    }

    /// Stores a JSON-encodable value (objects are refused), for `ttlSeconds` when given.
    pub fn set(&mut self, key: String, value: &Zval, ttlSeconds: Option<i64>) -> PhpResult<()> {
        guard("JLG\\Native\\StateStore::set", || {
            let now = args::now(None)?;
            let json = convert::to_json(value, "value")?;
            self.inner.set(&key, &json, ttlSeconds, now).or_throw()
        })
    }

    /// Deletes `key`; true when a live value was there.
    pub fn delete(&mut self, key: String) -> PhpResult<bool> {
        guard("JLG\\Native\\StateStore::delete", || {
            let now = args::now(None)?;
            self.inner.delete(&key, now).or_throw()
        })
    }

    /// Appends a structured event to `channel` (bounded by count and age).
    pub fn log_event(&mut self, channel: String, fields: ArrayArg<'_>, now: Option<f64>) -> PhpResult<()> {
        guard("JLG\\Native\\StateStore::logEvent", || {
            let now = args::now(now)?;
            let fields = fields.object("fields")?;
            self.inner.log_event(&channel, &fields, now).or_throw()
        })
    }

    /// Events of `channel`: filter keys since, until, outcome, route, limit, order.
    #[php(defaults(filter = ArrayArg::EMPTY))]
    pub fn events(&self, channel: String, filter: ArrayArg<'_>) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\StateStore::events", || {
            let filter: EventFilter = filter.parse("filter")?;
            let events = self.inner.events(&channel, &filter).or_throw()?;
            to_php_array(&events)
        })
    }

    /// Aggregates of `channel` since `since`.
    pub fn metrics(&self, channel: String, since: f64) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\StateStore::metrics", || {
            let metrics = self.inner.metrics(&channel, since).or_throw()?;
            to_php_array(&metrics)
        })
    }

    /// Runs SQLite's integrity check; true, or a NativeException listing the damage.
    pub fn integrity_check(&self) -> PhpResult<bool> {
        guard("JLG\\Native\\StateStore::integrityCheck", || {
            self.inner.integrity_check().or_throw()?;
            Ok(true)
        })
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<StateStore>()
}
