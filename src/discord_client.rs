//! `JLG\Native\DiscordClient`: guild statistics from the bot API, the widget as
//! fallback, behind the rate limiter and circuit breakers (see core `http`).
//!
//! The token is resolved once (a vault envelope is opened with `options.vault`)
//! and kept zeroized-on-drop inside the object; it never appears in an
//! exception, a log entry, `lastResponse()` or `var_dump()` (the object has no
//! PHP properties), and the object can be neither cloned nor serialized.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use jlg_native_core::http::{self, DiscordOptions, UreqTransport};

use crate::clock::SystemClock;
use crate::convert::{from_value, to_php_array, ArrayArg};
use crate::exceptions::{invalid_input, OrThrow};
use crate::guard::guard;
use crate::http_args;

#[php_class]
#[php(name = "JLG\\Native\\DiscordClient")]
#[php(flags = ClassFlags::Final)]
pub struct DiscordClient {
    inner: http::DiscordClient,
    transport: UreqTransport,
    clock: SystemClock,
}

#[php_impl]
impl DiscordClient {
    /// Options: token, base_url, timeout, max_body, user_agent, max_redirects, max_wait,
    /// state_store, vault, context, limiter, breaker.
    #[php(defaults(options = ArrayArg::EMPTY))]
    pub fn __construct(options: ArrayArg<'_>) -> PhpResult<Self> {
        guard("JLG\\Native\\DiscordClient::__construct", || {
            let (json, objects) = options.split("options", &["token", "state_store", "vault"])?;
            let parsed: DiscordOptions = from_value(json, "options")?;
            let (mut store, mut vault, mut token_raw) = (None, None, None);
            for (key, value) in objects {
                match key {
                    "state_store" => store = http_args::store_option(value)?,
                    "vault" => vault = http_args::vault_option(value)?,
                    _ if value.is_null() => {}
                    _ => {
                        let bytes = value
                            .zend_str()
                            .ok_or_else(|| invalid_input("options.token", "options.token: must be a string or null"))?;
                        token_raw = Some(zeroize::Zeroizing::new(bytes.as_bytes().to_vec()));
                    }
                }
            }
            let token = match token_raw {
                Some(raw) if !raw.is_empty() => Some(http::resolve_token(&raw, vault.as_deref(), &parsed.context).or_throw()?),
                _ => None,
            };
            let transport = http_args::transport(parsed.net())?;
            let inner = http::DiscordClient::new(parsed, token, store, crate::args::entropy()).or_throw()?;
            Ok(Self { inner, transport, clock: SystemClock::new() })
        })
    }

    /// Member and presence counts: `{source, member_count, presence_count, name, fetched_at, duration_ms}`.
    pub fn guild_stats(&mut self, guildId: String) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\DiscordClient::guildStats", || {
            let stats = self.inner.guild_stats(&guildId, &self.transport, &self.clock).or_throw()?;
            to_php_array(&stats)
        })
    }

    /// The last request: `{status, duration_ms, rate_limit, attempt, source, route, outcome, error}`.
    pub fn last_response(&self) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\DiscordClient::lastResponse", || to_php_array(self.inner.last_response()))
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<DiscordClient>()
}
