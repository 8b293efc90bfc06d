<?php
/**
 * Site Health check jlg_native_cron: the cron engine's self-test.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use function JLG\NativeCompanion\SiteHealth\Cron\get_test_result;

final class CronSiteHealthTest extends Test_Case {

	private const TEST_ID = 'jlg_native_cron';

	public static function setUpBeforeClass(): void {
		require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
	}

	private static function registered_test(): array {
		$tests = \WP_Site_Health::get_tests();
		self::assertArrayHasKey( self::TEST_ID, $tests['direct'], 'registered as a direct test' );
		return $tests['direct'][ self::TEST_ID ];
	}

	/** Runs the registered check with the site in a zone (timezone_string, or a UTC offset when numeric). */
	private function result_in( string $zone ): array {
		$this->preserve_option( 'timezone_string' );
		$this->preserve_option( 'gmt_offset' );
		if ( is_numeric( $zone ) ) {
			update_option( 'timezone_string', '' );
			update_option( 'gmt_offset', $zone );
		} else {
			update_option( 'timezone_string', $zone );
		}
		return call_user_func( self::registered_test()['test'] );
	}

	public function test_is_registered_and_matches_the_mode(): void {
		$test = self::registered_test();
		$this->assertNotEmpty( $test['label'] );
		$result = call_user_func( $test['test'] );
		$this->assertSame( self::TEST_ID, $result['test'] );
		foreach ( array( 'label', 'status', 'badge', 'description', 'actions', 'test' ) as $key ) {
			$this->assertArrayHasKey( $key, $result );
		}
		if ( self::expects_extension() ) {
			$this->assertSame( 'good', $result['status'], wp_strip_all_tags( $result['description'] ) );
			$this->assertSame( 0, substr_count( $result['description'], 'jlg-native-check-failed' ) );
			$this->assertSame( 6, substr_count( $result['description'], 'jlg-native-check-passed' ) );
		} else {
			$this->assertSame( 'recommended', $result['status'] );
			$this->assertStringContainsString( 'needs the JLG Native extension', $result['label'] );
		}
	}

	public function test_spring_forward_case_uses_the_zones_next_transition(): void {
		$result = $this->result_in( 'Europe/Paris' );
		if ( ! self::expects_extension() ) {
			$this->assertSame( 'recommended', $result['status'] );
			return;
		}
		$this->assertSame( 'good', $result['status'], wp_strip_all_tags( $result['description'] ) );
		$this->assertStringContainsString( 'in Europe/Paris', $result['label'] );
		// The next spring-forward of Paris, found independently: 02:00 CET becomes 03:00 CEST.
		$spring = null;
		foreach ( ( new \DateTimeZone( 'Europe/Paris' ) )->getTransitions( time(), time() + 2 * YEAR_IN_SECONDS ) as $t ) {
			if ( null === $spring && $t['isdst'] && $t['ts'] > time() ) {
				$spring = $t['ts'];
			}
		}
		$this->assertNotNull( $spring );
		$day = ( new \DateTimeImmutable( '@' . $spring ) )->setTimezone( new \DateTimeZone( 'Europe/Paris' ) )->format( 'Y-m-d' );
		$this->assertStringContainsString( "30 2 * * *: {$day} 02:30 falls in the spring-forward gap and runs once, at {$day} 03:00 +02:00", $result['description'] );
	}

	public function test_passes_in_zones_with_odd_transitions_and_fixed_offsets(): void {
		if ( ! self::expects_extension() ) {
			$this->assertSame( 'recommended', $this->result_in( 'Australia/Lord_Howe' )['status'] );
			return;
		}
		// 30-minute DST, southern hemisphere, a gap at midnight, no DST at all.
		foreach ( array( 'Australia/Lord_Howe', 'America/Santiago', 'America/Havana', 'Asia/Kathmandu' ) as $zone ) {
			$result = $this->result_in( $zone );
			$this->assertSame( 'good', $result['status'], $zone . ': ' . wp_strip_all_tags( $result['description'] ) );
		}
		$this->assertStringContainsString( 'spring-forward gap', $this->result_in( 'Australia/Lord_Howe' )['description'] );
		$this->assertStringContainsString( 'no clock change within two years: fixed offset +05:45', $this->result_in( 'Asia/Kathmandu' )['description'] );

		// A manual UTC offset: the extension gets a fixed offset.
		$result = $this->result_in( '5.5' );
		$this->assertSame( 'good', $result['status'], wp_strip_all_tags( $result['description'] ) );
		$this->assertStringContainsString( 'in +05:30', $result['label'] );
		$this->assertStringContainsString( 'fixed offset +05:30', $result['description'] );
	}

	public function test_failures_are_critical_and_listed_first(): void {
		$this->add_test_filter(
			'jlg_native_cron_self_test_checks',
			static function ( array $checks ): array {
				$checks['Impossible expectation'] = static function () {
					\JLG\NativeCompanion\SiteHealth\Cron\expect( false, 'deliberately wrong expectation' );
				};
				$checks['Native exception']       = static function ( string $timezone ) {
					new \JLG\Native\CronExpression( '* * * * * * *', $timezone );
					return 'not reached';
				};
				return $checks;
			}
		);
		$result = call_user_func( self::registered_test()['test'] );
		if ( ! self::expects_extension() ) {
			$this->assertSame( 'recommended', $result['status'], 'without the extension no check runs' );
			return;
		}
		$this->assertSame( 'critical', $result['status'] );
		$this->assertSame( 'red', $result['badge']['color'] );
		$this->assertStringContainsString( 'failed 2 of 8 self-test checks', $result['label'] );
		$this->assertNotEmpty( $result['actions'] );
		$failed = strpos( $result['description'], 'deliberately wrong expectation' );
		$this->assertNotFalse( $failed );
		$this->assertStringContainsString( 'JLG\\Native\\CronSyntaxException', $result['description'] );
		$this->assertLessThan( strpos( $result['description'], 'jlg-native-check-passed' ), $failed, 'failures come first' );
	}

	public function test_a_zone_php_does_not_know_is_a_failure(): void {
		$result = get_test_result( null, 'Nowhere/City' );
		if ( ! self::expects_extension() ) {
			$this->assertSame( 'recommended', $result['status'] );
			return;
		}
		$this->assertSame( 'critical', $result['status'] );
		$this->assertStringContainsString( 'Nowhere/City', $result['description'] );
	}

	public function test_site_health_screen_of_the_web_server_runs_it(): void {
		$response = $this->logged_in_http()->get( '/wp-admin/site-health.php' );
		$this->assertSame( 200, $response['status'] );
		$this->assertSame( 1, preg_match( '/var SiteHealth = (\{.*?\});\s*\n/s', $response['body'], $m ) );
		$data = json_decode( $m[1], true );
		$ours = array_values( array_filter( $data['site_status']['direct'], static fn( $r ) => self::TEST_ID === ( $r['test'] ?? null ) ) );
		$this->assertCount( 1, $ours );
		$this->assertSame( self::expects_extension() ? 'good' : 'recommended', $ours[0]['status'] );
	}
}
