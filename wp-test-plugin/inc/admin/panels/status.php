<?php
/**
 * Status panel: is the extension loaded, how was it built, and what do the
 * plugin's Site Health checks say.
 *
 * Rendered entirely in PHP, so it reads the same with scripts off.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Admin\Panels\Status;

use function JLG\NativeCompanion\build_info_labels;
use function JLG\NativeCompanion\extension_status;
use function JLG\NativeCompanion\install_steps;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Site Health checks whose id starts with this belong to the plugin. */
const CHECK_PREFIX = 'jlg_native';

/**
 * Adds the panel.
 *
 * @param array $panels Panels so far.
 * @return array
 */
function add_panel( $panels ) {
	$panels['status'] = array(
		'title'    => __( 'Status', 'jlg-native' ),
		'render'   => __NAMESPACE__ . '\\render',
		'priority' => 10,
	);
	return $panels;
}
add_filter( 'jlg_native_admin_panels', __NAMESPACE__ . '\\add_panel' );

/** Prints the panel. */
function render(): void {
	$status = extension_status();

	if ( ! $status['loaded'] ) {
		$state = 'absent';
		$icon  = 'dashicons-warning';
	} elseif ( null !== $status['error'] ) {
		$state = 'error';
		$icon  = 'dashicons-warning';
	} else {
		$state = 'loaded';
		$icon  = 'dashicons-yes-alt';
	}
	printf(
		'<p class="jlg-native-status jlg-native-status--%1$s" id="jlg-native-extension-state" data-state="%1$s"><span class="dashicons %2$s" aria-hidden="true"></span> %3$s</p>',
		esc_attr( $state ),
		esc_attr( $icon ),
		esc_html( $status['message'] )
	);

	if ( ! $status['loaded'] ) {
		render_install_steps();
	} else {
		render_build_info( $status );
	}
	render_checks();
}

/** Install instructions, when the extension is absent. */
function render_install_steps(): void {
	printf( '<h3>%s</h3>', esc_html__( 'Install the extension', 'jlg-native' ) );
	echo '<ol class="jlg-native-install-steps">';
	foreach ( install_steps() as $step ) {
		echo '<li>' . esc_html( $step['text'] );
		if ( null !== $step['code'] ) {
			echo '<br><code>' . esc_html( $step['code'] ) . '</code>';
		}
		echo '</li>';
	}
	echo '</ol>';
}

/**
 * Version and build information.
 *
 * @param array $status From extension_status().
 */
function render_build_info( array $status ): void {
	$labels = build_info_labels();

	printf( '<h3>%s</h3>', esc_html__( 'Build', 'jlg-native' ) );
	echo '<table class="widefat striped jlg-native-build-info"><tbody>';
	foreach ( $labels as $key => $label ) {
		$value = $status[ $key ] ?? null;
		if ( is_array( $value ) ) {
			$value = array() === $value ? __( 'none', 'jlg-native' ) : implode( ', ', array_map( 'strval', $value ) );
		}
		printf(
			'<tr data-key="%1$s"><th scope="row">%2$s</th><td><code>%3$s</code></td></tr>',
			esc_attr( $key ),
			esc_html( $label ),
			esc_html( null === $value ? '-' : (string) $value )
		);
	}
	echo '</tbody></table>';
}

/**
 * Results of the plugin's Site Health checks (those whose id starts with
 * CHECK_PREFIX), run now. Async checks are run through their
 * `async_direct_test` callback when they have one.
 *
 * @return array<int, array{id: string, label: string, result: ?array, error: ?string}>
 */
function check_results(): array {
	if ( ! class_exists( 'WP_Site_Health' ) ) {
		require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
	}
	$tests   = \WP_Site_Health::get_tests();
	$results = array();
	foreach ( array( 'direct', 'async' ) as $type ) {
		foreach ( (array) ( $tests[ $type ] ?? array() ) as $id => $test ) {
			if ( ! is_string( $id ) || 0 !== strpos( $id, CHECK_PREFIX ) ) {
				continue;
			}
			$callback = 'direct' === $type ? ( $test['test'] ?? null ) : ( $test['async_direct_test'] ?? null );
			$entry    = array(
				'id'     => $id,
				'label'  => (string) ( $test['label'] ?? $id ),
				'result' => null,
				'error'  => null,
			);
			if ( ! is_callable( $callback ) ) {
				$entry['error'] = __( 'This check runs on the Site Health screen only.', 'jlg-native' );
			} else {
				try {
					$result = call_user_func( $callback );
					if ( is_array( $result ) && isset( $result['status'], $result['label'] ) ) {
						$entry['result'] = $result;
					} else {
						$entry['error'] = __( 'The check returned no result.', 'jlg-native' );
					}
				} catch ( \Throwable $e ) {
					$entry['error'] = $e->getMessage();
				}
			}
			$results[] = $entry;
		}
	}
	return $results;
}

/** The Site Health results as a table. */
function render_checks(): void {
	$status_labels = array(
		'good'        => __( 'Good', 'jlg-native' ),
		'recommended' => __( 'Recommended', 'jlg-native' ),
		'critical'    => __( 'Critical', 'jlg-native' ),
	);

	printf( '<h3>%s</h3>', esc_html__( 'Site Health', 'jlg-native' ) );
	$results = check_results();
	if ( array() === $results ) {
		printf( '<p>%s</p>', esc_html__( 'No Site Health checks are registered by the plugin.', 'jlg-native' ) );
		return;
	}

	printf(
		'<table class="widefat jlg-native-checks"><thead><tr><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th></tr></thead><tbody>',
		esc_html__( 'Check', 'jlg-native' ),
		esc_html__( 'Result', 'jlg-native' ),
		esc_html__( 'Details', 'jlg-native' )
	);
	foreach ( $results as $entry ) {
		$result = $entry['result'];
		$state  = null === $result ? 'unknown' : (string) $result['status'];
		printf(
			'<tr data-check="%1$s" data-status="%2$s"><th scope="row">%3$s</th><td><span class="jlg-native-badge jlg-native-badge--%2$s">%4$s</span></td><td>',
			esc_attr( $entry['id'] ),
			esc_attr( $state ),
			esc_html( $entry['label'] ),
			esc_html( $status_labels[ $state ] ?? __( 'Unknown', 'jlg-native' ) )
		);
		if ( null === $result ) {
			echo esc_html( (string) $entry['error'] );
		} else {
			printf(
				'<details><summary>%s</summary>%s%s</details>',
				esc_html( (string) $result['label'] ),
				wp_kses_post( (string) ( $result['description'] ?? '' ) ),
				wp_kses_post( (string) ( $result['actions'] ?? '' ) )
			);
		}
		echo '</td></tr>';
	}
	echo '</tbody></table>';
	printf(
		'<p><a href="%s">%s</a></p>',
		esc_url( admin_url( 'site-health.php' ) ),
		esc_html__( 'Open Site Health', 'jlg-native' )
	);
}
