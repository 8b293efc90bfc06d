//! Content hashes: xxh3-128 (default), Backup JLG's MD5 rule, BLAKE3, or none.

use std::fs::File;
use std::io::{self, Read};
use std::os::unix::fs::FileExt;

use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};

/// One mebibyte, the window size of Backup JLG's rule.
pub const MIB: u64 = 1 << 20;

/// The longest digest any algorithm produces.
pub const MAX_HASH_LEN: usize = 32;

/// Which hash a manifest's entries carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum HashAlgo {
    /// XXH3 128-bit (not cryptographic; fast change detection). Canonical big-endian bytes.
    #[default]
    Xxh3,
    /// Backup JLG's `get_file_hash`: MD5 of the file below 1 MiB, of three 1 MiB
    /// windows plus "<size><mtime>" from 1 MiB up.
    Bjlg,
    /// BLAKE3, 256-bit (cryptographic).
    Blake3,
    /// No content hash: change detection by size and mtime only.
    None,
}

impl HashAlgo {
    /// Digest length in bytes (0 for `None`).
    pub fn len(self) -> usize {
        match self {
            Self::Xxh3 | Self::Bjlg => 16,
            Self::Blake3 => 32,
            Self::None => 0,
        }
    }

    /// True for `None`.
    pub fn is_none(self) -> bool {
        self == Self::None
    }

    /// The option value naming this algorithm.
    pub fn name(self) -> &'static str {
        match self {
            Self::Xxh3 => "xxh3",
            Self::Bjlg => "bjlg",
            Self::Blake3 => "blake3",
            Self::None => "none",
        }
    }

    /// Parses an option value.
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Xxh3, Self::Bjlg, Self::Blake3, Self::None].into_iter().find(|a| a.name() == name)
    }

    pub(crate) fn code(self) -> u8 {
        match self {
            Self::None => 0,
            Self::Xxh3 => 1,
            Self::Bjlg => 2,
            Self::Blake3 => 3,
        }
    }

    pub(crate) fn from_code(code: u8) -> Option<Self> {
        [Self::Xxh3, Self::Bjlg, Self::Blake3, Self::None].into_iter().find(|a| a.code() == code)
    }
}

/// A digest; only the first `algo.len()` bytes are meaningful.
pub type Digest32 = [u8; MAX_HASH_LEN];

/// A streaming hasher over one algorithm.
enum State {
    Xxh3(Box<xxhash_rust::xxh3::Xxh3>),
    Md5(Md5),
    Blake3(Box<blake3::Hasher>),
    None,
}

impl State {
    fn new(algo: HashAlgo) -> Self {
        match algo {
            HashAlgo::Xxh3 => Self::Xxh3(Box::default()),
            HashAlgo::Bjlg => Self::Md5(Md5::new()),
            HashAlgo::Blake3 => Self::Blake3(Box::default()),
            HashAlgo::None => Self::None,
        }
    }
    fn update(&mut self, data: &[u8]) {
        match self {
            Self::Xxh3(h) => h.update(data),
            Self::Md5(h) => h.update(data),
            Self::Blake3(h) => {
                h.update(data);
            }
            Self::None => {}
        }
    }
    fn finish(self) -> Digest32 {
        let mut out = [0u8; MAX_HASH_LEN];
        match self {
            Self::Xxh3(h) => out[..16].copy_from_slice(&h.digest128().to_be_bytes()),
            Self::Md5(h) => out[..16].copy_from_slice(&h.finalize()),
            Self::Blake3(h) => out.copy_from_slice(h.finalize().as_bytes()),
            Self::None => {}
        }
        out
    }
}

/// Hash of a byte string (symlink targets; the content hash of an in-memory file).
/// For `Bjlg` this is the MD5 of the bytes, which is the rule for content under 1 MiB.
pub fn hash_bytes(algo: HashAlgo, data: &[u8]) -> Digest32 {
    let mut s = State::new(algo);
    s.update(data);
    s.finish()
}

/// Lowercase hex of the meaningful bytes.
pub fn to_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// Parses lowercase or uppercase hex of exactly `len` bytes.
pub fn from_hex(text: &str, len: usize) -> Option<Digest32> {
    let t = text.as_bytes();
    if t.len() != len * 2 || len > MAX_HASH_LEN {
        return None;
    }
    let mut out = [0u8; MAX_HASH_LEN];
    for (i, pair) in t.chunks(2).enumerate() {
        let hi = (pair[0] as char).to_digit(16)?;
        let lo = (pair[1] as char).to_digit(16)?;
        out[i] = (hi * 16 + lo) as u8;
    }
    Some(out)
}

