<?php
/**
 * Site Health check jlg_native_storage: projections of seeded sample series.
 *
 * Every series is a straight line, so the Theil-Sen bounds collapse onto the
 * estimate and the level is known in advance: with a quota of 1,000,000 bytes
 * and the default threshold of 85 %, usage must stay below 850,000 bytes.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use const JLG\NativeCompanion\SiteHealth\Storage\QUOTAS_OPTION;
use const JLG\NativeCompanion\SiteHealth\Storage\SAMPLES_OPTION;
use const JLG\NativeCompanion\SiteHealth\Storage\TEST_ID;
use function JLG\NativeCompanion\SiteHealth\Storage\folder_reports;
use function JLG\NativeCompanion\SiteHealth\Storage\get_test_result;

final class StorageSiteHealthTest extends Test_Case {

	private const QUOTA = 1000000;

	private int $now;

	public static function setUpBeforeClass(): void {
		require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
	}

	protected function setUp(): void {
		parent::setUp();
		$this->preserve_option( SAMPLES_OPTION );
		$this->preserve_option( QUOTAS_OPTION );
		delete_option( SAMPLES_OPTION );
		delete_option( QUOTAS_OPTION );
		$this->now = time();
	}

	/**
	 * 30 daily samples ending an hour before now: start, start + step, ...
	 *
	 * @return list<array{timestamp: int, used_bytes: int}>
	 */
	private function series( int $start, int $step, int $count = 30 ): array {
		$samples = array();
		$first   = $this->now - HOUR_IN_SECONDS - ( $count - 1 ) * DAY_IN_SECONDS;
		for ( $i = 0; $i < $count; $i++ ) {
			$samples[] = array(
				'timestamp'  => $first + $i * DAY_IN_SECONDS,
				'used_bytes' => $start + $i * $step,
			);
		}
		return $samples;
	}

	/**
	 * Watches one temp folder per id, with the given samples stored for it,
	 * and a quota of 1,000,000 bytes (filter) unless $quota says otherwise.
	 *
	 * @param array<string, list<array>> $series id => samples.
	 * @return array<string, string> id => folder.
	 */
	private function seed( array $series, ?int $quota = self::QUOTA ): array {
		$paths  = array();
		$stored = array();
		foreach ( $series as $id => $samples ) {
			$paths[ $id ]  = $this->temp_dir();
			$last          = end( $samples );
			$stored[ $id ] = array(
				'path'    => $paths[ $id ],
				'samples' => $samples,
				'last'    => false === $last ? null : array(
					'timestamp' => $last['timestamp'],
					'exists'    => true,
					'bytes'     => $last['used_bytes'],
					'files'     => 3,
					'complete'  => true,
				),
			);
		}
		update_option( SAMPLES_OPTION, $stored, false );
		$this->add_test_filter( 'jlg_native_storage_paths', static fn() => $paths );
		$this->add_test_filter( 'jlg_native_storage_quota', static fn() => $quota );
		return $paths;
	}

	/** The check as Site Health registers it. */
	private static function registered_test(): array {
		$tests = \WP_Site_Health::get_tests();
		self::assertArrayHasKey( TEST_ID, $tests['direct'], 'registered as a direct test' );
		return $tests['direct'][ TEST_ID ];
	}

	private static function assert_result_shape( array $result ): void {
		foreach ( array( 'label', 'status', 'badge', 'description', 'actions', 'test' ) as $key ) {
			self::assertArrayHasKey( $key, $result );
		}
		self::assertSame( TEST_ID, $result['test'] );
		self::assertContains( $result['status'], array( 'good', 'recommended', 'critical' ) );
		self::assertNotEmpty( $result['badge']['label'] );
	}

	/** Without the extension: recommended, with the sizes but no projection. */
	private function assert_needs_extension( array $result, array $sizes ): void {
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertSame( 'orange', $result['badge']['color'] );
		$this->assertStringContainsString( 'needs the JLG Native extension', $result['label'] );
		$this->assertStringContainsString( 'jlg_native', $result['actions'] );
		foreach ( $sizes as $bytes ) {
			$this->assertStringContainsString( esc_html( size_format( $bytes, 1 ) ) . ' used', $result['description'] );
		}
		$this->assertStringNotContainsString( 'days', $result['description'] );
	}

	public function test_is_registered_as_a_direct_test(): void {
		$test = self::registered_test();
		$this->assertNotEmpty( $test['label'] );
		$this->assertTrue( is_callable( $test['test'] ) );
		$this->assertArrayNotHasKey( TEST_ID, \WP_Site_Health::get_tests()['async'] );
	}

	public function test_growth_reaching_the_threshold_within_a_month_is_recommended(): void {
		$paths  = $this->seed( array( 'media' => $this->series( 500000, 10000 ) ) );
		$result = get_test_result( $this->now );
		self::assert_result_shape( $result );
		$this->assertStringContainsString( esc_html( $paths['media'] ), $result['description'] );

		if ( ! self::expects_extension() ) {
			$this->assert_needs_extension( $result, array( 790000 ) );
			return;
		}
		// Last sample 790,000 an hour ago, +10,000 a day: 850,000 in 59,583.3 / 10,000 days.
		$expected   = ( 850000 - ( 790000 + 10000 / 24 ) ) / 10000;
		$projection = folder_reports( $this->now )[0]['projection'];
		$this->assertSame( 'watch', $projection['level'] );
		$this->assertEqualsWithDelta( 10000, $projection['slope_bytes_per_day'], 1e-6 );
		foreach ( array( 'p10', 'p50', 'p90' ) as $p ) {
			$this->assertEqualsWithDelta( $expected, $projection['days_to_threshold'][ $p ], 1e-6, $p );
		}
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertSame( 'orange', $result['badge']['color'] );
		$this->assertStringContainsString( 'media could reach its limit within 6 days', $result['label'] );
		$this->assertStringContainsString( 'in about 6.0 days', $result['description'] );
		$this->assertStringContainsString( esc_html( '85% of ' . size_format( self::QUOTA, 1 ) ), $result['description'] );
		$this->assertStringContainsString( 'retention plan', $result['actions'] );

		// Site Health calls the check without arguments.
		$this->assertSame( 'recommended', call_user_func( self::registered_test()['test'] )['status'] );
	}

	public function test_a_noisy_series_is_reported_with_its_range(): void {
		$series = $this->series( 300000, 10000 );
		foreach ( $series as $i => &$sample ) {
			$sample['used_bytes'] += ( ( $i * 37 ) % 11 - 5 ) * 3000; // Irregular, from -15,000 to +15,000.
		}
		unset( $sample );
		$this->seed( array( 'media' => $series ) );
		$result = get_test_result( $this->now );
		if ( ! self::expects_extension() ) {
			$this->assert_needs_extension( $result, array( end( $series )['used_bytes'] ) );
			return;
		}
		$days = folder_reports( $this->now )[0]['projection']['days_to_threshold'];
		$this->assertLessThan( $days['p50'], $days['p10'] );
		$this->assertGreaterThan( $days['p50'], $days['p90'] );
		$this->assertStringContainsString(
			sprintf( 'in about %s days (between %s and %s).', number_format_i18n( $days['p50'], 0 ), number_format_i18n( $days['p10'], 0 ), number_format_i18n( $days['p90'], 0 ) ),
			$result['description']
		);
	}

	public function test_threshold_within_a_day_is_critical(): void {
		$this->seed( array( 'media' => $this->series( 500000, 12000 ) ) ); // 848,000 now: 0.125 day left.
		$result = get_test_result( $this->now );
		self::assert_result_shape( $result );
		if ( ! self::expects_extension() ) {
			$this->assert_needs_extension( $result, array( 848000 ) );
			return;
		}
		$this->assertSame( 'critical', folder_reports( $this->now )[0]['projection']['level'] );
		$this->assertSame( 'critical', $result['status'] );
		$this->assertSame( 'red', $result['badge']['color'] );
		$this->assertStringContainsString( 'within 1 day', $result['label'] );
	}

	public function test_a_folder_past_the_threshold_is_critical(): void {
		$this->seed( array( 'media' => $this->series( 700000, 10000 ) ) ); // 990,000 now.
		$result = get_test_result( $this->now );
		if ( ! self::expects_extension() ) {
			$this->assert_needs_extension( $result, array( 990000 ) );
			return;
		}
		$this->assertSame( 'critical', $result['status'] );
		$this->assertStringContainsString( 'media is at its limit', $result['label'] );
		$this->assertStringContainsString( 'already reached 85%', $result['description'] );
	}

	public function test_the_worst_folder_sets_the_status_and_the_label(): void {
		$this->seed(
			array(
				'slow'   => $this->series( 100000, 100 ),
				'soon'   => $this->series( 500000, 10000 ),
				'urgent' => $this->series( 500000, 12000 ),
			)
		);
		$result = get_test_result( $this->now );
		if ( ! self::expects_extension() ) {
			$this->assert_needs_extension( $result, array( 102900, 790000, 848000 ) );
			return;
		}
		$levels = array_column( array_column( folder_reports( $this->now ), 'projection' ), 'level' );
		$this->assertSame( array( 'ok', 'watch', 'critical' ), $levels );
		$this->assertSame( 'critical', $result['status'] );
		$this->assertStringContainsString( 'urgent could reach', $result['label'] );
		$this->assertSame( 3, substr_count( $result['description'], '<li>' ) );
	}

	public function test_slow_or_flat_usage_is_good(): void {
		$this->seed(
			array(
				'slow' => $this->series( 100000, 100 ),  // 7,471 days to go.
				'flat' => $this->series( 400000, 0 ),
			)
		);
		$result = get_test_result( $this->now );
		self::assert_result_shape( $result );
		if ( ! self::expects_extension() ) {
			$this->assert_needs_extension( $result, array( 102900, 400000 ) );
			return;
		}
		$this->assertSame( 'good', $result['status'] );
		$this->assertSame( 'blue', $result['badge']['color'] );
		$this->assertSame( '', $result['actions'] );
		$this->assertStringContainsString( 'It is not growing. At this rate it never reaches 85%', $result['description'] );
		$this->assertStringContainsString( 'It grows by about 100 B a day.', $result['description'] );
	}

	public function test_without_samples_the_current_size_is_measured_and_the_level_is_unknown(): void {
		$dir = $this->temp_dir();
		self::write_file( "$dir/a.zip", 1234 );
		self::write_file( "$dir/sub/b.zip", 766 );
		$this->add_test_filter(
			'jlg_native_storage_paths',
			static fn() => array(
				'data'    => $dir,
				'missing' => "$dir-not-there",
			)
		);
		$this->add_test_filter( 'jlg_native_storage_quota', static fn() => self::QUOTA );

		$result = get_test_result( $this->now );
		self::assert_result_shape( $result );
		$this->assertStringContainsString( esc_html( size_format( 2000, 1 ) ) . ' used (0 daily samples)', $result['description'] );
		$this->assertStringContainsString( 'this folder does not exist', $result['description'] );
		$this->assertFalse( get_option( SAMPLES_OPTION ), 'the check itself records nothing' );
		if ( ! self::expects_extension() ) {
			$this->assert_needs_extension( $result, array( 2000 ) );
			return;
		}
		$reports = folder_reports( $this->now );
		$this->assertSame( 'unknown', $reports[0]['projection']['level'] );
		$this->assertNull( $reports[1]['projection'], 'nothing to project for a missing folder' );
		$this->assertSame( 'good', $result['status'] );
		$this->assertStringContainsString( 'Not enough samples yet', $result['description'] );
	}

	public function test_without_a_quota_there_is_no_limit_to_project(): void {
		$this->seed( array( 'media' => $this->series( 500000, 10000 ) ), null );
		$result = get_test_result( $this->now );
		if ( ! self::expects_extension() ) {
			$this->assert_needs_extension( $result, array( 790000 ) );
			return;
		}
		$this->assertSame( 'good', $result['status'] );
		$this->assertStringContainsString( 'No quota is known', $result['description'] );
	}

	public function test_the_quota_option_is_used_and_defaults_to_the_partition_size(): void {
		$dir = $this->temp_dir();
		$this->add_test_filter( 'jlg_native_storage_paths', static fn() => array( 'data' => $dir ) );
		$this->assertSame( (int) disk_total_space( $dir ), folder_reports( $this->now )[0]['quota_bytes'] );
		update_option( QUOTAS_OPTION, array( 'data' => 5000000 ) );
		$this->assertSame( 5000000, folder_reports( $this->now )[0]['quota_bytes'] );
	}

	public function test_a_failed_projection_is_reported(): void {
		$series                    = $this->series( 500000, 10000 );
		$series[29]['used_bytes']  = 2 ** 60; // Beyond what the extension accepts.
		$this->seed( array( 'media' => $series ) );
		$result = get_test_result( $this->now );
		if ( ! self::expects_extension() ) {
			$this->assertSame( 'recommended', $result['status'] );
			return;
		}
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertSame( 'The storage projection failed', $result['label'] );
		$this->assertStringContainsString( 'samples[29].used_bytes', $result['description'] );
	}

	public function test_strings_are_translatable_in_the_plugin_text_domain(): void {
		$this->seed( array( 'media' => $this->series( 500000, 10000 ) ) );
		$translate = static fn( $translation, $text ) => '[xx] ' . $text;
		$this->add_test_filter( 'gettext_jlg-native', $translate, 10, 2 );
		$this->add_test_filter(
			'ngettext_jlg-native',
			static fn( $translation, $single, $plural, $number ) => '[xx] ' . ( 1 === (int) $number ? $single : $plural ),
			10,
			4
		);
		$result = get_test_result( $this->now );
		$this->assertStringStartsWith( '[xx] ', $result['label'] );
		$this->assertStringStartsWith( '[xx] ', $result['badge']['label'] );
		$this->assertStringStartsWith( '[xx] ', self::registered_test()['label'] );
		$this->assertStringContainsString( '<p>[xx] ', $result['description'] );
		$this->assertStringContainsString( '<p>[xx] ', $result['actions'] );
	}

	public function test_site_health_screen_of_the_web_server_projects_the_uploads(): void {
		// Shared with the web server through the database: samples of the
		// real uploads folder and a quota option (filters do not cross processes).
		$uploads = untrailingslashit( wp_upload_dir( null, false )['basedir'] );
		$samples = $this->series( 500000, 12000 );
		update_option(
			SAMPLES_OPTION,
			array(
				'uploads' => array(
					'path'    => $uploads,
					'samples' => $samples,
					'last'    => array(
						'timestamp' => end( $samples )['timestamp'],
						'exists'    => true,
						'bytes'     => 848000,
						'files'     => 1,
						'complete'  => true,
					),
				),
			),
			false
		);
		update_option( QUOTAS_OPTION, array( 'uploads' => self::QUOTA ) );

		$response = $this->logged_in_http()->get( '/wp-admin/site-health.php' );
		$this->assertSame( 200, $response['status'] );
		$this->assertSame( 1, preg_match( '/var SiteHealth = (\{.*?\});\s*\n/s', $response['body'], $m ) );
		$data = json_decode( $m[1], true );
		$ours = array_values( array_filter( $data['site_status']['direct'], static fn( $r ) => TEST_ID === ( $r['test'] ?? null ) ) );
		$this->assertCount( 1, $ours, 'the check ran on the Site Health screen' );
		$this->assertSame( self::expects_extension() ? 'critical' : 'recommended', $ours[0]['status'] );
		$this->assertStringContainsString( esc_html( size_format( 848000, 1 ) ), $ours[0]['description'] );
	}
}
