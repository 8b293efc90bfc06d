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
 *
 *     # Scan a folder into a manifest snapshot, then compare two snapshots
 *     $ wp jlg-native manifest scan . --store=manifests.sqlite
 *     $ wp jlg-native manifest diff 1 2 --store=manifests.sqlite
 *
 *     # Demo monitoring data, then the reports computed from it.
 *     $ wp jlg-native demo seed
 *     $ wp jlg-native sla report --window=7
 *     $ wp jlg-native impact --format=csv > impact.csv
 */
class Namespace_Command extends \WP_CLI_Command {
}
