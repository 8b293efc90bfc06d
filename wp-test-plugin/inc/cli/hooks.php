<?php
/**
 * WP-CLI piece: registers the `wp jlg-native ...` commands.
 *
 * Loaded only when WP-CLI runs (the WP_CLI constant is true).
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

if ( ! class_exists( '\WP_CLI' ) || ! class_exists( '\WP_CLI_Command' ) ) {
	return;
}

foreach ( require __DIR__ . '/commands.php' as $jlg_native_command => $jlg_native_definition ) {
	require_once __DIR__ . '/' . $jlg_native_definition[0];
	\WP_CLI::add_command( $jlg_native_command, $jlg_native_definition[1] );
}
unset( $jlg_native_command, $jlg_native_definition );
