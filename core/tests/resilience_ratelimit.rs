//! The Discord rate limiter against header sequences shaped like the ones
//! Discord documents (Rate Limits topic: header format, 429 responses with
//! scopes user / global / shared, the invalid request limit).

use jlg_native_core::resilience::{route_key, Headers, LimiterConfig, LimiterState, RateLimiter};

fn limiter() -> RateLimiter {
    RateLimiter::new(LimiterState::default(), LimiterConfig::default()).unwrap()
}

fn h(pairs: &[(&str, &str)]) -> Headers {
    Headers::from_pairs(pairs.iter().copied())
}

const T0: f64 = 1_470_173_000.0;

#[test]
fn bucket_exhaustion_waits_for_reset_after() {
    let mut l = limiter();
    let route = route_key("POST", "/channels/111/messages").unwrap();
    assert_eq!(l.wait(&route, T0).unwrap(), 0.0, "an unknown route goes");
    // Discord's documented example headers, with a 5-per-5s bucket.
    let out = l
        .update(&route, 200, &h(&[
            ("X-RateLimit-Limit", "5"),
            ("X-RateLimit-Remaining", "1"),
            ("X-RateLimit-Reset", "1470173023"),
            ("X-RateLimit-Reset-After", "2.5"),
            ("X-RateLimit-Bucket", "abcd1234"),
        ]), T0)
        .unwrap();
    assert_eq!(out.bucket.as_deref(), Some("abcd1234"));
    assert_eq!(out.retry_after, None);
    assert!(!out.invalid_counted);
    assert_eq!(l.wait(&route, T0 + 0.1).unwrap(), 0.0, "the last request of the bucket goes");
    let w = l.wait(&route, T0 + 0.2).unwrap();
    assert!((w - 2.3).abs() < 1e-6, "then wait for the reset: {w}");
    // Waiting took nothing: asking again gives the shorter remainder.
    assert!((l.wait(&route, T0 + 2.0).unwrap() - 0.5).abs() < 1e-6);
    assert_eq!(l.wait(&route, T0 + 2.5).unwrap(), 0.0, "refilled at the reset");
    // The refill restores the documented limit: 4 more may go.
    for i in 0..4 {
        assert_eq!(l.wait(&route, T0 + 2.6).unwrap(), 0.0, "request {i}");
    }
    let w = l.wait(&route, T0 + 2.6).unwrap();
    assert!((w - 2.4).abs() < 1e-6, "the refill moved the reset one period on: {w}");
}

