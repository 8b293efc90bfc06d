//! A webhook outbox in the state store's SQLite database.
//!
//! Delivery is at least once. A flusher claims one due message at a time with
//! a lease (an immediate transaction sets `lease_token`, `lease_until` and
//! increments `attempts`), sends it outside any transaction, then settles it
//! with an update that only applies while it still holds the lease. Two
//! flushers therefore never send the same attempt; a flusher killed mid-send
//! leaves a lease that expires, and the next flush sends that message again as
//! its next attempt. Duplicates across attempts are possible (the receiver
//! may have got the request before the process died); callers deduplicate on
//! their side with the `idempotency_key`, which also makes `enqueue` idempotent.

use std::sync::Arc;

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::agent::{NetOptions, DEFAULT_MAX_BODY, DEFAULT_USER_AGENT};
use super::error::HttpError;
use super::payload::{self, Kind};
use super::transport::{Clock, Request, Response, Transport};
use super::url;
use crate::resilience::{self, BackoffOptions, Strategy};
use crate::store::{StateStore, StoreError};
use crate::vault::Vault;

/// Event-log channel of every outgoing call.
pub const LOG_CHANNEL: &str = "http";
/// Longest idempotency key, in bytes.
pub const MAX_KEY_LEN: usize = 255;
/// Most rows `pending()` and `dead()` return.
pub const MAX_LIST: usize = 1000;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS outbox (
    seq             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    host            TEXT NOT NULL,
    url             TEXT NOT NULL,
    sealed          INTEGER NOT NULL,
    body            BLOB NOT NULL,
    idempotency_key TEXT UNIQUE,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      REAL NOT NULL,
    not_before      REAL NOT NULL,
    updated_at      REAL NOT NULL,
    lease_token     TEXT,
    lease_until     REAL,
    last_status     INTEGER,
    last_error      TEXT,
    sent_at         REAL
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, not_before);
CREATE INDEX IF NOT EXISTS outbox_by_host ON outbox (host, status, lease_until);
CREATE TABLE IF NOT EXISTS outbox_hosts (
    host          TEXT PRIMARY KEY,
    blocked_until REAL NOT NULL
) WITHOUT ROWID;
";

fn default_backoff() -> BackoffOptions {
    BackoffOptions { strategy: Strategy::EqualJitter, base: 5.0, cap: 3600.0, ..BackoffOptions::default() }
}

/// Tuning of an outbox, as PHP passes it (`vault` is taken out by the binding).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutboxOptions {
    /// Attempts before a message becomes a dead letter (1 to 100).
    pub max_attempts: u32,
    /// Delays between attempts (`Backoff` options); default equal jitter from 5 s, capped at 1 h.
    pub backoff: BackoffOptions,
    /// Messages in flight at once per host (`host:port`), across all flushers.
    pub per_host_concurrency: u32,
    /// How long a claim lasts; a flusher that dies frees its message after this.
    pub lease_seconds: f64,
    /// Most messages waiting (pending) before `enqueue` refuses.
    pub max_pending: u32,
    /// Whole-exchange timeout per request, in seconds.
    pub timeout: f64,
    /// Largest response read (webhook answers are not read; kept for symmetry).
    pub max_body: u64,
    /// Sent as `User-Agent`.
    pub user_agent: String,
    /// Redirects followed.
    pub max_redirects: u32,
    /// Vault context the URLs are sealed for.
    pub context: String,
}

impl Default for OutboxOptions {
    fn default() -> Self {
        Self {
            max_attempts: 8,
            backoff: default_backoff(),
            per_host_concurrency: 1,
            lease_seconds: 60.0,
            max_pending: 10_000,
            timeout: 10.0,
            max_body: DEFAULT_MAX_BODY,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            max_redirects: 0,
            context: "jlg-native/webhook".to_owned(),
        }
    }
}

