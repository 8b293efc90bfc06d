//! The file-system facts around Backup JLG's cleanup, modelled as plain data so
//! its recorded behaviour can be reproduced from a list of files.
//!
//! The native engine works on the archive list its caller gives; Backup JLG
//! builds that list with `glob($dir . '*.zip*')` and reads its settings through
//! `intval()`. These two helpers do the same, for parity tests and for callers
//! that migrate from the plugin's own storage.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::archive::Archive;
use super::policy::BackupJlgPolicy;
use crate::id::Id;

/// A file in a backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FolderFile {
    pub name: String,
    pub mtime: i64,
    pub size: i64,
}

/// What `glob($dir . '*.zip*')` returns: names containing `.zip` (case-sensitive,
/// so `.ZIP` is out), not starting with a dot (glob's `*` does not match a
/// leading dot), sorted byte-wise. Sidecars such as `x.zip.sha256` match too,
/// as they do in the plugin.
#[must_use]
pub fn glob_zip(files: &[FolderFile]) -> Vec<Archive> {
    let mut out: Vec<Archive> = files
        .iter()
        .filter(|f| !f.name.starts_with('.') && f.name.contains(".zip"))
        .map(|f| Archive { id: Id::Str(f.name.clone()), timestamp: f.mtime, size: f.size })
        .collect();
    out.sort_by(|a, b| a.id.key().as_bytes().cmp(b.id.key().as_bytes()));
    out
}

/// PHP's `intval()` of a decoded option value (`null` -> 0, `"2"` -> 2,
/// `"abc"` -> 0, `"1e2"` -> 100, `7.8` -> 7); the shared `(int)` cast.
#[must_use]
pub fn php_intval(value: Option<&Value>) -> i64 {
    value.map_or(0, crate::phpcompat::to_int)
}

/// Backup JLG's policy from its `bjlg_cleanup_settings` option (`None` = option
/// absent: the defaults `{by_number: 3, by_age: 0}`), each setting through
/// `intval()`. A negative setting is treated as 0 (the native policy has no
/// negative counts).
#[must_use]
pub fn policy_from_option(option: Option<&Value>) -> BackupJlgPolicy {
    let Some(settings) = option.filter(|v| !v.is_null()) else {
        return BackupJlgPolicy::default();
    };
    let clamp = |v: i64| v.clamp(0, super::policy::MAX_COUNT);
    BackupJlgPolicy {
        by_number: clamp(php_intval(settings.get("by_number"))),
        by_age_days: clamp(php_intval(settings.get("by_age"))),
        ..BackupJlgPolicy::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn intval_like_php() {
        for (v, want) in [
            (json!("2"), 2),
            (json!("abc"), 0),
            (json!(" 3 "), 3),
            (json!("12abc"), 12),
            (json!("1e2"), 100),
            (json!("1.9"), 1),
            (json!("-4"), -4),
            (json!(".5"), 0),
            (json!(""), 0),
            (json!(7.8), 7),
            (json!(true), 1),
            (json!(null), 0),
            (json!([1]), 1),
            (json!([]), 0),
        ] {
            assert_eq!(php_intval(Some(&v)), want, "{v}");
        }
        assert_eq!(php_intval(None), 0);
    }

    #[test]
    fn glob_matches_like_the_plugin() {
        let f = |name: &str| FolderFile { name: name.into(), mtime: 1, size: 1 };
        let got: Vec<String> = glob_zip(&[f("b.zip"), f("a.zip.enc"), f("B.ZIP"), f(".h.zip"), f("x.tar.gz"), f("Z.zip")])
            .into_iter()
            .map(|a| a.id.key().into_owned())
            .collect();
        assert_eq!(got, ["Z.zip", "a.zip.enc", "b.zip"]);
    }
}
