<?php
/**
 * `wp jlg-native retention ...`
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/class-native-command.php';

/**
 * Backup retention policies of the jlg_native extension.
 */
class Retention_Command extends Native_Command {

	/** GFS rule names accepted in --gfs, mapped to the policy keys. */
	private const GFS_RULES = array(
		'last'    => 'keep_last',
		'hourly'  => 'keep_hourly',
		'daily'   => 'keep_daily',
		'weekly'  => 'keep_weekly',
		'monthly' => 'keep_monthly',
		'yearly'  => 'keep_yearly',
	);

	/**
	 * Shows which backup archives a retention policy keeps and which it deletes.
	 *
	 * Nothing is deleted: this previews `JLG\Native\Retention::select()`. The
	 * newest archive is always kept.
	 *
	 * ## OPTIONS
	 *
	 * --archives=<json-file>
	 * : JSON file holding an array of archives, each an object such as
	 * {"id": "backup-2024-05-01.zip", "timestamp": 1714521600, "size": 1048576}.
	 *
	 * [--keep=<n>]
	 * : Backup JLG's rule: keep the newest n archives (pre-restore backups,
	 * whose id contains "pre-restore-backup", are kept for 7 days instead).
	 *
	 * [--gfs=<spec>]
	 * : Grandfather-father-son rules, as restic's `forget --keep-*`: a
	 * comma-separated list of rule=count, rules among last, hourly, daily,
	 * weekly, monthly and yearly; a count of -1 means unlimited. Periods are
	 * read in the site's time zone. Example: last=3,daily=7,weekly=4,monthly=6,yearly=2
	 *
	 * [--now=<timestamp>]
	 * : Unix time the policy is applied at. Default: the current time.
	 *
	 * [--format=<format>]
	 * : Render output in a particular format: one row per archive, newest first.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp jlg-native retention plan --archives=archives.json --keep=3
	 *     $ wp jlg-native retention plan --archives=archives.json --gfs=last=3,daily=7,weekly=4 --format=json
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments (none).
	 * @param array    $assoc_args Associative arguments.
	 */
	public function plan( $args, $assoc_args ) {
		self::require_extension( 'JLG\\Native\\Retention' );

		$format   = \WP_CLI\Utils\get_flag_value( $assoc_args, 'format', 'table' );
		$has_keep = isset( $assoc_args['keep'] );
		$has_gfs  = isset( $assoc_args['gfs'] );
		if ( $has_keep && $has_gfs ) {
			\WP_CLI::error( __( 'Give either --keep=<n> or --gfs=<spec>, not both.', 'jlg-native' ) );
		}
		if ( ! $has_keep && ! $has_gfs ) {
			\WP_CLI::error( __( 'Give a policy: --keep=<n> (the newest n archives) or --gfs=<spec> (e.g. last=3,daily=7,weekly=4).', 'jlg-native' ) );
		}

		$policy   = $has_keep
			? array(
				'by_number'   => self::parse_int( $assoc_args['keep'], 'keep', 1 ),
				'by_age_days' => 0,
			)
			: self::parse_gfs( $assoc_args['gfs'] );
		$archives = self::read_json_list( (string) \WP_CLI\Utils\get_flag_value( $assoc_args, 'archives', '' ), 'archives' );
		$now      = isset( $assoc_args['now'] ) ? self::parse_int( $assoc_args['now'], 'now', 0 ) : time();

		try {
			$result = \JLG\Native\Retention::select( $archives, $policy, $now );
		} catch ( \Throwable $e ) {
			self::native_error( $e );
			return;
		}

		$rows = self::rows( $archives, $result );
		if ( 'json' === $format ) {
			\WP_CLI\Utils\format_items( 'json', $rows, array( 'id', 'timestamp', 'size', 'action', 'reasons' ) );
			return;
		}

		foreach ( $rows as &$row ) {
			$row['date'] = self::display_time( $row['timestamp'] );
		}
		unset( $row );
		\WP_CLI\Utils\format_items( 'table', $rows, array( 'id', 'date', 'size', 'action', 'reasons' ) );
		\WP_CLI::success(
			sprintf(
				/* translators: 1: number of archives kept, 2: number of archives deleted, 3: size such as 12 MB */
				__( 'The policy keeps %1$d archives and deletes %2$d, freeing %3$s.', 'jlg-native' ),
				count( $result['keep'] ),
				count( $result['delete'] ),
				size_format( $result['freed_bytes'], 1 ) ?: '0 B'
			)
		);
	}

