<?php
/**
 * Output helpers of the report commands: CSV for spreadsheets, durations.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * CSV the way SitePulse exports it: UTF-8 with a byte order mark (so that
 * spreadsheet programs read accents right), and text cells that a spreadsheet
 * would take for a formula (starting with = + - @, a tab or a carriage return)
 * prefixed with a single quote.
 */
final class Output {

	/** UTF-8 byte order mark. */
	public const BOM = "\xEF\xBB\xBF";

	/** First characters that make a spreadsheet read a cell as a formula. */
	private const FORMULA_STARTS = array( '=', '+', '-', '@', "\t", "\r" );

	/**
	 * A cell made safe for a spreadsheet. Numbers are left alone; text that
	 * starts like a formula gets a leading single quote.
	 *
	 * @param mixed $value Cell value.
	 */
	public static function csv_cell( $value ): string {
		if ( null === $value ) {
			return '';
		}
		if ( is_bool( $value ) ) {
			return $value ? 'true' : 'false';
		}
		if ( is_int( $value ) || is_float( $value ) ) {
			return (string) $value;
		}
		$text = is_scalar( $value ) ? (string) $value : (string) wp_json_encode( $value );
		if ( '' !== $text && in_array( $text[0], self::FORMULA_STARTS, true ) ) {
			return "'" . $text;
		}
		return $text;
	}

	/**
	 * A whole CSV document: BOM, header line, one line per row (RFC 4180
	 * quoting, CRLF-free: lines end with "\n").
	 *
	 * @param string[] $header Column names.
	 * @param array[]  $rows   Rows, values in the header's order.
	 */
	public static function csv( array $header, array $rows ): string {
		$handle = fopen( 'php://temp', 'w+' );
		fputcsv( $handle, array_map( array( self::class, 'csv_cell' ), $header ), ',', '"', '' );
		foreach ( $rows as $row ) {
			fputcsv( $handle, array_map( array( self::class, 'csv_cell' ), array_values( $row ) ), ',', '"', '' );
		}
		rewind( $handle );
		$csv = (string) stream_get_contents( $handle );
		fclose( $handle );
		return self::BOM . $csv;
	}

	/** Prints a CSV document as the command's output. */
	public static function print_csv( array $header, array $rows ): void {
		// WP_CLI::line() adds the final newline back.
		\WP_CLI::line( substr( self::csv( $header, $rows ), 0, -1 ) );
	}

	/** Prints one JSON document as the command's output. */
	public static function print_json( array $data ): void {
		\WP_CLI::line( (string) wp_json_encode( $data, JSON_PRESERVE_ZERO_FRACTION ) );
	}

	/**
	 * Seconds as "1 h 05 min", "12 min 30 s", "40 s"; "" for null.
	 *
	 * @param int|float|null $seconds Duration.
	 */
	public static function duration( $seconds ): string {
		if ( null === $seconds ) {
			return '';
		}
		$seconds = (int) round( (float) $seconds );
		$hours   = intdiv( $seconds, 3600 );
		$minutes = intdiv( $seconds % 3600, 60 );
		$rest    = $seconds % 60;
		if ( $hours > 0 ) {
			return sprintf( '%d h %02d min', $hours, $minutes );
		}
		if ( $minutes > 0 ) {
			return 0 === $rest ? sprintf( '%d min', $minutes ) : sprintf( '%d min %02d s', $minutes, $rest );
		}
		return sprintf( '%d s', $rest );
	}

	/**
	 * A percentage with 3 decimals, "" for null.
	 *
	 * @param int|float|null $percent Value 0-100.
	 */
	public static function percent( $percent ): string {
		return null === $percent ? '' : number_format( (float) $percent, 3, '.', '' ) . ' %';
	}

	/** A Unix time as "YYYY-MM-DD HH:MM" UTC, "" for 0 or null. */
	public static function utc( ?int $timestamp ): string {
		return empty( $timestamp ) ? '' : gmdate( 'Y-m-d H:i', $timestamp ) . ' UTC';
	}
}