/// Why hashing an open file did not give a result.
#[derive(Debug)]
pub enum HashFailure {
    /// A read failed.
    Io(io::Error),
    /// The file ended before the size measured when it was opened: it changed.
    Shrank,
}

impl From<io::Error> for HashFailure {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

/// Reads until `buf` is full or EOF; returns the count read.
fn read_full_at(file: &File, buf: &mut [u8], mut offset: u64) -> io::Result<usize> {
    let mut done = 0;
    while done < buf.len() {
        match file.read_at(&mut buf[done..], offset) {
            Ok(0) => break,
            Ok(n) => {
                done += n;
                offset += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(done)
}

/// Hashes an open file whose size and mtime (whole seconds) were measured just
/// before. Returns the digest and the number of content bytes read.
///
/// `Bjlg` follows Backup JLG's `get_file_hash` exactly: below 1 MiB, MD5 of the
/// whole file; from 1 MiB, MD5 over the first MiB, up to one MiB from
/// `floor(size/2)`, the last MiB, then the decimal size followed by the decimal
/// mtime. The other algorithms read the whole file.
pub fn hash_file(
    algo: HashAlgo,
    file: &mut File,
    size: u64,
    mtime_secs: i64,
    buf: &mut Vec<u8>,
) -> Result<(Digest32, u64), HashFailure> {
    const CHUNK: usize = 256 * 1024;
    if algo == HashAlgo::Bjlg && size >= MIB {
        if buf.len() < MIB as usize {
            buf.resize(MIB as usize, 0);
        }
        let mut s = State::new(algo);
        let half = size / 2;
        let windows = [(0, MIB), (half, MIB.min(size - half)), (size - MIB, MIB)];
        let mut read = 0u64;
        for (offset, len) in windows {
            let want = len as usize;
            let got = read_full_at(file, &mut buf[..want], offset)?;
            if got < want {
                return Err(HashFailure::Shrank);
            }
            s.update(&buf[..got]);
            read += got as u64;
        }
        s.update(format!("{size}{mtime_secs}").as_bytes());
        return Ok((s.finish(), read));
    }
    if buf.len() < CHUNK {
        buf.resize(CHUNK, 0);
    }
    let mut s = State::new(algo);
    let mut read = 0u64;
    loop {
        // Stop at the size measured at open without asking for EOF: saves a
        // read per small file. Growth after that is caught by the caller's
        // second fstat (size and mtime must still match).
        if read == size && size > 0 {
            break;
        }
        match file.read(&mut buf[..CHUNK]) {
            Ok(0) => break,
            Ok(n) => {
                s.update(&buf[..n]);
                read += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    if read < size {
        return Err(HashFailure::Shrank);
    }
    Ok((s.finish(), read))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests_of_empty_input() {
        assert_eq!(to_hex(&hash_bytes(HashAlgo::Bjlg, b"")[..16]), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(
            to_hex(&hash_bytes(HashAlgo::Blake3, b"")),
            "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"
        );
        // XXH3-128 of the empty input with seed 0 (reference value of xxHash).
        assert_eq!(to_hex(&hash_bytes(HashAlgo::Xxh3, b"")[..16]), "99aa06d3014798d86001c324468d497f");
    }

    #[test]
    fn hex_round_trip_and_refusals() {
        let d = hash_bytes(HashAlgo::Bjlg, b"abc");
        let h = to_hex(&d[..16]);
        assert_eq!(h, "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(from_hex(&h, 16), Some(d));
        assert_eq!(from_hex(&h.to_uppercase(), 16), Some(d));
        assert!(from_hex("900150983cd24fb0d6963f7d28e17f7", 16).is_none());
        assert!(from_hex("g00150983cd24fb0d6963f7d28e17f72", 16).is_none());
        assert!(from_hex("é0150983cd24fb0d6963f7d28e17f72", 16).is_none());
    }

    #[test]
    fn algo_names_and_codes_round_trip() {
        for a in [HashAlgo::Xxh3, HashAlgo::Bjlg, HashAlgo::Blake3, HashAlgo::None] {
            assert_eq!(HashAlgo::from_name(a.name()), Some(a));
            assert_eq!(HashAlgo::from_code(a.code()), Some(a));
        }
        assert_eq!(HashAlgo::from_name("md5"), None);
    }
}
