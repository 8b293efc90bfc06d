//! Errors of the cron module.

use serde::Serialize;

use crate::error::{Classify, ErrorClass};

/// One problem found in an expression: which field, where, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyntaxIssue {
    /// Stable machine code, e.g. `out_of_range`, `reversed_range`, `field_count`.
    pub code: &'static str,
    /// `minute`, `hour`, `day_of_month`, `month`, `day_of_week`, or `expression`.
    pub field: &'static str,
    /// Zero-based character index in the expression as given.
    pub position: usize,
    /// Number of characters the problem covers (at least 1).
    pub length: usize,
    /// What was wrong and what was expected.
    pub message: String,
}

/// Everything that can go wrong when building or querying a cron expression.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CronError {
    /// The expression does not parse; the first issue is the one reported.
    #[error("{}", .0.first().map_or("invalid cron expression", |i| i.message.as_str()))]
    Syntax(Vec<SyntaxIssue>),
    /// The time zone is neither an IANA name, `UTC`, nor a fixed offset.
    #[error("unknown time zone '{name}': expected an IANA name such as 'Europe/Paris', 'UTC', or a fixed offset such as '+02:00' or 'UTC-5.5'")]
    Timezone { name: String },
    /// An argument other than the expression is out of range.
    #[error("{message}")]
    Argument { field: &'static str, message: String },
}

impl CronError {
    pub(crate) fn argument(field: &'static str, message: impl Into<String>) -> Self {
        Self::Argument { field, message: message.into() }
    }

    /// The issues of a syntax error (empty for other errors).
    pub fn issues(&self) -> &[SyntaxIssue] {
        match self {
            Self::Syntax(issues) => issues,
            _ => &[],
        }
    }
}

impl Classify for CronError {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Syntax(_) => ErrorClass::CronSyntax,
            Self::Timezone { .. } | Self::Argument { .. } => ErrorClass::InvalidInput,
        }
    }

    fn field(&self) -> Option<String> {
        match self {
            Self::Syntax(issues) => issues.first().map(|i| i.field.to_owned()),
            Self::Timezone { .. } => Some("timezone".to_owned()),
            Self::Argument { field, .. } => Some((*field).to_owned()),
        }
    }

    fn position(&self) -> Option<usize> {
        match self {
            Self::Syntax(issues) => issues.first().map(|i| i.position),
            _ => None,
        }
    }
}
