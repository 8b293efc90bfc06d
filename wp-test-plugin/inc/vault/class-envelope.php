<?php
/**
 * The vault envelope in pure PHP (sodium only): the no-data-loss fallback.
 *
 * Seals and opens exactly the envelopes `JLG\Native\TokenVault` writes, so a
 * site that loses the extension still reads its secrets. The byte layout is
 * documented in docs/vault.md; in short:
 *
 *   "jlgv1:" . base64url_nopad( 0x01 . 0x01 . chr(L) . key_id . int64be(created_at)
 *            . fingerprint(8) . context_check(8) . nonce(24) . ciphertext . tag(16) )
 *
 *   K_aead        = generichash( "jlg-native/vault/v1/aead", master, 32 )
 *   K_ctx         = generichash( "jlg-native/vault/v1/context", master, 32 )
 *   fingerprint   = generichash( "jlg-native/vault/v1/fingerprint", master, 16 )[0..8]
 *   context_check = generichash( context, K_ctx, 16 )[0..8]
 *   ciphertext.tag = xchacha20poly1305_ietf( plaintext, ad = header . context, nonce, K_aead )
 *
 * where "header" is every byte before the ciphertext.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Vault;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/class-envelope-error.php';

/**
 * Pure-PHP envelope codec.
 */
final class Envelope {

	const PREFIX        = 'jlgv1:';
	const VERSION       = 1;
	const ALGORITHM     = 1;
	const NONCE_BYTES   = 24;
	const TAG_BYTES     = 16;
	const MAX_CONTEXT   = 4096;
	const MAX_PLAINTEXT = 16777216;
	const KEY_ID_REGEX  = '/^[A-Za-z0-9_-]{1,32}$/D';

	/**
	 * Seals a plaintext.
	 *
	 * @param string      $plaintext Any bytes.
	 * @param string      $context   What the secret is for (option name, profile); bound as associated data.
	 * @param string      $key_id    Id of the key, [A-Za-z0-9_-]{1,32}.
	 * @param string      $key       32 raw bytes.
	 * @param int|null    $now       Creation time (Unix seconds); time() when null.
	 * @param string|null $nonce     24 bytes; random when null (tests pass a fixed one).
	 * @return string The envelope (ASCII).
	 * @throws \InvalidArgumentException On a bad key id, key, context or nonce.
	 */
	public static function encrypt( string $plaintext, string $context, string $key_id, string $key, ?int $now = null, ?string $nonce = null ): string {
		self::check_key( $key_id, $key );
		self::check_context( $context );
		if ( strlen( $plaintext ) > self::MAX_PLAINTEXT ) {
			throw new \InvalidArgumentException( 'plaintext: at most ' . self::MAX_PLAINTEXT . ' bytes' );
		}
		$nonce = null === $nonce ? random_bytes( self::NONCE_BYTES ) : $nonce;
		if ( strlen( $nonce ) !== self::NONCE_BYTES ) {
			throw new \InvalidArgumentException( 'nonce: must be 24 bytes' );
		}
		$now      = null === $now ? time() : $now;
		$subkeys  = self::subkeys( $key );
		$header   = chr( self::VERSION ) . chr( self::ALGORITHM ) . chr( strlen( $key_id ) ) . $key_id
			. pack( 'J', $now ) . $subkeys['fingerprint'] . self::context_check( $subkeys['context'], $context ) . $nonce;
		$sealed   = sodium_crypto_aead_xchacha20poly1305_ietf_encrypt( $plaintext, $header . $context, $nonce, $subkeys['aead'] );
		$envelope = self::PREFIX . sodium_bin2base64( $header . $sealed, SODIUM_BASE64_VARIANT_URLSAFE_NO_PADDING );
		self::wipe( $subkeys );
		return $envelope;
	}

