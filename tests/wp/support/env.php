<?php
/**
 * Reads the env file written by up.sh.
 *
 * @package JLG\NativeCompanion\Tests
 */

/**
 * Path of the env file: $JLG_WP_ENV, else the default place up.sh writes it.
 */
function jlg_wp_env_file(): string {
	$explicit = getenv( 'JLG_WP_ENV' );
	if ( false !== $explicit && '' !== $explicit ) {
		return $explicit;
	}
	$uid  = function_exists( 'posix_getuid' ) ? posix_getuid() : getmyuid();
	$root = getenv( 'JLG_WP_STATE_ROOT' );
	if ( false === $root || '' === $root ) {
		$root = ( is_dir( '/dev/shm' ) && is_writable( '/dev/shm' ) )
			? "/dev/shm/jlg-native-wp-{$uid}"
			: rtrim( getenv( 'TMPDIR' ) ?: '/tmp', '/' ) . "/jlg-native-wp-{$uid}";
	}
	return $root . '/current.env';
}

/**
 * The site's description: KEY => value (a later line wins over an earlier one).
 *
 * @throws RuntimeException When there is no ready site.
 */
function jlg_wp_env(): array {
	static $env = null;
	if ( null !== $env ) {
		return $env;
	}
	$file = jlg_wp_env_file();
	if ( ! is_readable( $file ) ) {
		throw new RuntimeException( "No WordPress site: {$file} is missing. Start one with tests/wp/up.sh, or use tests/wp/run.sh." );
	}
	$parsed = array();
	foreach ( file( $file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES ) as $line ) {
		if ( preg_match( "/^([A-Z][A-Z0-9_]*)='([^']*)'$/", $line, $m ) ) {
			$parsed[ $m[1] ] = $m[2];
		}
	}
	if ( '1' !== ( $parsed['JLG_WP_READY'] ?? '' ) ) {
		throw new RuntimeException( "The site described by {$file} did not finish coming up." );
	}
	return $env = $parsed;
}
