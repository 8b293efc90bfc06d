<?php
/**
 * Base of the commands that need the extension: input checks shared by them.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

use function JLG\NativeCompanion\native_available;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Helpers for commands that call the extension. Each helper halts the
 * command with `WP_CLI::error()` (exit code 1) on a problem, saying what.
 */
abstract class Native_Command extends \WP_CLI_Command {

	/** Largest JSON input file read, in bytes. */
	protected const MAX_JSON_BYTES = 64 * 1024 * 1024;

	/**
	 * Halts unless the extension and the given class are available.
	 *
	 * @param string $class Class of the extension the command calls, e.g. JLG\Native\Quota.
	 */
	protected static function require_extension( string $class ): void {
		if ( ! native_available() || ! class_exists( $class ) ) {
			\WP_CLI::error(
				sprintf(
					/* translators: 1: PHP extension name, 2: PHP class name */
					__( 'This command needs the %1$s PHP extension (class %2$s), which is not loaded in the PHP running WP-CLI. See `wp jlg-native status`.', 'jlg-native' ),
					'jlg_native',
					$class
				)
			);
		}
	}

	/**
	 * Reads a JSON file that must hold a list (a JSON array).
	 *
	 * @param string $file   Path given on the command line.
	 * @param string $option Name of the option, for messages (e.g. "samples").
	 * @return list<mixed>
	 */
	protected static function read_json_list( string $file, string $option ): array {
		if ( '' === $file ) {
			/* translators: %s: command-line option name */
			\WP_CLI::error( sprintf( __( '--%s needs the path of a JSON file.', 'jlg-native' ), $option ) );
		}
		if ( ! is_file( $file ) ) {
			/* translators: 1: command-line option name, 2: file path */
			\WP_CLI::error( sprintf( __( '--%1$s: file not found: %2$s', 'jlg-native' ), $option, $file ) );
		}
		$size = filesize( $file );
		if ( false === $size || $size > self::MAX_JSON_BYTES ) {
			/* translators: 1: command-line option name, 2: file path, 3: size limit such as 64 MB */
			\WP_CLI::error( sprintf( __( '--%1$s: %2$s is larger than %3$s.', 'jlg-native' ), $option, $file, size_format( self::MAX_JSON_BYTES ) ) );
		}
		$text = is_readable( $file ) ? file_get_contents( $file ) : false; // phpcs:ignore WordPress.WP.AlternativeFunctions -- a local file named by the user.
		if ( false === $text ) {
			/* translators: 1: command-line option name, 2: file path */
			\WP_CLI::error( sprintf( __( '--%1$s: cannot read %2$s.', 'jlg-native' ), $option, $file ) );
		}
		try {
			$data = json_decode( $text, true, 64, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING );
		} catch ( \JsonException $e ) {
			/* translators: 1: command-line option name, 2: file path, 3: JSON error message */
			\WP_CLI::error( sprintf( __( '--%1$s: %2$s is not valid JSON: %3$s.', 'jlg-native' ), $option, $file, $e->getMessage() ) );
		}
		if ( ! is_array( $data ) || ! array_is_list( $data ) ) {
			/* translators: 1: command-line option name, 2: file path */
			\WP_CLI::error( sprintf( __( '--%1$s: %2$s must hold a JSON array (a list).', 'jlg-native' ), $option, $file ) );
		}
		return $data;
	}

	/**
	 * Parses a whole number given on the command line.
	 *
	 * @param mixed  $value  Raw value.
	 * @param string $option Option name, for messages.
	 * @param int    $min    Smallest value accepted.
	 */
	protected static function parse_int( $value, string $option, int $min ): int {
		$text = is_string( $value ) ? trim( $value ) : '';
		if ( ! preg_match( '/^-?\d{1,18}$/', $text ) || (int) $text < $min ) {
			\WP_CLI::error(
				sprintf(
					/* translators: 1: command-line option name, 2: smallest accepted value, 3: value given */
					__( '--%1$s must be a whole number of at least %2$s, got "%3$s".', 'jlg-native' ),
					$option,
					number_format_i18n( $min ),
					is_scalar( $value ) ? (string) $value : gettype( $value )
				)
			);
		}
		return (int) $text;
	}

	/**
	 * Halts with the message of an exception thrown by the extension. Bad
	 * input is reported with the entry it names, e.g. "samples[3].timestamp".
	 *
	 * @param \Throwable $e Exception.
	 */
	protected static function native_error( \Throwable $e ): void {
		if ( $e instanceof \InvalidArgumentException ) {
			/* translators: %s: error message naming the faulty entry */
			\WP_CLI::error( sprintf( __( 'Invalid input: %s', 'jlg-native' ), $e->getMessage() ) );
		}
		/* translators: %s: error message */
		\WP_CLI::error( sprintf( __( 'The extension failed: %s', 'jlg-native' ), $e->getMessage() ) );
	}

	/**
	 * A Unix time as an ISO 8601 date in UTC, for tables.
	 *
	 * @param int|null $timestamp Unix seconds.
	 */
	protected static function display_time( ?int $timestamp ): string {
		return null === $timestamp ? '' : gmdate( 'Y-m-d\TH:i:s\Z', $timestamp );
	}
}
