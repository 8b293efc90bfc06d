//! Identifiers chosen by the caller (archive names, destination ids): an integer
//! or a string, compared the way PHP compares array keys.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

/// An id as PHP passed it. `5` and `"5"` are the same key (PHP turns
/// integer-like string keys into integers); `"05"` is a different one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Id {
    Int(i64),
    Str(String),
}

impl Id {
    /// The key PHP would use for this id in an array: the decimal form of an
    /// integer, or the string itself.
    #[must_use]
    pub fn key(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Self::Int(n) => std::borrow::Cow::Owned(n.to_string()),
            Self::Str(s) => std::borrow::Cow::Borrowed(s),
        }
    }

    /// Byte-wise order of the keys: the deterministic tie-break everywhere.
    #[must_use]
    pub fn cmp_key(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Self::Str(a), Self::Str(b)) => a.as_bytes().cmp(b.as_bytes()),
            _ => self.key().as_bytes().cmp(other.key().as_bytes()),
        }
    }

    /// The canonical form, so that `"5"` and `5` compare equal in sets.
    #[must_use]
    pub fn canonical(&self) -> Self {
        match self {
            Self::Str(s) => match s.parse::<i64>() {
                Ok(n) if n.to_string() == *s => Self::Int(n),
                _ => self.clone(),
            },
            Self::Int(_) => self.clone(),
        }
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Int(n) => write!(f, "{n}"),
            Self::Str(s) => write!(f, "{s:?}"),
        }
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Self {
        Self::Str(s.to_owned())
    }
}

impl From<i64> for Id {
    fn from(n: i64) -> Self {
        Self::Int(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn php_key_semantics() {
        assert_eq!(Id::from("5").canonical(), Id::Int(5));
        assert_eq!(Id::from("05").canonical(), Id::from("05"));
        assert_eq!(Id::from("-3").canonical(), Id::Int(-3));
        assert_eq!(Id::Int(10).cmp_key(&Id::from("9")), Ordering::Less);
        assert_eq!(Id::from("Z").cmp_key(&Id::from("a")), Ordering::Less);
        assert_eq!(Id::from("x").to_string(), "\"x\"");
    }
}
