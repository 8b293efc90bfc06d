//! `JLG\Native\WebhookOutbox`: alerts to Discord, Slack, Teams or any JSON
//! endpoint, queued in the StateStore's SQLite file and delivered with leases,
//! backoff and dead letters (see core `http::outbox`).

use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use jlg_native_core::http::{self, EnqueueOptions, OutboxOptions, UreqTransport};

use crate::args;
use crate::clock::SystemClock;
use crate::convert::{from_value, to_php_array, ArrayArg};
use crate::exceptions::OrThrow;
use crate::guard::guard;
use crate::http_args;
use crate::state_store::StateStore;

#[php_class]
#[php(name = "JLG\\Native\\WebhookOutbox")]
#[php(flags = ClassFlags::Final)]
pub struct WebhookOutbox {
    inner: http::Outbox,
    transport: UreqTransport,
    clock: SystemClock,
}

#[php_impl]
impl WebhookOutbox {
    /// Options: max_attempts, backoff, per_host_concurrency, lease_seconds, max_pending,
    /// timeout, max_body, user_agent, max_redirects, vault, context.
    #[php(defaults(options = ArrayArg::EMPTY))]
    pub fn __construct(store: &StateStore, options: ArrayArg<'_>) -> PhpResult<Self> {
        guard("JLG\\Native\\WebhookOutbox::__construct", || {
            let (json, objects) = options.split("options", &["vault"])?;
            let parsed: OutboxOptions = from_value(json, "options")?;
            let mut vault = None;
            for (_, value) in objects {
                vault = http_args::vault_option(value)?;
            }
            let transport = http_args::transport(parsed.net())?;
            let connection = store.inner.reopen().or_throw()?;
            let inner = http::Outbox::open(connection, parsed, vault).or_throw()?;
            Ok(Self { inner, transport, clock: SystemClock::new() })
        })
    }

    /// Queues a payload; options kind, idempotency_key, not_before. Returns the message id.
    #[php(defaults(options = ArrayArg::EMPTY))]
    pub fn enqueue(&mut self, url: String, payload: ArrayArg<'_>, options: ArrayArg<'_>) -> PhpResult<String> {
        guard("JLG\\Native\\WebhookOutbox::enqueue", || {
            let payload = payload.to_json("payload")?;
            let opts: EnqueueOptions = options.parse("options")?;
            let now = args::now(None)?;
            let id = args::token()?;
            self.inner.enqueue(&url, &payload, &opts, now, &id, &args::nonce()?).or_throw()
        })
    }

    /// Sends due messages: `{sent, retried, dead, remaining}`.
    #[php(defaults(maxMessages = 20, maxSeconds = 5.0))]
    pub fn flush(&mut self, maxMessages: i64, maxSeconds: f64, now: Option<f64>) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\WebhookOutbox::flush", || {
            let now = args::now(now)?;
            let max = u32::try_from(maxMessages.clamp(0, i64::from(u32::MAX))).unwrap_or(0);
            if maxMessages < 0 {
                return Err(crate::exceptions::invalid_input("maxMessages", "maxMessages: must be 0 or more"));
            }
            let lease = args::token()?;
            let report = self.inner.flush(&self.transport, &self.clock, max, maxSeconds, now, &lease, args::entropy()).or_throw()?;
            to_php_array(&report)
        })
    }

    /// Messages waiting, oldest due first (no URL, no payload).
    pub fn pending(&mut self) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\WebhookOutbox::pending", || to_php_array(&self.inner.pending().or_throw()?))
    }

    /// Dead letters, kept until purged.
    pub fn dead(&mut self) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\WebhookOutbox::dead", || to_php_array(&self.inner.dead().or_throw()?))
    }

    /// Exact counts of the queue, whatever its length (the lists stop at 1000).
    pub fn summary(&mut self) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\WebhookOutbox::summary", || {
            let (pending, dead, oldest) = self.inner.summary().or_throw()?;
            to_php_array(&serde_json::json!({
                "pending": pending,
                "dead": dead,
                "oldest_pending_at": oldest,
            }))
        })
    }

    /// Puts a dead letter back in the queue, due now, with a fresh attempt budget.
    pub fn retry(&mut self, id: String) -> PhpResult<bool> {
        guard("JLG\\Native\\WebhookOutbox::retry", || {
            let now = args::now(None)?;
            self.inner.retry(&id, now).or_throw()
        })
    }

    /// Deletes sent messages and dead letters older than `olderThanSeconds`; returns how many.
    pub fn purge(&mut self, olderThanSeconds: i64) -> PhpResult<i64> {
        guard("JLG\\Native\\WebhookOutbox::purge", || {
            let now = args::now(None)?;
            let n = self.inner.purge(olderThanSeconds as f64, now).or_throw()?;
            Ok(i64::try_from(n).unwrap_or(i64::MAX))
        })
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<WebhookOutbox>()
}
