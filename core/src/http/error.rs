//! Errors of the HTTP layer. Messages name what failed and where, never a
//! token, a webhook URL or a response body.

use crate::error::{Classify, ErrorClass};
use crate::store::StoreError;
use crate::vault::VaultError;

/// Why a request did not produce a response. Each variant carries only what
/// is safe to show: no URL, no header value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    /// The whole exchange took longer than the timeout.
    #[error("timed out after {timeout_ms} ms")]
    Timeout { timeout_ms: u64 },
    /// The response body was larger than the cap.
    #[error("response body larger than {limit} bytes")]
    TooLarge { limit: u64 },
    /// More redirects than allowed.
    #[error("more than {max} redirects")]
    TooManyRedirects { max: u32 },
    /// The host name did not resolve.
    #[error("host not found")]
    HostNotFound,
    /// The connection failed or broke (refused, reset, closed early).
    #[error("connection failed ({0})")]
    Connection(String),
    /// TLS handshake or certificate failure.
    #[error("TLS failure ({0})")]
    Tls(String),
    /// The proxy refused or failed.
    #[error("proxy failure ({0})")]
    Proxy(String),
    /// The server spoke something that is not valid HTTP.
    #[error("invalid HTTP response ({0})")]
    Protocol(String),
}

impl TransportError {
    /// A short machine-readable name, used as the logged outcome detail.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Timeout { .. } => "timeout",
            Self::TooLarge { .. } => "too_large",
            Self::TooManyRedirects { .. } => "redirects",
            Self::HostNotFound => "dns",
            Self::Connection(_) => "connection",
            Self::Tls(_) => "tls",
            Self::Proxy(_) => "proxy",
            Self::Protocol(_) => "protocol",
        }
    }
}

/// Errors of the Discord client and the webhook outbox.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum HttpError {
    /// Bad input: an option, a URL, a guild id.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// The state store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A secret (token, stored webhook URL) could not be decrypted.
    #[error("{field}: {source}")]
    Vault { field: String, source: VaultError },
    /// Neither the bot API nor the widget gave an answer.
    #[error("guild stats unavailable: bot API: {bot}; widget: {widget}")]
    Unavailable { bot: String, widget: String },
    /// A stored row could not be read back.
    #[error("outbox message {id}: {detail}")]
    Corrupt { id: String, detail: String },
}

impl HttpError {
    /// An input error about `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid { field: field.into(), message: message.into() }
    }

    /// The same error, with its field placed under `parent` (`options.timeout`).
    #[must_use]
    pub fn within(self, parent: &str) -> Self {
        match self {
            Self::Invalid { field, message } => Self::Invalid { field: format!("{parent}.{field}"), message },
            other => other,
        }
    }
}

impl Classify for HttpError {
    fn class(&self) -> ErrorClass {
        match self {
            Self::Invalid { .. } => ErrorClass::InvalidInput,
            Self::Store(e) => e.class(),
            Self::Vault { source, .. } => source.class(),
            Self::Unavailable { .. } | Self::Corrupt { .. } => ErrorClass::Failure,
        }
    }
    fn field(&self) -> Option<String> {
        match self {
            Self::Invalid { field, .. } | Self::Vault { field, .. } => Some(field.clone()),
            Self::Store(e) => e.field(),
            _ => None,
        }
    }
}
