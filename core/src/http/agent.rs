//! The real transport: ureq 3 over rustls with the bundled Mozilla roots
//! (webpki-roots: nothing is fetched at build or run time), a global timeout
//! per exchange, a capped body, bounded redirects that never forward the
//! Authorization header, and an explicit proxy.
//!
//! The proxy comes from `HTTPS_PROXY` (read by the caller and passed in): not
//! from `HTTP_PROXY`, which a CGI server fills from a client's `Proxy:` header
//! ("httpoxy"). `NO_PROXY` lists hosts reached directly.

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::error::{HttpError, TransportError};
use super::transport::{kept_headers, Failure, Request, Response, Transport};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

/// Largest response body accepted by default (1 MiB).
pub const DEFAULT_MAX_BODY: u64 = 1 << 20;
/// Hard ceiling of `max_body` (16 MiB).
pub const MAX_MAX_BODY: u64 = 16 << 20;
/// Default User-Agent.
pub const DEFAULT_USER_AGENT: &str = concat!("JLG-Native/", env!("CARGO_PKG_VERSION"), " (+https://github.com/jlg-native/jlg-native)");

/// Network limits shared by the client and the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NetOptions {
    /// Whole-exchange timeout (connect, TLS, request, response), in seconds.
    pub timeout: f64,
    /// Largest response body read, in bytes; a larger one is an error.
    pub max_body: u64,
    /// Sent as `User-Agent`.
    pub user_agent: String,
    /// Redirects followed (0 to 10).
    pub max_redirects: u32,
}

impl Default for NetOptions {
    fn default() -> Self {
        Self { timeout: 10.0, max_body: DEFAULT_MAX_BODY, user_agent: DEFAULT_USER_AGENT.to_owned(), max_redirects: 3 }
    }
}

impl NetOptions {
    /// Checks every range; errors name the key.
    pub fn validate(&self) -> Result<(), HttpError> {
        if !self.timeout.is_finite() || self.timeout <= 0.0 || self.timeout > 300.0 {
            return Err(HttpError::invalid("timeout", "must be a number of seconds above 0 and at most 300"));
        }
        if self.max_body == 0 || self.max_body > MAX_MAX_BODY {
            return Err(HttpError::invalid("max_body", format!("must be between 1 and {MAX_MAX_BODY} bytes")));
        }
        if self.user_agent.is_empty()
            || self.user_agent.len() > 256
            || !self.user_agent.bytes().all(|b| (b' '..0x7f).contains(&b))
        {
            return Err(HttpError::invalid("user_agent", "must be 1 to 256 printable ASCII characters"));
        }
        if self.max_redirects > 10 {
            return Err(HttpError::invalid("max_redirects", "must be between 0 and 10"));
        }
        Ok(())
    }
}

/// The proxy to use, from the environment values the caller read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxySettings {
    /// `HTTPS_PROXY` (or `https_proxy`), when set and not empty.
    pub proxy: Option<String>,
    /// `NO_PROXY` (or `no_proxy`): comma-separated hosts, domains (`.example.com`
    /// or `example.com` also match subdomains) or `*`.
    pub no_proxy: Option<String>,
}

impl ProxySettings {
    /// Whether `host` is reached without the proxy.
    #[must_use]
    pub fn bypass(&self, host: &str) -> bool {
        let Some(list) = &self.no_proxy else { return false };
        let host = host.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
        list.split(',').take(256).map(str::trim).filter(|e| !e.is_empty()).any(|entry| {
            if entry == "*" {
                return true;
            }
            let entry = entry.rsplit_once(':').filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit())).map_or(entry, |(h, _)| h);
            let entry = entry.trim_start_matches("*.").trim_start_matches('.').to_ascii_lowercase();
            host == entry || host.ends_with(&format!(".{entry}"))
        })
    }
}

/// The ureq transport. Holds two agents (through the proxy and direct) so
/// connections are reused between requests of one PHP object.
pub struct UreqTransport {
    options: NetOptions,
    proxy: ProxySettings,
    direct: ureq::Agent,
    proxied: Option<ureq::Agent>,
}

