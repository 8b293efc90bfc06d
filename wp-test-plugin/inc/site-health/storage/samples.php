<?php
/**
 * Site Health check "jlg_native_storage": the folders it watches, how their
 * size is measured, and the daily samples kept in an option.
 *
 * Pure PHP: nothing here needs the extension, so samples accumulate even on a
 * server that does not have it yet.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\SiteHealth\Storage;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Option holding the samples: id => {path, samples: list<{timestamp, used_bytes}>, last: measurement}. */
const SAMPLES_OPTION = 'jlg_native_storage_samples';

/** Option holding per-folder quotas in bytes: id => int (absent = the partition's size). */
const QUOTAS_OPTION = 'jlg_native_storage_quotas';

/** Samples kept per folder; older ones are dropped. About 13 months of daily samples. */
const MAX_SAMPLES = 400;

/** Entries (files and folders) a single walk visits at most, unless filtered. */
const DEFAULT_WALK_LIMIT = 200000;

/** WP-Cron hook of the daily measurement. */
const CRON_HOOK = 'jlg_native_storage_sample';

/**
 * Folders to watch: id => absolute path.
 *
 * By default the uploads folder and the folder where Backup JLG keeps its
 * archives. Filter `jlg_native_storage_paths` to add, remove or move folders;
 * ids are kept short (they key the samples).
 *
 * @return array<string, string>
 */
function storage_paths(): array {
	$uploads = wp_upload_dir( null, false );
	$paths   = array(
		'uploads' => (string) ( $uploads['basedir'] ?? WP_CONTENT_DIR . '/uploads' ),
		'backups' => WP_CONTENT_DIR . '/bjlg-backups',
	);

	/**
	 * Filters the folders whose growth the storage check projects.
	 *
	 * @param array<string, string> $paths Folder id => absolute path.
	 */
	$filtered = apply_filters( 'jlg_native_storage_paths', $paths );

	$clean = array();
	foreach ( is_array( $filtered ) ? $filtered : array() as $id => $path ) {
		if ( ( is_string( $id ) || is_int( $id ) ) && '' !== (string) $id && is_string( $path ) && '' !== $path ) {
			$clean[ (string) $id ] = untrailingslashit( $path );
		}
	}
	return $clean;
}

/**
 * A readable name for a folder id.
 *
 * @param string $id Folder id.
 */
function folder_label( string $id ): string {
	switch ( $id ) {
		case 'uploads':
			return __( 'Uploads', 'jlg-native' );
		case 'backups':
			return __( 'Backups', 'jlg-native' );
		default:
			return $id;
	}
}

/**
 * Entries a walk may visit (filter `jlg_native_storage_walk_limit`).
 */
function walk_limit(): int {
	return max( 1, (int) apply_filters( 'jlg_native_storage_walk_limit', DEFAULT_WALK_LIMIT ) );
}

/**
 * Sums the sizes of the regular files below a folder, visiting at most $limit
 * entries. Symbolic links are neither followed nor counted (they may point
 * outside the folder, or at it); unreadable subfolders are skipped.
 *
 * @param string $path  Folder.
 * @param int    $limit Entries to visit at most.
 * @return array{exists: bool, bytes: int, files: int, complete: bool}
 *         `complete` is false when the walk stopped at the limit or met an error.
 */
function measure_folder( string $path, int $limit ): array {
	$result = array(
		'exists'   => false,
		'bytes'    => 0,
		'files'    => 0,
		'complete' => true,
	);
	if ( ! is_dir( $path ) ) {
		return $result;
	}
	$result['exists'] = true;

	try {
		$iterator = new \RecursiveIteratorIterator(
			new \RecursiveDirectoryIterator( $path, \FilesystemIterator::SKIP_DOTS | \FilesystemIterator::CURRENT_AS_FILEINFO ),
			\RecursiveIteratorIterator::SELF_FIRST, // Folders count towards the limit too.
			\RecursiveIteratorIterator::CATCH_GET_CHILD
		);
		$visited = 0;
		foreach ( $iterator as $info ) {
			if ( ++$visited > $limit ) {
				$result['complete'] = false;
				break;
			}
			if ( $info->isLink() || ! $info->isFile() ) {
				continue;
			}
			try {
				$result['bytes'] += (int) $info->getSize();
				++$result['files'];
			} catch ( \RuntimeException $e ) {
				continue; // Deleted since it was listed: it no longer uses space.
			}
		}
	} catch ( \Throwable $e ) {
		$result['complete'] = false; // Unreadable root folder.
	}
	return $result;
}

/**
 * The stored samples, cleaned: per folder id, a list of well-formed samples
 * with strictly increasing timestamps (what Quota::project() accepts).
 *
 * @return array<string, array{path: string, samples: list<array{timestamp: int, used_bytes: int}>, last: ?array}>
 */
