<?php
/**
 * GET /wp-json/jlg-native/v1/impact
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Rest\Routes;

use JLG\NativeCompanion\Reports\Impact_Report;
use JLG\NativeCompanion\Rest\Route;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once JLG_NATIVE_COMPANION_DIR . '/inc/reports/class-impact-report.php';

/**
 * Plugin impact scores from SitePulse's impact history or the demo data
 * (`source` says which), highest first. Administrators only; 503 without the
 * extension.
 */
final class Impact_Route extends Route {

	public function path(): string {
		return '/impact';
	}

	public function args(): array {
		return array(
			'model' => array(
				'description' => __( 'continuous (no jump at the warning threshold) or sitepulse (SitePulse\'s own numbers).', 'jlg-native' ),
				'type'        => 'string',
				'enum'        => Impact_Report::MODELS,
				'default'     => 'continuous',
			),
		);
	}

	public function handle( \WP_REST_Request $request ) {
		$report = Impact_Report::build( (string) $request->get_param( 'model' ) );
		return is_wp_error( $report ) ? $report : new \WP_REST_Response( $report, 200 );
	}

	public function schema(): ?array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'jlg-native-impact',
			'type'       => 'object',
			'properties' => array(
				'source'        => array(
					'type' => 'string',
					'enum' => array( 'sitepulse', 'demo', 'none' ),
				),
				'model'         => array(
					'type' => 'string',
					'enum' => Impact_Report::MODELS,
				),
				'updated_at'    => array( 'type' => 'integer' ),
				'decay_window'  => array( 'type' => 'integer' ),
				'average_score' => array( 'type' => 'number' ),
				'thresholds'    => array( 'type' => 'object' ),
				'plugins'       => array(
					'type'  => 'array',
					'items' => array(
						'type'       => 'object',
						'properties' => array(
							'plugin'         => array( 'type' => 'string' ),
							'score'          => array(
								'type'        => 'number',
								'description' => __( '0 (no impact) to 100.', 'jlg-native' ),
							),
							'entries'        => array( 'type' => 'integer' ),
							'last_sample_at' => array( 'type' => 'integer' ),
							'last_avg_ms'    => array( 'type' => array( 'number', 'null' ) ),
						),
					),
				),
			),
		);
	}
}
