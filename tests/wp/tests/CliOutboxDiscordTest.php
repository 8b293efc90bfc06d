<?php
/**
 * `wp jlg-native outbox list|flush|retry` and `wp jlg-native discord stats`,
 * run through the WP-CLI stand-in against the fake server on 127.0.0.1.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use JLG\NativeCompanion\Connector;
use function JLG\NativeCompanion\Vault\native_vault;

final class CliOutboxDiscordTest extends Test_Case {

	use Outbox_Fixture;

	private const TOKEN = 'MTIz.SECRET-BOT-TOKEN';

	private const BOT = array(
		'status' => 200,
		'body'   => array(
			'name'                       => 'JLG',
			'approximate_member_count'   => 120,
			'approximate_presence_count' => 33,
		),
	);

	private const WIDGET = array(
		'status' => 200,
		'body'   => array(
			'name'           => 'JLG',
			'presence_count' => 31,
			'members'        => array(),
		),
	);

	protected function setUp(): void {
		parent::setUp();
		$this->setUp_outbox();
		$this->preserve_option( Connector\DISCORD_OPTION );
		delete_option( Connector\DISCORD_OPTION );
	}

	protected function tearDown(): void {
		$this->tearDown_outbox();
		parent::tearDown();
	}

	private static function cli( array $words, array $assoc = array() ): array {
		return \WP_CLI::run_command( array_merge( array( 'jlg-native' ), $words ), $assoc );
	}

	/** Points the Discord client at the fake API. */
	private function fake_discord(): array {
		$srv = $this->fake();
		$this->add_test_filter( 'jlg_native_discord_base_url', static fn() => $srv['url'] . '/api/v10' );
		return $srv;
	}

	private static function set_token( string $value ): void {
		update_option( Connector\DISCORD_OPTION, array( 'bot_token' => $value, 'server_id' => '42' ), false );
	}

	public function test_commands_are_registered(): void {
		foreach ( array( 'jlg-native outbox', 'jlg-native discord' ) as $name ) {
			$this->assertContains( $name, \WP_CLI::standin_commands() );
		}
	}

	public function test_without_the_extension_every_command_says_so(): void {
		if ( self::expects_extension() ) {
			$this->assertTrue( class_exists( '\JLG\Native\WebhookOutbox' ) );
			return;
		}
		$runs = array(
			self::cli( array( 'outbox', 'list' ) ),
			self::cli( array( 'outbox', 'flush' ) ),
			self::cli( array( 'outbox', 'retry', 'abc' ) ),
			self::cli( array( 'discord', 'stats', '42' ) ),
		);
		foreach ( $runs as $run ) {
			$this->assertSame( 1, $run['exit_code'] );
			$this->assertStringContainsString( 'needs the jlg_native PHP extension', $run['stderr'] );
			$this->assertSame( '', $run['stdout'] );
		}
	}

	public function test_outbox_list_shows_hosts_never_urls(): void {
		if ( ! self::expects_extension() ) {
			$this->assertSame( 1, self::cli( array( 'outbox', 'list' ) )['exit_code'] );
			return;
		}
		$empty = self::cli( array( 'outbox', 'list' ) );
		$this->assertSame( 0, $empty['exit_code'], $empty['stderr'] );
		$this->assertSame( "No pending messages.\n", $empty['stdout'] );
		$this->assertSame( "No dead letters.\n", self::cli( array( 'outbox', 'list' ), array( 'dead' => true ) )['stdout'] );

		$outbox = $this->outbox();
		$first  = $outbox->enqueue( 'https://discord.com/api/webhooks/1/SECRET-A', array( 'text' => 'a' ), array( 'kind' => 'discord' ) );
		$second = $outbox->enqueue( 'http://hooks.example.org:8080/SECRET-B', array( 'text' => 'b' ) );

		$table = self::cli( array( 'outbox', 'list' ) );
		$this->assertSame( 0, $table['exit_code'], $table['stderr'] );
		$this->assertMatchesRegularExpression( '/^\| id\s+\| kind\s+\| host\s+\| attempts\s+\| created_at\s+\| not_before\s+\| last_status\s+\| last_error\s+\|$/m', $table['stdout'] );
		$this->assertMatchesRegularExpression( "/\\| $first\\s+\\| discord\\s+\\| discord\\.com:443\\s+\\| 0\\s+\\| \\d{4}-\\d\\d-\\d\\dT/", $table['stdout'] );
		$this->assertMatchesRegularExpression( "/\\| $second\\s+\\| generic\\s+\\| hooks\\.example\\.org:8080\\s+\\|/", $table['stdout'] );

		$json = self::cli( array( 'outbox', 'list' ), array( 'format' => 'json' ) );
		$rows = json_decode( $json['stdout'], true );
		$this->assertSame( array( $first, $second ), array_column( $rows, 'id' ) );
		$this->assertSame( 'discord.com:443', $rows[0]['host'] );
		$this->assertIsFloat( $rows[0]['created_at'] );
		$this->assertStringNotContainsString( 'SECRET', $table['stdout'] . $json['stdout'] );
		$this->assertStringNotContainsString( '/api/webhooks', $table['stdout'] . $json['stdout'] );
	}

	public function test_outbox_list_past_1000_messages_says_how_many_there_are(): void {
		if ( ! self::expects_extension() ) {
			$this->assertSame( 1, self::cli( array( 'outbox', 'list' ) )['exit_code'] );
			return;
		}
		$outbox = $this->outbox();
		for ( $i = 0; $i < 1003; $i++ ) {
			$outbox->enqueue( 'https://hooks.example.org/' . $i, array( 'n' => $i ) );
		}
		$table = self::cli( array( 'outbox', 'list' ) );
		$this->assertSame( 0, $table['exit_code'], $table['stderr'] );
		$this->assertSame( 1000, substr_count( $table['stdout'], '| generic ' ) );
		$this->assertStringEndsWith( "Listed the first 1,000 of 1,003 messages.\n", $table['stdout'] );

		// Site Health counts every message, not the first 1000.
		$health = \JLG\NativeCompanion\SiteHealth\Outbox\get_test_result();
		$this->assertStringContainsString( 'Pending messages: 1,003', $health['description'] );
	}

	public function test_outbox_flush_and_retry_a_dead_letter(): void {
		if ( ! self::expects_extension() ) {
			$this->assertSame( 1, self::cli( array( 'outbox', 'flush' ) )['exit_code'] );
			return;
		}
		$srv = $this->fake();
		jlg_fake_script( $srv, '/gone', array( 'status' => 410 ) );
		jlg_fake_script( $srv, '*', array( 'status' => 200 ) );
		$outbox = $this->outbox();
		$outbox->enqueue( $this->fake_url( '/ok/1' ), array( 'n' => 1 ) );
		$dead_id = $outbox->enqueue( $this->fake_url( '/gone' ), array( 'n' => 2 ) );
		$outbox->enqueue( $this->fake_url( '/ok/3' ), array( 'n' => 3 ) );

		$one = self::cli( array( 'outbox', 'flush' ), array( 'max' => '1' ) );
		$this->assertSame( 0, $one['exit_code'], $one['stderr'] );
		$this->assertSame( "Success: Sent 1, to retry 0, dead 0; 2 still pending.\n", $one['stdout'] );

		$rest = self::cli( array( 'outbox', 'flush' ), array( 'seconds' => '2.5' ) );
		$this->assertSame( 0, $rest['exit_code'], 'dead letters are a warning, not a failure' );
		$this->assertStringContainsString( 'Warning: Sent 1, to retry 0, dead 1; 0 still pending.', $rest['stderr'] );
		$this->assertStringContainsString( 'outbox list --dead', $rest['stderr'] );

		$dead = json_decode( self::cli( array( 'outbox', 'list' ), array( 'dead' => true, 'format' => 'json' ) )['stdout'], true );
		$this->assertSame( array( $dead_id ), array_column( $dead, 'id' ) );
		$this->assertSame( 410, $dead[0]['last_status'] );

		$retry = self::cli( array( 'outbox', 'retry', $dead_id ) );
		$this->assertSame( 0, $retry['exit_code'], $retry['stderr'] );
		$this->assertStringContainsString( "Success: Message \"$dead_id\" is queued again", $retry['stdout'] );
		$this->assertSame( array( $dead_id ), array_column( $this->outbox()->pending(), 'id' ) );
		$this->assertSame( array(), $this->outbox()->dead() );

		$again = self::cli( array( 'outbox', 'retry', $dead_id ) );
		$this->assertSame( 1, $again['exit_code'] );
		$this->assertStringContainsString( 'is not a dead letter', $again['stderr'] );
		$this->assertSame( 1, self::cli( array( 'outbox', 'retry', 'no-such-id' ) )['exit_code'] );

		jlg_fake_script( $srv, '/gone', array( 'status' => 200 ) );
		$this->assertSame( "Success: Sent 1, to retry 0, dead 0; 0 still pending.\n", self::cli( array( 'outbox', 'flush' ) )['stdout'] );
		$this->assertSame( 4, count( jlg_fake_requests( $srv ) ) );
	}

	public function test_outbox_parameter_errors(): void {
		$cases = array(
			array( array( 'max' => '0' ), '--max must be a whole number of at least 1' ),
			array( array( 'max' => 'ten' ), '--max must be a whole number' ),
			array( array( 'seconds' => 'soon' ), '--seconds must be a positive number' ),
			array( array( 'seconds' => '0' ), '--seconds must be a positive number' ),
			array( array( 'force' => true ), 'unknown --force parameter' ),
		);
		foreach ( $cases as [ $assoc, $message ] ) {
			$run = self::cli( array( 'outbox', 'flush' ), $assoc );
			$this->assertSame( 1, $run['exit_code'], $message );
			$this->assertStringContainsString( $message, $run['stderr'] );
		}
		$this->assertStringContainsString( 'missing positional argument', self::cli( array( 'outbox', 'retry' ) )['stderr'] );
		$this->assertStringContainsString( "Invalid value specified for 'format'", self::cli( array( 'outbox', 'list' ), array( 'format' => 'csv' ) )['stderr'] );
	}

	public function test_discord_stats_with_the_stored_token(): void {
		if ( ! self::expects_extension() ) {
			$this->assertSame( 1, self::cli( array( 'discord', 'stats', '42' ) )['exit_code'] );
			return;
		}
		$srv = $this->fake_discord();
		self::set_token( self::TOKEN );
		jlg_fake_script( $srv, '/api/v10/guilds/42?', self::BOT, self::BOT );

		$table = self::cli( array( 'discord', 'stats', '42' ) );
		$this->assertSame( 0, $table['exit_code'], $table['stderr'] );
		$this->assertSame( '', $table['stderr'] );
		$this->assertMatchesRegularExpression( '/^\| source\s+\| name\s+\| member_count\s+\| presence_count\s+\| fetched_at\s+\| duration_ms\s+\|$/m', $table['stdout'] );
		$this->assertMatchesRegularExpression( '/^\| bot\s+\| JLG\s+\| 120\s+\| 33\s+\| \d{4}-\d\d-\d\dT[\d:]{8}Z\s+\| \d+\.\d\s+\|$/m', $table['stdout'] );

		$json = self::cli( array( 'discord', 'stats', '42' ), array( 'format' => 'json' ) );
		$stats = json_decode( $json['stdout'], true );
		$this->assertSame( array( 'bot', 120, 33, 'JLG' ), array( $stats['source'], $stats['member_count'], $stats['presence_count'], $stats['name'] ) );

		$requests = jlg_fake_requests( $srv );
		$this->assertCount( 2, $requests );
		$this->assertSame( '/api/v10/guilds/42?with_counts=true', $requests[0]['path'] );
		$this->assertSame( 'Bot ' . self::TOKEN, $requests[0]['auth'] );
		$this->assertStringNotContainsString( 'SECRET', $table['stdout'] . $json['stdout'] . $json['stderr'] );
		// The request went to the node's log, without the token.
		$events = Connector\open_store()->events( 'http', array( 'limit' => 10 ) );
		$this->assertCount( 2, $events );
		$this->assertSame( 'GET /guilds/42', $events[0]['fields']['route'] );
		$this->assertStringNotContainsString( 'SECRET', (string) wp_json_encode( $events ) );
	}

	public function test_discord_stats_opens_a_sealed_token(): void {
		if ( ! self::expects_extension() ) {
			$this->assertSame( 1, self::cli( array( 'discord', 'stats', '42' ) )['exit_code'] );
			return;
		}
		$srv = $this->fake_discord();
		$vault = native_vault();
		$this->assertNotNull( $vault, 'the test site has salts, so a vault key' );
		self::set_token( $vault->encrypt( self::TOKEN, Connector\DISCORD_OPTION . ':bot_token' ) );
		jlg_fake_script( $srv, '/api/v10/guilds/42?', self::BOT );
		$run = self::cli( array( 'discord', 'stats', '42' ), array( 'format' => 'json' ) );
		$this->assertSame( 0, $run['exit_code'], $run['stderr'] );
		$this->assertSame( 'bot', json_decode( $run['stdout'], true )['source'] );
		$this->assertSame( 'Bot ' . self::TOKEN, jlg_fake_requests( $srv )[0]['auth'] );

		// Sealed for another place: it does not open here.
		self::set_token( $vault->encrypt( self::TOKEN, 'bjlg_s3_settings:secret_key' ) );
		$moved = self::cli( array( 'discord', 'stats', '42' ) );
		$this->assertSame( 1, $moved['exit_code'] );
		$this->assertStringContainsString( 'The bot token cannot be decrypted', $moved['stderr'] );
		$this->assertStringNotContainsString( 'SECRET', $moved['stderr'] );

		self::set_token( 'dbjlg_enc_v2:' . base64_encode( random_bytes( 64 ) ) );
		$legacy = self::cli( array( 'discord', 'stats', '42' ) );
		$this->assertSame( 1, $legacy['exit_code'] );
		$this->assertStringContainsString( 'vault migrate', $legacy['stderr'] );
	}

	public function test_discord_stats_falls_back_to_the_widget_then_fails_clearly(): void {
		if ( ! self::expects_extension() ) {
			$this->assertSame( 1, self::cli( array( 'discord', 'stats', '42' ) )['exit_code'] );
			return;
		}
		$srv = $this->fake_discord();
		self::set_token( self::TOKEN );
		jlg_fake_script( $srv, '/api/v10/guilds/42?', array( 'status' => 503 ) );
		jlg_fake_script( $srv, '/api/v10/guilds/42/widget.json', self::WIDGET, array( 'status' => 403, 'body' => array( 'message' => 'Widget Disabled' ) ) );

		$widget = self::cli( array( 'discord', 'stats', '42' ), array( 'format' => 'json' ) );
		$this->assertSame( 0, $widget['exit_code'], $widget['stderr'] );
		$this->assertStringContainsString( 'Warning: The bot API did not answer', $widget['stderr'] );
		$stats = json_decode( $widget['stdout'], true );
		$this->assertSame( array( 'widget', null, 31 ), array( $stats['source'], $stats['member_count'], $stats['presence_count'] ) );

		$down = self::cli( array( 'discord', 'stats', '42' ) );
		$this->assertSame( 1, $down['exit_code'] );
		$this->assertStringContainsString( 'Error: Discord did not answer: guild stats unavailable', $down['stderr'] );
		$this->assertStringContainsString( 'widget: HTTP 403', $down['stderr'] );
		$this->assertStringNotContainsString( 'SECRET', $down['stderr'] . $down['stdout'] );

		$bad = self::cli( array( 'discord', 'stats', '12ab' ) );
		$this->assertSame( 1, $bad['exit_code'] );
		$this->assertStringContainsString( 'Invalid input:', $bad['stderr'] );
	}

	public function test_discord_stats_without_a_token_asks_the_widget_only(): void {
		if ( ! self::expects_extension() ) {
			$this->assertSame( 1, self::cli( array( 'discord', 'stats', '42' ) )['exit_code'] );
			return;
		}
		$srv = $this->fake_discord();
		jlg_fake_script( $srv, '/api/v10/guilds/42/widget.json', self::WIDGET );
		$run = self::cli( array( 'discord', 'stats', '42' ), array( 'format' => 'json' ) );
		$this->assertSame( 0, $run['exit_code'], $run['stderr'] );
		$this->assertStringContainsString( 'No bot token is configured', $run['stderr'] );
		$this->assertSame( 'widget', json_decode( $run['stdout'], true )['source'] );
		$requests = jlg_fake_requests( $srv );
		$this->assertCount( 1, $requests );
		$this->assertNull( $requests[0]['auth'] );
	}
}
