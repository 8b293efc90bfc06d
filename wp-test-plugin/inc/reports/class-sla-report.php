<?php
/**
 * The SLA report: availability over a window, per agent and for the site.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Reports;

use function JLG\NativeCompanion\native_available;
use function JLG\NativeCompanion\SitePulse\uptime_data;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/class-report-error.php';
require_once JLG_NATIVE_COMPANION_DIR . '/inc/sitepulse/sources.php';

/**
 * Computes the SLA of the last N days with `JLG\Native\Sla::windows` (default
 * model: time-based availability, planned maintenance out of the denominator,
 * incidents per agent, MTTR) over SitePulse's uptime log, or the demo log.
 *
 * SitePulse writes WordPress local seconds (`current_time('timestamp')`); the
 * log is read with `local_timestamps` in the site's time zone, so the times in
 * the report (`generated_at`, `start`, `end`, incidents) are real UTC seconds.
 */
final class Sla_Report {

	/** Windows the REST route offers (SitePulse's report windows). */
	public const WINDOWS = array( 7, 30 );

	/** Longest window, in days (SitePulse keeps at most 365 days of log). */
	public const MAX_DAYS = 365;

	/**
	 * The report.
	 *
	 * @param int $days Window length in days, 1 to MAX_DAYS.
	 * @return array|\WP_Error `{source, window_days, generated_at, start, end,
	 *         timezone, entries, global: {...}, agents: [{id, label, weight, ...}]}`
	 */
	public static function build( int $days ) {
		if ( ! native_available() || ! class_exists( '\JLG\Native\Sla' ) ) {
			return Report_Error::unavailable();
		}
		if ( $days < 1 || $days > self::MAX_DAYS ) {
			return new \WP_Error(
				'jlg_native_invalid_window',
				/* translators: %d: longest window in days */
				sprintf( __( 'The window must be a whole number of days between 1 and %d.', 'jlg-native' ), self::MAX_DAYS ),
				array( 'status' => 400 )
			);
		}

		$data    = uptime_data();
		$weights = array();
		foreach ( $data['agents'] as $id => $agent ) {
			$weights[ $id ] = array( 'weight' => $agent['weight'] );
		}
		$options = array(
			'now'              => (int) current_time( 'timestamp' ), // phpcs:ignore WordPress.DateTime.CurrentTimeTimestamp.Requested -- the log's own time base.
			'windows_days'     => array( $days ),
			'agents'           => $weights,
			'timezone'         => wp_timezone_string(),
			'local_timestamps' => true,
		);

		try {
			$result = \JLG\Native\Sla::windows( $data['log'], $options );
		} catch ( \InvalidArgumentException $e ) {
			return Report_Error::invalid_data( $data['source'], $e );
		} catch ( \Throwable $e ) {
			return Report_Error::failure( $e );
		}

		$window = $result['windows'][ $days . 'd' ];
		$agents = array();
		foreach ( $window['agents'] as $id => $metrics ) {
			$id       = (string) $id;
			$agents[] = array_merge(
				array(
					'id'     => $id,
					'label'  => $data['agents'][ $id ]['label'] ?? $id,
					'weight' => $data['agents'][ $id ]['weight'] ?? 1.0,
				),
				$metrics
			);
		}

		return array(
			'source'       => $data['source'],
			'window_days'  => $days,
			'generated_at' => $result['generated_at'],
			'start'        => $window['start'],
			'end'          => $window['end'],
			'timezone'     => $result['timezone'],
			'entries'      => $result['entries'],
			'global'       => $window['global'],
			'agents'       => $agents,
		);
	}
}
