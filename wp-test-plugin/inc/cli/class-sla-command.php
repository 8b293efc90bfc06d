<?php
/**
 * `wp jlg-native sla report`
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

use JLG\NativeCompanion\Reports\Sla_Report;
use function JLG\NativeCompanion\native_available;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/class-output.php';
require_once JLG_NATIVE_COMPANION_DIR . '/inc/reports/class-sla-report.php';

/**
 * Uptime SLA reports, computed by the jlg_native extension.
 */
class Sla_Command extends \WP_CLI_Command {

	/** Columns of the table and the CSV. */
	private const CSV_FIELDS = array( 'agent', 'label', 'availability_adjusted', 'availability_raw', 'downtime_seconds', 'maintenance_seconds', 'incidents', 'mttr_mean_seconds' );

	/**
	 * Shows the availability of the last N days, per agent and for the site.
	 *
	 * Reads SitePulse's uptime log (option sitepulse_uptime_log) when there is
	 * one, else the demo data written by `wp jlg-native demo seed`. Availability
	 * is time-based; planned maintenance is left out of it ("adjusted") or
	 * counted as not up ("raw").
	 *
	 * ## OPTIONS
	 *
	 * [--window=<days>]
	 * : Window length in days, 1 to 365.
	 * ---
	 * default: 30
	 * ---
	 *
	 * [--format=<format>]
	 * : Output format. The table and the CSV have one row per agent and a last
	 * row for the whole site; JSON is the full report, as the REST route
	 * /wp-json/jlg-native/v1/sla answers it. The CSV starts with a UTF-8 BOM.
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
	 *     $ wp jlg-native sla report
	 *     $ wp jlg-native sla report --window=7 --format=json
	 *     $ wp jlg-native sla report --format=csv > sla.csv
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments (none).
	 * @param array    $assoc_args Associative arguments.
	 */
	public function report( $args, $assoc_args ) {
		$window = (string) \WP_CLI\Utils\get_flag_value( $assoc_args, 'window', '30' );
		$format = \WP_CLI\Utils\get_flag_value( $assoc_args, 'format', 'table' );

		if ( ! preg_match( '/^[0-9]{1,3}$/', $window ) || (int) $window < 1 || (int) $window > Sla_Report::MAX_DAYS ) {
			/* translators: 1: the value given, 2: longest window in days */
			\WP_CLI::error( sprintf( __( '--window=%1$s: the window must be a whole number of days between 1 and %2$d.', 'jlg-native' ), $window, Sla_Report::MAX_DAYS ) );
		}
		if ( ! native_available() ) {
			\WP_CLI::error( __( 'The jlg_native PHP extension is not loaded in the PHP running WP-CLI, and the SLA report needs it. See `wp jlg-native status`.', 'jlg-native' ) );
		}

		$report = Sla_Report::build( (int) $window );
		if ( is_wp_error( $report ) ) {
			\WP_CLI::error( $report );
		}
		if ( 'none' === $report['source'] ) {
			\WP_CLI::warning( __( 'No uptime data: SitePulse has no uptime log on this site and there is no demo data (wp jlg-native demo seed).', 'jlg-native' ) );
		}

		if ( 'json' === $format ) {
			Output::print_json( $report );
			return;
		}

		$rows = array();
		foreach ( $report['agents'] as $agent ) {
			$rows[] = array(
				'agent'                 => $agent['id'],
				'label'                 => $agent['label'],
				'availability_adjusted' => $agent['availability_adjusted'],
				'availability_raw'      => $agent['availability_raw'],
				'downtime_seconds'      => $agent['downtime_seconds'],
				'maintenance_seconds'   => $agent['maintenance_seconds'],
				'incidents'             => count( $agent['incidents'] ),
				'mttr_mean_seconds'     => $agent['mttr']['mean'],
			);
		}
		$global = $report['global'];
		$rows[] = array(
			'agent'                 => 'all',
			'label'                 => __( 'All agents (weighted)', 'jlg-native' ),
			'availability_adjusted' => $global['availability_adjusted'],
			'availability_raw'      => $global['availability_raw'],
			'downtime_seconds'      => $global['downtime_seconds'],
			'maintenance_seconds'   => $global['maintenance_seconds'],
			'incidents'             => $global['incident_count'],
			'mttr_mean_seconds'     => $global['mttr']['mean'],
		);

		if ( 'csv' === $format ) {
			Output::print_csv( self::CSV_FIELDS, $rows );
			return;
		}

		\WP_CLI::log(
			sprintf(
				/* translators: 1: number of days, 2: start, 3: end, 4: data source */
				__( 'SLA over %1$d days, %2$s to %3$s (source: %4$s)', 'jlg-native' ),
				$report['window_days'],
				Output::utc( $report['start'] ),
				Output::utc( $report['end'] ),
				$report['source']
			)
		);
		$table = array();
		foreach ( $rows as $row ) {
			$table[] = array(
				'Agent'        => $row['agent'],
				'Label'        => $row['label'],
				'Availability' => Output::percent( $row['availability_adjusted'] ),
				'Raw'          => Output::percent( $row['availability_raw'] ),
				'Downtime'     => Output::duration( $row['downtime_seconds'] ),
				'Maintenance'  => Output::duration( $row['maintenance_seconds'] ),
				'Incidents'    => $row['incidents'],
				'MTTR'         => Output::duration( $row['mttr_mean_seconds'] ),
			);
		}
		\WP_CLI\Utils\format_items( 'table', $table, array( 'Agent', 'Label', 'Availability', 'Raw', 'Downtime', 'Maintenance', 'Incidents', 'MTTR' ) );
	}
}