	/**
	 * Opens an envelope.
	 *
	 * @param string               $envelope The stored envelope.
	 * @param string               $context  The context it was sealed for.
	 * @param array<string,string> $keys     key_id => 32 raw bytes; every key that may have sealed it.
	 * @return string The plaintext.
	 * @throws Envelope_Error            When it cannot be opened (see get_reason()).
	 * @throws \InvalidArgumentException On a bad key or context.
	 */
	public static function decrypt( string $envelope, string $context, array $keys ): string {
		self::check_context( $context );
		$parsed = self::parse( $envelope );
		$id     = $parsed['key_id'];

		$candidates = array();
		foreach ( $keys as $key_id => $key ) {
			self::check_key( (string) $key_id, $key );
			$subkeys = self::subkeys( $key );
			$same_fp = hash_equals( $subkeys['fingerprint'], $parsed['fingerprint'] );
			$rank    = (string) $key_id === $id ? ( $same_fp ? 0 : 2 ) : ( $same_fp ? 1 : -1 );
			if ( $rank >= 0 && ( ! isset( $candidates[ $rank ] ) ) ) {
				$candidates[ $rank ] = $subkeys;
			}
		}
		if ( array() === $candidates ) {
			throw new Envelope_Error( 'unknown_key', sprintf( "the envelope was sealed with key '%s' (fingerprint %s), which is not configured", $id, bin2hex( $parsed['fingerprint'] ) ) );
		}
		ksort( $candidates );
		$subkeys = reset( $candidates );

		$plaintext = sodium_crypto_aead_xchacha20poly1305_ietf_decrypt( $parsed['sealed'], $parsed['header'] . $context, $parsed['nonce'], $subkeys['aead'] );
		if ( false !== $plaintext ) {
			self::wipe( $candidates );
			return $plaintext;
		}
		$error = null;
		if ( ! hash_equals( $subkeys['fingerprint'], $parsed['fingerprint'] ) ) {
			$error = new Envelope_Error( 'unknown_key', sprintf( "the key '%s' is not the key that sealed this envelope: the key changed", $id ) );
		} elseif ( ! hash_equals( self::context_check( $subkeys['context'], $context ), $parsed['context_check'] ) ) {
			$error = new Envelope_Error( 'wrong_context', sprintf( "the envelope was sealed for a different context (key '%s')", $id ) );
		} else {
			$error = new Envelope_Error( 'auth_failed', sprintf( "the envelope does not authenticate with key '%s': it was altered or corrupted", $id ) );
		}
		self::wipe( $candidates );
		throw $error;
	}

	/**
	 * Describes an envelope without any key.
	 *
	 * @param string $envelope The stored envelope.
	 * @return array{format: string, version: int, key_id: string, created_at: int, algorithm: string, key_fingerprint: string}
	 * @throws Envelope_Error When it is not a well-formed envelope.
	 */
	public static function inspect( string $envelope ): array {
		$parsed = self::parse( $envelope );
		return array(
			'format'          => 'jlg-vault',
			'version'         => self::VERSION,
			'key_id'          => $parsed['key_id'],
			'created_at'      => $parsed['created_at'],
			'algorithm'       => 'xchacha20poly1305-ietf',
			'key_fingerprint' => bin2hex( $parsed['fingerprint'] ),
		);
	}

	/**
	 * Whether a value is a well-formed envelope (not authenticated).
	 *
	 * @param string $value Any stored value.
	 * @return bool
	 */
	public static function is_envelope( string $value ): bool {
		try {
			self::parse( $value );
			return true;
		} catch ( Envelope_Error $e ) {
			return false;
		}
	}

	/**
	 * The fingerprint of a key (16 hex digits), as TokenVault::keyFingerprint() shows it.
	 *
	 * @param string $key 32 raw bytes.
	 * @return string
	 */
	public static function fingerprint( string $key ): string {
		self::check_key( 'key', $key );
		return bin2hex( substr( sodium_crypto_generichash( 'jlg-native/vault/v1/fingerprint', $key, 16 ), 0, 8 ) );
	}

	/**
	 * The key TokenVault::fromSecret() derives from secret material (at least 32 bytes).
	 *
	 * @param string $secret Secret material.
	 * @return string 32 raw bytes.
	 */
	public static function key_from_secret( string $secret ): string {
		if ( strlen( $secret ) < 32 ) {
			throw new \InvalidArgumentException( 'secret: secret material must be at least 32 bytes' );
		}
		return sodium_crypto_generichash( $secret, 'jlg-native/vault/v1/from-secret', 32 );
	}