fn agent(options: &NetOptions, proxy: Option<ureq::Proxy>) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs_f64(options.timeout)))
        .http_status_as_error(false)
        .max_redirects(options.max_redirects)
        .user_agent(options.user_agent.as_str())
        .max_response_header_size(64 * 1024)
        .proxy(proxy)
        .build();
    ureq::Agent::with_parts(config, DefaultConnector::default(), LiteralFirstResolver::default())
}

/// A resolver that answers IP literals (`127.0.0.1`, `[::1]`) itself and hands
/// names to ureq's default resolver.
///
/// With a timeout set, ureq's resolver runs every lookup in a new thread, so
/// that a slow DNS server cannot outlast the timeout; the request then waits
/// until that thread is scheduled, which on a busy machine costs milliseconds
/// per request, even for an address that needs no lookup at all. Names keep
/// that bounded lookup.
#[derive(Debug, Default)]
struct LiteralFirstResolver {
    names: DefaultResolver,
}

/// The socket address of a URI whose host is an IP literal, with the scheme's
/// default port when none is given.
fn literal_address(uri: &ureq::http::Uri) -> Option<SocketAddr> {
    let authority = uri.authority()?;
    let ip: IpAddr = authority.host().trim_start_matches('[').trim_end_matches(']').parse().ok()?;
    let port = authority.port_u16().or(match uri.scheme_str()? {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    })?;
    Some(SocketAddr::new(ip, port))
}

impl Resolver for LiteralFirstResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        match literal_address(uri) {
            Some(address) => {
                let mut out = self.empty();
                out.push(address);
                Ok(out)
            }
            None => self.names.resolve(uri, config, timeout),
        }
    }
}

impl UreqTransport {
    /// A transport with these limits and this proxy.
    pub fn new(options: NetOptions, proxy: ProxySettings) -> Result<Self, HttpError> {
        options.validate()?;
        let proxied = match proxy.proxy.as_deref().filter(|p| !p.trim().is_empty()) {
            None => None,
            Some(url) => {
                let p = ureq::Proxy::new(url.trim())
                    .map_err(|_| HttpError::invalid("HTTPS_PROXY", "is not a proxy URL ureq understands (http://host:port)"))?;
                Some(agent(&options, Some(p)))
            }
        };
        Ok(Self { direct: agent(&options, None), proxied, options, proxy })
    }

    /// The limits in force.
    #[must_use]
    pub fn options(&self) -> &NetOptions {
        &self.options
    }

    fn pick(&self, url: &str) -> &ureq::Agent {
        match &self.proxied {
            Some(agent) => {
                let host = super::url::check(url, "url").map(|t| t.host).unwrap_or_default();
                if self.proxy.bypass(&host) { &self.direct } else { agent }
            }
            None => &self.direct,
        }
    }

    fn map_error(&self, e: ureq::Error) -> TransportError {
        use ureq::Error as E;
        match e {
            E::Timeout(_) => TransportError::Timeout { timeout_ms: (self.options.timeout * 1000.0) as u64 },
            E::BodyExceedsLimit(_) => TransportError::TooLarge { limit: self.options.max_body },
            E::TooManyRedirects => TransportError::TooManyRedirects { max: self.options.max_redirects },
            E::RedirectFailed => TransportError::Protocol("redirect without a usable Location".into()),
            E::HostNotFound => TransportError::HostNotFound,
            E::ConnectionFailed => TransportError::Connection("no address accepted the connection".into()),
            E::Io(io) => match io.kind() {
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                    TransportError::Timeout { timeout_ms: (self.options.timeout * 1000.0) as u64 }
                }
                kind => TransportError::Connection(format!("{kind:?}")),
            },
            E::Tls(what) => TransportError::Tls(what.to_owned()),
            E::Rustls(r) => TransportError::Tls(rustls_reason(&format!("{r:?}"))),
            E::Pem(_) => TransportError::Tls("bad certificate data".into()),
            E::InvalidProxyUrl | E::ConnectProxyFailed(_) => TransportError::Proxy("the proxy refused or failed the CONNECT".into()),
            E::LargeResponseHeader(_, limit) => TransportError::Protocol(format!("response headers larger than {limit} bytes")),
            E::Protocol(_) => TransportError::Protocol("malformed response".into()),
            E::BadUri(_) | E::Http(_) => TransportError::Protocol("the URL or a header was refused".into()),
            E::RequireHttpsOnly(_) | E::TlsRequired => TransportError::Tls("https is required".into()),
            // Other variants carry texts we do not control: name the family only.
            _ => TransportError::Connection("transport error".into()),
        }
    }
}

