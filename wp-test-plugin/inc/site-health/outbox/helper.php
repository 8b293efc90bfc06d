<?php
/**
 * Site Health check "jlg_native_outbox": the webhook outbox of this node.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\SiteHealth\Outbox;

use const JLG\NativeCompanion\Outbox\CRON_HOOK;
use function JLG\NativeCompanion\Outbox\open_outbox;
use function JLG\NativeCompanion\Outbox\summary;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/../common.php';

require_once JLG_NATIVE_COMPANION_DIR . '/inc/outbox/cron.php';

/** Identifier of the check. */
const TEST_ID = 'jlg_native_outbox';

/** Age of the oldest pending message above which the check recommends a look (seconds). */
const STALE_SECONDS = 15 * MINUTE_IN_SECONDS;

/** Age of the oldest pending message above which the check is critical (seconds). */
const CRITICAL_SECONDS = HOUR_IN_SECONDS;

/** Dead letters listed in the description. */
const LISTED_DEAD = 5;

/**
 * The age thresholds, `{recommended: seconds, critical: seconds}`.
 * Filter: `jlg_native_outbox_age_thresholds`.
 *
 * @return array{recommended: int, critical: int}
 */
function thresholds(): array {
	$values = apply_filters(
		'jlg_native_outbox_age_thresholds',
		array(
			'recommended' => STALE_SECONDS,
			'critical'    => CRITICAL_SECONDS,
		)
	);
	$values      = is_array( $values ) ? $values : array();
	$recommended = max( 0, (int) ( $values['recommended'] ?? STALE_SECONDS ) );
	$critical    = max( $recommended, (int) ( $values['critical'] ?? CRITICAL_SECONDS ) );
	return array(
		'recommended' => $recommended,
		'critical'    => $critical,
	);
}

/**
 * Runs the check.
 *
 * - critical:    the oldest pending message waits for more than an hour;
 * - recommended: dead letters, a pending message older than 15 minutes, or no
 *                outbox (the extension or the store is missing);
 * - good:        empty, or every pending message is fresh.
 *
 * @param float|null $now Unix time (tests); default now.
 * @return array{label: string, status: string, badge: array, description: string, actions: string, test: string}
 */
function get_test_result( ?float $now = null ): array {
	$now    = $now ?? microtime( true );
	$result = \JLG\NativeCompanion\SiteHealth\base_result( TEST_ID, __( 'Alerts are delivered without delay', 'jlg-native' ), __( 'Performance', 'jlg-native' ) );

	$outbox = open_outbox();
	if ( ! is_wp_error( $outbox ) ) {
		try {
			$summary = summary( $outbox );
		} catch ( \Exception $e ) {
			$outbox = new \WP_Error( 'jlg_native_outbox', $e->getMessage() );
		}
	}
	if ( is_wp_error( $outbox ) ) {
		$result['label']          = __( 'The webhook outbox is unavailable', 'jlg-native' );
		$result['status']         = 'recommended';
		$result['badge']['color'] = 'orange';
		$result['description']    = sprintf(
			'<p>%s</p><p>%s</p>',
			esc_html__( 'Alerts of the JLG plugins (backup failures, Discord, monitoring) are queued in this outbox and sent to Discord, Slack or Teams every minute.', 'jlg-native' ),
			esc_html( $outbox->get_error_message() )
		);
		return $result;
	}

	$limits = thresholds();
	$age    = null === $summary['oldest_pending_at'] ? null : max( 0.0, $now - $summary['oldest_pending_at'] );
	$advice = array();
	if ( null !== $age && $age > $limits['critical'] ) {
		$result['status'] = 'critical';
		$result['label']  = sprintf(
			/* translators: %s: a duration such as "2 hours" */
			__( 'Alerts have been waiting for %s: the outbox is stuck', 'jlg-native' ),
			human_time_diff( 0, (int) $age )
		);
	} elseif ( null !== $age && $age > $limits['recommended'] ) {
		$result['status'] = 'recommended';
		$result['label']  = sprintf(
			/* translators: %s: a duration such as "20 mins" */
			__( 'The oldest queued alert has been waiting for %s', 'jlg-native' ),
			human_time_diff( 0, (int) $age )
		);
	} elseif ( $summary['dead'] > 0 ) {
		$result['status'] = 'recommended';
		$result['label']  = sprintf(
			/* translators: %s: number of messages */
			_n( '%s alert could not be delivered', '%s alerts could not be delivered', $summary['dead'], 'jlg-native' ),
			number_format_i18n( $summary['dead'] )
		);
	}
	if ( null !== $age && $age > $limits['recommended'] ) {
		$advice[] = false === wp_next_scheduled( CRON_HOOK )
			? __( 'The delivery event is not scheduled: deactivate and reactivate JLG Native Companion, or load a page in the admin with the extension present.', 'jlg-native' )
			: __( 'WP-Cron does not seem to run often enough. With DISABLE_WP_CRON, make a system cron call wp-cron.php (or "wp cron event run --due-now") every minute. "wp jlg-native outbox flush" delivers now.', 'jlg-native' );
	}
	if ( $summary['dead'] > 0 ) {
		$advice[] = __( 'Dead letters were refused by their receiver (a removed webhook, a 4xx answer) or failed too many times. List them with "wp jlg-native outbox list --dead" and requeue one with "wp jlg-native outbox retry <id>" once the webhook is fixed.', 'jlg-native' );
	}

	$result['description'] = render_summary( $summary, $age );
	if ( 'good' !== $result['status'] ) {
		$result['badge']['color'] = 'critical' === $result['status'] ? 'red' : 'orange';
	}
	if ( $advice ) {
		$result['actions'] = '<p>' . implode( '</p><p>', array_map( 'esc_html', $advice ) ) . '</p>';
	}
	return $result;
}

/**
 * Counts, the oldest pending message's age and the first dead letters (host and reason only).
 *
 * @param array      $summary From Outbox\summary().
 * @param float|null $age     Age of the oldest pending message, seconds.
 */
function render_summary( array $summary, ?float $age ): string {
	$items = array(
		/* translators: %s: number of messages */
		sprintf( __( 'Pending messages: %s', 'jlg-native' ), number_format_i18n( $summary['pending'] ) ),
		/* translators: %s: number of messages */
		sprintf( __( 'Dead letters: %s', 'jlg-native' ), number_format_i18n( $summary['dead'] ) ),
		null === $age
			? __( 'Oldest pending message: none', 'jlg-native' )
			/* translators: %s: a duration such as "5 mins" */
			: sprintf( __( 'Oldest pending message: queued %s ago', 'jlg-native' ), human_time_diff( 0, (int) $age ) ),
	);
	$html = '<ul><li>' . implode( '</li><li>', array_map( 'esc_html', $items ) ) . '</li></ul>';

	$dead = array_slice( $summary['dead_letters'], 0, LISTED_DEAD );
	if ( $dead ) {
		$rows = '';
		foreach ( $dead as $message ) {
			$rows .= sprintf(
				'<tr><td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td></tr>',
				esc_html( (string) $message['id'] ),
				esc_html( (string) $message['host'] ),
				esc_html( (string) $message['kind'] ),
				esc_html( (string) ( $message['last_error'] ?? '' ) )
			);
		}
		$html .= sprintf(
			'<table class="widefat striped jlg-native-outbox"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>',
			esc_html__( 'Message', 'jlg-native' ),
			esc_html__( 'Host', 'jlg-native' ),
			esc_html__( 'Kind', 'jlg-native' ),
			esc_html__( 'Reason', 'jlg-native' ),
			$rows
		);
	}
	return $html;
}
