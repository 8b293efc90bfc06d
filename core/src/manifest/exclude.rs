//! Exclude patterns: globs relative to the scanned root.
//!
//! `*` and `?` stay inside one path segment, `**` spans segments, `[abc]` and
//! `{a,b}` work as in gitignore-style globs. A pattern is anchored at the root
//! (`*.log` matches `debug.log` but not `logs/debug.log`; use `**/*.log`). A
//! pattern ending in `/` matches directories only. A matching directory is
//! skipped with everything under it.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::error::ManifestError;

/// Most patterns accepted.
pub const MAX_PATTERNS: usize = 1000;
/// Longest pattern accepted, in bytes.
pub const MAX_PATTERN_LEN: usize = 4096;

/// A validated set of exclude patterns.
#[derive(Debug, Clone)]
pub struct Excludes {
    any: GlobSet,
    dirs_only: GlobSet,
    empty: bool,
}

impl Excludes {
    /// Compiles `patterns`; errors name the index (`exclude[2]`) and what is wrong.
    pub fn new(patterns: &[String]) -> Result<Self, ManifestError> {
        if patterns.len() > MAX_PATTERNS {
            return Err(ManifestError::input(
                "exclude",
                format!("at most {MAX_PATTERNS} patterns are accepted, got {}", patterns.len()),
            ));
        }
        let mut any = GlobSetBuilder::new();
        let mut dirs_only = GlobSetBuilder::new();
        for (i, raw) in patterns.iter().enumerate() {
            let field = format!("exclude[{i}]");
            if raw.len() > MAX_PATTERN_LEN {
                return Err(ManifestError::input(field, format!("pattern longer than {MAX_PATTERN_LEN} bytes")));
            }
            let mut pattern = raw.as_str();
            if let Some(rest) = pattern.strip_prefix("./") {
                pattern = rest;
            }
            if pattern.starts_with('/') {
                return Err(ManifestError::input_at(
                    field,
                    format!("pattern '{raw}' is absolute; patterns are relative to the root"),
                    0,
                ));
            }
            if let Some(pos) = raw.find('\0') {
                return Err(ManifestError::input_at(field, "pattern contains a NUL byte", pos));
            }
            let dir_only = pattern.ends_with('/') && pattern.len() > 1;
            let pattern = pattern.trim_end_matches('/');
            if pattern.is_empty() {
                return Err(ManifestError::input(field, "empty pattern"));
            }
            let glob = GlobBuilder::new(pattern)
                .literal_separator(true)
                .backslash_escape(true)
                .build()
                .map_err(|e| ManifestError::input(field, format!("invalid pattern '{raw}': {}", e.kind())))?;
            if dir_only {
                dirs_only.add(glob);
            } else {
                any.add(glob);
            }
        }
        let build = |b: GlobSetBuilder| {
            b.build().map_err(|e| ManifestError::input("exclude", format!("invalid patterns: {e}")))
        };
        Ok(Self { any: build(any)?, dirs_only: build(dirs_only)?, empty: patterns.is_empty() })
    }

    /// True when `rel` (relative path, `/` separators) is excluded.
    pub fn matches(&self, rel: &[u8], is_dir: bool) -> bool {
        if self.empty {
            return false;
        }
        let p = Path::new(OsStr::from_bytes(rel));
        self.any.is_match(p) || (is_dir && self.dirs_only.is_match(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(p: &[&str]) -> Excludes {
        Excludes::new(&p.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn star_stays_in_a_segment_and_double_star_crosses() {
        let e = ex(&["*.log", "wp-content/cache", "**/node_modules/", "a/**/z.txt"]);
        assert!(e.matches(b"debug.log", false));
        assert!(!e.matches(b"logs/debug.log", false));
        assert!(e.matches(b"wp-content/cache", true));
        assert!(!e.matches(b"wp-content/cache2", true));
        assert!(e.matches(b"x/y/node_modules", true));
        assert!(!e.matches(b"x/y/node_modules", false));
        assert!(e.matches(b"a/z.txt", false));
        assert!(e.matches(b"a/b/c/z.txt", false));
        assert!(e.matches(b"\xff/../x.log", false) == false);
    }

    #[test]
    fn bad_patterns_are_named() {
        let err = Excludes::new(&["ok".into(), "a[".into()]).unwrap_err();
        assert!(err.to_string().starts_with("exclude[1]: invalid pattern 'a['"), "{err}");
        let err = Excludes::new(&["/abs".into()]).unwrap_err();
        assert!(err.to_string().contains("absolute"), "{err}");
        assert!(Excludes::new(&["".into()]).is_err());
        assert!(Excludes::new(&["/".into()]).is_err());
    }
}
