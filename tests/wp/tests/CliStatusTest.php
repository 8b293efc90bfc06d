<?php
/**
 * `wp jlg-native status`, run through the WP-CLI stand-in (support/wp-cli-standin.php).
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

final class CliStatusTest extends Test_Case {

	private static function run_status( array $assoc_args = array() ): array {
		return \WP_CLI::run_command( array( 'jlg-native', 'status' ), $assoc_args );
	}

	public function test_commands_are_registered(): void {
		$commands = \WP_CLI::standin_commands();
		$this->assertContains( 'jlg-native', $commands );
		$this->assertContains( 'jlg-native status', $commands );
	}

	public function test_table_is_the_default(): void {
		$result = self::run_status();
		$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		$this->assertMatchesRegularExpression( '/^\| Field\s+\| Value\s+\|$/m', $result['stdout'] );
		$loaded = self::expects_extension() ? 'yes' : 'no';
		$this->assertMatchesRegularExpression( '/^\| loaded\s+\| ' . $loaded . '\s+\|$/m', $result['stdout'] );
		foreach ( self::STATUS_KEYS as $key ) {
			$this->assertMatchesRegularExpression( '/^\| ' . $key . '\s+\|/m', $result['stdout'] );
		}
		if ( self::expects_extension() ) {
			$this->assertSame( '', $result['stderr'] );
			$this->assertStringContainsString( \JLG\Native\version(), $result['stdout'] );
		} else {
			$this->assertStringStartsWith( 'Warning: ', $result['stderr'] );
		}
	}

	public function test_json(): void {
		$result = self::run_status( array( 'format' => 'json' ) );
		$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		$items = json_decode( $result['stdout'], true );
		$this->assertIsArray( $items );
		$this->assertCount( 1, $items );
		$this->assertSame( self::STATUS_KEYS, array_keys( $items[0] ) );
		$this->assertSame( self::expects_extension(), $items[0]['loaded'] );
		if ( self::expects_extension() ) {
			$this->assertSame( \JLG\Native\build_info()['features'], $items[0]['features'] );
			$this->assertSame( \JLG\Native\version(), $items[0]['version'] );
		} else {
			$this->assertNull( $items[0]['version'] );
			$this->assertSame( array(), $items[0]['features'] );
		}
	}

	public function test_csv_and_yaml(): void {
		$csv = self::run_status( array( 'format' => 'csv' ) );
		$this->assertSame( 0, $csv['exit_code'], $csv['stderr'] );
		$rows = array_map( 'str_getcsv', explode( "\n", trim( $csv['stdout'] ) ) );
		$this->assertCount( 2, $rows );
		$this->assertSame( self::STATUS_KEYS, $rows[0] );
		$this->assertSame( self::expects_extension() ? 'true' : 'false', $rows[1][0] );

		$yaml = self::run_status( array( 'format' => 'yaml' ) );
		$this->assertSame( 0, $yaml['exit_code'], $yaml['stderr'] );
		$this->assertStringContainsString( '- loaded: ' . ( self::expects_extension() ? 'true' : 'false' ), $yaml['stdout'] );
	}

	public function test_invalid_format_is_a_parameter_error(): void {
		$result = self::run_status( array( 'format' => 'xml' ) );
		$this->assertSame( 1, $result['exit_code'] );
		$this->assertSame( '', $result['stdout'] );
		$this->assertStringContainsString( "Error: Parameter errors:\n Invalid value specified for 'format'", $result['stderr'] );
	}

	public function test_unknown_parameter_is_an_error(): void {
		$result = self::run_status( array( 'colour' => 'blue' ) );
		$this->assertSame( 1, $result['exit_code'] );
		$this->assertStringContainsString( 'unknown --colour parameter', $result['stderr'] );
	}

	public function test_strict_fails_only_without_the_extension(): void {
		$result = self::run_status( array( 'strict' => true ) );
		if ( self::expects_extension() ) {
			$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		} else {
			$this->assertSame( 1, $result['exit_code'] );
			$this->assertStringStartsWith( 'Error: ', $result['stderr'] );
			$this->assertSame( '', $result['stdout'] );
		}
	}
}
