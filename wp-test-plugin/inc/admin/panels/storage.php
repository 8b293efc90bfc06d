<?php
/**
 * Storage projection panel: usage samples, the projected line with its 80 %
 * band, and when the threshold is reached (JLG\Native\Quota::project).
 *
 * Data: a labelled sample unless a plugin hands in its own through the
 * `jlg_native_storage_data` filter. The chart is inline SVG.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Admin\Panels\Storage;

use function JLG\NativeCompanion\native_available;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Adds the panel.
 *
 * @param array $panels Panels so far.
 * @return array
 */
function add_panel( $panels ) {
	$panels['storage'] = array(
		'title'    => __( 'Storage projection', 'jlg-native' ),
		'render'   => __NAMESPACE__ . '\\render',
		'priority' => 16,
	);
	return $panels;
}
add_filter( 'jlg_native_admin_panels', __NAMESPACE__ . '\\add_panel' );

/**
 * The series to project: {source, sample, samples: list<{timestamp, used_bytes}>, quota_bytes, threshold_ratio}.
 *
 * @param int $now Unix seconds.
 */
function storage_data( int $now ): array {
	$day     = $now - $now % DAY_IN_SECONDS;
	$samples = array();
	for ( $i = 59; $i >= 0; $i-- ) {
		$n     = 59 - $i;
		// Growth with day-to-day noise. No failed measurement in the series:
		// the plugin's sampler never stores one (see record_samples()).
		$bytes = ( 40 + $n * 1.2 + sin( $n * 1.7 ) * 4 ) * GB_IN_BYTES;
		$samples[] = array(
			'timestamp'  => $day - $i * DAY_IN_SECONDS,
			'used_bytes' => (int) round( $bytes ),
		);
	}
	$data = array(
		'source'          => __( 'Sample data: daily usage of a backup destination.', 'jlg-native' ),
		'sample'          => true,
		'samples'         => $samples,
		'quota_bytes'     => 200 * GB_IN_BYTES,
		'threshold_ratio' => 0.85,
	);

	/**
	 * Filters the series of the storage projection panel.
	 *
	 * @param array $data {source, sample, samples, quota_bytes, threshold_ratio}; samples as
	 *                    JLG\Native\Quota::project() reads them, oldest first.
	 * @param int   $now  Unix seconds.
	 */
	return (array) apply_filters( 'jlg_native_storage_data', $data, $now );
}

