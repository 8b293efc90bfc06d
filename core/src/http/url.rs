//! The few URL checks the HTTP layer needs: http(s) only, a host, no
//! credentials, bounded length. The full URL may hold a secret (a webhook
//! token in its path), so only the scheme, host and port ever leave this module
//! for logs and messages.

use super::error::HttpError;

/// Longest URL accepted, in bytes.
pub const MAX_URL_LEN: usize = 2048;

/// The parts of a checked URL that are safe to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// `http` or `https`, lower case.
    pub scheme: &'static str,
    /// Host name or IP literal, lower case (IPv6 with its brackets).
    pub host: String,
    /// The port, explicit or the scheme's default.
    pub port: u16,
}

impl Target {
    /// `host:port`, the key of per-host limits.
    #[must_use]
    pub fn host_key(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

/// Checks `url` and returns its safe parts. `field` names the argument in errors.
pub fn check(url: &str, field: &str) -> Result<Target, HttpError> {
    if url.len() > MAX_URL_LEN {
        return Err(HttpError::invalid(field, format!("is {} bytes long, at most {MAX_URL_LEN}", url.len())));
    }
    if let Some(pos) = url.bytes().position(|b| b <= b' ' || b == 0x7f) {
        return Err(HttpError::invalid(field, format!("contains a space or control character at byte {pos}")));
    }
    let (scheme, rest) = match url.find("://") {
        Some(i) => (&url[..i], &url[i + 3..]),
        None => return Err(HttpError::invalid(field, "must be an absolute http:// or https:// URL")),
    };
    let (scheme, default_port): (&'static str, u16) = if scheme.eq_ignore_ascii_case("https") {
        ("https", 443)
    } else if scheme.eq_ignore_ascii_case("http") {
        ("http", 80)
    } else {
        return Err(HttpError::invalid(field, "only http:// and https:// URLs are allowed"));
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.contains('@') {
        return Err(HttpError::invalid(field, "must not carry a user name or password"));
    }
    let (host, port) = if let Some(stripped) = authority.strip_prefix('[') {
        let close = stripped.find(']').ok_or_else(|| HttpError::invalid(field, "has an unclosed IPv6 bracket"))?;
        let host = &authority[..close + 2];
        (host, &stripped[close + 1..])
    } else {
        match authority.rfind(':') {
            Some(i) => (&authority[..i], &authority[i..]),
            None => (authority, ""),
        }
    };
    if host.is_empty() || host == "[]" {
        return Err(HttpError::invalid(field, "has no host"));
    }
    if !host.starts_with('[') && !host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_') {
        return Err(HttpError::invalid(field, "has a host with characters other than letters, digits, '.', '-' and '_'"));
    }
    let port = match port {
        "" => default_port,
        p => {
            let digits = p.strip_prefix(':').unwrap_or("");
            match digits.parse::<u16>() {
                Ok(n) if n > 0 && !digits.is_empty() && digits.len() <= 5 => n,
                _ => return Err(HttpError::invalid(field, "has an invalid port")),
            }
        }
    };
    Ok(Target { scheme, host: host.to_ascii_lowercase(), port })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_http_and_https() {
        let t = check("https://Discord.com/api/webhooks/1/abc", "url").unwrap();
        assert_eq!((t.scheme, t.host.as_str(), t.port), ("https", "discord.com", 443));
        let t = check("http://127.0.0.1:8080", "url").unwrap();
        assert_eq!(t.host_key(), "127.0.0.1:8080");
        let t = check("http://[::1]:81/x", "url").unwrap();
        assert_eq!(t.host_key(), "[::1]:81");
    }

    #[test]
    fn refuses_other_schemes_and_credentials() {
        for bad in ["ftp://x/y", "file:///etc/passwd", "discord.com/x", "https://", "https://u:p@h/", "http://h:0/",
            "http://h:99999/", "http://h:/", "https://a b/", "gopher://h", "http://[::1/"] {
            assert!(check(bad, "url").is_err(), "{bad}");
        }
    }

    #[test]
    fn errors_never_quote_the_url() {
        let secret = "https://hooks.example/services/T0/B0/SECRETSECRET x";
        let e = check(secret, "url").unwrap_err().to_string();
        assert!(!e.contains("SECRET"), "{e}");
    }
}
