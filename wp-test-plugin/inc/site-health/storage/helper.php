<?php
/**
 * Site Health check "jlg_native_storage": projects the growth of the watched
 * folders (uploads, backups) from their daily samples.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\SiteHealth\Storage;

use function JLG\NativeCompanion\native_available;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/../common.php';

require_once __DIR__ . '/samples.php';

/** Identifier of the check, in `site_status_tests` and in its result. */
const TEST_ID = 'jlg_native_storage';

/** Site Health status of each projection level. */
const STATUS_OF_LEVEL = array(
	'unknown'  => 'good',
	'ok'       => 'good',
	'watch'    => 'recommended',
	'warning'  => 'recommended',
	'critical' => 'critical',
);

/** Whether the projection can run: the extension with its Quota class. */
function projection_available(): bool {
	return native_available() && class_exists( 'JLG\\Native\\Quota' );
}

/**
 * One report per watched folder.
 *
 * The current size is the last daily measurement; a folder never measured is
 * measured now (bounded walk). With the extension, the samples are projected
 * with `JLG\Native\Quota::project()`.
 *
 * @param int $now Unix time the projection is made at.
 * @return list<array{id: string, label: string, path: string, exists: bool, bytes: int, complete: bool,
 *                    measured_at: int, samples: int, quota_bytes: ?int, projection: ?array, error: ?string,
 *                    status: string}>
 */
function folder_reports( int $now ): array {
	$stored  = stored_samples();
	$native  = projection_available();
	$reports = array();

	foreach ( storage_paths() as $id => $path ) {
		$entry = $stored[ $id ] ?? null;
		if ( null !== $entry && $entry['path'] !== $path ) {
			$entry = null; // Samples of a folder that moved.
		}
		$last = $entry['last'] ?? null;
		if ( ! is_array( $last ) || ! isset( $last['exists'], $last['bytes'], $last['complete'], $last['timestamp'] ) ) {
			$last = array( 'timestamp' => $now ) + measure_folder( $path, walk_limit() );
		}
		$samples = $entry['samples'] ?? array();

		$report = array(
			'id'          => $id,
			'label'       => folder_label( $id ),
			'path'        => $path,
			'exists'      => (bool) $last['exists'],
			'bytes'       => (int) $last['bytes'],
			'complete'    => (bool) $last['complete'],
			'measured_at' => (int) $last['timestamp'],
			'samples'     => count( $samples ),
			'quota_bytes' => folder_quota( $id, $path ),
			'projection'  => null,
			'error'       => null,
			'status'      => 'good',
		);

		if ( $native && ( $report['exists'] || $samples ) ) {
			try {
				$report['projection'] = \JLG\Native\Quota::project(
					$samples,
					array(
						'quota_bytes'     => $report['quota_bytes'],
						'threshold_ratio' => threshold_ratio(),
						'now'             => $now,
					)
				);
				$report['status']     = STATUS_OF_LEVEL[ $report['projection']['level'] ] ?? 'recommended';
			} catch ( \Throwable $e ) {
				$report['error']  = $e->getMessage();
				$report['status'] = 'recommended';
			}
		}
		$reports[] = $report;
	}
	return $reports;
}

/**
 * Runs the check.
 *
 * - good:        every folder is projected `ok`, or has too few samples yet;
 * - recommended: a folder may reach the threshold within 30 days (`watch`,
 *                `warning`), a projection failed, or the extension is absent
 *                (the sizes are still shown);
 * - critical:    a folder may reach it within a day, or is past it.
 *
 * @param int|null $now Unix time (default: now). Site Health passes nothing.
 * @return array{label: string, status: string, badge: array, description: string, actions: string, test: string}
 */
