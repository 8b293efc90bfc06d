//! Discord's rate-limit model, kept ahead of the server instead of only logged.
//!
//! - Per-route buckets: `X-RateLimit-Bucket` names a limit shared by routes;
//!   Discord counts it separately per top-level resource, so a bucket is keyed
//!   by `hash:major` (`abcd1234:channels/123`). `X-RateLimit-Remaining` and
//!   `-Reset-After` (else `-Reset`) tell when it refills.
//! - The global limit: `global_per_second` requests per second per bot token,
//!   counted here in one-second windows by `wait()`; a 429 with
//!   `X-RateLimit-Global` (or scope `global`) blocks every route for Retry-After.
//! - The invalid-request budget: Discord bans an IP for a while after 10,000
//!   responses 401, 403 or 429 (a 429 with scope `shared` excepted) within 10
//!   minutes. They are counted in ten slots of a tenth of the window; once
//!   `invalid_safety_ratio` of the budget is used in the window, `wait()`
//!   refuses until enough slots have rolled out.
//! - A 401 means the token is wrong: every route is halted (`wait()` is
//!   infinite) until `reset()`.
//!
//! `wait()` returning 0 takes the slot: the caller is assumed to send the
//! request now. A positive wait takes nothing; ask again after waiting.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::{finite_above, finite_at_least, timestamp, within, ResilienceError};
use super::headers::Headers;
use super::retry_after::parse_retry_after;
use super::route::major_of;

/// Hard bound of the route and bucket maps in a state array.
pub const MAX_ENTRIES: usize = 10_000;
/// Slots of the invalid-request window.
pub const INVALID_SLOTS: usize = 10;
/// Longest route key or bucket hash kept.
const MAX_KEY_LEN: usize = 512;

/// Tuning of a limiter, as PHP passes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimiterConfig {
    /// Requests per second allowed per token across all routes.
    pub global_per_second: u32,
    /// Invalid responses (401, 403, 429) that get an IP banned within the window.
    pub invalid_limit: u32,
    /// The window of that ban rule, in seconds.
    pub invalid_window_seconds: f64,
    /// Share of `invalid_limit` this limiter lets the caller use (0-1).
    pub invalid_safety_ratio: f64,
    /// Wait after a 429 that carries neither Retry-After nor Reset-After, in seconds.
    pub default_retry_after: f64,
    /// Most buckets (and route mappings) remembered; the least recently seen go first.
    pub max_buckets: u32,
}

impl Default for LimiterConfig {
    fn default() -> Self {
        Self {
            global_per_second: 50,
            invalid_limit: 10_000,
            invalid_window_seconds: 600.0,
            invalid_safety_ratio: 0.5,
            default_retry_after: 1.0,
            max_buckets: 1000,
        }
    }
}

impl LimiterConfig {
    /// Checks every range; errors name the key.
    pub fn validate(&self) -> Result<(), ResilienceError> {
        within("global_per_second", u64::from(self.global_per_second), 1, 1_000_000)?;
        within("invalid_limit", u64::from(self.invalid_limit), 1, 100_000_000)?;
        within("max_buckets", u64::from(self.max_buckets), 1, MAX_ENTRIES as u64)?;
        finite_above("invalid_window_seconds", self.invalid_window_seconds, 0.0)?;
        finite_above("invalid_safety_ratio", self.invalid_safety_ratio, 0.0)?;
        if self.invalid_safety_ratio > 1.0 {
            return Err(ResilienceError::new(
                "invalid_safety_ratio",
                format!("must be at most 1, got {}", self.invalid_safety_ratio),
            ));
        }
        finite_at_least("default_retry_after", self.default_retry_after, 0.0)?;
        Ok(())
    }

    /// Invalid responses allowed in the window before `wait()` refuses.
    #[must_use]
    pub fn invalid_allowance(&self) -> u64 {
        ((f64::from(self.invalid_limit) * self.invalid_safety_ratio).floor() as u64).max(1)
    }
}

/// One bucket's last known position.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Bucket {
    /// Requests per period (`X-RateLimit-Limit`), when known.
    pub limit: Option<u32>,
    /// Requests left before `reset_at`.
    pub remaining: u32,
    /// When the bucket refills (Unix seconds).
    pub reset_at: f64,
    /// When this bucket was last updated (for eviction).
    pub seen_at: f64,
    /// Length of the bucket's period as observed (the longest reset delay seen), in seconds.
    pub period: f64,
}

