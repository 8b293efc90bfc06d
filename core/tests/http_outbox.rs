//! The webhook outbox against a scripted transport: retries, dead letters,
//! Retry-After, idempotency, leases between two outboxes, a flusher that dies.

#[path = "support/http_fakes.rs"]
mod fakes;

use std::sync::Arc;

use fakes::{resp, FakeClock, FakeTransport};
use jlg_native_core::http::{EnqueueOptions, Failure, Kind, Outbox, OutboxOptions, Request, Response, Transport, TransportError};
use jlg_native_core::store::{StateStore, StoreOptions};
use jlg_native_core::vault::Vault;
use serde_json::json;

const URL: &str = "http://127.0.0.1:9/api/webhooks/1/SECRET-TOKEN";

fn store(dir: &tempfile::TempDir) -> StateStore {
    StateStore::open(&dir.path().join("s.sqlite"), StoreOptions::default()).unwrap()
}

fn outbox(dir: &tempfile::TempDir, options: OutboxOptions) -> Outbox {
    Outbox::open(store(dir), options, None).unwrap()
}

fn enqueue(o: &mut Outbox, n: usize, now: f64) -> Vec<String> {
    (0..n)
        .map(|i| {
            let opts = EnqueueOptions { kind: Kind::Discord, ..EnqueueOptions::default() };
            o.enqueue(URL, &json!({"text": format!("alert {i}")}), &opts, now, &format!("id{i:03}"), &[i as u8; 24]).unwrap()
        })
        .collect()
}

#[test]
fn delivers_in_order_and_logs_without_the_url() {
    let dir = tempfile::tempdir().unwrap();
    let mut o = outbox(&dir, OutboxOptions::default());
    enqueue(&mut o, 3, 100.0);
    let t = FakeTransport::new(Ok(resp(204, &[], "")));
    let clock = FakeClock::at(0.0);
    let r = o.flush(&t, &clock, 20, 5.0, 100.0, "lease-a", 1).unwrap();
    assert_eq!((r.sent, r.retried, r.dead, r.remaining), (3, 0, 0, 0));
    let bodies: Vec<String> = t.seen.borrow().iter().map(|s| String::from_utf8(s.body.clone().unwrap()).unwrap()).collect();
    assert!(bodies[0].contains("alert 0") && bodies[2].contains("alert 2"));
    let events = store(&dir).events("http", &Default::default()).unwrap();
    assert_eq!(events.len(), 3);
    let text = serde_json::to_string(&events.iter().map(|e| &e.fields).collect::<Vec<_>>()).unwrap();
    assert!(!text.contains("SECRET"), "{text}");
    assert_eq!(events[0].fields["outcome"], "ok");
    assert_eq!(events[0].fields["route"], "POST webhook:discord");
}

#[test]
fn retries_5xx_with_backoff_then_dead_letter() {
    let dir = tempfile::tempdir().unwrap();
    let options = OutboxOptions { max_attempts: 3, ..OutboxOptions::default() };
    let mut o = outbox(&dir, options);
    let ids = enqueue(&mut o, 1, 100.0);
    let t = FakeTransport::new(Ok(resp(503, &[], "")));
    let clock = FakeClock::at(0.0);
    let r = o.flush(&t, &clock, 20, 5.0, 100.0, "l1", 1).unwrap();
    assert_eq!((r.sent, r.retried, r.dead, r.remaining), (0, 1, 0, 1));
    let info = o.get(&ids[0]).unwrap().unwrap();
    assert_eq!(info.attempts, 1);
    // Equal jitter from 5 s: the next attempt is 2.5 to 5 s later.
    assert!(info.not_before >= 102.5 && info.not_before <= 105.0, "{}", info.not_before);
    let r = o.flush(&t, &clock, 20, 5.0, 101.0, "l2", 1).unwrap();
    assert_eq!(r.retried + r.sent + r.dead, 0, "not due yet: nothing sent");
    assert_eq!(t.seen.borrow().len(), 1);
    o.flush(&t, &clock, 20, 5.0, 200.0, "l3", 1).unwrap();
    let r = o.flush(&t, &clock, 20, 5.0, 400.0, "l4", 1).unwrap();
    assert_eq!((r.dead, r.remaining), (1, 0));
    assert_eq!(t.seen.borrow().len(), 3);
    let dead = o.dead().unwrap();
    assert_eq!(dead.len(), 1);
    assert!(dead[0].last_error.as_deref().unwrap().contains("gave up after 3 attempts"));
    assert!(o.retry(&ids[0], 500.0).unwrap());
    assert!(!o.retry(&ids[0], 500.0).unwrap(), "only dead letters are retried");
    let ok = FakeTransport::new(Ok(resp(200, &[], "")));
    assert_eq!(o.flush(&ok, &clock, 20, 5.0, 500.0, "l5", 1).unwrap().sent, 1);
    assert_eq!(o.purge(0.0, 501.0).unwrap(), 1);
}

