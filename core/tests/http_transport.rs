//! The ureq transport against a small HTTP server on 127.0.0.1 started here:
//! status and headers, timeout, body cap, redirect limit, no Authorization
//! after a redirect, connection refused. Every server accepts a bounded number
//! of connections and stops.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

use jlg_native_core::http::{NetOptions, ProxySettings, Request, Transport, TransportError, UreqTransport};
use zeroize::Zeroizing;

/// Serves up to `max` connections with `answer(path, headers) -> raw response`.
fn serve(max: usize, answer: fn(&str, &str) -> Vec<u8>) -> (u16, thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = thread::spawn(move || {
        for stream in listener.incoming().take(max) {
            let Ok(stream) = stream else { continue };
            handle(stream, answer);
        }
    });
    (port, handle)
}

fn handle(mut stream: TcpStream, answer: fn(&str, &str) -> Vec<u8>) {
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut head = String::new();
    let mut length = 0usize;
    for _ in 0..100 {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        head.push_str(&line);
    }
    let mut body = vec![0; length.min(1 << 20)];
    let _ = reader.read_exact(&mut body);
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let _ = stream.write_all(&answer(&path, &head));
}

fn reply(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn transport(timeout: f64, max_body: u64) -> UreqTransport {
    let options = NetOptions { timeout, max_body, ..NetOptions::default() };
    UreqTransport::new(options, ProxySettings::default()).unwrap()
}

fn get<'a>(url: &'a str, auth: Option<&str>) -> Request<'a> {
    Request { method: "GET", url, authorization: auth.map(|a| Zeroizing::new(a.to_owned())), json_body: None, max_redirects: 3, want_body: true }
}

#[test]
fn status_headers_and_body() {
    let (port, server) = serve(2, |path, _| match path {
        "/ok" => reply("200 OK", "X-RateLimit-Remaining: 4\r\nX-RateLimit-Bucket: abc\r\nX-Other: 1\r\n", b"{\"a\":1}"),
        _ => reply("503 Service Unavailable", "Retry-After: 7\r\n", b""),
    });
    let t = transport(5.0, 1024);
    let r = t.send(&get(&format!("http://127.0.0.1:{port}/ok"), None)).unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("x-ratelimit-remaining"), Some("4"));
    assert_eq!(r.header("x-other"), None, "only the headers the logic reads are kept");
    assert_eq!(r.body, b"{\"a\":1}");
    let r = t.send(&get(&format!("http://127.0.0.1:{port}/down"), None)).unwrap();
    assert_eq!((r.status, r.header("retry-after")), (503, Some("7")));
    server.join().unwrap();
}

#[test]
fn slow_response_times_out() {
    let (port, server) = serve(1, |_, _| {
        thread::sleep(Duration::from_millis(1500));
        reply("200 OK", "", b"late")
    });
    let t = transport(0.3, 1024);
    let f = t.send(&get(&format!("http://127.0.0.1:{port}/slow"), None)).unwrap_err();
    assert!(matches!(f.error, TransportError::Timeout { .. }), "{:?}", f.error);
    assert!(f.duration_ms < 1400.0, "{}", f.duration_ms);
    server.join().unwrap();
}

#[test]
fn oversize_body_is_refused() {
    let (port, server) = serve(1, |_, _| reply("200 OK", "", &vec![b'x'; 4096]));
    let t = transport(5.0, 1024);
    let f = t.send(&get(&format!("http://127.0.0.1:{port}/big"), None)).unwrap_err();
    assert_eq!(f.error, TransportError::TooLarge { limit: 1024 });
    server.join().unwrap();
}

#[test]
fn redirects_are_limited_and_drop_the_authorization() {
    let (port, server) = serve(6, |path, head| match path {
        "/loop" => reply("302 Found", "Location: /loop\r\n", b""),
        "/hop" => reply("302 Found", "Location: /echo\r\n", b""),
        _ => {
            let auth = head.lines().any(|l| l.to_ascii_lowercase().starts_with("authorization:"));
            reply("200 OK", "", if auth { b"auth" } else { b"none" })
        }
    });
    let t = transport(5.0, 1024);
    let f = t.send(&get(&format!("http://127.0.0.1:{port}/loop"), None)).unwrap_err();
    assert!(matches!(f.error, TransportError::TooManyRedirects { .. }), "{:?}", f.error);
    let r = t.send(&get(&format!("http://127.0.0.1:{port}/hop"), Some("Bot secret"))).unwrap();
    assert_eq!(r.body, b"none");
    server.join().unwrap();
}

#[test]
fn refused_connection_names_no_url() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let t = transport(2.0, 1024);
    let url = format!("http://127.0.0.1:{port}/api/webhooks/1/SECRET");
    let f = t.send(&get(&url, None)).unwrap_err();
    assert_eq!(f.error.kind(), "connection", "{:?}", f.error);
    assert!(!f.error.to_string().contains("SECRET"));
}

#[test]
fn https_to_a_plain_server_fails_as_tls() {
    let (port, server) = serve(1, |_, _| reply("200 OK", "", b"plain"));
    let t = transport(3.0, 1024);
    let f = t.send(&get(&format!("https://127.0.0.1:{port}/x"), None)).unwrap_err();
    assert!(matches!(f.error.kind(), "tls" | "protocol" | "connection"), "{:?}", f.error);
    drop(server);
}
