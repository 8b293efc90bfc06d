//! The SQLite state store: locks, counters, values, the event log, metrics,
//! bad files and contention between connections.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use jlg_native_core::store::{resolve_path, EventFilter, Order, StateStore, StoreError, StoreOptions};
use jlg_native_core::{Classify, ErrorClass};
use serde_json::{json, Map, Value};

fn open(dir: &tempfile::TempDir) -> StateStore {
    StateStore::open(&dir.path().join("state.sqlite"), StoreOptions::default()).unwrap()
}

fn fields(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

#[test]
fn locks_are_exclusive_until_released_or_expired() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    assert_eq!(s.acquire_lock("sync", 30, 100.0, "aaa").unwrap().as_deref(), Some("aaa"));
    assert_eq!(s.acquire_lock("sync", 30, 110.0, "bbb").unwrap(), None, "held");
    assert!(!s.release_lock("sync", "bbb").unwrap(), "not the holder's token");
    assert_eq!(s.acquire_lock("sync", 30, 129.9, "bbb").unwrap(), None, "still within the TTL");
    assert_eq!(s.acquire_lock("sync", 30, 130.0, "bbb").unwrap().as_deref(), Some("bbb"), "expired: taken over");
    assert!(!s.release_lock("sync", "aaa").unwrap(), "the old holder cannot release the new holder's lock");
    assert!(s.release_lock("sync", "bbb").unwrap());
    assert_eq!(s.acquire_lock("sync", 30, 131.0, "ccc").unwrap().as_deref(), Some("ccc"));
    assert_eq!(s.acquire_lock("other", 30, 131.0, "ddd").unwrap().as_deref(), Some("ddd"), "locks are per name");
}

#[test]
fn lock_input_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let field = |e: StoreError| e.field().unwrap_or_default();
    assert_eq!(field(s.acquire_lock("", 30, 1.0, "t").unwrap_err()), "name");
    assert_eq!(field(s.acquire_lock(&"n".repeat(256), 30, 1.0, "t").unwrap_err()), "name");
    assert_eq!(field(s.acquire_lock("n", 0, 1.0, "t").unwrap_err()), "ttlSeconds");
    assert_eq!(field(s.acquire_lock("n", 1, f64::NAN, "t").unwrap_err()), "now");
    let err = s.acquire_lock("n", 0, 1.0, "t").unwrap_err();
    assert_eq!(err.class(), ErrorClass::InvalidInput);
}

#[test]
fn threads_with_their_own_connections_never_share_a_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite");
    drop(StateStore::open(&path, StoreOptions::default()).unwrap());
    let inside = Arc::new(AtomicUsize::new(0));
    let acquired = Arc::new(AtomicUsize::new(0));
    let violations = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let (path, inside, acquired, violations) = (path.clone(), inside.clone(), acquired.clone(), violations.clone());
            std::thread::spawn(move || {
                let mut s = StateStore::open(&path, StoreOptions::default()).unwrap();
                let mut mine = 0;
                while mine < 50 {
                    let token = format!("w{w}-{mine}");
                    if s.acquire_lock("one", 60, 1000.0, &token).unwrap().is_some() {
                        if inside.fetch_add(1, Ordering::SeqCst) != 0 {
                            violations.fetch_add(1, Ordering::SeqCst);
                        }
                        std::thread::yield_now();
                        inside.fetch_sub(1, Ordering::SeqCst);
                        assert!(s.release_lock("one", &token).unwrap());
                        acquired.fetch_add(1, Ordering::SeqCst);
                        mine += 1;
                    }
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    assert_eq!(acquired.load(Ordering::SeqCst), 200);
    assert_eq!(violations.load(Ordering::SeqCst), 0);
}

#[test]
fn counters_add_list_and_refuse_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    assert_eq!(s.increment("discord.calls", 1).unwrap(), 1);
    assert_eq!(s.increment("discord.calls", 5).unwrap(), 6);
    assert_eq!(s.increment("discord.errors", -2).unwrap(), -2);
    assert_eq!(s.increment("backup.runs", 1).unwrap(), 1);
    assert_eq!(
        s.counters("discord.").unwrap(),
        vec![("discord.calls".to_owned(), 6), ("discord.errors".to_owned(), -2)]
    );
    assert_eq!(s.counters("").unwrap().len(), 3);
    assert_eq!(s.counters("%").unwrap().len(), 0, "the prefix is literal, not a LIKE pattern");
    s.increment("big", i64::MAX).unwrap();
    let err = s.increment("big", 1).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("by"));
    assert_eq!(s.counters("big").unwrap(), vec![("big".to_owned(), i64::MAX)], "unchanged after the refusal");
}