/// A certificate or handshake reason without any host name in it.
fn rustls_reason(text: &str) -> String {
    let head: String = text.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '(').collect();
    head.trim_end_matches('(').to_owned()
}

impl Transport for UreqTransport {
    fn send(&self, request: &Request<'_>) -> Result<Response, Failure> {
        let started = Instant::now();
        let fail = |error: TransportError| Failure { error, duration_ms: started.elapsed().as_secs_f64() * 1000.0 };
        let agent = self.pick(request.url);
        let redirects = request.max_redirects.min(self.options.max_redirects);
        let result = if request.method == "POST" {
            let mut builder = agent.post(request.url).config().max_redirects(redirects).build();
            if let Some(auth) = &request.authorization {
                builder = builder.header("Authorization", auth.as_str());
            }
            builder.header("Content-Type", "application/json").send(request.json_body.unwrap_or(b""))
        } else {
            let mut builder = agent.get(request.url).config().max_redirects(redirects).build();
            if let Some(auth) = &request.authorization {
                builder = builder.header("Authorization", auth.as_str());
            }
            builder.header("Accept", "application/json").call()
        };
        let mut response = result.map_err(|e| fail(self.map_error(e)))?;
        let status = response.status().as_u16();
        let mut headers = Vec::new();
        for name in kept_headers() {
            if let Some(v) = response.headers().get(name).and_then(|v| v.to_str().ok()) {
                headers.push((name.to_owned(), v.chars().take(256).collect()));
            }
        }
        if !request.want_body {
            return Ok(Response { status, headers, body: Vec::new(), duration_ms: started.elapsed().as_secs_f64() * 1000.0 });
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(self.options.max_body)
            .read_to_vec()
            .map_err(|e| fail(self.map_error(e)))?;
        Ok(Response { status, headers, body, duration_ms: started.elapsed().as_secs_f64() * 1000.0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_proxy_matching() {
        let p = ProxySettings { proxy: Some("http://proxy:3128".into()), no_proxy: Some("localhost, .internal,example.com:443".into()) };
        assert!(p.bypass("localhost"));
        assert!(p.bypass("a.internal"));
        assert!(p.bypass("example.com"));
        assert!(p.bypass("api.example.com"));
        assert!(!p.bypass("discord.com"));
        assert!(!p.bypass("notexample.com"));
        assert!(ProxySettings { proxy: None, no_proxy: Some("*".into()) }.bypass("x"));
    }

    #[test]
    fn ip_literals_need_no_lookup() {
        let addr = |u: &str| literal_address(&u.parse().unwrap());
        assert_eq!(addr("http://127.0.0.1:8080/x"), Some("127.0.0.1:8080".parse().unwrap()));
        assert_eq!(addr("https://127.0.0.1/x"), Some("127.0.0.1:443".parse().unwrap()));
        assert_eq!(addr("http://[::1]/x"), Some("[::1]:80".parse().unwrap()));
        assert_eq!(addr("https://[::1]:8443/"), Some("[::1]:8443".parse().unwrap()));
        assert_eq!(addr("http://localhost:8080/"), None);
        assert_eq!(addr("https://discord.com/api"), None);
        assert_eq!(addr("https://127.0.0.1.example.com/"), None);
    }

    #[test]
    fn options_are_checked() {
        assert!(NetOptions::default().validate().is_ok());
        assert!(NetOptions { timeout: 0.0, ..NetOptions::default() }.validate().is_err());
        assert!(NetOptions { max_body: 0, ..NetOptions::default() }.validate().is_err());
        assert!(NetOptions { user_agent: "a\nb".into(), ..NetOptions::default() }.validate().is_err());
        assert!(NetOptions { max_redirects: 11, ..NetOptions::default() }.validate().is_err());
    }
}