#[test]
fn honours_retry_after_and_blocks_the_host_on_a_global_429() {
    let dir = tempfile::tempdir().unwrap();
    let mut o = outbox(&dir, OutboxOptions::default());
    let ids = enqueue(&mut o, 2, 100.0);
    let t = FakeTransport::new(Ok(resp(204, &[], "")));
    t.push("webhooks", Ok(resp(429, &[("retry-after", "120"), ("x-ratelimit-global", "true")], "")));
    let clock = FakeClock::at(0.0);
    let r = o.flush(&t, &clock, 20, 5.0, 100.0, "l", 1).unwrap();
    assert_eq!((r.sent, r.retried), (0, 1), "the host is blocked: the second message waits too");
    assert!(o.get(&ids[0]).unwrap().unwrap().not_before >= 220.0);
    assert_eq!(o.flush(&t, &clock, 20, 5.0, 200.0, "l", 1).unwrap().sent, 0);
    assert_eq!(o.flush(&t, &clock, 20, 5.0, 221.0, "l", 1).unwrap().sent, 2);
}

#[test]
fn permanent_4xx_is_dead_at_once_and_timeouts_retry() {
    let dir = tempfile::tempdir().unwrap();
    let mut o = outbox(&dir, OutboxOptions::default());
    enqueue(&mut o, 2, 100.0);
    let t = FakeTransport::new(Err(TransportError::Timeout { timeout_ms: 10 }));
    t.push("webhooks", Ok(resp(404, &[], "")));
    let clock = FakeClock::at(0.0);
    let r = o.flush(&t, &clock, 20, 5.0, 100.0, "l", 1).unwrap();
    assert_eq!((r.dead, r.retried), (1, 1));
}

#[test]
fn idempotency_key_deduplicates_and_options_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut o = outbox(&dir, OutboxOptions::default());
    let opts = EnqueueOptions { idempotency_key: Some("backup-42".into()), ..EnqueueOptions::default() };
    let a = o.enqueue(URL, &json!({"x": 1}), &opts, 1.0, "first", &[0; 24]).unwrap();
    let b = o.enqueue(URL, &json!({"x": 2}), &opts, 2.0, "second", &[0; 24]).unwrap();
    assert_eq!(a, b);
    assert_eq!(o.pending().unwrap().len(), 1);
    assert!(o.enqueue("ftp://x/y", &json!({}), &EnqueueOptions::default(), 1.0, "z", &[0; 24]).is_err());
    let e = o.enqueue("https://h/x SECRET", &json!({}), &EnqueueOptions::default(), 1.0, "z", &[0; 24]).unwrap_err();
    assert!(!e.to_string().contains("SECRET"));
    assert!(Outbox::open(store(&dir), OutboxOptions { max_attempts: 0, ..OutboxOptions::default() }, None)
        .unwrap_err()
        .to_string()
        .starts_with("options.max_attempts"));
}

/// Sends through a second outbox while the first one holds its lease.
struct Reentrant<'a> {
    other: std::cell::RefCell<Outbox>,
    inner: &'a FakeTransport,
    clock: &'a FakeClock,
    nested: std::cell::Cell<u32>,
}

impl Transport for Reentrant<'_> {
    fn send(&self, request: &Request<'_>) -> Result<Response, Failure> {
        if self.nested.get() == 0 {
            self.nested.set(1);
            let r = self.other.borrow_mut().flush(self.inner, self.clock, 20, 5.0, 100.5, "lease-b", 2).unwrap();
            assert_eq!(r.sent, 0, "the message under lease (same host) is not sent by the second flusher");
        }
        self.inner.send(request)
    }
}

