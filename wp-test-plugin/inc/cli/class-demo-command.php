<?php
/**
 * `wp jlg-native demo seed|clear`
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

use JLG\NativeCompanion\Demo\Demo_Data;
use JLG\NativeCompanion\SitePulse;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once JLG_NATIVE_COMPANION_DIR . '/inc/sitepulse/sources.php';

/**
 * Demo data for the impact and SLA reports, kept in the companion's own
 * options. SitePulse's options are never written; when SitePulse has data,
 * the reports use it instead of the demo data.
 */
class Demo_Command extends \WP_CLI_Command {

	/**
	 * Writes 30 days of demo monitoring: an uptime log of two agents with
	 * incidents and a maintenance window, and a plugin impact history.
	 *
	 * Works without the extension (the reports need it, the data does not).
	 *
	 * ## OPTIONS
	 *
	 * [--force]
	 * : Replace demo data that is already there.
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp jlg-native demo seed
	 *     $ wp jlg-native demo seed --force
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments (none).
	 * @param array    $assoc_args Associative arguments.
	 */
	public function seed( $args, $assoc_args ) {
		$force = (bool) \WP_CLI\Utils\get_flag_value( $assoc_args, 'force', false );
		$plan  = Demo_Data::seed( $force );
		if ( is_wp_error( $plan ) ) {
			\WP_CLI::error( $plan );
		}
		if ( SitePulse\SOURCE_SITEPULSE === SitePulse\uptime_data()['source'] ) {
			\WP_CLI::warning( __( 'SitePulse has an uptime log on this site: the SLA report uses it, not the demo data.', 'jlg-native' ) );
		}
		if ( SitePulse\SOURCE_SITEPULSE === SitePulse\impact_data()['source'] ) {
			\WP_CLI::warning( __( 'SitePulse has a plugin impact history on this site: the impact report uses it, not the demo data.', 'jlg-native' ) );
		}
		\WP_CLI::success(
			sprintf(
				/* translators: 1: number of checks, 2: number of agents, 3: days, 4: number of incidents, 5: number of plugins, 6: entries per plugin */
				__( 'Demo data written: %1$d uptime checks from %2$d agents over %3$d days with %4$d incidents and a maintenance window; impact history of %5$d plugins (%6$d entries each).', 'jlg-native' ),
				$plan['entries'],
				count( $plan['agents'] ),
				$plan['days'],
				count( $plan['incidents'] ),
				count( $plan['plugins'] ),
				$plan['impact_entries']
			)
		);
	}

	/**
	 * Removes the demo data (SitePulse's own data is left alone).
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp jlg-native demo clear
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments (none).
	 * @param array    $assoc_args Associative arguments.
	 */
	public function clear( $args, $assoc_args ) {
		if ( ! Demo_Data::exists() ) {
			\WP_CLI::warning( __( 'There is no demo data.', 'jlg-native' ) );
			return;
		}
		Demo_Data::delete();
		\WP_CLI::success( __( 'Demo data removed.', 'jlg-native' ) );
	}
}
