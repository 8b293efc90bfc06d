<?php
/**
 * The state of the stored secrets, computed in PHP (works without the extension).
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Vault;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/keys.php';
require_once __DIR__ . '/secrets.php';

/**
 * Classifies one stored value, without decrypting it.
 *
 * - sealed:      an envelope sealed by the active key, not due for rotation;
 * - due:         an envelope sealed by a configured key, but not the active one
 *                or older than the maximum age;
 * - key_changed: an envelope whose key is not configured (the key changed);
 * - legacy:      a Discord Bot JLG or Backup JLG encrypted value;
 * - plaintext:   anything else.
 *
 * @param string                $value        Stored value.
 * @param array<string, string> $fingerprints Configured key id => fingerprint.
 * @param string|null           $active       Active key id.
 * @param int                   $max_age      Seconds.
 * @param int                   $now          Unix seconds.
 * @return array{state: string, format: string, key_fingerprint: ?string, created_at: ?int}
 */
function classify( string $value, array $fingerprints, ?string $active, int $max_age, int $now ): array {
	if ( Envelope::is_envelope( $value ) ) {
		$info  = Envelope::inspect( $value );
		$fp    = $info['key_fingerprint'];
		$state = 'key_changed';
		if ( in_array( $fp, $fingerprints, true ) ) {
			$is_active = null !== $active && ( $fingerprints[ $active ] ?? null ) === $fp;
			$state     = ( $is_active && $now - $info['created_at'] <= $max_age ) ? 'sealed' : 'due';
		}
		return array( 'state' => $state, 'format' => 'jlg-vault', 'key_fingerprint' => $fp, 'created_at' => $info['created_at'] );
	}
	$format = legacy_format( $value );
	return array(
		'state'           => null === $format ? 'plaintext' : 'legacy',
		'format'          => $format ?? 'plaintext',
		'key_fingerprint' => null,
		'created_at'      => null,
	);
}

/**
 * The legacy format of a value (dbjlg_enc_v1, dbjlg_enc_v2, bjlgs1), or null.
 *
 * @param string $value Stored value.
 */
function legacy_format( string $value ): ?string {
	if ( 0 === strncmp( $value, 'dbjlg_enc_', 10 ) ) {
		return 0 === strncmp( $value, 'dbjlg_enc_v1:', 13 ) ? 'dbjlg_enc_v1' : 'dbjlg_enc_v2';
	}
	$blob = base64_decode( $value, true );
	return ( false !== $blob && 0 === strncmp( $blob, 'BJLGS1', 6 ) ) ? 'bjlgs1' : null;
}

/**
 * Summary of the key and of every stored secret.
 *
 * @param int|null $now Unix seconds; time() when null.
 * @return array{source: string, error: ?string, active: ?string, fingerprint: ?string, max_age: int,
 *               counts: array<string, int>, sealed_by: array<string, int>, secrets: array}
 */
function status( ?int $now = null ): array {
	$now          = $now ?? time();
	$config       = key_config();
	$fingerprints = key_fingerprints( $config );
	$max_age      = max_age();
	$counts       = array_fill_keys( array( 'total', 'sealed', 'due', 'key_changed', 'legacy', 'plaintext' ), 0 );
	$sealed_by    = array();
	$rows         = array();
	foreach ( collect() as $secret ) {
		$c = classify( $secret['value'], $fingerprints, $config['active'], $max_age, $now );
		++$counts['total'];
		++$counts[ $c['state'] ];
		if ( null !== $c['key_fingerprint'] ) {
			$sealed_by[ $c['key_fingerprint'] ] = ( $sealed_by[ $c['key_fingerprint'] ] ?? 0 ) + 1;
		}
		$rows[] = array(
			'plugin'     => $secret['plugin'],
			'option'     => $secret['option'],
			'path'       => implode( '.', $secret['path'] ),
			'state'      => $c['state'],
			'format'     => $c['format'],
			'key'        => $c['key_fingerprint'] ?? '',
			'created_at' => null === $c['created_at'] ? '' : gmdate( 'Y-m-d H:i:s', $c['created_at'] ),
		);
	}
	return array(
		'source'      => $config['source'],
		'error'       => $config['error'],
		'active'      => $config['active'],
		'fingerprint' => null === $config['active'] ? null : $fingerprints[ $config['active'] ],
		'max_age'     => $max_age,
		'counts'      => $counts,
		'sealed_by'   => $sealed_by,
		'secrets'     => $rows,
	);
}
