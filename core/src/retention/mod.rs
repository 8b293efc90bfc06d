//! Retention: which archives to keep, with Backup JLG's rule or GFS (restic's
//! `forget --keep-*`), what usage a policy leads to, and the largest policy
//! that fits a quota.
//!
//! Every function takes `now` or derives it from the archives; nothing reads the clock.

mod archive;
mod backup_jlg;
mod error;
mod gfs;
pub mod parity;
mod policy;
mod recommend;
mod select;
mod simulate;
mod zone;

pub use archive::{ranking, validate_archives, Archive, MAX_ARCHIVES};
pub use error::RetentionError;
pub use policy::{BackupJlgPolicy, GfsPolicy, Policy, MAX_COUNT, PRE_RESTORE_MARKER};
pub use recommend::{recommend, Recommendation, MAX_RECOMMENDED_COUNT};
pub use select::{reason, select, Decision, Selection, SelectionReport};
pub use simulate::{simulate, Future, Schedule, Simulation, Step, MAX_STEPS, MAX_WORK};
pub use zone::{Civil, Zone};
