//! The native manifest format: compact, checksummed, written atomically.
//!
//! Layout (all integers LEB128 varints unless noted):
//! ```text
//! "JLGMANF1"                 8-byte magic
//! u8 format version (1) | u8 hash algorithm | u8 flags (1 = metadata, 2 = last_scan)
//! count
//! [last_scan as zigzag]      when flag 2
//! count x entry:
//!   shared prefix length with the previous path, suffix length, suffix bytes
//!   u8 has-digest, digest bytes (algorithm's length) when 1
//!   [size, zigzag mtime_ns, inode, mode]   when flag 1
//! issue count, issue x (path length, path, reason length, reason)
//! 16 bytes: XXH3-128 of everything before (big-endian)
//! ```
//! The checksum detects truncation and corruption; it is not a signature.
//! Decoding checks every length against the bytes left and that paths are
//! strictly increasing, so no input makes it panic or allocate without bound.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::error::ManifestError;
use super::hash::{HashAlgo, MAX_HASH_LEN};
use super::model::{Builder, Issue, Manifest, Meta};

const MAGIC: &[u8; 8] = b"JLGMANF1";
const FORMAT: u8 = 1;
const FLAG_META: u8 = 1;
const FLAG_LAST_SCAN: u8 = 2;
const CHECKSUM_LEN: usize = 16;
/// Longest path accepted when decoding.
const MAX_PATH: u64 = 64 * 1024;
/// Largest file `load` reads.
pub const MAX_FILE_BYTES: u64 = 4 << 30;

fn put_var(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn checksum(data: &[u8]) -> [u8; CHECKSUM_LEN] {
    xxhash_rust::xxh3::xxh3_128(data).to_be_bytes()
}

/// Encodes a manifest.
pub fn encode(m: &Manifest) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + m.len() * (24 + m.algo().len()));
    out.extend_from_slice(MAGIC);
    out.push(FORMAT);
    out.push(m.algo().code());
    let with_meta = m.has_meta() && !m.is_empty();
    let mut flags = 0;
    if with_meta {
        flags |= FLAG_META;
    }
    if m.last_scan().is_some() {
        flags |= FLAG_LAST_SCAN;
    }
    out.push(flags);
    put_var(&mut out, m.len() as u64);
    if let Some(t) = m.last_scan() {
        put_var(&mut out, zigzag(t));
    }
    let mut prev: &[u8] = &[];
    for i in 0..m.len() {
        let p = m.path(i);
        let shared = prev.iter().zip(p).take_while(|(a, b)| a == b).count();
        put_var(&mut out, shared as u64);
        put_var(&mut out, (p.len() - shared) as u64);
        out.extend_from_slice(&p[shared..]);
        match m.hash(i) {
            Some(h) => {
                out.push(1);
                out.extend_from_slice(h);
            }
            None => out.push(0),
        }
        if with_meta {
            let meta = m.meta(i).copied().unwrap_or_default();
            put_var(&mut out, meta.size);
            put_var(&mut out, zigzag(meta.mtime_ns));
            put_var(&mut out, meta.inode);
            put_var(&mut out, u64::from(meta.mode));
        }
        prev = p;
    }
    put_var(&mut out, m.issues().len() as u64);
    for issue in m.issues() {
        put_var(&mut out, issue.path.len() as u64);
        out.extend_from_slice(&issue.path);
        put_var(&mut out, issue.reason.len() as u64);
        out.extend_from_slice(issue.reason.as_bytes());
    }
    let sum = checksum(&out);
    out.extend_from_slice(&sum);
    out
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

fn corrupt(what: impl Into<String>) -> ManifestError {
    ManifestError::Corrupt(what.into())
}

impl<'a> Reader<'a> {
    fn left(&self) -> usize {
        self.data.len() - self.pos
    }
    fn byte(&mut self) -> Result<u8, ManifestError> {
        let b = *self.data.get(self.pos).ok_or_else(|| corrupt("unexpected end of data"))?;
        self.pos += 1;
        Ok(b)
    }
    fn var(&mut self) -> Result<u64, ManifestError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(corrupt("varint longer than 10 bytes"))
    }
    fn bytes(&mut self, n: u64) -> Result<&'a [u8], ManifestError> {
        if n > self.left() as u64 {
            return Err(corrupt(format!("a length of {n} runs past the end of the data")));
        }
        let s = &self.data[self.pos..self.pos + n as usize];
        self.pos += n as usize;
        Ok(s)
    }
}