impl OutboxOptions {
    /// The network part.
    #[must_use]
    pub fn net(&self) -> NetOptions {
        NetOptions {
            timeout: self.timeout,
            max_body: self.max_body,
            user_agent: self.user_agent.clone(),
            max_redirects: self.max_redirects,
        }
    }

    /// Checks every range; errors name the key.
    pub fn validate(&self) -> Result<(), HttpError> {
        if !(1..=100).contains(&self.max_attempts) {
            return Err(HttpError::invalid("max_attempts", "must be between 1 and 100"));
        }
        self.backoff.validate().map_err(|e| HttpError::invalid(format!("backoff.{}", e.field), e.message))?;
        if !(1..=64).contains(&self.per_host_concurrency) {
            return Err(HttpError::invalid("per_host_concurrency", "must be between 1 and 64"));
        }
        if !self.lease_seconds.is_finite() || self.lease_seconds < 1.0 || self.lease_seconds > 3600.0 {
            return Err(HttpError::invalid("lease_seconds", "must be between 1 and 3600 seconds"));
        }
        if self.lease_seconds < self.timeout {
            return Err(HttpError::invalid("lease_seconds", "must be at least the timeout, or a slow send would lose its lease"));
        }
        if !(1..=1_000_000).contains(&self.max_pending) {
            return Err(HttpError::invalid("max_pending", "must be between 1 and 1000000"));
        }
        if self.context.len() > 255 {
            return Err(HttpError::invalid("context", "must be at most 255 bytes"));
        }
        self.net().validate()
    }
}

/// Options of one `enqueue`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct EnqueueOptions {
    /// The payload's shape: `discord`, `slack`, `teams` or `generic` (default).
    pub kind: Kind,
    /// A caller's key: enqueueing the same key again returns the first message's id.
    pub idempotency_key: Option<String>,
    /// Not sent before this Unix time.
    pub not_before: Option<f64>,
}

/// One message as `pending()` and `dead()` show it (never its URL or body).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MessageInfo {
    /// Its id.
    pub id: String,
    /// `discord`, `slack`, `teams` or `generic`.
    pub kind: String,
    /// `host:port` it goes to.
    pub host: String,
    /// `pending`, `sent` or `dead`.
    pub status: String,
    /// Attempts made (a claimed attempt counts even if its flusher died).
    pub attempts: u32,
    /// When it was enqueued.
    pub created_at: f64,
    /// When it may be sent next.
    pub not_before: f64,
    /// When a flusher's claim on it ends (null when none).
    pub leased_until: Option<f64>,
    /// HTTP status of the last attempt (null when none or no response).
    pub last_status: Option<u16>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// The caller's idempotency key.
    pub idempotency_key: Option<String>,
    /// Whether the URL is stored sealed by the vault.
    pub encrypted: bool,
    /// Last change.
    pub updated_at: f64,
}

/// What a flush did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct FlushReport {
    /// Delivered (2xx).
    pub sent: u32,
    /// Failed and scheduled again.
    pub retried: u32,
    /// Given up on (dead letters).
    pub dead: u32,
    /// Pending after the flush (due or not).
    pub remaining: u32,
}

struct Claimed {
    id: String,
    kind: String,
    host: String,
    url: String,
    sealed: bool,
    body: Vec<u8>,
    attempts: u32,
}

enum Verdict {
    Sent,
    Retry { delay: f64, error: String },
    Dead { error: String },
}

/// The outbox over its own connection to the store's database.
pub struct Outbox {
    store: StateStore,
    options: OutboxOptions,
    vault: Option<Arc<Vault>>,
}

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outbox").field("store", &self.store).field("encrypted", &self.vault.is_some()).finish_non_exhaustive()
    }
}

fn sql<'a>(store_path: &'a str, op: &'static str) -> impl Fn(rusqlite::Error) -> HttpError + 'a {
    move |e| HttpError::Store(StoreError::Sqlite { path: store_path.to_owned(), op, message: e.to_string() })
}

