//! A circuit breaker for low-volume callers: a failure count within a sliding
//! window, a half-open probe, and an open period that grows with jitter.
//!
//! States (what `state(now)` reports):
//! - `closed`: calls go. A failure is recorded with its time; once
//!   `failure_threshold` failures fall within `window_seconds` and at least
//!   `min_calls` calls (successes and failures) fall in the same window, the
//!   breaker trips.
//! - `open`: calls are refused until `open_until`. Trip number `k` (0 for the
//!   first since the breaker was last closed) opens for
//!   `min(max_open_seconds, open_seconds·2ᵏ·(1 − j + 2j·u))` seconds, `j` being
//!   `jitter` and `u` uniform in `[0, 1)`, or for the server's Retry-After when
//!   that is longer. A failure that carries a Retry-After opens the breaker for
//!   that long even below the threshold (the server asked us to wait); it does
//!   not count as a trip.
//! - `half_open`: reached once `open_until` has passed. `allow()` lets
//!   `half_open_max_calls` probes through; that many successes close the
//!   breaker, one failure reopens it as the next trip. A probe that never reports
//!   (the PHP request died) is forgotten after `open_seconds`.
//!
//! A success reported while open (a forced call that bypassed the breaker)
//! closes it: the remote side answered.

use serde::{Deserialize, Serialize};

use super::error::{finite_above, finite_at_least, timestamp, within, ResilienceError};
use super::rng::SplitMix64;

/// Longest list kept in a state array: thresholds cannot exceed it.
pub const MAX_TRACKED: u32 = 1000;
/// Growth stops doubling after this many trips (2^32 times `open_seconds` is past any cap).
const MAX_TRIPS: u32 = 32;

/// Tuning of a breaker, as PHP passes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BreakerConfig {
    /// Failures within the window that open the breaker.
    pub failure_threshold: u32,
    /// Length of the sliding window, in seconds.
    pub window_seconds: f64,
    /// Calls (of any outcome) the window must hold before the breaker may trip.
    pub min_calls: u32,
    /// Open period of the first trip, in seconds.
    pub open_seconds: f64,
    /// Longest open period, in seconds.
    pub max_open_seconds: f64,
    /// Probes let through while half-open; that many successes close the breaker.
    pub half_open_max_calls: u32,
    /// Spread of the open period, as a fraction (0.2 = ±20 %); 0 disables jitter.
    pub jitter: f64,
    /// A fixed seed for reproducible jitter (tests).
    pub seed: Option<i64>,
}

impl Default for BreakerConfig {
    fn default() -> Self {
        Self {
            failure_threshold: 3,
            window_seconds: 60.0,
            min_calls: 3,
            open_seconds: 30.0,
            max_open_seconds: 900.0,
            half_open_max_calls: 1,
            jitter: 0.2,
            seed: None,
        }
    }
}

impl BreakerConfig {
    /// Checks every range; errors name the key.
    pub fn validate(&self) -> Result<(), ResilienceError> {
        within("failure_threshold", u64::from(self.failure_threshold), 1, u64::from(MAX_TRACKED))?;
        within("min_calls", u64::from(self.min_calls), 0, u64::from(MAX_TRACKED))?;
        within("half_open_max_calls", u64::from(self.half_open_max_calls), 1, u64::from(MAX_TRACKED))?;
        finite_above("window_seconds", self.window_seconds, 0.0)?;
        finite_above("open_seconds", self.open_seconds, 0.0)?;
        finite_at_least("max_open_seconds", self.max_open_seconds, self.open_seconds)?;
        finite_at_least("jitter", self.jitter, 0.0)?;
        if self.jitter > 1.0 {
            return Err(ResilienceError::new("jitter", format!("must be between 0 and 1, got {}", self.jitter)));
        }
        Ok(())
    }
}

/// The stored phase. `Open` whose time has passed is reported as half-open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Calls go.
    #[default]
    Closed,
    /// Calls are refused until `open_until`.
    Open,
    /// Probes go, up to `half_open_max_calls`.
    HalfOpen,
}

impl Phase {
    /// The name PHP sees.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Closed => "closed",
            Self::Open => "open",
            Self::HalfOpen => "half_open",
        }
    }
}