#[test]
fn two_flushers_never_send_the_same_attempt() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = outbox(&dir, OutboxOptions::default());
    enqueue(&mut a, 3, 100.0);
    let inner = FakeTransport::new(Ok(resp(204, &[], "")));
    let clock = FakeClock::at(0.0);
    let t = Reentrant { other: std::cell::RefCell::new(outbox(&dir, OutboxOptions::default())), inner: &inner, clock: &clock, nested: std::cell::Cell::new(0) };
    let r = a.flush(&t, &clock, 20, 5.0, 100.0, "lease-a", 1).unwrap();
    assert_eq!(r.sent, 3);
    assert_eq!(inner.seen.borrow().len(), 3);
}

/// Dies in the middle of a send (the panic stands for kill -9).
struct Dies;
impl Transport for Dies {
    fn send(&self, _: &Request<'_>) -> Result<Response, Failure> {
        panic!("killed mid-send");
    }
}

#[test]
fn a_flusher_that_dies_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let options = OutboxOptions { lease_seconds: 30.0, ..OutboxOptions::default() };
    let mut a = outbox(&dir, options.clone());
    let ids = enqueue(&mut a, 2, 100.0);
    let clock = FakeClock::at(0.0);
    let died = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| a.flush(&Dies, &clock, 20, 5.0, 100.0, "dead", 1)));
    assert!(died.is_err());
    drop(a);
    let mut b = outbox(&dir, options);
    let t = FakeTransport::new(Ok(resp(204, &[], "")));
    // Per-host concurrency 1: the dead flusher's lease holds the host until it expires.
    assert_eq!(b.flush(&t, &clock, 20, 5.0, 110.0, "b", 1).unwrap().sent, 0);
    let r = b.flush(&t, &clock, 20, 5.0, 131.0, "b", 1).unwrap();
    assert_eq!((r.sent, r.remaining), (2, 0));
    assert_eq!(b.get(&ids[0]).unwrap().unwrap().attempts, 2, "the interrupted attempt counts");
}

#[test]
fn urls_are_sealed_with_a_vault() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Arc::new(Vault::from_secret(&[7u8; 32], "k1").unwrap());
    let mut o = Outbox::open(store(&dir), OutboxOptions::default(), Some(vault.clone())).unwrap();
    enqueue(&mut o, 1, 100.0);
    assert!(o.pending().unwrap()[0].encrypted);
    drop(o);
    let raw = std::fs::read(dir.path().join("s.sqlite")).unwrap();
    let wal = std::fs::read(dir.path().join("s.sqlite-wal")).unwrap_or_default();
    let needle = b"SECRET-TOKEN";
    assert!(!raw.windows(needle.len()).any(|w| w == needle) && !wal.windows(needle.len()).any(|w| w == needle));
    // Without the vault the sealed message is left alone.
    let mut plain = outbox(&dir, OutboxOptions::default());
    let t = FakeTransport::new(Ok(resp(204, &[], "")));
    let clock = FakeClock::at(0.0);
    assert_eq!(plain.flush(&t, &clock, 20, 5.0, 100.0, "x", 1).unwrap().sent, 0);
    let mut o = Outbox::open(store(&dir), OutboxOptions::default(), Some(vault)).unwrap();
    assert_eq!(o.flush(&t, &clock, 20, 5.0, 100.0, "x", 1).unwrap().sent, 1);
    assert_eq!(t.seen.borrow()[0].url, URL);
}

#[test]
fn stops_at_max_messages_and_max_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let options = OutboxOptions { per_host_concurrency: 4, ..OutboxOptions::default() };
    let mut o = outbox(&dir, options);
    enqueue(&mut o, 5, 100.0);
    let t = FakeTransport::new(Ok(resp(204, &[], "")));
    let clock = FakeClock::at(0.0);
    assert_eq!(o.flush(&t, &clock, 2, 5.0, 100.0, "x", 1).unwrap().sent, 2);
    assert_eq!(o.flush(&t, &clock, 20, 0.0, 100.0, "x", 1).unwrap().sent, 0);
    assert_eq!(o.flush(&t, &clock, 20, 5.0, 100.0, "x", 1).unwrap().remaining, 0);
}
