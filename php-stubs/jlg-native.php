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
     * Storage quotas: robust usage projections, destinations summed, backups remaining.
     * Only static methods; see docs/quota-retention.md.
     */
    final class Quota
    {
        private function __construct() {}

        /**
         * Projects a usage series: trend (Theil–Sen by default), 80 % bounds, days to
         * `quota_bytes * threshold_ratio` and an alert level driven by the earliest
         * plausible crossing (p10): <= 1 day critical, <= 3 warning, <= 30 watch.
         * Samples must be sorted oldest first with distinct timestamps; the newest 2,000 are fitted.
         *
         * @param list<array{timestamp: int, used_bytes: int|float}> $samples
         * @param array{quota_bytes?: int|float|null, threshold_ratio?: float, now?: int, method?: 'theil_sen'|'least_squares'} $options
         *        `now` defaults to time().
         * @return array{method: 'theil_sen'|'least_squares', samples_used: int, slope_bytes_per_day: float|null,
         *               used_bytes: int|null, quota_bytes: int|null, used_ratio: float|null,
         *               days_to_threshold: array{p10: float|null, p50: float|null, p90: float|null},
         *               threshold_at: int|null, level: 'unknown'|'ok'|'watch'|'warning'|'critical'}
         * @throws InvalidInputException naming the field, e.g. "samples[3].timestamp"
         */
        public static function project(array $samples, array $options = []): array {}

        /**
         * Sums destinations the way Backup JLG does (>= 0.95 danger, >= 0.85 warning).
         * Unlimited destinations (quota_bytes null) count in used_bytes but not in the ratio.
         * Backup JLG's other per-destination keys (free_bytes, latency_ms, errors) are accepted and ignored.
         *
         * @param list<array{id: string|int, used_bytes: int|float, quota_bytes?: int|float|null, free_bytes?: mixed, latency_ms?: mixed, errors?: mixed}> $destinations
         * @return array{used_bytes: int, quota_bytes: int|null, used_ratio: float|null,
         *               level: 'unknown'|'ok'|'warning'|'danger', worst: string|int|null,
         *               per_destination: list<array{id: string|int, used_bytes: int, quota_bytes: int|null, used_ratio: float|null, level: 'unknown'|'ok'|'warning'|'danger'}>}
         * @throws InvalidInputException naming the field, e.g. "destinations[1].id"
         */
        public static function aggregate(array $destinations): array {}

        /**
         * Median and p90 of recent archive sizes (linear interpolation, numpy's default),
         * and how many archives of the p90 size fit in $freeBytes (null without sizes).
         *
         * @param list<int|float> $recentArchiveSizes
         * @return array{p50: float|null, p90: float|null, remaining: int|null}
         * @throws InvalidInputException naming the field, e.g. "recentArchiveSizes[2]"
         */
        public static function backupsRemaining(int $freeBytes, array $recentArchiveSizes): array {}
    }

    /**
     * Backup retention: Backup JLG's rule or GFS with restic's `forget --keep-*`
     * semantics, simulation and recommendation. The newest archive is never deleted.
     * See docs/quota-retention.md.
     */
    final class Retention
    {
        private function __construct() {}

        /**
         * Applies a policy at $now. Policy shapes:
         * - Backup JLG: {by_number, by_age_days (or by_age), pre_restore_marker = 'pre-restore-backup',
         *   pre_restore_max_age_days = 7}; [] = the plugin's defaults {by_number: 3, by_age_days: 0}.
         * - GFS: {keep_last, keep_hourly, keep_daily, keep_weekly, keep_monthly, keep_yearly (-1 = unlimited),
         *   timezone = 'UTC' (IANA name or "+05:30")}.
         * Reasons are codes joined with ",": newest_n, within_age, pre_restore_recent, rules_disabled,
         * newest_safeguard, beyond_newest_n, older_than_age, pre_restore_expired, last, hourly, daily,
         * weekly, monthly, yearly, policy_empty, unmatched.
         *
         * @param list<array{id: string|int, timestamp: int, size: int}> $archives
         * @param array<string, int|string|null> $policy
         * @return array{keep: list<string|int>, delete: list<string|int>, reasons: array<string|int, string>, freed_bytes: int}
         * @throws InvalidInputException naming the field, e.g. "archives[2].id" or "policy.keep_daily"
         */
        public static function select(array $archives, array $policy, int $now): array {}

        /**
         * Adds each future archive in turn and runs the policy at its timestamp.
         *
         * @param list<array{id: string|int, timestamp: int, size: int}> $archives
         * @param array<string, int|string|null> $policy
         * @param list<array{id: string|int, timestamp: int, size: int}>|array{start: int, interval_seconds: int, count: int, size: int, id_prefix?: string} $future
         * @return array{steps: list<array{timestamp: int, added: string|int, used_before_bytes: int, used_after_bytes: int, archives: int, deleted: list<string|int>}>,
         *               peak_used_bytes: int, final_used_bytes: int, keep: list<string|int>}
         * @throws InvalidInputException naming the field, e.g. "future[0].timestamp"
         */
        public static function simulate(array $archives, array $policy, array $future): array {}

        /**
         * The largest by_number (Backup JLG shape or []) or the largest GFS counts scaled together
         * (the given counts are the ceiling) whose projected usage stays under $quotaBytes * $targetRatio.
         *
         * @param list<array{id: string|int, timestamp: int, size: int}> $archives
         * @param array<string, int|string|null> $policy
         * @return array{policy: array<string, int|string|null>, projected_used_bytes: int, target_bytes: int, fits: bool}
         * @throws InvalidInputException naming the field
         */
        public static function recommend(array $archives, int $quotaBytes, float $targetRatio, array $policy = []): array {}
    }
}
