<?php
/**
 * Site Health check "jlg_native_outbox": registers it.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\SiteHealth\Outbox;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Adds the check to the direct Site Health tests.
 *
 * @param array $tests Tests, keyed by type (direct, async).
 * @return array
 */
function add_test( $tests ) {
	if ( ! function_exists( __NAMESPACE__ . '\\get_test_result' ) ) {
		return $tests; // The helper piece is missing.
	}
	$tests['direct'][ TEST_ID ] = array(
		'label' => __( 'JLG Native webhook outbox', 'jlg-native' ),
		'test'  => __NAMESPACE__ . '\\get_test_result',
	);
	return $tests;
}

add_filter( 'site_status_tests', __NAMESPACE__ . '\\add_test' );
