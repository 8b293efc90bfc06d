<?php
/**
 * Site Health check "jlg_native_cron": a self-test of the extension's cron
 * engine in the site's time zone.
 *
 * Every expected value is worked out here with PHP's own date functions and
 * zone data, independently of the extension: known schedules, the DST
 * policy at the zone's next spring-forward gap (or a fixed offset when the
 * zone has none), an expression that never fires, L/W/# constructs, and
 * syntax errors with their field and character position.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\SiteHealth\Cron;

use function JLG\NativeCompanion\Cron\cron_available;
use function JLG\NativeCompanion\Cron\site_timezone;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/../common.php';

/** Identifier of the check, in `site_status_tests` and in its result. */
const TEST_ID = 'jlg_native_cron';

/** How far ahead the next spring-forward transition is looked for. */
const DST_HORIZON = 2 * YEAR_IN_SECONDS;

/**
 * A failed expectation of one self-test check.
 */
final class Check_Failed extends \RuntimeException {
}

/**
 * Fails the current check unless $condition holds.
 *
 * @param bool   $condition What must hold.
 * @param string $message   What went wrong, with the values seen.
 * @throws Check_Failed When the condition does not hold.
 */
function expect( bool $condition, string $message ): void {
	if ( ! $condition ) {
		throw new Check_Failed( $message );
	}
}

/**
 * A Unix time as a wall clock time of a zone, for messages and comparisons.
 *
 * @param int|null      $timestamp Unix seconds (null: "never").
 * @param \DateTimeZone $zone      Zone.
 */
function wall( ?int $timestamp, \DateTimeZone $zone ): string {
	if ( null === $timestamp ) {
		return 'never';
	}
	return ( new \DateTimeImmutable( '@' . $timestamp ) )->setTimezone( $zone )->format( 'Y-m-d H:i P' );
}

/**
 * The instant of a wall clock time in a zone (PHP's reading).
 *
 * @param \DateTimeZone $zone   Zone.
 * @param string        $date   Y-m-d.
 * @param int           $hour   Hour.
 * @param int           $minute Minute.
 */
function instant( \DateTimeZone $zone, string $date, int $hour, int $minute ): int {
	return ( new \DateTimeImmutable( $date, $zone ) )->setTime( $hour, $minute )->getTimestamp();
}

/**
 * The zone's next spring-forward transition after $now, from PHP's zone data.
 *
 * @param \DateTimeZone $zone Zone.
 * @param int           $now  Unix time.
 * @return array{at: int, gap: int, before: int}|null The instant, the length of the gap and the offset before it, in seconds.
 */
function next_spring_forward( \DateTimeZone $zone, int $now ): ?array {
	$transitions = $zone->getTransitions( $now, $now + DST_HORIZON );
	if ( ! is_array( $transitions ) ) {
		return null; // A fixed offset.
	}
	for ( $i = 1, $n = count( $transitions ); $i < $n; $i++ ) {
		$gap = $transitions[ $i ]['offset'] - $transitions[ $i - 1 ]['offset'];
		if ( $gap > 0 && $transitions[ $i ]['ts'] > $now ) {
			return array(
				'at'     => (int) $transitions[ $i ]['ts'],
				'gap'    => (int) $gap,
				'before' => (int) $transitions[ $i - 1 ]['offset'],
			);
		}
	}
	return null;
}

/**
 * The first instant after $now among a day at 12:00 of each of the next months.
 *
 * @param \DateTimeZone $zone Zone.
 * @param int           $now  Unix time.
 * @param callable      $day  fn( string $year_month ): string, the Y-m-d of the day in that month.
 */
function first_monthly( \DateTimeZone $zone, int $now, callable $day ): ?int {
	$month = ( new \DateTimeImmutable( '@' . $now ) )->setTimezone( $zone )->modify( 'first day of this month' );
	for ( $i = 0; $i < 3; $i++ ) {
		$at = instant( $zone, $day( $month->modify( "+{$i} month" )->format( 'Y-m' ) ), 12, 0 );
		if ( $at > $now ) {
			return $at;
		}
	}
	return null;
}

/**
 * The self-test checks: label => callable( string $timezone, \DateTimeZone $zone, int $now ): string,
 * which returns what it verified and throws (Check_Failed or the extension's
 * exception) when something is wrong.
 *
 * @return array<string, callable>
 */
