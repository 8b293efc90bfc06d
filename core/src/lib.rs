//! Logic of JLG Native, with no dependency on PHP.
//!
//! Every capability lives in its own module with its own error enum. The PHP
//! binding (the root crate) converts arguments, calls into this crate and maps
//! errors through [`error::Classify`]; nothing here reads the clock or the RNG
//! directly: time and randomness are passed in, so every result is reproducible.

pub mod cron;
pub mod error;
pub mod http;
pub mod id;
pub mod impact;
pub mod manifest;
pub mod php_array;
pub mod phpcompat;
pub mod quota;
pub mod resilience;
pub mod retention;
pub mod scalar;
pub mod sla;
pub mod stats;
pub mod store;
pub mod vault;

pub use error::{Classify, ErrorClass};

/// The version of this crate, which is also the extension's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
