//! Outgoing HTTP: a Discord client for guild statistics and a webhook outbox,
//! on ureq 3 with rustls, behind the rate limiter, circuit breaker and backoff
//! of `resilience`, with state and logs in the node's `store`.
//!
//! The network sits behind [`Transport`] and the time behind [`Clock`], so the
//! logic is tested with scripted responses and a fake clock; [`UreqTransport`]
//! is the real one. Nothing here reads the environment: the binding passes the
//! proxy settings in.

mod agent;
pub mod discord;
mod error;
pub mod outbox;
pub mod payload;
mod transport;
pub mod url;

pub use agent::{NetOptions, ProxySettings, UreqTransport, DEFAULT_MAX_BODY, DEFAULT_USER_AGENT};
pub use discord::{resolve_token, DiscordClient, DiscordOptions, GuildStats, LastResponse};
pub use error::{HttpError, TransportError};
pub use outbox::{EnqueueOptions, FlushReport, MessageInfo, Outbox, OutboxOptions, LOG_CHANNEL};
pub use payload::Kind;
pub use transport::{kept_headers, Clock, Failure, Request, Response, Transport};
