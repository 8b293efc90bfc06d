<?php
/**
 * GET /wp-json/jlg-native/v1/sla?window=7|30
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Rest\Routes;

use JLG\NativeCompanion\Reports\Sla_Report;
use JLG\NativeCompanion\Rest\Route;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once JLG_NATIVE_COMPANION_DIR . '/inc/reports/class-sla-report.php';

/**
 * The SLA of the last 7 or 30 days (default 30), per agent and for the site,
 * from SitePulse's uptime log or the demo data (`source` says which).
 * Administrators only; 503 without the extension.
 */
final class Sla_Route extends Route {

	public function path(): string {
		return '/sla';
	}

	public function args(): array {
		return array(
			'window' => array(
				'description' => __( 'Window length in days.', 'jlg-native' ),
				'type'        => 'integer',
				'enum'        => Sla_Report::WINDOWS,
				'default'     => 30,
			),
		);
	}

	public function handle( \WP_REST_Request $request ) {
		$report = Sla_Report::build( (int) $request->get_param( 'window' ) );
		return is_wp_error( $report ) ? $report : new \WP_REST_Response( $report, 200 );
	}

	public function schema(): ?array {
		$number   = array( 'type' => array( 'number', 'null' ) );
		$mttr     = array(
			'type'       => 'object',
			'properties' => array(
				'count'  => array( 'type' => 'integer' ),
				'mean'   => $number,
				'median' => $number,
				'p90'    => $number,
			),
		);
		$incident = array(
			'type'       => 'object',
			'properties' => array(
				'start'    => array( 'type' => 'integer' ),
				'end'      => array( 'type' => 'integer' ),
				'duration' => array( 'type' => 'integer' ),
				'open'     => array( 'type' => 'boolean' ),
			),
		);
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'jlg-native-sla',
			'type'       => 'object',
			'properties' => array(
				'source'       => array(
					'type'        => 'string',
					'enum'        => array( 'sitepulse', 'demo', 'none' ),
					'description' => __( 'Where the uptime log came from: SitePulse, the companion\'s demo data, or nothing yet.', 'jlg-native' ),
				),
				'window_days'  => array( 'type' => 'integer' ),
				'generated_at' => array(
					'type'        => 'integer',
					'description' => __( 'End of the window, Unix seconds (UTC).', 'jlg-native' ),
				),
				'start'        => array( 'type' => 'integer' ),
				'end'          => array( 'type' => 'integer' ),
				'timezone'     => array( 'type' => 'string' ),
				'entries'      => array( 'type' => 'integer' ),
				'global'       => array(
					'type'       => 'object',
					'properties' => array(
						'availability_raw'      => $number,
						'availability_adjusted' => array_merge( $number, array( 'description' => __( 'Percent of monitored time up, planned maintenance excluded; null when nothing was monitored.', 'jlg-native' ) ) ),
						'downtime_seconds'      => array( 'type' => 'number' ),
						'maintenance_seconds'   => array( 'type' => 'number' ),
						'incident_count'        => array( 'type' => 'integer' ),
						'mttr'                  => $mttr,
					),
				),
				'agents'       => array(
					'type'  => 'array',
					'items' => array(
						'type'       => 'object',
						'properties' => array(
							'id'                    => array( 'type' => 'string' ),
							'label'                 => array( 'type' => 'string' ),
							'weight'                => array( 'type' => 'number' ),
							'availability_raw'      => $number,
							'availability_adjusted' => $number,
							'up_seconds'            => array( 'type' => 'number' ),
							'downtime_seconds'      => array( 'type' => 'number' ),
							'maintenance_seconds'   => array( 'type' => 'number' ),
							'unknown_seconds'       => array( 'type' => 'number' ),
							'monitored_seconds'     => array( 'type' => 'number' ),
							'checks'                => array( 'type' => 'object' ),
							'incidents'             => array(
								'type'  => 'array',
								'items' => $incident,
							),
							'mttr'                  => $mttr,
						),
					),
				),
			),
		);
	}
}
