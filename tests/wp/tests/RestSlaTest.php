<?php
/**
 * GET /wp-json/jlg-native/v1/sla, over real HTTP, with the demo data and
 * with a SitePulse uptime log written by the test.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

final class RestSlaTest extends Test_Case {

	use Report_Data;

	private const PATH = '/wp-json/jlg-native/v1/sla';

	/** GET as the admin, with cookie and nonce. */
	private function admin_get( string $query = '' ): array {
		$client = $this->logged_in_http();
		return $client->get_json( self::PATH . $query, array( 'X-WP-Nonce' => $client->rest_nonce() ) );
	}

	/** Without the extension the route answers 503 to an administrator. */
	private function assert_unavailable( array $response ): void {
		$this->assertSame( 503, $response['status'], $response['body'] );
		$this->assertSame( 'jlg_native_unavailable', $response['json']['code'] ?? null );
	}

	/** Checks a report against the demo plan. */
	private function assert_matches_plan( array $report, array $plan, int $days ): void {
		$this->assertSame( 'demo', $report['source'] );
		$this->assertSame( $days, $report['window_days'] );
		$this->assertSame( $days * DAY_IN_SECONDS, $report['end'] - $report['start'] );
		$this->assertEqualsWithDelta( time(), $report['end'], 60, 'the window ends now (UTC)' );
		$this->assertSame( $plan['entries'], $report['entries'] );
		$this->assertSame( $plan['agents'], array_column( $report['agents'], 'id' ) );

		$expected       = self::expected_from_plan( $plan, $report['start'] );
		$total_down     = 0;
		$total_incident = 0;
		foreach ( $report['agents'] as $agent ) {
			$want = $expected[ $agent['id'] ];
			$id   = $agent['id'];
			$this->assertNotSame( $id, $agent['label'], "{$id}: label from the agents option" );
			$this->assertEquals( $want['downtime'], $agent['downtime_seconds'], "{$id}: downtime" );
			$this->assertEquals( $want['maintenance'], $agent['maintenance_seconds'], "{$id}: maintenance" );
			$this->assertSame(
				$want['incidents'],
				array_map( static fn( $i ) => array( $i['start'], $i['end'] ), $agent['incidents'] ),
				"{$id}: incidents"
			);
			// Unknown: the planned unknown checks, plus the few seconds of the
			// window before the agent's first check in it.
			$extra = $agent['unknown_seconds'] - $want['unknown'];
			$this->assertGreaterThanOrEqual( 0, $extra, "{$id}: unknown" );
			$this->assertLessThan( 600, $extra, "{$id}: unknown" );
			// Every second of the window is in exactly one state.
			$this->assertEquals(
				$days * DAY_IN_SECONDS,
				$agent['up_seconds'] + $agent['downtime_seconds'] + $agent['maintenance_seconds'] + $agent['unknown_seconds'],
				"{$id}: states add up to the window"
			);
			$this->assertEqualsWithDelta(
				100 * $agent['up_seconds'] / ( $agent['up_seconds'] + $agent['downtime_seconds'] ),
				$agent['availability_adjusted'],
				1e-9,
				"{$id}: availability leaves maintenance out"
			);
			if ( $want['maintenance'] > 0 ) {
				$this->assertLessThan( $agent['availability_adjusted'], $agent['availability_raw'], "{$id}: raw counts maintenance as not up" );
			} else {
				$this->assertEqualsWithDelta( $agent['availability_adjusted'], $agent['availability_raw'], 1e-9, "{$id}: no maintenance" );
			}
			$this->assertSame( count( $want['incidents'] ), $agent['mttr']['count'] );
			$total_down     += $want['downtime'];
			$total_incident += count( $want['incidents'] );
		}
		$this->assertEquals( $total_down, $report['global']['downtime_seconds'] );
		$this->assertSame( $total_incident, $report['global']['incident_count'] );
		// Both agents weigh 1: the site figure lies between theirs.
		$values = array_column( $report['agents'], 'availability_adjusted' );
		$this->assertGreaterThanOrEqual( min( $values ), $report['global']['availability_adjusted'] );
		$this->assertLessThanOrEqual( max( $values ), $report['global']['availability_adjusted'] );
	}

	public function test_anonymous_request_is_refused(): void {
		$response = $this->http()->get_json( self::PATH );
		$this->assertSame( 401, $response['status'] );
		$this->assertSame( 'rest_forbidden', $response['json']['code'] ?? null );
	}

	public function test_user_without_manage_options_is_refused(): void {
		[ $login, $password ] = $this->create_user( 'editor' );
		$client               = $this->logged_in_http( $login, $password );
		$response             = $client->get_json( self::PATH, array( 'X-WP-Nonce' => $client->rest_nonce() ) );
		$this->assertSame( 403, $response['status'] );
		$this->assertSame( 'rest_forbidden', $response['json']['code'] ?? null );
	}

	public function test_invalid_window_is_refused_by_the_args_schema(): void {
		foreach ( array( '?window=14', '?window=abc', '?window=7.5', '?window=0' ) as $query ) {
			$response = $this->admin_get( $query );
			$this->assertSame( 400, $response['status'], $query . ' ' . $response['body'] );
			$this->assertSame( 'rest_invalid_param', $response['json']['code'] ?? null, $query );
			$this->assertArrayHasKey( 'window', $response['json']['data']['params'] ?? array(), $query );
		}
	}

	public function test_demo_data_30_days_by_default(): void {
		$plan     = self::seed_demo();
		$response = $this->admin_get();
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $response );
			return;
		}
		$this->assertSame( 200, $response['status'], $response['body'] );
		$this->assert_matches_plan( $response['json'], $plan, 30 );
		// The month has all five incidents (six agent incidents) and the maintenance.
		$this->assertSame( 6, $response['json']['global']['incident_count'] );
		$this->assertEquals( 2 * HOUR_IN_SECONDS, $response['json']['global']['maintenance_seconds'] );
	}

	public function test_demo_data_7_days_in_a_half_hour_time_zone(): void {
		// The demo log is in local seconds, like SitePulse's: +05:30 here.
		$this->use_gmt_offset( 5.5 );
		$plan     = self::seed_demo();
		$this->assertSame( 19800, $plan['gmt_offset'] );
		$response = $this->admin_get( '?window=7' );
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $response );
			return;
		}
		$this->assertSame( 200, $response['status'], $response['body'] );
		$this->assert_matches_plan( $response['json'], $plan, 7 );
		$this->assertSame( 2, $response['json']['global']['incident_count'] );
		$this->assertEquals( 0, $response['json']['global']['maintenance_seconds'] );
		$this->assertSame( '+05:30', $response['json']['timezone'] );
	}

	public function test_without_any_data_the_report_is_empty(): void {
		$response = $this->admin_get( '?window=7' );
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $response );
			return;
		}
		$this->assertSame( 200, $response['status'], $response['body'] );
		$this->assertSame( 'none', $response['json']['source'] );
		$this->assertSame( array(), $response['json']['agents'] );
		$this->assertNull( $response['json']['global']['availability_adjusted'] );
	}

	public function test_sitepulse_log_wins_over_demo_data(): void {
		self::seed_demo();
		$this->use_gmt_offset( 2 );
		// Hourly checks of one agent, in WordPress local seconds as SitePulse
		// writes them: up, down (1 h), up, maintenance (1 h), up.
		$offset = (int) round( (float) get_option( 'gmt_offset', 0 ) * HOUR_IN_SECONDS );
		$base   = time() - 6 * HOUR_IN_SECONDS;
		$states = array( true, false, true, 'maintenance', true, true );
		$log    = array();
		foreach ( $states as $i => $status ) {
			$entry = array(
				'timestamp' => $base + $i * HOUR_IN_SECONDS + $offset,
				'agent'     => 'main',
				'status'    => $status,
				'latency'   => 0.2,
			);
			if ( false === $status ) {
				$entry['incident_start'] = $entry['timestamp'];
				$entry['error']          = 'HTTP 500';
			}
			$log[] = $entry;
		}
		update_option( 'sitepulse_uptime_log', $log, false );
		update_option( 'sitepulse_uptime_agents', array( 'main' => array( 'label' => 'Main probe', 'region' => 'eu', 'active' => true ) ), false );

		$response = $this->admin_get( '?window=7' );
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $response );
			return;
		}
		$this->assertSame( 200, $response['status'], $response['body'] );
		$report = $response['json'];
		$this->assertSame( 'sitepulse', $report['source'] );
		$this->assertSame( 6, $report['entries'] );
		$this->assertCount( 1, $report['agents'] );
		$agent = $report['agents'][0];
		$this->assertSame( 'main', $agent['id'] );
		$this->assertSame( 'Main probe', $agent['label'] );
		$this->assertEquals( HOUR_IN_SECONDS, $agent['downtime_seconds'] );
		$this->assertEquals( HOUR_IN_SECONDS, $agent['maintenance_seconds'] );
		// Incident times are UTC: the local offset is taken out once.
		$this->assertSame(
			array(
				array(
					'start'    => $base + HOUR_IN_SECONDS,
					'end'      => $base + 2 * HOUR_IN_SECONDS,
					'duration' => HOUR_IN_SECONDS,
					'open'     => false,
				),
			),
			$agent['incidents']
		);
		// Up: 1 h + 1 h + 1 h + the last check until now (about 1 h).
		$this->assertEqualsWithDelta( 4 * HOUR_IN_SECONDS, $agent['up_seconds'], 120 );
		$this->assertEqualsWithDelta( 100 * $agent['up_seconds'] / ( $agent['up_seconds'] + HOUR_IN_SECONDS ), $agent['availability_adjusted'], 1e-9 );
		$this->assertEqualsWithDelta( 100 * $agent['up_seconds'] / ( $agent['up_seconds'] + 2 * HOUR_IN_SECONDS ), $agent['availability_raw'], 1e-9 );
	}

	public function test_a_malformed_sitepulse_log_is_a_clear_error(): void {
		update_option( 'sitepulse_uptime_log', array( array( 'timestamp' => time(), 'agent' => 'main', 'status' => 'sideways' ) ), false );
		$response = $this->admin_get();
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $response );
			return;
		}
		$this->assertSame( 500, $response['status'], $response['body'] );
		$this->assertSame( 'jlg_native_invalid_data', $response['json']['code'] ?? null );
		$this->assertStringContainsString( 'log[0].status', $response['json']['message'] ?? '' );
	}

	public function test_route_is_listed_with_its_window_argument(): void {
		$response = $this->http()->get_json( '/wp-json/jlg-native/v1' );
		$this->assertSame( 200, $response['status'] );
		$route = $response['json']['routes']['/jlg-native/v1/sla'] ?? null;
		$this->assertIsArray( $route );
		$this->assertSame( array( 'GET' ), $route['methods'] );
		$args = $route['endpoints'][0]['args']['window'] ?? array();
		$this->assertSame( 'integer', $args['type'] ?? null );
		$this->assertSame( array( 7, 30 ), $args['enum'] ?? null );
	}
}