fn row_info(row: &rusqlite::Row<'_>) -> rusqlite::Result<MessageInfo> {
    Ok(MessageInfo {
        id: row.get(0)?,
        kind: row.get(1)?,
        host: row.get(2)?,
        status: row.get(3)?,
        attempts: row.get(4)?,
        created_at: row.get(5)?,
        not_before: row.get(6)?,
        leased_until: row.get(7)?,
        last_status: row.get(8)?,
        last_error: row.get(9)?,
        idempotency_key: row.get(10)?,
        encrypted: row.get::<_, i64>(11)? != 0,
        updated_at: row.get(12)?,
    })
}

const INFO_COLUMNS: &str = "id, kind, host, status, attempts, created_at, not_before, lease_until, last_status, last_error, \
     idempotency_key, sealed, updated_at";

impl Outbox {
    /// An outbox in `store`'s database (tables created when missing).
    pub fn open(mut store: StateStore, options: OutboxOptions, vault: Option<Arc<Vault>>) -> Result<Self, HttpError> {
        options.validate().map_err(|e| e.within("options"))?;
        let path = store.path().to_owned();
        store.connection().execute_batch(SCHEMA).map_err(sql(&path, "creating the outbox tables"))?;
        Ok(Self { store, options, vault })
    }

    /// The tuning in force.
    #[must_use]
    pub fn options(&self) -> &OutboxOptions {
        &self.options
    }

    /// Queues a payload for `url`; returns its id (the existing one for a known idempotency key).
    pub fn enqueue(
        &mut self,
        target_url: &str,
        payload: &Value,
        options: &EnqueueOptions,
        now: f64,
        id: &str,
        nonce: &[u8; crate::vault::NONCE_BYTES],
    ) -> Result<String, HttpError> {
        let target = url::check(target_url, "url")?;
        let body = payload::shape(options.kind, payload)?;
        if let Some(key) = &options.idempotency_key {
            if key.is_empty() || key.len() > MAX_KEY_LEN {
                return Err(HttpError::invalid("options.idempotency_key", format!("must be 1 to {MAX_KEY_LEN} bytes")));
            }
        }
        let not_before = match options.not_before {
            Some(t) if t.is_finite() && t >= 0.0 => t,
            Some(_) => return Err(HttpError::invalid("options.not_before", "must be a Unix timestamp")),
            None => now,
        };
        let (stored_url, sealed) = match &self.vault {
            Some(vault) => {
                let envelope = vault
                    .encrypt(target_url.as_bytes(), self.options.context.as_bytes(), now as i64, nonce)
                    .map_err(|source| HttpError::Vault { field: "url".into(), source })?;
                (envelope, true)
            }
            None => (target_url.to_owned(), false),
        };
        let path = self.store.path().to_owned();
        let max_pending = i64::from(self.options.max_pending);
        let fail = sql(&path, "enqueue");
        let tx = self.store.connection().transaction_with_behavior(TransactionBehavior::Immediate).map_err(&fail)?;
        if let Some(key) = &options.idempotency_key {
            let existing: Option<String> = tx
                .query_row("SELECT id FROM outbox WHERE idempotency_key = ?1", [key], |r| r.get(0))
                .optional()
                .map_err(&fail)?;
            if let Some(existing) = existing {
                return Ok(existing);
            }
        }
        let pending: i64 =
            tx.query_row("SELECT COUNT(*) FROM outbox WHERE status = 'pending'", [], |r| r.get(0)).map_err(&fail)?;
        if pending >= max_pending {
            return Err(HttpError::Store(StoreError::Sqlite {
                path: path.clone(),
                op: "enqueue",
                message: format!("the outbox is full ({pending} pending messages, max_pending {max_pending})"),
            }));
        }
        tx.execute(
            "INSERT INTO outbox (id, kind, host, url, sealed, body, idempotency_key, status, attempts, created_at, not_before, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', 0, ?8, ?9, ?8)",
            params![id, options.kind.as_str(), target.host_key(), stored_url, sealed, body, options.idempotency_key, now, not_before],
        )
        .map_err(&fail)?;
        tx.commit().map_err(&fail)?;
        Ok(id.to_owned())
    }

