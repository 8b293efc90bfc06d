<?php
/**
 * `wp jlg-native manifest scan|diff`
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\CLI;

use function JLG\NativeCompanion\native_available;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Scans directories into backup manifests and compares them (JLG\Native\Manifest).
 *
 * ## EXAMPLES
 *
 *     # Scan the site, keep the result as a snapshot, reuse the previous snapshot's hashes
 *     $ wp jlg-native manifest scan . --exclude=wp-content/cache --store=manifests.sqlite
 *
 *     # What changed between two snapshots
 *     $ wp jlg-native manifest diff 1 2 --store=manifests.sqlite --format=json
 */
class Manifest_Command extends \WP_CLI_Command {

	/**
	 * Scans a directory: files, bytes, unreadable entries and time taken.
	 *
	 * With --store, the newest snapshot of the store is the previous scan (files
	 * whose size, mtime and inode are unchanged keep their hash) and the result is
	 * saved as a new snapshot.
	 *
	 * ## OPTIONS
	 *
	 * <dir>
	 * : Directory to scan.
	 *
	 * [--exclude=<glob>]
	 * : Pattern relative to <dir> to leave out ('*' within a folder, '**' across,
	 * trailing '/' for folders only). Separate several patterns with commas.
	 *
	 * [--hash=<algo>]
	 * : Content hash.
	 * ---
	 * default: xxh3
	 * options:
	 *   - xxh3
	 *   - bjlg
	 *   - blake3
	 *   - none
	 * ---
	 *
	 * [--store=<file>]
	 * : SQLite snapshot store (created when missing, mode 0600).
	 *
	 * [--label=<label>]
	 * : Label of the new snapshot (with --store). Default: "scan" and the date.
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp jlg-native manifest scan wp-content --exclude=cache,uploads/backup-jlg/
	 *     $ wp jlg-native manifest scan . --store=manifests.sqlite --label=nightly --format=json
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments: the directory.
	 * @param array    $assoc_args Associative arguments.
	 */
	public function scan( $args, $assoc_args ) {
		self::require_extension();
		$dir     = $args[0];
		$format  = \WP_CLI\Utils\get_flag_value( $assoc_args, 'format', 'table' );
		$options = array(
			'hash'    => \WP_CLI\Utils\get_flag_value( $assoc_args, 'hash', 'xxh3' ),
			'exclude' => self::patterns( \WP_CLI\Utils\get_flag_value( $assoc_args, 'exclude', array() ) ),
		);
		$store_path = \WP_CLI\Utils\get_flag_value( $assoc_args, 'store', null );

		try {
			$store    = null;
			$previous = null;
			if ( null !== $store_path ) {
				$store     = new \JLG\Native\ManifestStore( (string) $store_path );
				$snapshots = $store->snapshots();
				if ( $snapshots ) {
					$previous            = end( $snapshots );
					$options['previous'] = $store->load( $previous['id'] );
				}
			}
			// The extension calls this on the PHP thread every 0.25 s and at the end.
			$bar                 = null;
			$shown               = 0;
			$options['progress'] = static function ( array $p ) use ( &$bar, &$shown ) {
				if ( null === $p['files_total'] ) {
					return; // Still listing: the total is not known yet.
				}
				if ( null === $bar ) {
					$bar = \WP_CLI\Utils\make_progress_bar( 'Hashing files', $p['files_total'] );
				}
				if ( $p['files_done'] > $shown ) {
					$bar->tick( $p['files_done'] - $shown );
					$shown = $p['files_done'];
				}
				if ( 'done' === $p['phase'] ) {
					$bar->finish();
				}
			};
			$started  = microtime( true );
			$manifest = \JLG\Native\Manifest::scan( (string) $dir, $options );
			$seconds  = microtime( true ) - $started;
			$snapshot = null;
			if ( null !== $store ) {
				$label    = \WP_CLI\Utils\get_flag_value( $assoc_args, 'label', 'scan ' . gmdate( 'Y-m-d H:i:s' ) );
				$snapshot = $store->saveSnapshot( $manifest, (string) $label );
			}
		} catch ( \JLG\Native\InvalidInputException | \JLG\Native\NativeException $e ) {
			\WP_CLI::error( $e->getMessage() );
		}

		$errors = $manifest->errors();
		if ( $errors ) {
			\WP_CLI::warning(
				sprintf( '%d entries could not be read or were skipped; first: %s: %s', count( $errors ), $errors[0]['path'], $errors[0]['reason'] )
			);
		}
		$item = array(
			'files'             => $manifest->count(),
			'bytes'             => $manifest->totalBytes(),
			'errors'            => count( $errors ),
			'hash'              => $manifest->hashAlgorithm(),
			'seconds'           => round( $seconds, 3 ),
			'previous_snapshot' => $previous ? $previous['id'] : null,
			'snapshot'          => $snapshot,
		);
		self::output( $format, $item );
	}