function checks(): array {
	$checks = array(
		__( 'Daily schedule', 'jlg-native' )                => static function ( string $timezone, \DateTimeZone $zone, int $now ): string {
			$runs = ( new \JLG\Native\CronExpression( '15 12 * * *', $timezone ) )->nextRuns( 3, $now );
			expect( 3 === count( $runs ), sprintf( '15 12 * * *: %d runs instead of 3', count( $runs ) ) );
			$date = null;
			foreach ( $runs as $run ) {
				$local = ( new \DateTimeImmutable( '@' . $run ) )->setTimezone( $zone );
				expect( '12:15' === $local->format( 'H:i' ), sprintf( '15 12 * * *: a run at %s, not at 12:15', wall( $run, $zone ) ) );
				expect( null === $date || $local->format( 'Y-m-d' ) === $date->modify( '+1 day' )->format( 'Y-m-d' ), sprintf( '15 12 * * *: %s does not follow the day before', wall( $run, $zone ) ) );
				$date = $local;
			}
			expect( $runs[0] > $now && $runs[0] <= $now + DAY_IN_SECONDS + HOUR_IN_SECONDS, sprintf( '15 12 * * *: the first run %s is not within a day', wall( $runs[0], $zone ) ) );
			/* translators: %s: date and time */
			return sprintf( __( '15 12 * * * runs next at %s', 'jlg-native' ), wall( $runs[0], $zone ) );
		},
		__( 'Weekly schedule', 'jlg-native' )               => static function ( string $timezone, \DateTimeZone $zone, int $now ): string {
			$run      = ( new \JLG\Native\CronExpression( '30 12 * * mon', $timezone ) )->nextRun( $now );
			$local    = ( new \DateTimeImmutable( '@' . $now ) )->setTimezone( $zone );
			$expected = null;
			for ( $i = 0; $i <= 7 && null === $expected; $i++ ) {
				$day = $local->modify( "+{$i} day" );
				$at  = instant( $zone, $day->format( 'Y-m-d' ), 12, 30 );
				if ( '1' === $day->format( 'N' ) && $at > $now ) {
					$expected = $at;
				}
			}
			expect( $run === $expected, sprintf( '30 12 * * mon: next run %s, expected %s', wall( $run, $zone ), wall( $expected, $zone ) ) );
			/* translators: %s: date and time */
			return sprintf( __( '30 12 * * mon runs next at %s', 'jlg-native' ), wall( $run, $zone ) );
		},
		__( 'Daylight saving time', 'jlg-native' )          => static function ( string $timezone, \DateTimeZone $zone, int $now ): string {
			$spring = next_spring_forward( $zone, $now );
			if ( null === $spring ) {
				// No gap ahead: runs are whole days apart at one offset.
				$runs   = ( new \JLG\Native\CronExpression( '30 2 * * *', $timezone ) )->nextRuns( 3, $now );
				$offset = ( new \DateTimeImmutable( '@' . $now ) )->setTimezone( $zone )->format( 'P' );
				expect( 3 === count( $runs ), sprintf( '30 2 * * *: %d runs instead of 3', count( $runs ) ) );
				foreach ( $runs as $i => $run ) {
					expect( str_ends_with( wall( $run, $zone ), '02:30 ' . $offset ), sprintf( '30 2 * * *: a run at %s, not at 02:30 %s', wall( $run, $zone ), $offset ) );
					expect( 0 === $i || DAY_IN_SECONDS === $run - $runs[ $i - 1 ], sprintf( '30 2 * * *: %s is not a day after the run before', wall( $run, $zone ) ) );
				}
				return sprintf(
					/* translators: 1: UTC offset such as +05:30, 2: date and time */
					__( 'no clock change within two years: fixed offset %1$s, 30 2 * * * runs daily from %2$s', 'jlg-native' ),
					$offset,
					wall( $runs[0], $zone )
				);
			}
			// A fixed local time inside the gap fires once, at the first valid instant after it.
			$start_wall = ( new \DateTimeImmutable( '@' . ( $spring['at'] + $spring['before'] ) ) ); // Wall clock as UTC.
			$inside     = $start_wall->modify( '+' . intdiv( $spring['gap'], 120 ) . ' minutes' );
			$hour       = (int) $inside->format( 'G' );
			$minute     = (int) $inside->format( 'i' );
			$expression = sprintf( '%d %d * * *', $minute, $hour );
			$runs       = ( new \JLG\Native\CronExpression( $expression, $timezone ) )->nextRuns( 2, $spring['at'] - 6 * HOUR_IN_SECONDS );
			$next_day   = instant( $zone, $inside->modify( '+1 day' )->format( 'Y-m-d' ), $hour, $minute );
			expect(
				array( $spring['at'], $next_day ) === $runs,
				sprintf(
					'%s around the clock change of %s: runs %s, expected %s then %s',
					$expression,
					wall( $spring['at'], $zone ),
					implode( ', ', array_map( static fn( $r ) => wall( $r, $zone ), $runs ) ),
					wall( $spring['at'], $zone ),
					wall( $next_day, $zone )
				)
			);
			return sprintf(
				/* translators: 1: cron expression, 2: date and wall clock time that does not exist, 3: date and time it runs at instead */
				__( '%1$s: %2$s falls in the spring-forward gap and runs once, at %3$s', 'jlg-native' ),
				$expression,
				$inside->format( 'Y-m-d H:i' ),
				wall( $spring['at'], $zone )
			);
		},
		__( 'Expression that never runs', 'jlg-native' )    => static function ( string $timezone, \DateTimeZone $zone, int $now ): string {
			$run = ( new \JLG\Native\CronExpression( '0 0 30 2 *', $timezone ) )->nextRun( $now );
			expect( null === $run, sprintf( '0 0 30 2 *: next run %s, expected none', wall( $run, $zone ) ) );
			$codes = array_column( \JLG\Native\CronExpression::validate( '0 0 30 2 *', $timezone )['warnings'], 'code' );
			expect( in_array( 'never_runs', $codes, true ), '0 0 30 2 *: no never_runs warning' );
			return __( '0 0 30 2 * (30 February) never runs, and says so', 'jlg-native' );
		},
		__( 'Last, nearest weekday and nth', 'jlg-native' ) => static function ( string $timezone, \DateTimeZone $zone, int $now ): string {
			$cases = array(
				'0 12 * * 5L'  => static fn( string $ym ) => ( new \DateTimeImmutable( "{$ym}-01" ) )->modify( 'last friday of this month' )->format( 'Y-m-d' ),
				'0 12 15W * *' => static function ( string $ym ) {
					$day = new \DateTimeImmutable( "{$ym}-15" );
					$dow = (int) $day->format( 'N' );
					return ( 6 === $dow ? $day->modify( '-1 day' ) : ( 7 === $dow ? $day->modify( '+1 day' ) : $day ) )->format( 'Y-m-d' );
				},
				'0 12 * * 1#2' => static fn( string $ym ) => ( new \DateTimeImmutable( "{$ym}-01" ) )->modify( 'second monday of this month' )->format( 'Y-m-d' ),
			);
			$seen = array();
			foreach ( $cases as $expression => $day ) {
				$run      = ( new \JLG\Native\CronExpression( $expression, $timezone ) )->nextRun( $now );
				$expected = first_monthly( $zone, $now, $day );
				expect( $run === $expected, sprintf( '%s: next run %s, expected %s', $expression, wall( $run, $zone ), wall( $expected, $zone ) ) );
				$seen[] = $expression . ' → ' . wall( $run, $zone );
			}
			return implode( '; ', $seen );
		},
		__( 'Syntax errors', 'jlg-native' )                 => static function ( string $timezone, \DateTimeZone $zone, int $now ): string {
			$cases = array(
				'0 25 * * *'  => array( 'hour', 2, 2 ),
				'0 3 * * 9'   => array( 'day_of_week', 8, 1 ),
				'5-1 * * * *' => array( 'minute', 0, 3 ),
			);
			foreach ( $cases as $expression => [ $field, $position, $length ] ) {
				$result = \JLG\Native\CronExpression::validate( $expression, $timezone );
				$first  = $result['errors'][0] ?? null;
				expect(
					! $result['valid'] && null !== $first && array( $field, $position, $length ) === array( $first['field'], $first['position'], $first['length'] ),
					sprintf( '%s: expected an error in %s at %d (length %d), got %s', $expression, $field, $position, $length, wp_json_encode( $first ) )
				);
				try {
					new \JLG\Native\CronExpression( $expression, $timezone );
					expect( false, sprintf( '%s: the constructor accepted it', $expression ) );
				} catch ( \JLG\Native\CronSyntaxException $e ) {
					expect( $e->getField() === $field && $e->getPosition() === $position, sprintf( '%s: the exception names %s at %s', $expression, $e->getField(), var_export( $e->getPosition(), true ) ) );
				}
			}
			return __( 'hour 25, day of week 9 and the reversed range 5-1 are refused, with their field and position', 'jlg-native' );
		},
	);

	/**
	 * Filters the checks of the cron self-test (Site Health).
	 *
	 * @param array<string, callable> $checks Label => callable( string $timezone, \DateTimeZone $zone, int $now ): string
	 *                                        returning what it verified, throwing when something is wrong.
	 */
	return (array) apply_filters( 'jlg_native_cron_self_test_checks', $checks );
}