/// A slot of the invalid-request window: the count of invalid responses since `start`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct InvalidSlot {
    /// Start of the slot (Unix seconds).
    pub start: f64,
    /// Invalid responses counted in it.
    pub count: u32,
}

/// Everything a limiter remembers between requests: a plain array in PHP.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimiterState {
    /// A 401 was seen: every call waits until `reset()`.
    pub halted: bool,
    /// When the halt began.
    pub halted_at: Option<f64>,
    /// Start of the current one-second window of the global limit.
    pub global_window_start: f64,
    /// Requests let through in that window.
    pub global_count: u32,
    /// End of a global 429 block.
    pub global_blocked_until: Option<f64>,
    /// Route key -> bucket hash, as learned from `X-RateLimit-Bucket`.
    #[serde(deserialize_with = "crate::php_array::map")]
    pub routes: BTreeMap<String, String>,
    /// Bucket key (`hash:major`, or `route:<route key>` before a hash is known) -> position.
    #[serde(deserialize_with = "crate::php_array::map")]
    pub buckets: BTreeMap<String, Bucket>,
    /// The invalid-request window, oldest slot first.
    pub invalid: Vec<InvalidSlot>,
}

impl LimiterState {
    fn validate(&self) -> Result<(), ResilienceError> {
        if let Some(t) = self.halted_at {
            timestamp("halted_at", t)?;
        }
        timestamp("global_window_start", self.global_window_start)?;
        if let Some(t) = self.global_blocked_until {
            timestamp("global_blocked_until", t)?;
        }
        for (name, len) in [("routes", self.routes.len()), ("buckets", self.buckets.len())] {
            if len > MAX_ENTRIES {
                return Err(ResilienceError::new(name, format!("holds {len} entries, at most {MAX_ENTRIES} are kept")));
            }
        }
        for (route, hash) in &self.routes {
            if route.len() > MAX_KEY_LEN || hash.len() > MAX_KEY_LEN {
                return Err(ResilienceError::new("routes", format!("entries are at most {MAX_KEY_LEN} bytes long")));
            }
        }
        for (key, bucket) in &self.buckets {
            if key.len() > MAX_KEY_LEN {
                return Err(ResilienceError::new("buckets", format!("keys are at most {MAX_KEY_LEN} bytes long")));
            }
            timestamp(&format!("buckets.{key}.reset_at"), bucket.reset_at)?;
            timestamp(&format!("buckets.{key}.seen_at"), bucket.seen_at)?;
            if !bucket.period.is_finite() || !(0.0..=86_400.0).contains(&bucket.period) {
                return Err(ResilienceError::new(format!("buckets.{key}.period"), "must be between 0 and 86400 seconds"));
            }
        }
        if self.invalid.len() > INVALID_SLOTS {
            return Err(ResilienceError::new("invalid", format!("holds {} slots, at most {INVALID_SLOTS}", self.invalid.len())));
        }
        for (i, slot) in self.invalid.iter().enumerate() {
            timestamp(&format!("invalid[{i}].start"), slot.start)?;
        }
        Ok(())
    }
}

/// What `update()` learned from one response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UpdateOutcome {
    /// Seconds to wait before retrying this request (a 429), else `None`.
    pub retry_after: Option<f64>,
    /// The bucket hash, when the response named one.
    pub bucket: Option<String>,
    /// Whether this was the global limit.
    pub global: bool,
    /// `X-RateLimit-Scope` (`user`, `global`, `shared`), when sent.
    pub scope: Option<String>,
    /// Whether the response counted toward the invalid-request budget.
    pub invalid_counted: bool,
    /// Whether the limiter is halted (a 401 was seen).
    pub halted: bool,
}

/// A limiter: its tuning and its remembered state.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimiter {
    config: LimiterConfig,
    state: LimiterState,
}

impl RateLimiter {
    /// A limiter from a state array (empty for a new one) and its tuning.
    pub fn new(state: LimiterState, config: LimiterConfig) -> Result<Self, ResilienceError> {
        config.validate().map_err(|e| e.within("config"))?;
        state.validate().map_err(|e| e.within("state"))?;
        let mut limiter = Self { config, state };
        limiter.state.invalid.sort_by(|a, b| a.start.total_cmp(&b.start));
        limiter.evict();
        Ok(limiter)
    }

