//! One archive, the checks every list goes through, and the one ranking order.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::RetentionError;
use crate::id::Id;
use crate::quota::{MAX_BYTES, MAX_TIMESTAMP};

/// The most archives one call accepts.
pub const MAX_ARCHIVES: usize = 1_000_000;

/// A stored backup archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    /// Unique among the archives (PHP key semantics: `5` and `"5"` collide).
    pub id: Id,
    /// Creation time (a file's mtime), Unix seconds.
    pub timestamp: i64,
    /// Bytes.
    pub size: i64,
}

/// Checks a list: at most [`MAX_ARCHIVES`], ids unique and not empty,
/// timestamps between 1970 and 9999, sizes between 0 and 2^53.
pub fn validate_archives(name: &str, archives: &[Archive]) -> Result<(), RetentionError> {
    if archives.len() > MAX_ARCHIVES {
        return Err(RetentionError::too_large(
            name,
            format!("{} archives is more than the maximum of {MAX_ARCHIVES}", archives.len()),
        ));
    }
    let mut seen: HashSet<Id> = HashSet::with_capacity(archives.len());
    for (i, a) in archives.iter().enumerate() {
        if matches!(&a.id, Id::Str(s) if s.is_empty()) {
            return Err(RetentionError::invalid(format!("{name}[{i}].id"), "must not be empty"));
        }
        if !(0..=MAX_TIMESTAMP).contains(&a.timestamp) {
            return Err(RetentionError::invalid(
                format!("{name}[{i}].timestamp"),
                format!("{} is not a Unix timestamp between 0 and {MAX_TIMESTAMP} (year 9999)", a.timestamp),
            ));
        }
        if a.size < 0 || a.size as f64 > MAX_BYTES {
            return Err(RetentionError::invalid(
                format!("{name}[{i}].size"),
                format!("must be between 0 and 2^53 bytes, got {}", a.size),
            ));
        }
        if !seen.insert(a.id.canonical()) {
            return Err(RetentionError::invalid(format!("{name}[{i}].id"), format!("duplicate id {}", a.id)));
        }
    }
    Ok(())
}

/// Indexes of `archives`, newest first; equal timestamps in byte order of their
/// ids (so `"Z-tie"` ranks ahead of `"a-tie"`, as Backup JLG's glob order does).
/// Independent of the input order.
#[must_use]
pub fn ranking(archives: &[Archive]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..archives.len()).collect();
    order.sort_by(|&a, &b| {
        archives[b].timestamp.cmp(&archives[a].timestamp).then_with(|| archives[a].id.cmp_key(&archives[b].id))
    });
    order
}
