<?php
/**
 * Cron playground panel: an expression field with examples, a time zone,
 * and a live preview from REST `POST jlg-native/v1/cron/preview`.
 *
 * PHP prints the form (usable labels, examples, time zones); the script
 * assets/js/cron-playground.js asks for the preview as the user types and
 * shows it. Without the extension, or without its cron support, the form is
 * shown disabled with a message saying why.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Admin\Panels\Cron;

use JLG\NativeCompanion\Rest\Registrar;
use function JLG\NativeCompanion\native_available;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Script handle; also the name of its JSON translation file. */
const SCRIPT_HANDLE = 'jlg-native-cron';

/** Native class the preview needs. */
const CRON_CLASS = 'JLG\\Native\\CronExpression';

/** Runs shown in the preview. */
const RUN_COUNT = 5;

/**
 * Adds the panel.
 *
 * @param array $panels Panels so far.
 * @return array
 */
function add_panel( $panels ) {
	$panels['cron'] = array(
		'title'    => __( 'Cron playground', 'jlg-native' ),
		'render'   => __NAMESPACE__ . '\\render',
		'enqueue'  => __NAMESPACE__ . '\\enqueue',
		'priority' => 20,
		'wide'     => true,
	);
	return $panels;
}
add_filter( 'jlg_native_admin_panels', __NAMESPACE__ . '\\add_panel' );

/**
 * Why the preview cannot work here, or null when it can.
 */
function unavailable_reason(): ?string {
	if ( ! native_available() ) {
		return __( 'The cron preview needs the jlg_native PHP extension, which is not loaded on this server. The status panel says how to install it.', 'jlg-native' );
	}
	if ( ! class_exists( CRON_CLASS ) ) {
		return __( 'This build of the jlg_native extension has no cron support. Install a newer build to use the preview.', 'jlg-native' );
	}
	return null;
}

/**
 * Examples the user can click: label => expression.
 *
 * @return array<int, array{label: string, expression: string}>
 */
function examples(): array {
	$examples = array(
		array(
			'label'      => __( 'Every 15 minutes on weekdays', 'jlg-native' ),
			'expression' => '*/15 * * * 1-5',
		),
		array(
			'label'      => __( 'Nightly at 03:00', 'jlg-native' ),
			'expression' => '0 3 * * *',
		),
		array(
			'label'      => __( 'Last Friday of the month at 18:00', 'jlg-native' ),
			'expression' => '0 18 * * 5L',
		),
		array(
			'label'      => __( 'Mondays at 09:30', 'jlg-native' ),
			'expression' => '30 9 * * 1',
		),
		array(
			'label'      => __( 'Twice a day, at 08:00 and 20:00', 'jlg-native' ),
			'expression' => '0 8,20 * * *',
		),
		array(
			'label'      => __( 'Last weekday of the month at 17:00', 'jlg-native' ),
			'expression' => '0 17 LW * *',
		),
		array(
			'label'      => __( 'First day of each quarter at midnight', 'jlg-native' ),
			'expression' => '0 0 1 1,4,7,10 *',
		),
		array(
			'label'      => __( 'Every hour', 'jlg-native' ),
			'expression' => '@hourly',
		),
	);

	/**
	 * Filters the examples of the cron playground.
	 *
	 * @param array $examples List of {label, expression}.
	 */
	return (array) apply_filters( 'jlg_native_cron_examples', $examples );
}

/**
 * The site's time zone as a value of wp_timezone_choice(): an IANA name,
 * "UTC", or a manual offset such as "UTC+5.5".
 */
function site_timezone_choice(): string {
	$name = (string) get_option( 'timezone_string' );
	if ( '' !== $name ) {
		return $name;
	}
	$offset = (float) get_option( 'gmt_offset', 0 );
	if ( 0.0 === $offset ) {
		return 'UTC';
	}
	return 'UTC' . ( $offset < 0 ? '-' : '+' ) . abs( $offset );
}

/** Registers and enqueues the script, with its configuration and translations. */
function enqueue(): void {
	wp_register_script(
		SCRIPT_HANDLE,
		plugins_url( 'assets/js/cron-playground.js', JLG_NATIVE_COMPANION_FILE ),
		array( 'wp-api-fetch', 'wp-i18n', 'wp-date', 'wp-dom-ready' ),
		JLG_NATIVE_COMPANION_VERSION,
		true
	);
	wp_set_script_translations( SCRIPT_HANDLE, 'jlg-native', JLG_NATIVE_COMPANION_DIR . '/languages' );

	$locale = determine_locale();
	$config = array(
		'path'      => '/' . ( class_exists( Registrar::class ) ? Registrar::NAMESPACE : 'jlg-native/v1' ) . '/cron/preview',
		'available' => null === unavailable_reason(),
		'count'     => RUN_COUNT,
		// The extension describes schedules in English or French.
		'locale'    => 0 === strpos( $locale, 'fr' ) ? 'fr' : 'en',
		'debounce'  => 300,
	);
	wp_add_inline_script(
		SCRIPT_HANDLE,
		'window.jlgNativeCron = ' . wp_json_encode( $config ) . ';',
		'before'
	);
	wp_enqueue_script( SCRIPT_HANDLE );
}

