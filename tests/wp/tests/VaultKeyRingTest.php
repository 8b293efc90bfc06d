<?php
/**
 * The companion's key ring: where the vault key comes from, and that moving
 * from the salts-derived key to JLG_NATIVE_KEY never orphans a secret.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use JLG\NativeCompanion\Vault\Envelope;

use function JLG\NativeCompanion\Vault\build_key_config;

final class VaultKeyRingTest extends Test_Case {

	private const SALTS = "auth-key-0123456789abcdef0123456789\nsecure-auth-key-0123456789abcdef";

	public function test_salts_alone_give_an_active_salts_key(): void {
		$config = build_key_config( null, self::SALTS, array() );
		$this->assertSame( 'salts', $config['source'] );
		$this->assertSame( 'salts', $config['active'] );
		$this->assertSame( array( 'salts' ), array_keys( $config['keys'] ) );
		$this->assertNull( $config['error'] );
	}

	public function test_a_constant_becomes_active_and_keeps_the_salts_key_readable(): void {
		$salts_only = build_key_config( null, self::SALTS, array() );
		$sealed     = Envelope::encrypt( 'bot-token', 'discord_server_stats_options:bot_token', 'salts', $salts_only['keys']['salts'] );

		$new_key = random_bytes( 32 );
		$config  = build_key_config( base64_encode( $new_key ), self::SALTS, array() );
		$this->assertSame( 'constant', $config['source'] );
		$this->assertSame( 'config', $config['active'] );
		$this->assertSame( $new_key, $config['keys']['config'] );
		$this->assertSame( $salts_only['keys']['salts'], $config['keys']['salts'], 'the salts key stays, retired' );
		// What was sealed before the constant existed still opens with the new ring.
		$this->assertSame( 'bot-token', Envelope::decrypt( $sealed, 'discord_server_stats_options:bot_token', $config['keys'] ) );
	}

	public function test_a_constant_without_salts_has_only_its_own_key(): void {
		$config = build_key_config( base64_encode( random_bytes( 32 ) ), '', array() );
		$this->assertSame( array( 'config' ), array_keys( $config['keys'] ) );
	}

	public function test_a_bad_constant_is_an_error_and_no_key_is_active(): void {
		$config = build_key_config( 'not-base64-of-32-bytes', self::SALTS, array() );
		$this->assertSame( 'constant', $config['source'] );
		$this->assertNull( $config['active'] );
		$this->assertNotNull( $config['error'] );
	}

	public function test_previous_keys_are_added_and_bad_ones_skipped(): void {
		$old    = random_bytes( 32 );
		$config = build_key_config( base64_encode( random_bytes( 32 ) ), '', array( base64_encode( $old ), 'garbage' ) );
		$this->assertSame( $old, $config['keys']['previous-1'] );
		$this->assertArrayNotHasKey( 'previous-2', $config['keys'] );
	}

	public function test_no_key_at_all_is_an_error(): void {
		$config = build_key_config( null, 'short', array() );
		$this->assertSame( 'none', $config['source'] );
		$this->assertNull( $config['active'] );
		$this->assertNotNull( $config['error'] );
	}
}
