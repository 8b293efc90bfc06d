<?php
/**
 * Plugin Name:       JLG Native Companion
 * Description:       Shows whether the JLG Native PHP extension is available and exercises it the way the JLG plugins use it: Site Health, REST, WP-CLI and a Tools page. Works, with reduced features, when the extension is absent.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * Author:            JLG
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       jlg-native
 * Domain Path:       /languages
 *
 * @package JLG\NativeCompanion
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'JLG_NATIVE_COMPANION_VERSION', '0.1.0' );
define( 'JLG_NATIVE_COMPANION_FILE', __FILE__ );
define( 'JLG_NATIVE_COMPANION_DIR', __DIR__ );
define( 'JLG_NATIVE_COMPANION_MIN_PHP', '8.1' );

/*
 * Bootstrap ladder. Each rung only runs when the previous one succeeded, and
 * nothing below may call into the extension without asking the environment
 * helper first, so the plugin activates and runs whether or not the
 * jlg_native extension is loaded.
 *
 * Rung 1: a PHP version this code can even be parsed by.
 */
if ( version_compare( PHP_VERSION, JLG_NATIVE_COMPANION_MIN_PHP, '<' ) ) {
	add_action(
		'admin_notices',
		static function () {
			if ( ! current_user_can( 'activate_plugins' ) ) {
				return;
			}
			printf(
				'<div class="notice notice-error"><p>%s</p></div>',
				esc_html(
					sprintf(
						/* translators: 1: required PHP version, 2: running PHP version */
						__( 'JLG Native Companion needs PHP %1$s or newer; this site runs PHP %2$s. The plugin is inactive.', 'jlg-native' ),
						JLG_NATIVE_COMPANION_MIN_PHP,
						PHP_VERSION
					)
				)
			);
		}
	);
	return;
}

// Rung 2: the environment helper answers "is the extension here, and what is it?".
require_once __DIR__ . '/inc/environment.php';
require_once __DIR__ . '/inc/loader.php';

// Rung 3: without the extension, say so in the admin; everything else still loads.
if ( ! \JLG\NativeCompanion\native_available() ) {
	\JLG\NativeCompanion\load_piece( 'admin/notice-extension-missing.php' );
}

// Rung 4: the pieces. Each one is optional and must cope with the extension being absent.
\JLG\NativeCompanion\load_piece( 'site-health/extension/helper.php' );
\JLG\NativeCompanion\load_piece( 'site-health/extension/hooks.php' );
\JLG\NativeCompanion\load_piece( 'site-health/storage/helper.php' );
\JLG\NativeCompanion\load_piece( 'site-health/storage/hooks.php' );
\JLG\NativeCompanion\load_piece( 'cron/preview.php' );
\JLG\NativeCompanion\load_piece( 'site-health/cron/helper.php' );
\JLG\NativeCompanion\load_piece( 'site-health/cron/hooks.php' );
\JLG\NativeCompanion\load_piece( 'site-health/vault/helper.php' );
\JLG\NativeCompanion\load_piece( 'site-health/vault/hooks.php' );
\JLG\NativeCompanion\load_piece( 'sitepulse/sources.php' );
\JLG\NativeCompanion\load_piece( 'rest/hooks.php' );
\JLG\NativeCompanion\load_piece( 'connector/state.php' );
\JLG\NativeCompanion\load_piece( 'site-health/connector/helper.php' );
\JLG\NativeCompanion\load_piece( 'site-health/connector/hooks.php' );
\JLG\NativeCompanion\load_piece( 'outbox/cron.php' );
\JLG\NativeCompanion\load_piece( 'site-health/outbox/helper.php' );
\JLG\NativeCompanion\load_piece( 'site-health/outbox/hooks.php' );

if ( is_admin() ) {
	\JLG\NativeCompanion\load_piece( 'admin/page.php' );
}

if ( defined( 'WP_CLI' ) && WP_CLI ) {
	\JLG\NativeCompanion\load_piece( 'cli/hooks.php' );
}

add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'jlg-native', false, dirname( plugin_basename( JLG_NATIVE_COMPANION_FILE ) ) . '/languages' );
	}
);
