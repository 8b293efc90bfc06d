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
}
