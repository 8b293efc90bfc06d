<?php
/**
 * Impact and SLA panel: availability over 7 and 30 days with a sparkline of
 * the last 14 days (JLG\Native\Sla), and incident impact scores per module
 * with their breakdown (JLG\Native\Impact).
 *
 * Data: SitePulse's uptime log when the site has one (option
 * `sitepulse_uptime_log`), else a labelled sample; the filter
 * `jlg_native_monitoring_data` lets a plugin hand in its own. Rendered in
 * PHP, the chart as inline SVG: nothing is fetched.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Admin\Panels\ImpactSla;

use function JLG\NativeCompanion\native_available;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Days in the sparkline. */
const SPARK_DAYS = 14;

/**
 * Adds the panel.
 *
 * @param array $panels Panels so far.
 * @return array
 */
function add_panel( $panels ) {
	$panels['impact-sla'] = array(
		'title'    => __( 'Impact and SLA', 'jlg-native' ),
		'render'   => __NAMESPACE__ . '\\render',
		'priority' => 15,
	);
	return $panels;
}
add_filter( 'jlg_native_admin_panels', __NAMESPACE__ . '\\add_panel' );

/**
 * A sample uptime log and incident events, relative to $now: two agents
 * checking hourly for 30 days, an outage, a maintenance window.
 *
 * @param int $now Unix seconds, on the hour.
 * @return array{log: list<array>, events: list<array>}
 */
function sample_data( int $now ): array {
	$log = array();
	foreach ( array( 'eu-west', 'us-east' ) as $agent ) {
		for ( $t = $now - 30 * DAY_IN_SECONDS; $t <= $now; $t += HOUR_IN_SECONDS ) {
			$status = true;
			$age    = $now - $t;
			if ( 'eu-west' === $agent && $age <= 3 * DAY_IN_SECONDS && $age > 3 * DAY_IN_SECONDS - 3 * HOUR_IN_SECONDS ) {
				$status = false; // Three hours down, three days ago.
			} elseif ( 'us-east' === $agent && $age <= 9 * DAY_IN_SECONDS && $age > 9 * DAY_IN_SECONDS - HOUR_IN_SECONDS ) {
				$status = false;
			} elseif ( 'us-east' === $agent && $age <= 6 * DAY_IN_SECONDS && $age > 6 * DAY_IN_SECONDS - 2 * HOUR_IN_SECONDS ) {
				$status = 'maintenance';
			} elseif ( 'eu-west' === $agent && $age <= 20 * DAY_IN_SECONDS && $age > 20 * DAY_IN_SECONDS - 2 * HOUR_IN_SECONDS ) {
				$status = false;
			}
			$log[] = array(
				'timestamp' => $t,
				'agent'     => $agent,
				'status'    => $status,
			);
		}
	}
	$events = array(
		array(
			'module'    => 'speed',
			'severity'  => 'warning',
			'timestamp' => $now - 2 * HOUR_IN_SECONDS,
			'affected'  => 40,
		),
		array(
			'module'      => 'speed',
			'severity'    => 'warning',
			'timestamp'   => $now - 2 * DAY_IN_SECONDS,
			'resolved_at' => $now - 2 * DAY_IN_SECONDS + HOUR_IN_SECONDS,
			'affected'    => 25,
		),
		array(
			'module'      => 'database',
			'severity'    => 'error',
			'timestamp'   => $now - 5 * DAY_IN_SECONDS,
			'resolved_at' => $now - 5 * DAY_IN_SECONDS + 1800,
			'affected'    => 300,
		),
		array(
			'module'    => 'ai_insights',
			'severity'  => 'info',
			'timestamp' => $now - DAY_IN_SECONDS,
		),
	);
	return array(
		'log'    => $log,
		'events' => $events,
	);
}

/**
 * What the panel shows: an uptime log, incident events (besides the
 * log's own incidents) and the options of Sla::windows().
 *
 * @param int $now Unix seconds.
 * @return array{source: string, sample: bool, log: array, events: array, sla_options: array}
 */