/**
 * Runs every check.
 *
 * @param string $timezone Zone name as the extension reads it.
 * @param int    $now      Unix time.
 * @return list<array{label: string, passed: bool, detail: string}>
 */
function run_checks( string $timezone, int $now ): array {
	try {
		$zone = new \DateTimeZone( $timezone );
	} catch ( \Exception $e ) {
		return array(
			array(
				'label'  => __( 'Time zone', 'jlg-native' ),
				'passed' => false,
				/* translators: %s: time zone name */
				'detail' => sprintf( __( 'PHP does not know the site’s time zone %s.', 'jlg-native' ), $timezone ),
			),
		);
	}
	$results = array();
	foreach ( checks() as $label => $check ) {
		try {
			$detail = is_callable( $check ) ? (string) $check( $timezone, $zone, $now ) : 'not callable';
			$passed = is_callable( $check );
		} catch ( \Throwable $e ) {
			$passed = false;
			$detail = $e instanceof Check_Failed ? $e->getMessage() : get_class( $e ) . ': ' . $e->getMessage();
		}
		$results[] = array(
			'label'  => (string) $label,
			'passed' => $passed,
			'detail' => $detail,
		);
	}
	return $results;
}

/**
 * Runs the check.
 *
 * - good:        every self-test check passed in the site's time zone;
 * - critical:    one failed (they are listed: schedules computed here would be wrong);
 * - recommended: the extension (or its cron support) is absent.
 *
 * @param int|null    $now      Unix time (default: now). Site Health passes nothing.
 * @param string|null $timezone Zone (default: the site's).
 * @return array{label: string, status: string, badge: array, description: string, actions: string, test: string}
 */