#[test]
fn values_round_trip_and_expire() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let v = json!({"list": [1, 2.5, null, true, "é"], "map": {"1": "a", "k": []}});
    s.set("cache", &v, None, 100.0).unwrap();
    assert_eq!(s.get("cache", 1e12).unwrap(), Some(v.clone()));
    s.set("short", &json!(42), Some(10), 100.0).unwrap();
    assert_eq!(s.get("short", 109.9).unwrap(), Some(json!(42)));
    assert_eq!(s.get("short", 110.0).unwrap(), None);
    assert!(!s.delete("short", 110.0).unwrap(), "expired values are not reported as deleted");
    assert!(s.delete("cache", 110.0).unwrap());
    assert!(!s.delete("cache", 110.0).unwrap());
    assert_eq!(s.get("missing", 0.0).unwrap(), None);
    s.set("n", &Value::Null, None, 0.0).unwrap();
    assert_eq!(s.get("n", 0.0).unwrap(), Some(Value::Null));
}

#[test]
fn the_event_log_keeps_its_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let options = StoreOptions { max_events_per_channel: 50, max_event_age_seconds: 1000.0, ..StoreOptions::default() };
    let mut s = StateStore::open(&dir.path().join("s.sqlite"), options).unwrap();
    for i in 0..500 {
        s.log_event("discord", &fields(json!({"i": i})), 10_000.0 + f64::from(i)).unwrap();
    }
    s.log_event("backup", &fields(json!({"i": 0})), 10_000.0).unwrap();
    let all = s.events("discord", &EventFilter { limit: 10_000, ..EventFilter::default() }).unwrap();
    assert_eq!(all.len(), 50, "rows per channel");
    assert_eq!(all[0].fields, json!({"i": 499}), "newest first");
    assert_eq!(all[49].fields, json!({"i": 450}));
    assert_eq!(s.events("backup", &EventFilter::default()).unwrap().len(), 1, "channels are bounded separately");
    // Age: an event 1000 s after the newest pushes out everything older than its horizon.
    s.log_event("discord", &fields(json!({"i": "late"})), 10_499.0 + 990.0).unwrap();
    let left = s.events("discord", &EventFilter { limit: 10_000, order: Order::Asc, ..EventFilter::default() }).unwrap();
    assert!(left.iter().all(|e| e.time >= 10_489.0), "older than max_event_age_seconds are gone");
    assert_eq!(left.len(), 11 + 1);
}

#[test]
fn events_filter_by_time_outcome_route_and_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    for (t, outcome, route) in [(1.0, "ok", "a"), (2.0, "error", "a"), (3.0, "ok", "b"), (4.0, "timeout", "b")] {
        s.log_event("c", &fields(json!({"outcome": outcome, "route": route})), t).unwrap();
    }
    let ids = |f: EventFilter| s.events("c", &f).unwrap().iter().map(|e| e.time).collect::<Vec<_>>();
    assert_eq!(ids(EventFilter::default()), [4.0, 3.0, 2.0, 1.0]);
    assert_eq!(ids(EventFilter { order: Order::Asc, limit: 2, ..EventFilter::default() }), [1.0, 2.0]);
    assert_eq!(ids(EventFilter { since: Some(2.0), until: Some(4.0), ..EventFilter::default() }), [3.0, 2.0]);
    assert_eq!(ids(EventFilter { outcome: Some("ok".into()), ..EventFilter::default() }), [3.0, 1.0]);
    assert_eq!(ids(EventFilter { route: Some("b".into()), ..EventFilter::default() }), [4.0, 3.0]);
    assert!(s.events("c", &EventFilter { limit: 0, ..EventFilter::default() }).is_err());
}

