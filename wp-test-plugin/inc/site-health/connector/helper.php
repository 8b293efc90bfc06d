<?php
/**
 * Site Health check "jlg_native_connector": the Discord connector over the last 24 hours.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\SiteHealth\Connector;

use const JLG\NativeCompanion\Connector\CHANNEL;
use function JLG\NativeCompanion\Connector\circuit_states;
use function JLG\NativeCompanion\Connector\open_store;
use function JLG\NativeCompanion\Connector\token_halted;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/../common.php';

/** Identifier of the check. */
const TEST_ID = 'jlg_native_connector';

/** Error rate above which the check recommends a look. */
const ERROR_RATE_LIMIT = 0.05;

/**
 * Runs the check, from the node's event log and the saved circuit and limiter states.
 *
 * - critical:    the bot token is halted (Discord answered 401);
 * - recommended: more than 5 % errors on a route (or overall), or no metrics available;
 * - good:        otherwise.
 *
 * @param float|null $now Unix time (tests); default now.
 * @return array{label: string, status: string, badge: array, description: string, actions: string, test: string}
 */
function get_test_result( ?float $now = null ): array {
	$now    = $now ?? microtime( true );
	$result = \JLG\NativeCompanion\SiteHealth\base_result( TEST_ID, __( 'The Discord connector is healthy', 'jlg-native' ), __( 'Performance', 'jlg-native' ) );

	$store = open_store();
	if ( is_wp_error( $store ) ) {
		$result['label']          = __( 'Discord connector metrics are unavailable', 'jlg-native' );
		$result['status']         = 'recommended';
		$result['badge']['color'] = 'orange';
		$result['description']    = sprintf( '<p>%s</p>', esc_html( $store->get_error_message() ) );
		return $result;
	}

	try {
		$metrics = $store->metrics( CHANNEL, $now - DAY_IN_SECONDS );
	} catch ( \Exception $e ) {
		$result['label']          = __( 'Discord connector metrics are unavailable', 'jlg-native' );
		$result['status']         = 'recommended';
		$result['badge']['color'] = 'orange';
		$result['description']    = sprintf( '<p>%s</p>', esc_html( $e->getMessage() ) );
		return $result;
	}

	$circuits = circuit_states( $now );
	$halted   = token_halted();
	$worst    = $metrics['error_rate'];
	foreach ( $metrics['by_route'] as $route ) {
		$worst = max( $worst, $route['error_rate'] );
	}

	if ( $halted ) {
		$result['label']          = __( 'Discord rejected the bot token: calls are halted', 'jlg-native' );
		$result['status']         = 'critical';
		$result['badge']['color'] = 'red';
		$result['actions']        = sprintf( '<p>%s</p>', esc_html__( 'Check the bot token in the Discord settings; calls resume once the limiter is reset with a working token.', 'jlg-native' ) );
	} elseif ( $worst > ERROR_RATE_LIMIT ) {
		$result['label']          = sprintf(
			/* translators: %s: error rate in percent */
			__( 'The Discord connector failed %s%% of its calls on a route in the last 24 hours', 'jlg-native' ),
			number_format_i18n( 100 * $worst, 1 )
		);
		$result['status']         = 'recommended';
		$result['badge']['color'] = 'orange';
	}

	$result['description'] = render_summary( $metrics, $circuits );
	return $result;
}

/**
 * Calls, errors, durations and fallbacks per route, and the circuit states.
 *
 * @param array                 $metrics  From StateStore::metrics().
 * @param array<string, string> $circuits From circuit_states().
 */
function render_summary( array $metrics, array $circuits ): string {
	if ( 0 === $metrics['count'] ) {
		$html = sprintf( '<p>%s</p>', esc_html__( 'No Discord calls were logged on this server in the last 24 hours.', 'jlg-native' ) );
	} else {
		$fallbacks = $metrics['by_outcome']['fallback'] ?? 0;
		$html      = sprintf(
			'<p>%s</p>',
			esc_html(
				sprintf(
					/* translators: 1: number of calls, 2: error rate, 3: fallback ratio */
					__( '%1$s calls in the last 24 hours on this server: %2$s%% errors, %3$s%% served from the fallback.', 'jlg-native' ),
					number_format_i18n( $metrics['count'] ),
					number_format_i18n( 100 * $metrics['error_rate'], 1 ),
					number_format_i18n( 100 * $fallbacks / $metrics['count'], 1 )
				)
			)
		);
		$rows = '';
		foreach ( $metrics['by_route'] as $route => $m ) {
			$rows .= sprintf(
				'<tr><td><code>%s</code></td><td>%s</td><td>%s%%</td><td>%s</td><td>%s</td></tr>',
				esc_html( $route ),
				esc_html( number_format_i18n( $m['count'] ) ),
				esc_html( number_format_i18n( 100 * $m['error_rate'], 1 ) ),
				esc_html( null === $m['mean_ms'] ? '-' : number_format_i18n( $m['mean_ms'], 0 ) . ' ms' ),
				esc_html( null === $m['p95_ms'] ? '-' : number_format_i18n( $m['p95_ms'], 0 ) . ' ms' )
			);
		}
		if ( '' !== $rows ) {
			$html .= sprintf(
				'<table class="widefat striped jlg-native-connector"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>',
				esc_html__( 'Route', 'jlg-native' ),
				esc_html__( 'Calls', 'jlg-native' ),
				esc_html__( 'Errors', 'jlg-native' ),
				esc_html__( 'Mean', 'jlg-native' ),
				esc_html__( 'p95', 'jlg-native' ),
				$rows
			);
		}
	}
	if ( $circuits ) {
		$items = '';
		foreach ( $circuits as $key => $state ) {
			$items .= sprintf( '<li><code>%s</code>: %s</li>', esc_html( $key ), esc_html( $state ) );
		}
		$html .= sprintf( '<p>%s</p><ul>%s</ul>', esc_html__( 'Circuit breakers:', 'jlg-native' ), $items );
	}
	return $html;
}
