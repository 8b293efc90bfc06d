<?php
/**
 * Stubs of the jlg_native PHP extension (JLG Native), for IDEs and static analysis.
 *
 * Every class, function and constant the extension registers is declared here with
 * its exact signature; tests/stubs/check-stubs.php compares this file with the loaded
 * extension through Reflection and fails on any drift. This file is never loaded at
 * run time.
 *
 * @phpstan-type BuildInfo array{version: string, git_revision: string, rustc: string, php_api: string, profile: string, features: list<string>}
 */

namespace JLG\Native {

    /**
     * The extension's version (the crate version), also returned by phpversion('jlg_native').
     */
    function version(): string {}

    /**
     * What was built: crate version, git revision, compiler, PHP API, profile, features.
     *
     * @return array{version: string, git_revision: string, rustc: string, php_api: string, profile: string, features: list<string>}
     */
    function build_info(): array {}

    /**
     * Bad input from the caller. Carries the name of the argument or key at fault and,
     * for text input, the zero-based character position of the problem.
     */
    class InvalidInputException extends \InvalidArgumentException
    {
        protected ?string $field = null;
        protected ?int $position = null;

        public function __construct(string $message = "", int $code = 0, ?\Throwable $previous = null, ?string $field = null, ?int $position = null) {}

        /** The argument or key at fault, e.g. "expression" or "samples[3].timestamp". */
        public function getField(): ?string {}

        /** Zero-based character position of the problem inside the field, when known. */
        public function getPosition(): ?int {}
    }

    /**
     * A failure that is not the caller's fault: I/O, storage, network, or an internal
     * error (a Rust panic is reported as this exception, naming the method).
     */
    class NativeException extends \RuntimeException
    {
    }

    /**
     * A cron expression that does not parse; getField() names the cron field,
     * getPosition() the character.
     */
    class CronSyntaxException extends InvalidInputException
    {
    }

    /**
     * A secret that cannot be decrypted.
     */
    class DecryptionException extends NativeException
    {
        protected ?string $reason = null;

        /**
         * Why: 'malformed', 'unknown_key', 'auth_failed', 'wrong_context' or 'legacy_mac_mismatch'.
         */
        public function getReason(): ?string {}
    }

    /**
     * A set of files keyed by their path relative to the scanned root ('/' separators,
     * sorted byte-wise). Names that are not UTF-8 are kept as their raw bytes.
     *
     * @phpstan-type ManifestEntry array{path: string, size: ?int, mtime: ?int, mtime_ns: ?int, inode: ?int, mode: ?int, hash: ?string}
     */
    final class Manifest implements \Countable
    {
        /** Not constructible from PHP: use scan(), fromBackupJlg() or load(). */
        public function __construct() {}

        /**
         * Scans $root in parallel. A file whose path, size, mtime (ns), inode and type match
         * an entry of `previous` reuses its hash; the others are hashed. Unreadable entries,
         * symlink loops, special files and files that vanish or change during the scan are
         * recorded in errors(); the scan goes on.
         *
         * @param array{
         *     exclude?: list<string>,
         *     follow_symlinks?: bool,
         *     hash?: 'xxh3'|'bjlg'|'blake3'|'none',
         *     previous?: ?Manifest,
         *     threads?: int,
         *     max_files?: int,
         *     progress?: ?callable(array{phase: 'listing'|'hashing'|'done', files_done: int, files_total: ?int, files_listed: int, bytes_read: int, seconds: float}): mixed
         * } $options exclude: globs relative to the root ('*' within a segment, '**' across,
         *   a trailing '/' for directories only); hash: xxh3 (128-bit, default), bjlg (Backup
         *   JLG's MD5 rule), blake3 or none; threads: default the available cores; max_files:
         *   a bound (exceeding it throws InvalidInputException, nothing is truncated);
         *   progress: called on the PHP thread every 0.25 s and once at the end; returning
         *   false stops the scan (NativeException), an exception it throws propagates.
         * @throws InvalidInputException bad options or a root that is missing or not a directory
         * @throws NativeException the root cannot be read
         */
        public static function scan(string $root, array $options = []): Manifest {}

