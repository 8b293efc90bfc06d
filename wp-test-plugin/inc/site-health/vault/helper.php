<?php
/**
 * Site Health check "jlg_native_vault": computes the result.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\SiteHealth\Vault;

use function JLG\NativeCompanion\Vault\status;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/../common.php';

require_once JLG_NATIVE_COMPANION_DIR . '/inc/vault/status.php';

/** Identifier of the check, in `site_status_tests` and in its result. */
const TEST_ID = 'jlg_native_vault';

/**
 * Runs the check (in PHP: it works without the extension).
 *
 * @return array{label: string, status: string, badge: array, description: string, actions: string, test: string}
 */
function get_test_result(): array {
	return result_for( status() );
}

/**
 * Where the key comes from, in words.
 *
 * @param string $source `constant`, `salts` or `none` (status()['source']).
 */
function source_label( string $source ): string {
	return array(
		'constant' => __( 'the JLG_NATIVE_KEY constant', 'jlg-native' ),
		'salts'    => __( 'derived from the WordPress salts', 'jlg-native' ),
		'none'     => __( 'none', 'jlg-native' ),
	)[ $source ] ?? $source;
}

/**
 * The check's result for a summary of the stored secrets. The admin page's
 * vault panel calls this with the summary it shows, so both read the same
 * figures from one pass over the secrets.
 *
 * - critical:    no usable key, or secrets sealed by a key that is no longer
 *                configured ("the key changed: N secrets cannot be read");
 * - recommended: the key is derived from the WordPress salts, or secrets are
 *                due for rotation, or legacy/plaintext secrets remain;
 * - good:        otherwise.
 *
 * @param array $status From JLG\NativeCompanion\Vault\status().
 * @return array{label: string, status: string, badge: array, description: string, actions: string, test: string}
 */
function result_for( array $status ): array {
	$counts = $status['counts'];
	$result = \JLG\NativeCompanion\SiteHealth\base_result( TEST_ID, __( 'Stored secrets are encrypted with a dedicated key', 'jlg-native' ), __( 'Security', 'jlg-native' ) );

	$source = source_label( $status['source'] );
	$items = array(
		/* translators: %s: where the key comes from */
		sprintf( __( 'Key source: %s', 'jlg-native' ), $source ),
		/* translators: %s: key fingerprint */
		sprintf( __( 'Current key fingerprint: %s', 'jlg-native' ), $status['fingerprint'] ?? '-' ),
		/* translators: %s: list of fingerprints and counts */
		sprintf( __( 'Stored secrets were encrypted by: %s', 'jlg-native' ), $status['sealed_by'] ? implode( ', ', array_map( static fn( $fp, $n ) => "$fp ($n)", array_keys( $status['sealed_by'] ), $status['sealed_by'] ) ) : '-' ),
		/* translators: 1: number of secrets, 2: number of days */
		sprintf( __( 'Due for rotation: %1$d (maximum age %2$d days)', 'jlg-native' ), $counts['due'], intdiv( $status['max_age'], DAY_IN_SECONDS ) ),
		/* translators: 1: legacy count, 2: plaintext count */
		sprintf( __( 'Not yet migrated: %1$d encrypted by the plugins, %2$d in plain text', 'jlg-native' ), $counts['legacy'], $counts['plaintext'] ),
	);
	$result['description'] = '<ul><li>' . implode( '</li><li>', array_map( 'esc_html', $items ) ) . '</li></ul>';

	$problems = array();
	if ( null !== $status['error'] ) {
		$result['status'] = 'critical';
		$result['label']  = __( 'The secrets vault has no usable key', 'jlg-native' );
		$problems[]       = $status['error'];
	} elseif ( $counts['key_changed'] > 0 ) {
		$result['status'] = 'critical';
		/* translators: %d: number of secrets */
		$result['label'] = sprintf( _n( 'The key changed: %d secret cannot be read', 'The key changed: %d secrets cannot be read', $counts['key_changed'], 'jlg-native' ), $counts['key_changed'] );
		$problems[]      = __( 'Restore the previous key (JLG_NATIVE_KEY, or the previous WordPress salts), or list it in JLG_NATIVE_PREVIOUS_KEYS, then run "wp jlg-native vault rotate".', 'jlg-native' );
	} else {
		if ( 'salts' === $status['source'] ) {
			$result['status'] = 'recommended';
			$result['label']  = __( 'Stored secrets are encrypted with a key derived from the WordPress salts', 'jlg-native' );
			$problems[]       = __( 'Salts get rotated, and every secret encrypted under the old salts then becomes unreadable. Define JLG_NATIVE_KEY in wp-config.php (wp eval \'echo JLG\\Native\\TokenVault::generateKey();\') and run "wp jlg-native vault rotate".', 'jlg-native' );
		}
		if ( $counts['due'] > 0 ) {
			$result['status'] = 'recommended';
			$result['label']  = __( 'Some stored secrets are due for rotation', 'jlg-native' );
			$problems[]       = __( 'Run "wp jlg-native vault rotate".', 'jlg-native' );
		}
		if ( $counts['legacy'] + $counts['plaintext'] > 0 ) {
			$result['status'] = 'recommended';
			$result['label']  = __( 'Some stored secrets are not encrypted by the vault yet', 'jlg-native' );
			$problems[]       = __( 'Run "wp jlg-native vault migrate".', 'jlg-native' );
		}
	}
	if ( 'good' !== $result['status'] ) {
		$result['badge']['color'] = 'critical' === $result['status'] ? 'red' : 'orange';
		$result['actions']        = '<p>' . implode( '</p><p>', array_map( 'esc_html', $problems ) ) . '</p>';
	}
	return $result;
}