function get_test_result( ?int $now = null ): array {
	$now     = $now ?? time();
	$reports = folder_reports( $now );
	$native  = projection_available();
	$ratio   = threshold_ratio();

	$result = \JLG\NativeCompanion\SiteHealth\base_result( TEST_ID, __( 'Storage usage is not expected to reach its limit soon', 'jlg-native' ), __( 'Performance', 'jlg-native' ) );

	$intro = sprintf(
		/* translators: %s: percentage such as 85% */
		__( 'The size of these folders is measured once a day; their trend tells when each may reach %s of its quota (by default, the size of the disk partition holding it).', 'jlg-native' ),
		format_percent( $ratio )
	);
	$items = '';
	foreach ( $reports as $report ) {
		$items .= '<li>' . render_report( $report, $native, $ratio ) . '</li>';
	}
	$result['description'] = sprintf( '<p>%s</p><ul class="jlg-native-storage">%s</ul>', esc_html( $intro ), $items );

	if ( ! $native ) {
		$result['label']          = __( 'Storage projection needs the JLG Native extension', 'jlg-native' );
		$result['status']         = 'recommended';
		$result['badge']['color'] = 'orange';
		$result['actions']        = sprintf(
			'<p>%s</p>',
			esc_html__( 'The folder sizes above are still measured every day. Install the jlg_native PHP extension (see the JLG Native extension check) to project when each folder will fill up.', 'jlg-native' )
		);
		return $result;
	}

	$worst = worst_report( $reports );
	if ( null === $worst ) {
		return $result;
	}

	if ( null !== $worst['error'] ) {
		$result['label'] = __( 'The storage projection failed', 'jlg-native' );
	} else {
		$days = $worst['projection']['days_to_threshold']['p10'] ?? null;
		if ( 'critical' === $worst['status'] && ( null === $days || $days <= 0 ) ) {
			$result['label'] = sprintf(
				/* translators: %s: folder name such as Uploads */
				__( 'Storage is about to run out: %s is at its limit', 'jlg-native' ),
				$worst['label']
			);
		} else {
			$whole           = max( 1, (int) ceil( (float) $days ) );
			$result['label'] = sprintf(
				/* translators: 1: folder name such as Uploads, 2: number of days */
				_n( 'Storage may run out soon: %1$s could reach its limit within %2$s day', 'Storage may run out soon: %1$s could reach its limit within %2$s days', $whole, 'jlg-native' ),
				$worst['label'],
				number_format_i18n( $whole )
			);
		}
	}
	$result['status']         = $worst['status'];
	$result['badge']['color'] = 'critical' === $worst['status'] ? 'red' : 'orange';
	$result['actions']        = sprintf(
		'<p>%s</p>',
		sprintf(
			/* translators: %s: a WP-CLI command */
			esc_html__( 'Free space in the folder, keep fewer backups (%s previews a retention policy), move backups to another destination, or raise the quota.', 'jlg-native' ),
			'<code>wp jlg-native retention plan</code>'
		)
	);
	return $result;
}

/**
 * The report with the worst status (critical, then recommended), or null if
 * every folder is good. Among equals, the earliest plausible crossing.
 *
 * @param array $reports From folder_reports().
 */
function worst_report( array $reports ): ?array {
	$rank  = array(
		'good'        => 0,
		'recommended' => 1,
		'critical'    => 2,
	);
	$worst = null;
	foreach ( $reports as $report ) {
		if ( 'good' === $report['status'] ) {
			continue;
		}
		if ( null === $worst || $rank[ $report['status'] ] > $rank[ $worst['status'] ] ) {
			$worst = $report;
			continue;
		}
		$days  = $report['projection']['days_to_threshold']['p10'] ?? INF;
		$other = $worst['projection']['days_to_threshold']['p10'] ?? INF;
		if ( $rank[ $report['status'] ] === $rank[ $worst['status'] ] && $days < $other ) {
			$worst = $report;
		}
	}
	return $worst;
}

/**
 * One folder as HTML: name, path, size, and what the projection says.
 *
 * @param array $report From folder_reports().
 * @param bool  $native Whether the projection ran.
 * @param float $ratio  Threshold ratio.
 */
function render_report( array $report, bool $native, float $ratio ): string {
	$head = sprintf( '<strong>%s</strong> <code>%s</code>: ', esc_html( $report['label'] ), esc_html( $report['path'] ) );

	if ( ! $report['exists'] && 0 === $report['samples'] ) {
		return $head . esc_html__( 'this folder does not exist.', 'jlg-native' );
	}

	$parts = array();
	if ( ! $report['exists'] ) {
		$parts[] = __( 'this folder no longer exists.', 'jlg-native' );
	} elseif ( $report['complete'] ) {
		$parts[] = sprintf(
			/* translators: 1: size such as 12 MB, 2: number of samples */
			_n( '%1$s used (%2$s daily sample).', '%1$s used (%2$s daily samples).', $report['samples'], 'jlg-native' ),
			format_size( $report['bytes'] ),
			number_format_i18n( $report['samples'] )
		);
	} else {
		$parts[] = sprintf(
			/* translators: 1: size such as 12 MB, 2: number of samples */
			_n( 'at least %1$s used: the folder has too many files to be measured in full, so it is not sampled (%2$s daily sample).', 'at least %1$s used: the folder has too many files to be measured in full, so it is not sampled (%2$s daily samples).', $report['samples'], 'jlg-native' ),
			format_size( $report['bytes'] ),
			number_format_i18n( $report['samples'] )
		);
	}

	if ( $native ) {
		$parts[] = describe_projection( $report, $ratio );
	}
	return $head . esc_html( implode( ' ', array_filter( $parts ) ) );
}

