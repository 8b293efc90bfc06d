<?php
/**
 * PHPUnit bootstrap: loads the live WordPress started by up.sh.
 *
 * WordPress is loaded at file scope (it relies on globals), so every variable
 * of this file is prefixed: a common name such as $plugin would be clobbered.
 *
 * The WP-CLI stand-in is loaded and the WP_CLI constant defined BEFORE
 * WordPress, so that the plugin registers its commands in this process, as
 * it would under WP-CLI. Nothing else in WordPress core looks at WP_CLI.
 *
 * @package JLG\NativeCompanion\Tests
 */

require __DIR__ . '/support/env.php';

$jlg_wp_expect = getenv( 'JLG_NATIVE_EXPECT' );
if ( ! in_array( $jlg_wp_expect, array( 'loaded', 'absent' ), true ) ) {
	fwrite( STDERR, "Set JLG_NATIVE_EXPECT=loaded (PHP started with -d extension=...) or JLG_NATIVE_EXPECT=absent.\n" );
	exit( 2 );
}
try {
	$jlg_wp_env = jlg_wp_env();
} catch ( RuntimeException $jlg_wp_error ) {
	fwrite( STDERR, $jlg_wp_error->getMessage() . "\n" );
	exit( 2 );
}
if ( 'loaded' === $jlg_wp_expect && '' === ( $jlg_wp_env['JLG_WP_NATIVE_URL'] ?? '' ) ) {
	fwrite( STDERR, "JLG_NATIVE_EXPECT=loaded but the site has no server with the extension: start up.sh with JLG_NATIVE_SO set.\n" );
	exit( 2 );
}

define( 'WP_CLI', true );
require __DIR__ . '/support/wp-cli-standin.php';

require $jlg_wp_env['JLG_WP_ROOT'] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

require __DIR__ . '/support/class-http-client.php';
require __DIR__ . '/support/class-test-case.php';
require __DIR__ . '/support/trait-report-data.php';
require __DIR__ . '/support/trait-outbox-fixture.php';

unset( $jlg_wp_expect, $jlg_wp_env );
