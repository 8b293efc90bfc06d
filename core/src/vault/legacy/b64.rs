//! Base64 decoding exactly as PHP's `base64_decode($s, true)` does it, which is
//! how both plugins read their stored values: standard alphabet, ASCII
//! whitespace (tab, LF, CR, space) skipped anywhere, `=` padding optional but
//! nothing after it, and a lone trailing character refused. Unused trailing
//! bits are ignored, as PHP ignores them.

/// Value of a base64 character, `WS` for skipped whitespace, `BAD` otherwise.
const WS: u8 = 0xFE;
const BAD: u8 = 0xFF;

const fn table() -> [u8; 256] {
    let mut t = [BAD; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t[b'\t' as usize] = WS;
    t[b'\n' as usize] = WS;
    t[b'\r' as usize] = WS;
    t[b' ' as usize] = WS;
    t
}

static TABLE: [u8; 256] = table();

/// Decodes like `base64_decode($input, true)`; `None` where PHP returns false.
#[must_use]
pub fn decode_php_strict(input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 3);
    let mut acc: u32 = 0;
    let mut count: usize = 0; // base64 characters seen (not padding)
    let mut padding: usize = 0;
    for &c in input {
        if c == b'=' {
            padding += 1;
            continue;
        }
        let v = TABLE[usize::from(c)];
        if v == WS {
            continue;
        }
        if v == BAD || padding > 0 {
            return None;
        }
        acc = (acc << 6) | u32::from(v);
        count += 1;
        if count % 4 == 0 {
            out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            acc = 0;
        }
    }
    match count % 4 {
        0 => {}
        1 => return None,
        2 => out.push((acc >> 4) as u8),
        _ => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
    }
    if padding > 0 && (padding > 2 || (count + padding) % 4 != 0) {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::decode_php_strict as d;

    // Each expectation was checked against php -r 'var_dump(base64_decode($s, true));'
    #[test]
    fn behaves_like_php_strict_mode() {
        assert_eq!(d(b"QQ==").as_deref(), Some(&b"A"[..]));
        assert_eq!(d(b"QQ").as_deref(), Some(&b"A"[..]));
        assert_eq!(d(b"QQ="), None);
        assert_eq!(d(b"QQ==="), None);
        assert_eq!(d(b"Q"), None);
        assert_eq!(d(b"QQ==QQ=="), None);
        assert_eq!(d(b"QR==").as_deref(), Some(&b"A"[..]));
        assert_eq!(d(b"=QQ"), None);
        assert_eq!(d(b"QQ= =").as_deref(), Some(&b"A"[..]));
        assert_eq!(d(b"QUI").as_deref(), Some(&b"AB"[..]));
        assert_eq!(d(b"Q=Q"), None);
        assert_eq!(d(b" Q\tU\r\nI= ").as_deref(), Some(&b"AB"[..]));
        assert_eq!(d(b"").as_deref(), Some(&b""[..]));
        assert_eq!(d(b"QUJD\x00"), None);
        assert_eq!(d(b"QU-D"), None);
        assert_eq!(d(b"@@@"), None);
    }
}
