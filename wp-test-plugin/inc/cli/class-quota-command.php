<?php
/**
 * `wp jlg-native quota ...`
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/class-native-command.php';

/**
 * Storage quota math of the jlg_native extension.
 */
class Quota_Command extends Native_Command {

	/** Keys of Quota::project()'s result, in output order. */
	private const FIELDS = array( 'method', 'samples_used', 'slope_bytes_per_day', 'used_bytes', 'quota_bytes', 'used_ratio', 'days_to_threshold', 'threshold_at', 'level' );

	/**
	 * Projects when a storage usage series reaches a quota.
	 *
	 * Fits a trend (Theil-Sen by default) on the samples and tells how many
	 * days remain before usage reaches the threshold (85 % of the quota by
	 * default): p50 is the estimate, p10 and p90 the earliest and latest
	 * plausible crossings. The level follows p10: critical within a day,
	 * warning within 3 days, watch within 30.
	 *
	 * ## OPTIONS
	 *
	 * --samples=<json-file>
	 * : JSON file holding an array of samples, oldest first, each an object
	 * such as {"timestamp": 1700000000, "used_bytes": 1234}.
	 *
	 * [--quota=<bytes>]
	 * : Quota in bytes. Without it, usage is unlimited: the trend is reported,
	 * the day counts are empty.
	 *
	 * [--threshold=<ratio>]
	 * : Fraction of the quota that counts as full, greater than 0 and at most 1.
	 * ---
	 * default: 0.85
	 * ---
	 *
	 * [--method=<method>]
	 * : Trend estimator.
	 * ---
	 * default: theil_sen
	 * options:
	 *   - theil_sen
	 *   - least_squares
	 * ---
	 *
	 * [--now=<timestamp>]
	 * : Unix time the day counts start from. Default: the current time.
	 *
	 * [--format=<format>]
	 * : Render output in a particular format. The table has one row per field.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp jlg-native quota project --samples=usage.json --quota=10737418240
	 *     $ wp jlg-native quota project --samples=usage.json --quota=10737418240 --format=json
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments (none).
	 * @param array    $assoc_args Associative arguments.
	 */
	public function project( $args, $assoc_args ) {
		self::require_extension( 'JLG\\Native\\Quota' );

		$format  = \WP_CLI\Utils\get_flag_value( $assoc_args, 'format', 'table' );
		$samples = self::read_json_list( (string) \WP_CLI\Utils\get_flag_value( $assoc_args, 'samples', '' ), 'samples' );
		$options = array(
			'threshold_ratio' => self::parse_ratio( \WP_CLI\Utils\get_flag_value( $assoc_args, 'threshold', '0.85' ) ),
			'method'          => (string) \WP_CLI\Utils\get_flag_value( $assoc_args, 'method', 'theil_sen' ),
			'quota_bytes'     => null,
		);
		if ( isset( $assoc_args['quota'] ) ) {
			$options['quota_bytes'] = self::parse_int( $assoc_args['quota'], 'quota', 1 );
		}
		$options['now'] = isset( $assoc_args['now'] ) ? self::parse_int( $assoc_args['now'], 'now', 0 ) : time();

		try {
			$result = \JLG\Native\Quota::project( $samples, $options );
		} catch ( \Throwable $e ) {
			self::native_error( $e );
			return;
		}

		if ( 'json' === $format ) {
			\WP_CLI\Utils\format_items( 'json', array( $result ), self::FIELDS );
			return;
		}

		$days = $result['days_to_threshold'];
		$rows = array(
			'method'              => $result['method'],
			'samples_used'        => $result['samples_used'],
			'slope_bytes_per_day' => null === $result['slope_bytes_per_day'] ? '' : round( $result['slope_bytes_per_day'], 2 ),
			'used_bytes'          => $result['used_bytes'],
			'quota_bytes'         => $result['quota_bytes'] ?? __( 'unlimited', 'jlg-native' ),
			'used_ratio'          => null === $result['used_ratio'] ? '' : round( $result['used_ratio'], 4 ),
			'days_to_threshold'   => null === $result['quota_bytes'] || 'unknown' === $result['level'] ? '' : sprintf(
				'p10 %s, p50 %s, p90 %s',
				self::display_days( $days['p10'] ),
				self::display_days( $days['p50'] ),
				self::display_days( $days['p90'] )
			),
			'threshold_at'        => self::display_time( $result['threshold_at'] ),
			'level'               => $result['level'],
		);
		$items = array();
		foreach ( $rows as $field => $value ) {
			$items[] = array(
				'Field' => $field,
				'Value' => null === $value ? '' : $value,
			);
		}
		\WP_CLI\Utils\format_items( 'table', $items, array( 'Field', 'Value' ) );
	}

	/**
	 * Parses --threshold.
	 *
	 * @param mixed $value Raw value.
	 */
	private static function parse_ratio( $value ): float {
		$text = is_string( $value ) ? trim( $value ) : '';
		if ( ! is_numeric( $text ) || (float) $text <= 0 || (float) $text > 1 ) {
			\WP_CLI::error(
				sprintf(
					/* translators: %s: value given */
					__( '--threshold must be a fraction greater than 0 and at most 1, got "%s".', 'jlg-native' ),
					is_scalar( $value ) ? (string) $value : gettype( $value )
				)
			);
		}
		return (float) $text;
	}

	/**
	 * A day count for the table: one decimal, or "never".
	 *
	 * @param float|null $days Days, null for never.
	 */
	private static function display_days( $days ): string {
		return null === $days ? __( 'never', 'jlg-native' ) : number_format( (float) $days, 1, '.', '' );
	}
}
