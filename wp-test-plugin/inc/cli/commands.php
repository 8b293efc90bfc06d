<?php
/**
 * The plugin's WP-CLI commands: command name => [file under cli/, class].
 *
 * Parents come before their subcommands. To add `wp jlg-native cron preview`,
 * write a class with a public `preview` method and list it as "jlg-native cron".
 *
 * @package JLG\NativeCompanion
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

return array(
	'jlg-native'        => array( 'class-namespace-command.php', \JLG\NativeCompanion\CLI\Namespace_Command::class ),
	'jlg-native status' => array( 'class-status-command.php', \JLG\NativeCompanion\CLI\Status_Command::class ),
	'jlg-native sla'    => array( 'class-sla-command.php', \JLG\NativeCompanion\CLI\Sla_Command::class ),
	'jlg-native impact' => array( 'class-impact-command.php', \JLG\NativeCompanion\CLI\Impact_Command::class ),
	'jlg-native demo'   => array( 'class-demo-command.php', \JLG\NativeCompanion\CLI\Demo_Command::class ),
);
