//! `JLG\Native\TokenVault`: secrets at rest (see core `vault`).
//!
//! The binding converts arguments, supplies OS randomness for nonces and keys
//! and `time()` for `$now`, and maps errors. Key bytes are borrowed from PHP and
//! only their derived subkeys are kept, zeroized on drop. The object has no
//! PHP properties (var_dump shows none), cannot be cloned (the Rust type is not
//! `Clone`) nor serialized (ext-php-rs marks Rust-backed classes
//! not-serializable), and is `final`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ArrayKey, ZendHashTable, Zval};
use jlg_native_core::vault::key::validate_key_id;
use jlg_native_core::vault::keyring::MAX_KEYS;
use jlg_native_core::vault::{self, LegacyKeys, Vault, VaultKey, NONCE_BYTES};
use std::sync::Arc;

use zeroize::Zeroizing;

use crate::bytes::{Bytes, SecretBytes};
use crate::clock::unix_now;
use crate::convert::ArrayArg;
use crate::exceptions::{invalid_input, native, OrThrow};
use crate::guard::guard;

#[php_class]
#[php(name = "JLG\\Native\\TokenVault")]
#[php(flags = ClassFlags::Final)]
pub struct TokenVault {
    /// Shared (never copied) with the HTTP classes that were given this vault.
    pub(crate) inner: Arc<Vault>,
}

fn os_random(buf: &mut [u8]) -> PhpResult<()> {
    getrandom::fill(buf).map_err(|e| native(format!("the operating system's random generator failed: {e}")))
}

fn nonce() -> PhpResult<[u8; NONCE_BYTES]> {
    let mut n = [0u8; NONCE_BYTES];
    os_random(&mut n)?;
    Ok(n)
}

/// `$now`, or `time()` when the caller left it out.
fn now_or_clock(now: Option<i64>) -> i64 {
    now.unwrap_or_else(unix_now)
}

/// The PHP name of a value's type, for messages.
fn type_name(z: &Zval) -> &'static str {
    if z.is_long() {
        "int"
    } else if z.is_string() {
        "string"
    } else if z.is_array() {
        "array"
    } else if z.is_null() {
        "null"
    } else if z.is_bool() {
        "bool"
    } else if z.is_double() {
        "float"
    } else if z.is_object() {
        "object"
    } else {
        "another type"
    }
}

/// The `$keys` array: key id => 32 raw bytes.
fn read_keys(table: &ZendHashTable) -> PhpResult<Vec<VaultKey>> {
    if table.len() > MAX_KEYS {
        return Err(invalid_input("keys", format!("keys: at most {MAX_KEYS} keys, got {}", table.len())));
    }
    let mut keys = Vec::with_capacity(table.len());
    for (index, (key, value)) in table.iter().enumerate() {
        let id_bytes: Vec<u8> = match key {
            ArrayKey::Long(n) => n.to_string().into_bytes(),
            ArrayKey::String(s) => s.into_bytes(),
            ArrayKey::Str(s) => s.as_bytes().to_vec(),
            ArrayKey::ZendString(s) => s.as_bytes().to_vec(),
        };
        // An invalid id is named by its position: the caller may have swapped key and id.
        let id = validate_key_id(&id_bytes, &format!("keys[#{index}]")).or_throw()?;
        // A 32-character id could be a key in the wrong place: name it by position.
        let field = if id.len() >= 32 { format!("keys[#{index}]") } else { format!("keys[{id}]") };
        let bytes = value
            .dereference()
            .zend_str()
            .ok_or_else(|| invalid_input(&field, format!("{field}: must be a string of 32 raw bytes, got {}", type_name(value))))?
            .as_bytes();
        keys.push(VaultKey::new(&id, bytes, &field).or_throw()?);
    }
    Ok(keys)
}

/// The `$legacy` array: `auth_key`, `auth_salt`, `bjlg_key` (strings; null = absent).
fn read_legacy(table: Option<&ZendHashTable>) -> PhpResult<LegacyKeys> {
    let mut keys = LegacyKeys::default();
    let Some(table) = table else { return Ok(keys) };
    for (index, (key, value)) in table.iter().enumerate() {
        let name: &[u8] = match &key {
            ArrayKey::String(s) => s.as_bytes(),
            ArrayKey::Str(s) => s.as_bytes(),
            ArrayKey::ZendString(s) => s.as_bytes(),
            ArrayKey::Long(_) => b"",
        };
        let slot = match name {
            b"auth_key" => &mut keys.auth_key,
            b"auth_salt" => &mut keys.auth_salt,
            b"bjlg_key" => &mut keys.bjlg_key,
            _ => {
                return Err(invalid_input(
                    "legacy",
                    format!("legacy: unknown key at position {index}; the keys are auth_key, auth_salt and bjlg_key"),
                ))
            }
        };
        let value = value.dereference();
        if value.is_null() {
            continue;
        }
        let field = format!("legacy.{}", String::from_utf8_lossy(name));
        let bytes = value
            .zend_str()
            .ok_or_else(|| invalid_input(&field, format!("{field}: must be a string, got {}", type_name(value))))?;
        *slot = Some(Zeroizing::new(bytes.as_bytes().to_vec()));
    }
    Ok(keys)
}

fn key_id_arg(bytes: &[u8], field: &str) -> PhpResult<String> {
    validate_key_id(bytes, field).or_throw()
}

