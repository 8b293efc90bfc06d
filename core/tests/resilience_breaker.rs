//! Circuit breaker state machine, as tables of steps and expected states.

use jlg_native_core::resilience::{BreakerConfig, BreakerState, CircuitBreaker, Phase};

#[derive(Clone, Copy, Debug)]
enum Step {
    Fail(f64),
    FailHint(f64, f64),
    Ok(f64),
    /// allow(now) must return the bool.
    Allow(f64, bool),
    /// state(now) must be the phase.
    Is(f64, Phase),
    /// retry_at() must be this.
    RetryAt(Option<f64>),
}

fn exact() -> BreakerConfig {
    BreakerConfig { jitter: 0.0, ..BreakerConfig::default() }
}

fn run(name: &str, config: BreakerConfig, steps: &[Step]) -> CircuitBreaker {
    let mut b = CircuitBreaker::new(BreakerState::default(), config).unwrap();
    for (i, step) in steps.iter().enumerate() {
        match *step {
            Step::Fail(t) => b.record_failure(t, None, 7).unwrap(),
            Step::FailHint(t, h) => b.record_failure(t, Some(h), 7).unwrap(),
            Step::Ok(t) => b.record_success(t),
            Step::Allow(t, want) => assert_eq!(b.allow(t), want, "{name}: step {i} {step:?}"),
            Step::Is(t, want) => assert_eq!(b.phase(t), want, "{name}: step {i} {step:?}"),
            Step::RetryAt(want) => assert_eq!(b.retry_at(), want, "{name}: step {i} {step:?}"),
        }
        // Every intermediate state survives a round trip through its array form.
        let json = serde_json::to_value(b.state_data()).unwrap();
        let back: BreakerState = serde_json::from_value(json).unwrap();
        assert_eq!(&back, b.state_data(), "{name}: round trip after step {i}");
    }
    b
}

use Step::*;

#[test]
fn threshold_within_the_window_trips() {
    run("threshold", exact(), &[
        Fail(0.0), Is(0.0, Phase::Closed), Allow(0.0, true),
        Fail(10.0), Is(10.0, Phase::Closed),
        Fail(20.0), Is(20.0, Phase::Open), Allow(20.0, false), RetryAt(Some(50.0)),
        Is(49.9, Phase::Open), Is(50.0, Phase::HalfOpen),
    ]);
}

#[test]
fn failures_outside_the_window_do_not_count() {
    run("window expiry", exact(), &[
        Fail(0.0), Fail(30.0), Fail(60.0), Is(60.0, Phase::Closed), // first failure left the window
        Fail(61.0), Is(61.0, Phase::Open),
    ]);
    run("spread out", exact(), &[Fail(0.0), Fail(100.0), Fail(200.0), Fail(300.0), Is(300.0, Phase::Closed)]);
}

#[test]
fn successes_do_not_clear_failures_inside_the_window() {
    run("interleaved", exact(), &[Fail(0.0), Ok(1.0), Fail(2.0), Ok(3.0), Fail(4.0), Is(4.0, Phase::Open)]);
}

#[test]
fn min_calls_holds_a_low_threshold_back() {
    let config = BreakerConfig { failure_threshold: 1, min_calls: 3, ..exact() };
    run("min calls", config, &[
        Fail(0.0), Is(0.0, Phase::Closed), // one call only
        Ok(1.0), Is(1.0, Phase::Closed),
        Fail(2.0), Is(2.0, Phase::Open), // three calls, a failure
    ]);
}

#[test]
fn half_open_success_closes() {
    run("half-open success", exact(), &[
        Fail(0.0), Fail(1.0), Fail(2.0), Is(2.0, Phase::Open),
        Allow(32.0, true), Allow(32.5, false), // one probe only
        Ok(33.0), Is(33.0, Phase::Closed), RetryAt(None), Allow(33.0, true),
        // Closing forgot the failures: one more is not a trip.
        Fail(34.0), Is(34.0, Phase::Closed),
    ]);
}

#[test]
fn half_open_failure_reopens_longer() {
    run("growth", exact(), &[
        Fail(0.0), Fail(1.0), Fail(2.0), RetryAt(Some(32.0)),
        Allow(32.0, true), Fail(33.0), Is(33.0, Phase::Open), RetryAt(Some(93.0)),    // 60 s
        Allow(93.0, true), Fail(93.0), RetryAt(Some(213.0)),                          // 120 s
        Allow(213.0, true), Fail(213.0), RetryAt(Some(453.0)),                        // 240 s
        Allow(453.0, true), Fail(453.0), RetryAt(Some(933.0)),                        // 480 s
        Allow(933.0, true), Fail(933.0), RetryAt(Some(1833.0)),                       // 900 s cap
        Allow(1833.0, true), Fail(1833.0), RetryAt(Some(2733.0)),                     // still the cap
        Allow(2733.0, true), Ok(2734.0), Is(2734.0, Phase::Closed),
        // After closing, the next trip starts again from open_seconds.
        Fail(3000.0), Fail(3001.0), Fail(3002.0), RetryAt(Some(3032.0)),
    ]);
}

#[test]
fn several_probes_must_all_succeed() {
    let config = BreakerConfig { half_open_max_calls: 2, ..exact() };
    run("two probes", config, &[
        Fail(0.0), Fail(0.0), Fail(0.0), Is(0.0, Phase::Open),
        Allow(30.0, true), Allow(30.0, true), Allow(30.0, false),
        Ok(31.0), Is(31.0, Phase::HalfOpen), Ok(31.0), Is(31.0, Phase::Closed),
    ]);
}

#[test]
fn a_lost_probe_is_forgotten_after_open_seconds() {
    run("lost probe", exact(), &[
        Fail(0.0), Fail(0.0), Fail(0.0),
        Allow(30.0, true), Allow(59.0, false), Allow(60.0, true),
    ]);
}

