<?php
/**
 * `wp jlg-native vault status|migrate|rotate`
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

use JLG\NativeCompanion\Vault\Migrator;
use function JLG\NativeCompanion\Vault\key_config;
use function JLG\NativeCompanion\Vault\legacy_keys;
use function JLG\NativeCompanion\Vault\max_age;
use function JLG\NativeCompanion\Vault\native_vault;
use function JLG\NativeCompanion\Vault\status;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once JLG_NATIVE_COMPANION_DIR . '/inc/vault/class-migrator.php';

/**
 * Encrypts the plugins' stored secrets (bot tokens, backup destination credentials) with the JLG Native vault.
 *
 * ## EXAMPLES
 *
 *     $ wp jlg-native vault status
 *     $ wp jlg-native vault migrate --dry-run
 *     $ wp jlg-native vault rotate --batch=50
 */
class Vault_Command extends \WP_CLI_Command {

	/**
	 * Shows the key source and fingerprint, and the state of every stored secret.
	 *
	 * States: sealed (by the active key), due (for rotation), key_changed (cannot
	 * be read: the key changed), legacy (plugin encryption), plaintext.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : Render the secrets in a particular format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - csv
	 * ---
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments (none).
	 * @param array    $assoc_args Associative arguments.
	 */
	public function status( $args, $assoc_args ) {
		$format = \WP_CLI\Utils\get_flag_value( $assoc_args, 'format', 'table' );
		$status = status();
		if ( 'json' === $format ) {
			\WP_CLI::line( (string) wp_json_encode( $status ) );
			return;
		}
		\WP_CLI::log( sprintf( 'Key source: %s; active key: %s (fingerprint %s); maximum age %d days.', $status['source'], $status['active'] ?? '-', $status['fingerprint'] ?? '-', intdiv( $status['max_age'], DAY_IN_SECONDS ) ) );
		if ( null !== $status['error'] ) {
			\WP_CLI::warning( $status['error'] );
		}
		$parts = array();
		foreach ( $status['counts'] as $state => $count ) {
			$parts[] = "$state: $count";
		}
		\WP_CLI::log( 'Secrets: ' . implode( ', ', $parts ) . '.' );
		if ( $status['counts']['key_changed'] > 0 ) {
			\WP_CLI::warning( sprintf( 'The key changed: %d secrets cannot be read.', $status['counts']['key_changed'] ) );
		}
		if ( $status['secrets'] ) {
			\WP_CLI\Utils\format_items( $format, $status['secrets'], array( 'plugin', 'option', 'path', 'state', 'format', 'key', 'created_at' ) );
		}
	}

	/**
	 * Converts legacy (Discord Bot JLG, Backup JLG) and plaintext secrets to envelopes.
	 *
	 * A value is written back only after its new envelope decrypted to the same
	 * plaintext. Safe to interrupt and to run again: what is done is skipped.
	 *
	 * ## OPTIONS
	 *
	 * [--dry-run]
	 * : Compute and verify every conversion, write nothing.
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments (none).
	 * @param array    $assoc_args Associative arguments.
	 */
	public function migrate( $args, $assoc_args ) {
		$dry_run = (bool) \WP_CLI\Utils\get_flag_value( $assoc_args, 'dry-run', false );
		$rows    = self::migrator()->migrate( $dry_run );
		self::report( $rows, $dry_run ? 'checked' : 'migrated' );
	}

	/**
	 * Re-encrypts secrets sealed by a retired key or older than the maximum age under the active key.
	 *
	 * ## OPTIONS
	 *
	 * [--dry-run]
	 * : Compute and verify every rotation, write nothing.
	 *
	 * [--batch=<n>]
	 * : Rotate at most this many secrets in this run.
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments (none).
	 * @param array    $assoc_args Associative arguments.
	 */
	public function rotate( $args, $assoc_args ) {
		$dry_run = (bool) \WP_CLI\Utils\get_flag_value( $assoc_args, 'dry-run', false );
		$batch   = \WP_CLI\Utils\get_flag_value( $assoc_args, 'batch', null );
		if ( null !== $batch && ( ! ctype_digit( (string) $batch ) || (int) $batch < 1 ) ) {
			\WP_CLI::error( '--batch must be a positive integer.' );
		}
		$rows = self::migrator()->rotate( $dry_run, null === $batch ? null : (int) $batch, max_age() );
		self::report( $rows, $dry_run ? 'checked' : 'rotated' );
	}

	/**
	 * The migrator, or an error when the extension or the key is missing.
	 */
	private static function migrator(): Migrator {
		$config = key_config();
		if ( null !== $config['error'] ) {
			\WP_CLI::error( $config['error'] );
		}
		$vault = native_vault( $config );
		if ( null === $vault ) {
			\WP_CLI::error( 'This command needs the jlg_native PHP extension (see "wp jlg-native status").' );
		}
		return new Migrator( $vault, $config, legacy_keys() );
	}

	/**
	 * Prints the rows and a summary; exits 1 when a secret failed.
	 *
	 * @param array  $rows Report rows.
	 * @param string $verb What was done.
	 */
	private static function report( array $rows, string $verb ): void {
		if ( $rows ) {
			\WP_CLI\Utils\format_items( 'table', $rows, array( 'option', 'path', 'from', 'action', 'detail' ) );
		}
		$counts = array_count_values( array_column( $rows, 'action' ) );
		$failed = $counts['failed'] ?? 0;
		$done   = ( $counts['written'] ?? 0 ) + ( $counts['would write'] ?? 0 );
		$summary = sprintf( '%d secrets %s, %d skipped, %d pending, %d failed.', $done, $verb, $counts['skipped'] ?? 0, $counts['pending'] ?? 0, $failed );
		if ( $failed > 0 ) {
			\WP_CLI::error( $summary );
		}
		\WP_CLI::success( $summary );
	}
}