    /// The remembered state, for `toArray()`.
    #[must_use]
    pub fn state_data(&self) -> &LimiterState {
        &self.state
    }

    /// Clears the halt, the buckets and the global window. The invalid-request
    /// count stays: Discord keeps it per IP address, whatever the token.
    pub fn reset(&mut self) {
        let invalid = std::mem::take(&mut self.state.invalid);
        self.state = LimiterState { invalid, ..LimiterState::default() };
    }

    fn slot_width(&self) -> f64 {
        self.config.invalid_window_seconds / INVALID_SLOTS as f64
    }

    /// Invalid responses counted in the window ending at `now` (slots that
    /// overlap it count whole: the estimate errs on the safe side).
    #[must_use]
    pub fn invalid_used(&self, now: f64) -> u64 {
        let horizon = now - self.config.invalid_window_seconds - self.slot_width();
        self.state.invalid.iter().filter(|s| s.start > horizon).map(|s| u64::from(s.count)).sum()
    }

    /// Seconds until the invalid-request count falls below the allowance (0 when it is below).
    fn invalid_wait(&self, now: f64) -> f64 {
        let allowance = self.config.invalid_allowance();
        let mut used = self.invalid_used(now);
        if used < allowance {
            return 0.0;
        }
        let horizon = now - self.config.invalid_window_seconds - self.slot_width();
        for slot in self.state.invalid.iter().filter(|s| s.start > horizon) {
            used -= u64::from(slot.count).min(used);
            if used < allowance {
                // The slot stops counting once its start falls behind the horizon.
                return (slot.start + self.config.invalid_window_seconds + self.slot_width() - now).max(0.0);
            }
        }
        self.config.invalid_window_seconds
    }

    fn bucket_key(&self, route: &str) -> String {
        match self.state.routes.get(route) {
            Some(hash) => format!("{hash}:{}", major_or_dash(route)),
            None => format!("route:{route}"),
        }
    }

    /// Seconds to wait before a request on `route` may go (0 = now, and the slot
    /// is taken; infinite when halted).
    pub fn wait(&mut self, route: &str, now: f64) -> Result<f64, ResilienceError> {
        check_route(route)?;
        if self.state.halted {
            return Ok(f64::INFINITY);
        }
        let mut wait = self.invalid_wait(now);
        if let Some(until) = self.state.global_blocked_until {
            if now < until {
                wait = wait.max(until - now);
            } else {
                self.state.global_blocked_until = None;
            }
        }
        let window = self.state.global_window_start;
        if now >= window + 1.0 || now < window {
            self.state.global_window_start = now;
            self.state.global_count = 0;
        } else if self.state.global_count >= self.config.global_per_second {
            wait = wait.max(window + 1.0 - now);
        }
        let key = self.bucket_key(route);
        if let Some(bucket) = self.state.buckets.get_mut(&key) {
            if now >= bucket.reset_at {
                // The period rolled over without a response telling us: refill
                // and move the reset to the end of the current period.
                bucket.remaining = bucket.limit.unwrap_or_else(|| bucket.remaining.max(1));
                if bucket.period > 0.0 {
                    let periods = ((now - bucket.reset_at) / bucket.period).floor() + 1.0;
                    bucket.reset_at += periods * bucket.period;
                }
            }
            if bucket.remaining == 0 && now < bucket.reset_at {
                wait = wait.max(bucket.reset_at - now);
            }
        }
        if wait > 0.0 {
            return Ok(wait);
        }
        self.state.global_count += 1;
        if let Some(bucket) = self.state.buckets.get_mut(&key) {
            bucket.remaining = bucket.remaining.saturating_sub(1);
        }
        Ok(0.0)
    }

    fn count_invalid(&mut self, now: f64) {
        let width = self.slot_width();
        match self.state.invalid.last_mut() {
            Some(slot) if now >= slot.start && now < slot.start + width => slot.count = slot.count.saturating_add(1),
            _ => {
                self.state.invalid.push(InvalidSlot { start: now, count: 1 });
                self.state.invalid.sort_by(|a, b| a.start.total_cmp(&b.start));
                let excess = self.state.invalid.len().saturating_sub(INVALID_SLOTS);
                self.state.invalid.drain(..excess);
            }
        }
        let horizon = now - self.config.invalid_window_seconds - width;
        self.state.invalid.retain(|s| s.start > horizon);
    }

