<?php
/**
 * `wp jlg-native cron preview|validate`, through the WP-CLI stand-in.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

final class CliCronTest extends Test_Case {

	private static function cron( string $subcommand, string $expression, array $assoc_args = array() ): array {
		return \WP_CLI::run_command( array( 'jlg-native', 'cron', $subcommand, $expression ), $assoc_args );
	}

	private function assert_error( array $result, string $message ): void {
		$this->assertSame( 1, $result['exit_code'], $result['stdout'] );
		$this->assertSame( '', $result['stdout'] );
		$this->assertStringStartsWith( 'Error: ', $result['stderr'] );
		$this->assertStringContainsString( $message, $result['stderr'] );
	}

	/** Without the extension each subcommand stops with a clear error; true then. */
	private function absent( array $result ): bool {
		if ( self::expects_extension() ) {
			return false;
		}
		$this->assert_error( $result, 'needs the jlg_native PHP extension' );
		return true;
	}

	public function test_command_is_registered(): void {
		$this->assertContains( 'jlg-native cron', \WP_CLI::standin_commands() );
	}

	public function test_preview_table(): void {
		$result = self::cron( 'preview', '0 3 * * *', array( 'timezone' => 'Europe/Paris' ) );
		if ( $this->absent( $result ) ) {
			return;
		}
		$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		$this->assertSame( '', $result['stderr'] );
		$this->assertMatchesRegularExpression( '/^\| timestamp\s+\| iso\s+\| formatted\s+\| relative\s+\|$/m', $result['stdout'] );
		preg_match_all( '/^\| (\d+)\s+\| (\S+)\s+\| ([^|]+?)\s+\| (in [^|]+?)\s+\|$/m', $result['stdout'], $rows, PREG_SET_ORDER );
		$this->assertCount( 5, $rows, $result['stdout'] );
		$zone = new \DateTimeZone( 'Europe/Paris' );
		foreach ( $rows as [ , $timestamp, $iso, $formatted ] ) {
			$local = ( new \DateTimeImmutable( '@' . $timestamp ) )->setTimezone( $zone );
			$this->assertSame( $local->format( 'Y-m-d\TH:i:sP' ), $iso );
			$this->assertSame( '03:00', $local->format( 'H:i' ) );
			$this->assertSame( wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), (int) $timestamp, $zone ), $formatted );
		}
		$this->assertStringContainsString( "Description: At 03:00, every day\n", $result['stdout'] );
		$this->assertStringContainsString( "Time zone: Europe/Paris\n", $result['stdout'] );
		$this->assertStringContainsString( 'Impact: 1 run a day (ok)', $result['stdout'] );
	}

	public function test_preview_table_lists_findings_after_the_runs(): void {
		$result = self::cron( 'preview', '* * * * *', array( 'count' => '2', 'timezone' => 'UTC' ) );
		if ( $this->absent( $result ) ) {
			return;
		}
		$this->assertSame( 0, $result['exit_code'] );
		$this->assertSame( 2, preg_match_all( '/^\| \d+ /m', $result['stdout'] ) );
		$this->assertStringContainsString( 'Warning: [error] too_frequent: ', $result['stderr'] );
		$this->assertStringContainsString( '*/5 * * * *', $result['stderr'], 'the safer expression is suggested' );
	}

	public function test_preview_json_is_the_analysis(): void {
		$result = self::cron(
			'preview',
			'0 0 1 1 *',
			array(
				'count'    => '3',
				'timezone' => 'America/New_York',
				'format'   => 'json',
			)
		);
		if ( $this->absent( $result ) ) {
			return;
		}
		$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		$data     = json_decode( $result['stdout'], true );
		$expected = ( new \JLG\Native\CronExpression( '0 0 1 1 *', 'America/New_York' ) )->analyze( array( 'count' => 3 ) );
		$this->assertIsArray( $data );
		$this->assertSame( array_keys( $expected ), array_keys( $data ) );
		foreach ( array( 'expression', 'normalized', 'timezone', 'description', 'interval', 'impact', 'warnings', 'errors', 'severity' ) as $key ) {
			$this->assertEquals( $expected[ $key ], $data[ $key ], $key );
		}
		$this->assertCount( 3, $data['next_runs'] );
		foreach ( $data['next_runs'] as $i => $run ) {
			$this->assertSame( $expected['next_runs'][ $i ]['timestamp'], $run['timestamp'] );
			$this->assertSame( $expected['next_runs'][ $i ]['iso'], $run['iso'] );
			$this->assertStringStartsWith( 'January 1, ', $run['formatted'] );
			$this->assertStringStartsWith( 'in ', $run['relative'] );
		}
	}

	public function test_preview_refuses_bad_options(): void {
		if ( $this->absent( self::cron( 'preview', '0 3 * * *' ) ) ) {
			return;
		}
		$this->assert_error( self::cron( 'preview', '0 3 * * *', array( 'count' => '0' ) ), '--count must be a whole number of at least 1' );
		$this->assert_error( self::cron( 'preview', '0 3 * * *', array( 'count' => '51' ) ), '--count must be at most 50' );
		$this->assert_error( self::cron( 'preview', '0 3 * * *', array( 'format' => 'yaml' ) ), "Invalid value specified for 'format'" );
		$this->assert_error( self::cron( 'preview', '0 3 * * *', array( 'timezone' => 'Nowhere/City' ) ), 'Unknown time zone "Nowhere/City"' );
		$this->assert_error( self::cron( 'preview', '0 3 * *' ), 'is not valid' );
	}

	public function test_validate_prints_the_normalized_form_and_warnings(): void {
		$result = self::cron( 'validate', '0 3 * * mon-fri', array( 'timezone' => 'UTC' ) );
		if ( $this->absent( $result ) ) {
			return;
		}
		$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		$this->assertSame( "Normalized: 0 3 * * 1-5\nSuccess: The expression is valid (time zone UTC).\n", $result['stdout'] );
		$this->assertSame( '', $result['stderr'] );

		$result = self::cron( 'validate', '0 0 30 2 *' );
		$this->assertSame( 0, $result['exit_code'] );
		$this->assertStringContainsString( 'Warning: [warning] never_runs: ', $result['stderr'] );
		$this->assertStringContainsString( 'Normalized: 0 0 30 2 *', $result['stdout'] );
	}

	public function test_validate_points_at_each_error_and_fails(): void {
		$result = self::cron( 'validate', '0 25 * * 9' );
		if ( $this->absent( $result ) ) {
			return;
		}
		$this->assert_error( $result, '"0 25 * * 9" is not valid (2 errors):' );
		$lines = explode( "\n", rtrim( $result['stderr'], "\n" ) );
		$this->assertCount( 7, $lines, $result['stderr'] );
		$this->assertStringStartsWith( 'hour: ', $lines[1] );
		$this->assertSame( '  0 25 * * 9', $lines[2] );
		$this->assertSame( '    ^^', $lines[3] );
		$this->assertStringStartsWith( 'day_of_week: ', $lines[4] );
		$this->assertSame( '  0 25 * * 9', $lines[5] );
		$this->assertSame( '           ^', $lines[6] );
	}

	public function test_caret_lines_follow_spaces_tabs_and_missing_fields(): void {
		if ( $this->absent( self::cron( 'validate', '0 3 * *' ) ) ) {
			return;
		}
		$result = self::cron( 'validate', '  0 3 * * 9' );
		$this->assertSame( 1, $result['exit_code'] );
		$this->assertStringContainsString( "\n    0 3 * * 9\n" . str_repeat( ' ', 12 ) . "^\n", $result['stderr'] );

		$result = self::cron( 'validate', "0\t3 * * 9" );
		$this->assertStringContainsString( "\n  0\t3 * * 9\n   \t      ^\n", $result['stderr'] );

		// A missing field: the caret sits just past the end.
		$result = self::cron( 'validate', '0 3 * *' );
		$this->assertSame( 1, $result['exit_code'] );
		$this->assertStringContainsString( "day_of_week: expected 5 fields", $result['stderr'] );
		$this->assertStringContainsString( "\n  0 3 * *\n         ^\n", $result['stderr'] );
	}

	public function test_validate_refuses_an_unknown_time_zone(): void {
		$result = self::cron( 'validate', '0 3 * * *', array( 'timezone' => 'Mars/Olympus_Mons' ) );
		if ( $this->absent( $result ) ) {
			return;
		}
		$this->assert_error( $result, 'Unknown time zone "Mars/Olympus_Mons"' );
		$this->assertStringNotContainsString( '^', $result['stderr'] );
	}

	public function test_validate_defaults_to_the_sites_time_zone(): void {
		$this->preserve_option( 'timezone_string' );
		update_option( 'timezone_string', 'Europe/Paris' );
		$result = self::cron( 'validate', '30 2 * * *' );
		if ( $this->absent( $result ) ) {
			return;
		}
		$this->assertSame( 0, $result['exit_code'] );
		$this->assertStringContainsString( '(time zone Europe/Paris)', $result['stdout'] );
		$this->assertStringContainsString( 'dst_gap', $result['stderr'], 'the Paris spring-forward gap is reported' );
	}
}
