<?php
/**
 * The secrets vault panel of Tools > JLG Native: its counts equal the Site
 * Health check's, it names the key source and fingerprints, tells what to do,
 * and never prints a secret or a key. Both modes (computed in PHP).
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use JLG\NativeCompanion\Vault\Envelope;
use function JLG\NativeCompanion\Admin\panels;
use function JLG\NativeCompanion\Admin\render_panel;
use function JLG\NativeCompanion\load_piece;

final class AdminVaultPanelTest extends Test_Case {

	private const DISCORD = 'discord_server_stats_options';
	private const S3      = 'bjlg_s3_settings';
	private const SFTP    = 'bjlg_sftp_settings';

	private string $key;

	public static function setUpBeforeClass(): void {
		self::assertTrue( load_piece( 'admin/page.php' ) );
		require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
	}

	protected function setUp(): void {
		parent::setUp();
		foreach ( array( self::DISCORD, self::S3, self::SFTP ) as $option ) {
			$this->preserve_option( $option );
			delete_option( $option );
		}
		$this->key = random_bytes( 32 );
	}

	private function use_key( string $source ): void {
		$key = $this->key;
		$this->add_test_filter(
			'jlg_native_vault_key_config',
			static fn() => array(
				'source' => $source,
				'keys'   => array( 'test' => $key ),
				'active' => 'test',
				'error'  => null,
			)
		);
	}

	/**
	 * One secret of each kind: sealed by another key, legacy, plain text, fresh,
	 * and old (due). Returns every secret value and plaintext that must not show.
	 */
	private function seed(): array {
		$other    = random_bytes( 32 );
		$secrets  = array(
			'other'  => 'other-key-token-' . bin2hex( random_bytes( 8 ) ),
			'plain'  => 'plain-token-' . bin2hex( random_bytes( 8 ) ),
			'fresh'  => 'fresh-secret-' . bin2hex( random_bytes( 8 ) ),
			'old'    => 'old-secret-' . bin2hex( random_bytes( 8 ) ),
		);
		$stored   = array(
			'other'  => Envelope::encrypt( $secrets['other'], self::DISCORD . ':bot_token', 'test', $other ),
			'legacy' => 'dbjlg_enc_v2:' . base64_encode( random_bytes( 80 ) ),
			'plain'  => $secrets['plain'],
			'fresh'  => Envelope::encrypt( $secrets['fresh'], self::S3 . ':secret_key', 'test', $this->key ),
			'old'    => Envelope::encrypt( $secrets['old'], self::SFTP . ':password', 'test', $this->key, time() - 120 * DAY_IN_SECONDS ),
		);
		update_option(
			self::DISCORD,
			array(
				'bot_token'       => $stored['other'],
				'server_profiles' => array(
					'legacy' => array( 'bot_token' => $stored['legacy'] ),
					'clear'  => array( 'bot_token' => $stored['plain'] ),
				),
			)
		);
		update_option( self::S3, array( 'secret_key' => $stored['fresh'] ) );
		update_option( self::SFTP, array( 'password' => $stored['old'] ) );
		return array(
			'other_fingerprint' => Envelope::fingerprint( $other ),
			'never'             => array_merge(
				array_values( $secrets ),
				array_values( $stored ),
				array( $this->key, base64_encode( $this->key ), bin2hex( $this->key ), $other, base64_encode( $other ), bin2hex( $other ) )
			),
		);
	}

	private static function render(): string {
		$all = panels();
		self::assertArrayHasKey( 'vault', $all );
		ob_start();
		render_panel( 'vault', $all['vault'] );
		return (string) ob_get_clean();
	}

	/** Text of the element with this data-fact, whitespace collapsed. */
	private static function fact( \DOMXPath $xpath, string $name ): string {
		$nodes = $xpath->query( '//dd[@data-fact="' . $name . '"]' );
		self::assertSame( 1, $nodes->length, "one fact $name" );
		return trim( preg_replace( '/\s+/u', ' ', $nodes->item( 0 )->textContent ) );
	}

	private static function dom( string $html ): \DOMXPath {
		$doc = new \DOMDocument();
		$old = libxml_use_internal_errors( true );
		self::assertTrue( $doc->loadHTML( '<?xml encoding="UTF-8"><body>' . $html . '</body>' ) );
		$errors = array_filter( libxml_get_errors(), static fn( $e ) => $e->level >= LIBXML_ERR_ERROR && 801 !== $e->code );
		libxml_clear_errors();
		libxml_use_internal_errors( $old );
		self::assertSame( array(), array_map( static fn( $e ) => trim( $e->message ), $errors ), 'well-formed markup' );
		return new \DOMXPath( $doc );
	}

	public function test_counts_fingerprints_and_steps_without_any_secret(): void {
		$this->use_key( 'constant' );
		$seed  = $this->seed();
		$html  = self::render();
		$xpath = self::dom( $html );

		$this->assertSame( 'the JLG_NATIVE_KEY constant', self::fact( $xpath, 'source' ) );
		$this->assertSame( Envelope::fingerprint( $this->key ), self::fact( $xpath, 'fingerprint' ) );
		$this->assertSame( '5', self::fact( $xpath, 'total' ) );
		$this->assertSame( '1', self::fact( $xpath, 'key_changed' ) );
		$this->assertSame( '2 (1 encrypted by the plugins, 1 in plain text)', self::fact( $xpath, 'unmigrated' ) );
		$this->assertSame( '1', self::fact( $xpath, 'due' ) );
		$this->assertSame( '1', self::fact( $xpath, 'sealed' ) );
		$this->assertStringContainsString( 'Due for rotation (older than 90 days', $html );

		// The same figures and verdict as the Site Health check.
		$check = call_user_func( \WP_Site_Health::get_tests()['direct']['jlg_native_vault']['test'] );
		$this->assertSame( 'critical', $check['status'] );
		$verdict = $xpath->query( '//*[@id="jlg-native-vault-verdict"]' )->item( 0 );
		$this->assertSame( 'critical', $verdict->getAttribute( 'data-status' ) );
		$this->assertStringContainsString( 'The key changed: 1 secret cannot be read', $verdict->textContent );

		// Fingerprints of the keys found, the current one marked.
		$rows = array();
		foreach ( $xpath->query( '//table[contains(@class,"jlg-native-vault-keys")]/tbody/tr' ) as $tr ) {
			$rows[ $tr->getAttribute( 'data-fingerprint' ) ] = array( $tr->getAttribute( 'data-current' ), trim( $xpath->query( './td', $tr )->item( 0 )->textContent ) );
		}
		$this->assertSame(
			array(
				$seed['other_fingerprint']          => array( '', '1' ),
				Envelope::fingerprint( $this->key ) => array( '1', '2' ),
			),
			$rows
		);

		// One step per problem; a constant key needs none.
		$steps = array();
		foreach ( $xpath->query( '//ul[@class="jlg-native-vault-steps"]/li' ) as $li ) {
			$steps[] = $li->getAttribute( 'data-step' );
		}
		$this->assertSame( array( 'key_changed', 'migrate', 'rotate' ), $steps );
		$this->assertStringContainsString( '<code>wp jlg-native vault migrate</code>', $html );
		$this->assertStringContainsString( '<code>wp jlg-native vault rotate</code>', $html );

		foreach ( $seed['never'] as $i => $secret ) {
			$this->assertStringNotContainsString( $secret, $html, "secret #$i never shown" );
			if ( mb_check_encoding( $secret, 'UTF-8' ) ) {
				$this->assertStringNotContainsString( esc_html( $secret ), $html, "secret #$i never shown (escaped)" );
			}
		}

		$php_only = $xpath->query( '//*[@id="jlg-native-vault-php-only"]' )->length;
		if ( self::expects_extension() ) {
			$this->assertSame( 0, $php_only );
		} else {
			$this->assertSame( 1, $php_only, 'says the figures are computed in PHP' );
			$this->assertStringContainsString( 'Migrating and rotating need the jlg_native extension.', $html );
		}
	}

	public function test_salts_key_recommends_a_constant_and_says_how_to_make_one(): void {
		$this->use_key( 'salts' );
		update_option( self::S3, array( 'secret_key' => Envelope::encrypt( 'fresh', self::S3 . ':secret_key', 'test', $this->key ) ) );
		$html  = self::render();
		$xpath = self::dom( $html );
		$this->assertSame( 'derived from the WordPress salts', self::fact( $xpath, 'source' ) );
		$this->assertSame( 'recommended', $xpath->query( '//*[@id="jlg-native-vault-verdict"]' )->item( 0 )->getAttribute( 'data-status' ) );
		$step = $xpath->query( '//li[@data-step="key"]' );
		$this->assertSame( 1, $step->length );
		$text = $step->item( 0 )->textContent;
		$this->assertStringContainsString( "define( 'JLG_NATIVE_KEY', '…' );", $text );
		$this->assertStringContainsString(
			self::expects_extension() ? 'JLG\\Native\\TokenVault::generateKey()' : 'base64_encode( random_bytes( 32 ) )',
			$text
		);
		// A secret is sealed by the salts key: the key ring keeps that key readable
		// once the constant is defined, so a rotation is all it takes.
		$this->assertStringNotContainsString( "JLG_NATIVE_PREVIOUS_KEYS", $text );
		$this->assertStringContainsString( "wp jlg-native vault rotate", $text );
		$this->assertStringNotContainsString( base64_encode( $this->key ), $html );
	}

	public function test_salts_key_without_sealed_secrets_needs_no_previous_key(): void {
		$this->use_key( 'salts' );
		update_option( self::S3, array( 'secret_key' => 'plain-' . bin2hex( random_bytes( 4 ) ) ) );
		$xpath = self::dom( self::render() );
		$items = array();
		foreach ( $xpath->query( '//li[@data-step="key"]/ol/li' ) as $li ) {
			$items[] = trim( preg_replace( '/\s+/u', ' ', $li->textContent ) );
		}
		$this->assertCount( 3, $items, implode( ' | ', $items ) );
		$this->assertStringContainsString( 'JLG_NATIVE_KEY', $items[1] );
		$this->assertSame( 'Check with wp jlg-native vault status.', $items[2] );
		$this->assertSame( 1, $xpath->query( '//li[@data-step="migrate"]' )->length );
	}

	public function test_nothing_to_do_when_every_secret_is_sealed(): void {
		$this->use_key( 'constant' );
		update_option( self::S3, array( 'secret_key' => Envelope::encrypt( 'fresh', self::S3 . ':secret_key', 'test', $this->key ) ) );
		$xpath = self::dom( self::render() );
		$this->assertSame( 'good', $xpath->query( '//*[@id="jlg-native-vault-verdict"]' )->item( 0 )->getAttribute( 'data-status' ) );
		$this->assertSame( 1, $xpath->query( '//p[@data-step="none"]' )->length );
		$this->assertSame( 0, $xpath->query( '//ul[@class="jlg-native-vault-steps"]' )->length );
	}
}