	/**
	 * One row per archive, newest first (ties by id, as the extension ranks them).
	 *
	 * @param array $archives Archives as given (already validated by the extension).
	 * @param array $result   Retention::select() result.
	 * @return list<array{id: string|int, timestamp: int, size: int, action: string, reasons: string}>
	 */
	private static function rows( array $archives, array $result ): array {
		$kept = array();
		foreach ( $result['keep'] as $id ) {
			$kept[ (string) $id ] = true;
		}
		$rows = array();
		foreach ( $archives as $archive ) {
			$id     = $archive['id'];
			$rows[] = array(
				'id'        => $id,
				'timestamp' => $archive['timestamp'],
				'size'      => $archive['size'],
				'action'    => isset( $kept[ (string) $id ] ) ? 'keep' : 'delete',
				'reasons'   => (string) ( $result['reasons'][ $id ] ?? '' ),
			);
		}
		usort(
			$rows,
			static fn( $a, $b ) => array( $b['timestamp'], (string) $a['id'] ) <=> array( $a['timestamp'], (string) $b['id'] )
		);
		return $rows;
	}

	/**
	 * Parses --gfs, e.g. "last=3,daily=7,weekly=4,monthly=6,yearly=2".
	 *
	 * @param mixed $spec Raw value.
	 * @return array<string, int|string> A GFS policy for Retention::select().
	 */
	private static function parse_gfs( $spec ): array {
		$text = is_string( $spec ) ? trim( $spec ) : '';
		if ( '' === $text ) {
			\WP_CLI::error( __( '--gfs needs rules, e.g. --gfs=last=3,daily=7,weekly=4.', 'jlg-native' ) );
		}
		$policy = array();
		foreach ( explode( ',', $text ) as $part ) {
			$part = trim( $part );
			if ( ! preg_match( '/^([a-z]+)\s*=\s*(\S+)$/', $part, $m ) ) {
				\WP_CLI::error(
					/* translators: %s: part of the --gfs value */
					sprintf( __( '--gfs: "%s" is not a rule=count pair (e.g. daily=7).', 'jlg-native' ), $part )
				);
			}
			[ , $rule, $count ] = $m;
			if ( ! isset( self::GFS_RULES[ $rule ] ) ) {
				\WP_CLI::error(
					sprintf(
						/* translators: 1: rule name given, 2: list of rule names */
						__( '--gfs: unknown rule "%1$s" (rules: %2$s).', 'jlg-native' ),
						$rule,
						implode( ', ', array_keys( self::GFS_RULES ) )
					)
				);
			}
			if ( isset( $policy[ self::GFS_RULES[ $rule ] ] ) ) {
				/* translators: %s: rule name */
				\WP_CLI::error( sprintf( __( '--gfs: the rule "%s" is given twice.', 'jlg-native' ), $rule ) );
			}
			if ( ! preg_match( '/^(-1|[1-9]\d{0,8})$/', $count ) ) {
				\WP_CLI::error(
					sprintf(
						/* translators: 1: rule name, 2: count given */
						__( '--gfs: the count of "%1$s" must be a positive whole number or -1 (unlimited), got "%2$s".', 'jlg-native' ),
						$rule,
						$count
					)
				);
			}
			$policy[ self::GFS_RULES[ $rule ] ] = (int) $count;
		}
		$policy['timezone'] = wp_timezone_string();
		return $policy;
	}
}
