//! SLA windows, MTTR, percentiles and Web Vitals grades.
//!
//! - [`sitepulse`] + [`archive`]: the parity model (SitePulse's report and daily archive);
//! - [`windows`]: the default model (time-based, UTC, maintenance out of the denominator);
//! - [`mttr`], [`vitals`]: helpers on top of [`crate::stats::percentile`].

pub mod agents;
pub mod archive;
pub mod entry;
pub mod error;
pub mod maintenance;
pub mod mttr;
pub mod options;
pub mod sitepulse;
pub mod vitals;
pub mod windows;

pub use entry::{Check, LogEntry, Scalar};
pub use error::SlaError;