	/**
	 * Compares two manifests: added, modified, removed and renamed files, bytes and time.
	 *
	 * <from> and <to> are snapshot ids with --store; otherwise files written by
	 * Manifest::save() or Backup JLG's .incremental-manifest.json.
	 *
	 * ## OPTIONS
	 *
	 * <from>
	 * : The older manifest.
	 *
	 * <to>
	 * : The newer manifest.
	 *
	 * [--store=<file>]
	 * : SQLite snapshot store holding both snapshots.
	 *
	 * [--format=<format>]
	 * : Output format. json also lists the paths.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp jlg-native manifest diff 3 4 --store=manifests.sqlite
	 *     $ wp jlg-native manifest diff old.manifest .incremental-manifest.json --format=json
	 *
	 * @when after_wp_load
	 *
	 * @param string[] $args       Positional arguments: from, to.
	 * @param array    $assoc_args Associative arguments.
	 */
	public function diff( $args, $assoc_args ) {
		self::require_extension();
		list( $from, $to ) = $args;
		$format            = \WP_CLI\Utils\get_flag_value( $assoc_args, 'format', 'table' );
		$store_path        = \WP_CLI\Utils\get_flag_value( $assoc_args, 'store', null );
		try {
			$started = microtime( true );
			if ( null !== $store_path ) {
				foreach ( array( $from, $to ) as $id ) {
					if ( ! ctype_digit( (string) $id ) ) {
						\WP_CLI::error( sprintf( "With --store, <from> and <to> are snapshot ids; '%s' is not one.", $id ) );
					}
				}
				$diff = ( new \JLG\Native\ManifestStore( (string) $store_path ) )->diff( (int) $from, (int) $to );
			} else {
				$diff = self::load_file( $from )->diff( self::load_file( $to ) );
			}
			$data    = $diff->toArray();
			$seconds = microtime( true ) - $started;
		} catch ( \JLG\Native\InvalidInputException | \JLG\Native\NativeException $e ) {
			\WP_CLI::error( $e->getMessage() );
		}

		if ( 'json' === $format ) {
			$data['seconds'] = round( $seconds, 3 );
			\WP_CLI::line( (string) wp_json_encode( $data, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES ) );
			return;
		}
		self::output(
			'table',
			array(
				'added'          => count( $data['added'] ),
				'modified'       => count( $data['modified'] ),
				'removed'        => count( $data['removed'] ),
				'renamed'        => count( $data['renamed'] ),
				'unchanged'      => $data['unchanged_count'],
				'bytes_added'    => $data['bytes_added'],
				'bytes_removed'  => $data['bytes_removed'],
				'bytes_modified' => $data['bytes_modified'],
				'seconds'        => round( $seconds, 3 ),
			)
		);
	}

	/** Errors out when the extension (or its manifest classes) is missing. */
	private static function require_extension(): void {
		if ( ! native_available() || ! class_exists( '\JLG\Native\Manifest' ) ) {
			\WP_CLI::error( 'The jlg_native extension (with JLG\Native\Manifest) is not loaded in the PHP running WP-CLI.' );
		}
	}

	/**
	 * Exclude patterns from --exclude: comma-separated text, or a list.
	 *
	 * @param mixed $value Flag value.
	 * @return string[]
	 */
	private static function patterns( $value ): array {
		$list = is_array( $value ) ? $value : explode( ',', (string) $value );
		return array_values( array_filter( array_map( 'trim', array_map( 'strval', $list ) ), 'strlen' ) );
	}

	/** A manifest file: 2.1 JSON when it starts with '{', else the native format. */
	private static function load_file( string $path ): \JLG\Native\Manifest {
		$head = is_readable( $path ) ? (string) file_get_contents( $path, false, null, 0, 64 ) : '';
		if ( '{' === substr( ltrim( $head ), 0, 1 ) ) {
			return \JLG\Native\Manifest::fromBackupJlg( (string) file_get_contents( $path ) );
		}
		return \JLG\Native\Manifest::load( $path );
	}

	/**
	 * Prints one item: a Field/Value table or a JSON object.
	 *
	 * @param string $format table or json.
	 * @param array  $item   Field => value.
	 */
	private static function output( string $format, array $item ): void {
		if ( 'json' === $format ) {
			\WP_CLI::line( (string) wp_json_encode( $item ) );
			return;
		}
		$rows = array();
		foreach ( $item as $field => $value ) {
			$rows[] = array(
				'Field' => $field,
				'Value' => null === $value ? '' : (string) $value,
			);
		}
		\WP_CLI\Utils\format_items( 'table', $rows, array( 'Field', 'Value' ) );
	}
}
