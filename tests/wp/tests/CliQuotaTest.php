<?php
/**
 * `wp jlg-native quota project`, through the WP-CLI stand-in.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

final class CliQuotaTest extends Test_Case {

	private const NOW = 1700000000;

	private const FIELDS = array( 'method', 'samples_used', 'slope_bytes_per_day', 'used_bytes', 'quota_bytes', 'used_ratio', 'days_to_threshold', 'threshold_at', 'level' );

	private static function run_project( array $assoc_args ): array {
		return \WP_CLI::run_command( array( 'jlg-native', 'quota', 'project' ), $assoc_args );
	}

	/** 10 daily samples ending at NOW: 500,000 bytes, +10,000 a day. */
	private static function samples(): array {
		$samples = array();
		for ( $i = 0; $i < 10; $i++ ) {
			$samples[] = array(
				'timestamp'  => self::NOW - ( 9 - $i ) * DAY_IN_SECONDS,
				'used_bytes' => 500000 + 10000 * $i,
			);
		}
		return $samples;
	}

	private function assert_error( array $result, string $message ): void {
		$this->assertSame( 1, $result['exit_code'], $result['stdout'] );
		$this->assertSame( '', $result['stdout'] );
		$this->assertStringStartsWith( 'Error: ', $result['stderr'] );
		$this->assertStringContainsString( $message, $result['stderr'] );
	}

	public function test_command_is_registered(): void {
		$this->assertContains( 'jlg-native quota', \WP_CLI::standin_commands() );
	}

	public function test_without_the_extension_the_command_fails_clearly(): void {
		$result = self::run_project( array( 'samples' => $this->temp_json( self::samples() ) ) );
		if ( self::expects_extension() ) {
			$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
			return;
		}
		$this->assert_error( $result, 'needs the jlg_native PHP extension' );
	}

	public function test_table(): void {
		$result = self::run_project(
			array(
				'samples' => $this->temp_json( self::samples() ),
				'quota'   => '1000000',
				'now'     => (string) self::NOW,
			)
		);
		if ( ! self::expects_extension() ) {
			$this->assert_error( $result, 'jlg_native' );
			return;
		}
		$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		$this->assertSame( '', $result['stderr'] );
		$this->assertMatchesRegularExpression( '/^\| Field\s+\| Value\s+\|$/m', $result['stdout'] );
		foreach ( self::FIELDS as $field ) {
			$this->assertMatchesRegularExpression( '/^\| ' . $field . '\s+\|/m', $result['stdout'] );
		}
		// 590,000 now, +10,000 a day: 850,000 in 26 days.
		$this->assertMatchesRegularExpression( '/^\| days_to_threshold\s+\| p10 26\.0, p50 26\.0, p90 26\.0\s+\|$/m', $result['stdout'] );
		$this->assertMatchesRegularExpression( '/^\| level\s+\| watch\s+\|$/m', $result['stdout'] );
		$this->assertMatchesRegularExpression( '/^\| used_bytes\s+\| 590000\s+\|$/m', $result['stdout'] );
		$at = \JLG\Native\Quota::project( self::samples(), array( 'quota_bytes' => 1000000, 'now' => self::NOW ) )['threshold_at'];
		$this->assertEqualsWithDelta( self::NOW + 26 * DAY_IN_SECONDS, $at, 1 );
		$this->assertMatchesRegularExpression( '/^\| threshold_at\s+\| ' . preg_quote( gmdate( 'Y-m-d\TH:i:s\Z', $at ), '/' ) . '\s+\|$/m', $result['stdout'] );
	}

	public function test_json_is_the_extension_result(): void {
		$samples = self::samples();
		$result  = self::run_project(
			array(
				'samples'   => $this->temp_json( $samples ),
				'quota'     => '1000000',
				'threshold' => '0.9',
				'method'    => 'least_squares',
				'now'       => (string) self::NOW,
				'format'    => 'json',
			)
		);
		if ( ! self::expects_extension() ) {
			$this->assert_error( $result, 'jlg_native' );
			return;
		}
		$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		$items = json_decode( $result['stdout'], true );
		$this->assertIsArray( $items );
		$this->assertCount( 1, $items );
		$this->assertSame( self::FIELDS, array_keys( $items[0] ) );
		$expected = \JLG\Native\Quota::project(
			$samples,
			array(
				'quota_bytes'     => 1000000,
				'threshold_ratio' => 0.9,
				'method'          => 'least_squares',
				'now'             => self::NOW,
			)
		);
		$this->assertEquals( $expected, $items[0] );
		$this->assertSame( 'least_squares', $items[0]['method'] );
		$this->assertEqualsWithDelta( 31.0, $items[0]['days_to_threshold']['p50'], 1e-6 ); // 900,000 - 590,000.
	}

	public function test_without_a_quota_usage_is_unlimited(): void {
		$result = self::run_project(
			array(
				'samples' => $this->temp_json( self::samples() ),
				'format'  => 'json',
			)
		);
		if ( ! self::expects_extension() ) {
			$this->assert_error( $result, 'jlg_native' );
			return;
		}
		$item = json_decode( $result['stdout'], true )[0];
		$this->assertNull( $item['quota_bytes'] );
		$this->assertSame( 'ok', $item['level'] );
		$this->assertNull( $item['days_to_threshold']['p50'] );

		$table = self::run_project( array( 'samples' => $this->temp_json( self::samples() ) ) );
		$this->assertMatchesRegularExpression( '/^\| quota_bytes\s+\| unlimited\s+\|$/m', $table['stdout'] );
	}

	/** @return array<string, array{0: array, 1: string}> */
	public function input_errors(): array {
		return array(
			'missing file'   => array( array( 'samples' => '/nonexistent/samples.json' ), 'file not found: /nonexistent/samples.json' ),
			'bad JSON'       => array( array( 'samples' => '{"timestamp": ' ), 'is not valid JSON: Syntax error' ),
			'not a list'     => array( array( 'samples' => '{"timestamp": 1, "used_bytes": 2}' ), 'must hold a JSON array' ),
			'bad sample'     => array( array( 'samples' => '[{"timestamp": 200, "used_bytes": 1}, {"timestamp": 100, "used_bytes": 2}]' ), 'Invalid input: samples[1].timestamp: 100 is earlier than' ),
			'unknown key'    => array( array( 'samples' => '[{"timestamp": 200, "bytes": 1}]' ), 'samples[0].bytes: unknown key' ),
			'zero quota'     => array( array( 'quota' => '0' ), '--quota must be a whole number of at least 1, got "0"' ),
			'text quota'     => array( array( 'quota' => '10GB' ), '--quota must be a whole number of at least 1, got "10GB"' ),
			'bad threshold'  => array( array( 'threshold' => '85' ), '--threshold must be a fraction greater than 0 and at most 1, got "85"' ),
			'bad now'        => array( array( 'now' => 'yesterday' ), '--now must be a whole number' ),
			'bad method'     => array( array( 'method' => 'median' ), "Invalid value specified for 'method'" ),
			'bad format'     => array( array( 'format' => 'csv' ), "Invalid value specified for 'format'" ),
			'unknown option' => array( array( 'keep' => '3' ), 'unknown --keep parameter' ),
		);
	}

	/**
	 * @dataProvider input_errors
	 */
	public function test_input_errors_halt_with_exit_code_1( array $assoc_args, string $message ): void {
		if ( isset( $assoc_args['samples'] ) && '/' !== $assoc_args['samples'][0] ) {
			$assoc_args['samples'] = $this->temp_json( $assoc_args['samples'] );
		}
		$assoc_args += array( 'samples' => $this->temp_json( self::samples() ) );
		$result      = self::run_project( $assoc_args );
		$parameter   = false !== strpos( $message, 'Invalid value' ) || false !== strpos( $message, 'unknown --' );
		if ( ! self::expects_extension() && ! $parameter ) {
			$message = 'needs the jlg_native PHP extension'; // Checked before anything else.
		}
		$this->assert_error( $result, $message );
	}

	public function test_samples_option_is_required(): void {
		$this->assert_error( self::run_project( array() ), 'missing --samples parameter' );
	}
}
