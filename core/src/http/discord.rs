//! Discord guild statistics through the bot API, with the widget as fallback,
//! behind the rate limiter and a circuit breaker per source.
//!
//! Before any request the limiter and the breaker of its source are consulted
//! and updated in one step (one immediate transaction when a state store is
//! shared): when either says wait, no request is sent. The limiter is keyed by
//! the token's fingerprint, so every process using the same token shares its
//! buckets; without a store the state lives in the object.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::agent::{NetOptions, DEFAULT_MAX_BODY, DEFAULT_USER_AGENT};
use super::error::HttpError;
use super::outbox::LOG_CHANNEL;
use super::transport::{Clock, Request, Response, Transport};
use super::url;
use crate::resilience::{self, BreakerConfig, BreakerState, CircuitBreaker, LimiterConfig, LimiterState, RateLimiter};
use crate::store::StateStore;
use crate::vault::{self, Vault};

/// Default API root.
pub const DEFAULT_BASE_URL: &str = "https://discord.com/api/v10";
/// Most times one call sleeps for the limiter before giving up on a source.
const MAX_WAITS: u32 = 3;

/// Tuning of a client, as PHP passes it (`token`, `state_store` and `vault` are taken out by the binding).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DiscordOptions {
    /// API root; the widget is read from `<base_url>/guilds/{id}/widget.json` too.
    pub base_url: String,
    /// Whole-exchange timeout per request, in seconds.
    pub timeout: f64,
    /// Largest response body read, in bytes.
    pub max_body: u64,
    /// Sent as `User-Agent`.
    pub user_agent: String,
    /// Redirects followed (the Authorization header is never forwarded).
    pub max_redirects: u32,
    /// Vault context the token envelope was sealed for.
    pub context: String,
    /// Longest wait the client sleeps through when the limiter asks for one (0: never sleep, fall back).
    pub max_wait: f64,
    /// `RateLimiter` tuning.
    pub limiter: LimiterConfig,
    /// `CircuitBreaker` tuning, per source (bot, widget).
    pub breaker: BreakerConfig,
}

impl Default for DiscordOptions {
    fn default() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: 10.0,
            max_body: DEFAULT_MAX_BODY,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            max_redirects: 3,
            context: String::new(),
            max_wait: 0.0,
            limiter: LimiterConfig::default(),
            breaker: BreakerConfig::default(),
        }
    }
}

impl DiscordOptions {
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

    /// Checks every value; errors name the key.
    pub fn validate(&self) -> Result<(), HttpError> {
        url::check(&self.base_url, "base_url")?;
        if self.base_url.contains(['?', '#']) {
            return Err(HttpError::invalid("base_url", "must not carry a query or a fragment"));
        }
        if !self.max_wait.is_finite() || !(0.0..=60.0).contains(&self.max_wait) {
            return Err(HttpError::invalid("max_wait", "must be between 0 and 60 seconds"));
        }
        self.limiter.validate().map_err(|e| HttpError::invalid(format!("limiter.{}", e.field), e.message))?;
        self.breaker.validate().map_err(|e| HttpError::invalid(format!("breaker.{}", e.field), e.message))?;
        self.net().validate()
    }
}

/// The bot token as the caller gave it: a vault envelope or the plain token.
pub fn resolve_token(raw: &[u8], vault: Option<&Vault>, context: &str) -> Result<Zeroizing<String>, HttpError> {
    let plain: Zeroizing<Vec<u8>> = if vault::is_envelope(raw) {
        let vault = vault.ok_or_else(|| HttpError::invalid("options.token", "is a vault envelope: pass options.vault to open it"))?;
        vault.decrypt(raw, context.as_bytes()).map_err(|source| HttpError::Vault { field: "options.token".into(), source })?
    } else {
        Zeroizing::new(raw.to_vec())
    };
    let text = std::str::from_utf8(&plain).map_err(|_| HttpError::invalid("options.token", "must be ASCII text"))?;
    let bare = text.trim().strip_prefix("Bot ").unwrap_or(text.trim());
    if bare.is_empty() || bare.len() > 256 || !bare.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(HttpError::invalid("options.token", "must be a bot token (1 to 256 printable ASCII characters, no spaces)"));
    }
    Ok(Zeroizing::new(format!("Bot {bare}")))
}

/// A short, non-secret fingerprint of the token (the key of its shared limiter state).
fn fingerprint(token: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The result of `guildStats`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuildStats {
    /// `bot` or `widget`.
    pub source: &'static str,
    /// Members (`approximate_member_count`); null from the widget, which does not give it.
    pub member_count: Option<u64>,
    /// Members online.
    pub presence_count: Option<u64>,
    /// The guild's name.
    pub name: Option<String>,
    /// When the answer arrived (Unix seconds).
    pub fetched_at: f64,
    /// Time spent in the call, all requests and waits included, in milliseconds.
    pub duration_ms: f64,
}

/// Rate-limit headers of the last response.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct RateLimitInfo {
    pub limit: Option<u32>,
    pub remaining: Option<u32>,
    pub reset_after: Option<f64>,
    pub bucket: Option<String>,
    pub global: bool,
    pub scope: Option<String>,
    pub retry_after: Option<f64>,
}

