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
        public static function pluginScores(array $history, ?int $now = null, ?array $options = null): array {}

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
        public static function transverseIndex(array $modules, ?array $config = null): array {}

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
        public static function score(array $events, ?array $options = null): array {}
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
        public static function windows(array $log, ?array $options = null): array {}

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
}
