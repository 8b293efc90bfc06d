//! Argument and return types the serde bridge does not cover.
//!
//! - [`RawString`]: a PHP string taken as bytes (paths may not be UTF-8);
//!   declared as `string` in the signature.
//! - [`ArrayArg`]: an optional array read in place, declared `array $x = []`.
//! - [`bytes`]: a PHP string made from bytes, for returning paths byte-exact.

use std::path::PathBuf;

use ext_php_rs::convert::{FromZval, StubLiteral};
use ext_php_rs::flags::DataType;
use ext_php_rs::types::{ZendHashTable, ZendStr, Zval};

/// A PHP string as raw bytes.
#[derive(Debug, Clone)]
pub struct RawString(pub Vec<u8>);

impl RawString {
    /// The bytes as a filesystem path.
    pub fn to_path(&self) -> PathBuf {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(&self.0))
    }
}

impl<'a> FromZval<'a> for RawString {
    const TYPE: DataType = DataType::String;
    fn from_zval(zval: &'a Zval) -> Option<Self> {
        zval.zend_str().map(|s| Self(s.as_bytes().to_vec()))
    }
}

impl From<&str> for RawString {
    fn from(s: &str) -> Self {
        Self(s.as_bytes().to_vec())
    }
}

impl StubLiteral for RawString {
    fn stub_literal(&self) -> String {
        String::from_utf8_lossy(&self.0).as_ref().stub_literal()
    }
}

/// An array argument with the default `[]`, walked in place.
#[derive(Debug, Clone, Copy, Default)]
pub struct ArrayArg<'a>(pub Option<&'a ZendHashTable>);

impl<'a> FromZval<'a> for ArrayArg<'a> {
    const TYPE: DataType = DataType::Array;
    fn from_zval(zval: &'a Zval) -> Option<Self> {
        zval.array().map(|t| Self(Some(t)))
    }
}

/// The `[]` default.
pub struct EmptyArray;

impl From<EmptyArray> for ArrayArg<'_> {
    fn from(_: EmptyArray) -> Self {
        Self(None)
    }
}

impl StubLiteral for ArrayArg<'_> {
    fn stub_literal(&self) -> String {
        "[]".to_owned()
    }
}

/// A PHP string holding exactly `data`.
pub fn bytes(data: &[u8]) -> Zval {
    let mut z = Zval::new();
    z.set_zend_string(ZendStr::new(data, false));
    z
}