/// `lastResponse()`: what happened to the last request (or the last refusal to send one).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct LastResponse {
    /// HTTP status; null when no response (transport error, or no request sent).
    pub status: Option<u16>,
    /// Duration of the request, in milliseconds (0 when none was sent).
    pub duration_ms: f64,
    /// The response's rate-limit headers.
    pub rate_limit: RateLimitInfo,
    /// Requests sent by the last call (1 or 2).
    pub attempt: u32,
    /// `bot` or `widget`.
    pub source: Option<&'static str>,
    /// The route key (ids of guilds kept, tokens never).
    pub route: Option<String>,
    /// `ok`, `rate_limited`, `circuit_open`, `halted`, `unauthorized`, `http_error`, `timeout`, ...
    pub outcome: Option<String>,
    /// Why, when not ok (never a token, URL or body).
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
struct SourceState {
    limiter: LimiterState,
    breaker: BreakerState,
}

/// Where limiter and breaker states live.
enum Shared {
    Memory(Map<String, Value>),
    Store(Box<StateStore>),
}

impl Shared {
    fn update<R>(
        &mut self,
        key: &str,
        now: f64,
        change: impl FnOnce(Option<Value>) -> Result<(Option<Value>, R), HttpError>,
    ) -> Result<R, HttpError> {
        match self {
            Self::Memory(map) => {
                let (next, r) = change(map.get(key).cloned())?;
                if let Some(v) = next {
                    map.insert(key.to_owned(), v);
                }
                Ok(r)
            }
            Self::Store(store) => store.update_value(key, now, change),
        }
    }
}

enum Gate {
    Go,
    Wait(f64),
    Open(Option<f64>),
    Halted,
}

/// The client.
pub struct DiscordClient {
    options: DiscordOptions,
    token: Option<Zeroizing<String>>,
    token_key: Option<String>,
    shared: Shared,
    last: LastResponse,
    entropy: u64,
}

impl std::fmt::Debug for DiscordClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordClient").field("base_url", &self.options.base_url).field("token", &self.token.as_ref().map(|_| "(set)")).finish_non_exhaustive()
    }
}

/// The outcome of one source.
enum Attempt {
    Done(Response),
    Skipped(String),
    Failed(String),
}

impl DiscordClient {
    /// A client. `token` is already resolved ([`resolve_token`]); `store` shares state and receives the log.
    pub fn new(
        options: DiscordOptions,
        token: Option<Zeroizing<String>>,
        store: Option<StateStore>,
        entropy: u64,
    ) -> Result<Self, HttpError> {
        options.validate().map_err(|e| e.within("options"))?;
        let token_key = token.as_ref().map(|t| format!("http.discord.bot.{}", fingerprint(t)));
        let shared = match store {
            Some(s) => Shared::Store(Box::new(s)),
            None => Shared::Memory(Map::new()),
        };
        Ok(Self { options, token, token_key, shared, last: LastResponse::default(), entropy })
    }

    /// The last request's summary.
    #[must_use]
    pub fn last_response(&self) -> &LastResponse {
        &self.last
    }

    fn gate(&mut self, key: &str, route: &str, now: f64) -> Result<Gate, HttpError> {
        let (limiter_cfg, breaker_cfg) = (self.options.limiter.clone(), self.options.breaker.clone());
        self.shared.update(key, now, |value| {
            let (mut limiter, mut breaker) = load_source(value, limiter_cfg, breaker_cfg)?;
            let gate = if !breaker.allow(now) {
                Gate::Open(breaker.retry_at())
            } else {
                match limiter.wait(route, now).map_err(|e| HttpError::invalid("route", e.to_string()))? {
                    w if w.is_infinite() => Gate::Halted,
                    w if w > 0.0 => Gate::Wait(w),
                    _ => Gate::Go,
                }
            };
            let next = SourceState { limiter: limiter.state_data().clone(), breaker: breaker.state_data().clone() };
            Ok((Some(serde_json::to_value(next).unwrap_or(Value::Null)), gate))
        })
    }

