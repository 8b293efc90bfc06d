--TEST--
CircuitBreaker and RateLimiter: garbage state or config arrays give InvalidInputException naming the key, never a crash
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\CircuitBreaker;
use JLG\Native\RateLimiter;
use JLG\Native\InvalidInputException;

$cases = [
    'breaker state' => [CircuitBreaker::class, ['state' => 'ajar'], []],
    'breaker failures type' => [CircuitBreaker::class, ['failures' => 'lots'], []],
    'breaker failures item' => [CircuitBreaker::class, ['failures' => [1.0, 'x']], []],
    'breaker negative time' => [CircuitBreaker::class, ['failures' => [-5]], []],
    'breaker open without end' => [CircuitBreaker::class, ['state' => 'open'], []],
    'breaker unknown key' => [CircuitBreaker::class, ['failurez' => []], []],
    'breaker huge list' => [CircuitBreaker::class, ['calls' => array_fill(0, 5000, 1.0)], []],
    'breaker config zero' => [CircuitBreaker::class, [], ['failure_threshold' => 0]],
    'breaker config nan' => [CircuitBreaker::class, [], ['window_seconds' => NAN]],
    'breaker config type' => [CircuitBreaker::class, [], ['open_seconds' => '30']],
    'breaker config cap' => [CircuitBreaker::class, [], ['open_seconds' => 60, 'max_open_seconds' => 10]],
    'breaker object' => [CircuitBreaker::class, ['opened_at' => new stdClass()], []],
    'limiter routes' => [RateLimiter::class, ['routes' => 'x'], []],
    'limiter bucket' => [RateLimiter::class, ['buckets' => ['b:-' => ['remaining' => -1]]], []],
    'limiter bucket time' => [RateLimiter::class, ['buckets' => ['b:-' => ['reset_at' => INF]]], []],
    'limiter slots' => [RateLimiter::class, ['invalid' => array_fill(0, 11, ['start' => 1.0, 'count' => 1])], []],
    'limiter halted' => [RateLimiter::class, ['halted' => 'yes'], []],
    'limiter ratio' => [RateLimiter::class, [], ['invalid_safety_ratio' => 2]],
    'limiter list config' => [RateLimiter::class, [], [50, 10000]],
];
foreach ($cases as $name => [$class, $state, $config]) {
    try {
        new $class($state, $config);
        echo "$name: accepted?!\n";
    } catch (InvalidInputException $e) {
        echo "$name: [", $e->getField(), '] ', $e->getMessage(), "\n";
    }
}
// Arguments: NAN times and bad statuses are input errors too.
$b = new CircuitBreaker();
foreach ([fn () => $b->allow(NAN), fn () => $b->recordFailure(1.0, -3.0), fn () => $b->state(-1.0)] as $i => $call) {
    try { $call(); echo "$i accepted?!\n"; } catch (InvalidInputException $e) { echo "call $i: [", $e->getField(), '] ', $e->getMessage(), "\n"; }
}
$l = new RateLimiter();
foreach ([fn () => $l->update('GET /x', 42, []), fn () => $l->update('GET /x', 200, ['a', 'b']), fn () => $l->wait('')] as $i => $call) {
    try { $call(); echo "$i accepted?!\n"; } catch (InvalidInputException $e) { echo "limiter call $i: [", $e->getField(), '] ', $e->getMessage(), "\n"; }
}
echo "still alive\n";
?>
--EXPECT--
breaker state: [state.state] state.state: unknown variant `ajar`, expected one of `closed`, `open`, `half_open`
breaker failures type: [state.failures] state.failures: invalid type: string "lots", expected a sequence
breaker failures item: [state.failures[1]] state.failures[1]: invalid type: string "x", expected f64
breaker negative time: [state.failures[0]] state.failures[0]: must be a Unix timestamp (finite, not negative), got -5
breaker open without end: [state.open_until] state.open_until: is required when state is 'open'
breaker unknown key: [state.failurez] state.failurez: unknown field `failurez`, expected one of `state`, `failures`, `calls`, `trips`, `opened_at`, `open_until`, `probes_in_flight`, `probe_successes`, `last_probe_at`
breaker huge list: [state.calls] state.calls: holds 5000 entries, at most 1000 are kept
breaker config zero: [config.failure_threshold] config.failure_threshold: must be between 1 and 1000, got 0
breaker config nan: [config.window_seconds] config.window_seconds: must be a finite number, got NaN
breaker config type: [config.open_seconds] config.open_seconds: invalid type: string "30", expected f64
breaker config cap: [config.max_open_seconds] config.max_open_seconds: must be at least 60, got 10
breaker object: [state.opened_at] state.opened_at: unsupported value of type Object
limiter routes: [state.routes] state.routes: invalid type: string "x", expected a map (an array of key => value)
limiter bucket: [state.buckets.b:-.remaining] state.buckets.b:-.remaining: invalid value: integer `-1`, expected u32
limiter bucket time: [state.buckets.b:-.reset_at] state.buckets.b:-.reset_at: must be a finite number, got inf
limiter slots: [state.invalid] state.invalid: holds 11 slots, at most 10
limiter halted: [state.halted] state.halted: invalid type: string "yes", expected a boolean
limiter ratio: [config.invalid_safety_ratio] config.invalid_safety_ratio: must be at most 1, got 2
limiter list config: [config] config: must be an array of key => value, not a list
call 0: [now] now: must be a Unix timestamp (finite, not negative), got NaN
call 1: [retryAfter] retryAfter: must be at least 0, got -3
call 2: [now] now: must be a Unix timestamp (finite, not negative), got -1
limiter call 0: [status] status: must be an HTTP status between 100 and 599, got 42
limiter call 1: [headers] headers: must be an array of header name => value
limiter call 2: [route] route: must be a route key of 1 to 512 bytes (see routeKey())
still alive
