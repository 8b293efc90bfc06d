<?php
/**
 * The Discord client of the connector, configured the way Discord Bot JLG
 * stores its settings: the constant DISCORD_BOT_JLG_TOKEN (plaintext) wins
 * over `discord_server_stats_options['bot_token']`, which holds a vault
 * envelope (after `wp jlg-native vault migrate`) or the plaintext token.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Connector;

use JLG\NativeCompanion\Vault\Envelope;
use function JLG\NativeCompanion\native_available;
use function JLG\NativeCompanion\Vault\context_for;
use function JLG\NativeCompanion\Vault\legacy_format;
use function JLG\NativeCompanion\Vault\native_vault;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/state.php';
require_once JLG_NATIVE_COMPANION_DIR . '/inc/vault/status.php';

/** Discord Bot JLG's option. */
const DISCORD_OPTION = 'discord_server_stats_options';

/** Discord Bot JLG's constant that overrides the stored token. */
const TOKEN_CONSTANT = 'DISCORD_BOT_JLG_TOKEN';

/** Discord's API, filterable with `jlg_native_discord_base_url` (tests point it at a local fake). */
const DISCORD_API = 'https://discord.com/api/v10';

/**
 * Where the bot token comes from and how to hand it to the client. Never logged or printed.
 *
 * @return array{source: string, token: ?string, sealed: bool, context: ?string}|\WP_Error
 *         source: constant, option or none; a WP_Error when the stored value cannot be used.
 */
function bot_token() {
	if ( defined( TOKEN_CONSTANT ) && '' !== (string) constant( TOKEN_CONSTANT ) ) {
		return array(
			'source'  => 'constant',
			'token'   => (string) constant( TOKEN_CONSTANT ),
			'sealed'  => false,
			'context' => null,
		);
	}
	$options = get_option( DISCORD_OPTION, array() );
	$value   = is_array( $options ) && is_string( $options['bot_token'] ?? null ) ? trim( $options['bot_token'] ) : '';
	if ( '' === $value ) {
		return array(
			'source'  => 'none',
			'token'   => null,
			'sealed'  => false,
			'context' => null,
		);
	}
	if ( Envelope::is_envelope( $value ) ) {
		return array(
			'source'  => 'option',
			'token'   => $value,
			'sealed'  => true,
			'context' => context_for( DISCORD_OPTION, array( 'bot_token' ) ),
		);
	}
	if ( null !== legacy_format( $value ) ) {
		return new \WP_Error(
			'jlg_native_token_legacy',
			__( 'The bot token is still encrypted by Discord Bot JLG; run "wp jlg-native vault migrate" first.', 'jlg-native' )
		);
	}
	return array(
		'source'  => 'option',
		'token'   => $value,
		'sealed'  => false,
		'context' => null,
	);
}

/**
 * Base URL of the Discord API (`jlg_native_discord_base_url`).
 */
function discord_base_url(): string {
	return (string) apply_filters( 'jlg_native_discord_base_url', DISCORD_API );
}

/**
 * A DiscordClient with the bot token (if any), the vault that opens it, and the
 * node's store for the shared limiter and breaker state and the request log.
 *
 * @return \JLG\Native\DiscordClient|\WP_Error
 */
function discord_client() {
	if ( ! native_available() || ! class_exists( '\JLG\Native\DiscordClient' ) ) {
		return new \WP_Error(
			'jlg_native_missing',
			sprintf(
				/* translators: %s: PHP extension name */
				__( 'The Discord client needs the %s PHP extension, which is not loaded.', 'jlg-native' ),
				'jlg_native'
			)
		);
	}
	$token = bot_token();
	if ( is_wp_error( $token ) ) {
		return $token;
	}
	$options = array(
		'base_url' => discord_base_url(),
		'timeout'  => 10.0,
	);
	if ( null !== $token['token'] ) {
		$options['token'] = $token['token'];
	}
	if ( $token['sealed'] ) {
		$vault = native_vault();
		if ( null === $vault ) {
			return new \WP_Error( 'jlg_native_vault', __( 'The bot token is sealed by the vault, but no vault key is configured.', 'jlg-native' ) );
		}
		$options['vault']   = $vault;
		$options['context'] = $token['context'];
	}
	$store = open_store();
	if ( ! is_wp_error( $store ) ) {
		$options['state_store'] = $store;
	}
	try {
		return new \JLG\Native\DiscordClient( $options );
	} catch ( \JLG\Native\DecryptionException $e ) {
		/* translators: %s: reason */
		return new \WP_Error( 'jlg_native_token', sprintf( __( 'The bot token cannot be decrypted: %s', 'jlg-native' ), $e->getMessage() ) );
	} catch ( \Exception $e ) {
		return new \WP_Error( 'jlg_native_discord', $e->getMessage() );
	}
}