        /**
         * Reads Backup JLG's .incremental-manifest.json (version 2.1): file_hashes (plus
         * file_hashes_base64 for non-UTF-8 names) and last_scan. Entries carry 'bjlg'
         * hashes and no size, mtime, inode or mode.
         *
         * @throws InvalidInputException invalid JSON, another version, a hash that is not MD5 hex
         */
        public static function fromBackupJlg(string $json): Manifest {}

        /**
         * Writes the 2.1 JSON (pretty-printed): file_hashes and last_scan from this manifest,
         * every other top-level key of $baseJson kept as it was. Needs 'bjlg' hashes.
         *
         * @throws InvalidInputException not 'bjlg' hashes, or $baseJson is not a 2.1 manifest
         */
        public function toBackupJlg(string $baseJson = ''): string {}

        /**
         * Loads a manifest written by save(); the checksum is verified.
         *
         * @throws InvalidInputException the file does not exist
         * @throws NativeException unreadable or corrupt
         */
        public static function load(string $path): Manifest {}

        /**
         * Saves in the native format, atomically (temporary file, fsync, rename), mode 0600.
         *
         * @throws NativeException
         */
        public function save(string $path): void {}

        /** What changed from this (older) manifest to $newer. */
        public function diff(Manifest $newer): ManifestDiff {}

        /** Number of entries. */
        public function count(): int {}

        /** Sum of the entries' sizes in bytes (0 for a manifest read from 2.1 JSON). */
        public function totalBytes(): int {}

        /** @return 'xxh3'|'bjlg'|'blake3'|'none' */
        public function hashAlgorithm(): string {}

        /** When the scan started (Unix seconds), or the 2.1 file's last_scan; null when unknown. */
        public function lastScan(): ?int {}

        /**
         * One entry; size, mtime (seconds), mtime_ns, inode and mode are null when the
         * source had none; hash is lowercase hex, null when the file could not be read.
         *
         * @return array{path: string, size: ?int, mtime: ?int, mtime_ns: ?int, inode: ?int, mode: ?int, hash: ?string}|null
         */
        public function get(string $path): ?array {}

        /** @return list<string> every path, sorted */
        public function paths(): array {}

        /** @return list<array{path: string, reason: string}> entries met during the scan that could not be read or were skipped */
        public function errors(): array {}
    }

    /**
     * What changed between two manifests. A renamed path is listed in renamed() only,
     * never in added() or removed().
     */
    final class ManifestDiff
    {
        /** Not constructible from PHP: use Manifest::diff() or ManifestStore::diff(). */
        public function __construct() {}

        /** @return list<string> */
        public function added(): array {}

        /** @return list<string> */
        public function modified(): array {}

        /** @return list<string> */
        public function removed(): array {}

        /** @return list<array{from: string, to: string}> */
        public function renamed(): array {}

        public function unchangedCount(): int {}

        /** Total size of the added files. */
        public function bytesAdded(): int {}

        /** Total size of the removed files. */
        public function bytesRemoved(): int {}

        /**
         * @return array{added: list<string>, modified: list<string>, removed: list<string>, renamed: list<array{from: string, to: string}>, unchanged_count: int, bytes_added: int, bytes_removed: int, bytes_modified: int}
         */
        public function toArray(): array {}

        /**
         * Backup JLG's deleted-files.json: {generated_at, count, paths}; paths are the removed
         * ones and the old names of renamed files (paths_base64 holds non-UTF-8 names).
         */
        public function deletedFilesJson(int $now): string {}
    }

    /**
     * Manifest snapshots in a node-local SQLite file (WAL, mode 0600). Each write is one
     * transaction: a crash leaves earlier snapshots intact.
     */
    final class ManifestStore
    {
        /** @throws NativeException the file cannot be opened or is not a store */
        public function __construct(string $path) {}

        /** Stores a snapshot and returns its id; $now defaults to the current time. */
        public function saveSnapshot(Manifest $m, string $label, ?int $now = null): int {}

        /** @return list<array{id: int, label: string, created_at: int, files: int, bytes: int}> oldest first */
        public function snapshots(): array {}

        /** @throws InvalidInputException no such snapshot */
        public function load(int $id): Manifest {}

        /** @throws InvalidInputException no such snapshot */
        public function diff(int $fromId, int $toId): ManifestDiff {}

        /** Keeps the newest $keep snapshots; returns how many were deleted. */
        public function prune(int $keep): int {}
    }
}
