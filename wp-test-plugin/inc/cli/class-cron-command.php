<?php
/**
 * `wp jlg-native cron ...`
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

use JLG\NativeCompanion\Cron;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/class-native-command.php';
require_once dirname( __DIR__ ) . '/cron/preview.php';

/**
 * Cron expressions, read by the jlg_native extension: five fields (minute,
 * hour, day of month, month, day of week) or a shortcut such as @daily.
 */
class Cron_Command extends Native_Command {

	/**
	 * Shows the next runs of a cron expression, what it means and what to watch out for.
	 *
	 * Runs are in the site's time zone unless --timezone says otherwise.
	 *
	 * ## OPTIONS
	 *
	 * <expression>
	 * : Cron expression; quote it, e.g. "0,30 9-17 * * 1-5".
	 *
	 * [--count=<n>]
	 * : Number of runs (1 to 50).
	 * ---
	 * default: 5
	 * ---
	 *
	 * [--timezone=<tz>]
	 * : Time zone: an IANA name, UTC, or a fixed offset such as +02:00. Default: the site's.
	 *
	 * [--format=<format>]
	 * : Output format. The table has one row per run, then the description and the
	 * warnings; json gives the whole analysis.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp jlg-native cron preview "0 3 * * *"
	 *     $ wp jlg-native cron preview "0,30 9-17 * * 1-5" --count=10 --timezone=Europe/Paris --format=json
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments: the expression.
	 * @param array    $assoc_args Associative arguments.
	 */
	public function preview( $args, $assoc_args ) {
		self::require_extension( Cron\CRON_CLASS );

		$expression = (string) $args[0];
		$format     = (string) \WP_CLI\Utils\get_flag_value( $assoc_args, 'format', 'table' );
		$count      = self::parse_int( \WP_CLI\Utils\get_flag_value( $assoc_args, 'count', (string) Cron\DEFAULT_COUNT ), 'count', 1 );
		if ( $count > Cron\MAX_COUNT ) {
			/* translators: 1: largest accepted value, 2: value given */
			\WP_CLI::error( sprintf( __( '--count must be at most %1$d, got %2$d.', 'jlg-native' ), Cron\MAX_COUNT, $count ) );
		}
		$timezone = self::timezone( $assoc_args );
		self::halt_if_invalid( $expression, $timezone );

		try {
			$analysis = Cron\preview(
				$expression,
				$timezone,
				array(
					'count'  => $count,
					'locale' => Cron\description_locale( determine_locale() ),
				),
				time()
			);
		} catch ( \Throwable $e ) {
			self::native_error( $e );
			return;
		}

		if ( 'json' === $format ) {
			\WP_CLI::line( (string) wp_json_encode( $analysis, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
			return;
		}

		if ( $analysis['next_runs'] ) {
			\WP_CLI\Utils\format_items( 'table', $analysis['next_runs'], array( 'timestamp', 'iso', 'formatted', 'relative' ) );
		} else {
			\WP_CLI::log( __( 'This expression never runs.', 'jlg-native' ) );
		}
		/* translators: %s: description of the schedule, e.g. "At 03:00, every day" */
		\WP_CLI::log( sprintf( __( 'Description: %s', 'jlg-native' ), $analysis['description'] ) );
		/* translators: %s: time zone */
		\WP_CLI::log( sprintf( __( 'Time zone: %s', 'jlg-native' ), $analysis['timezone'] ) );
		$per_day = round( (float) $analysis['impact']['runs_per_day'], 2 );
		\WP_CLI::log(
			sprintf(
				/* translators: 1: runs a day, 2: impact level (ok, warning, danger) */
				_n( 'Impact: %1$s run a day (%2$s)', 'Impact: %1$s runs a day (%2$s)', (int) ceil( $per_day ), 'jlg-native' ),
				(string) $per_day,
				$analysis['impact']['level']
			)
		);
		foreach ( array_merge( $analysis['errors'], $analysis['warnings'] ) as $finding ) {
			\WP_CLI::warning( sprintf( '[%s] %s: %s', $finding['severity'], $finding['code'], $finding['message'] ) );
		}
	}

	/**
	 * Checks a cron expression: prints its normalized form and warnings, or
	 * points at each error.
	 *
	 * Exits with status 1 when the expression (or the time zone) is invalid.
	 *
	 * ## OPTIONS
	 *
	 * <expression>
	 * : Cron expression; quote it, e.g. "0 3 * * 1-5".
	 *
	 * [--timezone=<tz>]
	 * : Time zone the warnings (DST, never runs) are worked out in. Default: the site's.
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp jlg-native cron validate "0 3 * * mon-fri"
	 *     $ wp jlg-native cron validate "0 25 * * *"
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments: the expression.
	 * @param array    $assoc_args Associative arguments.
	 */
	public function validate( $args, $assoc_args ) {
		self::require_extension( Cron\CRON_CLASS );

		$expression = (string) $args[0];
		$timezone   = self::timezone( $assoc_args );
		$result     = self::halt_if_invalid( $expression, $timezone );

		/* translators: %s: the expression in normal form */
		\WP_CLI::log( sprintf( __( 'Normalized: %s', 'jlg-native' ), $result['normalized'] ) );
		foreach ( $result['warnings'] as $warning ) {
			\WP_CLI::warning( sprintf( '[%s] %s: %s', $warning['severity'], $warning['code'], $warning['message'] ) );
		}
		\WP_CLI::success(
			/* translators: %s: time zone */
			sprintf( __( 'The expression is valid (time zone %s).', 'jlg-native' ), $timezone )
		);
	}

	/**
	 * --timezone, or the site's zone.
	 *
	 * @param array $assoc_args Associative arguments.
	 */
	private static function timezone( array $assoc_args ): string {
		$timezone = trim( (string) \WP_CLI\Utils\get_flag_value( $assoc_args, 'timezone', '' ) );
		return '' === $timezone ? Cron\site_timezone() : $timezone;
	}

	/**
	 * Validates; halts with every error, each under the expression with a
	 * caret line pointing at it.
	 *
	 * @param string $expression Expression.
	 * @param string $timezone   Time zone.
	 * @return array validate()'s result, when valid.
	 */
	private static function halt_if_invalid( string $expression, string $timezone ): array {
		$result = Cron\validate( $expression, $timezone );
		if ( $result['valid'] ) {
			return $result;
		}
		$lines = array(
			sprintf(
				/* translators: 1: the expression, 2: number of errors */
				_n( '"%1$s" is not valid (%2$d error):', '"%1$s" is not valid (%2$d errors):', count( $result['errors'] ), 'jlg-native' ),
				$expression,
				count( $result['errors'] )
			),
		);
		foreach ( $result['errors'] as $error ) {
			if ( 'timezone' === $error['field'] ) {
				$lines[] = Cron\unknown_timezone_message( $timezone );
				continue;
			}
			$lines[] = sprintf( '%s: %s', $error['field'], $error['message'] );
			$lines   = array_merge( $lines, self::caret( $expression, (int) $error['position'], (int) $error['length'] ) );
		}
		\WP_CLI::error( implode( "\n", $lines ) );
		return $result;
	}

	/**
	 * The expression, and under it a caret line marking characters
	 * [position, position + length). Tabs stay tabs so that the marks line up.
	 *
	 * @param string $expression Expression.
	 * @param int    $position   Zero-based character index.
	 * @param int    $length     Characters (at least one caret).
	 * @return string[] Two lines, indented.
	 */
	public static function caret( string $expression, int $position, int $length ): array {
		$chars = (array) preg_split( '//u', str_replace( array( "\r", "\n" ), ' ', $expression ), -1, PREG_SPLIT_NO_EMPTY );
		$pad   = '';
		for ( $i = 0; $i < $position; $i++ ) {
			$pad .= "\t" === ( $chars[ $i ] ?? ' ' ) ? "\t" : ' ';
		}
		return array(
			'  ' . implode( '', $chars ),
			'  ' . $pad . str_repeat( '^', max( 1, $length ) ),
		);
	}
}
