<?php
/**
 * Child process for VaultTest: runs the vault migration over the live site and
 * kills itself with SIGKILL right after the N-th secret was written, so the
 * test can check what a real crash leaves behind and that a second run
 * finishes the job.
 *
 * Usage: php -d extension=... vault-crash-run.php <kill-after> (env: JLG_VAULT_TEST_CONFIG = JSON
 *        {key_b64, legacy: {auth_key, auth_salt, bjlg_key}})
 *
 * @package JLG\NativeCompanion\Tests
 */

require __DIR__ . '/env.php';

$jlg_crash_after  = (int) ( $argv[1] ?? 0 );
$jlg_crash_config = json_decode( (string) getenv( 'JLG_VAULT_TEST_CONFIG' ), true );
if ( $jlg_crash_after < 1 || ! is_array( $jlg_crash_config ) ) {
	fwrite( STDERR, "usage: vault-crash-run.php <kill-after> with JLG_VAULT_TEST_CONFIG set\n" );
	exit( 2 );
}
require jlg_wp_env()['JLG_WP_ROOT'] . '/wp-load.php';
require_once JLG_NATIVE_COMPANION_DIR . '/inc/vault/class-migrator.php';

$jlg_crash_key = base64_decode( $jlg_crash_config['key_b64'] );
add_filter(
	'jlg_native_vault_key_config',
	static fn() => array(
		'source' => 'constant',
		'keys'   => array( 'test' => $jlg_crash_key ),
		'active' => 'test',
		'error'  => null,
	)
);
add_filter( 'jlg_native_vault_legacy_keys', static fn() => $jlg_crash_config['legacy'] );

$jlg_crash_writes = 0;
// Counted after the write: the hook fires before a write, so the (N+1)-th
// before_write means N writes are complete. SIGKILL: no shutdown, no cleanup.
add_action(
	'jlg_native_vault_before_write',
	static function () use ( &$jlg_crash_writes, $jlg_crash_after ) {
		if ( $jlg_crash_writes >= $jlg_crash_after ) {
			posix_kill( getmypid(), SIGKILL );
		}
		++$jlg_crash_writes;
	}
);

$jlg_crash_config_full = \JLG\NativeCompanion\Vault\key_config();
$jlg_crash_migrator    = new \JLG\NativeCompanion\Vault\Migrator(
	\JLG\NativeCompanion\Vault\native_vault( $jlg_crash_config_full ),
	$jlg_crash_config_full,
	\JLG\NativeCompanion\Vault\legacy_keys()
);
$jlg_crash_migrator->migrate( false );
echo "finished without being killed\n";
exit( 3 );
