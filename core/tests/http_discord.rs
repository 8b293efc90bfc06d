//! The Discord client against a scripted transport and a fake clock.

#[path = "support/http_fakes.rs"]
mod fakes;

use fakes::{resp, FakeClock, FakeTransport};
use jlg_native_core::http::{resolve_token, DiscordClient, DiscordOptions, HttpError, TransportError};
use jlg_native_core::store::{StateStore, StoreOptions};

const BOT: &str = r#"{"id":"1","name":"JLG","approximate_member_count":120,"approximate_presence_count":33}"#;
const WIDGET: &str = r#"{"id":"1","name":"JLG","presence_count":31,"members":[]}"#;

fn client(store: Option<StateStore>) -> DiscordClient {
    let options = DiscordOptions { base_url: "http://127.0.0.1:9/api/v10".into(), ..DiscordOptions::default() };
    DiscordClient::new(options, Some(resolve_token(b"abc.def", None, "").unwrap()), store, 7).unwrap()
}

#[test]
fn bot_answer_with_token_header() {
    let t = FakeTransport::new(Ok(resp(200, &[("x-ratelimit-remaining", "4"), ("x-ratelimit-limit", "5")], BOT)));
    let clock = FakeClock::at(1_000.0);
    let mut c = client(None);
    let stats = c.guild_stats("123", &t, &clock).unwrap();
    assert_eq!(stats.source, "bot");
    assert_eq!(stats.member_count, Some(120));
    assert_eq!(stats.presence_count, Some(33));
    let seen = t.seen.borrow();
    assert_eq!(seen[0].url, "http://127.0.0.1:9/api/v10/guilds/123?with_counts=true");
    assert_eq!(seen[0].authorization.as_deref(), Some("Bot abc.def"));
    assert_eq!(c.last_response().rate_limit.remaining, Some(4));
    assert!(!format!("{:?}", c.last_response()).contains("abc.def"));
}