#[php_impl]
impl TokenVault {
    /// `new TokenVault(array $keys, string $activeKeyId)`: key_id => 32 raw bytes.
    pub fn __construct(keys: &ZendHashTable, activeKeyId: Bytes) -> PhpResult<Self> {
        guard("JLG\\Native\\TokenVault::__construct", || {
            let keys = read_keys(keys)?;
            let active = key_id_arg(activeKeyId.0, "activeKeyId")?;
            Ok(Self { inner: Arc::new(Vault::new(keys, &active).or_throw()?) })
        })
    }

    /// A one-key vault derived from at least 32 bytes of secret material.
    #[php(defaults(keyId = "\"wp\""))]
    pub fn from_secret(secret: Bytes, keyId: Bytes) -> PhpResult<Self> {
        guard("JLG\\Native\\TokenVault::fromSecret", || {
            let id = key_id_arg(keyId.0, "keyId")?;
            Ok(Self { inner: Arc::new(Vault::from_secret(secret.0, &id).or_throw()?) })
        })
    }

    /// 32 random bytes from the OS, base64-encoded (for `JLG_NATIVE_KEY` in wp-config.php).
    pub fn generate_key() -> PhpResult<String> {
        guard("JLG\\Native\\TokenVault::generateKey", || {
            let mut key = Zeroizing::new([0u8; 32]);
            os_random(&mut key[..])?;
            Ok(STANDARD.encode(&key[..]))
        })
    }

    /// Seals a plaintext under the active key.
    #[php(defaults(context = "\"\""))]
    pub fn encrypt(&self, plaintext: Bytes, context: Bytes, now: Option<i64>) -> PhpResult<String> {
        guard("JLG\\Native\\TokenVault::encrypt", || {
            self.inner.encrypt(plaintext.0, context.0, now_or_clock(now), &nonce()?).or_throw()
        })
    }

    /// Opens an envelope sealed for `context`.
    #[php(defaults(context = "\"\""))]
    pub fn decrypt(&self, envelope: Bytes, context: Bytes) -> PhpResult<SecretBytes> {
        guard("JLG\\Native\\TokenVault::decrypt", || {
            Ok(SecretBytes(self.inner.decrypt(envelope.0, context.0).or_throw()?))
        })
    }

    /// Re-seals under the active key; the result is verified before it is returned.
    #[php(defaults(context = "\"\""))]
    pub fn rotate(&self, envelope: Bytes, context: Bytes, now: Option<i64>) -> PhpResult<String> {
        guard("JLG\\Native\\TokenVault::rotate", || {
            self.inner.rotate(envelope.0, context.0, now_or_clock(now), &nonce()?).or_throw()
        })
    }

    /// Sealed by a key other than the active one, or older than `maxAgeSeconds`.
    pub fn needs_rotation(&self, envelope: Bytes, maxAgeSeconds: i64, now: Option<i64>) -> PhpResult<bool> {
        guard("JLG\\Native\\TokenVault::needsRotation", || {
            self.inner.needs_rotation(envelope.0, maxAgeSeconds, now_or_clock(now)).or_throw()
        })
    }

    /// Format, version, key id, creation time, algorithm and key fingerprint; no key needed.
    pub fn inspect(envelope: Bytes) -> PhpResult<ZBox<ZendHashTable>> {
        guard("JLG\\Native\\TokenVault::inspect", || {
            let info = vault::inspect(envelope.0).or_throw()?;
            let mut table = ZendHashTable::with_capacity(6);
            table.insert("format", info.format)?;
            table.insert("version", i64::from(info.version))?;
            table.insert("key_id", info.key_id)?;
            table.insert("created_at", info.created_at)?;
            table.insert("algorithm", info.algorithm)?;
            table.insert("key_fingerprint", info.key_fingerprint)?;
            Ok(table)
        })
    }

    /// Whether a value is a structurally valid envelope (not authenticated).
    pub fn is_envelope(value: Bytes) -> PhpResult<bool> {
        guard("JLG\\Native\\TokenVault::isEnvelope", || Ok(vault::is_envelope(value.0)))
    }

    /// Reads a Discord Bot JLG (`dbjlg_enc_v1:`/`dbjlg_enc_v2:`) or Backup JLG (`BJLGS1`) value.
    pub fn decrypt_legacy(&self, stored: Bytes, legacy: &ZendHashTable) -> PhpResult<SecretBytes> {
        guard("JLG\\Native\\TokenVault::decryptLegacy", || {
            let keys = read_legacy(Some(legacy))?;
            let read = vault::legacy::decrypt(stored.0, &keys).or_throw()?;
            Ok(SecretBytes(read.plaintext))
        })
    }

    /// Legacy or plaintext to an envelope; an envelope passes through (re-sealed if its key is not active).
    #[php(defaults(legacy = ArrayArg::EMPTY, context = "\"\""))]
    pub fn migrate(&self, stored: Bytes, legacy: ArrayArg, context: Bytes, now: Option<i64>) -> PhpResult<String> {
        guard("JLG\\Native\\TokenVault::migrate", || {
            let keys = read_legacy(legacy.table())?;
            let migration = self.inner.migrate(stored.0, &keys, context.0, now_or_clock(now), &nonce()?).or_throw()?;
            Ok(migration.envelope)
        })
    }

    /// A short, non-secret fingerprint (16 hex digits) of a key, or of the active key.
    pub fn key_fingerprint(&self, keyId: Option<Bytes>) -> PhpResult<String> {
        guard("JLG\\Native\\TokenVault::keyFingerprint", || match keyId {
            None => self.inner.fingerprint(None).or_throw(),
            Some(id) => {
                let id = key_id_arg(id.0, "keyId")?;
                self.inner.fingerprint(Some(&id)).or_throw()
            }
        })
    }
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<TokenVault>()
}
