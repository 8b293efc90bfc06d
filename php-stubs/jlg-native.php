<?php
/**
 * Stubs of the jlg_native PHP extension (JLG Native), for IDEs and static analysis.
 *
 * Every class, function and constant the extension registers is declared here with
 * its exact signature; tests/stubs/check-stubs.php compares this file with the loaded
 * extension through Reflection and fails on any drift. This file is never loaded at
 * run time.
 *
 * @phpstan-type BackoffOptions array{strategy?: 'exponential'|'full_jitter'|'equal_jitter'|'decorrelated', base?: float, cap?: float, previous?: float|null, retry_after?: float|null, seed?: int|null}
 * @phpstan-type BreakerConfig array{failure_threshold?: int, window_seconds?: float, min_calls?: int, open_seconds?: float, max_open_seconds?: float, half_open_max_calls?: int, jitter?: float, seed?: int|null}
 * @phpstan-type BreakerState array{state?: 'closed'|'open'|'half_open', failures?: list<float>, calls?: list<float>, trips?: int, opened_at?: float|null, open_until?: float|null, probes_in_flight?: int, probe_successes?: int, last_probe_at?: float|null}
 * @phpstan-type LimiterConfig array{global_per_second?: int, invalid_limit?: int, invalid_window_seconds?: float, invalid_safety_ratio?: float, default_retry_after?: float, max_buckets?: int}
 * @phpstan-type LimiterState array{halted?: bool, halted_at?: float|null, global_window_start?: float, global_count?: int, global_blocked_until?: float|null, routes?: array<string, string>, buckets?: array<string, array{limit?: int|null, remaining?: int, reset_at?: float, seen_at?: float}>, invalid?: list<array{start: float, count: int}>}
 * @phpstan-type RouteMetrics array{count: int, errors: int, error_rate: float, mean_ms: float|null, p95_ms: float|null}
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
     * A five-field cron expression (minute hour day-of-month month day-of-week) in a time
     * zone: next and previous runs, due check, descriptions (en, fr), lint and the preview
     * data of a cron field. Sunday is 0 or 7; when both day fields are restricted a day
     * matches if either matches (Vixie cron). Times are Unix seconds. See docs/cron.md.
     *
     * @phpstan-type CronIssue array{code: string, field: string, position: int, length: int, message: string}
     * @phpstan-type CronWarning array{code: string, severity: 'info'|'warning'|'error', message: string}
     */
    final class CronExpression
    {
        /**
         * @param string $expression five fields, or @yearly @annually @monthly @weekly @daily @midnight @hourly
         * @param string $timezone   IANA name, 'UTC', or a fixed offset ('+02:00', 'UTC+2', 'UTC-5.5')
         * @throws CronSyntaxException  when the expression does not parse (getField(), getPosition())
         * @throws InvalidInputException when the time zone is unknown (field "timezone")
         */
        public function __construct(string $expression, string $timezone = 'UTC') {}

        /**
         * Checks an expression without throwing.
         *
         * @return array{valid: bool, normalized: ?string, errors: list<array{code: string, field: string, position: int, length: int, message: string}>, warnings: list<array{code: string, severity: string, message: string}>}
         */
        public static function validate(string $expression, string $timezone = 'UTC'): array {}

        /**
         * The closest expression to a WordPress recurrence: 'hourly', 'twicedaily', 'daily', 'weekly' (UTC).
         *
         * @throws InvalidInputException for any other name
         */
        public static function fromSchedule(string $name): CronExpression {}

        /**
         * Up to $count (1-1000) runs strictly after $from (default: now); empty when it never fires.
         *
         * @return list<int>
         * @throws InvalidInputException when $count is out of range
         */
        public function nextRuns(int $count, ?int $from = null): array {}

        /** The first run strictly after $from (default: now), or null when it never fires. */
        public function nextRun(?int $from = null): ?int {}

        /** The latest run strictly before $from (default: now), or null. */
        public function previousRun(?int $from = null): ?int {}

        /** True when a run falls in the minute of $at (default: now) in the expression's zone. */
        public function isDue(?int $at = null): bool {}

        /**
         * One sentence, e.g. "At 03:00, every day" / "À 03:00, tous les jours".
         *
         * @param 'en'|'fr'|string $locale
         */
        public function describe(string $locale = 'en'): string {}

        /**
         * Findings: never_runs, rare, or_rule, dst_gap, dst_overlap, too_frequent (severity error), top_of_hour.
         *
         * @param array{min_interval?: int, from?: ?int} $options
         * @return list<array{code: string, severity: 'info'|'warning'|'error', message: string}>
         */
        public function lint(array $options = []): array {}

        /**
         * The preview data of a cron field.
         *
         * @param array{count?: int, min_interval?: int, avg_duration?: int|float|null, thresholds?: array{frequency_warning?: int|float, frequency_danger?: int|float, load_warning?: int|float, load_danger?: int|float}, locale?: string, from?: ?int} $options
         * @return array{expression: string, normalized: string, timezone: string, description: string, next_runs: list<array{timestamp: int, iso: string}>, interval: array{min: ?int, max: ?int}, impact: array{runs_per_day: float, estimated_load: ?float, level: 'ok'|'warning'|'danger'}, warnings: list<array{code: string, severity: string, message: string}>, errors: list<array{code: string, severity: string, message: string}>, severity: 'ok'|'warning'|'danger'|'error'}
         */
        public function analyze(array $options = []): array {}

        /** The expression as given. */
        public function getExpression(): string {}

        /** The zone's name: the IANA name, 'UTC' or '+HH:MM'. */
        public function getTimezone(): string {}
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
        private function __construct() {}

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
        private function __construct() {}

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
     * Retry delays and Retry-After parsing. Static methods only.
     *
     * Delay of attempt n (0 for the first retry), t = min(cap, base * 2^n):
     * exponential = t; full_jitter = u * t; equal_jitter = t/2 + u * t/2;
     * decorrelated = min(cap, base + u * (max(base, 3 * previous) - base)).
     * A retry_after larger than the result replaces it, even above the cap.
     */
    final class Backoff
    {
        private function __construct() {}

        /**
         * Seconds to wait before retry number $attempt (0-based).
         *
         * @param array{strategy?: 'exponential'|'full_jitter'|'equal_jitter'|'decorrelated', base?: float, cap?: float, previous?: float|null, retry_after?: float|null, seed?: int|null} $options
         *        Defaults: strategy full_jitter, base 1.0, cap 900.0. seed makes the jitter reproducible.
         * @throws InvalidInputException for a negative attempt, an unknown key or a value out of range
         */
        public static function delay(int $attempt, array $options = []): float {}

        /**
         * Seconds a Retry-After value asks for: delta seconds ("120", "1.5", "1,5", "250ms", "2s")
         * or an HTTP-date (a date in the past gives 0.0); null when the value is not understood.
         *
         * @param float|null $now Unix seconds, default the current time (used for dates)
         */
        public static function parseRetryAfter(string $value, ?float $now = null): ?float {}
    }

    /**
     * A circuit breaker rebuilt from a plain state array and saved with toArray().
     * Trips after failure_threshold failures within window_seconds (and at least min_calls calls),
     * stays open for open_seconds * 2^trip with ±jitter (capped at max_open_seconds, or longer when
     * the server's Retry-After says so), then lets half_open_max_calls probes through.
     */
    final class CircuitBreaker
    {
        /**
         * @param array{state?: 'closed'|'open'|'half_open', failures?: list<float>, calls?: list<float>, trips?: int, opened_at?: float|null, open_until?: float|null, probes_in_flight?: int, probe_successes?: int, last_probe_at?: float|null} $state
         *        a previous toArray(), or [] for a new breaker
         * @param array{failure_threshold?: int, window_seconds?: float, min_calls?: int, open_seconds?: float, max_open_seconds?: float, half_open_max_calls?: int, jitter?: float, seed?: int|null} $config
         *        defaults 3, 60.0, 3, 30.0, 900.0, 1, 0.2, null
         * @throws InvalidInputException for an unknown key or a value of the wrong type or range
         */
        public function __construct(array $state = [], array $config = []) {}

        /** Whether a call may go now; when half-open this admits (and counts) a probe. */
        public function allow(?float $now = null): bool {}

        /** Records a successful call: closes the breaker when half-open (after enough probes) or open. */
        public function recordSuccess(?float $now = null): void {}

        /**
         * Records a failed call. $retryAfter (seconds, from Backoff::parseRetryAfter) opens the breaker
         * for at least that long, even below the threshold.
         */
        public function recordFailure(?float $now = null, ?float $retryAfter = null): void {}

        /** @return 'closed'|'open'|'half_open' */
        public function state(?float $now = null): string {}

        /** End of the open period (Unix seconds), null when closed. */
        public function retryAt(): ?float {}

        /**
         * The state to save (options, a custom table, shared MySQL) and pass back to the constructor.
         *
         * @return array{state: 'closed'|'open'|'half_open', failures: list<float>, calls: list<float>, trips: int, opened_at: float|null, open_until: float|null, probes_in_flight: int, probe_successes: int, last_probe_at: float|null}
         */
        public function toArray(): array {}
    }

    /**
     * Discord's rate limits, kept ahead of the server: per-route buckets (per top-level resource),
     * the global per-second limit, and the invalid-request budget (401/403/429 within 10 minutes).
     * Rebuilt from a plain state array and saved with toArray().
     */
    final class RateLimiter
    {
        /**
         * @param array{halted?: bool, halted_at?: float|null, global_window_start?: float, global_count?: int, global_blocked_until?: float|null, routes?: array<string, string>, buckets?: array<string, array{limit?: int|null, remaining?: int, reset_at?: float, seen_at?: float}>, invalid?: list<array{start: float, count: int}>} $state
         *        a previous toArray(), or [] for a new limiter
         * @param array{global_per_second?: int, invalid_limit?: int, invalid_window_seconds?: float, invalid_safety_ratio?: float, default_retry_after?: float, max_buckets?: int} $config
         *        defaults 50, 10000, 600.0, 0.5, 1.0, 1000
         * @throws InvalidInputException for an unknown key or a value of the wrong type or range
         */
        public function __construct(array $state = [], array $config = []) {}

        /**
         * The route key of a request: "GET /guilds/123/members/:id". Channel, guild and webhook ids
         * in first position are kept (Discord limits them separately); other ids become ":id",
         * webhook and interaction tokens ":token", reactions ":reaction". Accepts a full URL.
         */
        public static function routeKey(string $method, string $path): string {}

        /**
         * Seconds to wait before a request on $route may go. 0.0 means go now and takes the slot;
         * INF when a 401 halted the limiter (until reset()).
         */
        public function wait(string $route, ?float $now = null): float {}

        /**
         * Learns from a response. Header names in any case; values strings, numbers or lists.
         *
         * @param array<string, string|int|float|list<string>> $headers
         * @return array{retry_after: float|null, bucket: string|null, global: bool, scope: string|null, invalid_counted: bool, halted: bool}
         */
        public function update(string $route, int $status, array $headers, ?float $now = null): array {}

        /** Clears the 401 halt, the buckets and the global window; the invalid-request count (per IP) stays. */
        public function reset(): void {}

        /**
         * @return array{halted: bool, halted_at: float|null, global_window_start: float, global_count: int, global_blocked_until: float|null, routes: array<string, string>, buckets: array<string, array{limit: int|null, remaining: int, reset_at: float, seen_at: float}>, invalid: list<array{start: float, count: int}>}
         */
        public function toArray(): array {}
    }

    /**
     * A node-local SQLite store (WAL, mode 0600): atomic locks with a TTL, counters, a JSON
     * key-value cache and a bounded structured event log. Safe for concurrent PHP processes.
     * Per node by design: shared state (breaker and limiter arrays) belongs in the site's database.
     */
    final class StateStore
    {
        /**
         * Opens (creating when missing) the store at $path, default <jlg_native.state_dir>/state.sqlite.
         *
         * @param array{max_events_per_channel?: int, max_event_age_seconds?: float, busy_timeout_ms?: int} $options
         *        defaults 10000, 604800.0 (7 days), 5000
         * @throws NativeException when neither a path nor the INI entry is set, or the file cannot be
         *         opened or is corrupt (the message says so; delete the file to start a new one)
         */
        public function __construct(?string $path = null, array $options = []) {}

        /** The file this store uses. */
        public function path(): string {}

        /** Takes a lock for $ttlSeconds (1 to 31536000); its random token, or null when held by someone else. */
        public function acquireLock(string $name, int $ttlSeconds, ?float $now = null): ?string {}

        /** Releases a lock held with $token; false when it is free or was taken over after expiring. */
        public function releaseLock(string $name, string $token): bool {}

        /** Adds $by to a counter (created at 0) and returns the new value. */
        public function increment(string $counter, int $by = 1): int {}

        /** @return array<string, int> counters whose name starts with $prefix */
        public function counters(string $prefix = ''): array {}

        /** The value under $key, or null when missing or expired. */
        public function get(string $key): mixed {}

        /**
         * Stores a JSON-encodable value (scalars, null, arrays; objects are refused) under $key,
         * for $ttlSeconds when given. Floats come back as floats, lists as lists.
         */
        public function set(string $key, mixed $value, ?int $ttlSeconds = null): void {}

        /** Deletes $key; true when a live value was there. */
        public function delete(string $key): bool {}

        /**
         * Appends a structured event. The fields outcome (string), route (string) and duration_ms
         * (number) feed metrics(); "ok" and "success" outcomes are successes, any other is an error.
         *
         * @param array<string, mixed> $fields
         */
        public function logEvent(string $channel, array $fields, ?float $now = null): void {}

        /**
         * @param array{since?: float, until?: float, outcome?: string, route?: string, limit?: int, order?: 'desc'|'asc'} $filter
         * @return list<array{id: int, time: float, channel: string, fields: array<string, mixed>}>
         */
        public function events(string $channel, array $filter = []): array {}

        /**
         * @return array{count: int, errors: int, error_rate: float, mean_ms: float|null, p95_ms: float|null, by_outcome: array<string, int>, by_route: array<string, array{count: int, errors: int, error_rate: float, mean_ms: float|null, p95_ms: float|null}>}
         */
        public function metrics(string $channel, float $since): array {}

        /** Runs SQLite's integrity check: true, or a NativeException listing the damage. */
        public function integrityCheck(): bool {}
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

    /**
     * Discord guild statistics: the bot API (`/guilds/{id}?with_counts=true`), and the public
     * widget (`/guilds/{id}/widget.json`) when the bot API cannot answer (no token, rate limited,
     * circuit open, 401, 5xx, timeout). Before every request the RateLimiter and a CircuitBreaker
     * per source are consulted: while either says wait, no request is sent. With a state_store
     * their state is shared by every process of the node (keyed by a fingerprint of the token)
     * and each request is logged to its 'http' channel. The token never appears in an exception,
     * a log entry or lastResponse(); the object cannot be cloned or serialized.
     */
    final class DiscordClient
    {
        /**
         * @param array{token?: string|null, base_url?: string, timeout?: float, max_body?: int,
         *     user_agent?: string, max_redirects?: int, max_wait?: float, state_store?: StateStore|null,
         *     vault?: TokenVault|null, context?: string, limiter?: array<string, mixed>,
         *     breaker?: array<string, mixed>} $options
         *        token: a vault envelope (opened with vault and context) or the plain token, with or
         *        without "Bot "; base_url 'https://discord.com/api/v10'; timeout 10.0 s for the whole
         *        exchange; max_body 1048576 bytes; max_redirects 3 (Authorization never follows);
         *        max_wait 0.0 (seconds the call may sleep for the limiter instead of falling back);
         *        limiter and breaker: RateLimiter and CircuitBreaker config arrays
         * @throws InvalidInputException for a bad option (named), DecryptionException for an envelope
         *         the vault cannot open
         */
        public function __construct(array $options = []) {}

        /**
         * @return array{source: 'bot'|'widget', member_count: int|null, presence_count: int|null,
         *     name: string|null, fetched_at: float, duration_ms: float} member_count is null from the widget
         * @throws InvalidInputException when $guildId is not 1 to 20 digits
         * @throws NativeException when neither source answered (the message gives both reasons)
         */
        public function guildStats(string $guildId): array {}

        /**
         * @return array{status: int|null, duration_ms: float, rate_limit: array{limit: int|null,
         *     remaining: int|null, reset_after: float|null, bucket: string|null, global: bool,
         *     scope: string|null, retry_after: float|null}, attempt: int, source: 'bot'|'widget'|null,
         *     route: string|null, outcome: string|null, error: string|null} the last request, or the
         *     last refusal to send one (status null, outcome 'rate_limited', 'circuit_open' or 'halted')
         */
        public function lastResponse(): array {}
    }

    /**
     * Alerts queued in the StateStore's SQLite file and delivered at least once: leases make two
     * flushers never send the same attempt, a flusher that dies leaves a lease that expires, 429
     * (Retry-After) and 5xx are retried with backoff, other 4xx and exhausted attempts become dead
     * letters kept for inspection. With a vault the URL is stored sealed. Every request is logged
     * to the store's 'http' channel (never the URL).
     */
    final class WebhookOutbox
    {
        /**
         * @param array{max_attempts?: int, backoff?: array<string, mixed>, per_host_concurrency?: int,
         *     lease_seconds?: float, max_pending?: int, timeout?: float, max_body?: int,
         *     user_agent?: string, max_redirects?: int, vault?: TokenVault|null, context?: string} $options
         *        max_attempts 8; backoff: Backoff options, default equal_jitter from 5 s capped at 3600 s;
         *        per_host_concurrency 1; lease_seconds 60 (at least timeout); max_pending 10000;
         *        timeout 10.0; max_redirects 0; context 'jlg-native/webhook' (the vault context of URLs)
         */
        public function __construct(StateStore $store, array $options = []) {}

        /**
         * @param array<string, mixed> $payload discord/slack/teams: {text, title?, url?, severity?:
         *        'info'|'success'|'warning'|'critical', fields?: array<string, scalar>}; generic: any array
         * @param array{kind?: 'discord'|'slack'|'teams'|'generic', idempotency_key?: string,
         *     not_before?: float} $options kind 'generic' by default
         * @return string the message id (the first one's for a known idempotency_key)
         */
        public function enqueue(string $url, array $payload, array $options = []): string {}

        /**
         * Sends due messages until none is due, $maxMessages were tried or $maxSeconds passed.
         *
         * @return array{sent: int, retried: int, dead: int, remaining: int}
         */
        public function flush(int $maxMessages = 20, float $maxSeconds = 5.0, ?float $now = null): array {}

        /**
         * @return list<array{id: string, kind: string, host: string, status: string, attempts: int,
         *     created_at: float, not_before: float, leased_until: float|null, last_status: int|null,
         *     last_error: string|null, idempotency_key: string|null, encrypted: bool, updated_at: float}>
         *     at most 1000, oldest due first
         */
        public function pending(): array {}

        /** @return list<array<string, mixed>> dead letters, same shape as pending(), at most 1000 */
        public function dead(): array {}

        /**
         * Exact counts of the queue, however long it is (pending() and dead() stop at 1000 rows).
         *
         * @return array{pending: int, dead: int, oldest_pending_at: float|null} oldest_pending_at: the
         *     enqueue time of the oldest pending message, null when none is pending
         */
        public function summary(): array {}

        /** Puts a dead letter back in the queue, due now, with a fresh attempt budget; false when $id is not dead. */
        public function retry(string $id): bool {}

        /** Deletes sent messages and dead letters last changed more than $olderThanSeconds ago; returns how many. */
        public function purge(int $olderThanSeconds): int {}
    }
}
