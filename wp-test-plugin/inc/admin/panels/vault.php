<?php
/**
 * Secrets vault panel: where the key comes from, its fingerprint, and the
 * state of the stored secrets (unreadable, not yet migrated, due for
 * rotation), with the commands that fix each.
 *
 * The figures are those of the Site Health check jlg_native_vault: one
 * JLG\NativeCompanion\Vault\status() pass, judged by the check's own
 * result_for(). Computed in PHP, so the panel works without the extension.
 * Only fingerprints and counts are shown, never a secret or a key.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Admin\Panels\Vault;

use function JLG\NativeCompanion\load_piece;
use function JLG\NativeCompanion\native_available;
use function JLG\NativeCompanion\SiteHealth\Vault\result_for;
use function JLG\NativeCompanion\SiteHealth\Vault\source_label;
use function JLG\NativeCompanion\Vault\status;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Adds the panel.
 *
 * @param array $panels Panels so far.
 * @return array
 */
function add_panel( $panels ) {
	$panels['vault'] = array(
		'title'    => __( 'Secrets vault', 'jlg-native' ),
		'render'   => __NAMESPACE__ . '\\render',
		'priority' => 17,
	);
	return $panels;
}
add_filter( 'jlg_native_admin_panels', __NAMESPACE__ . '\\add_panel' );

/** Prints the panel. */
function render(): void {
	if ( ! function_exists( 'JLG\\NativeCompanion\\SiteHealth\\Vault\\result_for' ) ) {
		load_piece( 'site-health/vault/helper.php' );
	}
	if ( ! function_exists( 'JLG\\NativeCompanion\\SiteHealth\\Vault\\result_for' ) ) {
		printf(
			'<div class="notice notice-warning inline" id="jlg-native-vault-unavailable"><p>%s</p></div>',
			esc_html__( 'This build of the companion plugin has no secrets vault check.', 'jlg-native' )
		);
		return;
	}

	$status = status();
	$result = result_for( $status );
	$counts = $status['counts'];
	$days   = intdiv( $status['max_age'], DAY_IN_SECONDS );

	$state_labels = array(
		'good'        => __( 'Good', 'jlg-native' ),
		'recommended' => __( 'Recommended', 'jlg-native' ),
		'critical'    => __( 'Critical', 'jlg-native' ),
	);
	printf(
		'<p class="jlg-native-vault-verdict" id="jlg-native-vault-verdict" data-status="%1$s"><span class="jlg-native-badge jlg-native-badge--%1$s">%2$s</span> %3$s</p>',
		esc_attr( $result['status'] ),
		esc_html( $state_labels[ $result['status'] ] ?? $result['status'] ),
		esc_html( $result['label'] )
	);

	if ( ! native_available() ) {
		printf(
			'<div class="notice notice-info inline" id="jlg-native-vault-php-only"><p>%s</p></div>',
			esc_html__( 'The jlg_native PHP extension is not loaded: these figures are computed in PHP and every stored secret stays readable, but migrating and rotating secrets need the extension.', 'jlg-native' )
		);
	}

	$fingerprint = null === $status['fingerprint']
		? esc_html__( 'none', 'jlg-native' )
		: '<code>' . esc_html( $status['fingerprint'] ) . '</code>';

	$facts = array(
		'source'      => array(
			__( 'Key source', 'jlg-native' ),
			esc_html( source_label( $status['source'] ) ),
		),
		'fingerprint' => array(
			__( 'Current key fingerprint', 'jlg-native' ),
			$fingerprint,
		),
		'total'       => array(
			__( 'Stored secrets', 'jlg-native' ),
			esc_html( number_format_i18n( $counts['total'] ) ),
		),
		'key_changed' => array(
			__( 'Sealed by another key (cannot be read)', 'jlg-native' ),
			esc_html( number_format_i18n( $counts['key_changed'] ) ),
		),
		'unmigrated'  => array(
			__( 'Legacy or plain text (not yet migrated)', 'jlg-native' ),
			esc_html(
				sprintf(
					/* translators: 1: total, 2: values encrypted by the plugins themselves, 3: values in plain text */
					__( '%1$s (%2$s encrypted by the plugins, %3$s in plain text)', 'jlg-native' ),
					number_format_i18n( $counts['legacy'] + $counts['plaintext'] ),
					number_format_i18n( $counts['legacy'] ),
					number_format_i18n( $counts['plaintext'] )
				)
			),
		),
		'due'         => array(
			sprintf(
				/* translators: %s: number of days */
				_n( 'Due for rotation (older than %s day, or sealed by a previous key)', 'Due for rotation (older than %s days, or sealed by a previous key)', $days, 'jlg-native' ),
				number_format_i18n( $days )
			),
			esc_html( number_format_i18n( $counts['due'] ) ),
		),
		'sealed'      => array(
			__( 'Sealed by the current key and up to date', 'jlg-native' ),
			esc_html( number_format_i18n( $counts['sealed'] ) ),
		),
	);
	echo '<dl class="jlg-native-facts jlg-native-vault-facts">';
	foreach ( $facts as $key => $fact ) {
		printf(
			'<dt>%1$s</dt><dd data-fact="%2$s">%3$s</dd>',
			esc_html( $fact[0] ),
			esc_attr( $key ),
			$fact[1] // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped above.
		);
	}
	echo '</dl>';

	render_sealed_by( $status );
	render_next_steps( $status );
}

/**
 * Which keys sealed the stored envelopes: fingerprint and count (non-secret).
 *
 * @param array $status From status().
 */
