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
    // One-shot functions: no streaming state to allocate (xxh3's is a
    // 64-byte-aligned box), which shows on a scan of many small files.
    let mut out = [0u8; MAX_HASH_LEN];
    match algo {
        HashAlgo::Xxh3 => out[..16].copy_from_slice(&xxhash_rust::xxh3::xxh3_128(data).to_be_bytes()),
        HashAlgo::Bjlg => out[..16].copy_from_slice(&Md5::digest(data)),
        HashAlgo::Blake3 => out.copy_from_slice(blake3::hash(data).as_bytes()),
        HashAlgo::None => {}
    }
    out
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
    /// The file ended before, or went on past, the size measured when it was
    /// opened: it changed while being read.
    SizeChanged,
}

impl From<io::Error> for HashFailure {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

/// Files below this size are read whole into one buffer and hashed in one
/// call. The read asks for one byte more than the size measured at open, so a
/// file that grew shows it without a second `fstat`.
pub const SMALL_FILE: u64 = 256 * 1024;

/// Reads until `buf` is full or EOF; returns the count read.
fn read_full(file: &File, buf: &mut [u8], at: Option<u64>) -> io::Result<usize> {
    let mut done = 0;
    while done < buf.len() {
        let r = match at {
            Some(offset) => file.read_at(&mut buf[done..], offset + done as u64),
            None => (&*file).read(&mut buf[done..]),
        };
        match r {
            Ok(0) => break,
            Ok(n) => done += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(done)
}

/// Hashes an open file whose size and mtime (whole seconds) were measured just
/// before. Returns the digest and the number of content bytes read.
///
/// A file below [`SMALL_FILE`] is checked here: reading more or fewer bytes
/// than `size` is [`HashFailure::SizeChanged`]. A larger file is read up to
/// `size` and the caller checks size and mtime again afterwards.
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
    const CHUNK: usize = SMALL_FILE as usize;
    if size < SMALL_FILE {
        let want = size as usize + 1;
        if buf.len() < want {
            buf.resize(CHUNK, 0);
        }
        // A read of a regular file that returns less than asked has met the
        // end of the file, so reaching `size` on a short read ends it: one
        // read for a small file, no second one to see EOF.
        let mut got = 0;
        while got < want {
            match (&*file).read(&mut buf[got..want]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            }
            if got == size as usize {
                break;
            }
        }
        if got != size as usize {
            return Err(HashFailure::SizeChanged);
        }
        return Ok((hash_bytes(algo, &buf[..got]), size));
    }
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
            let got = read_full(file, &mut buf[..want], Some(offset))?;
            if got < want {
                return Err(HashFailure::SizeChanged);
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
    // Stops at the size measured at open without asking for EOF; growth after
    // that is caught by the caller's second fstat (size and mtime must match).
    while read < size {
        let want = CHUNK.min((size - read) as usize);
        let got = read_full(file, &mut buf[..want], None)?;
        if got == 0 {
            break;
        }
        s.update(&buf[..got]);
        read += got as u64;
    }
    if read < size {
        return Err(HashFailure::SizeChanged);
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

    fn file_of(len: usize) -> (tempfile::TempDir, File) {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("f");
        std::fs::write(&p, vec![7u8; len]).unwrap();
        (d, File::open(&p).unwrap())
    }

    #[test]
    fn a_size_other_than_the_one_measured_is_a_change() {
        let mut buf = Vec::new();
        for (len, algo) in [(10, HashAlgo::Xxh3), (0, HashAlgo::Bjlg), (SMALL_FILE as usize + 10, HashAlgo::Blake3)] {
            let (_d, mut f) = file_of(len);
            let (digest, read) = hash_file(algo, &mut f, len as u64, 0, &mut buf).unwrap();
            assert_eq!((digest, read), (hash_bytes(algo, &vec![7u8; len]), len as u64), "{len} bytes");
        }
        // Grown since measured: a small file shows it by reading past the size.
        let (_d, mut f) = file_of(10);
        assert!(matches!(hash_file(HashAlgo::Xxh3, &mut f, 9, 0, &mut buf), Err(HashFailure::SizeChanged)));
        let (_d, mut f) = file_of(1);
        assert!(matches!(hash_file(HashAlgo::Xxh3, &mut f, 0, 0, &mut buf), Err(HashFailure::SizeChanged)));
        // Shrunk: small, large, and Backup JLG's windows.
        let (_d, mut f) = file_of(10);
        assert!(matches!(hash_file(HashAlgo::Xxh3, &mut f, 11, 0, &mut buf), Err(HashFailure::SizeChanged)));
        let (_d, mut f) = file_of(SMALL_FILE as usize);
        assert!(matches!(
            hash_file(HashAlgo::Xxh3, &mut f, SMALL_FILE + 1, 0, &mut buf),
            Err(HashFailure::SizeChanged)
        ));
        let (_d, mut f) = file_of(2 * MIB as usize);
        assert!(matches!(hash_file(HashAlgo::Bjlg, &mut f, 3 * MIB, 0, &mut buf), Err(HashFailure::SizeChanged)));
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
