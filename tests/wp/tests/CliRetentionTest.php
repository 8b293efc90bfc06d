<?php
/**
 * `wp jlg-native retention plan`, through the WP-CLI stand-in.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

final class CliRetentionTest extends Test_Case {

	/** 2023-11-14 12:00:00 UTC. */
	private const NOW = 1699963200;

	private static function run_plan( array $assoc_args ): array {
		return \WP_CLI::run_command( array( 'jlg-native', 'retention', 'plan' ), $assoc_args );
	}

	/**
	 * One archive a day at noon UTC, newest at NOW, listed oldest first
	 * (the command must not depend on the order).
	 */
	private static function archives( int $count ): array {
		$archives = array();
		for ( $k = $count - 1; $k >= 0; $k-- ) {
			$archives[] = array(
				'id'        => sprintf( 'backup-%02d.zip', $count - $k ),
				'timestamp' => self::NOW - $k * DAY_IN_SECONDS,
				'size'      => 1000 * ( $count - $k ),
			);
		}
		return $archives;
	}

	private function assert_error( array $result, string $message ): void {
		$this->assertSame( 1, $result['exit_code'], $result['stdout'] );
		$this->assertSame( '', $result['stdout'] );
		$this->assertStringStartsWith( 'Error: ', $result['stderr'] );
		$this->assertStringContainsString( $message, $result['stderr'] );
	}

	public function test_command_is_registered(): void {
		$this->assertContains( 'jlg-native retention', \WP_CLI::standin_commands() );
	}

	public function test_keep_n_as_a_table(): void {
		$result = self::run_plan(
			array(
				'archives' => $this->temp_json( self::archives( 5 ) ),
				'keep'     => '2',
				'now'      => (string) self::NOW,
			)
		);
		if ( ! self::expects_extension() ) {
			$this->assert_error( $result, 'needs the jlg_native PHP extension' );
			return;
		}
		$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		$this->assertSame( '', $result['stderr'] );
		$this->assertMatchesRegularExpression( '/^\| id\s+\| date\s+\| size\s+\| action\s+\| reasons\s+\|$/m', $result['stdout'] );
		preg_match_all( '/^\| (backup-\d+\.zip)\s+\| (\S+)\s+\| (\d+)\s+\| (keep|delete)\s+\| (\S+)\s+\|$/m', $result['stdout'], $m, PREG_SET_ORDER );
		$this->assertSame(
			array(
				array( 'backup-05.zip', '2023-11-14T12:00:00Z', '5000', 'keep', 'newest_n' ),
				array( 'backup-04.zip', '2023-11-13T12:00:00Z', '4000', 'keep', 'newest_n' ),
				array( 'backup-03.zip', '2023-11-12T12:00:00Z', '3000', 'delete', 'beyond_newest_n' ),
				array( 'backup-02.zip', '2023-11-11T12:00:00Z', '2000', 'delete', 'beyond_newest_n' ),
				array( 'backup-01.zip', '2023-11-10T12:00:00Z', '1000', 'delete', 'beyond_newest_n' ),
			),
			array_map( static fn( $row ) => array_slice( $row, 1 ), $m ),
			'newest first'
		);
		$this->assertStringContainsString( 'Success: The policy keeps 2 archives and deletes 3, freeing ' . size_format( 6000, 1 ) . '.', $result['stdout'] );
	}

	public function test_gfs_as_json_matches_the_extension(): void {
		$archives = self::archives( 40 );
		$result   = self::run_plan(
			array(
				'archives' => $this->temp_json( $archives ),
				'gfs'      => 'last=2, daily=5,weekly=2,monthly=2',
				'now'      => (string) self::NOW,
				'format'   => 'json',
			)
		);
		if ( ! self::expects_extension() ) {
			$this->assert_error( $result, 'needs the jlg_native PHP extension' );
			return;
		}
		$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		$this->assertSame( '', $result['stderr'], 'JSON output only' );
		$rows = json_decode( $result['stdout'], true );
		$this->assertCount( 40, $rows );
		$this->assertSame( array( 'id', 'timestamp', 'size', 'action', 'reasons' ), array_keys( $rows[0] ) );
		$this->assertSame( 'backup-40.zip', $rows[0]['id'] );
		$this->assertSame( 'backup-01.zip', $rows[39]['id'] );

		$expected = \JLG\Native\Retention::select(
			$archives,
			array(
				'keep_last'    => 2,
				'keep_daily'   => 5,
				'keep_weekly'  => 2,
				'keep_monthly' => 2,
				'timezone'     => wp_timezone_string(),
			),
			self::NOW
		);
		$keep = array_column( array_filter( $rows, static fn( $r ) => 'keep' === $r['action'] ), 'id' );
		$this->assertSame( $expected['keep'], array_values( $keep ) );
		foreach ( $rows as $row ) {
			$this->assertSame( $expected['reasons'][ $row['id'] ], $row['reasons'], $row['id'] );
		}
		// Worked out by hand (NOW is Tuesday 14 November): last keeps the 14th
		// and 13th; daily the 14th to the 10th; weekly the 14th and Sunday the
		// 12th (the week before); monthly the 14th and 31 October (backup-26).
		$this->assertSame( array( 'backup-40.zip', 'backup-39.zip', 'backup-38.zip', 'backup-37.zip', 'backup-36.zip', 'backup-26.zip' ), array_values( $keep ) );
		$this->assertSame( 'last,daily,weekly,monthly', $rows[0]['reasons'] );
		$this->assertSame( 'daily,weekly', $rows[2]['reasons'] );
		$this->assertSame( 'monthly', $rows[14]['reasons'] );
		$this->assertSame( 'unmatched', $rows[38]['reasons'] );
	}

	public function test_an_unlimited_count_is_accepted(): void {
		$result = self::run_plan(
			array(
				'archives' => $this->temp_json( self::archives( 3 ) ),
				'gfs'      => 'daily=-1',
				'format'   => 'json',
			)
		);
		if ( ! self::expects_extension() ) {
			$this->assert_error( $result, 'jlg_native' );
			return;
		}
		$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		$this->assertSame( array( 'keep', 'keep', 'keep' ), array_column( json_decode( $result['stdout'], true ), 'action' ) );
	}

	/** @return array<string, array{0: array, 1: string}> */
	public function input_errors(): array {
		return array(
			'both policies'    => array( array( 'keep' => '3', 'gfs' => 'daily=7' ), 'Give either --keep=<n> or --gfs=<spec>, not both.' ),
			'no policy'        => array( array(), 'Give a policy: --keep=<n>' ),
			'keep zero'        => array( array( 'keep' => '0' ), '--keep must be a whole number of at least 1, got "0"' ),
			'keep text'        => array( array( 'keep' => 'three' ), '--keep must be a whole number of at least 1, got "three"' ),
			'empty spec'       => array( array( 'gfs' => ' ' ), '--gfs needs rules' ),
			'not a pair'       => array( array( 'gfs' => 'daily' ), '--gfs: "daily" is not a rule=count pair' ),
			'unknown rule'     => array( array( 'gfs' => 'last=3,dayly=7' ), '--gfs: unknown rule "dayly" (rules: last, hourly, daily, weekly, monthly, yearly).' ),
			'rule twice'       => array( array( 'gfs' => 'daily=7,daily=3' ), '--gfs: the rule "daily" is given twice.' ),
			'bad count'        => array( array( 'gfs' => 'weekly=four' ), '--gfs: the count of "weekly" must be a positive whole number or -1 (unlimited), got "four".' ),
			'zero count'       => array( array( 'gfs' => 'weekly=0' ), 'got "0"' ),
			'count too big'    => array( array( 'gfs' => 'last=5000000' ), 'Invalid input: policy.keep_last: must be a count from 0 to 1000000' ),
			'missing file'     => array( array( 'keep' => '3', 'archives' => '/nonexistent/archives.json' ), '--archives: file not found: /nonexistent/archives.json' ),
			'bad JSON'         => array( array( 'keep' => '3', 'archives' => '[{"id": "a",' ), 'is not valid JSON' ),
			'not a list'       => array( array( 'keep' => '3', 'archives' => '{"a": 1}' ), 'must hold a JSON array' ),
			'duplicate id'     => array( array( 'keep' => '3', 'archives' => '[{"id": "a", "timestamp": 1, "size": 1}, {"id": "a", "timestamp": 2, "size": 1}]' ), 'Invalid input: archives[1].id: duplicate id "a"' ),
			'unknown key'      => array( array( 'keep' => '3', 'archives' => '[{"id": "a", "timestamp": 1, "bytes": 1}]' ), 'archives[0].bytes: unknown key' ),
			'bad format'       => array( array( 'keep' => '3', 'format' => 'yaml' ), "Invalid value specified for 'format'" ),
			'keep needs value' => array( array( 'keep' => true ), '--keep needs a value' ),
		);
	}

	/**
	 * @dataProvider input_errors
	 */
	public function test_input_errors_halt_with_exit_code_1( array $assoc_args, string $message ): void {
		if ( isset( $assoc_args['archives'] ) && '/' !== $assoc_args['archives'][0] ) {
			$assoc_args['archives'] = $this->temp_json( $assoc_args['archives'] );
		}
		$assoc_args += array( 'archives' => $this->temp_json( self::archives( 3 ) ) );
		$parameter   = false !== strpos( $message, 'Invalid value' ) || false !== strpos( $message, 'needs a value' );
		if ( ! self::expects_extension() && ! $parameter ) {
			$message = 'needs the jlg_native PHP extension'; // Checked before anything else.
		}
		$this->assert_error( self::run_plan( $assoc_args ), $message );
	}

	public function test_archives_option_is_required(): void {
		$this->assert_error( self::run_plan( array( 'keep' => '3' ) ), 'missing --archives parameter' );
	}
}