function monitoring_data( int $now ): array {
	$log = get_option( 'sitepulse_uptime_log' );
	if ( is_array( $log ) && array() !== $log ) {
		$data = array(
			'source'      => __( 'SitePulse uptime log', 'jlg-native' ),
			'sample'      => false,
			'log'         => array_values( $log ),
			'events'      => array(),
			// SitePulse writes current_time('timestamp'): wall clock seconds.
			'sla_options' => array(
				'local_timestamps' => true,
				'timezone'         => wp_timezone_string(),
			),
		);
	} else {
		$sample = sample_data( $now - $now % HOUR_IN_SECONDS );
		$data   = array(
			'source'      => __( 'Sample data: this site has no SitePulse uptime log.', 'jlg-native' ),
			'sample'      => true,
			'log'         => $sample['log'],
			'events'      => $sample['events'],
			'sla_options' => array(),
		);
	}

	/**
	 * Filters the data of the Impact and SLA panel.
	 *
	 * @param array $data {source, sample, log, events, sla_options}: log entries as
	 *                    JLG\Native\Sla::windows() reads them, events as Impact::score() does.
	 * @param int   $now  Unix seconds.
	 */
	$data = apply_filters( 'jlg_native_monitoring_data', $data, $now );
	return array(
		'source'      => (string) ( $data['source'] ?? '' ),
		'sample'      => ! empty( $data['sample'] ),
		'log'         => (array) ( $data['log'] ?? array() ),
		'events'      => (array) ( $data['events'] ?? array() ),
		'sla_options' => (array) ( $data['sla_options'] ?? array() ),
	);
}

/**
 * Figures of the panel, computed by the extension.
 *
 * @param array $data From monitoring_data().
 * @param int   $now  Unix seconds.
 * @return array{windows: array, daily: list<array{end: int, availability: ?float}>, impact: array}
 */
function compute( array $data, int $now ): array {
	$options = $data['sla_options'];
	$windows = \JLG\Native\Sla::windows( $data['log'], array_merge( $options, array( 'now' => $now, 'windows_days' => array( 7, 30 ) ) ) );

	$daily = array();
	for ( $i = SPARK_DAYS - 1; $i >= 0; $i-- ) {
		$end     = $now - $i * DAY_IN_SECONDS;
		$day     = \JLG\Native\Sla::windows( $data['log'], array_merge( $options, array( 'now' => $end, 'windows_days' => array( 1 ) ) ) );
		$daily[] = array(
			'end'          => $end,
			'availability' => $day['windows']['1d']['global']['availability_adjusted'] ?? null,
		);
	}

	// The log's incidents are events of the uptime module.
	$events = $data['events'];
	foreach ( (array) ( $windows['windows']['30d']['agents'] ?? array() ) as $agent ) {
		foreach ( (array) ( $agent['incidents'] ?? array() ) as $incident ) {
			$open     = ! empty( $incident['open'] );
			$events[] = array(
				'module'      => 'uptime',
				'severity'    => $open || ( $incident['duration'] ?? 0 ) >= HOUR_IN_SECONDS ? 'critical' : 'error',
				'timestamp'   => (int) $incident['start'],
				'resolved_at' => $open ? null : (int) $incident['end'],
			);
		}
	}
	$impact = array() === $events
		? array(
			'modules'         => array(),
			'overall'         => 0.0,
			'dominant_module' => '',
		)
		: \JLG\Native\Impact::score( $events, array( 'now' => $now ) );

	return array(
		'windows' => $windows,
		'daily'   => $daily,
		'impact'  => $impact,
	);
}

/** Prints the panel. */
function render(): void {
	if ( ! native_available() ) {
		printf(
			'<div class="notice notice-warning inline" id="jlg-native-impact-unavailable"><p>%s</p></div>',
			esc_html__( 'Impact scores and SLA windows are computed by the jlg_native PHP extension, which is not loaded on this server.', 'jlg-native' )
		);
		return;
	}
	if ( ! class_exists( 'JLG\\Native\\Sla' ) || ! class_exists( 'JLG\\Native\\Impact' ) ) {
		printf(
			'<div class="notice notice-warning inline" id="jlg-native-impact-unavailable"><p>%s</p></div>',
			esc_html__( 'This build of the jlg_native extension has no impact and SLA support.', 'jlg-native' )
		);
		return;
	}

	$now  = time();
	$data = monitoring_data( $now );
	try {
		$figures = compute( $data, $now );
	} catch ( \InvalidArgumentException $e ) {
		printf(
			'<div class="notice notice-error inline"><p>%s</p></div>',
			esc_html(
				sprintf(
					/* translators: %s: error message naming the bad entry */
					__( 'The monitoring data could not be read: %s', 'jlg-native' ),
					$e->getMessage()
				)
			)
		);
		return;
	}

	printf(
		'<p class="jlg-native-source%s" id="jlg-native-impact-source">%s</p>',
		$data['sample'] ? ' is-sample' : '',
		esc_html( $data['source'] )
	);
	render_sla( $figures['windows'], $figures['daily'] );
	render_impact( $figures['impact'] );
}

/**
 * A percentage as WordPress writes numbers in the user's language.
 *
 * @param float|int|null $value Percentage.
 */
function percent( $value ): string {
	if ( null === $value ) {
		return __( 'no data', 'jlg-native' );
	}
	/* translators: %s: a number, e.g. 99.95 */
	return sprintf( __( '%s %%', 'jlg-native' ), number_format_i18n( (float) $value, 2 ) );
}

