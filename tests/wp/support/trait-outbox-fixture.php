<?php
/**
 * A private state store and, on demand, the scripted fake HTTP server of
 * tests/support/http-fake (a webhook receiver and a Discord API on 127.0.0.1).
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

require_once dirname( __DIR__, 2 ) . '/support/http-fake/server.php';

/**
 * setUp_outbox() points the companion's store at a temporary folder;
 * fake() starts the fake server (its own process group) the first time a
 * test asks; tearDown_outbox() stops it and removes the folder.
 */
trait Outbox_Fixture {

	private string $store_dir = '';

	/** @var array|null The running fake server (jlg_fake_start()), if any. */
	private ?array $fake_server = null;

	private function setUp_outbox(): void {
		$this->store_dir = sys_get_temp_dir() . '/jlg-wp-outbox-' . getmypid() . '-' . bin2hex( random_bytes( 4 ) );
		mkdir( $this->store_dir, 0700 );
		add_filter( 'jlg_native_companion_state_path', array( $this, 'outbox_state_path' ) );
	}

	private function tearDown_outbox(): void {
		remove_filter( 'jlg_native_companion_state_path', array( $this, 'outbox_state_path' ) );
		if ( null !== $this->fake_server ) {
			jlg_fake_stop( $this->fake_server );
			$this->fake_server = null;
		}
		gc_collect_cycles(); // Closes the SQLite handles of dropped objects.
		if ( '' !== $this->store_dir && is_dir( $this->store_dir ) ) {
			jlg_rm_tree( $this->store_dir );
		}
	}

	public function outbox_state_path(): string {
		return $this->store_dir . '/state.sqlite';
	}

	/** The fake server, started on first use. */
	private function fake(): array {
		if ( null === $this->fake_server ) {
			$this->fake_server = jlg_fake_start();
		}
		return $this->fake_server;
	}

	/** URL of the fake server with $path. */
	private function fake_url( string $path ): string {
		return $this->fake()['url'] . $path;
	}

	/** The companion's outbox, asserting there is one. */
	private function outbox(): \JLG\Native\WebhookOutbox {
		$outbox = \JLG\NativeCompanion\Outbox\open_outbox();
		$this->assertInstanceOf( \JLG\Native\WebhookOutbox::class, $outbox, is_wp_error( $outbox ) ? $outbox->get_error_message() : '' );
		return $outbox;
	}
}
