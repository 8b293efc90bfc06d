<?php
/**
 * Called by up.sh: writes wp-config.php for the throwaway site, installs
 * WordPress into the (running, empty) database and activates the plugin.
 *
 * Input comes from environment variables set by up.sh (JLG_WP_*). Prints
 * nothing on success; exits non-zero with a message on failure.
 *
 * @package JLG\NativeCompanion\Tests
 */

// This script runs WordPress at file scope: keep every variable prefixed.

$jlg_wp_in = array();
foreach ( array( 'ROOT', 'STATE_DIR', 'DB_NAME', 'DB_USER', 'DB_PASSWORD', 'DB_SOCKET', 'URL', 'HOSTS', 'ADMIN_USER', 'ADMIN_PASSWORD', 'ADMIN_EMAIL', 'PLUGIN', 'DEBUG_LOG' ) as $jlg_wp_key ) {
	$jlg_wp_value = getenv( 'JLG_WP_' . $jlg_wp_key );
	if ( false === $jlg_wp_value || '' === $jlg_wp_value ) {
		fwrite( STDERR, "install.php: JLG_WP_{$jlg_wp_key} is not set\n" );
		exit( 2 );
	}
	$jlg_wp_in[ $jlg_wp_key ] = $jlg_wp_value;
}

/*
 * wp-config.php. Debian's own reads /etc/wordpress/config-<host>.php; this one
 * is self-contained. The site is served by up to two `php -S` servers (one
 * with the extension, one without) on different ports, so the URL follows the
 * Host header when it is one of ours, and is the primary URL otherwise (CLI).
 */
$jlg_wp_salts = '';
foreach ( array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT' ) as $jlg_wp_key ) {
	$jlg_wp_salts .= sprintf( "define( %s, %s );\n", var_export( $jlg_wp_key, true ), var_export( bin2hex( random_bytes( 32 ) ), true ) );
}
$jlg_wp_config = sprintf(
	<<<'PHP'
<?php
// Throwaway test site written by tests/wp/support/install.php. Removed by down.sh.
define( 'DB_NAME', %s );
define( 'DB_USER', %s );
define( 'DB_PASSWORD', %s );
define( 'DB_HOST', %s );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
%s
$table_prefix = 'wp_';

$jlg_wp_config_url = %s;
if ( isset( $_SERVER['HTTP_HOST'] ) && in_array( $_SERVER['HTTP_HOST'], %s, true ) ) {
	$jlg_wp_config_url = 'http://' . $_SERVER['HTTP_HOST'];
}
define( 'WP_HOME', $jlg_wp_config_url );
define( 'WP_SITEURL', $jlg_wp_config_url );
unset( $jlg_wp_config_url );

// No internet here: outgoing HTTP fails at once instead of timing out.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'FS_METHOD', 'direct' );
// Notices go to a log the tests read, never into responses.
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', %s );

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';

PHP,
	var_export( $jlg_wp_in['DB_NAME'], true ),
	var_export( $jlg_wp_in['DB_USER'], true ),
	var_export( $jlg_wp_in['DB_PASSWORD'], true ),
	var_export( 'localhost:' . $jlg_wp_in['DB_SOCKET'], true ),
	$jlg_wp_salts,
	var_export( $jlg_wp_in['URL'], true ),
	var_export( array_values( array_filter( explode( ' ', $jlg_wp_in['HOSTS'] ) ) ), true ),
	var_export( $jlg_wp_in['DEBUG_LOG'], true )
);
if ( false === file_put_contents( $jlg_wp_in['ROOT'] . '/wp-config.php', $jlg_wp_config ) ) {
	fwrite( STDERR, "install.php: cannot write wp-config.php\n" );
	exit( 1 );
}

// Install. The blog notification would try to send mail: make it a no-op
// (wp_new_blog_notification is pluggable, defined only if missing).
define( 'WP_INSTALLING', true );
function wp_new_blog_notification( $blog_title, $blog_url, $user_id, $password ) {
}

require $jlg_wp_in['ROOT'] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

// wp_install() probes pretty permalinks over HTTP; answer it locally instead.
add_filter(
	'pre_http_request',
	static fn() => new WP_Error( 'jlg_wp_offline', 'No HTTP during installation.' )
);

$jlg_wp_result = wp_install( 'JLG Native test site', $jlg_wp_in['ADMIN_USER'], $jlg_wp_in['ADMIN_EMAIL'], false, '', wp_slash( $jlg_wp_in['ADMIN_PASSWORD'] ) );
if ( empty( $jlg_wp_result['user_id'] ) ) {
	fwrite( STDERR, "install.php: wp_install() did not create the admin user\n" );
	exit( 1 );
}

// Pretty permalinks, so that /wp-json/... routes; php -S falls back to
// index.php for paths that are not files. Rules are rebuilt on first use.
$GLOBALS['wp_rewrite']->set_permalink_structure( '/%postname%/' );
update_option( 'rewrite_rules', '' );

$jlg_wp_activated = activate_plugin( $jlg_wp_in['PLUGIN'] );
if ( is_wp_error( $jlg_wp_activated ) ) {
	fwrite( STDERR, 'install.php: cannot activate ' . $jlg_wp_in['PLUGIN'] . ': ' . $jlg_wp_activated->get_error_message() . "\n" );
	exit( 1 );
}
if ( ! is_plugin_active( $jlg_wp_in['PLUGIN'] ) ) {
	fwrite( STDERR, 'install.php: ' . $jlg_wp_in['PLUGIN'] . " is not active after activation\n" );
	exit( 1 );
}