#[test]
fn server_hint_wins_when_longer_and_never_shortens() {
    run("long hint", exact(), &[Fail(0.0), Fail(1.0), FailHint(2.0, 600.0), RetryAt(Some(602.0))]);
    run("short hint", exact(), &[Fail(0.0), Fail(1.0), FailHint(2.0, 5.0), RetryAt(Some(32.0))]);
}

#[test]
fn a_hint_below_the_threshold_holds_calls_without_counting_a_trip() {
    let b = run("429 with Retry-After", exact(), &[
        FailHint(0.0, 10.0), Is(0.0, Phase::Open), Allow(5.0, false), RetryAt(Some(10.0)),
        Allow(10.0, true), Fail(10.5), Is(10.5, Phase::Open), RetryAt(Some(40.5)), // first real trip: 30 s
    ]);
    assert_eq!(b.state_data().trips, 1);
}

#[test]
fn a_hint_while_open_extends_and_a_bypass_success_closes() {
    run("bypass", exact(), &[
        Fail(0.0), Fail(0.0), Fail(0.0), RetryAt(Some(30.0)),
        FailHint(5.0, 100.0), RetryAt(Some(105.0)),
        FailHint(6.0, 1.0), RetryAt(Some(105.0)),
        Ok(7.0), Is(7.0, Phase::Closed),
    ]);
}

#[test]
fn jitter_stays_within_its_band_and_the_cap() {
    let config = BreakerConfig { jitter: 0.2, ..BreakerConfig::default() };
    let mut seen = Vec::new();
    for entropy in 0..500u64 {
        let mut b = CircuitBreaker::new(BreakerState::default(), config.clone()).unwrap();
        for _ in 0..3 {
            b.record_failure(0.0, None, entropy).unwrap();
        }
        let period = b.retry_at().unwrap();
        assert!((24.0..=36.0).contains(&period), "{period}");
        seen.push(period);
    }
    let min = seen.iter().copied().fold(f64::INFINITY, f64::min);
    let max = seen.iter().copied().fold(0.0, f64::max);
    assert!(min < 25.0 && max > 35.0, "jitter spreads over the band: {min}..{max}");
    for u in [0.0, 0.5, 0.999_999] {
        assert!(CircuitBreaker::open_period(&config, 10, u) <= 900.0);
    }
}

#[test]
fn a_fixed_seed_gives_the_same_open_period() {
    let config = BreakerConfig { seed: Some(99), ..BreakerConfig::default() };
    let period = |entropy| {
        let mut b = CircuitBreaker::new(BreakerState::default(), config.clone()).unwrap();
        for _ in 0..3 {
            b.record_failure(0.0, None, entropy).unwrap();
        }
        b.retry_at().unwrap()
    };
    assert_eq!(period(1), period(2));
}

#[test]
fn resumes_from_a_saved_state() {
    let mut b = CircuitBreaker::new(BreakerState::default(), exact()).unwrap();
    b.record_failure(0.0, None, 0).unwrap();
    b.record_failure(1.0, None, 0).unwrap();
    let saved = serde_json::to_value(b.state_data()).unwrap();
    // Next request: rebuilt from the array.
    let state: BreakerState = serde_json::from_value(saved).unwrap();
    let mut b = CircuitBreaker::new(state, exact()).unwrap();
    b.record_failure(2.0, None, 0).unwrap();
    assert_eq!(b.phase(2.0), Phase::Open);
}

#[test]
fn bad_tuning_and_bad_state_are_refused() {
    let bad_configs = [
        (BreakerConfig { failure_threshold: 0, ..exact() }, "failure_threshold"),
        (BreakerConfig { window_seconds: 0.0, ..exact() }, "window_seconds"),
        (BreakerConfig { open_seconds: f64::NAN, ..exact() }, "open_seconds"),
        (BreakerConfig { max_open_seconds: 10.0, ..exact() }, "max_open_seconds"),
        (BreakerConfig { half_open_max_calls: 0, ..exact() }, "half_open_max_calls"),
        (BreakerConfig { jitter: 1.5, ..exact() }, "jitter"),
    ];
    for (config, field) in bad_configs {
        assert_eq!(CircuitBreaker::new(BreakerState::default(), config).unwrap_err().field, format!("config.{field}"));
    }
    let bad_states = [
        (BreakerState { failures: vec![f64::NAN], ..BreakerState::default() }, "failures[0]"),
        (BreakerState { calls: vec![1.0, -3.0], ..BreakerState::default() }, "calls[1]"),
        (BreakerState { state: Phase::Open, ..BreakerState::default() }, "open_until"),
        (BreakerState { trips: 1000, ..BreakerState::default() }, "trips"),
        (BreakerState { failures: vec![1.0; 1001], ..BreakerState::default() }, "failures"),
    ];
    for (state, field) in bad_states {
        assert_eq!(CircuitBreaker::new(state, exact()).unwrap_err().field, format!("state.{field}"));
    }
    let mut b = CircuitBreaker::new(BreakerState::default(), exact()).unwrap();
    assert_eq!(b.record_failure(0.0, Some(-1.0), 0).unwrap_err().field, "retryAfter");
}

#[test]
fn unknown_keys_in_arrays_are_refused() {
    let err = serde_json::from_value::<BreakerConfig>(serde_json::json!({"failure_treshold": 5})).unwrap_err();
    assert!(err.to_string().contains("unknown field `failure_treshold`"), "{err}");
    let err = serde_json::from_value::<BreakerState>(serde_json::json!({"state": "ajar"})).unwrap_err();
    assert!(err.to_string().contains("unknown variant"), "{err}");
}