/** Prints the panel. */
function render(): void {
	$reason   = unavailable_reason();
	$disabled = null === $reason ? '' : ' disabled';

	printf(
		'<p>%s</p>',
		esc_html__( 'Type a cron expression to see what it means, when it runs next, and what to watch out for. Nothing is saved.', 'jlg-native' )
	);
	if ( null !== $reason ) {
		printf(
			'<div class="notice notice-warning inline" id="jlg-native-cron-unavailable"><p>%s</p></div>',
			esc_html( $reason )
		);
	}

	echo '<form id="jlg-native-cron" class="jlg-native-cron" action="#" method="post" novalidate>';
	printf( '<fieldset class="jlg-native-cron-inputs"%s>', esc_attr( $disabled ) );
	printf( '<legend class="screen-reader-text">%s</legend>', esc_html__( 'Cron expression and time zone', 'jlg-native' ) );

	echo '<div class="jlg-native-cron-row">';
	printf(
		'<label for="jlg-native-cron-expression" class="jlg-native-cron-label">%s</label>',
		esc_html__( 'Cron expression', 'jlg-native' )
	);
	echo '<div class="jlg-native-cron-field">';
	echo '<div class="jlg-native-cron-backdrop" aria-hidden="true"></div>';
	echo '<input type="text" id="jlg-native-cron-expression" name="expression" class="code" value="" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="200" aria-describedby="jlg-native-cron-help jlg-native-cron-issues" placeholder="*/15 * * * 1-5">';
	echo '</div>';
	printf(
		'<p class="description" id="jlg-native-cron-help">%s</p>',
		esc_html__( 'Five fields: minute, hour, day of month, month, day of week (0 or 7 is Sunday). Shortcuts such as @daily work too.', 'jlg-native' )
	);
	echo '</div>';

	echo '<div class="jlg-native-cron-row">';
	printf(
		'<label for="jlg-native-cron-timezone" class="jlg-native-cron-label">%s</label>',
		esc_html__( 'Time zone', 'jlg-native' )
	);
	echo '<select id="jlg-native-cron-timezone" name="timezone">';
	// Options built and escaped by WordPress, as on Settings > General.
	echo wp_timezone_choice( site_timezone_choice(), get_user_locale() ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
	echo '</select>';
	printf(
		'<p class="description">%s</p>',
		esc_html__( 'Defaults to the site’s time zone (Settings > General).', 'jlg-native' )
	);
	echo '</div>';
	echo '</fieldset>';

	printf( '<fieldset class="jlg-native-cron-examples"%s>', esc_attr( $disabled ) );
	printf( '<legend>%s</legend><ul>', esc_html__( 'Examples', 'jlg-native' ) );
	foreach ( examples() as $example ) {
		if ( ! isset( $example['label'], $example['expression'] ) ) {
			continue;
		}
		printf(
			'<li><button type="button" class="button jlg-native-cron-example" data-expression="%1$s">%2$s <code>%3$s</code></button></li>',
			esc_attr( (string) $example['expression'] ),
			esc_html( (string) $example['label'] ),
			esc_html( (string) $example['expression'] )
		);
	}
	echo '</ul></fieldset>';
	echo '</form>';

	// Filled by the script. The summary is the live region; the details are not
	// announced as a whole at every keystroke.
	printf( '<div class="jlg-native-cron-output" data-state="%s">', null === $reason ? 'idle' : 'unavailable' );
	printf(
		'<p id="jlg-native-cron-summary" class="jlg-native-cron-summary" role="status" aria-live="polite" aria-atomic="true">%s</p>',
		esc_html( null === $reason ? __( 'Type an expression or pick an example.', 'jlg-native' ) : '' )
	);
	echo '<div id="jlg-native-cron-issues" class="jlg-native-cron-issues"></div>';
	echo '<div id="jlg-native-cron-results" class="jlg-native-cron-results"></div>';
	echo '</div>';
	printf(
		'<noscript><p>%s</p></noscript>',
		esc_html__( 'The preview needs JavaScript.', 'jlg-native' )
	);
}
