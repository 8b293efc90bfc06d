<?php
/**
 * Parent of the `wp jlg-native ...` commands.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Inspects and exercises the JLG Native PHP extension.
 *
 * ## EXAMPLES
 *
 *     # Is the extension loaded, and how was it built?
 *     $ wp jlg-native status
 */
class Namespace_Command extends \WP_CLI_Command {
}
