<?php
/**
 * Errors shared by the reports.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Reports;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Builds the WP_Error a report answers with; the REST routes pass them on as
 * they are, the CLI commands print their message.
 */
final class Report_Error {

	/** The extension (or the class a report needs) is not there: 503. */
	public static function unavailable(): \WP_Error {
		return new \WP_Error(
			'jlg_native_unavailable',
			__( 'The jlg_native PHP extension is not loaded on this server.', 'jlg-native' ),
			array( 'status' => 503 )
		);
	}

	/**
	 * The stored data could not be read (the extension names the field): 500.
	 *
	 * @param string     $source Where the data came from (sitepulse, demo).
	 * @param \Throwable $error  What the extension threw.
	 */
	public static function invalid_data( string $source, \Throwable $error ): \WP_Error {
		return new \WP_Error(
			'jlg_native_invalid_data',
			sprintf(
				/* translators: 1: data source (sitepulse or demo), 2: error message naming the field */
				__( 'The %1$s data cannot be used: %2$s', 'jlg-native' ),
				$source,
				$error->getMessage()
			),
			array( 'status' => 500 )
		);
	}

	/**
	 * Any other failure of the extension: 500.
	 *
	 * @param \Throwable $error What the extension threw.
	 */
	public static function failure( \Throwable $error ): \WP_Error {
		return new \WP_Error(
			'jlg_native_failure',
			sprintf(
				/* translators: %s: error message */
				__( 'The jlg_native extension failed: %s', 'jlg-native' ),
				$error->getMessage()
			),
			array( 'status' => 500 )
		);
	}
}