/** Prints the panel. */
function render(): void {
	if ( ! native_available() || ! class_exists( 'JLG\\Native\\Quota' ) ) {
		printf(
			'<div class="notice notice-warning inline" id="jlg-native-storage-unavailable"><p>%s</p></div>',
			esc_html(
				native_available()
					? __( 'This build of the jlg_native extension has no storage projection.', 'jlg-native' )
					: __( 'Storage projections are computed by the jlg_native PHP extension, which is not loaded on this server.', 'jlg-native' )
			)
		);
		return;
	}

	$now       = time();
	$data      = storage_data( $now );
	$samples   = array_values( (array) ( $data['samples'] ?? array() ) );
	$quota     = isset( $data['quota_bytes'] ) ? (float) $data['quota_bytes'] : null;
	$threshold = isset( $data['threshold_ratio'] ) ? (float) $data['threshold_ratio'] : 0.85;
	try {
		$projection = \JLG\Native\Quota::project(
			$samples,
			array(
				'quota_bytes'     => $quota,
				'threshold_ratio' => $threshold,
				'now'             => $now,
			)
		);
	} catch ( \InvalidArgumentException $e ) {
		printf(
			'<div class="notice notice-error inline"><p>%s</p></div>',
			/* translators: %s: error message naming the bad sample */
			esc_html( sprintf( __( 'The usage samples could not be read: %s', 'jlg-native' ), $e->getMessage() ) )
		);
		return;
	}

	printf(
		'<p class="jlg-native-source%s" id="jlg-native-storage-source">%s</p>',
		! empty( $data['sample'] ) ? ' is-sample' : '',
		esc_html( (string) ( $data['source'] ?? '' ) )
	);

	$days  = $projection['days_to_threshold'];
	$facts = array(
		'used'  => null === $projection['used_ratio']
			? size_format( (float) $projection['used_bytes'], 1 )
			: sprintf(
				/* translators: 1: used size, 2: quota size, 3: percentage */
				__( '%1$s of %2$s (%3$s %%)', 'jlg-native' ),
				size_format( (float) $projection['used_bytes'], 1 ),
				size_format( (float) $projection['quota_bytes'], 1 ),
				number_format_i18n( 100 * $projection['used_ratio'], 1 )
			),
		'trend' => null === $projection['slope_bytes_per_day']
			? __( 'not enough samples', 'jlg-native' )
			: sprintf(
				/* translators: %s: size, e.g. "1.2 GB" */
				__( '%s a day', 'jlg-native' ),
				( $projection['slope_bytes_per_day'] < 0 ? '−' : '+' ) . size_format( abs( (float) $projection['slope_bytes_per_day'] ), 1 )
			),
		'eta'   => null === $days['p50']
			? __( 'not within the projection', 'jlg-native' )
			: sprintf(
				/* translators: 1: days (most likely), 2: days (early bound), 3: days (late bound) */
				__( 'in about %1$s days (80 %% between %2$s and %3$s)', 'jlg-native' ),
				number_format_i18n( $days['p50'], 0 ),
				null === $days['p10'] ? '?' : number_format_i18n( $days['p10'], 0 ),
				null === $days['p90'] ? '?' : number_format_i18n( $days['p90'], 0 )
			),
	);
	$labels = array(
		'used'  => __( 'Used', 'jlg-native' ),
		'trend' => __( 'Trend', 'jlg-native' ),
		/* translators: %s: percentage of the quota, e.g. 85 */
		'eta'   => sprintf( __( '%s %% of the quota', 'jlg-native' ), number_format_i18n( 100 * $threshold, 0 ) ),
	);
	echo '<dl class="jlg-native-facts">';
	foreach ( $facts as $key => $value ) {
		printf( '<dt>%s</dt><dd data-fact="%s">%s</dd>', esc_html( $labels[ $key ] ), esc_attr( $key ), esc_html( $value ) );
	}
	printf(
		'<dt>%s</dt><dd data-fact="level" data-level="%s"><span class="jlg-native-badge jlg-native-badge--%s">%s</span></dd>',
		esc_html__( 'Alert level', 'jlg-native' ),
		esc_attr( $projection['level'] ),
		esc_attr( array( 'critical' => 'critical', 'warning' => 'warning', 'watch' => 'info', 'ok' => 'ok' )[ $projection['level'] ] ?? 'unknown' ),
		esc_html( level_label( $projection['level'] ) )
	);
	echo '</dl>';

	render_chart( $samples, $projection, $threshold, $now );
}

/**
 * A level as words.
 *
 * @param string $level Level of Quota::project().
 */
function level_label( string $level ): string {
	$labels = array(
		'ok'       => __( 'OK', 'jlg-native' ),
		'watch'    => __( 'Watch', 'jlg-native' ),
		'warning'  => __( 'Warning', 'jlg-native' ),
		'critical' => __( 'Critical', 'jlg-native' ),
		'unknown'  => __( 'Unknown', 'jlg-native' ),
	);
	return $labels[ $level ] ?? $level;
}

/**
 * The chart: samples, the projected line from now with its band, the
 * threshold and the quota.
 *
 * @param array $samples    Samples, oldest first.
 * @param array $projection Quota::project() result.
 * @param float $threshold  Threshold ratio.
 * @param int   $now        Unix seconds.
 */
