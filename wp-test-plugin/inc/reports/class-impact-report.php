<?php
/**
 * The plugin impact report: which plugins weigh on page generation.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Reports;

use function JLG\NativeCompanion\native_available;
use function JLG\NativeCompanion\SitePulse\impact_data;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/class-report-error.php';
require_once JLG_NATIVE_COMPANION_DIR . '/inc/sitepulse/sources.php';

/**
 * Scores SitePulse's plugin impact history (or the demo history) with
 * `JLG\Native\Impact::pluginScores`, ages measured against `time()`.
 *
 * Models: `continuous` (the extension's default: no jump at the warning
 * threshold, a malformed entry is an error naming it) or `sitepulse` (the
 * plugin's own numbers, malformed entries skipped).
 */
final class Impact_Report {

	public const MODELS = array( 'continuous', 'sitepulse' );

	/**
	 * The report.
	 *
	 * @param string $model One of MODELS.
	 * @return array|\WP_Error `{source, model, updated_at, decay_window, average_score,
	 *         thresholds, plugins: [{plugin, score, entries, last_sample_at, last_avg_ms}]}`,
	 *         plugins by score, highest first.
	 */
	public static function build( string $model = 'continuous' ) {
		if ( ! native_available() || ! class_exists( '\JLG\Native\Impact' ) ) {
			return Report_Error::unavailable();
		}
		if ( ! in_array( $model, self::MODELS, true ) ) {
			return new \WP_Error(
				'jlg_native_invalid_model',
				/* translators: %s: list of models */
				sprintf( __( 'The model must be one of: %s.', 'jlg-native' ), implode( ', ', self::MODELS ) ),
				array( 'status' => 400 )
			);
		}

		$data = impact_data();
		try {
			$result = \JLG\Native\Impact::pluginScores( $data['history'], time(), array( 'model' => $model ) );
		} catch ( \InvalidArgumentException $e ) {
			return Report_Error::invalid_data( $data['source'], $e );
		} catch ( \Throwable $e ) {
			return Report_Error::failure( $e );
		}

		$plugins = array();
		foreach ( $result['plugins'] as $file => $plugin ) {
			$plugins[] = array(
				'plugin'         => (string) $file,
				'score'          => $plugin['score'],
				'entries'        => $plugin['entries'],
				'last_sample_at' => $plugin['last_sample_at'],
				'last_avg_ms'    => $plugin['last_avg_ms'],
			);
		}
		usort(
			$plugins,
			static fn( array $a, array $b ): int => array( $b['score'], $a['plugin'] ) <=> array( $a['score'], $b['plugin'] )
		);

		return array(
			'source'        => $data['source'],
			'model'         => $result['model'],
			'updated_at'    => $result['updated_at'],
			'decay_window'  => $result['decay_window'],
			'average_score' => $result['average_score'],
			'thresholds'    => $result['thresholds'],
			'plugins'       => $plugins,
		);
	}
}