/**
 * Availability figures and the sparkline.
 *
 * @param array $windows Sla::windows() result for 7 and 30 days.
 * @param array $daily   Daily availability, oldest first.
 */
function render_sla( array $windows, array $daily ): void {
	printf( '<h3>%s</h3>', esc_html__( 'Availability', 'jlg-native' ) );
	echo '<dl class="jlg-native-figures">';
	foreach ( array( '7d', '30d' ) as $key ) {
		$global = $windows['windows'][ $key ]['global'] ?? array();
		$days   = (int) ( $windows['windows'][ $key ]['days'] ?? 0 );
		printf(
			'<div class="jlg-native-figure" data-window="%1$s"><dt>%2$s</dt><dd><span class="jlg-native-figure-value">%3$s</span><span class="jlg-native-figure-detail">%4$s</span></dd></div>',
			esc_attr( $key ),
			/* translators: %d: number of days */
			esc_html( sprintf( _n( 'Last %d day', 'Last %d days', $days, 'jlg-native' ), $days ) ),
			esc_html( percent( $global['availability_adjusted'] ?? null ) ),
			esc_html(
				sprintf(
					/* translators: 1: number of incidents, 2: downtime, e.g. "3 hours" */
					_n( '%1$d incident, %2$s down', '%1$d incidents, %2$s down', (int) ( $global['incident_count'] ?? 0 ), 'jlg-native' ),
					(int) ( $global['incident_count'] ?? 0 ),
					human_time_diff( 0, (int) ( $global['downtime_seconds'] ?? 0 ) )
				)
			)
		);
	}
	$mttr = $windows['windows']['30d']['global']['mttr']['mean'] ?? null;
	printf(
		'<div class="jlg-native-figure" data-window="mttr"><dt>%1$s</dt><dd><span class="jlg-native-figure-value">%2$s</span><span class="jlg-native-figure-detail">%3$s</span></dd></div>',
		esc_html__( 'Mean time to recovery', 'jlg-native' ),
		esc_html( null === $mttr ? __( 'no incidents', 'jlg-native' ) : human_time_diff( 0, (int) round( $mttr ) ) ),
		esc_html__( 'last 30 days', 'jlg-native' )
	);
	echo '</dl>';

	render_sparkline( $daily );
}

/**
 * Daily availability as an SVG sparkline, with the numbers in a table for
 * those who cannot see the chart.
 *
 * @param array $daily Daily availability, oldest first.
 */
function render_sparkline( array $daily ): void {
	$width  = 360;
	$height = 56;
	$pad    = 5;
	$values = array_values( array_filter( array_column( $daily, 'availability' ), static fn( $v ) => null !== $v ) );
	$low    = array() === $values ? 99.0 : min( 99.0, floor( min( $values ) ) );
	$count  = count( $daily );

	$points = array();
	foreach ( $daily as $i => $day ) {
		if ( null === $day['availability'] ) {
			continue;
		}
		$x        = $pad + ( $count > 1 ? $i * ( $width - 2 * $pad ) / ( $count - 1 ) : 0 );
		$y        = $pad + ( 100 - $day['availability'] ) * ( $height - 2 * $pad ) / max( 0.01, 100 - $low );
		$points[] = array( round( $x, 1 ), round( $y, 1 ), $day );
	}

	$label = array() === $values
		? __( 'Daily availability: no data.', 'jlg-native' )
		: sprintf(
			/* translators: 1: number of days, 2: lowest daily availability, 3: highest */
			__( 'Daily availability over the last %1$d days, from %2$s to %3$s.', 'jlg-native' ),
			$count,
			percent( min( $values ) ),
			percent( max( $values ) )
		);

	printf(
		'<figure class="jlg-native-sparkline"><svg role="img" aria-labelledby="jlg-native-sparkline-title" viewBox="0 0 %1$d %2$d" width="%1$d" height="%2$d" data-low="%3$s"><title id="jlg-native-sparkline-title">%4$s</title>',
		(int) $width,
		(int) $height,
		esc_attr( (string) $low ),
		esc_html( $label )
	);
	// Guide line at 100 %.
	printf( '<line class="jlg-native-sparkline-guide" x1="%1$d" y1="%2$d" x2="%3$d" y2="%2$d"/>', (int) $pad, (int) $pad, (int) ( $width - $pad ) );
	if ( count( $points ) > 1 ) {
		printf(
			'<polyline class="jlg-native-sparkline-line" points="%s"/>',
			esc_attr( implode( ' ', array_map( static fn( $p ) => $p[0] . ',' . $p[1], $points ) ) )
		);
	}
	foreach ( $points as $p ) {
		printf(
			'<circle class="jlg-native-sparkline-point%1$s" cx="%2$s" cy="%3$s" r="2.5" data-availability="%4$s"/>',
			$p[2]['availability'] < 100 ? ' is-down' : '',
			esc_attr( (string) $p[0] ),
			esc_attr( (string) $p[1] ),
			esc_attr( (string) $p[2]['availability'] )
		);
	}
	printf(
		'</svg><figcaption>%s</figcaption></figure>',
		esc_html( $label )
	);

	printf( '<details class="jlg-native-sparkline-data"><summary>%s</summary>', esc_html__( 'Daily values', 'jlg-native' ) );
	printf(
		'<table class="widefat striped"><thead><tr><th scope="col">%s</th><th scope="col">%s</th></tr></thead><tbody>',
		esc_html__( 'Day ending', 'jlg-native' ),
		esc_html__( 'Availability', 'jlg-native' )
	);
	foreach ( $daily as $day ) {
		printf(
			'<tr><td>%s</td><td>%s</td></tr>',
			esc_html( wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $day['end'] ) ),
			esc_html( percent( $day['availability'] ) )
		);
	}
	echo '</tbody></table></details>';
}

