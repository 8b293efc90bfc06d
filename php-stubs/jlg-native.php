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
     * Retry delays and Retry-After parsing. Static methods only.
     *
     * Delay of attempt n (0 for the first retry), t = min(cap, base * 2^n):
     * exponential = t; full_jitter = u * t; equal_jitter = t/2 + u * t/2;
     * decorrelated = min(cap, base + u * (max(base, 3 * previous) - base)).
     * A retry_after larger than the result replaces it, even above the cap.
     */
    final class Backoff
    {
        /**
         * Not instantiable: the class only groups static methods.
         *
         * @throws NativeException always
         */
        public function __construct() {}

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
}
