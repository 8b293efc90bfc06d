<?php
/**
 * The one place that asks whether the jlg_native extension is loaded and
 * reads its build information. Every other piece goes through here.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Name of the PHP extension, as `extension_loaded()` knows it. */
const EXTENSION_NAME = 'jlg_native';

/**
 * Keys of `JLG\Native\build_info()`, in display order. Reported (as null or
 * empty) even when the extension is absent, so callers see one shape.
 */
const BUILD_KEYS = array( 'version', 'git_revision', 'rustc', 'php_api', 'profile', 'features' );

/**
 * Whether the extension is loaded and exposes the functions this plugin uses.
 */
function native_available(): bool {
	return \extension_loaded( EXTENSION_NAME )
		&& \function_exists( 'JLG\\Native\\version' )
		&& \function_exists( 'JLG\\Native\\build_info' );
}

/**
 * Status of the extension for this PHP process.
 *
 * @return array{
 *     loaded: bool,
 *     version: ?string,
 *     git_revision: ?string,
 *     rustc: ?string,
 *     php_api: int|string|null,
 *     profile: ?string,
 *     features: string[],
 *     message: string,
 *     error: ?string
 * } Any further keys `build_info()` returns are passed through.
 */
function extension_status(): array {
	$status = array( 'loaded' => false );
	foreach ( BUILD_KEYS as $key ) {
		$status[ $key ] = 'features' === $key ? array() : null;
	}
	$status['error'] = null;

	if ( ! native_available() ) {
		$status['message'] = sprintf(
			/* translators: %s: PHP extension name */
			__( 'The %s PHP extension is not loaded. Native features are disabled; the plugins fall back to their PHP code.', 'jlg-native' ),
			EXTENSION_NAME
		);
		return $status;
	}

	$status['loaded'] = true;
	try {
		$info = \JLG\Native\build_info();
		if ( ! is_array( $info ) ) {
			throw new \UnexpectedValueException( 'build_info() did not return an array' );
		}
		foreach ( $info as $key => $value ) {
			if ( in_array( $key, array( 'loaded', 'message', 'error' ), true ) ) {
				continue; // Never let the extension overwrite our own keys.
			}
			$status[ $key ] = $value;
		}
		if ( null === $status['version'] ) {
			$status['version'] = (string) \JLG\Native\version();
		}
		$status['features'] = array_values( array_map( 'strval', (array) $status['features'] ) );
	} catch ( \Throwable $e ) {
		// Loaded but misbehaving: report it instead of breaking the page.
		$status['error'] = $e->getMessage();
	}

	$status['message'] = null === $status['error']
		? sprintf(
			/* translators: 1: PHP extension name, 2: extension version */
			__( 'The %1$s PHP extension %2$s is loaded.', 'jlg-native' ),
			EXTENSION_NAME,
			(string) $status['version']
		)
		: sprintf(
			/* translators: 1: PHP extension name, 2: error message */
			__( 'The %1$s PHP extension is loaded but could not report its build: %2$s', 'jlg-native' ),
			EXTENSION_NAME,
			$status['error']
		);

	return $status;
}

/**
 * How to install the extension on this server.
 *
 * @return array<int, array{text: string, code: ?string}> Steps: an explanation and, if any, a command.
 */
function install_steps(): array {
	$php_minor = PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION;
	$ext_dir   = (string) ini_get( 'extension_dir' );
	if ( '' === $ext_dir ) {
		$ext_dir = '"$(php-config --extension-dir)"';
	}

	return array(
		array(
			/* translators: %s: PHP version such as 8.2 */
			'text' => sprintf( __( 'Build the extension for PHP %s in the jlg-native source tree:', 'jlg-native' ), $php_minor ),
			'code' => 'make build',
		),
		array(
			'text' => __( 'Copy it into the PHP extension directory:', 'jlg-native' ),
			'code' => "cp target/release/libjlg_native.so {$ext_dir}/jlg_native.so",
		),
		array(
			'text' => __( 'Enable it (Debian and Ubuntu):', 'jlg-native' ),
			'code' => "echo 'extension=jlg_native' > /etc/php/{$php_minor}/mods-available/jlg_native.ini && phpenmod jlg_native",
		),
		array(
			'text' => __( 'Restart PHP-FPM or the web server, so that new PHP processes load it.', 'jlg-native' ),
			'code' => null,
		),
	);
}

/**
 * Translated labels of the build_info() keys, in display order.
 *
 * @return array<string, string>
 */
function build_info_labels(): array {
	return array(
		'version'      => __( 'Version', 'jlg-native' ),
		'git_revision' => __( 'Git revision', 'jlg-native' ),
		'rustc'        => __( 'Rust compiler', 'jlg-native' ),
		'php_api'      => __( 'PHP API', 'jlg-native' ),
		'profile'      => __( 'Build profile', 'jlg-native' ),
		'features'     => __( 'Features', 'jlg-native' ),
	);
}
