<?php
/**
 * The WP-Cron event that delivers the outbox every minute.
 *
 * - The `jlg_native_every_minute` schedule is added to `cron_schedules` unless
 *   another plugin registered it already.
 * - The event is scheduled on activation, and on `init` when it went missing
 *   (a plugin updated in place is not re-activated), but only in a PHP that has
 *   the extension: a site without it gets no event that wakes WP-Cron every
 *   minute for nothing.
 * - A run in a PHP without the extension removes the event (the web servers
 *   lost it); the next `init` with the extension schedules it again.
 * - Deactivation removes the event. Queued messages stay in the store.
 *
 * Sites with DISABLE_WP_CRON need a system cron that calls wp-cron.php (or
 * `wp cron event run --due-now`) every minute; the Site Health check
 * `jlg_native_outbox` turns red when messages wait too long.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Outbox;

use function JLG\NativeCompanion\native_available;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/outbox.php';

/** Action run by WP-Cron. */
const CRON_HOOK = 'jlg_native_outbox_flush';

/** Name of the every-minute schedule. */
const SCHEDULE = 'jlg_native_every_minute';

/**
 * Adds the every-minute schedule (unless one of that name exists).
 *
 * @param array $schedules Schedules, name => {interval, display}.
 * @return array
 */
function add_schedule( $schedules ) {
	if ( ! is_array( $schedules ) ) {
		$schedules = array();
	}
	if ( ! isset( $schedules[ SCHEDULE ] ) ) {
		$schedules[ SCHEDULE ] = array(
			'interval' => MINUTE_IN_SECONDS,
			'display'  => __( 'Every minute (JLG Native outbox)', 'jlg-native' ),
		);
	}
	return $schedules;
}

/**
 * Schedules the flush every minute, unless it is scheduled or the extension is absent.
 */
function schedule_flush(): void {
	if ( ! native_available() || false !== wp_next_scheduled( CRON_HOOK ) ) {
		return;
	}
	wp_schedule_event( time(), SCHEDULE, CRON_HOOK );
}

/**
 * Removes every scheduled flush.
 */
function unschedule_flush(): void {
	wp_clear_scheduled_hook( CRON_HOOK );
}

/**
 * The WP-Cron callback: sends due messages within the bounds of flush_bounds().
 *
 * Failures are logged (error_log) and never thrown: a cron run must not die.
 *
 * @param float|null $now Unix time (tests); default now.
 * @return array{sent: int, retried: int, dead: int, remaining: int}|null The report, or null when nothing ran.
 */
function run_flush( ?float $now = null ): ?array {
	if ( ! native_available() ) {
		unschedule_flush();
		return null;
	}
	$outbox = open_outbox();
	if ( is_wp_error( $outbox ) ) {
		error_log( 'JLG Native outbox: ' . $outbox->get_error_message() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		return null;
	}
	$bounds = flush_bounds();
	try {
		return $outbox->flush( $bounds['max_messages'], $bounds['max_seconds'], $now );
	} catch ( \Exception $e ) {
		error_log( 'JLG Native outbox: flush failed: ' . $e->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		return null;
	}
}

/** WP-Cron passes no argument; run_flush() takes an optional time. */
function cron_callback(): void {
	run_flush();
}

add_filter( 'cron_schedules', __NAMESPACE__ . '\\add_schedule' ); // phpcs:ignore WordPress.WP.CronInterval -- a queue of alerts, delivered within a minute.
add_action( CRON_HOOK, __NAMESPACE__ . '\\cron_callback' );
add_action( 'init', __NAMESPACE__ . '\\schedule_flush' );
register_activation_hook( JLG_NATIVE_COMPANION_FILE, __NAMESPACE__ . '\\schedule_flush' );
register_deactivation_hook( JLG_NATIVE_COMPANION_FILE, __NAMESPACE__ . '\\unschedule_flush' );