/**
 * What a folder's projection says, as a sentence.
 *
 * @param array $report From folder_reports().
 * @param float $ratio  Threshold ratio.
 */
function describe_projection( array $report, float $ratio ): string {
	if ( null !== $report['error'] ) {
		/* translators: %s: error message */
		return sprintf( __( 'The projection failed: %s', 'jlg-native' ), $report['error'] );
	}
	$projection = $report['projection'];
	if ( null === $projection ) {
		return '';
	}
	if ( 'unknown' === $projection['level'] ) {
		return __( 'Not enough samples yet for a projection: it needs two days of measurements.', 'jlg-native' );
	}

	$slope  = (float) $projection['slope_bytes_per_day'];
	$growth = $slope > 0
		/* translators: %s: size such as 1.2 MB */
		? sprintf( __( 'It grows by about %s a day.', 'jlg-native' ), format_size( $slope ) )
		: __( 'It is not growing.', 'jlg-native' );

	if ( null === $projection['quota_bytes'] ) {
		return $growth . ' ' . __( 'No quota is known for it, so there is no limit to project.', 'jlg-native' );
	}

	$limit = sprintf(
		/* translators: 1: percentage such as 85%, 2: size such as 100 GB */
		__( '%1$s of %2$s', 'jlg-native' ),
		format_percent( $ratio ),
		format_size( $projection['quota_bytes'] )
	);
	$days  = $projection['days_to_threshold'];
	if ( null === $days['p50'] && null === $days['p10'] ) {
		/* translators: %s: limit such as "85% of 100 GB" */
		return $growth . ' ' . sprintf( __( 'At this rate it never reaches %s.', 'jlg-native' ), $limit );
	}
	if ( 0.0 === (float) $days['p50'] ) {
		/* translators: %s: limit such as "85% of 100 GB" */
		return $growth . ' ' . sprintf( __( 'It has already reached %s.', 'jlg-native' ), $limit );
	}

	$earliest = format_days( (float) $days['p10'] );
	if ( null === $days['p50'] ) {
		/* translators: 1: limit such as "85% of 100 GB", 2: number of days */
		return $growth . ' ' . sprintf( __( 'It could reach %1$s in %2$s days at the earliest.', 'jlg-native' ), $limit, $earliest );
	}
	$estimate = format_days( (float) $days['p50'] );
	$latest   = null === $days['p90'] ? __( 'never', 'jlg-native' ) : format_days( (float) $days['p90'] );
	if ( $earliest === $latest ) {
		/* translators: 1: limit such as "85% of 100 GB", 2: number of days */
		return $growth . ' ' . sprintf( __( 'It should reach %1$s in about %2$s days.', 'jlg-native' ), $limit, $estimate );
	}
	/* translators: 1: limit such as "85% of 100 GB", 2: number of days, 3: earliest number of days, 4: latest number of days, or "never" */
	$sentence = sprintf( __( 'It should reach %1$s in about %2$s days (between %3$s and %4$s).', 'jlg-native' ), $limit, $estimate, $earliest, $latest );
	return $growth . ' ' . $sentence;
}

/**
 * A size for display: "512 B", "1.2 KB", "3.4 GB".
 *
 * @param int|float $bytes Bytes.
 */
function format_size( $bytes ): string {
	return (string) size_format( $bytes, $bytes >= KB_IN_BYTES ? 1 : 0 );
}

/**
 * A day count for display, e.g. "6.2".
 *
 * @param float $days Days.
 */
function format_days( float $days ): string {
	return number_format_i18n( $days, $days < 10 ? 1 : 0 );
}

/**
 * A fraction as a percentage, e.g. 0.85 => "85%".
 *
 * @param float $ratio Fraction.
 */
function format_percent( float $ratio ): string {
	return number_format_i18n( $ratio * 100, fmod( $ratio * 100, 1.0 ) === 0.0 ? 0 : 1 ) . '%';
}
