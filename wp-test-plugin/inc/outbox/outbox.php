<?php
/**
 * The node's webhook outbox: alerts of the JLG plugins queued in the node-local
 * StateStore and delivered by a WP-Cron event every minute (see cron.php).
 *
 * Every piece that enqueues or flushes goes through open_outbox(), so they all
 * use the same options and the same vault: a URL sealed by one is opened by
 * the other.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Outbox;

use function JLG\NativeCompanion\Connector\open_store;
use function JLG\NativeCompanion\native_available;
use function JLG\NativeCompanion\Vault\key_config;
use function JLG\NativeCompanion\Vault\native_vault;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once JLG_NATIVE_COMPANION_DIR . '/inc/connector/state.php';
require_once JLG_NATIVE_COMPANION_DIR . '/inc/vault/keys.php';

/** Most messages one cron run tries. Filter: `jlg_native_outbox_flush_bounds`. */
const FLUSH_MAX_MESSAGES = 20;

/** Seconds after which a cron run stops claiming messages (one request may add its timeout). */
const FLUSH_MAX_SECONDS = 5.0;

/**
 * Options of the outbox (WebhookOutbox's options array, without the vault).
 * Filter `jlg_native_outbox_options` to change attempts, backoff, timeout...
 *
 * @return array<string, mixed>
 */
function outbox_options(): array {
	$options = apply_filters( 'jlg_native_outbox_options', array( 'timeout' => 5.0 ) );
	return is_array( $options ) ? $options : array();
}

/**
 * The vault that seals the webhook URLs: the companion's key ring when a key is
 * configured (JLG_NATIVE_KEY or the salts), else null (URLs stored in clear in
 * the node's database, mode 0600).
 */
function outbox_vault(): ?\JLG\Native\TokenVault {
	$config = key_config();
	if ( null !== $config['error'] ) {
		return null;
	}
	try {
		return native_vault( $config );
	} catch ( \Exception $e ) {
		return null;
	}
}

/**
 * The node's outbox, or a WP_Error saying why there is none.
 *
 * @return \JLG\Native\WebhookOutbox|\WP_Error
 */
function open_outbox() {
	if ( ! native_available() || ! class_exists( '\JLG\Native\WebhookOutbox' ) ) {
		return new \WP_Error(
			'jlg_native_missing',
			sprintf(
				/* translators: %s: PHP extension name */
				__( 'The webhook outbox needs the %s PHP extension, which is not loaded.', 'jlg-native' ),
				'jlg_native'
			)
		);
	}
	$store = open_store();
	if ( is_wp_error( $store ) ) {
		return $store;
	}
	try {
		return new \JLG\Native\WebhookOutbox( $store, array( 'vault' => outbox_vault() ) + outbox_options() );
	} catch ( \Exception $e ) {
		return new \WP_Error( 'jlg_native_outbox', $e->getMessage() );
	}
}

/**
 * Bounds of one cron run: `{max_messages: int, max_seconds: float}`.
 *
 * @return array{max_messages: int, max_seconds: float}
 */
function flush_bounds(): array {
	$bounds = apply_filters(
		'jlg_native_outbox_flush_bounds',
		array(
			'max_messages' => FLUSH_MAX_MESSAGES,
			'max_seconds'  => FLUSH_MAX_SECONDS,
		)
	);
	$bounds = is_array( $bounds ) ? $bounds : array();
	return array(
		'max_messages' => max( 0, (int) ( $bounds['max_messages'] ?? FLUSH_MAX_MESSAGES ) ),
		'max_seconds'  => max( 0.0, (float) ( $bounds['max_seconds'] ?? FLUSH_MAX_SECONDS ) ),
	);
}

/**
 * Counts of the queue, exact however long it is (from the outbox's own
 * summary), and the dead letters it lists (at most 1000, for display).
 *
 * @param \JLG\Native\WebhookOutbox $outbox The outbox.
 * @return array{pending: int, dead: int, oldest_pending_at: ?float, dead_letters: array}
 */
function summary( $outbox ): array {
	$counts = $outbox->summary();
	return array(
		'pending'           => (int) $counts['pending'],
		'dead'              => (int) $counts['dead'],
		'oldest_pending_at' => null === $counts['oldest_pending_at'] ? null : (float) $counts['oldest_pending_at'],
		'dead_letters'      => $counts['dead'] > 0 ? $outbox->dead() : array(),
	);
}
