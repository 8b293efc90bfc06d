<?php
/**
 * Where the vault key comes from.
 *
 * 1. The constant JLG_NATIVE_KEY in wp-config.php: the base64 of 32 random bytes
 *    (`wp eval 'echo JLG\Native\TokenVault::generateKey();'`). Recommended.
 * 2. Otherwise a key derived from the WordPress salts (AUTH_KEY ... NONCE_SALT).
 *    It works, but salts get rotated (security plugins, "log everyone out"), and
 *    every secret sealed under the old salts becomes unreadable: Site Health
 *    flags this source as "recommended" and turns "critical" when it happens.
 *
 * When JLG_NATIVE_KEY is defined, the salts-derived key (if the salts are there)
 * stays in the ring as a retired key: secrets sealed before the constant was
 * added stay readable, and `wp jlg-native vault rotate` moves them to the new
 * key. Defining the constant therefore never orphans a secret.
 *
 * JLG_NATIVE_PREVIOUS_KEYS (an array of base64 keys, or one comma-separated
 * string) lists retired keys that may still be read, for a key rotation:
 * set the new JLG_NATIVE_KEY, move the old one here, run
 * `wp jlg-native vault rotate`, then remove it.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Vault;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/class-envelope.php';

/** Names of the WordPress salt constants, in the order they are concatenated. */
const SALT_CONSTANTS = array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT' );

/**
 * The salts as secret material ("\n"-joined values of the defined salt constants).
 */
function salts_material(): string {
	$parts = array();
	foreach ( SALT_CONSTANTS as $name ) {
		if ( defined( $name ) ) {
			$parts[] = (string) constant( $name );
		}
	}
	return implode( "\n", $parts );
}

/**
 * Decodes one configured key (base64 of 32 bytes, surrounding whitespace allowed).
 *
 * @param mixed $value Configured value.
 * @return string|null 32 raw bytes, or null when invalid.
 */
function decode_key( $value ): ?string {
	if ( ! is_string( $value ) ) {
		return null;
	}
	$raw = base64_decode( trim( $value ), true );
	return ( false !== $raw && 32 === strlen( $raw ) ) ? $raw : null;
}

/**
 * The key ring: source, keys (id => 32 raw bytes), active key id, and a problem, if any.
 *
 * Filter `jlg_native_vault_key_config` receives and returns this array.
 *
 * @return array{source: string, keys: array<string, string>, active: ?string, error: ?string}
 */
function key_config(): array {
	$previous = defined( 'JLG_NATIVE_PREVIOUS_KEYS' ) ? constant( 'JLG_NATIVE_PREVIOUS_KEYS' ) : array();
	$config   = build_key_config(
		defined( 'JLG_NATIVE_KEY' ) ? constant( 'JLG_NATIVE_KEY' ) : null,
		salts_material(),
		is_array( $previous ) ? $previous : explode( ',', (string) $previous )
	);
	return apply_filters( 'jlg_native_vault_key_config', $config );
}

/**
 * The key ring from its inputs (see key_config(), which reads them from wp-config.php).
 *
 * @param mixed  $constant_key The JLG_NATIVE_KEY value, or null when it is not defined.
 * @param string $salts        The salts material ("" when no salt is defined).
 * @param array  $previous     The JLG_NATIVE_PREVIOUS_KEYS values (base64 keys).
 * @return array{source: string, keys: array<string, string>, active: ?string, error: ?string}
 */
function build_key_config( $constant_key, string $salts, array $previous ): array {
	$config     = array(
		'source' => 'none',
		'keys'   => array(),
		'active' => null,
		'error'  => null,
	);
	$salts_key  = strlen( $salts ) >= 32 ? Envelope::key_from_secret( $salts ) : null;
	if ( null !== $constant_key ) {
		$config['source'] = 'constant';
		$key              = decode_key( $constant_key );
		if ( null === $key ) {
			$config['error'] = __( 'JLG_NATIVE_KEY is not the base64 of 32 bytes.', 'jlg-native' );
		} else {
			$config['keys']['config'] = $key;
			$config['active']         = 'config';
		}
		// Retired, read-only: what was sealed under the salts before the constant existed.
		if ( null !== $salts_key ) {
			$config['keys']['salts'] = $salts_key;
		}
	} elseif ( null !== $salts_key ) {
		$config['source']        = 'salts';
		$config['keys']['salts'] = $salts_key;
		$config['active']        = 'salts';
	} else {
		$config['error'] = __( 'Neither JLG_NATIVE_KEY nor the WordPress salts are defined.', 'jlg-native' );
	}
	foreach ( array_values( $previous ) as $i => $value ) {
		$key = decode_key( $value );
		if ( null !== $key ) {
			$config['keys'][ 'previous-' . ( $i + 1 ) ] = $key;
		}
	}
	return $config;
}

/**
 * Fingerprints (16 hex digits) of the configured keys, id => fingerprint.
 *
 * @param array $config From key_config().
 * @return array<string, string>
 */
function key_fingerprints( array $config ): array {
	$out = array();
	foreach ( $config['keys'] as $id => $key ) {
		$out[ (string) $id ] = Envelope::fingerprint( $key );
	}
	return $out;
}

/**
 * The keys of the legacy formats, for migration: AUTH_KEY and AUTH_SALT (Discord
 * Bot JLG), BJLG_ENCRYPTION_KEY or the bjlg_encryption_key option (Backup JLG).
 * Filter `jlg_native_vault_legacy_keys` receives and returns this array.
 *
 * @return array{auth_key?: string, auth_salt?: string, bjlg_key?: string}
 */
function legacy_keys(): array {
	$keys = array();
	if ( defined( 'AUTH_KEY' ) ) {
		$keys['auth_key'] = (string) constant( 'AUTH_KEY' );
	}
	if ( defined( 'AUTH_SALT' ) ) {
		$keys['auth_salt'] = (string) constant( 'AUTH_SALT' );
	}
	$bjlg = defined( 'BJLG_ENCRYPTION_KEY' ) ? constant( 'BJLG_ENCRYPTION_KEY' ) : get_option( 'bjlg_encryption_key', null );
	if ( is_string( $bjlg ) && '' !== $bjlg ) {
		$keys['bjlg_key'] = $bjlg;
	}
	return apply_filters( 'jlg_native_vault_legacy_keys', $keys );
}

/**
 * The native vault over the configured keys, or null when the extension is absent
 * or no key is configured.
 *
 * @param array|null $config From key_config(); read when null.
 */
function native_vault( ?array $config = null ): ?\JLG\Native\TokenVault {
	$config = $config ?? key_config();
	if ( ! class_exists( '\\JLG\\Native\\TokenVault' ) || null === $config['active'] ) {
		return null;
	}
	return new \JLG\Native\TokenVault( $config['keys'], $config['active'] );
}

/**
 * Secrets older than this are due for rotation (seconds; default 90 days).
 * Filter: `jlg_native_vault_max_age`.
 */
function max_age(): int {
	return max( 0, (int) apply_filters( 'jlg_native_vault_max_age', 90 * DAY_IN_SECONDS ) );
}
