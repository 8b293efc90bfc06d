<?php
/**
 * What every Site Health check of the companion shares: how it is added to
 * the direct tests, and the shape of a passing result. Each check lives in its
 * own folder (helper.php computes it, hooks.php adds it) and namespace, which
 * defines TEST_ID and get_test_result().
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\SiteHealth;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Adds the check of `$check_namespace` to the direct (synchronous) tests, when
 * its helper piece is loaded.
 *
 * @param array  $tests           Tests, keyed by type (direct, async).
 * @param string $check_namespace Namespace of the check (defines TEST_ID and get_test_result()).
 * @param string $label           Translated label of the check.
 * @return array
 */
function add_direct_test( $tests, string $check_namespace, string $label ) {
	$callback = $check_namespace . '\\get_test_result';
	if ( ! function_exists( $callback ) || ! defined( $check_namespace . '\\TEST_ID' ) ) {
		return $tests; // The helper piece is missing.
	}
	$tests['direct'][ constant( $check_namespace . '\\TEST_ID' ) ] = array(
		'label' => $label,
		'test'  => $callback,
	);
	return $tests;
}

/**
 * A passing result, which the check then downgrades as it finds problems.
 *
 * @param string $test_id     The check's id.
 * @param string $label       Translated label for the passing case.
 * @param string $badge_label Translated badge ("Performance", "Security").
 * @return array{label: string, status: string, badge: array{label: string, color: string}, description: string, actions: string, test: string}
 */
function base_result( string $test_id, string $label, string $badge_label ): array {
	return array(
		'label'       => $label,
		'status'      => 'good',
		'badge'       => array(
			'label' => $badge_label,
			'color' => 'blue',
		),
		'description' => '',
		'actions'     => '',
		'test'        => $test_id,
	);
}
