//! Discord route keys: the method and the path with ids generalised, except
//! the "major parameters" Discord keeps separate limits for (the channel,
//! guild and webhook ids). Webhook and interaction tokens are secrets: they
//! become `:token` and never reach a key, a state array or a log.

use super::error::ResilienceError;

/// Longest path accepted.
pub const MAX_PATH_LEN: usize = 4096;
/// Most segments a path may have.
const MAX_SEGMENTS: usize = 64;

const MAJOR: [&str; 3] = ["channels", "guilds", "webhooks"];

fn is_id(segment: &str) -> bool {
    !segment.is_empty() && segment.len() <= 32 && segment.bytes().all(|b| b.is_ascii_digit())
}

/// `GET`, `/api/v10/channels/123/messages/456?x=1` -> `GET /channels/123/messages/:id`.
///
/// A full URL is accepted (scheme and host are dropped), as are the `/api`
/// and `/api/vN` prefixes; query and fragment are ignored.
pub fn route_key(method: &str, path: &str) -> Result<String, ResilienceError> {
    let method = method.trim();
    if method.is_empty() || method.len() > 16 || !method.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(ResilienceError::new("method", "must be an HTTP method made of letters (GET, POST, ...)"));
    }
    if path.len() > MAX_PATH_LEN {
        return Err(ResilienceError::new("path", format!("is {} bytes long, at most {MAX_PATH_LEN} are accepted", path.len())));
    }
    let mut rest = path.trim().split(['?', '#']).next().unwrap_or("");
    if let Some(i) = rest.find("://") {
        rest = &rest[i + 3..];
        rest = rest.find('/').map_or("", |slash| &rest[slash..]);
    }
    let mut segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    if segments.len() > MAX_SEGMENTS {
        return Err(ResilienceError::new("path", format!("has {} segments, at most {MAX_SEGMENTS} are accepted", segments.len())));
    }
    if segments.first() == Some(&"api") {
        segments.remove(0);
        if let Some(v) = segments.first() {
            if v.len() > 1 && v.starts_with('v') && v[1..].bytes().all(|b| b.is_ascii_digit()) {
                segments.remove(0);
            }
        }
    }
    let mut out = String::with_capacity(rest.len() + method.len() + 2);
    out.push_str(&method.to_ascii_uppercase());
    out.push(' ');
    if segments.is_empty() {
        out.push('/');
    }
    let mut i = 0;
    while i < segments.len() {
        let seg = segments[i];
        let previous = if i > 0 { segments[i - 1] } else { "" };
        let before_previous = if i > 1 { segments[i - 2] } else { "" };
        out.push('/');
        if i == 1 && MAJOR.contains(&previous) && is_id(seg) {
            out.push_str(seg); // the major parameter
        } else if (before_previous == "webhooks" || before_previous == "interactions") && is_id(previous) {
            out.push_str(":token");
        } else if previous == "reactions" {
            out.push_str(":reaction");
        } else if is_id(seg) {
            out.push_str(":id");
        } else {
            out.push_str(seg);
        }
        i += 1;
    }
    Ok(out)
}

/// The major parameter of a route key (`channels/123`), or `""` when it has none.
#[must_use]
pub fn major_of(route: &str) -> &str {
    let path = route.split_once(' ').map_or(route, |(_, p)| p);
    let path = path.strip_prefix('/').unwrap_or(path);
    let mut parts = path.splitn(3, '/');
    match (parts.next(), parts.next()) {
        (Some(kind), Some(id)) if MAJOR.contains(&kind) && is_id(id) => &path[..kind.len() + 1 + id.len()],
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_major_parameters_and_generalises_other_ids() {
        let cases = [
            ("GET", "/guilds/81384788765712384?with_counts=true", "GET /guilds/81384788765712384"),
            ("get", "https://discord.com/api/v10/guilds/81384788765712384/widget.json", "GET /guilds/81384788765712384/widget.json"),
            ("GET", "/api/guilds/1/widget.json", "GET /guilds/1/widget.json"),
            ("POST", "/channels/123/messages", "POST /channels/123/messages"),
            ("DELETE", "/channels/123/messages/456", "DELETE /channels/123/messages/:id"),
            ("PUT", "/channels/123/messages/456/reactions/%F0%9F%91%8D/@me", "PUT /channels/123/messages/:id/reactions/:reaction/@me"),
            ("POST", "/webhooks/555/s3cr3t-t0ken?wait=true", "POST /webhooks/555/:token"),
            ("PATCH", "/webhooks/555/s3cr3t/messages/777", "PATCH /webhooks/555/:token/messages/:id"),
            ("POST", "/interactions/999/aW50ZXJhY3Rpb24/callback", "POST /interactions/:id/:token/callback"),
            ("GET", "/users/@me/guilds", "GET /users/@me/guilds"),
            ("GET", "/guilds/123/members/456", "GET /guilds/123/members/:id"),
            ("GET", "", "GET /"),
            ("GET", "/gateway/bot", "GET /gateway/bot"),
            ("GET", "/oauth2/authorize?redirect_uri=https://example.com/cb", "GET /oauth2/authorize"),
        ];
        for (method, path, expected) in cases {
            assert_eq!(route_key(method, path).unwrap(), expected, "{method} {path}");
        }
    }

    #[test]
    fn major_parameter_of_a_key() {
        assert_eq!(major_of("GET /guilds/123/members/:id"), "guilds/123");
        assert_eq!(major_of("POST /webhooks/555/:token"), "webhooks/555");
        assert_eq!(major_of("GET /users/@me"), "");
        assert_eq!(major_of("garbage"), "");
    }

    #[test]
    fn refuses_bad_methods_and_oversized_paths() {
        assert_eq!(route_key("", "/x").unwrap_err().field, "method");
        assert_eq!(route_key("GE T", "/x").unwrap_err().field, "method");
        assert_eq!(route_key("GET", &"/a".repeat(100)).unwrap_err().field, "path");
        assert_eq!(route_key("GET", &"x".repeat(MAX_PATH_LEN + 1)).unwrap_err().field, "path");
    }
}
