<?php
/**
 * The secrets vault in WordPress: key source and Site Health check
 * jlg_native_vault, `wp jlg-native vault status|migrate|rotate` on options
 * seeded from the shared legacy vectors, interrupted runs, and the pure-PHP
 * reader.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use JLG\NativeCompanion\Vault\Envelope;

final class VaultTest extends Test_Case {

	private const DISCORD = 'discord_server_stats_options';
	private const S3      = 'bjlg_s3_settings';
	private const SFTP    = 'bjlg_sftp_settings';

	/** @var array<string, array> vectors by name, per file */
	private static array $vectors = array();

	private string $key;

	/** @var array<int, array{string, callable}> filters added by the test */
	private array $filters = array();

	public static function setUpBeforeClass(): void {
		require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
		require_once JLG_NATIVE_COMPANION_DIR . '/inc/vault/class-migrator.php';
		$dir = dirname( __DIR__, 4 ) . '/shared/vectors';
		foreach ( array( 'discord' => 'discord-token-legacy.json', 'backup' => 'backup-secret-legacy.json' ) as $set => $file ) {
			$path = "$dir/$file";
			self::assertFileExists( $path, 'the shared legacy vectors are required' );
			$data = json_decode( (string) file_get_contents( $path ), true, 512, JSON_THROW_ON_ERROR );
			foreach ( $data['vectors'] as $vector ) {
				self::$vectors[ $set ][ $vector['name'] ] = $vector;
			}
			self::$vectors[ $set ]['_constants'] = $data['constants'];
		}
	}

	protected function setUp(): void {
		parent::setUp();
		$this->key = random_bytes( 32 );
		$this->clear_options();
		$this->use_keys( array( 'test' => $this->key ), 'test', 'constant' );
		$c = self::$vectors['discord']['_constants'];
		$this->filter(
			'jlg_native_vault_legacy_keys',
			static fn() => array(
				'auth_key'  => $c['AUTH_KEY'],
				'auth_salt' => $c['AUTH_SALT'],
				'bjlg_key'  => self::$vectors['backup']['_constants']['BJLG_ENCRYPTION_KEY'],
			)
		);
	}

	protected function tearDown(): void {
		foreach ( $this->filters as list( $hook, $callback ) ) {
			remove_filter( $hook, $callback );
		}
		$this->filters = array();
		$this->clear_options();
		parent::tearDown();
	}

	private function clear_options(): void {
		foreach ( array( self::DISCORD, self::S3, self::SFTP ) as $option ) {
			delete_option( $option );
		}
	}

	private function filter( string $hook, callable $callback ): void {
		add_filter( $hook, $callback );
		$this->filters[] = array( $hook, $callback );
	}

	private function use_keys( array $keys, string $active, string $source ): void {
		$this->filter(
			'jlg_native_vault_key_config',
			static fn() => array(
				'source' => $source,
				'keys'   => $keys,
				'active' => $active,
				'error'  => null,
			)
		);
	}

	private static function vector( string $set, string $name ): array {
		self::assertArrayHasKey( $name, self::$vectors[ $set ], "vector $set/$name" );
		return self::$vectors[ $set ][ $name ];
	}

	/**
	 * Seeds the options the way the plugins store them: legacy values from the
	 * vectors, plaintext, an empty token. Returns context => true plaintext.
	 */
	private function seed(): array {
		$d     = static fn( string $n ) => self::vector( 'discord', $n );
		$b     = static fn( string $n ) => self::vector( 'backup', $n );
		$plain = 'MTAwMDAwMDAwMDAwMDAwMDAw.GFAKE0.plain_token_stored_in_clear';
		update_option(
			self::DISCORD,
			array(
				'bot_token'            => $d( 'v2_discord_like_token_70' )['stored'],
				'bot_token_rotated_at' => 1700000000,
				'server_profiles'      => array(
					'main'   => array( 'bot_token' => $d( 'v1_discord_like_token_70' )['stored'], 'guild_id' => '123' ),
					'bugged' => array( 'bot_token' => $d( 'v2noiv_truncation_bug_32_bytes' )['stored'] ),
					'clear'  => array( 'bot_token' => $plain ),
					'empty'  => array( 'bot_token' => '' ),
					'utf8'   => array( 'bot_token' => $d( 'v2noiv_utf8_accents_emoji' )['stored'] ),
				),
			)
		);
		update_option( self::S3, array( 'access_key' => 'AKIAEXAMPLE', 'secret_key' => $b( 'bjlgs1_discord_like_token_70' )['stored'], 'bucket' => 'b' ) );
		update_option( self::SFTP, array( 'password' => $b( 'hist_bjlgs1_rawkey_utf8_accents_emoji' )['stored'] ) );
		$truth = static fn( array $v ) => base64_decode( $v['plaintext_b64'] );
		return array(
			self::DISCORD . ':bot_token'                        => $truth( $d( 'v2_discord_like_token_70' ) ),
			self::DISCORD . ':server_profiles.main.bot_token'   => $truth( $d( 'v1_discord_like_token_70' ) ),
			self::DISCORD . ':server_profiles.bugged.bot_token' => $truth( $d( 'v2noiv_truncation_bug_32_bytes' ) ),
			self::DISCORD . ':server_profiles.clear.bot_token'  => $plain,
			self::DISCORD . ':server_profiles.utf8.bot_token'   => $truth( $d( 'v2noiv_utf8_accents_emoji' ) ),
			self::S3 . ':access_key'                            => 'AKIAEXAMPLE',
			self::S3 . ':secret_key'                            => $truth( $b( 'bjlgs1_discord_like_token_70' ) ),
			self::SFTP . ':password'                            => $truth( $b( 'hist_bjlgs1_rawkey_utf8_accents_emoji' ) ),
		);
	}

	/** Every collected secret, context => stored value. */
	private static function stored(): array {
		$out = array();
		foreach ( \JLG\NativeCompanion\Vault\collect() as $secret ) {
			$out[ $secret['context'] ] = $secret['value'];
		}
		return $out;
	}

	private function assert_all_sealed_to( array $truth ): void {
		$stored = self::stored();
		$this->assertSame( array_keys( $truth ), array_keys( $stored ) );
		foreach ( $truth as $context => $plaintext ) {
			$this->assertTrue( Envelope::is_envelope( $stored[ $context ] ), "$context is an envelope" );
			$this->assertSame( $plaintext, Envelope::decrypt( $stored[ $context ], $context, array( 'test' => $this->key ) ), "$context holds the true plaintext" );
		}
	}

	private static function vault( array $args, array $assoc = array() ): array {
		return \WP_CLI::run_command( array_merge( array( 'jlg-native', 'vault' ), $args ), $assoc );
	}

	private static function site_health(): array {
		$tests = \WP_Site_Health::get_tests();
		self::assertArrayHasKey( 'jlg_native_vault', $tests['direct'] );
		return call_user_func( $tests['direct']['jlg_native_vault']['test'] );
	}

	// ---- key source and Site Health (both modes: computed in PHP) ----

	public function test_default_key_source_is_the_salts_and_is_recommended(): void {
		remove_all_filters( 'jlg_native_vault_key_config' );
		$config = \JLG\NativeCompanion\Vault\key_config();
		$this->assertSame( 'salts', $config['source'] );
		$this->assertSame( Envelope::key_from_secret( \JLG\NativeCompanion\Vault\salts_material() ), $config['keys']['salts'] );
		if ( self::expects_extension() ) {
			$this->assertSame( \JLG\Native\TokenVault::fromSecret( \JLG\NativeCompanion\Vault\salts_material(), 'salts' )->keyFingerprint(), Envelope::fingerprint( $config['keys']['salts'] ) );
		}
		$result = self::site_health();
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( 'salts', $result['label'] );
		$this->assertStringContainsString( 'JLG_NATIVE_KEY', $result['actions'] );
	}

	public function test_constant_key_with_sealed_secrets_is_good(): void {
		update_option( self::DISCORD, array( 'bot_token' => Envelope::encrypt( 't', self::DISCORD . ':bot_token', 'test', $this->key ) ) );
		$result = self::site_health();
		$this->assertSame( 'good', $result['status'], $result['label'] );
		$this->assertStringContainsString( Envelope::fingerprint( $this->key ), $result['description'] );
	}

	public function test_key_changed_is_critical_and_counts_unreadable_secrets(): void {
		$old = random_bytes( 32 );
		update_option(
			self::DISCORD,
			array(
				'bot_token'       => Envelope::encrypt( 'a', self::DISCORD . ':bot_token', 'test', $old ),
				'server_profiles' => array( 'x' => array( 'bot_token' => Envelope::encrypt( 'b', self::DISCORD . ':server_profiles.x.bot_token', 'test', $old ) ) ),
			)
		);
		$result = self::site_health();
		$this->assertSame( 'critical', $result['status'] );
		$this->assertSame( 'The key changed: 2 secrets cannot be read', $result['label'] );
		$this->assertStringContainsString( Envelope::fingerprint( $old ) . ' (2)', $result['description'] );
		$this->assertStringContainsString( Envelope::fingerprint( $this->key ), $result['description'] );
	}

	public function test_secrets_due_for_rotation_are_counted_and_max_age_is_filterable(): void {
		$old = time() - 100 * DAY_IN_SECONDS;
		update_option( self::DISCORD, array( 'bot_token' => Envelope::encrypt( 't', self::DISCORD . ':bot_token', 'test', $this->key, $old ) ) );
		$result = self::site_health();
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( 'Due for rotation: 1 (maximum age 90 days)', $result['description'] );
		$this->filter( 'jlg_native_vault_max_age', static fn() => 200 * DAY_IN_SECONDS );
		$this->assertSame( 'good', self::site_health()['status'] );
	}

	public function test_status_command_reports_every_secret(): void {
		$this->seed();
		$result = self::vault( array( 'status' ), array( 'format' => 'json' ) );
		$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		$status = json_decode( $result['stdout'], true );
		$this->assertSame( 'constant', $status['source'] );
		$this->assertSame( array( 'total' => 8, 'sealed' => 0, 'due' => 0, 'key_changed' => 0, 'legacy' => 6, 'plaintext' => 2 ), $status['counts'] );
		$table = self::vault( array( 'status' ) );
		$this->assertStringContainsString( 'Secrets: total: 8, sealed: 0', $table['stdout'] );
		$this->assertStringContainsString( 'server_profiles.bugged.bot_token', $table['stdout'] );
		$this->assertStringNotContainsString( 'plain_token_stored_in_clear', $table['stdout'], 'status never prints a secret' );
	}

	public function test_the_php_reader_opens_envelopes_without_the_extension(): void {
		$context = self::DISCORD . ':bot_token';
		$sealed  = self::expects_extension()
			? ( new \JLG\Native\TokenVault( array( 'test' => $this->key ), 'test' ) )->encrypt( "bin\0ary", $context )
			: Envelope::encrypt( "bin\0ary", $context, 'test', $this->key );
		$this->assertSame( "bin\0ary", Envelope::decrypt( $sealed, $context, \JLG\NativeCompanion\Vault\key_config()['keys'] ) );
	}

	// ---- migrate and rotate (need the extension) ----

	public function test_migrate_and_rotate_need_the_extension(): void {
		if ( self::expects_extension() ) {
			$this->assertInstanceOf( \JLG\Native\TokenVault::class, \JLG\NativeCompanion\Vault\native_vault() );
			return;
		}
		$this->seed();
		$before = self::stored();
		foreach ( array( 'migrate', 'rotate' ) as $command ) {
			$result = self::vault( array( $command ) );
			$this->assertSame( 1, $result['exit_code'] );
			$this->assertStringContainsString( 'needs the jlg_native PHP extension', $result['stderr'] );
		}
		$this->assertSame( $before, self::stored() );
	}

	public function test_migrate_converts_every_legacy_and_plaintext_secret(): void {
		if ( ! self::expects_extension() ) {
			$this->assertNull( \JLG\NativeCompanion\Vault\native_vault() );
			return;
		}
		$truth  = $this->seed();
		$before = self::stored();

		$dry = self::vault( array( 'migrate' ), array( 'dry-run' => true ) );
		$this->assertSame( 0, $dry['exit_code'], $dry['stderr'] . $dry['stdout'] );
		$this->assertStringContainsString( '8 secrets checked, 0 skipped', $dry['stdout'] );
		$this->assertSame( $before, self::stored(), '--dry-run writes nothing' );

		$run = self::vault( array( 'migrate' ) );
		$this->assertSame( 0, $run['exit_code'], $run['stderr'] . $run['stdout'] );
		$this->assertStringContainsString( '8 secrets migrated, 0 skipped, 0 pending, 0 failed', $run['stdout'] );
		$this->assert_all_sealed_to( $truth );
		// The truncation bug of the plugin is not reproduced: the whole token is kept.
		$this->assertSame( 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', $truth[ self::DISCORD . ':server_profiles.bugged.bot_token' ] );
		// Other fields are untouched.
		$discord = get_option( self::DISCORD );
		$this->assertSame( 1700000000, $discord['bot_token_rotated_at'] );
		$this->assertSame( '123', $discord['server_profiles']['main']['guild_id'] );
		$this->assertSame( '', $discord['server_profiles']['empty']['bot_token'] );
		$this->assertSame( 'b', get_option( self::S3 )['bucket'] );

		$again = self::vault( array( 'migrate' ) );
		$this->assertSame( 0, $again['exit_code'] );
		$this->assertStringContainsString( '0 secrets migrated, 8 skipped', $again['stdout'] );
	}

	public function test_an_interrupted_migration_loses_nothing_and_a_second_run_finishes(): void {
		if ( ! self::expects_extension() ) {
			$this->assertFalse( class_exists( '\\JLG\\Native\\TokenVault' ) );
			return;
		}
		$truth  = $this->seed();
		$writes = 0;
		$crash  = static function () use ( &$writes ) {
			if ( 3 === $writes++ ) {
				throw new \RuntimeException( 'simulated crash before the 4th write' );
			}
		};
		add_action( 'jlg_native_vault_before_write', $crash );
		try {
			self::vault( array( 'migrate' ) );
			$this->fail( 'the simulated crash did not happen' );
		} catch ( \RuntimeException $e ) {
			$this->assertSame( 'simulated crash before the 4th write', $e->getMessage() );
		} finally {
			remove_action( 'jlg_native_vault_before_write', $crash );
		}
		$stored = self::stored();
		$sealed = array_filter( $stored, array( Envelope::class, 'is_envelope' ) );
		$this->assertCount( 3, $sealed, 'exactly the three verified writes happened' );
		foreach ( $sealed as $context => $value ) {
			$this->assertSame( $truth[ $context ], Envelope::decrypt( $value, $context, array( 'test' => $this->key ) ) );
		}

		$resume = self::vault( array( 'migrate' ) );
		$this->assertSame( 0, $resume['exit_code'], $resume['stderr'] . $resume['stdout'] );
		$this->assertStringContainsString( '5 secrets migrated, 3 skipped', $resume['stdout'] );
		$this->assert_all_sealed_to( $truth );
	}

	public function test_a_killed_migration_process_loses_nothing(): void {
		if ( ! self::expects_extension() ) {
			$this->assertFalse( class_exists( '\\JLG\\Native\\TokenVault' ) );
			return;
		}
		$so = (string) getenv( 'JLG_NATIVE_SO' );
		$this->assertFileExists( $so, 'JLG_NATIVE_SO points at the extension under test' );
		$truth  = $this->seed();
		$config = array(
			'key_b64' => base64_encode( $this->key ),
			'legacy'  => apply_filters( 'jlg_native_vault_legacy_keys', array() ),
		);
		$cmd    = array( PHP_BINARY, '-d', 'extension=' . $so, dirname( __DIR__ ) . '/support/vault-crash-run.php', '5' );
		$env    = array_merge( getenv(), array( 'JLG_VAULT_TEST_CONFIG' => wp_json_encode( $config ) ) );
		$proc   = proc_open( $cmd, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes, null, $env );
		$this->assertIsResource( $proc );
		$out    = stream_get_contents( $pipes[1] ) . stream_get_contents( $pipes[2] );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		$status = proc_get_status( $proc );
		$code   = proc_close( $proc );
		$this->assertNotSame( 3, $code, "the child was not killed: $out" );
		$this->assertTrue( 137 === $code || -1 === $code || 9 === $code || ( $status['signaled'] ?? false ), "killed by SIGKILL (exit $code): $out" );

		$stored = self::stored();
		$sealed = array_filter( $stored, array( Envelope::class, 'is_envelope' ) );
		$this->assertCount( 5, $sealed, 'the five writes before the kill are complete' );
		foreach ( $stored as $context => $value ) {
			if ( isset( $sealed[ $context ] ) ) {
				$this->assertSame( $truth[ $context ], Envelope::decrypt( $value, $context, array( 'test' => $this->key ) ) );
			}
		}
		$resume = self::vault( array( 'migrate' ) );
		$this->assertSame( 0, $resume['exit_code'], $resume['stderr'] . $resume['stdout'] );
		$this->assertStringContainsString( '3 secrets migrated, 5 skipped', $resume['stdout'] );
		$this->assert_all_sealed_to( $truth );
	}

	public function test_migrate_with_a_wrong_legacy_key_writes_nothing(): void {
		if ( ! self::expects_extension() ) {
			$this->assertNull( \JLG\NativeCompanion\Vault\native_vault() );
			return;
		}
		$this->seed();
		$this->filter( 'jlg_native_vault_legacy_keys', static fn( $keys ) => array_merge( $keys, array( 'auth_salt' => 'rotated-salt' ) ) );
		$before = self::stored();
		$result = self::vault( array( 'migrate' ) );
		$this->assertSame( 1, $result['exit_code'] );
		$this->assertStringContainsString( 'legacy_mac_mismatch', $result['stdout'] );
		$after = self::stored();
		foreach ( $before as $context => $value ) {
			if ( 0 === strncmp( $value, 'dbjlg_enc_', 10 ) ) {
				$this->assertSame( $value, $after[ $context ], "$context is left as it was" );
			}
		}
		$this->assertStringNotContainsString( 'MTAwMDAw', $result['stdout'] . $result['stderr'], 'no token in the report' );
	}

	public function test_an_envelope_moved_to_another_profile_is_refused(): void {
		if ( ! self::expects_extension() ) {
			$this->assertNull( \JLG\NativeCompanion\Vault\native_vault() );
			return;
		}
		$a = Envelope::encrypt( 'token-a', self::DISCORD . ':server_profiles.a.bot_token', 'test', $this->key, time() - 10 );
		update_option( self::DISCORD, array( 'server_profiles' => array( 'a' => array( 'bot_token' => $a ), 'b' => array( 'bot_token' => $a ) ) ) );
		$vault = \JLG\NativeCompanion\Vault\native_vault();
		try {
			$vault->decrypt( $a, self::DISCORD . ':server_profiles.b.bot_token' );
			$this->fail( 'a moved envelope must not decrypt' );
		} catch ( \JLG\Native\DecryptionException $e ) {
			$this->assertSame( 'wrong_context', $e->getReason() );
		}
		// Rotation of the moved copy fails; the right one rotates.
		$this->filter( 'jlg_native_vault_max_age', static fn() => 0 );
		$result = self::vault( array( 'rotate' ), array( 'dry-run' => true ) );
		$this->assertSame( 1, $result['exit_code'] );
		$this->assertMatchesRegularExpression( '/server_profiles\.b\.bot_token.*wrong_context/', $result['stdout'] );
	}

	public function test_rotate_in_batches_across_keys(): void {
		if ( ! self::expects_extension() ) {
			$this->assertNull( \JLG\NativeCompanion\Vault\native_vault() );
			return;
		}
		$old      = random_bytes( 32 );
		$profiles = array();
		$truth    = array();
		foreach ( array( 'p1', 'p2', 'p3' ) as $p ) {
			$context                    = self::DISCORD . ":server_profiles.$p.bot_token";
			$truth[ $context ]          = "token-$p";
			$profiles[ $p ]['bot_token'] = Envelope::encrypt( "token-$p", $context, 'previous-1', $old );
		}
		$current                   = self::DISCORD . ':bot_token';
		$truth                     = array( $current => 'token-main' ) + $truth;
		update_option( self::DISCORD, array( 'bot_token' => Envelope::encrypt( 'token-main', $current, 'test', $this->key ), 'server_profiles' => $profiles ) );
		$this->use_keys( array( 'test' => $this->key, 'previous-1' => $old ), 'test', 'constant' );
		$before = self::stored();

		$dry = self::vault( array( 'rotate' ), array( 'dry-run' => true ) );
		$this->assertSame( 0, $dry['exit_code'], $dry['stderr'] );
		$this->assertStringContainsString( '3 secrets checked, 1 skipped', $dry['stdout'] );
		$this->assertSame( $before, self::stored() );

		$first = self::vault( array( 'rotate' ), array( 'batch' => '2' ) );
		$this->assertSame( 0, $first['exit_code'], $first['stderr'] );
		$this->assertStringContainsString( '2 secrets rotated, 1 skipped, 1 pending', $first['stdout'] );
		$second = self::vault( array( 'rotate' ), array( 'batch' => '2' ) );
		$this->assertStringContainsString( '1 secrets rotated, 3 skipped, 0 pending', $second['stdout'] );
		$this->assert_all_sealed_to( $truth );
		foreach ( self::stored() as $value ) {
			$this->assertSame( Envelope::fingerprint( $this->key ), Envelope::inspect( $value )['key_fingerprint'] );
		}
		$this->assertSame( 1, self::vault( array( 'rotate' ), array( 'batch' => '0' ) )['exit_code'] );
	}
}
