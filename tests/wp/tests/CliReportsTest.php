<?php
/**
 * `wp jlg-native sla report`, `wp jlg-native impact` and `wp jlg-native demo`,
 * run through the WP-CLI stand-in (support/wp-cli-standin.php).
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use JLG\NativeCompanion\CLI\Output;
use JLG\NativeCompanion\Demo\Demo_Data;

final class CliReportsTest extends Test_Case {

	use Report_Data;

	private const BOM = "\xEF\xBB\xBF";

	private static function wp( array $words, array $assoc_args = array() ): array {
		return \WP_CLI::run_command( array_merge( array( 'jlg-native' ), $words ), $assoc_args );
	}

	/** Rows of a CSV document (after its BOM). */
	private static function csv_rows( string $csv ): array {
		$rows = array();
		foreach ( explode( "\n", rtrim( substr( $csv, strlen( self::BOM ) ), "\n" ) ) as $line ) {
			$rows[] = str_getcsv( $line, ',', '"', '' );
		}
		return $rows;
	}

	/** Without the extension a report command fails with a clear message and prints nothing. */
	private function assert_needs_extension( array $result ): void {
		$this->assertSame( 1, $result['exit_code'] );
		$this->assertSame( '', $result['stdout'] );
		$this->assertStringStartsWith( 'Error: The jlg_native PHP extension is not loaded in the PHP running WP-CLI', $result['stderr'] );
	}

	public function test_commands_are_registered(): void {
		$commands = \WP_CLI::standin_commands();
		foreach ( array( 'jlg-native sla', 'jlg-native impact', 'jlg-native demo' ) as $command ) {
			$this->assertContains( $command, $commands );
		}
	}

	public function test_demo_seed_refuses_to_overwrite_without_force(): void {
		$first = self::wp( array( 'demo', 'seed' ) );
		$this->assertSame( 0, $first['exit_code'], $first['stderr'] );
		$this->assertStringStartsWith( 'Success: Demo data written: 8640 uptime checks from 2 agents over 30 days with 6 incidents', $first['stdout'] );
		$this->assertTrue( Demo_Data::exists() );
		$seeded_at = Demo_Data::plan()['seeded_at'];

		$again = self::wp( array( 'demo', 'seed' ) );
		$this->assertSame( 1, $again['exit_code'] );
		$this->assertStringContainsString( 'use --force', $again['stderr'] );
		$this->assertSame( $seeded_at, Demo_Data::plan()['seeded_at'], 'left alone' );

		sleep( 1 );
		$forced = self::wp( array( 'demo', 'seed' ), array( 'force' => true ) );
		$this->assertSame( 0, $forced['exit_code'], $forced['stderr'] );
		$this->assertGreaterThan( $seeded_at, Demo_Data::plan()['seeded_at'], 'replaced' );

		$clear = self::wp( array( 'demo', 'clear' ) );
		$this->assertSame( 0, $clear['exit_code'] );
		$this->assertFalse( Demo_Data::exists() );
	}

	public function test_demo_seed_never_writes_sitepulse_options(): void {
		$log = array( array( 'timestamp' => time(), 'agent' => 'main', 'status' => true ) );
		update_option( 'sitepulse_uptime_log', $log, false );
		$result = self::wp( array( 'demo', 'seed' ) );
		$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		$this->assertSame( $log, get_option( 'sitepulse_uptime_log' ) );
		$this->assertFalse( get_option( 'sitepulse_uptime_agents' ) );
		$this->assertFalse( get_option( 'sitepulse_plugin_impact_history' ) );
		$this->assertStringContainsString( 'SitePulse has an uptime log on this site', $result['stderr'] );
		$this->assertSame( 8640, count( get_option( Demo_Data::UPTIME_LOG_OPTION ) ) );
	}

	public function test_sla_report_formats(): void {
		$plan   = self::seed_demo();
		$table  = self::wp( array( 'sla', 'report' ) );
		$json   = self::wp( array( 'sla', 'report' ), array( 'window' => '7', 'format' => 'json' ) );
		$csv    = self::wp( array( 'sla', 'report' ), array( 'format' => 'csv' ) );
		if ( ! self::expects_extension() ) {
			foreach ( array( $table, $json, $csv ) as $result ) {
				$this->assert_needs_extension( $result );
			}
			return;
		}

		$this->assertSame( 0, $table['exit_code'], $table['stderr'] );
		$this->assertSame( '', $table['stderr'] );
		$this->assertStringContainsString( 'SLA over 30 days', $table['stdout'] );
		$this->assertStringContainsString( '(source: demo)', $table['stdout'] );
		$this->assertMatchesRegularExpression( '/^\| eu-west\s+\| EU West \(Paris\)\s+\| \d+\.\d{3} %/m', $table['stdout'] );
		$this->assertMatchesRegularExpression( '/^\| us-east\s+\|/m', $table['stdout'] );
		$this->assertMatchesRegularExpression( '/^\| all\s+\| All agents \(weighted\)\s+\|.*\| 6\s+\|/m', $table['stdout'] );

		$this->assertSame( 0, $json['exit_code'], $json['stderr'] );
		$report = json_decode( $json['stdout'], true );
		$this->assertIsArray( $report );
		$this->assertSame( 'demo', $report['source'] );
		$this->assertSame( 7, $report['window_days'] );
		$expected = self::expected_from_plan( $plan, $report['start'] );
		foreach ( $report['agents'] as $agent ) {
			$this->assertEquals( $expected[ $agent['id'] ]['downtime'], $agent['downtime_seconds'], $agent['id'] );
		}

		$this->assertSame( 0, $csv['exit_code'], $csv['stderr'] );
		$this->assertStringStartsWith( self::BOM . "agent,label,availability_adjusted,availability_raw,downtime_seconds,maintenance_seconds,incidents,mttr_mean_seconds\n", $csv['stdout'] );
		$rows = self::csv_rows( $csv['stdout'] );
		$this->assertCount( 4, $rows, 'header, two agents, all' );
		$this->assertSame( array( 'eu-west', 'us-east', 'all' ), array_column( array_slice( $rows, 1 ), 0 ) );
		$month = self::expected_from_plan( $plan, time() - 30 * DAY_IN_SECONDS + 60 );
		$this->assertEquals( $month['eu-west']['downtime'], $rows[1][4] );
		$this->assertEquals( $month['us-east']['maintenance'], $rows[2][5] );
		$this->assertSame( '6', $rows[3][6] );
		$this->assertIsNumeric( $rows[3][2] );
	}

	public function test_csv_escapes_cells_a_spreadsheet_would_run(): void {
		$now    = time();
		$labels = array(
			'a' => '=HYPERLINK("http://example.org","x")',
			'b' => '+1 probe',
			'c' => '-probe',
			'd' => '@SUM(A1)',
			'e' => "\tprobe",
			'f' => 'Plain, "quoted" probe',
		);
		$log    = array();
		$agents = array();
		foreach ( $labels as $id => $label ) {
			$log[]         = array( 'timestamp' => $now - 600, 'agent' => $id, 'status' => true );
			$agents[ $id ] = array( 'label' => $label );
		}
		update_option( 'sitepulse_uptime_log', $log, false );
		update_option( 'sitepulse_uptime_agents', $agents, false );
		update_option( 'sitepulse_plugin_impact_history', array( 'plugins' => array( '=cmd|calc/x.php' => array( array( 'timestamp' => $now, 'avg_ms' => 12.0 ) ) ) ), false );

		$sla    = self::wp( array( 'sla', 'report' ), array( 'format' => 'csv', 'window' => '1' ) );
		$impact = self::wp( array( 'impact' ), array( 'format' => 'csv' ) );
		if ( ! self::expects_extension() ) {
			$this->assert_needs_extension( $sla );
			$this->assert_needs_extension( $impact );
			return;
		}
		$this->assertSame( 0, $sla['exit_code'], $sla['stderr'] );
		$rows = self::csv_rows( $sla['stdout'] );
		$got  = array_column( array_slice( $rows, 1, count( $labels ) ), 1, 0 );
		$this->assertSame(
			array(
				'a' => '\'=HYPERLINK("http://example.org","x")',
				'b' => "'+1 probe",
				'c' => "'-probe",
				'd' => "'@SUM(A1)",
				'e' => "'\tprobe",
				'f' => 'Plain, "quoted" probe',
			),
			$got
		);
		$this->assertStringContainsString( '"Plain, ""quoted"" probe"', $sla['stdout'], 'RFC 4180 quoting' );

		$this->assertSame( 0, $impact['exit_code'], $impact['stderr'] );
		$this->assertStringStartsWith( self::BOM . "plugin,score,entries,last_sample_at,last_avg_ms\n", $impact['stdout'] );
		$rows = self::csv_rows( $impact['stdout'] );
		$this->assertSame( array( "'=cmd|calc/x.php", '20', '1', (string) $now, '12' ), $rows[1] );
	}

	public function test_csv_cell_rules(): void {
		$this->assertSame( "'=1+2", Output::csv_cell( '=1+2' ) );
		$this->assertSame( "'\rx", Output::csv_cell( "\rx" ) );
		$this->assertSame( '-1.5', Output::csv_cell( -1.5 ), 'numbers are not text' );
		$this->assertSame( '-3', Output::csv_cell( -3 ) );
		$this->assertSame( 'a=b', Output::csv_cell( 'a=b' ) );
		$this->assertSame( '', Output::csv_cell( null ) );
		$this->assertSame( self::BOM . "h\n'=x\n", Output::csv( array( 'h' ), array( array( '=x' ) ) ) );
	}

	public function test_impact_formats_and_models(): void {
		self::seed_demo();
		$table     = self::wp( array( 'impact' ) );
		$json      = self::wp( array( 'impact' ), array( 'format' => 'json' ) );
		$sitepulse = self::wp( array( 'impact' ), array( 'format' => 'json', 'model' => 'sitepulse' ) );
		if ( ! self::expects_extension() ) {
			foreach ( array( $table, $json, $sitepulse ) as $result ) {
				$this->assert_needs_extension( $result );
			}
			return;
		}
		$this->assertSame( 0, $table['exit_code'], $table['stderr'] );
		$this->assertStringContainsString( 'Plugin impact, model continuous', $table['stdout'] );
		$this->assertMatchesRegularExpression( '/^\| woocommerce\/woocommerce\.php\s+\| \d+\.\d\d\s+\| 90\s+\|/m', $table['stdout'] );
		$this->assertSame( 5, preg_match_all( '/^\| [a-z0-9-]+\/[a-z0-9-]+\.php /m', $table['stdout'] ) );

		$a = json_decode( $json['stdout'], true );
		$b = json_decode( $sitepulse['stdout'], true );
		$this->assertSame( 'continuous', $a['model'] );
		$this->assertSame( 'sitepulse', $b['model'] );
		$this->assertCount( 5, $a['plugins'] );
		$this->assertEqualsCanonicalizing( array_column( $a['plugins'], 'plugin' ), array_column( $b['plugins'], 'plugin' ) );
		$this->assertNotEquals( array_column( $a['plugins'], 'score' ), array_column( $b['plugins'], 'score' ), 'the two models differ on this history' );
	}

	public function test_bad_arguments(): void {
		foreach ( array( '0', '366', 'abc', '7.5', '-3' ) as $window ) {
			$result = self::wp( array( 'sla', 'report' ), array( 'window' => $window ) );
			$this->assertSame( 1, $result['exit_code'], $window );
			$this->assertSame( '', $result['stdout'], $window );
			$this->assertStringContainsString( 'whole number of days between 1 and 365', $result['stderr'], $window );
		}
		$result = self::wp( array( 'sla', 'report' ), array( 'format' => 'yaml' ) );
		$this->assertSame( 1, $result['exit_code'] );
		$this->assertStringContainsString( "Invalid value specified for 'format'", $result['stderr'] );
		$result = self::wp( array( 'impact' ), array( 'model' => 'linear' ) );
		$this->assertSame( 1, $result['exit_code'] );
		$this->assertStringContainsString( "Invalid value specified for 'model'", $result['stderr'] );
		$result = self::wp( array( 'demo', 'seed' ), array( 'force' => 'yes' ) );
		$this->assertSame( 1, $result['exit_code'] );
		$this->assertFalse( Demo_Data::exists() );
	}

	public function test_without_data_a_warning_and_an_empty_report(): void {
		$sla    = self::wp( array( 'sla', 'report' ), array( 'format' => 'json' ) );
		$impact = self::wp( array( 'impact' ), array( 'format' => 'json' ) );
		if ( ! self::expects_extension() ) {
			$this->assert_needs_extension( $sla );
			$this->assert_needs_extension( $impact );
			return;
		}
		$this->assertSame( 0, $sla['exit_code'] );
		$this->assertStringStartsWith( 'Warning: No uptime data', $sla['stderr'] );
		$this->assertSame( array(), json_decode( $sla['stdout'], true )['agents'] );
		$this->assertSame( 0, $impact['exit_code'] );
		$this->assertStringStartsWith( 'Warning: No impact data', $impact['stderr'] );
		$this->assertSame( array(), json_decode( $impact['stdout'], true )['plugins'] );
	}
}