function render_sealed_by( array $status ): void {
	if ( array() === $status['sealed_by'] ) {
		return;
	}
	printf( '<h3 id="jlg-native-vault-keys-title">%s</h3>', esc_html__( 'Keys that sealed the stored secrets', 'jlg-native' ) );
	printf(
		'<table class="widefat striped jlg-native-vault-keys" aria-labelledby="jlg-native-vault-keys-title"><thead><tr><th scope="col">%s</th><th scope="col">%s</th></tr></thead><tbody>',
		esc_html__( 'Key fingerprint', 'jlg-native' ),
		esc_html__( 'Secrets', 'jlg-native' )
	);
	foreach ( $status['sealed_by'] as $fingerprint => $count ) {
		$current = (string) $fingerprint === $status['fingerprint'];
		printf(
			'<tr data-fingerprint="%1$s"%2$s><th scope="row"><code>%3$s</code>%4$s</th><td>%5$s</td></tr>',
			esc_attr( (string) $fingerprint ),
			$current ? ' data-current="1"' : '',
			esc_html( (string) $fingerprint ),
			$current ? ' ' . esc_html__( '(current key)', 'jlg-native' ) : '',
			esc_html( number_format_i18n( (int) $count ) )
		);
	}
	echo '</tbody></table>';
}

/**
 * What to do next, one item per problem, with the command that solves it.
 *
 * @param array $status From status().
 */
function render_next_steps( array $status ): void {
	$counts = $status['counts'];
	$steps  = array();

	if ( null !== $status['error'] ) {
		$steps['error'] = esc_html( $status['error'] );
	}
	if ( 'constant' !== $status['source'] ) {
		$steps['key'] = key_steps( $status );
	}
	if ( $counts['key_changed'] > 0 ) {
		$steps['key_changed'] = sprintf(
			/* translators: 1: the constant's name, 2: command */
			esc_html__( 'Restore the key that sealed the unreadable secrets (JLG_NATIVE_KEY, or the previous WordPress salts), or list it in %1$s, then run %2$s.', 'jlg-native' ),
			'<code>JLG_NATIVE_PREVIOUS_KEYS</code>',
			'<code>wp jlg-native vault rotate</code>'
		);
	}
	if ( $counts['legacy'] + $counts['plaintext'] > 0 ) {
		$steps['migrate'] = sprintf(
			/* translators: %s: command */
			esc_html__( 'Seal the legacy and plain-text secrets with %s.', 'jlg-native' ),
			'<code>wp jlg-native vault migrate</code>'
		);
	}
	if ( $counts['due'] > 0 ) {
		$steps['rotate'] = sprintf(
			/* translators: %s: command */
			esc_html__( 'Re-seal the secrets due for rotation with %s.', 'jlg-native' ),
			'<code>wp jlg-native vault rotate</code>'
		);
	}

	printf( '<h3>%s</h3>', esc_html__( 'What to do', 'jlg-native' ) );
	if ( array() === $steps ) {
		printf( '<p data-step="none">%s</p>', esc_html__( 'Nothing: every stored secret is sealed by the current key.', 'jlg-native' ) );
	} else {
		echo '<ul class="jlg-native-vault-steps">';
		foreach ( $steps as $key => $html ) {
			printf( '<li data-step="%s">%s</li>', esc_attr( $key ), $html ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built from escaped parts.
		}
		echo '</ul>';
	}
	$note = ( ! native_available() && array_intersect_key( $steps, array_flip( array( 'key_changed', 'migrate', 'rotate' ) ) ) )
		? ' ' . esc_html__( 'Migrating and rotating need the jlg_native extension.', 'jlg-native' )
		: '';
	printf(
		'<p class="description">%s%s</p>',
		sprintf(
			/* translators: %s: command */
			esc_html__( 'Every secret and its state: %s.', 'jlg-native' ),
			'<code>wp jlg-native vault status</code>'
		),
		$note // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped above.
	);
}

/**
 * How to move to a dedicated key (JLG_NATIVE_KEY), as HTML: why, then the
 * steps in order. Secrets already sealed by the salts-derived key stay
 * readable after the constant is defined (the key ring keeps that key as a
 * retired one), so a rotation moves them to the new key.
 *
 * @param array $status From status().
 */
function key_steps( array $status ): string {
	$counts   = $status['counts'];
	$generate = native_available()
		? "wp eval 'echo JLG\\Native\\TokenVault::generateKey();'"
		: "wp eval 'echo base64_encode( random_bytes( 32 ) );'";
	$code     = static fn( string $text ) => '<code>' . esc_html( $text ) . '</code>';
	$keep     = 'salts' === $status['source'] && $counts['sealed'] + $counts['due'] > 0;

	$items   = array();
	$items[] = sprintf(
		/* translators: %s: command that prints a new key */
		esc_html__( 'Generate a key (the base64 of 32 random bytes): %s', 'jlg-native' ),
		$code( $generate )
	);
	$items[] = sprintf(
		/* translators: %s: line of PHP */
		esc_html__( 'Add %s to wp-config.php, with the new key.', 'jlg-native' ),
		$code( "define( 'JLG_NATIVE_KEY', '…' );" )
	);
	$items[] = $keep
		? sprintf(
			/* translators: 1: command, 2: command */
			esc_html__( 'Re-seal the secrets with %1$s, and check with %2$s.', 'jlg-native' ),
			$code( 'wp jlg-native vault rotate' ),
			$code( 'wp jlg-native vault status' )
		)
		: sprintf(
			/* translators: %s: command */
			esc_html__( 'Check with %s.', 'jlg-native' ),
			$code( 'wp jlg-native vault status' )
		);

	return esc_html__( 'Define a dedicated key: salts get rotated, and every secret sealed under the old salts then becomes unreadable.', 'jlg-native' )
		. '<ol><li>' . implode( '</li><li>', $items ) . '</li></ol>';
}
