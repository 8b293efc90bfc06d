<?php
/**
 * Tools > JLG Native: the admin page, made of panels.
 *
 * The page itself only lays panels out. Each panel (status, cron playground,
 * and those of later capabilities) lives in its own file under panels/ and
 * adds itself through the `jlg_native_admin_panels` filter, which other code
 * may use as well. See panels().
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Admin;

use function JLG\NativeCompanion\load_piece;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Slug of the page under Tools (tools.php?page=jlg-native). */
const PAGE_SLUG = 'jlg-native';

/** Who may open the page. */
const PAGE_CAPABILITY = 'manage_options';

/** Handle of the page's style sheet. */
const STYLE_HANDLE = 'jlg-native-admin';

/** Hook suffix of the page, set once it is registered. */
function page_hook( ?string $set = null ): ?string {
	static $hook = null;
	if ( null !== $set ) {
		$hook = $set;
	}
	return $hook;
}

/**
 * The panels of the page, in display order.
 *
 * Each entry, keyed by a short id (letters, digits, dashes), is an array:
 * - `title`    (string, required) heading of the panel;
 * - `render`   (callable, required) prints the panel's body (escaped HTML);
 * - `enqueue`  (callable, optional) registers and enqueues the panel's scripts
 *              and styles; called on the page only;
 * - `priority` (int, optional, default 50) lower comes first;
 * - `wide`     (bool, optional) spans the whole width of the page.
 *
 * Entries that lack a title or a callable render are left out.
 *
 * @return array<string, array{title: string, render: callable, enqueue: ?callable, priority: int, wide: bool}>
 */
function panels(): array {
	/**
	 * Filters the panels of the Tools > JLG Native page.
	 *
	 * @param array $panels Panels keyed by id; see panels() for the shape.
	 */
	$filtered = apply_filters( 'jlg_native_admin_panels', array() );

	$panels = array();
	if ( ! is_array( $filtered ) ) {
		return $panels;
	}
	foreach ( $filtered as $id => $panel ) {
		if ( ! is_string( $id ) || ! preg_match( '/^[a-z0-9-]+$/', $id ) || ! is_array( $panel ) ) {
			continue;
		}
		if ( ! isset( $panel['title'], $panel['render'] ) || ! is_string( $panel['title'] ) || ! is_callable( $panel['render'] ) ) {
			continue;
		}
		$panels[ $id ] = array(
			'title'    => $panel['title'],
			'render'   => $panel['render'],
			'enqueue'  => isset( $panel['enqueue'] ) && is_callable( $panel['enqueue'] ) ? $panel['enqueue'] : null,
			'priority' => isset( $panel['priority'] ) ? (int) $panel['priority'] : 50,
			'wide'     => ! empty( $panel['wide'] ),
		);
	}

	// Stable sort by priority: panels of equal priority keep their order.
	$order = array_flip( array_keys( $panels ) );
	uksort(
		$panels,
		static function ( $a, $b ) use ( $panels, $order ) {
			return array( $panels[ $a ]['priority'], $order[ $a ] ) <=> array( $panels[ $b ]['priority'], $order[ $b ] );
		}
	);
	return $panels;
}

/** Hooked to admin_menu. */
function register_page(): void {
	$hook = add_management_page(
		__( 'JLG Native', 'jlg-native' ),
		__( 'JLG Native', 'jlg-native' ),
		PAGE_CAPABILITY,
		PAGE_SLUG,
		__NAMESPACE__ . '\\render_page'
	);
	if ( is_string( $hook ) && '' !== $hook ) {
		page_hook( $hook );
		add_action( 'load-' . $hook, __NAMESPACE__ . '\\add_help_tabs' );
	}
}

/**
 * Hooked to admin_enqueue_scripts: the page's assets, on the page only.
 *
 * @param string $hook_suffix Screen being loaded.
 */
function enqueue_assets( $hook_suffix ): void {
	if ( null === page_hook() || page_hook() !== $hook_suffix ) {
		return;
	}
	wp_enqueue_style(
		STYLE_HANDLE,
		plugins_url( 'assets/css/admin.css', JLG_NATIVE_COMPANION_FILE ),
		array(),
		JLG_NATIVE_COMPANION_VERSION
	);
	foreach ( panels() as $panel ) {
		if ( null !== $panel['enqueue'] ) {
			call_user_func( $panel['enqueue'] );
		}
	}
}

/** Hooked to the page's load action: a help tab in the screen's Help menu. */
function add_help_tabs(): void {
	$screen = get_current_screen();
	if ( ! $screen ) {
		return;
	}
	$screen->add_help_tab(
		array(
			'id'      => 'jlg-native-overview',
			'title'   => __( 'Overview', 'jlg-native' ),
			'content' => sprintf(
				'<p>%s</p><p>%s</p>',
				esc_html__( 'JLG Native is a PHP extension that the JLG plugins use for cron previews, encryption, backup manifests and scoring. This page shows whether it is installed and lets you try what it does.', 'jlg-native' ),
				esc_html__( 'Everything on this page also works without the extension: the panels then say what is missing.', 'jlg-native' )
			),
		)
	);
}

/** Prints the page. */
function render_page(): void {
	if ( ! current_user_can( PAGE_CAPABILITY ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to access this page.', 'jlg-native' ), 403 );
	}

	echo '<div class="wrap jlg-native-admin">';
	printf( '<h1>%s</h1>', esc_html__( 'JLG Native', 'jlg-native' ) );
	printf(
		'<p class="jlg-native-intro">%s</p>',
		esc_html__( 'The native extension behind the JLG plugins: its status, and a place to try each capability.', 'jlg-native' )
	);

	echo '<div class="jlg-native-panels">';
	foreach ( panels() as $id => $panel ) {
		render_panel( $id, $panel );
	}
	echo '</div></div>';
}

/**
 * Prints one panel. A panel that fails is replaced by a message: it never
 * takes the page down with it.
 *
 * @param string $id    Panel id.
 * @param array  $panel Panel, as normalised by panels().
 */
function render_panel( string $id, array $panel ): void {
	$title_id = 'jlg-native-panel-' . $id . '-title';
	printf(
		'<section id="%1$s" class="jlg-native-panel%2$s" aria-labelledby="%3$s"><h2 id="%3$s" class="jlg-native-panel-title">%4$s</h2>',
		esc_attr( 'jlg-native-panel-' . $id ),
		$panel['wide'] ? ' jlg-native-panel--wide' : '',
		esc_attr( $title_id ),
		esc_html( $panel['title'] )
	);

	ob_start();
	try {
		call_user_func( $panel['render'] );
		$body = (string) ob_get_clean();
	} catch ( \Throwable $e ) {
		ob_end_clean();
		$body = sprintf(
			'<div class="notice notice-error inline"><p>%s</p></div>',
			esc_html(
				sprintf(
					/* translators: %s: error message */
					__( 'This panel could not be shown: %s', 'jlg-native' ),
					$e->getMessage()
				)
			)
		);
	}
	echo $body; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped by the panel.
	echo '</section>';
}

add_action( 'admin_menu', __NAMESPACE__ . '\\register_page' );
add_action( 'admin_enqueue_scripts', __NAMESPACE__ . '\\enqueue_assets' );

// The panels this plugin ships. Each adds itself through jlg_native_admin_panels.
load_piece( 'admin/panels/status.php' );
load_piece( 'admin/panels/impact-sla.php' );
load_piece( 'admin/panels/storage.php' );
load_piece( 'admin/panels/vault.php' );
load_piece( 'admin/panels/cron.php' );