#[test]
fn reset_epoch_is_used_when_reset_after_is_missing() {
    let mut l = limiter();
    let route = "GET /guilds/1";
    l.update(route, 200, &h(&[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1470173023"), ("x-ratelimit-bucket", "b")]), T0)
        .unwrap();
    assert!((l.wait(route, T0).unwrap() - 23.0).abs() < 1e-6);
}

#[test]
fn buckets_are_per_major_parameter() {
    let mut l = limiter();
    let a = route_key("POST", "/channels/1/messages").unwrap();
    let b = route_key("POST", "/channels/2/messages").unwrap();
    let hdr = h(&[("X-RateLimit-Limit", "5"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset-After", "5"), ("X-RateLimit-Bucket", "msg")]);
    l.update(&a, 200, &hdr, T0).unwrap();
    assert!(l.wait(&a, T0).unwrap() > 0.0);
    assert_eq!(l.wait(&b, T0).unwrap(), 0.0, "another channel has its own limit");
}

#[test]
fn routes_sharing_a_bucket_share_its_limit() {
    let mut l = limiter();
    let hdr = h(&[("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset-After", "3"), ("X-RateLimit-Bucket", "shared-hash")]);
    l.update("GET /guilds/9/members/:id", 200, &hdr, T0).unwrap();
    let one = h(&[("X-RateLimit-Remaining", "2"), ("X-RateLimit-Reset-After", "3"), ("X-RateLimit-Bucket", "shared-hash")]);
    l.update("PATCH /guilds/9/members/:id", 200, &one, T0).unwrap();
    // Both routes map to the bucket shared-hash:guilds/9, last seen with 2 left.
    assert_eq!(l.wait("GET /guilds/9/members/:id", T0).unwrap(), 0.0);
    assert_eq!(l.wait("PATCH /guilds/9/members/:id", T0).unwrap(), 0.0);
    assert!(l.wait("GET /guilds/9/members/:id", T0).unwrap() > 0.0);
}

#[test]
fn user_429_blocks_the_bucket_for_retry_after_and_counts_as_invalid() {
    let mut l = limiter();
    let route = "POST /channels/5/messages";
    let out = l
        .update(route, 429, &h(&[
            ("Retry-After", "65"),
            ("X-RateLimit-Limit", "10"),
            ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", "1470173023.123"),
            ("X-RateLimit-Reset-After", "64.57"),
            ("X-RateLimit-Bucket", "abcd1234"),
            ("X-RateLimit-Scope", "user"),
        ]), T0)
        .unwrap();
    assert_eq!(out.retry_after, Some(65.0));
    assert!(!out.global);
    assert_eq!(out.scope.as_deref(), Some("user"));
    assert!(out.invalid_counted);
    assert!((l.wait(route, T0).unwrap() - 65.0).abs() < 1e-6, "Retry-After wins over the shorter reset");
    assert_eq!(l.wait("GET /guilds/5", T0).unwrap(), 0.0, "other routes still go");
}

#[test]
fn global_429_blocks_every_route() {
    let mut l = limiter();
    let out = l
        .update("GET /guilds/1", 429, &h(&[("Retry-After", "3"), ("X-RateLimit-Global", "true"), ("X-RateLimit-Scope", "global")]), T0)
        .unwrap();
    assert!(out.global);
    assert!(out.invalid_counted);
    assert_eq!(out.retry_after, Some(3.0));
    for route in ["GET /guilds/1", "POST /channels/2/messages", "GET /users/@me"] {
        assert!((l.wait(route, T0 + 1.0).unwrap() - 2.0).abs() < 1e-6, "{route}");
    }
    assert_eq!(l.wait("GET /users/@me", T0 + 3.0).unwrap(), 0.0);
}

#[test]
fn shared_scope_429_waits_but_is_not_invalid() {
    let mut l = limiter();
    let out = l
        .update("POST /channels/3/messages", 429, &h(&[("retry-after", "1.5"), ("x-ratelimit-scope", "shared")]), T0)
        .unwrap();
    assert!(!out.invalid_counted);
    assert_eq!(out.scope.as_deref(), Some("shared"));
    assert!((l.wait("POST /channels/3/messages", T0).unwrap() - 1.5).abs() < 1e-6);
    assert_eq!(l.invalid_used(T0), 0);
}

#[test]
fn a_429_without_any_hint_still_waits() {
    let mut l = limiter();
    let out = l.update("GET /guilds/1", 429, &Headers::default(), T0).unwrap();
    assert_eq!(out.retry_after, Some(1.0), "the default hint");
    assert!(l.wait("GET /guilds/1", T0 + 0.5).unwrap() > 0.0);
    let out = l.update("GET /guilds/2", 429, &h(&[("X-RateLimit-Reset-After", "7.25")]), T0).unwrap();
    assert_eq!(out.retry_after, Some(7.25), "reset-after when Retry-After is missing");
}

#[test]
fn a_401_halts_until_reset() {
    let mut l = limiter();
    let out = l.update("GET /guilds/1", 401, &Headers::default(), T0).unwrap();
    assert!(out.halted);
    assert!(out.invalid_counted);
    assert_eq!(l.wait("GET /guilds/1", T0).unwrap(), f64::INFINITY);
    assert_eq!(l.wait("GET /users/@me", T0 + 1e6).unwrap(), f64::INFINITY, "time alone does not lift it");
    l.reset();
    assert_eq!(l.wait("GET /guilds/1", T0).unwrap(), 0.0);
    assert_eq!(l.invalid_used(T0), 1, "the invalid count is per IP and survives a reset");
}

#[test]
fn a_403_counts_as_invalid_without_halting() {
    let mut l = limiter();
    let out = l.update("GET /guilds/1", 403, &Headers::default(), T0).unwrap();
    assert!(out.invalid_counted && !out.halted);
    for status in [200, 204, 404, 500] {
        assert!(!l.update("GET /guilds/1", status, &Headers::default(), T0).unwrap().invalid_counted, "{status}");
    }
}

#[test]
fn the_invalid_budget_stops_calls_at_its_safety_share_until_the_window_rolls() {
    let config = LimiterConfig { invalid_limit: 100, invalid_safety_ratio: 0.5, ..LimiterConfig::default() };
    let mut l = RateLimiter::new(LimiterState::default(), config).unwrap();
    // 49 invalid responses over the first minute: still allowed.
    for i in 0..49 {
        l.update("GET /guilds/1", 403, &Headers::default(), T0 + f64::from(i)).unwrap();
    }
    assert_eq!(l.wait("GET /users/@me", T0 + 50.0).unwrap(), 0.0);
    // The 50th (half of 100) closes the gate for every route.
    l.update("GET /guilds/1", 403, &Headers::default(), T0 + 100.0).unwrap();
    let w = l.wait("GET /users/@me", T0 + 100.0).unwrap();
    assert!(w > 0.0, "refused once the safety share is used");
    // The first slot (started at T0, 60 s wide) leaves a 600 s window at T0 + 660.
    assert!((w - 560.0).abs() < 1e-6, "{w}");
    assert!(l.wait("GET /users/@me", T0 + 659.0).unwrap() > 0.0);
    assert_eq!(l.wait("GET /users/@me", T0 + 660.0).unwrap(), 0.0);
}

#[test]
fn the_global_limit_spaces_requests() {
    let config = LimiterConfig { global_per_second: 50, ..LimiterConfig::default() };
    let mut l = RateLimiter::new(LimiterState::default(), config).unwrap();
    for i in 0..50 {
        assert_eq!(l.wait(&format!("GET /guilds/{i}"), T0 + 0.5).unwrap(), 0.0, "{i}");
    }
    let w = l.wait("GET /guilds/99", T0 + 0.6).unwrap();
    assert!((w - 0.9).abs() < 1e-6, "the 51st waits for the next second: {w}");
    assert_eq!(l.wait("GET /guilds/99", T0 + 1.5).unwrap(), 0.0);
}

#[test]
fn state_round_trips_and_bounds_hold() {
    let config = LimiterConfig { max_buckets: 3, ..LimiterConfig::default() };
    let mut l = RateLimiter::new(LimiterState::default(), config.clone()).unwrap();
    for i in 0..10 {
        let route = format!("GET /guilds/{i}");
        let hdr = h(&[("X-RateLimit-Remaining", "3"), ("X-RateLimit-Reset-After", "1"), ("X-RateLimit-Bucket", "g")]);
        l.update(&route, 200, &hdr, T0 + f64::from(i)).unwrap();
    }
    assert_eq!(l.state_data().buckets.len(), 3);
    assert!(l.state_data().routes.len() <= 3);
    assert!(l.state_data().buckets.contains_key("g:guilds/9"), "the most recent stay");
    let json = serde_json::to_value(l.state_data()).unwrap();
    let back: LimiterState = serde_json::from_value(json).unwrap();
    let l2 = RateLimiter::new(back, config).unwrap();
    assert_eq!(l2.state_data(), l.state_data());
}

#[test]
fn bad_input_is_refused() {
    let mut l = limiter();
    assert_eq!(l.update("GET /x", 99, &Headers::default(), T0).unwrap_err().field, "status");
    assert_eq!(l.update("GET /x", 600, &Headers::default(), T0).unwrap_err().field, "status");
    assert_eq!(l.wait("", T0).unwrap_err().field, "route");
    let bad = [
        (LimiterConfig { global_per_second: 0, ..LimiterConfig::default() }, "global_per_second"),
        (LimiterConfig { invalid_safety_ratio: 1.5, ..LimiterConfig::default() }, "invalid_safety_ratio"),
        (LimiterConfig { invalid_window_seconds: -1.0, ..LimiterConfig::default() }, "invalid_window_seconds"),
    ];
    for (config, field) in bad {
        assert_eq!(RateLimiter::new(LimiterState::default(), config).unwrap_err().field, format!("config.{field}"));
    }
    let state = LimiterState { global_window_start: f64::NAN, ..LimiterState::default() };
    assert_eq!(RateLimiter::new(state, LimiterConfig::default()).unwrap_err().field, "state.global_window_start");
}

#[test]
fn headers_are_read_without_regard_to_case_and_garbage_is_ignored() {
    let json = serde_json::json!({
        "x-RATELIMIT-remaining": ["0", "9"],
        "X-RateLimit-Reset-After": 2,
        "X-RateLimit-Bucket": "abc",
        "X-RateLimit-Limit": "lots",
        "Content-Type": "application/json"
    });
    let headers = Headers::from_json(&json).unwrap();
    assert_eq!(headers.count("x-ratelimit-remaining"), Some(0));
    assert_eq!(headers.number("x-ratelimit-reset-after"), Some(2.0));
    assert_eq!(headers.count("x-ratelimit-limit"), None);
    assert_eq!(headers.get("content-type"), None, "unrelated headers are not kept");
    assert!(Headers::from_json(&serde_json::json!(["a"])).is_err());
    assert_eq!(Headers::from_json(&serde_json::json!([])).unwrap(), Headers::default());
}