/// Decodes and verifies a manifest.
pub fn decode(data: &[u8]) -> Result<Manifest, ManifestError> {
    if data.len() < MAGIC.len() + 4 + CHECKSUM_LEN || &data[..MAGIC.len()] != MAGIC {
        return Err(corrupt("not a JLG Native manifest (bad magic)"));
    }
    let (body, sum) = data.split_at(data.len() - CHECKSUM_LEN);
    if checksum(body) != sum {
        return Err(corrupt("checksum mismatch (truncated or altered)"));
    }
    let mut r = Reader { data: body, pos: MAGIC.len() };
    let format = r.byte()?;
    if format != FORMAT {
        return Err(corrupt(format!("format version {format} is not supported (this build reads {FORMAT})")));
    }
    let algo = HashAlgo::from_code(r.byte()?).ok_or_else(|| corrupt("unknown hash algorithm"))?;
    let flags = r.byte()?;
    if flags & !(FLAG_META | FLAG_LAST_SCAN) != 0 {
        return Err(corrupt("unknown flags"));
    }
    let count = r.var()?;
    // Every entry takes at least 3 bytes: bounds the allocation.
    if count > (r.left() as u64) / 3 {
        return Err(corrupt("entry count larger than the data"));
    }
    let last_scan = if flags & FLAG_LAST_SCAN != 0 { Some(unzigzag(r.var()?)) } else { None };
    let with_meta = flags & FLAG_META != 0;
    let mut b = Builder::new(algo, with_meta);
    b.reserve(count as usize, 32);
    let mut prev: Vec<u8> = Vec::new();
    let hlen = algo.len();
    for i in 0..count {
        let shared = r.var()?;
        let suffix_len = r.var()?;
        if shared > prev.len() as u64 || shared.saturating_add(suffix_len) > MAX_PATH {
            return Err(corrupt(format!("entry {i}: bad path lengths")));
        }
        let suffix = r.bytes(suffix_len)?;
        let mut path = prev[..shared as usize].to_vec();
        path.extend_from_slice(suffix);
        if i > 0 && path <= prev {
            return Err(corrupt(format!("entry {i}: paths out of order")));
        }
        let hash = match r.byte()? {
            0 => None,
            1 if hlen > 0 => {
                let mut d = [0u8; MAX_HASH_LEN];
                d[..hlen].copy_from_slice(r.bytes(hlen as u64)?);
                Some(d)
            }
            _ => return Err(corrupt(format!("entry {i}: bad digest marker"))),
        };
        let meta = if with_meta {
            let size = r.var()?;
            let mtime_ns = unzigzag(r.var()?);
            let inode = r.var()?;
            let mode = u32::try_from(r.var()?).map_err(|_| corrupt(format!("entry {i}: mode out of range")))?;
            Some(Meta { size, mtime_ns, inode, mode })
        } else {
            None
        };
        b.push(&path, meta, hash.as_ref());
        prev = path;
    }
    let n_issues = r.var()?;
    if n_issues > (r.left() as u64) / 2 {
        return Err(corrupt("issue count larger than the data"));
    }
    let mut issues = Vec::with_capacity(n_issues as usize);
    for i in 0..n_issues {
        let len = r.var()?;
        let path = r.bytes(len)?.to_vec();
        let len = r.var()?;
        let reason = std::str::from_utf8(r.bytes(len)?)
            .map_err(|_| corrupt(format!("issue {i}: reason is not UTF-8")))?
            .to_owned();
        issues.push(Issue { path, reason });
    }
    if r.left() != 0 {
        return Err(corrupt("trailing bytes after the issues"));
    }
    let mut m = b.finish();
    m.set_last_scan(last_scan);
    m.set_issues(issues);
    Ok(m)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// Writes `data` to `path` atomically: a temporary file (mode 0600) in the same
/// folder, fsync, rename over the target, fsync of the folder. A crash leaves
/// either the old file or the new one.
pub fn write_atomic(path: &Path, data: &[u8]) -> Result<(), ManifestError> {
    let bytes = path.as_os_str().as_bytes();
    if path.file_name().is_none() {
        return Err(ManifestError::input("path", format!("'{}' names no file", super::path::display(bytes))));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let pid = std::process::id();
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = with_suffix(path, &format!(".tmp-{pid}-{attempt}"));
        match OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(ManifestError::io("cannot create a temporary file beside", bytes, e)),
        }
    };
    let result = (|| -> io::Result<()> {
        file.write_all(data)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        File::open(&dir)?.sync_all()
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(ManifestError::io("cannot write", bytes, e));
    }
    Ok(())
}

/// Saves a manifest in the native format, atomically, mode 0600.
pub fn save(m: &Manifest, path: &Path) -> Result<(), ManifestError> {
    write_atomic(path, &encode(m))
}

/// Loads and verifies a manifest saved by [`save`].
pub fn load(path: &Path) -> Result<Manifest, ManifestError> {
    let bytes = path.as_os_str().as_bytes();
    let file = File::open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => {
            ManifestError::input("path", format!("'{}' does not exist", super::path::display(bytes)))
        }
        _ => ManifestError::io("cannot open", bytes, e),
    })?;
    let mut data = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut data)
        .map_err(|e| ManifestError::io("cannot read", bytes, e))?;
    if data.len() as u64 > MAX_FILE_BYTES {
        return Err(ManifestError::Corrupt(format!("file larger than {MAX_FILE_BYTES} bytes")));
    }
    decode(&data)
}
