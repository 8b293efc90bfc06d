<?php
/**
 * `wp jlg-native discord stats`
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

use function JLG\NativeCompanion\Connector\bot_token;
use function JLG\NativeCompanion\Connector\discord_client;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once JLG_NATIVE_COMPANION_DIR . '/inc/connector/discord.php';

/**
 * Calls Discord the way Discord Bot JLG does, through the native client.
 *
 * ## EXAMPLES
 *
 *     $ wp jlg-native discord stats 123456789012345678
 */
class Discord_Command extends Native_Command {

	/** Fields of the output, in order. */
	private const FIELDS = array( 'source', 'name', 'member_count', 'presence_count', 'fetched_at', 'duration_ms' );

	/**
	 * Fetches a guild's member and presence counts: the bot API with the stored
	 * token, else the public widget.
	 *
	 * The token comes from DISCORD_BOT_JLG_TOKEN or Discord Bot JLG's settings
	 * (opened with the vault when sealed). It is never printed. Limits, breaker
	 * state and the request log are shared with the plugins through this node's
	 * state store.
	 *
	 * ## OPTIONS
	 *
	 * <guild-id>
	 * : The guild (server) id, 1 to 20 digits.
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments: the guild id.
	 * @param array    $assoc_args Associative arguments.
	 */
	public function stats( $args, $assoc_args ) {
		$guild  = (string) $args[0];
		$format = (string) \WP_CLI\Utils\get_flag_value( $assoc_args, 'format', 'table' );
		self::require_extension( 'JLG\\Native\\DiscordClient' );
		$client = discord_client();
		if ( is_wp_error( $client ) ) {
			\WP_CLI::error( $client->get_error_message() );
		}
		$token = bot_token();
		if ( ! is_wp_error( $token ) && 'none' === $token['source'] ) {
			\WP_CLI::warning( __( 'No bot token is configured: only the public widget is asked, which has no member count.', 'jlg-native' ) );
		}
		try {
			$stats = $client->guildStats( $guild );
		} catch ( \InvalidArgumentException $e ) {
			self::native_error( $e );
		} catch ( \Exception $e ) {
			/* translators: %s: both reasons, e.g. "bot API: HTTP 503; widget: HTTP 403" */
			\WP_CLI::error( sprintf( __( 'Discord did not answer: %s', 'jlg-native' ), $e->getMessage() ) );
		}
		if ( 'widget' === $stats['source'] && ! is_wp_error( $token ) && 'none' !== $token['source'] ) {
			\WP_CLI::warning( __( 'The bot API did not answer: these figures come from the public widget. "wp jlg-native events --channel=http" shows why.', 'jlg-native' ) );
		}
		if ( 'json' === $format ) {
			\WP_CLI::line( (string) wp_json_encode( $stats, JSON_PRESERVE_ZERO_FRACTION ) );
			return;
		}
		$row = array();
		foreach ( self::FIELDS as $field ) {
			$value         = $stats[ $field ] ?? null;
			$row[ $field ] = null === $value ? '' : $value;
		}
		$row['fetched_at']  = gmdate( 'Y-m-d\TH:i:s\Z', (int) $stats['fetched_at'] );
		$row['duration_ms'] = number_format( (float) $stats['duration_ms'], 1, '.', '' );
		\WP_CLI\Utils\format_items( 'table', array( $row ), self::FIELDS );
	}
}