/// Everything a breaker remembers between requests: a plain array in PHP.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BreakerState {
    /// The stored phase.
    pub state: Phase,
    /// Times of the most recent failures (at most `failure_threshold`), oldest first.
    pub failures: Vec<f64>,
    /// Times of the most recent calls of any outcome (at most `min_calls`), oldest first.
    pub calls: Vec<f64>,
    /// Trips since the breaker was last closed (drives the growth).
    pub trips: u32,
    /// When the breaker last opened.
    pub opened_at: Option<f64>,
    /// When the open period ends.
    pub open_until: Option<f64>,
    /// Probes let through in the current half-open period and not yet reported.
    pub probes_in_flight: u32,
    /// Successful probes in the current half-open period.
    pub probe_successes: u32,
    /// When the last probe was let through.
    pub last_probe_at: Option<f64>,
}

impl BreakerState {
    fn validate(&self) -> Result<(), ResilienceError> {
        for (name, list) in [("failures", &self.failures), ("calls", &self.calls)] {
            if list.len() > MAX_TRACKED as usize {
                return Err(ResilienceError::new(name, format!("holds {} entries, at most {MAX_TRACKED} are kept", list.len())));
            }
            for (i, &t) in list.iter().enumerate() {
                timestamp(&format!("{name}[{i}]"), t)?;
            }
        }
        within("trips", u64::from(self.trips), 0, u64::from(MAX_TRIPS))?;
        within("probes_in_flight", u64::from(self.probes_in_flight), 0, u64::from(MAX_TRACKED))?;
        within("probe_successes", u64::from(self.probe_successes), 0, u64::from(MAX_TRACKED))?;
        for (name, value) in [("opened_at", self.opened_at), ("open_until", self.open_until), ("last_probe_at", self.last_probe_at)] {
            if let Some(t) = value {
                timestamp(name, t)?;
            }
        }
        if self.state == Phase::Open && self.open_until.is_none() {
            return Err(ResilienceError::new("open_until", "is required when state is 'open'"));
        }
        Ok(())
    }
}

/// A breaker: its tuning and its remembered state.
#[derive(Debug, Clone, PartialEq)]
pub struct CircuitBreaker {
    config: BreakerConfig,
    state: BreakerState,
}

/// Keeps the last `keep` entries of a time list, sorted.
fn push_bounded(list: &mut Vec<f64>, at: f64, keep: u32) {
    list.push(at);
    list.sort_by(f64::total_cmp);
    let keep = keep as usize;
    if list.len() > keep {
        list.drain(..list.len() - keep);
    }
}

impl CircuitBreaker {
    /// A breaker from a state array (empty for a new one) and its tuning.
    pub fn new(state: BreakerState, config: BreakerConfig) -> Result<Self, ResilienceError> {
        config.validate().map_err(|e| e.within("config"))?;
        state.validate().map_err(|e| e.within("state"))?;
        let mut state = state;
        // A state saved under a larger threshold keeps only what this tuning needs.
        state.failures.sort_by(f64::total_cmp);
        state.calls.sort_by(f64::total_cmp);
        let (f, c) = (state.failures.len(), state.calls.len());
        state.failures.drain(..f.saturating_sub(config.failure_threshold as usize));
        state.calls.drain(..c.saturating_sub(config.min_calls as usize));
        Ok(Self { config, state })
    }

    /// The remembered state, for `toArray()`.
    #[must_use]
    pub fn state_data(&self) -> &BreakerState {
        &self.state
    }

    /// The tuning.
    #[must_use]
    pub fn config(&self) -> &BreakerConfig {
        &self.config
    }

    /// The phase at `now`.
    #[must_use]
    pub fn phase(&self, now: f64) -> Phase {
        match self.state.state {
            Phase::Open if self.state.open_until.is_some_and(|until| now < until) => Phase::Open,
            Phase::Open | Phase::HalfOpen => Phase::HalfOpen,
            Phase::Closed => Phase::Closed,
        }
    }

    /// When calls may go again: the end of the open period; `None` when closed.
    #[must_use]
    pub fn retry_at(&self) -> Option<f64> {
        match self.state.state {
            Phase::Closed => None,
            _ => self.state.open_until,
        }
    }

    /// Moves a stored `open` whose time has passed into `half_open`.
    fn enter_half_open_if_due(&mut self, now: f64) {
        if self.state.state == Phase::Open && self.phase(now) == Phase::HalfOpen {
            self.state.state = Phase::HalfOpen;
            self.state.probes_in_flight = 0;
            self.state.probe_successes = 0;
            self.state.last_probe_at = None;
        }
    }

