<?php
/**
 * Where the Discord connector keeps its state.
 *
 * - The node-local StateStore (SQLite, per web node): the structured event log,
 *   counters and node-local locks.
 * - WordPress options (shared by every node): the circuit breaker state arrays,
 *   one per "profile:channel", and the rate limiter's state array for the bot token.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Connector;

use function JLG\NativeCompanion\native_available;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Event-log channel of the Discord connector. */
const CHANNEL = 'discord';

/** Option holding the breaker state arrays, keyed by "profile:channel". */
const OPTION_CIRCUITS = 'jlg_native_companion_circuits';

/** Option holding the rate limiter's state array. */
const OPTION_LIMITER = 'jlg_native_companion_limiter';

/**
 * Path of the node-local store: `<jlg_native.state_dir>/state.sqlite` when the INI
 * entry is set, else wp-content/jlg-native/state.sqlite. Filter
 * `jlg_native_companion_state_path` to move it (keep it out of the web root when you can).
 */
function state_path(): string {
	$dir     = (string) ini_get( 'jlg_native.state_dir' );
	$default = '' !== trim( $dir )
		? rtrim( trim( $dir ), '/' ) . '/state.sqlite'
		: WP_CONTENT_DIR . '/jlg-native/state.sqlite';
	return (string) apply_filters( 'jlg_native_companion_state_path', $default );
}

/**
 * Creates the store's folder (0700) with files that keep web servers from serving it.
 *
 * @param string $path The store's file.
 */
function prepare_folder( string $path ): void {
	$folder = dirname( $path );
	if ( ! is_dir( $folder ) ) {
		wp_mkdir_p( $folder );
		@chmod( $folder, 0700 ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- best effort.
	}
	if ( is_dir( $folder ) && is_writable( $folder ) && ! file_exists( $folder . '/.htaccess' ) ) {
		file_put_contents( $folder . '/.htaccess', "Require all denied\nDeny from all\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		file_put_contents( $folder . '/index.php', "<?php\n// Silence.\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions
	}
}

/**
 * The node-local store, or a WP_Error saying why there is none.
 *
 * @return \JLG\Native\StateStore|\WP_Error
 */
function open_store() {
	if ( ! native_available() || ! class_exists( '\JLG\Native\StateStore' ) ) {
		return new \WP_Error( 'jlg_native_missing', __( 'The connector metrics need the jlg_native PHP extension.', 'jlg-native' ) );
	}
	$path = state_path();
	prepare_folder( $path );
	try {
		return new \JLG\Native\StateStore( $path );
	} catch ( \Exception $e ) {
		return new \WP_Error( 'jlg_native_store', $e->getMessage() );
	}
}

/**
 * The saved circuit states, as `key => 'closed'|'open'|'half_open'|'unreadable'`.
 *
 * @param float|null $now Unix time.
 * @return array<string, string>
 */
function circuit_states( ?float $now = null ): array {
	$saved = get_option( OPTION_CIRCUITS, array() );
	$out   = array();
	if ( ! is_array( $saved ) ) {
		return $out;
	}
	foreach ( $saved as $key => $state ) {
		try {
			$out[ (string) $key ] = ( new \JLG\Native\CircuitBreaker( is_array( $state ) ? $state : array() ) )->state( $now );
		} catch ( \InvalidArgumentException $e ) {
			$out[ (string) $key ] = 'unreadable';
		}
	}
	ksort( $out );
	return $out;
}

/**
 * Whether the bot token is halted: the rate limiter saw a 401 and nobody reset it.
 */
function token_halted(): bool {
	$saved = get_option( OPTION_LIMITER, array() );
	if ( ! is_array( $saved ) ) {
		return false;
	}
	try {
		return (bool) ( ( new \JLG\Native\RateLimiter( $saved ) )->toArray()['halted'] ?? false );
	} catch ( \InvalidArgumentException $e ) {
		return false;
	}
}
