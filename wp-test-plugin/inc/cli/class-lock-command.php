<?php
/**
 * `wp jlg-native lock`
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

use function JLG\NativeCompanion\Connector\open_store;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Takes a node-local lock, for operators (to hold off a job on this server).
 */
class Lock_Command extends \WP_CLI_Command {

	/**
	 * Takes a lock in this node's state store for --ttl seconds and prints its token.
	 *
	 * The lock only excludes processes of this server: the store is per node.
	 * It is released when the TTL runs out.
	 *
	 * ## OPTIONS
	 *
	 * <name>
	 * : Lock name, for example discord:refresh.
	 *
	 * --ttl=<seconds>
	 * : How long to hold it (1 to 31536000).
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp jlg-native lock discord:refresh --ttl=600
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments: the name.
	 * @param array    $assoc_args Associative arguments.
	 */
	public function __invoke( $args, $assoc_args ) {
		$name = (string) $args[0];
		$ttl  = (string) \WP_CLI\Utils\get_flag_value( $assoc_args, 'ttl', '' );
		if ( ! preg_match( '/^\d+$/', $ttl ) ) {
			\WP_CLI::error( sprintf( '--ttl must be a whole number of seconds, got "%s".', $ttl ) );
		}
		$store = open_store();
		if ( is_wp_error( $store ) ) {
			\WP_CLI::error( $store->get_error_message() );
		}
		try {
			$token = $store->acquireLock( $name, (int) $ttl );
		} catch ( \Exception $e ) {
			\WP_CLI::error( $e->getMessage() );
		}
		if ( null === $token ) {
			\WP_CLI::error( sprintf( 'Lock "%s" is held by another process.', $name ) );
		}
		\WP_CLI::line( $token );
		\WP_CLI::success( sprintf( 'Lock "%s" taken for %d seconds.', $name, (int) $ttl ) );
	}
}
