<?php
/**
 * Site Health check "jlg_native_storage": registers it, and the daily WP-Cron
 * event that samples the folders' sizes.
 *
 * The event is scheduled when the plugin is activated, and on `init` if it
 * went missing (a plugin updated in place is not re-activated); it is
 * unscheduled when the plugin is deactivated. The samples stay in their
 * option, so a reactivation continues the series.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\SiteHealth\Storage;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/../common.php';

require_once __DIR__ . '/samples.php';

/**
 * Adds the check to the direct (synchronous) Site Health tests.
 *
 * @param array $tests Tests, keyed by type (direct, async).
 * @return array
 */
function add_test( $tests ) {
	return \JLG\NativeCompanion\SiteHealth\add_direct_test( $tests, __NAMESPACE__, __( 'JLG Native storage projection', 'jlg-native' ) );
}

/**
 * The WP-Cron callback: one sample per watched folder.
 */
function run_sampling(): void {
	if ( function_exists( __NAMESPACE__ . '\\record_samples' ) ) {
		record_samples();
	}
}

/**
 * Schedules the daily sampling unless it is scheduled already.
 *
 * The first run is due at once, so that a fresh install has a size to show
 * after the next cron run.
 */
function schedule_sampling(): void {
	if ( false === wp_next_scheduled( CRON_HOOK ) ) {
		wp_schedule_event( time(), 'daily', CRON_HOOK );
	}
}

/**
 * Removes every scheduled sampling event.
 */
function unschedule_sampling(): void {
	wp_clear_scheduled_hook( CRON_HOOK );
}

add_filter( 'site_status_tests', __NAMESPACE__ . '\\add_test' );
add_action( CRON_HOOK, __NAMESPACE__ . '\\run_sampling' );
add_action( 'init', __NAMESPACE__ . '\\schedule_sampling' );
register_activation_hook( JLG_NATIVE_COMPANION_FILE, __NAMESPACE__ . '\\schedule_sampling' );
register_deactivation_hook( JLG_NATIVE_COMPANION_FILE, __NAMESPACE__ . '\\unschedule_sampling' );
