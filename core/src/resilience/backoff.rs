//! Retry delays: exponential growth with a choice of jitter, capped, and never
//! shorter than a server's own hint.
//!
//! With `n` the attempt number (0 for the first retry), `b` the base and `c` the cap,
//! and `u` uniform in `[0, 1)` drawn from the seed:
//!
//! | strategy       | delay                                                  |
//! |----------------|--------------------------------------------------------|
//! | `exponential`  | `t = min(c, b·2ⁿ)`                                     |
//! | `full_jitter`  | `u·t` (default)                                        |
//! | `equal_jitter` | `t/2 + u·t/2`                                          |
//! | `decorrelated` | `min(c, b + u·(max(b, 3·previous) − b))`, previous = b when unknown |
//!
//! A `retry_after` hint replaces the result when it is larger, even above the cap:
//! the server knows better than our schedule.

use serde::{Deserialize, Serialize};

use super::error::{finite_above, finite_at_least, ResilienceError};
use super::rng::SplitMix64;

/// How the delay grows and is spread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// `min(cap, base·2ⁿ)`, no randomness.
    Exponential,
    /// Uniform in `[0, min(cap, base·2ⁿ))`.
    #[default]
    FullJitter,
    /// Half fixed, half random: `[t/2, t)`.
    EqualJitter,
    /// Grows from the previous delay: uniform in `[base, 3·previous)`, capped.
    Decorrelated,
}

/// Options of [`delay`], as PHP passes them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BackoffOptions {
    /// The growth and jitter rule.
    pub strategy: Strategy,
    /// Seconds for attempt 0 (before jitter).
    pub base: f64,
    /// Upper bound of the computed delay, in seconds.
    pub cap: f64,
    /// The previous delay, for `decorrelated`.
    pub previous: Option<f64>,
    /// A server's Retry-After, in seconds: wins when larger.
    pub retry_after: Option<f64>,
    /// A fixed seed for reproducible jitter (tests); otherwise the caller's entropy is used.
    pub seed: Option<i64>,
}

impl Default for BackoffOptions {
    fn default() -> Self {
        Self { strategy: Strategy::FullJitter, base: 1.0, cap: 900.0, previous: None, retry_after: None, seed: None }
    }
}

impl BackoffOptions {
    /// Checks ranges: base > 0, cap >= base, previous and retry_after >= 0.
    pub fn validate(&self) -> Result<(), ResilienceError> {
        finite_above("base", self.base, 0.0)?;
        finite_at_least("cap", self.cap, self.base)?;
        if let Some(previous) = self.previous {
            finite_at_least("previous", previous, 0.0)?;
        }
        if let Some(hint) = self.retry_after {
            finite_at_least("retry_after", hint, 0.0)?;
        }
        Ok(())
    }
}

/// Highest exponent worth computing: 2^1100 is already infinite in f64.
const MAX_EXPONENT: i64 = 1100;

/// `min(cap, base·2ⁿ)` without overflow for any `n`.
#[must_use]
pub fn exponential(attempt: u32, base: f64, cap: f64) -> f64 {
    let n = i64::from(attempt).min(MAX_EXPONENT) as i32;
    let grown = base * 2f64.powi(n);
    if grown.is_nan() { cap } else { grown.min(cap) }
}

