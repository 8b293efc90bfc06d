<?php
/**
 * The plugin's WP-CLI commands: command name => [file under cli/, class].
 *
 * Parents come before their subcommands. A class with public methods (such as
 * Cron_Command's `preview` and `validate`) gives one subcommand per method.
 *
 * @package JLG\NativeCompanion
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

return array(
	'jlg-native'           => array( 'class-namespace-command.php', \JLG\NativeCompanion\CLI\Namespace_Command::class ),
	'jlg-native status'    => array( 'class-status-command.php', \JLG\NativeCompanion\CLI\Status_Command::class ),
	'jlg-native events'    => array( 'class-events-command.php', \JLG\NativeCompanion\CLI\Events_Command::class ),
	'jlg-native lock'      => array( 'class-lock-command.php', \JLG\NativeCompanion\CLI\Lock_Command::class ),
	'jlg-native quota'     => array( 'class-quota-command.php', \JLG\NativeCompanion\CLI\Quota_Command::class ),
	'jlg-native retention' => array( 'class-retention-command.php', \JLG\NativeCompanion\CLI\Retention_Command::class ),
	'jlg-native cron'      => array( 'class-cron-command.php', \JLG\NativeCompanion\CLI\Cron_Command::class ),
	'jlg-native manifest'  => array( 'class-manifest-command.php', \JLG\NativeCompanion\CLI\Manifest_Command::class ),
	'jlg-native vault'     => array( 'class-vault-command.php', \JLG\NativeCompanion\CLI\Vault_Command::class ),
	'jlg-native sla'       => array( 'class-sla-command.php', \JLG\NativeCompanion\CLI\Sla_Command::class ),
	'jlg-native impact'    => array( 'class-impact-command.php', \JLG\NativeCompanion\CLI\Impact_Command::class ),
	'jlg-native demo'      => array( 'class-demo-command.php', \JLG\NativeCompanion\CLI\Demo_Command::class ),
	'jlg-native outbox'    => array( 'class-outbox-command.php', \JLG\NativeCompanion\CLI\Outbox_Command::class ),
	'jlg-native discord'   => array( 'class-discord-command.php', \JLG\NativeCompanion\CLI\Discord_Command::class ),
);
