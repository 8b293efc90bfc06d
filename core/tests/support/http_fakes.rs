//! Scripted transport and clock for the HTTP tests.
#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use jlg_native_core::http::{Clock, Failure, Request, Response, Transport, TransportError};

pub struct FakeClock {
    pub now: Cell<f64>,
    pub mono: Cell<f64>,
    pub slept: RefCell<Vec<f64>>,
}

impl FakeClock {
    pub fn at(now: f64) -> Self {
        Self { now: Cell::new(now), mono: Cell::new(0.0), slept: RefCell::new(Vec::new()) }
    }
    pub fn advance(&self, s: f64) {
        self.now.set(self.now.get() + s);
        self.mono.set(self.mono.get() + s);
    }
}

impl Clock for FakeClock {
    fn now(&self) -> f64 {
        self.now.get()
    }
    fn monotonic(&self) -> f64 {
        self.mono.get()
    }
    fn sleep(&self, seconds: f64) {
        self.slept.borrow_mut().push(seconds);
        self.advance(seconds);
    }
}

#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub url: String,
    pub authorization: Option<String>,
    pub body: Option<Vec<u8>>,
}

/// Answers from a script (by URL substring), records every request.
pub struct FakeTransport {
    pub script: RefCell<VecDeque<(String, Result<Response, TransportError>)>>,
    pub default: Result<Response, TransportError>,
    pub seen: RefCell<Vec<Seen>>,
}

pub fn resp(status: u16, headers: &[(&str, &str)], body: &str) -> Response {
    Response {
        status,
        headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
        body: body.as_bytes().to_vec(),
        duration_ms: 1.5,
    }
}

impl FakeTransport {
    pub fn new(default: Result<Response, TransportError>) -> Self {
        Self { script: RefCell::new(VecDeque::new()), default, seen: RefCell::new(Vec::new()) }
    }
    pub fn push(&self, url_part: &str, answer: Result<Response, TransportError>) {
        self.script.borrow_mut().push_back((url_part.to_owned(), answer));
    }
    pub fn count(&self, url_part: &str) -> usize {
        self.seen.borrow().iter().filter(|s| s.url.contains(url_part)).count()
    }
}

impl Transport for FakeTransport {
    fn send(&self, request: &Request<'_>) -> Result<Response, Failure> {
        self.seen.borrow_mut().push(Seen {
            method: request.method.to_owned(),
            url: request.url.to_owned(),
            authorization: request.authorization.as_ref().map(|a| a.to_string()),
            body: request.json_body.map(<[u8]>::to_vec),
        });
        let mut script = self.script.borrow_mut();
        let pos = script.iter().position(|(part, _)| request.url.contains(part.as_str()));
        let answer = match pos {
            Some(i) => script.remove(i).unwrap().1,
            None => self.default.clone(),
        };
        answer.map_err(|error| Failure { error, duration_ms: 2.0 })
    }
}