    /// Whether a call may go now. Half-open, this admits a probe and counts it.
    pub fn allow(&mut self, now: f64) -> bool {
        self.enter_half_open_if_due(now);
        match self.state.state {
            Phase::Closed => true,
            Phase::Open => false,
            Phase::HalfOpen => {
                let stale = self.state.last_probe_at.is_some_and(|t| now - t >= self.config.open_seconds || now < t);
                if stale {
                    self.state.probes_in_flight = 0;
                }
                let admitted = self.state.probes_in_flight + self.state.probe_successes;
                if admitted < self.config.half_open_max_calls {
                    self.state.probes_in_flight += 1;
                    self.state.last_probe_at = Some(now);
                    true
                } else {
                    false
                }
            }
        }
    }

    fn close(&mut self) {
        self.state = BreakerState { calls: std::mem::take(&mut self.state.calls), ..BreakerState::default() };
    }

    /// Records a successful call.
    pub fn record_success(&mut self, now: f64) {
        self.enter_half_open_if_due(now);
        push_bounded(&mut self.state.calls, now, self.config.min_calls);
        match self.state.state {
            Phase::Closed => {}
            Phase::Open => self.close(),
            Phase::HalfOpen => {
                self.state.probes_in_flight = self.state.probes_in_flight.saturating_sub(1);
                self.state.probe_successes += 1;
                if self.state.probe_successes >= self.config.half_open_max_calls {
                    self.close();
                }
            }
        }
    }

    /// Records a failed call, with the server's Retry-After in seconds when it sent one.
    /// `entropy` spreads the open period when the tuning has no fixed seed.
    pub fn record_failure(&mut self, now: f64, retry_after: Option<f64>, entropy: u64) -> Result<(), ResilienceError> {
        if let Some(hint) = retry_after {
            finite_at_least("retryAfter", hint, 0.0)?;
        }
        let hint = retry_after.filter(|h| *h > 0.0);
        self.enter_half_open_if_due(now);
        push_bounded(&mut self.state.calls, now, self.config.min_calls);
        push_bounded(&mut self.state.failures, now, self.config.failure_threshold);
        match self.state.state {
            Phase::HalfOpen => self.trip(now, hint, entropy),
            Phase::Open => {
                if let Some(h) = hint {
                    let until = self.state.open_until.unwrap_or(now).max(now + h);
                    self.state.open_until = Some(until);
                }
            }
            Phase::Closed => {
                let since = now - self.config.window_seconds;
                let failures = self.state.failures.iter().filter(|&&t| t > since && t <= now).count();
                let calls = self.state.calls.iter().filter(|&&t| t > since && t <= now).count();
                if failures >= self.config.failure_threshold as usize && calls >= self.config.min_calls as usize {
                    self.trip(now, hint, entropy);
                } else if let Some(h) = hint {
                    self.state.state = Phase::Open;
                    self.state.opened_at = Some(now);
                    self.state.open_until = Some(now + h);
                }
            }
        }
        Ok(())
    }

    /// Open period of trip number `trip` before the server's hint, for a unit draw `u`.
    #[must_use]
    pub fn open_period(config: &BreakerConfig, trip: u32, u: f64) -> f64 {
        let grown = config.open_seconds * 2f64.powi(trip.min(MAX_TRIPS) as i32);
        let spread = 1.0 - config.jitter + 2.0 * config.jitter * u;
        (grown * spread).min(config.max_open_seconds)
    }

    fn trip(&mut self, now: f64, hint: Option<f64>, entropy: u64) {
        let k = self.state.trips;
        let seed = self.config.seed.map_or(entropy, |s| s as u64);
        let u = SplitMix64::with_stream(seed, u64::from(k)).next_unit();
        let period = Self::open_period(&self.config, k, u).max(hint.unwrap_or(0.0));
        self.state.state = Phase::Open;
        self.state.trips = (k + 1).min(MAX_TRIPS);
        self.state.opened_at = Some(now);
        self.state.open_until = Some(now + period);
        self.state.probes_in_flight = 0;
        self.state.probe_successes = 0;
        self.state.last_probe_at = None;
    }
}
