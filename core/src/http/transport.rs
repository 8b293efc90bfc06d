//! The seam between the HTTP logic and the network: a [`Transport`] sends one
//! request and returns the response (status, the headers the logic reads, a
//! capped body), and a [`Clock`] gives the time and sleeps. The real ones live
//! in `agent.rs` and in the PHP binding; tests script both.

use zeroize::Zeroizing;

use super::error::TransportError;

/// Headers a response keeps: the limiter's (rate limits, Retry-After) and the content type.
pub fn kept_headers() -> impl Iterator<Item = &'static str> {
    crate::resilience::headers::WANTED.into_iter().chain(["content-type"])
}

/// One outgoing request.
pub struct Request<'a> {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The full URL (may contain a secret: never log it).
    pub url: &'a str,
    /// The `Authorization` header, if any (a secret, wiped after use).
    pub authorization: Option<Zeroizing<String>>,
    /// A JSON body, sent with `Content-Type: application/json`.
    pub json_body: Option<&'a [u8]>,
    /// Follow at most this many redirects (the Authorization header is never forwarded).
    pub max_redirects: u32,
    /// Whether the body is read; a webhook's answer is not (its status says it all).
    pub want_body: bool,
}

/// A response as the logic sees it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The kept headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body, at most the transport's cap.
    pub body: Vec<u8>,
    /// Wall time of the exchange, in milliseconds.
    pub duration_ms: f64,
}

impl Response {
    /// The first value of a header (name in lower case).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The headers as the rate limiter reads them.
    #[must_use]
    pub fn limiter_headers(&self) -> crate::resilience::Headers {
        crate::resilience::Headers::from_pairs(self.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())))
    }
}

/// A failed exchange: what went wrong and how long it took.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Why.
    pub error: TransportError,
    /// Time spent before it failed, in milliseconds.
    pub duration_ms: f64,
}

/// Sends requests. Implementations never put the URL or the Authorization
/// value in an error.
pub trait Transport {
    /// Sends `request` and reads the response (status, kept headers, capped body).
    fn send(&self, request: &Request<'_>) -> Result<Response, Failure>;
}

/// The time, and the only way the logic waits.
pub trait Clock {
    /// Unix seconds.
    fn now(&self) -> f64;
    /// Seconds elapsed on a monotonic clock since an arbitrary origin.
    fn monotonic(&self) -> f64;
    /// Waits `seconds`.
    fn sleep(&self, seconds: f64);
}
