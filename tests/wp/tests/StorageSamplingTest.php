<?php
/**
 * The daily WP-Cron event of the storage check, and the samples it records.
 * Pure PHP: the same behaviour is expected with and without the extension.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use const JLG\NativeCompanion\SiteHealth\Storage\CRON_HOOK;
use const JLG\NativeCompanion\SiteHealth\Storage\MAX_SAMPLES;
use const JLG\NativeCompanion\SiteHealth\Storage\SAMPLES_OPTION;
use function JLG\NativeCompanion\SiteHealth\Storage\record_samples;
use function JLG\NativeCompanion\SiteHealth\Storage\run_sampling;
use function JLG\NativeCompanion\SiteHealth\Storage\schedule_sampling;
use function JLG\NativeCompanion\SiteHealth\Storage\storage_paths;

final class StorageSamplingTest extends Test_Case {

	private const NS = 'JLG\\NativeCompanion\\SiteHealth\\Storage\\';

	protected function setUp(): void {
		parent::setUp();
		$this->preserve_option( SAMPLES_OPTION );
		delete_option( SAMPLES_OPTION );
	}

	/** Watches exactly these folders during the test. */
	private function watch( array $paths ): void {
		$this->add_test_filter( 'jlg_native_storage_paths', static fn() => $paths );
	}

	private static function stored(): array {
		return get_option( SAMPLES_OPTION );
	}

	public function test_default_folders_are_uploads_and_backup_jlg_archives(): void {
		$paths = storage_paths();
		$this->assertSame( array( 'uploads', 'backups' ), array_keys( $paths ) );
		$this->assertSame( untrailingslashit( wp_upload_dir( null, false )['basedir'] ), $paths['uploads'] );
		$this->assertSame( WP_CONTENT_DIR . '/bjlg-backups', $paths['backups'] );

		$this->add_test_filter(
			'jlg_native_storage_paths',
			static fn( $paths ) => array( 'extra' => '/srv/archive/' ) + $paths + array( '' => '/nowhere', 'bad' => 42 )
		);
		$this->assertSame( array( 'extra', 'uploads', 'backups' ), array_keys( storage_paths() ), 'malformed entries are dropped' );
		$this->assertSame( '/srv/archive', storage_paths()['extra'] );
	}

	public function test_daily_event_is_scheduled_with_its_callback(): void {
		$this->assertNotFalse( wp_next_scheduled( CRON_HOOK ), 'scheduled when the plugin was activated' );
		$this->assertSame( 'daily', wp_get_schedule( CRON_HOOK ) );
		$this->assertNotFalse( has_action( CRON_HOOK, self::NS . 'run_sampling' ) );
		$this->assertNotFalse( has_action( 'init', self::NS . 'schedule_sampling' ) );
	}

	public function test_init_reschedules_a_missing_event_once(): void {
		wp_clear_scheduled_hook( CRON_HOOK );
		try {
			$this->assertFalse( wp_next_scheduled( CRON_HOOK ) );
			schedule_sampling();
			$first = wp_next_scheduled( CRON_HOOK );
			$this->assertNotFalse( $first );
			$this->assertLessThanOrEqual( time(), $first, 'the first sample is due at once' );
			schedule_sampling();
			$events = array_filter( _get_cron_array(), static fn( $hooks ) => isset( $hooks[ CRON_HOOK ] ) );
			$this->assertCount( 1, $events, 'never scheduled twice' );
		} finally {
			schedule_sampling();
		}
	}

	public function test_deactivation_unschedules_and_activation_schedules_again(): void {
		$plugin = self::env( 'JLG_WP_PLUGIN' );
		$this->preserve_option( 'active_plugins' );
		try {
			deactivate_plugins( $plugin );
			$this->assertFalse( is_plugin_active( $plugin ) );
			$this->assertFalse( wp_next_scheduled( CRON_HOOK ), 'unscheduled on deactivation' );
		} finally {
			$activated = activate_plugin( $plugin );
		}
		$this->assertNull( $activated );
		$this->assertTrue( is_plugin_active( $plugin ) );
		$this->assertNotFalse( wp_next_scheduled( CRON_HOOK ), 'scheduled again on activation' );
		$this->assertSame( 'daily', wp_get_schedule( CRON_HOOK ) );
	}

	public function test_callback_measures_each_folder_and_appends_a_sample(): void {
		$dir = $this->temp_dir();
		self::write_file( "$dir/a.zip", 100 );
		self::write_file( "$dir/b.zip", 250 );
		self::write_file( "$dir/2024/05/c.jpg", 4000 );
		$missing = "$dir-missing";
		$this->watch(
			array(
				'data' => $dir,
				'gone' => $missing,
			)
		);

		$before = time();
		do_action( CRON_HOOK );
		$after  = time();
		$stored = self::stored();
		$this->assertSame( array( 'data', 'gone' ), array_keys( $stored ) );
		$this->assertSame( $dir, $stored['data']['path'] );
		$this->assertCount( 1, $stored['data']['samples'] );
		$this->assertSame( 4350, $stored['data']['samples'][0]['used_bytes'] );
		$this->assertGreaterThanOrEqual( $before, $stored['data']['samples'][0]['timestamp'] );
		$this->assertLessThanOrEqual( $after, $stored['data']['samples'][0]['timestamp'] );
		$this->assertSame( 3, $stored['data']['last']['files'] );
		$this->assertTrue( $stored['data']['last']['complete'] );
		$this->assertSame( array(), $stored['gone']['samples'], 'a missing folder gets no sample' );
		$this->assertFalse( $stored['gone']['last']['exists'] );

		// The next day, through the cron hook itself.
		self::write_file( "$dir/d.zip", 1000 );
		add_filter( 'jlg_native_storage_paths', $only = static fn() => array( 'data' => $dir ) );
		try {
			record_samples( $stored['data']['samples'][0]['timestamp'] + DAY_IN_SECONDS );
		} finally {
			remove_filter( 'jlg_native_storage_paths', $only );
		}
		$samples = self::stored()['data']['samples'];
		$this->assertSame( array( 4350, 5350 ), array_column( $samples, 'used_bytes' ) );
		$this->assertArrayNotHasKey( 'gone', self::stored(), 'folders no longer watched are forgotten' );
	}

	public function test_samples_are_capped_and_the_oldest_dropped(): void {
		$dir = $this->temp_dir();
		self::write_file( "$dir/archive.zip", 777 );
		$this->watch( array( 'data' => $dir ) );
		$start   = time() - MAX_SAMPLES * DAY_IN_SECONDS;
		$samples = array();
		for ( $i = 0; $i < MAX_SAMPLES; $i++ ) {
			$samples[] = array(
				'timestamp'  => $start + $i * DAY_IN_SECONDS,
				'used_bytes' => 1000 + $i,
			);
		}
		update_option(
			SAMPLES_OPTION,
			array(
				'data' => array(
					'path'    => $dir,
					'samples' => $samples,
					'last'    => null,
				),
			),
			false
		);

		run_sampling();
		$stored = self::stored()['data']['samples'];
		$this->assertSame( 400, MAX_SAMPLES );
		$this->assertCount( MAX_SAMPLES, $stored );
		$this->assertSame( $samples[1], $stored[0], 'the oldest sample was dropped' );
		$this->assertSame( $samples[ MAX_SAMPLES - 1 ], $stored[ MAX_SAMPLES - 2 ] );
		$this->assertSame( 777, $stored[ MAX_SAMPLES - 1 ]['used_bytes'] );

		run_sampling();
		$this->assertCount( MAX_SAMPLES, self::stored()['data']['samples'] );
		$this->assertSame( 'no', $GLOBALS['wpdb']->get_var( $GLOBALS['wpdb']->prepare( "SELECT autoload FROM {$GLOBALS['wpdb']->options} WHERE option_name = %s", SAMPLES_OPTION ) ), 'not loaded on every request' );
	}

	public function test_a_sample_in_the_same_second_replaces_the_previous_one(): void {
		$dir = $this->temp_dir();
		self::write_file( "$dir/a", 10 );
		$this->watch( array( 'data' => $dir ) );
		$now = time();
		record_samples( $now );
		self::write_file( "$dir/b", 5 );
		record_samples( $now );
		$this->assertSame(
			array(
				array(
					'timestamp'  => $now,
					'used_bytes' => 15,
				),
			),
			self::stored()['data']['samples']
		);
	}

	public function test_a_moved_folder_starts_a_new_series(): void {
		$old = $this->temp_dir();
		$new = $this->temp_dir();
		self::write_file( "$old/a", 10 );
		self::write_file( "$new/a", 20 );
		$now   = time();
		$paths = array( 'data' => $old );
		$this->add_test_filter( 'jlg_native_storage_paths', static function () use ( &$paths ) {
			return $paths;
		} );
		record_samples( $now - DAY_IN_SECONDS );
		$paths = array( 'data' => $new );
		record_samples( $now );
		$this->assertSame( $new, self::stored()['data']['path'] );
		$this->assertSame( array( 20 ), array_column( self::stored()['data']['samples'], 'used_bytes' ) );
	}

	public function test_walk_is_bounded_and_a_partial_sum_is_not_sampled(): void {
		$dir = $this->temp_dir();
		for ( $i = 0; $i < 6; $i++ ) {
			self::write_file( "$dir/f$i", 100 );
		}
		$this->watch( array( 'data' => $dir ) );
		$this->add_test_filter( 'jlg_native_storage_walk_limit', static fn() => 3 );
		run_sampling();
		$entry = self::stored()['data'];
		$this->assertSame( array(), $entry['samples'] );
		$this->assertFalse( $entry['last']['complete'] );
		$this->assertSame( 3, $entry['last']['files'] );
		$this->assertSame( 300, $entry['last']['bytes'] );
	}

	public function test_links_are_neither_followed_nor_counted(): void {
		$dir     = $this->temp_dir();
		$outside = $this->temp_dir();
		self::write_file( "$dir/own", 50 );
		self::write_file( "$outside/big", 9000 );
		$this->assertTrue( symlink( "$outside/big", "$dir/link-to-file" ) );
		$this->assertTrue( symlink( $outside, "$dir/link-to-folder" ) );
		$this->assertTrue( symlink( $dir, "$dir/loop" ) );
		$this->watch( array( 'data' => $dir ) );
		run_sampling();
		$this->assertSame( 50, self::stored()['data']['samples'][0]['used_bytes'] );
	}

	public function test_malformed_stored_samples_are_ignored(): void {
		$dir = $this->temp_dir();
		self::write_file( "$dir/a", 42 );
		$this->watch( array( 'data' => $dir ) );
		$now = time();
		update_option(
			SAMPLES_OPTION,
			array(
				'data'  => array(
					'path'    => $dir,
					'samples' => array(
						array(
							'timestamp'  => $now - 300,
							'used_bytes' => 1,
						),
						'junk',
						array(
							'timestamp'  => $now - 400,
							'used_bytes' => 2,
						), // Out of order.
						array(
							'timestamp'  => (string) ( $now - 200 ),
							'used_bytes' => 3,
						),
						array(
							'timestamp'  => $now - 100,
							'used_bytes' => -4,
						),
					),
				),
				'other' => 'junk',
			),
			false
		);
		record_samples( $now );
		$this->assertSame( array( 1, 42 ), array_column( self::stored()['data']['samples'], 'used_bytes' ) );
	}
}