	/**
	 * Decodes and checks the structure.
	 *
	 * @param string $envelope The envelope.
	 * @return array{key_id: string, created_at: int, fingerprint: string, context_check: string, nonce: string, header: string, sealed: string}
	 * @throws Envelope_Error When malformed.
	 */
	private static function parse( string $envelope ): array {
		if ( 0 !== strncmp( $envelope, self::PREFIX, strlen( self::PREFIX ) ) ) {
			throw new Envelope_Error( 'malformed', "not a vault envelope (it does not start with '" . self::PREFIX . "')" );
		}
		$body = substr( $envelope, strlen( self::PREFIX ) );
		if ( strlen( $body ) > intdiv( self::MAX_PLAINTEXT + 200, 3 ) * 4 + 4 || '' === $body ) {
			throw new Envelope_Error( 'malformed', 'the envelope has an invalid length' );
		}
		try {
			$blob = sodium_base642bin( $body, SODIUM_BASE64_VARIANT_URLSAFE_NO_PADDING );
		} catch ( \SodiumException $e ) {
			throw new Envelope_Error( 'malformed', 'the envelope body is not canonical unpadded base64url' );
		}
		$len = strlen( $blob );
		if ( $len < 3 ) {
			throw new Envelope_Error( 'malformed', 'the envelope is truncated (no header)' );
		}
		if ( self::VERSION !== ord( $blob[0] ) ) {
			throw new Envelope_Error( 'malformed', 'unsupported envelope version ' . ord( $blob[0] ) );
		}
		if ( self::ALGORITHM !== ord( $blob[1] ) ) {
			throw new Envelope_Error( 'malformed', 'unsupported envelope algorithm ' . ord( $blob[1] ) );
		}
		$id_len = ord( $blob[2] );
		if ( $id_len < 1 || $id_len > 32 ) {
			throw new Envelope_Error( 'malformed', 'invalid key id length ' . $id_len . ' in the envelope' );
		}
		$header_len = 3 + $id_len + 8 + 8 + 8 + self::NONCE_BYTES;
		if ( $len < $header_len + self::TAG_BYTES ) {
			throw new Envelope_Error( 'malformed', 'the envelope is truncated' );
		}
		$key_id = substr( $blob, 3, $id_len );
		if ( ! preg_match( self::KEY_ID_REGEX, $key_id ) ) {
			throw new Envelope_Error( 'malformed', "the envelope's key id has invalid characters" );
		}
		$at = 3 + $id_len;
		return array(
			'key_id'        => $key_id,
			'created_at'    => unpack( 'J', substr( $blob, $at, 8 ) )[1],
			'fingerprint'   => substr( $blob, $at + 8, 8 ),
			'context_check' => substr( $blob, $at + 16, 8 ),
			'nonce'         => substr( $blob, $at + 24, self::NONCE_BYTES ),
			'header'        => substr( $blob, 0, $header_len ),
			'sealed'        => substr( $blob, $header_len ),
		);
	}

	/**
	 * The subkeys and fingerprint of a master key.
	 *
	 * @param string $key 32 raw bytes.
	 * @return array{aead: string, context: string, fingerprint: string}
	 */
	private static function subkeys( string $key ): array {
		return array(
			'aead'        => sodium_crypto_generichash( 'jlg-native/vault/v1/aead', $key, 32 ),
			'context'     => sodium_crypto_generichash( 'jlg-native/vault/v1/context', $key, 32 ),
			'fingerprint' => substr( sodium_crypto_generichash( 'jlg-native/vault/v1/fingerprint', $key, 16 ), 0, 8 ),
		);
	}

	/**
	 * The 8-byte keyed check of a context.
	 *
	 * @param string $context_key K_ctx.
	 * @param string $context     The context.
	 * @return string
	 */
	private static function context_check( string $context_key, string $context ): string {
		return substr( sodium_crypto_generichash( $context, $context_key, 16 ), 0, 8 );
	}

	/**
	 * Checks a key id and a key; the message never quotes the key.
	 *
	 * @param string $key_id Key id.
	 * @param mixed  $key    Key.
	 * @throws \InvalidArgumentException When either is bad.
	 */
	private static function check_key( string $key_id, $key ): void {
		if ( ! preg_match( self::KEY_ID_REGEX, $key_id ) ) {
			throw new \InvalidArgumentException( 'key id: must match [A-Za-z0-9_-]{1,32}' );
		}
		if ( ! is_string( $key ) || 32 !== strlen( $key ) ) {
			throw new \InvalidArgumentException( sprintf( 'keys[%s]: a key must be exactly 32 raw bytes', $key_id ) );
		}
	}

	/**
	 * Checks the context length.
	 *
	 * @param string $context Context.
	 * @throws \InvalidArgumentException When too long.
	 */
	private static function check_context( string $context ): void {
		if ( strlen( $context ) > self::MAX_CONTEXT ) {
			throw new \InvalidArgumentException( 'context: at most ' . self::MAX_CONTEXT . ' bytes' );
		}
	}

	/**
	 * Best-effort wipe of derived keys.
	 *
	 * @param array<mixed> $values Nested arrays of strings.
	 */
	private static function wipe( array &$values ): void {
		foreach ( $values as &$value ) {
			if ( is_array( $value ) ) {
				self::wipe( $value );
			} elseif ( is_string( $value ) && '' !== $value ) {
				sodium_memzero( $value );
			}
		}
	}
}
