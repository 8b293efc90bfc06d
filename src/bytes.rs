//! Binary-safe strings and arrays for arguments and return values.
//!
//! PHP strings are bytes. [`Bytes`] borrows a string argument as `&[u8]`
//! without copying or UTF-8 checks; [`SecretBytes`] returns bytes to PHP and
//! wipes the Rust copy. Both declare `string` to PHP, so Reflection shows the
//! same signature as the stubs.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use ext_php_rs::convert::{FromZval, IntoZval, StubLiteral};
use ext_php_rs::flags::DataType;
use ext_php_rs::types::{ZendStr, Zval};
use zeroize::Zeroizing;

/// A PHP string argument, borrowed as bytes.
#[derive(Clone, Copy)]
pub struct Bytes<'a>(pub &'a [u8]);

impl<'a> FromZval<'a> for Bytes<'a> {
    const TYPE: DataType = DataType::String;

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        zval.zend_str().map(|s| Bytes(s.as_bytes()))
    }
}

impl Bytes<'_> {
    /// The bytes as a filesystem path (paths need not be UTF-8).
    pub fn to_path(&self) -> PathBuf {
        PathBuf::from(OsStr::from_bytes(self.0))
    }
}

impl From<&'static str> for Bytes<'_> {
    fn from(s: &'static str) -> Self {
        Bytes(s.as_bytes())
    }
}

impl StubLiteral for Bytes<'_> {
    fn stub_literal(&self) -> String {
        String::from_utf8_lossy(self.0).as_ref().stub_literal()
    }
}

/// A PHP string holding exactly `data`, for returning paths byte-exact.
pub fn bytes(data: &[u8]) -> Zval {
    let mut z = Zval::new();
    z.set_zend_string(ZendStr::new(data, false));
    z
}

/// Bytes returned to PHP as a string; the Rust copy is zeroized once PHP has its own.
pub struct SecretBytes(pub Zeroizing<Vec<u8>>);

impl IntoZval for SecretBytes {
    const TYPE: DataType = DataType::String;
    const NULLABLE: bool = false;

    fn set_zval(self, zv: &mut Zval, persistent: bool) -> ext_php_rs::error::Result<()> {
        zv.set_zend_string(ZendStr::new(&self.0[..], persistent));
        Ok(())
    }
}