function stored_samples(): array {
	$stored = get_option( SAMPLES_OPTION, array() );
	$clean  = array();
	foreach ( is_array( $stored ) ? $stored : array() as $id => $entry ) {
		if ( ! is_array( $entry ) ) {
			continue;
		}
		$samples = array();
		$last_ts = PHP_INT_MIN;
		foreach ( is_array( $entry['samples'] ?? null ) ? $entry['samples'] : array() as $sample ) {
			if ( ! is_array( $sample ) || ! is_int( $sample['timestamp'] ?? null ) || ! is_int( $sample['used_bytes'] ?? null ) ) {
				continue;
			}
			if ( $sample['timestamp'] <= $last_ts || $sample['used_bytes'] < 0 ) {
				continue;
			}
			$last_ts   = $sample['timestamp'];
			$samples[] = array(
				'timestamp'  => $sample['timestamp'],
				'used_bytes' => $sample['used_bytes'],
			);
		}
		$clean[ (string) $id ] = array(
			'path'    => is_string( $entry['path'] ?? null ) ? $entry['path'] : '',
			'samples' => array_slice( $samples, -MAX_SAMPLES ),
			'last'    => is_array( $entry['last'] ?? null ) ? $entry['last'] : null,
		);
	}
	return $clean;
}

/**
 * Measures every watched folder and appends one sample per folder.
 *
 * The WP-Cron callback. A folder that does not exist gets no sample; a walk
 * that stopped at its limit gets none either (a partial sum would read as a
 * drop in usage), but its measurement is kept in `last` for display. A folder
 * whose path changed starts a new series. Folders no longer watched are
 * forgotten. Samples stamped at or after $now (taken in the same second, or
 * before the clock was set back) are replaced by the new one, so timestamps
 * stay strictly increasing.
 *
 * @param int|null $now Unix time of the sample (default: now).
 * @return array<string, array> The stored value.
 */
function record_samples( ?int $now = null ): array {
	$now    = $now ?? time();
	$limit  = walk_limit();
	$stored = stored_samples();
	$next   = array();

	foreach ( storage_paths() as $id => $path ) {
		$entry = $stored[ $id ] ?? null;
		if ( null === $entry || $entry['path'] !== $path ) {
			$entry = array(
				'path'    => $path,
				'samples' => array(),
				'last'    => null,
			);
		}

		$measure       = measure_folder( $path, $limit );
		$entry['last'] = array( 'timestamp' => $now ) + $measure;

		if ( $measure['exists'] && $measure['complete'] ) {
			$samples = $entry['samples'];
			while ( $samples && end( $samples )['timestamp'] >= $now ) {
				array_pop( $samples );
			}
			$samples[]        = array(
				'timestamp'  => $now,
				'used_bytes' => $measure['bytes'],
			);
			$entry['samples'] = array_slice( $samples, -MAX_SAMPLES );
		}
		$next[ $id ] = $entry;
	}

	update_option( SAMPLES_OPTION, $next, false );
	return $next;
}

/**
 * Quota of a folder in bytes, or null for unlimited.
 *
 * The option `jlg_native_storage_quotas` (id => bytes) wins; otherwise the
 * size of the partition holding the folder (or its parent, when the folder
 * does not exist yet); null when that is unknown. Filter
 * `jlg_native_storage_quota` has the last word.
 *
 * @param string $id   Folder id.
 * @param string $path Folder.
 */
function folder_quota( string $id, string $path ): ?int {
	$quotas = get_option( QUOTAS_OPTION, array() );
	$quota  = null;
	if ( is_array( $quotas ) && isset( $quotas[ $id ] ) && is_numeric( $quotas[ $id ] ) && (int) $quotas[ $id ] > 0 ) {
		$quota = (int) $quotas[ $id ];
	} else {
		$probe = is_dir( $path ) ? $path : dirname( $path );
		$total = is_dir( $probe ) ? @disk_total_space( $probe ) : false; // phpcs:ignore WordPress.PHP.NoSilencedErrors -- open_basedir and friends.
		if ( is_float( $total ) && $total > 0 ) {
			$quota = (int) $total;
		}
	}

	/**
	 * Filters the quota a folder's usage is projected against.
	 *
	 * @param int|null $quota Bytes, or null for unlimited.
	 * @param string   $id    Folder id.
	 * @param string   $path  Folder.
	 */
	$quota = apply_filters( 'jlg_native_storage_quota', $quota, $id, $path );
	return ( is_int( $quota ) || is_float( $quota ) ) && $quota > 0 ? (int) $quota : null;
}

/**
 * Fraction of the quota at which a folder counts as full (filter
 * `jlg_native_storage_threshold_ratio`, default 0.85 as Backup JLG uses).
 */
function threshold_ratio(): float {
	$ratio = (float) apply_filters( 'jlg_native_storage_threshold_ratio', 0.85 );
	return ( $ratio > 0 && $ratio <= 1 ) ? $ratio : 0.85;
}