    fn list(&mut self, status: &str) -> Result<Vec<MessageInfo>, HttpError> {
        let path = self.store.path().to_owned();
        let fail = sql(&path, "listing the outbox");
        let conn = self.store.connection();
        let mut stmt = conn
            .prepare_cached(&format!(
                "SELECT {INFO_COLUMNS} FROM outbox WHERE status = ?1 ORDER BY not_before, seq LIMIT {MAX_LIST}"
            ))
            .map_err(&fail)?;
        let rows = stmt.query_map([status], row_info).map_err(&fail)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(&fail)
    }

    /// Messages waiting (due or not, claimed or not), oldest due first, at most 1,000.
    pub fn pending(&mut self) -> Result<Vec<MessageInfo>, HttpError> {
        self.list("pending")
    }

    /// Dead letters, kept for inspection until purged, at most 1,000.
    pub fn dead(&mut self) -> Result<Vec<MessageInfo>, HttpError> {
        self.list("dead")
    }

    /// One message by id, whatever its status.
    pub fn get(&mut self, id: &str) -> Result<Option<MessageInfo>, HttpError> {
        let path = self.store.path().to_owned();
        let fail = sql(&path, "reading the outbox");
        self.store
            .connection()
            .query_row(&format!("SELECT {INFO_COLUMNS} FROM outbox WHERE id = ?1"), [id], row_info)
            .optional()
            .map_err(fail)
    }

