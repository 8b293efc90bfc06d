<?php
/**
 * `wp jlg-native status`
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

use function JLG\NativeCompanion\extension_status;
use const JLG\NativeCompanion\BUILD_KEYS;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Reports whether the jlg_native extension is loaded in the PHP running WP-CLI.
 */
class Status_Command extends \WP_CLI_Command {

	/**
	 * Shows whether the jlg_native extension is loaded, and its build information.
	 *
	 * Note that WP-CLI runs in the PHP CLI, whose configuration may differ from
	 * the web server's: check Site Health for the web side.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : Render output in a particular format. The table has one row per field;
	 * the other formats give one item with every field.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - csv
	 *   - yaml
	 * ---
	 *
	 * [--strict]
	 * : Exit with an error when the extension is not loaded (for deploy scripts).
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp jlg-native status
	 *     $ wp jlg-native status --format=json
	 *     $ wp jlg-native status --strict
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments (none).
	 * @param array    $assoc_args Associative arguments.
	 */
	public function __invoke( $args, $assoc_args ) {
		$format = \WP_CLI\Utils\get_flag_value( $assoc_args, 'format', 'table' );
		$strict = (bool) \WP_CLI\Utils\get_flag_value( $assoc_args, 'strict', false );
		$status = extension_status();
		$fields = array_merge( array( 'loaded' ), BUILD_KEYS, array( 'message' ) );

		if ( ! $status['loaded'] ) {
			if ( $strict ) {
				\WP_CLI::error( $status['message'] );
			}
			\WP_CLI::warning( $status['message'] );
		} elseif ( null !== $status['error'] ) {
			\WP_CLI::warning( $status['message'] );
		}

		if ( 'table' === $format ) {
			$rows = array();
			foreach ( $fields as $field ) {
				$rows[] = array(
					'Field' => $field,
					'Value' => self::display_value( $status[ $field ] ?? null ),
				);
			}
			\WP_CLI\Utils\format_items( 'table', $rows, array( 'Field', 'Value' ) );
			return;
		}

		$item = array();
		foreach ( $fields as $field ) {
			$item[ $field ] = $status[ $field ] ?? null;
		}
		if ( 'csv' === $format ) {
			$item['loaded']   = $item['loaded'] ? 'true' : 'false';
			$item['features'] = implode( ' ', $item['features'] );
		}
		\WP_CLI\Utils\format_items( $format, array( $item ), $fields );
	}

	/**
	 * A value as a table cell.
	 *
	 * @param mixed $value Value.
	 */
	private static function display_value( $value ): string {
		if ( is_bool( $value ) ) {
			return $value ? 'yes' : 'no';
		}
		if ( is_array( $value ) ) {
			return array() === $value ? '' : implode( ', ', array_map( 'strval', $value ) );
		}
		return null === $value ? '' : (string) $value;
	}
}
