<?php
/**
 * Site Health check "jlg_native_extension": computes the result.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\SiteHealth\Extension;

use function JLG\NativeCompanion\build_info_labels;
use function JLG\NativeCompanion\extension_status;
use function JLG\NativeCompanion\install_steps;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/../common.php';

/** Identifier of the check, in `site_status_tests` and in its result. */
const TEST_ID = 'jlg_native_extension';

/**
 * Runs the check.
 *
 * - good:        the extension is loaded (release build), with its build information;
 * - recommended: the extension is absent (install steps), is a debug build,
 *                or could not report its build.
 *
 * @return array{label: string, status: string, badge: array, description: string, actions: string, test: string}
 */
function get_test_result(): array {
	$status = extension_status();

	$result = \JLG\NativeCompanion\SiteHealth\base_result( TEST_ID, __( 'The JLG Native extension is loaded', 'jlg-native' ), __( 'Performance', 'jlg-native' ) );

	if ( ! $status['loaded'] ) {
		$result['label']       = __( 'The JLG Native extension is not installed', 'jlg-native' );
		$result['status']      = 'recommended';
		$result['badge']['color'] = 'orange';
		$result['description'] = sprintf(
			'<p>%s</p>',
			esc_html__( 'JLG Native is a PHP extension that does cron previews, encryption, backup manifests and scoring natively. Without it the JLG plugins use their slower PHP code paths.', 'jlg-native' )
		);
		$result['actions']     = render_install_steps();
		return $result;
	}

	$result['description'] = sprintf( '<p>%s</p>', esc_html( $status['message'] ) ) . render_build_info( $status );

	if ( null !== $status['error'] ) {
		$result['label']          = __( 'The JLG Native extension is loaded but reports an error', 'jlg-native' );
		$result['status']         = 'recommended';
		$result['badge']['color'] = 'orange';
	} elseif ( 'release' !== $status['profile'] ) {
		$result['label']          = __( 'The JLG Native extension is a debug build', 'jlg-native' );
		$result['status']         = 'recommended';
		$result['badge']['color'] = 'orange';
		$result['actions']        = sprintf(
			'<p>%s</p>',
			esc_html__( 'Install a release build ("make build") for production sites: debug builds are much slower.', 'jlg-native' )
		);
	}

	return $result;
}

/**
 * Build information as a definition list.
 *
 * @param array $status From extension_status().
 */
function render_build_info( array $status ): string {
	$labels = build_info_labels();

	$rows = '';
	foreach ( $labels as $key => $label ) {
		$value = $status[ $key ] ?? null;
		if ( is_array( $value ) ) {
			$value = array() === $value ? __( 'none', 'jlg-native' ) : implode( ', ', $value );
		}
		$rows .= sprintf(
			'<dt>%s</dt><dd><code>%s</code></dd>',
			esc_html( $label ),
			esc_html( null === $value ? '-' : (string) $value )
		);
	}

	return '<dl class="jlg-native-build-info">' . $rows . '</dl>';
}

/**
 * Install instructions as an ordered list.
 */
function render_install_steps(): string {
	$items = '';
	foreach ( install_steps() as $step ) {
		$items .= '<li>' . esc_html( $step['text'] );
		if ( null !== $step['code'] ) {
			$items .= '<br><code>' . esc_html( $step['code'] ) . '</code>';
		}
		$items .= '</li>';
	}
	return sprintf(
		'<p>%s</p><ol>%s</ol>',
		esc_html__( 'To install the extension:', 'jlg-native' ),
		$items
	);
}
