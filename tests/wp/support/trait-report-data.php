<?php
/**
 * Data the impact and SLA tests write, and how they undo it.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use JLG\NativeCompanion\Demo\Demo_Data;

/**
 * Saves SitePulse's options (the tests write some) and removes the demo data
 * before each test, and puts everything back after it.
 */
trait Report_Data {

	/** SitePulse options a test may write. */
	private static array $sitepulse_options = array( 'sitepulse_uptime_log', 'sitepulse_uptime_agents', 'sitepulse_plugin_impact_history' );

	/** @var array<string, mixed> option => value before the test (absent options are not listed) */
	private array $saved_options = array();

	/** @var array<string, mixed>|null gmt_offset and timezone_string before use_gmt_offset() */
	private ?array $saved_timezone = null;

	/**
	 * Sets the site's time zone to a fixed UTC offset for this test (restored
	 * in tearDown). The web server reads it from the database too.
	 */
	protected function use_gmt_offset( float $hours ): void {
		if ( null === $this->saved_timezone ) {
			$this->saved_timezone = array(
				'gmt_offset'      => get_option( 'gmt_offset' ),
				'timezone_string' => get_option( 'timezone_string' ),
			);
		}
		update_option( 'timezone_string', '' );
		update_option( 'gmt_offset', $hours );
	}

	protected function setUp(): void {
		parent::setUp();
		foreach ( self::$sitepulse_options as $option ) {
			$value = get_option( $option, $this );
			if ( $value !== $this ) {
				$this->saved_options[ $option ] = $value;
			}
			delete_option( $option );
		}
		Demo_Data::delete();
	}

	protected function tearDown(): void {
		Demo_Data::delete();
		foreach ( self::$sitepulse_options as $option ) {
			delete_option( $option );
			if ( array_key_exists( $option, $this->saved_options ) ) {
				add_option( $option, $this->saved_options[ $option ], '', 'no' );
			}
		}
		$this->saved_options = array();
		if ( null !== $this->saved_timezone ) {
			foreach ( $this->saved_timezone as $option => $value ) {
				update_option( $option, $value );
			}
			$this->saved_timezone = null;
		}
		parent::tearDown();
	}

	/** Seeds the demo data and returns its plan. */
	protected static function seed_demo(): array {
		$plan = Demo_Data::seed( true );
		self::assertIsArray( $plan, 'demo data seeded' );
		return $plan;
	}

	/**
	 * What the plan says a window starting at $start holds, per agent:
	 * downtime, maintenance and unknown seconds, and incidents.
	 *
	 * @return array<string, array{downtime: int, maintenance: int, unknown: int, incidents: array}>
	 */
	protected static function expected_from_plan( array $plan, int $start ): array {
		$expected = array();
		foreach ( $plan['agents'] as $agent ) {
			$expected[ $agent ] = array(
				'downtime'    => 0,
				'maintenance' => 0,
				'unknown'     => 0,
				'incidents'   => array(),
			);
		}
		foreach ( $plan['incidents'] as $incident ) {
			if ( $incident['start'] >= $start ) {
				$expected[ $incident['agent'] ]['downtime']   += $incident['duration'];
				$expected[ $incident['agent'] ]['incidents'][] = array( $incident['start'], $incident['end'] );
			}
		}
		foreach ( $expected as &$agent ) {
			sort( $agent['incidents'] ); // Oldest first, as the report lists them.
		}
		unset( $agent );
		foreach ( array( 'maintenance', 'unknown' ) as $kind ) {
			foreach ( $plan[ $kind ] as $span ) {
				if ( $span['start'] >= $start ) {
					$expected[ $span['agent'] ][ $kind ] += $span['duration'];
				}
			}
		}
		return $expected;
	}
}