function get_test_result( ?int $now = null, ?string $timezone = null ): array {
	$now      = $now ?? time();
	$timezone = $timezone ?? site_timezone();
	$result   = \JLG\NativeCompanion\SiteHealth\base_result( TEST_ID, '', __( 'Performance', 'jlg-native' ) );

	if ( ! cron_available() ) {
		$result['label']          = __( 'The cron self-test needs the JLG Native extension', 'jlg-native' );
		$result['status']         = 'recommended';
		$result['badge']['color'] = 'orange';
		$result['description']    = sprintf(
			'<p>%s</p>',
			esc_html__( 'Cron previews and schedules are worked out by the jlg_native PHP extension, which is not loaded (or has no cron support). The JLG plugins fall back to their PHP code.', 'jlg-native' )
		);
		return $result;
	}

	$checks = run_checks( $timezone, $now );
	$failed = array_values( array_filter( $checks, static fn( $c ) => ! $c['passed'] ) );

	$result['label'] = $failed
		? sprintf(
			/* translators: 1: number of failed checks, 2: number of checks, 3: time zone */
			_n( 'The cron engine failed %1$d of %2$d self-test checks in %3$s', 'The cron engine failed %1$d of %2$d self-test checks in %3$s', count( $failed ), 'jlg-native' ),
			count( $failed ),
			count( $checks ),
			$timezone
		)
		: sprintf(
			/* translators: %s: time zone */
			__( 'The cron engine passed its self-test in %s', 'jlg-native' ),
			$timezone
		);

	$items = '';
	foreach ( array_merge( $failed, array_filter( $checks, static fn( $c ) => $c['passed'] ) ) as $check ) {
		$items .= sprintf(
			'<li class="%1$s"><strong>%2$s</strong> (%3$s): %4$s</li>',
			$check['passed'] ? 'jlg-native-check-passed' : 'jlg-native-check-failed',
			esc_html( $check['label'] ),
			esc_html( $check['passed'] ? __( 'passed', 'jlg-native' ) : __( 'failed', 'jlg-native' ) ),
			esc_html( $check['detail'] )
		);
	}
	$result['description'] = sprintf(
		'<p>%s</p><ul>%s</ul>',
		esc_html(
			sprintf(
				/* translators: %s: time zone */
				__( 'Known expressions were run through the extension in the site’s time zone (%s) and compared with what PHP works out for them.', 'jlg-native' ),
				$timezone
			)
		),
		$items
	);

	if ( $failed ) {
		$result['status']         = 'critical';
		$result['badge']['color'] = 'red';
		$result['actions']        = sprintf(
			'<p>%s</p>',
			esc_html__( 'Scheduled times computed by the extension may be wrong on this site. Check the time zone in Settings > General, update the extension, and report the failed checks if they remain.', 'jlg-native' )
		);
	}
	return $result;
}
