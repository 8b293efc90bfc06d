<?php
/**
 * `wp jlg-native events` and `wp jlg-native lock`, run through the WP-CLI stand-in.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use JLG\NativeCompanion\Connector;

final class CliEventsLockTest extends Test_Case {

	private string $dir = '';

	protected function setUp(): void {
		parent::setUp();
		$this->dir = sys_get_temp_dir() . '/jlg-wp-cli-' . getmypid() . '-' . wp_generate_password( 6, false );
		mkdir( $this->dir, 0700 );
		add_filter( 'jlg_native_companion_state_path', array( $this, 'state_path' ) );
	}

	protected function tearDown(): void {
		remove_filter( 'jlg_native_companion_state_path', array( $this, 'state_path' ) );
		gc_collect_cycles();
		foreach ( glob( $this->dir . '/{,.}*', GLOB_BRACE ) as $file ) {
			if ( is_file( $file ) ) {
				unlink( $file );
			}
		}
		rmdir( $this->dir );
		parent::tearDown();
	}

	public function state_path(): string {
		return $this->dir . '/state.sqlite';
	}

	private static function cli( array $words, array $assoc = array() ): array {
		return \WP_CLI::run_command( array_merge( array( 'jlg-native' ), $words ), $assoc );
	}

	public function test_commands_are_registered(): void {
		$this->assertContains( 'jlg-native events', \WP_CLI::standin_commands() );
		$this->assertContains( 'jlg-native lock', \WP_CLI::standin_commands() );
	}

	public function test_events_table_and_json(): void {
		if ( ! self::expects_extension() ) {
			$result = self::cli( array( 'events' ) );
			$this->assertSame( 1, $result['exit_code'] );
			$this->assertStringContainsString( 'jlg_native', $result['stderr'] );
			return;
		}
		$store = Connector\open_store();
		$store->logEvent( 'discord', array( 'route' => 'GET /guilds/:id', 'outcome' => 'ok', 'duration_ms' => 120, 'remaining' => 4 ), microtime( true ) - 60 );
		$store->logEvent( 'discord', array( 'route' => 'GET /guilds/:id', 'outcome' => 'error', 'duration_ms' => 10000 ), microtime( true ) - 30 );
		$store->logEvent( 'discord', array( 'route' => 'old', 'outcome' => 'ok' ), microtime( true ) - 7200 );
		$store->logEvent( 'backup', array( 'outcome' => 'ok' ), microtime( true ) - 10 );

		$table = self::cli( array( 'events' ) );
		$this->assertSame( 0, $table['exit_code'], $table['stderr'] );
		$this->assertMatchesRegularExpression( '/^\| id\s+\| time\s+\| route\s+\| outcome\s+\| duration_ms\s+\|$/m', $table['stdout'] );
		$this->assertMatchesRegularExpression( '/\| GET \/guilds\/:id\s+\| error\s+\| 10000\s+\|/', $table['stdout'] );
		$this->assertStringContainsString( '| old ', $table['stdout'], 'within the default 24 hours' );

		$json = self::cli( array( 'events' ), array( 'since' => '3600', 'format' => 'json' ) );
		$this->assertSame( 0, $json['exit_code'], $json['stderr'] );
		$events = json_decode( $json['stdout'], true );
		$this->assertCount( 2, $events, 'the last hour only' );
		$this->assertSame( 'error', $events[0]['fields']['outcome'], 'newest first' );
		$this->assertSame( 4, $events[1]['fields']['remaining'] );

		$backup = self::cli( array( 'events' ), array( 'channel' => 'backup', 'format' => 'json' ) );
		$this->assertCount( 1, json_decode( $backup['stdout'], true ) );

		$empty = self::cli( array( 'events' ), array( 'channel' => 'nothing' ) );
		$this->assertSame( 0, $empty['exit_code'] );
		$this->assertStringContainsString( 'No events', $empty['stdout'] );
	}

	public function test_events_parameter_errors(): void {
		$bad = self::cli( array( 'events' ), array( 'since' => 'yesterday' ) );
		$this->assertSame( 1, $bad['exit_code'] );
		$this->assertStringContainsString( '--since must be a number of seconds', $bad['stderr'] );
		$format = self::cli( array( 'events' ), array( 'format' => 'csv' ) );
		$this->assertSame( 1, $format['exit_code'] );
		$this->assertStringContainsString( "Invalid value specified for 'format'", $format['stderr'] );
	}

	public function test_lock_is_exclusive_until_its_ttl(): void {
		if ( ! self::expects_extension() ) {
			$result = self::cli( array( 'lock', 'ops' ), array( 'ttl' => '60' ) );
			$this->assertSame( 1, $result['exit_code'] );
			$this->assertStringContainsString( 'jlg_native', $result['stderr'] );
			return;
		}
		$first = self::cli( array( 'lock', 'discord:refresh' ), array( 'ttl' => '60' ) );
		$this->assertSame( 0, $first['exit_code'], $first['stderr'] );
		$this->assertMatchesRegularExpression( "/^[0-9a-f]{32}\nSuccess: Lock \"discord:refresh\" taken for 60 seconds\\.\n$/", $first['stdout'] );
		$token = strtok( $first['stdout'], "\n" );

		$second = self::cli( array( 'lock', 'discord:refresh' ), array( 'ttl' => '60' ) );
		$this->assertSame( 1, $second['exit_code'] );
		$this->assertStringContainsString( 'held by another process', $second['stderr'] );

		// The plugin's own code sees the same lock, and the holder's token releases it.
		$store = Connector\open_store();
		$this->assertNull( $store->acquireLock( 'discord:refresh', 60 ) );
		$this->assertTrue( $store->releaseLock( 'discord:refresh', $token ) );
		$this->assertSame( 0, self::cli( array( 'lock', 'discord:refresh' ), array( 'ttl' => '1' ) )['exit_code'] );
		$this->assertIsString( $store->acquireLock( 'discord:refresh', 60, microtime( true ) + 2 ), 'expired after its TTL' );
	}

	public function test_lock_parameter_errors(): void {
		$missing = self::cli( array( 'lock', 'x' ) );
		$this->assertSame( 1, $missing['exit_code'] );
		$this->assertStringContainsString( 'missing --ttl parameter', $missing['stderr'] );
		$bad = self::cli( array( 'lock', 'x' ), array( 'ttl' => 'ten' ) );
		$this->assertSame( 1, $bad['exit_code'] );
		$this->assertStringContainsString( '--ttl must be a whole number', $bad['stderr'] );
		if ( self::expects_extension() ) {
			$zero = self::cli( array( 'lock', 'x' ), array( 'ttl' => '0' ) );
			$this->assertSame( 1, $zero['exit_code'] );
			$this->assertStringContainsString( 'ttlSeconds', $zero['stderr'] );
		}
	}
}
