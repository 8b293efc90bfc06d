<?php
/**
 * `wp jlg-native impact`
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

use JLG\NativeCompanion\Reports\Impact_Report;
use function JLG\NativeCompanion\native_available;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/class-output.php';
require_once JLG_NATIVE_COMPANION_DIR . '/inc/reports/class-impact-report.php';

/**
 * Plugin impact scores, computed by the jlg_native extension.
 */
class Impact_Command extends \WP_CLI_Command {

	/** Columns of the CSV. */
	private const CSV_FIELDS = array( 'plugin', 'score', 'entries', 'last_sample_at', 'last_avg_ms' );

	/**
	 * Shows how much each plugin weighs on page generation, 0 to 100, highest first.
	 *
	 * Reads SitePulse's plugin impact history when there is one, else the demo
	 * data written by `wp jlg-native demo seed`. Recent measurements count more
	 * (a 7-day decay).
	 *
	 * ## OPTIONS
	 *
	 * [--model=<model>]
	 * : continuous rises steadily with the load time; sitepulse gives SitePulse's
	 * own numbers (which jump at the warning threshold).
	 * ---
	 * default: continuous
	 * options:
	 *   - continuous
	 *   - sitepulse
	 * ---
	 *
	 * [--format=<format>]
	 * : Output format. JSON is the full report, as the REST route
	 * /wp-json/jlg-native/v1/impact answers it. The CSV starts with a UTF-8 BOM.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - csv
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp jlg-native impact
	 *     $ wp jlg-native impact --model=sitepulse --format=json
	 *     $ wp jlg-native impact --format=csv > impact.csv
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments (none).
	 * @param array    $assoc_args Associative arguments.
	 */
	public function __invoke( $args, $assoc_args ) {
		$model  = (string) \WP_CLI\Utils\get_flag_value( $assoc_args, 'model', 'continuous' );
		$format = \WP_CLI\Utils\get_flag_value( $assoc_args, 'format', 'table' );

		if ( ! native_available() ) {
			\WP_CLI::error( __( 'The jlg_native PHP extension is not loaded in the PHP running WP-CLI, and the impact report needs it. See `wp jlg-native status`.', 'jlg-native' ) );
		}
		$report = Impact_Report::build( $model );
		if ( is_wp_error( $report ) ) {
			\WP_CLI::error( $report );
		}
		if ( 'none' === $report['source'] ) {
			\WP_CLI::warning( __( 'No impact data: SitePulse has no plugin impact history on this site and there is no demo data (wp jlg-native demo seed).', 'jlg-native' ) );
		}

		if ( 'json' === $format ) {
			Output::print_json( $report );
			return;
		}
		if ( 'csv' === $format ) {
			$rows = array();
			foreach ( $report['plugins'] as $plugin ) {
				$rows[] = array_map( static fn( string $field ) => $plugin[ $field ], self::CSV_FIELDS );
			}
			Output::print_csv( self::CSV_FIELDS, $rows );
			return;
		}

		\WP_CLI::log(
			sprintf(
				/* translators: 1: model, 2: average score, 3: data source */
				__( 'Plugin impact, model %1$s, average %2$s (source: %3$s)', 'jlg-native' ),
				$report['model'],
				number_format( (float) $report['average_score'], 2, '.', '' ),
				$report['source']
			)
		);
		$table = array();
		foreach ( $report['plugins'] as $plugin ) {
			$table[] = array(
				'Plugin'      => $plugin['plugin'],
				'Score'       => number_format( (float) $plugin['score'], 2, '.', '' ),
				'Entries'     => $plugin['entries'],
				'Last sample' => Output::utc( $plugin['last_sample_at'] ),
				'Last avg ms' => null === $plugin['last_avg_ms'] ? '' : number_format( (float) $plugin['last_avg_ms'], 2, '.', '' ),
			);
		}
		\WP_CLI\Utils\format_items( 'table', $table, array( 'Plugin', 'Score', 'Entries', 'Last sample', 'Last avg ms' ) );
	}
}