/**
 * Impact score per module, highest first, with its four parts.
 *
 * @param array $impact Impact::score() result.
 */
function render_impact( array $impact ): void {
	$names = array(
		'uptime'      => __( 'Uptime', 'jlg-native' ),
		'speed'       => __( 'Speed', 'jlg-native' ),
		'database'    => __( 'Database', 'jlg-native' ),
		'ai_insights' => __( 'AI insights', 'jlg-native' ),
	);

	printf( '<h3>%s</h3>', esc_html__( 'Incident impact', 'jlg-native' ) );
	$modules = (array) ( $impact['modules'] ?? array() );
	if ( array() === $modules ) {
		printf( '<p>%s</p>', esc_html__( 'No incidents: every module scores 0.', 'jlg-native' ) );
		return;
	}
	uasort( $modules, static fn( $a, $b ) => ( $a['rank'] ?? 0 ) <=> ( $b['rank'] ?? 0 ) );

	printf(
		'<p class="jlg-native-overall" data-overall="%1$s">%2$s</p>',
		esc_attr( (string) $impact['overall'] ),
		esc_html(
			sprintf(
				/* translators: 1: overall score out of 100, 2: module name */
				__( 'Overall impact %1$s / 100, mostly from %2$s.', 'jlg-native' ),
				number_format_i18n( (float) $impact['overall'], 2 ),
				$names[ $impact['dominant_module'] ] ?? $impact['dominant_module']
			)
		)
	);

	printf(
		'<div class="jlg-native-table-scroll"><table class="widefat jlg-native-impact-table"><thead><tr><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th></tr></thead><tbody>',
		esc_html__( 'Module', 'jlg-native' ),
		esc_html__( 'Score', 'jlg-native' ),
		esc_html__( 'Severity', 'jlg-native' ),
		esc_html__( 'Recurrence', 'jlg-native' ),
		esc_html__( 'Recency', 'jlg-native' ),
		esc_html__( 'Reach', 'jlg-native' ),
		esc_html__( 'Open', 'jlg-native' )
	);
	foreach ( $modules as $module => $row ) {
		$score = (float) ( $row['score'] ?? 0 );
		$level = $score >= 70 ? 'danger' : ( $score >= 35 ? 'warning' : 'ok' );
		printf(
			'<tr data-module="%1$s" data-rank="%2$d" data-score="%3$s"><th scope="row">%4$s</th><td><span class="jlg-native-meter jlg-native-meter--%5$s"><span style="width:%6$s%%"></span></span> <span class="jlg-native-score">%7$s</span></td>',
			esc_attr( (string) $module ),
			(int) ( $row['rank'] ?? 0 ),
			esc_attr( (string) $score ),
			esc_html( $names[ $module ] ?? (string) $module ),
			esc_attr( $level ),
			esc_attr( (string) max( 0, min( 100, $score ) ) ),
			esc_html( number_format_i18n( $score, 2 ) )
		);
		foreach ( array( 'severity', 'recurrence', 'recency', 'affected' ) as $part ) {
			printf(
				'<td data-part="%1$s" data-value="%2$s">%3$s</td>',
				esc_attr( $part ),
				esc_attr( (string) ( $row['breakdown'][ $part ] ?? 0 ) ),
				esc_html( number_format_i18n( (float) ( $row['breakdown'][ $part ] ?? 0 ), 2 ) )
			);
		}
		printf( '<td data-part="open">%d</td></tr>', (int) ( $row['open_incidents'] ?? 0 ) );
	}
	echo '</tbody></table></div>';
	printf(
		'<p class="description">%s</p>',
		esc_html__( 'Score out of 100 = severity (up to 50) + recurrence (20) + recency (20) + reach (10). Severity and recency fade with a half-life of one day after an incident is resolved.', 'jlg-native' )
	);
}
