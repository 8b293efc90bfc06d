<?php
/**
 * `wp jlg-native events`
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

use function JLG\NativeCompanion\Connector\open_store;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Lists the structured events of this node's state store.
 */
class Events_Command extends \WP_CLI_Command {

	/**
	 * Lists logged events, newest first (at most 1000).
	 *
	 * ## OPTIONS
	 *
	 * [--channel=<channel>]
	 * : Event channel.
	 * ---
	 * default: discord
	 * ---
	 *
	 * [--since=<seconds>]
	 * : Only events of the last <seconds> seconds.
	 * ---
	 * default: 86400
	 * ---
	 *
	 * [--format=<format>]
	 * : Output format. The table shows time, route, outcome and duration; json gives every field.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp jlg-native events
	 *     $ wp jlg-native events --channel=discord --since=3600 --format=json
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments (none).
	 * @param array    $assoc_args Associative arguments.
	 */
	public function __invoke( $args, $assoc_args ) {
		$channel = (string) \WP_CLI\Utils\get_flag_value( $assoc_args, 'channel', 'discord' );
		$since   = (string) \WP_CLI\Utils\get_flag_value( $assoc_args, 'since', '86400' );
		$format  = (string) \WP_CLI\Utils\get_flag_value( $assoc_args, 'format', 'table' );
		if ( ! preg_match( '/^\d+(\.\d+)?$/', $since ) ) {
			\WP_CLI::error( sprintf( '--since must be a number of seconds, got "%s".', $since ) );
		}
		$store = open_store();
		if ( is_wp_error( $store ) ) {
			\WP_CLI::error( $store->get_error_message() );
		}
		try {
			$events = $store->events(
				$channel,
				array(
					'since' => microtime( true ) - (float) $since,
					'limit' => 1000,
				)
			);
		} catch ( \Exception $e ) {
			\WP_CLI::error( $e->getMessage() );
		}

		if ( 'json' === $format ) {
			\WP_CLI\Utils\format_items( 'json', $events, array( 'id', 'time', 'channel', 'fields' ) );
			return;
		}
		$rows = array();
		foreach ( $events as $event ) {
			$fields = $event['fields'];
			$rows[] = array(
				'id'          => $event['id'],
				'time'        => gmdate( 'Y-m-d H:i:s', (int) $event['time'] ),
				'route'       => (string) ( $fields['route'] ?? '' ),
				'outcome'     => (string) ( $fields['outcome'] ?? '' ),
				'duration_ms' => isset( $fields['duration_ms'] ) ? (string) $fields['duration_ms'] : '',
			);
		}
		if ( ! $rows ) {
			\WP_CLI::log( sprintf( 'No events in channel "%s" in the last %s seconds.', $channel, $since ) );
			return;
		}
		\WP_CLI\Utils\format_items( 'table', $rows, array( 'id', 'time', 'route', 'outcome', 'duration_ms' ) );
	}
}
