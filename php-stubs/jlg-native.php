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
 * @phpstan-type VaultInspection array{format: string, version: int, key_id: ?string, created_at: ?int, algorithm: string, key_fingerprint: ?string}
 * @phpstan-type LegacyKeys array{auth_key?: ?string, auth_salt?: ?string, bjlg_key?: ?string}
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

    /**
     * SitePulse's impact scores, natively: per-plugin scores, the transverse module
     * index, and an incident score weighting severity, recurrence and recency.
     * Static methods only. Formulas and the differences from SitePulse: docs/impact-sla.md.
     *
     * @phpstan-type PluginEntry array{timestamp: int, avg_ms: float|int, samples?: int, last_ms?: float|int, weight?: float|int}
     * @phpstan-type ModuleScore array{score: float, rank: int, breakdown: array{severity: float, recurrence: float, recency: float, affected: float}, open_incidents: int, events: int}
     */
    final class Impact
    {
        public function __construct() {}

        /**
         * Per-plugin impact scores from SitePulse's history.
         *
         * Options: `model` = 'continuous' (default: no jump at the warning threshold, a
         * malformed entry throws InvalidInputException naming `history[<plugin>][<i>].<key>`)
         * or 'sitepulse' (bit-for-bit parity with sitepulse_plugin_impact_calculate_scores,
         * PHP round() semantics, malformed entries skipped); `thresholds` {warning, critical,
         * weight_warning, weight_critical} (30/60 ms, 10/20 %); `decay_seconds` (604800).
         * `$now` defaults to time().
         *
         * @param array<string, list<PluginEntry>> $history
         * @param array{model?: 'sitepulse'|'continuous', thresholds?: array{warning?: float, critical?: float, weight_warning?: float, weight_critical?: float}, decay_seconds?: int}|null $options
         * @return array{scores: array<string, float>, average_score: float, model: string, updated_at: int, decay_window: int, thresholds: array<string, float>, plugins: array<string, array{score: float, entries: int, last_sample_at: int, last_avg_ms: float|null}>}
         * @throws InvalidInputException
         */
        public static function pluginScores(array $history, ?int $now = null, array $options = []): array {}

        /**
         * SitePulse's transverse impact index (parity with
         * sitepulse_custom_dashboard_calculate_transverse_impact_index).
         *
         * `$modules` holds the plugin's inputs by name: modules_status, uptime, speed, ai_summary.
         * `$config`: range (e.g. '7d'), seconds, days, now (default time()), weights
         * {uptime_tracker, speed_analyzer, ai_insights}, uptime_warning (99).
         *
         * @param array{modules_status?: array<string, bool>, uptime?: array<string, mixed>, speed?: array<string, mixed>, ai_summary?: array<string, int>} $modules
         * @param array{range?: string, seconds?: int, days?: int, now?: int, weights?: array<string, float>, uptime_warning?: float}|null $config
         * @return array{range: string, updated_at: int, window_seconds: int, modules: array<string, array{label: string, status: string, score: float|null, active: bool, details: list<array{label: string, value: string}>, signal: string}>, dominant_module: string, overall: float|null, active_modules: int}
         * @throws InvalidInputException
         */
        public static function transverseIndex(array $modules, array $config = []): array {}

        /**
         * Incident impact score per module (0..100), explained by its breakdown
         * (the four parts add up to the score).
         *
         * Options: now (default time()), half_life_seconds (86400), severity_weights
         * {critical, error, warning, info} (1, 0.6, 0.3, 0.1), recurrence_window (604800),
         * recurrence_saturation (5), affected_saturation (1000).
         *
         * @param list<array{module: string, severity: 'critical'|'error'|'warning'|'info', timestamp: int, resolved_at?: int|null, affected?: int|float, id?: mixed, message?: mixed}> $events
         * @param array{now?: int, half_life_seconds?: float, severity_weights?: array<string, float>, recurrence_window?: int, recurrence_saturation?: int, affected_saturation?: float}|null $options
         * @return array{modules: array<string, ModuleScore>, overall: float, dominant_module: string}
         * @throws InvalidInputException
         */
        public static function score(array $events, array $options = []): array {}
    }

    /**
     * SLA windows over SitePulse's raw uptime log, MTTR, percentiles and Web Vitals grades.
     * Static methods only. The log is read in place (no copy of the entries).
     */
    final class Sla
    {
        public function __construct() {}

        /**
         * SLA windows per agent and globally.
         *
         * Model `default` (when `model` is absent): real UTC time, time-based availability;
         * returns per window (`'7d'`) and per agent availability_raw, availability_adjusted
         * (maintenance out of the denominator), up/downtime/maintenance/unknown seconds,
         * checks, incidents list<{start, end, duration, open}>, mttr; options: now,
         * windows_days ([7, 30]), agents {id: {weight}}, maintenance (list of
         * {type: 'daily'|'weekly'|'one_off', start: 'HH:MM'|int, day?: 1..7, duration_minutes, agent?}),
         * timezone ('UTC', an IANA name or '+HH:MM'), local_timestamps (log written with
         * current_time('timestamp')). A malformed entry throws naming `log[<i>].<key>`.
         *
         * Model `sitepulse`: returns exactly sitepulse_uptime_build_sla_windows's array (timestamps
         * are WordPress local seconds, as SitePulse stores them); options: now, windows_days,
         * agents (the sitepulse_uptime_agents option), retention_days, interval_seconds (3600);
         * with archive_days (e.g. [7, 30]) and gmt_offset (hours) it adds `archive`
         * {days, window_metrics, agent_metrics} replaying sitepulse_update_uptime_archive.
         *
         * @param list<array{timestamp: int, agent?: string, status: bool|'unknown'|'maintenance', latency?: float, ttfb?: float, incident_start?: int, error?: string, violation_types?: list<string>}> $log
         * @param array{model?: 'default'|'sitepulse', now?: int, windows_days?: list<int>, agents?: array<string, array<string, mixed>>, maintenance?: list<array<string, mixed>>, timezone?: string, local_timestamps?: bool, retention_days?: int, interval_seconds?: int, gmt_offset?: float, archive_days?: list<int>}|null $options
         * @return array<string, mixed>
         * @throws InvalidInputException
         */
        public static function windows(array $log, array $options = []): array {}

        /**
         * Mean time to recovery of incidents given as {start, end} or {duration} (seconds).
         *
         * @param list<array{start?: int|float, end?: int|float, duration?: int|float}> $incidents
         * @return array{count: int, mean: float|null, median: float|null, p90: float|null}
         * @throws InvalidInputException
         */
        public static function mttr(array $incidents): array {}

        /**
         * Percentiles by linear interpolation between closest ranks (numpy's default),
         * keyed by p as PHP prints it (50 => ..., '99.9' => ...); null for no values.
         *
         * @param list<int|float> $values
         * @param list<int|float> $ps each in 0..100
         * @return array<int|string, float|null>
         * @throws InvalidInputException
         */
        public static function percentiles(array $values, array $ps): array {}

        /**
         * Core Web Vitals at p75 with the published thresholds: LCP 2500/4000 ms,
         * INP 200/500 ms, CLS 0.1/0.25, FID 100/300 ms (legacy; counts only without INP).
         *
         * @param array{lcp?: float|list<float>, inp?: float|list<float>, cls?: float|list<float>, fid?: float|list<float>} $metrics
         * @param 'mobile'|'desktop' $device
         * @return array{device: string, metrics: array<string, array{p75: float, rating: 'good'|'needs_improvement'|'poor', samples: int, unit: string, thresholds: array{good: float, poor: float}}>, overall: 'good'|'needs_improvement'|'poor'|null}
         * @throws InvalidInputException
         */
        public static function gradeWebVitals(array $metrics, string $device = 'mobile'): array {}
    }

    /**
     * Secrets at rest: XChaCha20-Poly1305 envelopes with a key id, a creation time
     * and a bound context. Layout, key sources and rotation: docs/vault.md.
     *
     * Objects of this class show no properties (var_dump, print_r, json_encode),
     * cannot be cloned (\Error) nor serialized or unserialized (\Exception), and the
     * class is final. Every decryption failure is a DecryptionException whose
     * getReason() says why; bad arguments are InvalidInputException naming the field.
     */
    final class TokenVault
    {
        /**
         * @param array<string, string> $keys key id ([A-Za-z0-9_-]{1,32}) => 32 raw bytes
         * @param string $activeKeyId the key new envelopes are sealed with
         * @throws InvalidInputException on a bad key id, a key that is not 32 bytes, or a missing active key
         */
        public function __construct(array $keys, string $activeKeyId) {}

        /**
         * A one-key vault whose key is derived from at least 32 bytes of secret material
         * (BLAKE2b-256 keyed with "jlg-native/vault/v1/from-secret").
         *
         * @throws InvalidInputException when the secret is shorter than 32 bytes or the key id is invalid
         */
        public static function fromSecret(string $secret, string $keyId = 'wp'): TokenVault {}

        /**
         * 32 random bytes from the operating system, base64-encoded (for JLG_NATIVE_KEY in wp-config.php).
         */
        public static function generateKey(): string {}

        /**
         * Seals a plaintext (any bytes) under the active key.
         *
         * @param string $context what the secret is for (option name, profile key), bound as associated data; at most 4096 bytes
         * @param int|null $now creation time in Unix seconds; time() when null
         * @return string an ASCII envelope starting with "jlgv1:"
         */
        public function encrypt(string $plaintext, string $context = '', ?int $now = null): string {}

        /**
         * Opens an envelope sealed for $context with any configured key.
         *
         * @throws DecryptionException reason 'malformed', 'unknown_key', 'auth_failed' or 'wrong_context'
         */
        public function decrypt(string $envelope, string $context = ''): string {}

        /**
         * Re-seals an envelope under the active key with a fresh nonce and creation time;
         * the new envelope is opened and compared before it is returned.
         *
         * @throws DecryptionException when the envelope cannot be opened
         */
        public function rotate(string $envelope, string $context = '', ?int $now = null): string {}

        /**
         * Whether an envelope was sealed by another key than the active one, or is older than $maxAgeSeconds.
         *
         * @throws DecryptionException reason 'malformed' when it is not an envelope
         * @throws InvalidInputException when $maxAgeSeconds is negative
         */
        public function needsRotation(string $envelope, int $maxAgeSeconds, ?int $now = null): bool {}

        /**
         * Describes an envelope (or a recognised legacy value: dbjlg_enc_v1, dbjlg_enc_v2, bjlgs1) without any key.
         *
         * @return array{format: string, version: int, key_id: ?string, created_at: ?int, algorithm: string, key_fingerprint: ?string}
         * @throws DecryptionException reason 'malformed' for anything else
         */
        public static function inspect(string $envelope): array {}

        /**
         * Whether a value is a structurally valid envelope (not authenticated).
         */
        public static function isEnvelope(string $value): bool {}

        /**
         * Reads a legacy value: Discord Bot JLG 'dbjlg_enc_v1:' / 'dbjlg_enc_v2:' (with and without IV, the
         * true plaintext) with auth_key and auth_salt, Backup JLG 'BJLGS1' and IV||CT strings with bjlg_key.
         *
         * @param array{auth_key?: ?string, auth_salt?: ?string, bjlg_key?: ?string} $legacy the AUTH_KEY and AUTH_SALT constants, BJLG_ENCRYPTION_KEY
         * @throws DecryptionException reason 'malformed', 'legacy_mac_mismatch' or 'auth_failed'
         * @throws InvalidInputException when a needed legacy key is missing or invalid
         */
        public function decryptLegacy(string $stored, array $legacy): string {}

        /**
         * Legacy or plaintext value to an envelope under the active key. An envelope passes through
         * unchanged when sealed by the active key, else it is re-sealed; every new envelope is verified.
         *
         * @param array{auth_key?: ?string, auth_salt?: ?string, bjlg_key?: ?string} $legacy
         * @throws DecryptionException when an envelope or a legacy value cannot be read (nothing is wrapped then)
         */
        public function migrate(string $stored, array $legacy = [], string $context = '', ?int $now = null): string {}

        /**
         * A short, non-secret fingerprint (16 hex digits) of a key, or of the active key. inspect()
         * reports the fingerprint of the key that sealed an envelope: a difference means the key changed.
         *
         * @throws InvalidInputException when no key has that id
         */
        public function keyFingerprint(?string $keyId = null): string {}
    }
}