    /// Pending count, dead count and the oldest pending message's enqueue time.
    pub fn summary(&mut self) -> Result<(u64, u64, Option<f64>), HttpError> {
        let path = self.store.path().to_owned();
        let fail = sql(&path, "reading the outbox");
        self.store
            .connection()
            .query_row(
                "SELECT (SELECT COUNT(*) FROM outbox WHERE status = 'pending'),
                        (SELECT COUNT(*) FROM outbox WHERE status = 'dead'),
                        (SELECT MIN(created_at) FROM outbox WHERE status = 'pending')",
                [],
                |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64, r.get(2)?)),
            )
            .map_err(fail)
    }

    /// Puts a dead letter back in the queue with a fresh attempt budget, due now.
    pub fn retry(&mut self, id: &str, now: f64) -> Result<bool, HttpError> {
        let path = self.store.path().to_owned();
        let changed = self
            .store
            .connection()
            .execute(
                "UPDATE outbox SET status = 'pending', attempts = 0, not_before = ?2, updated_at = ?2,
                        lease_token = NULL, lease_until = NULL
                 WHERE id = ?1 AND status = 'dead'",
                params![id, now],
            )
            .map_err(sql(&path, "retry"))?;
        Ok(changed == 1)
    }

    /// Deletes sent messages and dead letters last changed more than `older_than` seconds ago.
    pub fn purge(&mut self, older_than: f64, now: f64) -> Result<u64, HttpError> {
        if !older_than.is_finite() || older_than < 0.0 {
            return Err(HttpError::invalid("olderThanSeconds", "must be 0 or more"));
        }
        let path = self.store.path().to_owned();
        let conn = self.store.connection();
        let n = conn
            .execute(
                "DELETE FROM outbox WHERE status IN ('sent', 'dead') AND updated_at <= ?1",
                params![now - older_than],
            )
            .map_err(sql(&path, "purge"))?;
        conn.execute("DELETE FROM outbox_hosts WHERE blocked_until <= ?1", [now]).map_err(sql(&path, "purge"))?;
        Ok(n as u64)
    }

    /// Claims the next due message for `lease_token`, or `None`. Expired claims
    /// that used the last attempt become dead letters first (counted in `dead`).
    fn claim(&mut self, now: f64, lease_token: &str, dead: &mut u32) -> Result<Option<Claimed>, HttpError> {
        let path = self.store.path().to_owned();
        let fail = sql(&path, "claiming a message");
        let max_attempts = self.options.max_attempts;
        let concurrency = self.options.per_host_concurrency;
        let lease_until = now + self.options.lease_seconds;
        let has_vault = self.vault.is_some();
        let tx = self.store.connection().transaction_with_behavior(TransactionBehavior::Immediate).map_err(&fail)?;
        let expired = tx
            .execute(
                "UPDATE outbox SET status = 'dead', updated_at = ?1, lease_token = NULL, lease_until = NULL,
                        last_error = 'the flusher of the last attempt stopped before it finished'
                 WHERE status = 'pending' AND lease_until IS NOT NULL AND lease_until <= ?1 AND attempts >= ?2",
                params![now, max_attempts],
            )
            .map_err(&fail)?;
        *dead += expired as u32;
        let row = tx
            .query_row(
                "SELECT id, kind, host, url, sealed, body, attempts FROM outbox o
                 WHERE status = 'pending' AND not_before <= ?1 AND (lease_until IS NULL OR lease_until <= ?1)
                   AND (sealed = 0 OR ?3)
                   AND (SELECT COUNT(*) FROM outbox b
                        WHERE b.host = o.host AND b.status = 'pending' AND b.lease_until > ?1) < ?2
                   AND NOT EXISTS (SELECT 1 FROM outbox_hosts h WHERE h.host = o.host AND h.blocked_until > ?1)
                 ORDER BY not_before, seq LIMIT 1",
                params![now, concurrency, has_vault],
                |r| {
                    Ok(Claimed {
                        id: r.get(0)?,
                        kind: r.get(1)?,
                        host: r.get(2)?,
                        url: r.get(3)?,
                        sealed: r.get::<_, i64>(4)? != 0,
                        body: r.get(5)?,
                        attempts: r.get::<_, u32>(6)? + 1,
                    })
                },
            )
            .optional()
            .map_err(&fail)?;
        if let Some(c) = &row {
            tx.execute(
                "UPDATE outbox SET lease_token = ?2, lease_until = ?3, attempts = ?4, updated_at = ?5 WHERE id = ?1",
                params![c.id, lease_token, lease_until, c.attempts, now],
            )
            .map_err(&fail)?;
        }
        tx.commit().map_err(&fail)?;
        Ok(row)
    }

    /// Applies the result of an attempt, if the lease is still ours. Returns whether it was.
    fn settle(
        &mut self,
        claimed: &Claimed,
        lease_token: &str,
        verdict: &Verdict,
        status: Option<u16>,
        host_block: Option<f64>,
        now: f64,
    ) -> Result<bool, HttpError> {
        let path = self.store.path().to_owned();
        let fail = sql(&path, "settling a message");
        let tx = self.store.connection().transaction_with_behavior(TransactionBehavior::Immediate).map_err(&fail)?;
        let changed = match verdict {
            Verdict::Sent => tx.execute(
                "UPDATE outbox SET status = 'sent', sent_at = ?3, updated_at = ?3, lease_token = NULL, lease_until = NULL,
                        last_status = ?4, last_error = NULL
                 WHERE id = ?1 AND lease_token = ?2",
                params![claimed.id, lease_token, now, status],
            ),
            Verdict::Retry { delay, error } => tx.execute(
                "UPDATE outbox SET not_before = ?3 + ?5, updated_at = ?3, lease_token = NULL, lease_until = NULL,
                        last_status = ?4, last_error = ?6
                 WHERE id = ?1 AND lease_token = ?2",
                params![claimed.id, lease_token, now, status, delay, error],
            ),
            Verdict::Dead { error } => tx.execute(
                "UPDATE outbox SET status = 'dead', updated_at = ?3, lease_token = NULL, lease_until = NULL,
                        last_status = ?4, last_error = ?5
                 WHERE id = ?1 AND lease_token = ?2",
                params![claimed.id, lease_token, now, status, error],
            ),
        }
        .map_err(&fail)?;
        if let Some(until) = host_block {
            tx.execute(
                "INSERT INTO outbox_hosts (host, blocked_until) VALUES (?1, ?2)
                 ON CONFLICT (host) DO UPDATE SET blocked_until = max(blocked_until, excluded.blocked_until)",
                params![claimed.host, until],
            )
            .map_err(&fail)?;
        }
        tx.commit().map_err(&fail)?;
        Ok(changed == 1)
    }

    fn pending_count(&mut self) -> Result<u32, HttpError> {
        let path = self.store.path().to_owned();
        let n: i64 = self
            .store
            .connection()
            .query_row("SELECT COUNT(*) FROM outbox WHERE status = 'pending'", [], |r| r.get(0))
            .map_err(sql(&path, "counting the outbox"))?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    fn open_url(&self, claimed: &Claimed) -> Result<Zeroizing<String>, String> {
        if !claimed.sealed {
            return Ok(Zeroizing::new(claimed.url.clone()));
        }
        let vault = self.vault.as_ref().ok_or_else(|| "the URL is sealed and no vault is configured".to_owned())?;
        let plain = vault
            .decrypt(claimed.url.as_bytes(), self.options.context.as_bytes())
            .map_err(|e| format!("cannot decrypt the stored URL: {e}"))?;
        String::from_utf8(plain.to_vec()).map(Zeroizing::new).map_err(|_| "the decrypted URL is not UTF-8".to_owned())
    }

    fn judge(&self, attempts: u32, result: &Result<Response, super::transport::Failure>, now: f64, entropy: u64) -> (Verdict, Option<f64>, Option<f64>) {
        let last = attempts >= self.options.max_attempts;
        let backoff = |retry_after: Option<f64>| {
            let options = BackoffOptions { retry_after, ..self.options.backoff.clone() };
            resilience::delay(i64::from(attempts.saturating_sub(1)), &options, entropy ^ u64::from(attempts)).unwrap_or(options.base)
        };
        let retry = |delay: f64, error: String| {
            if last {
                Verdict::Dead { error: format!("{error}; gave up after {attempts} attempts") }
            } else {
                Verdict::Retry { delay, error }
            }
        };
        match result {
            Err(failure) => (retry(backoff(None), failure.error.to_string()), None, None),
            Ok(r) => {
                let headers = r.limiter_headers();
                let reset_after = headers.number("x-ratelimit-reset-after");
                let exhausted = headers.count("x-ratelimit-remaining") == Some(0);
                let global = headers.get("x-ratelimit-global").is_some_and(|v| v.eq_ignore_ascii_case("true"))
                    || headers.get("x-ratelimit-scope").is_some_and(|v| v.eq_ignore_ascii_case("global"));
                match r.status {
                    200..=299 => {
                        // The bucket is empty: hold the host until it refills.
                        let block = if exhausted { reset_after.map(|s| now + s.min(3600.0)) } else { None };
                        (Verdict::Sent, block, None)
                    }
                    429 => {
                        let hint = headers
                            .get("retry-after")
                            .and_then(|v| resilience::parse_retry_after(v, now))
                            .or(reset_after)
                            .unwrap_or(1.0)
                            .min(86_400.0);
                        let block = if global || exhausted { Some(now + hint) } else { None };
                        (retry(backoff(Some(hint)), format!("HTTP 429, retry after {hint:.3} s")), block, Some(hint))
                    }
                    408 | 425 | 500..=599 => {
                        let hint = headers.get("retry-after").and_then(|v| resilience::parse_retry_after(v, now)).map(|h| h.min(86_400.0));
                        (retry(backoff(hint), format!("HTTP {}", r.status)), None, hint)
                    }
                    status => (Verdict::Dead { error: format!("HTTP {status} (permanent: not retried)") }, None, None),
                }
            }
        }
    }

    /// Sends due messages until none is left, `max_messages` were tried or
    /// `max_seconds` have passed. `now` is the time of the first claim; later
    /// claims add the time spent. Every attempt is logged to the `http` channel.
    pub fn flush(
        &mut self,
        transport: &dyn Transport,
        clock: &dyn Clock,
        max_messages: u32,
        max_seconds: f64,
        now: f64,
        lease_token: &str,
        entropy: u64,
    ) -> Result<FlushReport, HttpError> {
        if max_messages > 10_000 {
            return Err(HttpError::invalid("maxMessages", "must be between 0 and 10000"));
        }
        if !max_seconds.is_finite() || max_seconds < 0.0 || max_seconds > 3600.0 {
            return Err(HttpError::invalid("maxSeconds", "must be between 0 and 3600"));
        }
        let started = clock.monotonic();
        let mut report = FlushReport::default();
        for _ in 0..max_messages {
            let elapsed = clock.monotonic() - started;
            if elapsed >= max_seconds {
                break;
            }
            let at = now + elapsed;
            let Some(claimed) = self.claim(at, lease_token, &mut report.dead)? else { break };
            let (verdict, block, status, duration, result_kind, retry_after, remaining) = match self.open_url(&claimed) {
                Err(error) => (Verdict::Dead { error }, None, None, 0.0, Some("vault"), None, None),
                Ok(target) => {
                    let request = Request {
                        method: "POST",
                        url: &target,
                        authorization: None,
                        json_body: Some(&claimed.body),
                        max_redirects: self.options.max_redirects,
                        want_body: false,
                    };
                    let result = transport.send(&request);
                    let after = now + (clock.monotonic() - started);
                    let (verdict, block, hint) = self.judge(claimed.attempts, &result, after, entropy);
                    match &result {
                        Ok(r) => {
                            let remaining = r.limiter_headers().count("x-ratelimit-remaining");
                            (verdict, block, Some(r.status), r.duration_ms, None, hint, remaining)
                        }
                        Err(f) => (verdict, block, None, f.duration_ms, Some(f.error.kind()), hint, None),
                    }
                }
            };
            let settled_at = now + (clock.monotonic() - started);
            let ours = self.settle(&claimed, lease_token, &verdict, status, block, settled_at)?;
            let outcome = match (&verdict, ours) {
                (_, false) => "lease_lost",
                (Verdict::Sent, true) => "ok",
                (Verdict::Retry { .. }, true) if status == Some(429) => "rate_limited",
                (Verdict::Retry { .. }, true) => "retry",
                (Verdict::Dead { .. }, true) => "dead",
            };
            if ours {
                match verdict {
                    Verdict::Sent => report.sent += 1,
                    Verdict::Retry { .. } => report.retried += 1,
                    Verdict::Dead { .. } => report.dead += 1,
                }
            }
            let mut fields = Map::new();
            fields.insert("client".into(), Value::from("outbox"));
            fields.insert("route".into(), Value::from(format!("POST webhook:{}", claimed.kind)));
            fields.insert("host".into(), Value::from(claimed.host.clone()));
            fields.insert("message_id".into(), Value::from(claimed.id.clone()));
            fields.insert("attempt".into(), Value::from(claimed.attempts));
            fields.insert("status".into(), status.map_or(Value::Null, Value::from));
            fields.insert("duration_ms".into(), Value::from((duration * 1000.0).round() / 1000.0));
            fields.insert("rate_limit_remaining".into(), remaining.map_or(Value::Null, Value::from));
            if let Some(h) = retry_after {
                fields.insert("retry_after".into(), Value::from(h));
            }
            if let Some(k) = result_kind {
                fields.insert("error".into(), Value::from(k));
            }
            fields.insert("outcome".into(), Value::from(outcome));
            if let Err(e) = self.store.log_event(LOG_CHANNEL, &fields, settled_at) {
                log::warn!("outbox: the event log refused an entry: {e}");
            }
        }
        report.remaining = self.pending_count()?;
        Ok(report)
    }
}