function render_chart( array $samples, array $projection, float $threshold, int $now ): void {
	if ( array() === $samples || null === $projection['used_bytes'] ) {
		return;
	}
	$w     = 360;
	$h     = 150;
	$pad   = 8;
	$days  = $projection['days_to_threshold'];
	$ahead = (float) min( 90, max( 14, ( $days['p90'] ?? $days['p50'] ?? 30 ) * 1.1 ) );
	$t0    = (int) $samples[0]['timestamp'];
	$t1    = $now + (int) ( $ahead * DAY_IN_SECONDS );
	$used  = (float) $projection['used_bytes'];
	$slope = (float) ( $projection['slope_bytes_per_day'] ?? 0 );
	$quota = null === $projection['quota_bytes'] ? null : (float) $projection['quota_bytes'];
	$limit = null === $quota ? null : $quota * $threshold;

	// Band: the slopes that reach the threshold at the p10 and p90 days.
	$band = null;
	if ( null !== $limit && null !== $days['p10'] && null !== $days['p90'] && $days['p10'] > 0 && $days['p90'] > 0 ) {
		$band = array( ( $limit - $used ) / $days['p10'], ( $limit - $used ) / $days['p90'] );
	}
	$top = max( array_merge( array_column( $samples, 'used_bytes' ), array( $used + max( 0, $slope ) * $ahead, (float) $quota ) ) );
	if ( null !== $band ) {
		$top = max( $top, $used + max( $band ) * $ahead );
	}
	$top = max( 1.0, $top * 1.05 );

	$x = static fn( float $t ) => round( $pad + ( $t - $t0 ) * ( $w - 2 * $pad ) / max( 1, $t1 - $t0 ), 1 );
	$y = static fn( float $b ) => round( $h - $pad - max( 0, $b ) * ( $h - 2 * $pad ) / $top, 1 );

	$summary = sprintf(
		/* translators: 1: number of samples, 2: number of days projected */
		__( 'Storage used: %1$d samples and the projection for the next %2$d days, with its 80 %% band.', 'jlg-native' ),
		count( $samples ),
		(int) round( $ahead )
	);
	printf(
		'<figure class="jlg-native-chart"><svg role="img" aria-labelledby="jlg-native-storage-title" viewBox="0 0 %1$d %2$d" width="%1$d" height="%2$d"><title id="jlg-native-storage-title">%3$s</title>',
		(int) $w,
		(int) $h,
		esc_html( $summary )
	);
	if ( null !== $quota ) {
		printf( '<line class="jlg-native-chart-quota" x1="%1$s" x2="%2$s" y1="%3$s" y2="%3$s"/>', esc_attr( (string) $pad ), esc_attr( (string) ( $w - $pad ) ), esc_attr( (string) $y( $quota ) ) );
		printf( '<line class="jlg-native-chart-threshold" x1="%1$s" x2="%2$s" y1="%3$s" y2="%3$s"/>', esc_attr( (string) $pad ), esc_attr( (string) ( $w - $pad ) ), esc_attr( (string) $y( $limit ) ) );
	}
	printf( '<line class="jlg-native-chart-now" x1="%1$s" x2="%1$s" y1="%2$s" y2="%3$s"/>', esc_attr( (string) $x( $now ) ), esc_attr( (string) $pad ), esc_attr( (string) ( $h - $pad ) ) );
	if ( null !== $band ) {
		printf(
			'<polygon class="jlg-native-chart-band" points="%s"/>',
			esc_attr(
				sprintf(
					'%1$s,%2$s %3$s,%4$s %3$s,%5$s',
					$x( $now ),
					$y( $used ),
					$x( $t1 ),
					$y( $used + $band[0] * $ahead ),
					$y( $used + $band[1] * $ahead )
				)
			)
		);
	}
	printf(
		'<line class="jlg-native-chart-projection" x1="%1$s" y1="%2$s" x2="%3$s" y2="%4$s"/>',
		esc_attr( (string) $x( $now ) ),
		esc_attr( (string) $y( $used ) ),
		esc_attr( (string) $x( $t1 ) ),
		esc_attr( (string) $y( $used + $slope * $ahead ) )
	);
	foreach ( $samples as $sample ) {
		printf(
			'<circle class="jlg-native-chart-sample" cx="%s" cy="%s" r="2"/>',
			esc_attr( (string) $x( (float) $sample['timestamp'] ) ),
			esc_attr( (string) $y( (float) $sample['used_bytes'] ) )
		);
	}
	printf( '</svg><figcaption>%s</figcaption></figure>', esc_html( $summary ) );
}
