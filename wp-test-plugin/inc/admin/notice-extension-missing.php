<?php
/**
 * Admin notice shown when the jlg_native extension is not loaded.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Admin;

use function JLG\NativeCompanion\native_available;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Screens on which the notice appears. */
const NOTICE_SCREENS = array( 'dashboard', 'plugins', 'site-health' );

/**
 * Prints the notice for administrators on a few relevant screens.
 */
function print_extension_missing_notice(): void {
	if ( native_available() || ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
	if ( $screen && ! in_array( $screen->id, NOTICE_SCREENS, true ) ) {
		return;
	}

	printf(
		'<div class="notice notice-warning" id="jlg-native-extension-missing"><p>%s</p></div>',
		wp_kses(
			sprintf(
				/* translators: 1: PHP extension name, 2: URL of the Site Health screen */
				__( 'JLG Native Companion is running without the <code>%1$s</code> PHP extension: native features are off. <a href="%2$s">Site Health</a> explains how to install it.', 'jlg-native' ),
				'jlg_native',
				esc_url( admin_url( 'site-health.php' ) )
			),
			array(
				'code' => array(),
				'a'    => array( 'href' => array() ),
			)
		)
	);
}

add_action( 'admin_notices', __NAMESPACE__ . '\\print_extension_missing_notice' );
