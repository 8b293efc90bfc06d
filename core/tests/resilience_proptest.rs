//! No input panics: Retry-After values, route paths, and state or tuning arrays
//! full of garbage are either accepted or refused with an error.

use jlg_native_core::resilience::{
    delay, parse_retry_after, route_key, BackoffOptions, BreakerConfig, BreakerState, CircuitBreaker, Headers,
    LimiterConfig, LimiterState, RateLimiter,
};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Keys the arrays know, plus near misses.
const KEYS: &[&str] = &[
    "state", "failures", "calls", "trips", "opened_at", "open_until", "probes_in_flight", "probe_successes",
    "last_probe_at", "failure_threshold", "window_seconds", "min_calls", "open_seconds", "max_open_seconds",
    "half_open_max_calls", "jitter", "seed", "halted", "halted_at", "global_window_start", "global_count",
    "global_blocked_until", "routes", "buckets", "invalid", "global_per_second", "invalid_limit",
    "invalid_window_seconds", "invalid_safety_ratio", "default_retry_after", "max_buckets", "limit", "remaining",
    "reset_at", "seen_at", "period", "start", "count", "strategy", "base", "cap", "previous", "retry_after", "bogus",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (0i64..2_000_000_000).prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f).map(Value::Number)),
        (0.0f64..2e9).prop_map(|f| json!(f)),
        prop_oneof![Just("closed"), Just("open"), Just("half_open"), Just("full_jitter"), Just("decorrelated"), Just("x")]
            .prop_map(|s| Value::String(s.to_owned())),
        ".{0,12}".prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

fn object() -> impl Strategy<Value = Value> {
    prop::collection::vec((prop::sample::select(KEYS), value()), 0..8)
        .prop_map(|pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect::<Map<_, _>>()))
}

#[derive(Debug, Clone)]
enum Op {
    Allow(f64),
    Ok(f64),
    Fail(f64, Option<f64>),
    Wait(f64),
    Update(f64, i64, Vec<(String, String)>),
    Reset,
}

fn time() -> impl Strategy<Value = f64> {
    prop_oneof![0.0f64..1e10, Just(0.0), Just(1e15)]
}

fn op() -> impl Strategy<Value = Op> {
    let header = (
        prop::sample::select(vec![
            "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Reset-After",
            "X-RateLimit-Bucket", "X-RateLimit-Global", "X-RateLimit-Scope",
        ]),
        prop_oneof![".{0,10}", "[0-9]{1,12}(\\.[0-9]{1,4})?", Just("true".to_owned()), Just("shared".to_owned())],
    )
        .prop_map(|(k, v)| (k.to_owned(), v));
    prop_oneof![
        time().prop_map(Op::Allow),
        time().prop_map(Op::Ok),
        (time(), prop::option::of(prop_oneof![0.0f64..1e7, Just(-1.0), Just(f64::NAN)])).prop_map(|(t, h)| Op::Fail(t, h)),
        time().prop_map(Op::Wait),
        (time(), 0i64..700, prop::collection::vec(header, 0..6)).prop_map(|(t, s, h)| Op::Update(t, s, h)),
        Just(Op::Reset),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn retry_after_never_panics(value in "\\PC{0,64}", now in any::<f64>()) {
        if let Some(s) = parse_retry_after(&value, now) {
            prop_assert!(s.is_finite() && s >= 0.0, "{value:?} -> {s}");
        }
    }

    #[test]
    fn retry_after_reads_any_delta(whole in 0u64..10_000_000, frac in 0u32..1000, comma in any::<bool>()) {
        let text = format!("{whole}{}{frac:03}", if comma { ',' } else { '.' });
        let got = parse_retry_after(&text, 0.0).unwrap();
        let want: f64 = format!("{whole}.{frac:03}").parse().unwrap();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn route_key_never_panics_and_never_keeps_a_token(
        method in "\\PC{0,10}",
        path in "\\PC{0,200}",
        id in "[0-9]{17,19}",
        token in "[A-Za-z_-][A-Za-z0-9_-]{20,60}",
    ) {
        let _ = route_key(&method, &path);
        let key = route_key("POST", &format!("/webhooks/{id}/{token}/{path}")).unwrap_or_default();
        prop_assert!(!key.contains(&token), "{key}");
        let key = route_key("POST", &format!("/interactions/{id}/{token}/callback")).unwrap();
        prop_assert!(!key.contains(&token), "{key}");
    }

    #[test]
    fn backoff_never_panics(attempt in any::<i64>(), options in object(), entropy in any::<u64>()) {
        if let Ok(options) = serde_json::from_value::<BackoffOptions>(options) {
            if let Ok(d) = delay(attempt, &options, entropy) {
                prop_assert!(d.is_finite() && d >= 0.0);
            }
        }
    }

    #[test]
    fn breaker_from_garbage_never_panics(state in object(), config in object(), ops in prop::collection::vec(op(), 0..20)) {
        // Garbage is refused or accepted; either way the operations below run on something.
        let state: BreakerState = serde_json::from_value(state).unwrap_or_default();
        let config: BreakerConfig = serde_json::from_value(config).unwrap_or_default();
        let (mut b, config) = match CircuitBreaker::new(state, config.clone()) {
            Ok(b) => (b, config),
            Err(_) => (CircuitBreaker::new(BreakerState::default(), BreakerConfig::default()).unwrap(), BreakerConfig::default()),
        };
        for op in ops {
            match op {
                Op::Allow(t) => { b.allow(t); }
                Op::Ok(t) => b.record_success(t),
                Op::Fail(t, h) => { let _ = b.record_failure(t, h, 1); }
                _ => {}
            }
            let _ = b.phase(0.0);
            // Whatever happened, the saved form is accepted back.
            let saved: BreakerState = serde_json::from_value(serde_json::to_value(b.state_data()).unwrap()).unwrap();
            prop_assert!(CircuitBreaker::new(saved, config.clone()).is_ok());
        }
    }

    #[test]
    fn limiter_from_garbage_never_panics(state in object(), config in object(), ops in prop::collection::vec(op(), 0..20)) {
        let state: LimiterState = serde_json::from_value(state).unwrap_or_default();
        let config: LimiterConfig = serde_json::from_value(config).unwrap_or_default();
        let (mut l, config) = match RateLimiter::new(state, config.clone()) {
            Ok(l) => (l, config),
            Err(_) => (RateLimiter::new(LimiterState::default(), LimiterConfig::default()).unwrap(), LimiterConfig::default()),
        };
        for op in ops {
            match op {
                Op::Wait(t) => { let _ = l.wait("GET /guilds/1", t); }
                Op::Update(t, status, headers) => {
                    let h = Headers::from_pairs(headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                    let _ = l.update("GET /guilds/1", status, &h, t);
                }
                Op::Reset => l.reset(),
                _ => {}
            }
            let saved: LimiterState = serde_json::from_value(serde_json::to_value(l.state_data()).unwrap()).unwrap();
            prop_assert!(RateLimiter::new(saved, config.clone()).is_ok());
        }
    }

    #[test]
    fn headers_from_any_json_never_panic(v in value()) {
        let _ = Headers::from_json(&v);
    }
}