#[test]
fn metrics_count_errors_and_durations() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    // 20 calls on one route with durations 1..=20 ms, 2 errors; 1 fallback on another route.
    for i in 1..=20 {
        let outcome = if i % 10 == 0 { "error" } else { "ok" };
        s.log_event("discord", &fields(json!({"route": "GET /guilds/1", "outcome": outcome, "duration_ms": i})), 100.0 + f64::from(i)).unwrap();
    }
    s.log_event("discord", &fields(json!({"route": "GET /guilds/1/widget.json", "outcome": "fallback", "duration_ms": 100.0})), 200.0).unwrap();
    s.log_event("discord", &fields(json!({"note": "no outcome"})), 200.0).unwrap();
    s.log_event("discord", &fields(json!({"outcome": "ok", "duration_ms": 5})), 50.0).unwrap(); // before `since`
    let m = s.metrics("discord", 100.0).unwrap();
    assert_eq!(m.count, 22);
    assert_eq!(m.errors, 3, "two errors and a fallback");
    assert!((m.error_rate - 3.0 / 22.0).abs() < 1e-12);
    let r = &m.by_route["GET /guilds/1"];
    assert_eq!((r.count, r.errors), (20, 2));
    assert_eq!(r.mean_ms, Some(10.5));
    assert!((r.p95_ms.unwrap() - 19.05).abs() < 1e-9, "numpy.percentile(range(1, 21), 95) = 19.05");
    assert_eq!(m.by_outcome["ok"], 18);
    assert_eq!(m.by_outcome["fallback"], 1);
    assert!(!m.by_outcome.contains_key(""));
    let empty = s.metrics("nothing", 0.0).unwrap();
    assert_eq!((empty.count, empty.error_rate, empty.mean_ms, empty.p95_ms), (0, 0.0, None, None));
}

#[test]
fn event_fields_are_type_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    for (bad, field) in [
        (json!({"duration_ms": "fast"}), "fields.duration_ms"),
        (json!({"duration_ms": -1}), "fields.duration_ms"),
        (json!({"outcome": 3}), "fields.outcome"),
        (json!({"route": ["x"]}), "fields.route"),
        (json!({"blob": "x".repeat(70_000)}), "fields"),
    ] {
        assert_eq!(s.log_event("c", &fields(bad), 1.0).unwrap_err().field().as_deref(), Some(field));
    }
}

#[test]
fn bad_files_give_clear_errors_and_can_be_recreated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite");
    std::fs::write(&path, b"this is not a database, just some text that is long enough to look like a header......").unwrap();
    let err = StateStore::open(&path, StoreOptions::default()).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert_eq!(err.class(), ErrorClass::Failure);
    let msg = err.to_string();
    assert!(msg.contains("corrupt or not a SQLite database") && msg.contains("delete it"), "{msg}");
    std::fs::remove_file(&path).unwrap();
    let mut s = StateStore::open(&path, StoreOptions::default()).unwrap();
    assert_eq!(s.increment("after", 1).unwrap(), 1);

    let err = StateStore::open(dir.path(), StoreOptions::default()).unwrap_err();
    assert!(err.to_string().contains("is a folder"), "{err}");
    let err = StateStore::open(&dir.path().join("missing/state.sqlite"), StoreOptions::default()).unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite");
    drop(StateStore::open(&path, StoreOptions::default()).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA user_version = 99").unwrap();
    drop(conn);
    let err = StateStore::open(&path, StoreOptions::default()).unwrap_err();
    assert!(matches!(err, StoreError::Version { found: 99, .. }), "{err:?}");
}

#[cfg(unix)]
#[test]
fn the_file_is_private_and_in_wal_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite");
    let mut s = StateStore::open(&path, StoreOptions::default()).unwrap();
    s.increment("x", 1).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    let wal = dir.path().join("state.sqlite-wal");
    assert!(wal.exists(), "WAL journal in use");
    assert_eq!(std::fs::metadata(&wal).unwrap().permissions().mode() & 0o777, 0o600);
    s.integrity_check().unwrap();
}

#[test]
fn the_default_path_comes_from_the_state_dir() {
    assert_eq!(resolve_path(Some("/x/y.sqlite"), Some("/d")).unwrap(), std::path::PathBuf::from("/x/y.sqlite"));
    assert_eq!(resolve_path(None, Some("/d")).unwrap(), std::path::PathBuf::from("/d/state.sqlite"));
    assert_eq!(resolve_path(Some(""), Some(" ")).unwrap_err(), StoreError::NoPath);
    assert!(StoreError::NoPath.to_string().contains("jlg_native.state_dir"));
}
