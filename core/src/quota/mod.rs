//! Storage quotas: robust usage projections, aggregation over destinations and
//! how many more backups fit.
//!
//! - [`project`]: Theil–Sen (default) or least-squares trend of a usage series,
//!   with rank-based bounds, days to a threshold and an alert level.
//! - [`aggregate`]: several destinations summed the way Backup JLG shows them.
//! - [`backups_remaining`]: free space divided by a pessimistic archive size.
//!
//! Nothing here reads the clock: `now` is an argument.

mod aggregate;
mod error;
mod fit;
mod level;
mod project;
mod remaining;
mod sample;

pub use aggregate::{aggregate, Aggregate, Destination, DestinationReport, StorageLevel};
pub use error::QuotaError;
pub use fit::{least_squares, theil_sen, Fit};
pub use level::Level;
pub use project::{project, DaysToThreshold, Method, Projection, ProjectOptions, MAX_FIT_SAMPLES};
pub use remaining::{backups_remaining, Remaining};
pub use sample::{validate_samples, Sample, MAX_BYTES, MAX_SAMPLES, MAX_TIMESTAMP};

/// Seconds in a day: slopes are reported per day, times in Unix seconds.
pub const DAY: f64 = 86_400.0;
