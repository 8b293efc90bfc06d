<?php
/**
 * Loads the plugin's optional pieces.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Loads one piece (a file under inc/) if it is there.
 *
 * A missing piece is not fatal: a trimmed-down build of the plugin may ship
 * without some of them.
 *
 * @param string $relative Path below inc/.
 * @return bool Whether the piece was loaded.
 */
function load_piece( string $relative ): bool {
	$file = JLG_NATIVE_COMPANION_DIR . '/inc/' . ltrim( $relative, '/' );
	if ( ! is_readable( $file ) ) {
		return false;
	}
	require_once $file;
	return true;
}
