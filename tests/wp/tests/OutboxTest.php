<?php
/**
 * The webhook outbox in WordPress: the every-minute WP-Cron event that flushes
 * it to a fake receiver on 127.0.0.1, and the Site Health check jlg_native_outbox.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use JLG\NativeCompanion\SiteHealth\Outbox as Check;
use const JLG\NativeCompanion\Outbox\CRON_HOOK;
use const JLG\NativeCompanion\Outbox\SCHEDULE;
use function JLG\NativeCompanion\Outbox\run_flush;
use function JLG\NativeCompanion\Outbox\schedule_flush;

final class OutboxTest extends Test_Case {

	use Outbox_Fixture;

	private const NS = 'JLG\\NativeCompanion\\Outbox\\';

	private const ALERT = array(
		'text'     => 'Backup failed',
		'title'    => 'Backup JLG',
		'severity' => 'critical',
	);

	public static function setUpBeforeClass(): void {
		require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
	}

	protected function setUp(): void {
		parent::setUp();
		$this->setUp_outbox();
		$this->preserve_option( 'cron' );
	}

	protected function tearDown(): void {
		$this->tearDown_outbox();
		parent::tearDown();
	}

	public function test_every_minute_schedule_and_callback_are_registered(): void {
		$schedules = wp_get_schedules();
		$this->assertArrayHasKey( SCHEDULE, $schedules );
		$this->assertSame( 60, $schedules[ SCHEDULE ]['interval'] );
		$this->assertNotFalse( has_action( CRON_HOOK, self::NS . 'cron_callback' ) );
		$this->assertNotFalse( has_action( 'init', self::NS . 'schedule_flush' ) );
		$this->assertNotFalse( has_filter( 'cron_schedules', self::NS . 'add_schedule' ) );
	}

	public function test_scheduled_with_the_extension_only(): void {
		wp_clear_scheduled_hook( CRON_HOOK );
		schedule_flush();
		if ( ! self::expects_extension() ) {
			$this->assertFalse( wp_next_scheduled( CRON_HOOK ), 'no event without the extension' );
			// An event left from a PHP that had it removes itself on its first run.
			wp_schedule_event( time(), SCHEDULE, CRON_HOOK );
			$this->assertNull( run_flush() );
			$this->assertFalse( wp_next_scheduled( CRON_HOOK ) );
			return;
		}
		$first = wp_next_scheduled( CRON_HOOK );
		$this->assertNotFalse( $first );
		$this->assertLessThanOrEqual( time(), $first, 'due at once' );
		$this->assertSame( SCHEDULE, wp_get_schedule( CRON_HOOK ) );
		schedule_flush();
		$events = array_filter( _get_cron_array(), static fn( $hooks ) => isset( $hooks[ CRON_HOOK ] ) );
		$this->assertCount( 1, $events, 'never scheduled twice' );
	}

	public function test_deactivation_unschedules_and_activation_schedules_again(): void {
		$plugin = self::env( 'JLG_WP_PLUGIN' );
		$this->preserve_option( 'active_plugins' );
		schedule_flush();
		try {
			deactivate_plugins( $plugin );
			$this->assertFalse( wp_next_scheduled( CRON_HOOK ), 'unscheduled on deactivation' );
		} finally {
			$activated = activate_plugin( $plugin );
		}
		$this->assertNull( $activated );
		if ( self::expects_extension() ) {
			$this->assertNotFalse( wp_next_scheduled( CRON_HOOK ), 'scheduled again on activation' );
			$this->assertSame( SCHEDULE, wp_get_schedule( CRON_HOOK ) );
		} else {
			$this->assertFalse( wp_next_scheduled( CRON_HOOK ) );
		}
	}

	public function test_cron_callback_delivers_the_queue_to_the_receiver(): void {
		if ( ! self::expects_extension() ) {
			$this->assertNull( run_flush() );
			return;
		}
		$srv = $this->fake();
		jlg_fake_script( $srv, '*', array( 'status' => 204 ) );
		jlg_fake_script( $srv, '/hooks/broken', array( 'status' => 503 ) );
		$outbox = $this->outbox();
		$outbox->enqueue( $this->fake_url( '/hooks/discord/SECRET-PART' ), self::ALERT, array( 'kind' => 'discord' ) );
		$outbox->enqueue( $this->fake_url( '/hooks/slack' ), self::ALERT, array( 'kind' => 'slack' ) );
		$outbox->enqueue( $this->fake_url( '/hooks/broken' ), array( 'x' => 1 ) );
		$pending = $outbox->pending();
		$this->assertCount( 3, $pending );
		$this->assertTrue( $pending[0]['encrypted'], 'URLs are sealed with the companion vault' );
		$this->assertSame( '127.0.0.1:' . $srv['port'], $pending[0]['host'] );

		do_action( CRON_HOOK );

		$requests = jlg_fake_requests( $srv );
		$this->assertCount( 3, $requests );
		$by_path = array_column( $requests, null, 'path' );
		$this->assertSame( 'POST', $by_path['/hooks/discord/SECRET-PART']['method'] );
		$discord = json_decode( $by_path['/hooks/discord/SECRET-PART']['body'], true );
		$this->assertSame( 'Backup failed', $discord['content'] );
		$this->assertSame( array( 'parse' => array() ), $discord['allowed_mentions'] );
		$this->assertSame( 'Backup JLG: Backup failed', json_decode( $by_path['/hooks/slack']['body'], true )['text'] );
		$left = $this->outbox()->pending();
		$this->assertCount( 1, $left, 'the 503 is retried later' );
		$this->assertSame( 503, $left[0]['last_status'] );
		$this->assertSame( 1, $left[0]['attempts'] );
		$this->assertGreaterThan( microtime( true ), $left[0]['not_before'] );
	}

	public function test_cron_run_respects_the_bounds_filter(): void {
		if ( ! self::expects_extension() ) {
			$this->assertNull( run_flush() );
			return;
		}
		jlg_fake_script( $this->fake(), '*', array( 'status' => 200 ) );
		$outbox = $this->outbox();
		foreach ( array( 'a', 'b', 'c' ) as $key ) {
			$outbox->enqueue( $this->fake_url( "/hooks/$key" ), array( 'k' => $key ), array( 'idempotency_key' => $key ) );
		}
		$this->add_test_filter(
			'jlg_native_outbox_flush_bounds',
			static fn() => array(
				'max_messages' => 2,
				'max_seconds'  => 5.0,
			)
		);
		$report = run_flush();
		$this->assertSame(
			array(
				'sent'      => 2,
				'retried'   => 0,
				'dead'      => 0,
				'remaining' => 1,
			),
			$report
		);
		$this->assertSame( 1, run_flush()['sent'] );
		$this->assertCount( 3, jlg_fake_requests( $this->fake() ) );
	}

	public function test_site_health_is_registered_as_a_direct_test(): void {
		$tests = \WP_Site_Health::get_tests();
		$this->assertArrayHasKey( Check\TEST_ID, $tests['direct'] );
		$this->assertTrue( is_callable( $tests['direct'][ Check\TEST_ID ]['test'] ) );
	}

	public function test_site_health_without_the_extension_is_recommended(): void {
		if ( self::expects_extension() ) {
			$this->assertSame( 'good', Check\get_test_result()['status'], 'an empty outbox' );
			return;
		}
		$result = Check\get_test_result();
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertSame( Check\TEST_ID, $result['test'] );
		$this->assertStringContainsString( 'unavailable', $result['label'] );
		$this->assertStringContainsString( 'jlg_native PHP extension', $result['description'] );
	}

	public function test_site_health_follows_the_age_of_the_oldest_pending_message(): void {
		if ( ! self::expects_extension() ) {
			$this->assertSame( 'recommended', Check\get_test_result()['status'] );
			return;
		}
		// A receiver that fails: nothing leaves the queue.
		$url = 'http://127.0.0.1:9/hooks/never';
		$this->outbox()->enqueue( $url, self::ALERT, array( 'kind' => 'discord' ) );
		$this->outbox()->enqueue( $url, self::ALERT, array( 'kind' => 'discord' ) );
		$now = microtime( true );

		$fresh = Check\get_test_result( $now + 60 );
		$this->assertSame( 'good', $fresh['status'], $fresh['label'] );
		$this->assertStringContainsString( 'Pending messages: 2', $fresh['description'] );
		$this->assertStringContainsString( 'Dead letters: 0', $fresh['description'] );
		$this->assertStringContainsString( 'queued 1 min ago', $fresh['description'] );

		$late = Check\get_test_result( $now + 20 * MINUTE_IN_SECONDS );
		$this->assertSame( 'recommended', $late['status'] );
		$this->assertSame( 'orange', $late['badge']['color'] );
		$this->assertStringContainsString( 'waiting for 20 mins', $late['label'] );
		$this->assertStringContainsString( 'wp-cron.php', $late['actions'] );

		$stuck = Check\get_test_result( $now + 2 * HOUR_IN_SECONDS );
		$this->assertSame( 'critical', $stuck['status'] );
		$this->assertSame( 'red', $stuck['badge']['color'] );
		$this->assertStringContainsString( 'waiting for 2 hours', $stuck['label'] );

		wp_clear_scheduled_hook( CRON_HOOK );
		$this->assertStringContainsString( 'not scheduled', Check\get_test_result( $now + 2 * HOUR_IN_SECONDS )['actions'] );

		$this->add_test_filter(
			'jlg_native_outbox_age_thresholds',
			static fn() => array(
				'recommended' => 30,
				'critical'    => 100,
			)
		);
		$this->assertSame( 'recommended', Check\get_test_result( $now + 60 )['status'] );
		$this->assertSame( 'critical', Check\get_test_result( $now + 120 )['status'] );
		$this->assertStringNotContainsString( '/hooks/never', Check\get_test_result( $now + 120 )['description'] );
	}

	public function test_site_health_recommends_a_look_at_dead_letters_without_showing_urls(): void {
		if ( ! self::expects_extension() ) {
			$this->assertSame( 'recommended', Check\get_test_result()['status'] );
			return;
		}
		$srv = $this->fake();
		jlg_fake_script( $srv, '/api/webhooks/', array( 'status' => 404 ) );
		$outbox = $this->outbox();
		$id     = $outbox->enqueue( $this->fake_url( '/api/webhooks/123/SECRET-TOKEN' ), self::ALERT, array( 'kind' => 'discord' ) );
		$this->assertSame( 1, run_flush()['dead'] );

		$result = Check\get_test_result();
		$this->assertSame( 'recommended', $result['status'] );
		$this->assertStringContainsString( '1 alert could not be delivered', $result['label'] );
		$this->assertStringContainsString( 'Dead letters: 1', $result['description'] );
		$this->assertStringContainsString( 'Oldest pending message: none', $result['description'] );
		$this->assertStringContainsString( "<td><code>$id</code></td><td>127.0.0.1:{$srv['port']}</td><td>discord</td><td>HTTP 404", $result['description'] );
		$this->assertStringContainsString( 'outbox retry', $result['actions'] );
		$this->assertStringNotContainsString( 'SECRET', $result['description'] . $result['actions'] . $result['label'] );

		$this->assertTrue( $outbox->retry( $id ) );
		$this->assertSame( 'good', Check\get_test_result()['status'], 'requeued, and fresh' );
	}
}