    fn learn(&mut self, key: &str, route: &str, result: &Result<Response, super::transport::Failure>, now: f64) -> Result<RateLimitInfo, HttpError> {
        let (limiter_cfg, breaker_cfg, entropy) = (self.options.limiter.clone(), self.options.breaker.clone(), self.entropy);
        self.shared.update(key, now, |value| {
            let (mut limiter, mut breaker) = load_source(value, limiter_cfg, breaker_cfg)?;
            let mut info = RateLimitInfo::default();
            match result {
                Err(_) => breaker.record_failure(now, None, entropy).map_err(|e| HttpError::invalid("breaker", e.to_string()))?,
                Ok(r) => {
                    let headers = r.limiter_headers();
                    let outcome = limiter
                        .update(route, i64::from(r.status), &headers, now)
                        .map_err(|e| HttpError::invalid("status", e.to_string()))?;
                    info = RateLimitInfo {
                        limit: headers.count("x-ratelimit-limit"),
                        remaining: headers.count("x-ratelimit-remaining"),
                        reset_after: headers.number("x-ratelimit-reset-after"),
                        bucket: outcome.bucket.clone(),
                        global: outcome.global,
                        scope: outcome.scope.clone(),
                        retry_after: outcome.retry_after,
                    };
                    match r.status {
                        429 => breaker.record_failure(now, outcome.retry_after, entropy).map_err(|e| HttpError::invalid("breaker", e.to_string()))?,
                        500..=599 => breaker.record_failure(now, None, entropy).map_err(|e| HttpError::invalid("breaker", e.to_string()))?,
                        // The service answered: a 2xx, or the caller's own 4xx.
                        _ => breaker.record_success(now),
                    }
                }
            }
            let next = SourceState { limiter: limiter.state_data().clone(), breaker: breaker.state_data().clone() };
            Ok((Some(serde_json::to_value(next).unwrap_or(Value::Null)), info))
        })
    }

    fn log(&mut self, fields: Map<String, Value>, now: f64) {
        if let Shared::Store(store) = &mut self.shared {
            if let Err(e) = store.log_event(LOG_CHANNEL, &fields, now) {
                log::warn!("discord client: the event log refused an entry: {e}");
            }
        }
    }

    /// One source: gate, send, learn, log.
    fn attempt(
        &mut self,
        source: &'static str,
        key: &str,
        guild_id: &str,
        transport: &dyn Transport,
        clock: &dyn Clock,
    ) -> Result<Attempt, HttpError> {
        let (path, auth) = match source {
            "bot" => (format!("/guilds/{guild_id}?with_counts=true"), self.token.clone()),
            _ => (format!("/guilds/{guild_id}/widget.json"), None),
        };
        let route = resilience::route_key("GET", &path).map_err(|e| HttpError::invalid("guildId", e.to_string()))?;
        let mut waits = 0;
        loop {
            let now = clock.now();
            let skip = |outcome: &str, why: String, last: &mut LastResponse| {
                *last = LastResponse {
                    source: Some(source),
                    route: Some(route.clone()),
                    outcome: Some(outcome.to_owned()),
                    error: Some(why.clone()),
                    attempt: last.attempt,
                    ..LastResponse::default()
                };
                Ok(Attempt::Skipped(why))
            };
            match self.gate(key, &route, now)? {
                Gate::Go => break,
                Gate::Wait(w) if w <= self.options.max_wait && waits < MAX_WAITS => {
                    waits += 1;
                    clock.sleep(w);
                }
                Gate::Wait(w) => return skip("rate_limited", format!("rate limited for {w:.3} s (no request sent)"), &mut self.last),
                Gate::Open(at) => {
                    let why = match at {
                        Some(t) => format!("circuit open for {:.3} s (no request sent)", (t - now).max(0.0)),
                        None => "circuit open (no request sent)".to_owned(),
                    };
                    return skip("circuit_open", why, &mut self.last);
                }
                Gate::Halted => {
                    return skip("halted", "calls halted after a 401: fix the token, then reset (no request sent)".into(), &mut self.last)
                }
            }
        }
        let full = format!("{}{path}", self.options.base_url.trim_end_matches('/'));
        let request = Request { method: "GET", url: &full, authorization: auth, json_body: None, max_redirects: self.options.max_redirects, want_body: true };
        let result = transport.send(&request);
        let now = clock.now();
        let info = self.learn(key, &route, &result, now)?;
        let attempt_no = self.last.attempt + 1;
        let (status, duration, outcome, error) = match &result {
            Ok(r) if (200..300).contains(&r.status) => (Some(r.status), r.duration_ms, "ok".to_owned(), None),
            Ok(r) => {
                let outcome = match r.status {
                    401 => "unauthorized",
                    429 => "rate_limited",
                    _ => "http_error",
                };
                (Some(r.status), r.duration_ms, outcome.to_owned(), Some(format!("HTTP {}", r.status)))
            }
            Err(f) => (None, f.duration_ms, f.error.kind().to_owned(), Some(f.error.to_string())),
        };
        let mut fields = Map::new();
        fields.insert("client".into(), Value::from("discord"));
        fields.insert("source".into(), Value::from(source));
        fields.insert("route".into(), Value::from(route.clone()));
        fields.insert("attempt".into(), Value::from(attempt_no));
        fields.insert("status".into(), status.map_or(Value::Null, Value::from));
        fields.insert("duration_ms".into(), Value::from((duration * 1000.0).round() / 1000.0));
        fields.insert("rate_limit_remaining".into(), info.remaining.map_or(Value::Null, Value::from));
        if let Some(h) = info.retry_after {
            fields.insert("retry_after".into(), Value::from(h));
        }
        fields.insert("outcome".into(), Value::from(outcome.clone()));
        self.log(fields, now);
        self.last = LastResponse {
            status,
            duration_ms: duration,
            rate_limit: info,
            attempt: attempt_no,
            source: Some(source),
            route: Some(route),
            outcome: Some(outcome),
            error: error.clone(),
        };
        Ok(match result {
            Ok(r) if (200..300).contains(&r.status) => Attempt::Done(r),
            _ => Attempt::Failed(error.unwrap_or_default()),
        })
    }

