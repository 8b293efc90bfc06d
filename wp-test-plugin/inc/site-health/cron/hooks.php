<?php
/**
 * Site Health check "jlg_native_cron": registers it.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\SiteHealth\Cron;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/../common.php';

/**
 * Adds the check to the direct (synchronous) Site Health tests.
 *
 * @param array $tests Tests, keyed by type (direct, async).
 * @return array
 */
function add_test( $tests ) {
	return \JLG\NativeCompanion\SiteHealth\add_direct_test( $tests, __NAMESPACE__, __( 'JLG Native cron engine', 'jlg-native' ) );
}

add_filter( 'site_status_tests', __NAMESPACE__ . '\\add_test' );