/// The delay in seconds before retry number `attempt` (0-based).
///
/// `entropy` seeds the jitter when the options carry no `seed`.
pub fn delay(attempt: i64, options: &BackoffOptions, entropy: u64) -> Result<f64, ResilienceError> {
    if attempt < 0 {
        return Err(ResilienceError::new("attempt", format!("must be 0 or more, got {attempt}")));
    }
    options.validate().map_err(|e| e.within("options"))?;
    let attempt = u32::try_from(attempt).unwrap_or(u32::MAX);
    let seed = options.seed.map_or(entropy, |s| s as u64);
    let mut rng = SplitMix64::with_stream(seed, u64::from(attempt));
    let (base, cap) = (options.base, options.cap);
    let computed = match options.strategy {
        Strategy::Exponential => exponential(attempt, base, cap),
        Strategy::FullJitter => rng.next_unit() * exponential(attempt, base, cap),
        Strategy::EqualJitter => {
            let t = exponential(attempt, base, cap);
            t / 2.0 + rng.next_unit() * (t / 2.0)
        }
        Strategy::Decorrelated => {
            let previous = options.previous.unwrap_or(base);
            let upper = (previous * 3.0).max(base);
            (base + rng.next_unit() * (upper - base)).min(cap)
        }
    };
    Ok(match options.retry_after {
        Some(hint) if hint > computed => hint,
        _ => computed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(strategy: Strategy) -> BackoffOptions {
        BackoffOptions { strategy, ..BackoffOptions::default() }
    }

    #[test]
    fn exponential_doubles_then_caps() {
        let o = opts(Strategy::Exponential);
        let got: Vec<f64> = (0..12).map(|n| delay(n, &o, 0).unwrap()).collect();
        assert_eq!(got, [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0, 900.0, 900.0]);
        assert_eq!(delay(i64::MAX, &o, 0).unwrap(), 900.0);
    }

    #[test]
    fn full_jitter_stays_within_the_exponential_envelope() {
        for n in 0..15 {
            let upper = exponential(n as u32, 1.0, 900.0);
            for entropy in 0..200u64 {
                let d = delay(n, &opts(Strategy::FullJitter), entropy).unwrap();
                assert!((0.0..=upper).contains(&d), "attempt {n}: {d} outside [0, {upper}]");
            }
        }
    }

    #[test]
    fn full_jitter_spreads_over_the_whole_range() {
        // 2,000 draws for attempt 3 (envelope 8 s): the mean is near 4 s and both
        // the bottom and top tenths are reached.
        let draws: Vec<f64> =
            (0..2000u64).map(|e| delay(3, &opts(Strategy::FullJitter), e).unwrap()).collect();
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        assert!((3.7..4.3).contains(&mean), "mean {mean}");
        assert!(draws.iter().any(|&d| d < 0.8));
        assert!(draws.iter().any(|&d| d > 7.2));
    }

    #[test]
    fn equal_jitter_keeps_half() {
        for entropy in 0..300u64 {
            let d = delay(4, &opts(Strategy::EqualJitter), entropy).unwrap();
            assert!((8.0..=16.0).contains(&d), "{d}");
        }
    }

    #[test]
    fn decorrelated_grows_from_previous_and_caps() {
        let mut o = opts(Strategy::Decorrelated);
        o.previous = Some(10.0);
        for entropy in 0..300u64 {
            let d = delay(0, &o, entropy).unwrap();
            assert!((1.0..=30.0).contains(&d), "{d}");
        }
        o.previous = Some(10_000.0);
        o.cap = 60.0;
        for entropy in 0..100u64 {
            assert!(delay(0, &o, entropy).unwrap() <= 60.0);
        }
    }

    #[test]
    fn seed_makes_jitter_reproducible() {
        let mut o = opts(Strategy::FullJitter);
        o.seed = Some(1234);
        let a = delay(5, &o, 1).unwrap();
        let b = delay(5, &o, 999).unwrap();
        assert_eq!(a, b, "the seed wins over the entropy");
        o.seed = Some(1235);
        assert_ne!(delay(5, &o, 1).unwrap(), a);
    }

    #[test]
    fn server_hint_wins_when_larger_even_above_the_cap() {
        let mut o = opts(Strategy::Exponential);
        o.retry_after = Some(2000.0);
        assert_eq!(delay(0, &o, 0).unwrap(), 2000.0);
        o.retry_after = Some(0.5);
        assert_eq!(delay(3, &o, 0).unwrap(), 8.0, "a smaller hint does not shorten the backoff");
    }

    #[test]
    fn bad_options_are_refused() {
        let cases: Vec<(BackoffOptions, &str)> = vec![
            (BackoffOptions { base: 0.0, ..BackoffOptions::default() }, "base"),
            (BackoffOptions { base: f64::NAN, ..BackoffOptions::default() }, "base"),
            (BackoffOptions { cap: 0.5, ..BackoffOptions::default() }, "cap"),
            (BackoffOptions { retry_after: Some(-1.0), ..BackoffOptions::default() }, "retry_after"),
            (BackoffOptions { previous: Some(f64::INFINITY), ..BackoffOptions::default() }, "previous"),
        ];
        for (o, field) in cases {
            assert_eq!(delay(1, &o, 0).unwrap_err().field, format!("options.{field}"));
        }
        assert_eq!(delay(-1, &BackoffOptions::default(), 0).unwrap_err().field, "attempt");
    }
}