    /// Member and presence counts of a guild: the bot API first, the widget when
    /// the bot API is unavailable (no token, rate limited, circuit open, error).
    pub fn guild_stats(&mut self, guild_id: &str, transport: &dyn Transport, clock: &dyn Clock) -> Result<GuildStats, HttpError> {
        if guild_id.is_empty() || guild_id.len() > 20 || !guild_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(HttpError::invalid("guildId", "must be a Discord snowflake: 1 to 20 digits"));
        }
        let started = clock.monotonic();
        self.last = LastResponse::default();
        let stats = |source: &'static str, member_count: Option<u64>, presence_count: Option<u64>, name: Option<String>| GuildStats {
            source,
            member_count,
            presence_count,
            name,
            fetched_at: clock.now(),
            duration_ms: (clock.monotonic() - started) * 1000.0,
        };
        let bot_reason = match self.token_key.clone() {
            None => "no bot token configured".to_owned(),
            Some(key) => match self.attempt("bot", &key, guild_id, transport, clock)? {
                Attempt::Done(r) => match parse(&r.body, true) {
                    Ok((members, presences, name)) => return Ok(stats("bot", members, presences, name)),
                    Err(why) => why,
                },
                Attempt::Skipped(why) | Attempt::Failed(why) => why,
            },
        };
        let widget_reason = match self.attempt("widget", "http.discord.widget", guild_id, transport, clock)? {
            Attempt::Done(r) => match parse(&r.body, false) {
                // The widget has no member count.
                Ok((_, presences, name)) => return Ok(stats("widget", None, presences, name)),
                Err(why) => why,
            },
            Attempt::Skipped(why) | Attempt::Failed(why) => why,
        };
        Err(HttpError::Unavailable { bot: bot_reason, widget: widget_reason })
    }
}

/// The limiter and breaker of one source from their shared state; a state that
/// no longer reads (another version, damage) starts over rather than failing.
fn load_source(value: Option<Value>, limiter_cfg: LimiterConfig, breaker_cfg: BreakerConfig) -> Result<(RateLimiter, CircuitBreaker), HttpError> {
    let state: SourceState = value.and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
    let limiter = RateLimiter::new(state.limiter, limiter_cfg.clone())
        .or_else(|_| RateLimiter::new(LimiterState::default(), limiter_cfg))
        .map_err(|e| HttpError::invalid("options.limiter", e.to_string()))?;
    let breaker = CircuitBreaker::new(state.breaker, breaker_cfg.clone())
        .or_else(|_| CircuitBreaker::new(BreakerState::default(), breaker_cfg))
        .map_err(|e| HttpError::invalid("options.breaker", e.to_string()))?;
    Ok((limiter, breaker))
}

type Counts = (Option<u64>, Option<u64>, Option<String>);

fn parse(body: &[u8], bot: bool) -> Result<Counts, String> {
    let v: Value = serde_json::from_slice(body).map_err(|_| "the response is not JSON".to_owned())?;
    let obj = v.as_object().ok_or_else(|| "the response is not a JSON object".to_owned())?;
    let name = obj.get("name").and_then(Value::as_str).map(|s| s.chars().take(100).collect());
    if bot {
        let members = obj.get("approximate_member_count").and_then(Value::as_u64);
        let presences = obj.get("approximate_presence_count").and_then(Value::as_u64);
        if members.is_none() {
            return Err("the response has no approximate_member_count".into());
        }
        Ok((members, presences, name))
    } else {
        let presences = obj.get("presence_count").and_then(Value::as_u64);
        if presences.is_none() {
            return Err("the widget has no presence_count".into());
        }
        Ok((None, presences, name))
    }
}

/// Shared vault handle type, for the binding.
pub type SharedVault = Arc<Vault>;
