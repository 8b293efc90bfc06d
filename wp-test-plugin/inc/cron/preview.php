<?php
/**
 * Cron previews shared by the REST route, the WP-CLI commands and the
 * Site Health check: `JLG\Native\CronExpression::analyze()` with each run
 * also written the WordPress way (site formats, "in 3 hours").
 *
 * Nothing here calls the extension without asking cron_available() first.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Cron;

use function JLG\NativeCompanion\native_available;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Native class the previews need. */
const CRON_CLASS = 'JLG\\Native\\CronExpression';

/** Runs previewed when the caller does not say. */
const DEFAULT_COUNT = 5;

/** Most runs one preview may ask for. */
const MAX_COUNT = 50;

/** Shortest interval between runs before the extension reports `too_frequent` (Backup JLG's guard-rail). */
const DEFAULT_MIN_INTERVAL = 300;

/** Whether the extension is loaded and has its cron class. */
function cron_available(): bool {
	return native_available() && class_exists( CRON_CLASS );
}

/**
 * The site's time zone as the extension reads it: the IANA name of
 * Settings > General, or the manual UTC offset as a fixed offset ("+02:00").
 */
function site_timezone(): string {
	return wp_timezone_string();
}

/**
 * The language the extension describes schedules in, from a WordPress
 * locale: French for fr_*, English otherwise.
 *
 * @param string|null $locale WordPress locale; default: the current user's.
 * @return string 'en' or 'fr'.
 */
function description_locale( ?string $locale = null ): string {
	$locale = $locale ?? get_user_locale();
	return 0 === strpos( strtolower( $locale ), 'fr' ) ? 'fr' : 'en';
}

/**
 * Checks an expression and a time zone without throwing.
 *
 * @param string $expression Cron expression, as given (positions refer to it).
 * @param string $timezone   Time zone.
 * @return array{valid: bool, normalized: ?string, errors: list<array{code: string, field: string, position: int, length: int, message: string}>, warnings: list<array>}
 */
function validate( string $expression, string $timezone ): array {
	return \JLG\Native\CronExpression::validate( $expression, $timezone );
}

/**
 * Whether the extension knows a time zone (IANA name, UTC, or a fixed offset).
 *
 * @param string $timezone Time zone.
 * @return string|null Null when it is known, else the extension's message.
 */
function timezone_error( string $timezone ): ?string {
	foreach ( validate( '0 0 * * *', $timezone )['errors'] as $error ) {
		if ( 'timezone' === $error['field'] ) {
			return (string) $error['message'];
		}
	}
	return null;
}

/**
 * What to say about a time zone the extension does not know.
 *
 * @param string $timezone Time zone given.
 */
function unknown_timezone_message( string $timezone ): string {
	return sprintf(
		/* translators: %s: time zone given */
		__( 'Unknown time zone "%s": use an IANA name such as Europe/Paris, UTC, or an offset such as +02:00 or UTC+5.5.', 'jlg-native' ),
		$timezone
	);
}

/**
 * Previews an expression: `analyze()` plus, on each run, `formatted` (the
 * site's date and time formats, in the expression's time zone) and
 * `relative` ("in 3 hours").
 *
 * @param string $expression Cron expression (valid: check with validate() first).
 * @param string $timezone   Time zone.
 * @param array  $options    count, min_interval, avg_duration (null: unknown), locale ('en'|'fr').
 * @param int    $now        Unix time the runs are counted from.
 * @return array The analysis; see php-stubs/jlg-native.php for its keys.
 * @throws \Throwable What the extension throws (InvalidArgumentException for bad input).
 */
function preview( string $expression, string $timezone, array $options, int $now ): array {
	$cron     = new \JLG\Native\CronExpression( $expression, $timezone );
	$analysis = $cron->analyze(
		array(
			'count'        => (int) ( $options['count'] ?? DEFAULT_COUNT ),
			'min_interval' => (int) ( $options['min_interval'] ?? DEFAULT_MIN_INTERVAL ),
			'avg_duration' => isset( $options['avg_duration'] ) ? (float) $options['avg_duration'] : null,
			'locale'       => (string) ( $options['locale'] ?? 'en' ),
			'from'         => $now,
		)
	);
	$zone = php_timezone( $analysis['timezone'] );
	foreach ( $analysis['next_runs'] as &$run ) {
		$run['formatted'] = format_run( (int) $run['timestamp'], (string) $run['iso'], $zone );
		$run['relative']  = relative_time( (int) $run['timestamp'], $now );
	}
	unset( $run );
	return $analysis;
}

/**
 * PHP's zone for a zone name the extension returned, or null when PHP does
 * not know it (the run's own offset is used then).
 *
 * @param string $name IANA name, "UTC" or "+HH:MM".
 */
function php_timezone( string $name ): ?\DateTimeZone {
	try {
		return new \DateTimeZone( $name );
	} catch ( \Exception $e ) {
		return null;
	}
}

/**
 * A run in the site's date and time formats, at the wall clock of the
 * expression's zone. The offset is the extension's (from the ISO string):
 * should PHP's zone data disagree at that instant, the run is shown at the
 * extension's offset.
 *
 * @param int                $timestamp Unix seconds.
 * @param string             $iso       ISO 8601 with the zone's offset.
 * @param \DateTimeZone|null $zone      The expression's zone in PHP, if PHP knows it.
 */
function format_run( int $timestamp, string $iso, ?\DateTimeZone $zone ): string {
	$offset = preg_match( '/([+-]\d{2}):?(\d{2})$/', $iso, $m ) ? $m[1] . ':' . $m[2] : '+00:00';
	if ( null === $zone || ( new \DateTimeImmutable( '@' . $timestamp ) )->setTimezone( $zone )->format( 'P' ) !== $offset ) {
		$zone = new \DateTimeZone( $offset );
	}
	$format = trim( get_option( 'date_format', 'F j, Y' ) . ' ' . get_option( 'time_format', 'g:i a' ) );
	return (string) wp_date( $format, $timestamp, $zone );
}

/**
 * How far a run is from now, in words: "in 3 hours", "in 2 days".
 *
 * @param int $timestamp Unix seconds.
 * @param int $now       Unix seconds.
 */
function relative_time( int $timestamp, int $now ): string {
	if ( $timestamp < $now ) {
		/* translators: %s: duration, e.g. "3 hours 5 minutes" */
		return sprintf( __( '%s ago', 'jlg-native' ), human_time_diff( $timestamp, $now ) );
	}
	/* translators: %s: duration, e.g. "3 hours 5 minutes" */
	return sprintf( __( 'in %s', 'jlg-native' ), human_time_diff( $now, $timestamp ) );
}
