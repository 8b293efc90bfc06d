<?php
/**
 * Site Health check jlg_native_connector: Discord connector metrics from the event log.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use JLG\NativeCompanion\Connector;
use JLG\NativeCompanion\SiteHealth\Connector as Check;

final class ConnectorSiteHealthTest extends Test_Case {

	private string $dir = '';

	public static function setUpBeforeClass(): void {
		require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
	}

	protected function setUp(): void {
		parent::setUp();
		$this->dir = sys_get_temp_dir() . '/jlg-wp-connector-' . getmypid() . '-' . wp_generate_password( 6, false );
		mkdir( $this->dir, 0700 );
		add_filter( 'jlg_native_companion_state_path', array( $this, 'state_path' ) );
	}

	protected function tearDown(): void {
		remove_filter( 'jlg_native_companion_state_path', array( $this, 'state_path' ) );
		delete_option( Connector\OPTION_CIRCUITS );
		delete_option( Connector\OPTION_LIMITER );
		gc_collect_cycles();
		array_map( 'unlink', glob( $this->dir . '/{,.}*', GLOB_BRACE ) ? array_filter( glob( $this->dir . '/{,.}*', GLOB_BRACE ), 'is_file' ) : array() );
		rmdir( $this->dir );
		parent::tearDown();
	}

	public function state_path(): string {
		return $this->dir . '/state.sqlite';
	}

	/** Logs $n calls on $route, $errors of them failed, with durations 1..$n ms, an hour ago. */
	private function log_calls( string $route, int $n, int $errors, string $error_outcome = 'error' ): void {
		$store = Connector\open_store();
		$this->assertInstanceOf( \JLG\Native\StateStore::class, $store );
		for ( $i = 1; $i <= $n; $i++ ) {
			$store->logEvent(
				Connector\CHANNEL,
				array(
					'route'       => $route,
					'outcome'     => $i <= $errors ? $error_outcome : 'ok',
					'duration_ms' => $i,
					'profile'     => 'main',
				),
				microtime( true ) - 3600
			);
		}
	}

	public function test_is_registered_as_a_direct_test(): void {
		$tests = \WP_Site_Health::get_tests();
		$this->assertArrayHasKey( Check\TEST_ID, $tests['direct'] );
		$this->assertTrue( is_callable( $tests['direct'][ Check\TEST_ID ]['test'] ) );
	}

	public function test_without_the_extension_metrics_are_unavailable(): void {
		if ( self::expects_extension() ) {
			$this->assertInstanceOf( \JLG\Native\StateStore::class, Connector\open_store() );
			return;
		}
		$result = Check\get_test_result();
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( 'jlg_native', $result['description'] );
	}

	public function test_good_with_few_errors_and_lists_each_route(): void {
		if ( ! self::expects_extension() ) {
			$this->assertFalse( class_exists( '\JLG\Native\StateStore' ) );
			return;
		}
		$this->log_calls( 'GET /guilds/:id', 100, 3 );
		$this->log_calls( 'GET /guilds/:id/widget.json', 40, 2, 'fallback' );
		$result = Check\get_test_result();
		$this->assertSame( 'good', $result['status'], $result['label'] );
		$this->assertSame( Check\TEST_ID, $result['test'] );
		$this->assertStringContainsString( '140 calls', $result['description'] );
		$this->assertStringContainsString( '1.4% served from the fallback', $result['description'] );
		$this->assertStringContainsString( '<code>GET /guilds/:id</code></td><td>100</td><td>3.0%</td><td>51 ms</td><td>95 ms</td>', $result['description'] );
		$this->assertStringContainsString( '<code>GET /guilds/:id/widget.json</code></td><td>40</td><td>5.0%</td>', $result['description'] );
	}

	public function test_recommended_above_five_percent_on_a_route(): void {
		if ( ! self::expects_extension() ) {
			$this->assertSame( 'recommended', Check\get_test_result()['status'] );
			return;
		}
		$this->log_calls( 'GET /guilds/:id', 100, 1 );
		$this->log_calls( 'GET /guilds/:id/widget.json', 20, 2 );
		$result = Check\get_test_result();
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( '10.0%', $result['label'] );
	}

	public function test_events_older_than_a_day_do_not_count(): void {
		if ( ! self::expects_extension() ) {
			$this->assertSame( 'recommended', Check\get_test_result()['status'] );
			return;
		}
		$store = Connector\open_store();
		for ( $i = 0; $i < 10; $i++ ) {
			$store->logEvent( Connector\CHANNEL, array( 'route' => 'GET /guilds/:id', 'outcome' => 'error' ), microtime( true ) - 2 * DAY_IN_SECONDS );
		}
		$result = Check\get_test_result();
		$this->assertSame( 'good', $result['status'] );
		$this->assertStringContainsString( 'No Discord calls', $result['description'] );
	}

	public function test_critical_when_the_token_is_halted_and_circuits_are_listed(): void {
		if ( ! self::expects_extension() ) {
			$this->assertSame( 'recommended', Check\get_test_result()['status'] );
			return;
		}
		$limiter = new \JLG\Native\RateLimiter();
		$limiter->update( 'GET /guilds/1', 401, array() );
		update_option( Connector\OPTION_LIMITER, $limiter->toArray(), false );
		$breaker = new \JLG\Native\CircuitBreaker();
		foreach ( array( 1, 2, 3 ) as $k ) {
			$breaker->recordFailure();
		}
		update_option(
			Connector\OPTION_CIRCUITS,
			array(
				'main:stats' => $breaker->toArray(),
				'alt:stats'  => array(),
				'bad:stats'  => array( 'state' => 'ajar' ),
			),
			false
		);
		$result = Check\get_test_result();
		$this->assertSame( 'critical', $result['status'] );
		$this->assertStringContainsString( 'bot token', $result['label'] );
		$this->assertStringContainsString( '<code>main:stats</code>: open', $result['description'] );
		$this->assertStringContainsString( '<code>alt:stats</code>: closed', $result['description'] );
		$this->assertStringContainsString( '<code>bad:stats</code>: unreadable', $result['description'] );

		$limiter->reset();
		update_option( Connector\OPTION_LIMITER, $limiter->toArray(), false );
		$this->assertSame( 'good', Check\get_test_result()['status'] );
	}

	public function test_the_default_store_folder_is_protected(): void {
		remove_filter( 'jlg_native_companion_state_path', array( $this, 'state_path' ) );
		$path = Connector\state_path();
		add_filter( 'jlg_native_companion_state_path', array( $this, 'state_path' ) );
		$this->assertStringEndsWith( '/state.sqlite', $path );
		Connector\prepare_folder( $this->dir . '/sub/state.sqlite' );
		$this->assertFileExists( $this->dir . '/sub/.htaccess' );
		$this->assertStringContainsString( 'Require all denied', (string) file_get_contents( $this->dir . '/sub/.htaccess' ) );
		unlink( $this->dir . '/sub/.htaccess' );
		unlink( $this->dir . '/sub/index.php' );
		rmdir( $this->dir . '/sub' );
	}
}