    /// Learns from one response on `route`: its status and headers.
    pub fn update(&mut self, route: &str, status: i64, headers: &Headers, now: f64) -> Result<UpdateOutcome, ResilienceError> {
        check_route(route)?;
        if !(100..=599).contains(&status) {
            return Err(ResilienceError::new("status", format!("must be an HTTP status between 100 and 599, got {status}")));
        }
        let scope = headers.get("x-ratelimit-scope").map(str::to_ascii_lowercase).filter(|s| !s.is_empty());
        let global = headers.get("x-ratelimit-global").is_some_and(|v| v.eq_ignore_ascii_case("true"))
            || scope.as_deref() == Some("global");
        let hash = headers.get("x-ratelimit-bucket").filter(|h| !h.is_empty()).map(str::to_owned);
        if let Some(hash) = &hash {
            self.state.routes.insert(route.to_owned(), hash.clone());
        }
        let reset_after = headers.number("x-ratelimit-reset-after");
        let reset_at = reset_after.map(|s| now + s).or_else(|| headers.number("x-ratelimit-reset"));
        let remaining = headers.count("x-ratelimit-remaining");
        let limit = headers.count("x-ratelimit-limit");
        let key = self.bucket_key(route);
        if remaining.is_some() || reset_at.is_some() {
            let bucket = self.state.buckets.entry(key.clone()).or_default();
            if limit.is_some() {
                bucket.limit = limit;
            }
            if let Some(r) = remaining {
                bucket.remaining = r;
            }
            if let Some(at) = reset_at {
                bucket.reset_at = at;
                if at - now > bucket.period && at - now <= 86_400.0 {
                    bucket.period = at - now;
                }
            }
            bucket.seen_at = now;
        }

        let mut retry_after = None;
        if status == 429 {
            let hint = headers
                .get("retry-after")
                .and_then(|v| parse_retry_after(v, now))
                .or(reset_after)
                .unwrap_or(self.config.default_retry_after);
            retry_after = Some(hint);
            if global {
                let until = self.state.global_blocked_until.unwrap_or(now).max(now + hint);
                self.state.global_blocked_until = Some(until);
            } else {
                let bucket = self.state.buckets.entry(key).or_default();
                bucket.remaining = 0;
                bucket.reset_at = bucket.reset_at.max(now + hint);
                bucket.seen_at = now;
            }
        }
        let invalid_counted = match status {
            401 | 403 => true,
            429 => scope.as_deref() != Some("shared"),
            _ => false,
        };
        if invalid_counted {
            self.count_invalid(now);
        }
        if status == 401 {
            self.state.halted = true;
            self.state.halted_at.get_or_insert(now);
        }
        self.evict();
        Ok(UpdateOutcome { retry_after, bucket: hash, global, scope, invalid_counted, halted: self.state.halted })
    }

    /// Keeps the maps within `max_buckets`, dropping the least recently seen.
    fn evict(&mut self) {
        let max = self.config.max_buckets as usize;
        if self.state.buckets.len() > max {
            let mut by_age: Vec<(f64, String)> =
                self.state.buckets.iter().map(|(k, b)| (b.seen_at, k.clone())).collect();
            by_age.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (_, key) in by_age.into_iter().take(self.state.buckets.len() - max) {
                self.state.buckets.remove(&key);
            }
        }
        if self.state.routes.len() > max {
            let excess = self.state.routes.len() - max;
            let orphans: Vec<String> = self
                .state
                .routes
                .iter()
                .filter(|(route, hash)| !self.state.buckets.contains_key(&format!("{hash}:{}", major_or_dash(route))))
                .map(|(route, _)| route.clone())
                .take(excess)
                .collect();
            for route in &orphans {
                self.state.routes.remove(route);
            }
            while self.state.routes.len() > max {
                let Some(first) = self.state.routes.keys().next().cloned() else { break };
                self.state.routes.remove(&first);
            }
        }
    }
}

fn major_or_dash(route: &str) -> &str {
    let major = major_of(route);
    if major.is_empty() { "-" } else { major }
}

fn check_route(route: &str) -> Result<(), ResilienceError> {
    if route.is_empty() || route.len() > MAX_KEY_LEN {
        return Err(ResilienceError::new("route", format!("must be a route key of 1 to {MAX_KEY_LEN} bytes (see routeKey())")));
    }
    Ok(())
}
