<?php
/**
 * `wp jlg-native outbox list|flush|retry`
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

use function JLG\NativeCompanion\Outbox\flush_bounds;
use function JLG\NativeCompanion\Outbox\open_outbox;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once JLG_NATIVE_COMPANION_DIR . '/inc/outbox/outbox.php';

/**
 * Inspects and delivers this node's webhook outbox (alerts to Discord, Slack, Teams).
 *
 * Webhook URLs are secrets: the commands show the receiver's host only.
 *
 * ## EXAMPLES
 *
 *     $ wp jlg-native outbox list
 *     $ wp jlg-native outbox list --dead --format=json
 *     $ wp jlg-native outbox flush --max=50 --seconds=30
 *     $ wp jlg-native outbox retry 3f6c0d2a9b1e4f5a8c7d6e5f4a3b2c1d
 */
class Outbox_Command extends Native_Command {

	/** Columns of the table. */
	private const FIELDS = array( 'id', 'kind', 'host', 'attempts', 'created_at', 'not_before', 'last_status', 'last_error' );

	/**
	 * Lists pending messages (oldest due first), or dead letters: the first 1000,
	 * followed by the total when the queue holds more.
	 *
	 * ## OPTIONS
	 *
	 * [--dead]
	 * : List the dead letters instead of the pending messages.
	 *
	 * [--format=<format>]
	 * : Output format. json gives every field, with Unix times.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments (none).
	 * @param array    $assoc_args Associative arguments.
	 */
	public function list( $args, $assoc_args ) {
		$dead   = (bool) \WP_CLI\Utils\get_flag_value( $assoc_args, 'dead', false );
		$format = (string) \WP_CLI\Utils\get_flag_value( $assoc_args, 'format', 'table' );
		$outbox = self::outbox();
		try {
			$messages = $dead ? $outbox->dead() : $outbox->pending();
		} catch ( \Exception $e ) {
			self::native_error( $e );
		}
		if ( 'json' === $format ) {
			\WP_CLI::line( (string) wp_json_encode( $messages, JSON_PRESERVE_ZERO_FRACTION ) );
			return;
		}
		if ( ! $messages ) {
			\WP_CLI::log( $dead ? __( 'No dead letters.', 'jlg-native' ) : __( 'No pending messages.', 'jlg-native' ) );
			return;
		}
		$rows = array();
		foreach ( $messages as $message ) {
			$rows[] = array(
				'id'          => $message['id'],
				'kind'        => $message['kind'],
				'host'        => $message['host'],
				'attempts'    => $message['attempts'],
				'created_at'  => self::display_time( (int) $message['created_at'] ),
				'not_before'  => self::display_time( (int) $message['not_before'] ),
				'last_status' => $message['last_status'] ?? '',
				'last_error'  => $message['last_error'] ?? '',
			);
		}
		\WP_CLI\Utils\format_items( 'table', $rows, self::FIELDS );
		try {
			$counts = $outbox->summary();
		} catch ( \Exception $e ) {
			self::native_error( $e );
		}
		$total = (int) $counts[ $dead ? 'dead' : 'pending' ];
		if ( $total > count( $messages ) ) {
			\WP_CLI::log(
				sprintf(
					/* translators: 1: number of messages listed, 2: number of messages in the queue */
					__( 'Listed the first %1$s of %2$s messages.', 'jlg-native' ),
					number_format_i18n( count( $messages ) ),
					number_format_i18n( $total )
				)
			);
		}
	}

	/**
	 * Sends the due messages now, as the every-minute WP-Cron event does.
	 *
	 * ## OPTIONS
	 *
	 * [--max=<n>]
	 * : Most messages to try (default: the cron run's bound, 20).
	 *
	 * [--seconds=<s>]
	 * : Stop claiming messages after this many seconds (default: the cron run's bound, 5).
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments (none).
	 * @param array    $assoc_args Associative arguments.
	 */
	public function flush( $args, $assoc_args ) {
		$bounds  = flush_bounds();
		$max     = array_key_exists( 'max', $assoc_args ) ? self::parse_int( $assoc_args['max'], 'max', 1 ) : $bounds['max_messages'];
		$seconds = $bounds['max_seconds'];
		if ( array_key_exists( 'seconds', $assoc_args ) ) {
			$text = is_string( $assoc_args['seconds'] ) ? trim( $assoc_args['seconds'] ) : '';
			if ( ! preg_match( '/^\d{1,6}(\.\d{1,6})?$/', $text ) || (float) $text <= 0.0 ) {
				/* translators: %s: value given */
				\WP_CLI::error( sprintf( __( '--seconds must be a positive number of seconds, got "%s".', 'jlg-native' ), is_scalar( $assoc_args['seconds'] ) ? (string) $assoc_args['seconds'] : '' ) );
			}
			$seconds = (float) $text;
		}
		$outbox = self::outbox();
		try {
			$report = $outbox->flush( $max, $seconds );
		} catch ( \Exception $e ) {
			self::native_error( $e );
		}
		$line = sprintf(
			/* translators: 1: sent, 2: retried later, 3: dead letters, 4: still pending */
			__( 'Sent %1$d, to retry %2$d, dead %3$d; %4$d still pending.', 'jlg-native' ),
			$report['sent'],
			$report['retried'],
			$report['dead'],
			$report['remaining']
		);
		if ( $report['dead'] > 0 ) {
			\WP_CLI::warning( $line . ' ' . __( 'See "wp jlg-native outbox list --dead".', 'jlg-native' ) );
			return;
		}
		\WP_CLI::success( $line );
	}

	/**
	 * Puts a dead letter back in the queue, due now, with a fresh attempt budget.
	 *
	 * ## OPTIONS
	 *
	 * <id>
	 * : Message id, as "wp jlg-native outbox list --dead" shows it.
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments: the id.
	 * @param array    $assoc_args Associative arguments (none).
	 */
	public function retry( $args, $assoc_args ) {
		$id     = (string) $args[0];
		$outbox = self::outbox();
		try {
			$done = $outbox->retry( $id );
		} catch ( \Exception $e ) {
			self::native_error( $e );
		}
		if ( ! $done ) {
			/* translators: %s: message id */
			\WP_CLI::error( sprintf( __( 'Message "%s" is not a dead letter (unknown id, or still pending or sent).', 'jlg-native' ), $id ) );
		}
		/* translators: %s: message id */
		\WP_CLI::success( sprintf( __( 'Message "%s" is queued again; the next flush sends it.', 'jlg-native' ), $id ) );
	}

	/**
	 * The node's outbox, or halts saying why there is none.
	 *
	 * @return \JLG\Native\WebhookOutbox
	 */
	private static function outbox() {
		self::require_extension( 'JLG\\Native\\WebhookOutbox' );
		$outbox = open_outbox();
		if ( is_wp_error( $outbox ) ) {
			\WP_CLI::error( $outbox->get_error_message() );
		}
		return $outbox;
	}
}