#[test]
fn no_request_while_the_bucket_is_empty_then_widget() {
    let t = FakeTransport::new(Ok(resp(200, &[], WIDGET)));
    t.push("with_counts", Ok(resp(200, &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset-after", "2.5"), ("x-ratelimit-bucket", "b1")], BOT)));
    let clock = FakeClock::at(1_000.0);
    let mut c = client(None);
    assert_eq!(c.guild_stats("123", &t, &clock).unwrap().source, "bot");
    clock.advance(1.0);
    let second = c.guild_stats("123", &t, &clock).unwrap();
    assert_eq!(second.source, "widget");
    assert_eq!(second.member_count, None);
    assert_eq!(t.count("with_counts"), 1, "no bot request while the limiter says wait");
    // Once the bucket resets, the bot API is used again.
    clock.advance(2.0);
    t.push("with_counts", Ok(resp(200, &[], BOT)));
    assert_eq!(c.guild_stats("123", &t, &clock).unwrap().source, "bot");
    assert_eq!(t.count("with_counts"), 2);
}

#[test]
fn max_wait_sleeps_through_a_short_wait() {
    let t = FakeTransport::new(Ok(resp(200, &[], BOT)));
    t.push("with_counts", Ok(resp(200, &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset-after", "0.5")], BOT)));
    let clock = FakeClock::at(1_000.0);
    let options = DiscordOptions { base_url: "http://127.0.0.1:9/api/v10".into(), max_wait: 1.0, ..DiscordOptions::default() };
    let mut c = DiscordClient::new(options, Some(resolve_token(b"tok", None, "").unwrap()), None, 1).unwrap();
    c.guild_stats("5", &t, &clock).unwrap();
    assert_eq!(c.guild_stats("5", &t, &clock).unwrap().source, "bot");
    assert_eq!(clock.slept.borrow().len(), 1);
    assert!((clock.slept.borrow()[0] - 0.5).abs() < 1e-9);
}

#[test]
fn global_429_blocks_then_401_halts() {
    let t = FakeTransport::new(Ok(resp(200, &[], WIDGET)));
    t.push("with_counts", Ok(resp(429, &[("retry-after", "3"), ("x-ratelimit-global", "true")], "{}")));
    let clock = FakeClock::at(1_000.0);
    let mut c = client(None);
    assert_eq!(c.guild_stats("1", &t, &clock).unwrap().source, "widget");
    clock.advance(1.0);
    c.guild_stats("1", &t, &clock).unwrap();
    assert_eq!(t.count("with_counts"), 1);
    clock.advance(60.0);
    t.push("with_counts", Ok(resp(401, &[], "{}")));
    assert_eq!(c.guild_stats("1", &t, &clock).unwrap().source, "widget");
    assert_eq!(t.count("with_counts"), 2);
    clock.advance(3600.0);
    c.guild_stats("1", &t, &clock).unwrap();
    assert_eq!(t.count("with_counts"), 2, "halted after a 401");
    assert_eq!(c.last_response().outcome.as_deref(), Some("ok"));
}

#[test]
fn breaker_opens_after_failures_and_half_opens() {
    let t = FakeTransport::new(Ok(resp(200, &[], WIDGET)));
    for _ in 0..3 {
        t.push("with_counts", Ok(resp(503, &[], "")));
    }
    let clock = FakeClock::at(1_000.0);
    let mut c = client(None);
    for _ in 0..3 {
        assert_eq!(c.guild_stats("9", &t, &clock).unwrap().source, "widget");
        clock.advance(1.0);
    }
    assert_eq!(t.count("with_counts"), 3);
    c.guild_stats("9", &t, &clock).unwrap();
    assert_eq!(t.count("with_counts"), 3, "open: no request");
    // Open period: 30 s +- 20 %. After 40 s one probe goes; it succeeds and closes the breaker.
    clock.advance(40.0);
    t.push("with_counts", Ok(resp(200, &[], BOT)));
    assert_eq!(c.guild_stats("9", &t, &clock).unwrap().source, "bot");
    t.push("with_counts", Ok(resp(200, &[], BOT)));
    assert_eq!(c.guild_stats("9", &t, &clock).unwrap().source, "bot");
    assert_eq!(t.count("with_counts"), 5);
}

#[test]
fn timeout_and_oversize_fall_back_and_both_down_is_an_error() {
    let t = FakeTransport::new(Err(TransportError::Timeout { timeout_ms: 10 }));
    t.push("with_counts", Err(TransportError::TooLarge { limit: 10 }));
    let clock = FakeClock::at(1_000.0);
    let mut c = client(None);
    let e = c.guild_stats("9", &t, &clock).unwrap_err();
    assert!(matches!(e, HttpError::Unavailable { .. }));
    let text = e.to_string();
    assert!(text.contains("larger than 10 bytes") && text.contains("timed out"), "{text}");
    assert!(!text.contains("abc.def") && !text.contains("127.0.0.1"));
}

#[test]
fn state_is_shared_through_the_store_and_calls_are_logged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let open = || StateStore::open(&path, StoreOptions::default()).unwrap();
    let t = FakeTransport::new(Ok(resp(200, &[], WIDGET)));
    t.push("with_counts", Ok(resp(200, &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset-after", "30")], BOT)));
    let clock = FakeClock::at(1_000.0);
    let mut a = client(Some(open()));
    let mut b = client(Some(open()));
    assert_eq!(a.guild_stats("7", &t, &clock).unwrap().source, "bot");
    assert_eq!(b.guild_stats("7", &t, &clock).unwrap().source, "widget", "the other object sees the empty bucket");
    let store = open();
    let events = store.events("http", &Default::default()).unwrap();
    assert_eq!(events.len(), 2);
    let routes: Vec<_> = events.iter().map(|e| e.fields["route"].as_str().unwrap().to_owned()).collect();
    assert!(routes.contains(&"GET /guilds/7".to_owned()), "{routes:?}");
    assert_eq!(events[1].fields["rate_limit_remaining"], 0);
    let all = serde_json::to_string(&events.iter().map(|e| &e.fields).collect::<Vec<_>>()).unwrap();
    assert!(!all.contains("abc.def"));
}

#[test]
fn bad_inputs() {
    let t = FakeTransport::new(Ok(resp(200, &[], BOT)));
    let clock = FakeClock::at(1.0);
    let mut c = client(None);
    assert!(c.guild_stats("12a", &t, &clock).is_err());
    assert!(c.guild_stats("", &t, &clock).is_err());
    assert!(resolve_token(b"has space", None, "").is_err());
    let e = resolve_token(b"bad token\n", None, "").unwrap_err().to_string();
    assert!(!e.contains("bad token"));
    let bad = DiscordOptions { base_url: "ftp://x".into(), ..DiscordOptions::default() };
    assert!(DiscordClient::new(bad, None, None, 0).unwrap_err().to_string().starts_with("options.base_url"));
}
