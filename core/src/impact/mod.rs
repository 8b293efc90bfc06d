//! Impact scores for SitePulse: per-plugin scores, the transverse module index,
//! and a new incident score weighting severity, recurrence and recency.
//!
//! - [`plugin_scores`]: SitePulse's per-plugin score, in two models:
//!   `sitepulse` (bit-for-bit parity, including the jump at the warning
//!   threshold) and `continuous` (the default: no jump, strict input).
//! - [`transverse`]: SitePulse's transverse impact index (parity).
//! - [`score`]: the incident impact score the plugin's roadmap asks for.

pub mod error;
pub mod history;
pub mod plugin_scores;
pub mod ratio;
pub mod score;
pub mod transverse;

pub use error::ImpactError;
pub use history::{Entries, History, HistoryEntry};
pub use plugin_scores::{plugin_scores, plugin_scores_of, PluginScoreModel, PluginScoreOptions};
pub use score::{score, ScoreOptions};
pub use transverse::{transverse_index, TransverseConfig};
