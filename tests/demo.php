<?php
/**
 * `make demo`: loads the extension and exercises every class it registers,
 * printing readable results. Each section names the plugin it serves.
 */

declare(strict_types=1);

use JLG\Native;

function demo_title(string $title): void
{
    echo "\n== ", $title, " ", str_repeat('=', max(0, 70 - strlen($title))), "\n";
}

function demo_show(string $label, mixed $value): void
{
    $text = is_string($value) ? $value : json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION);
    printf("  %-34s %s\n", $label, $text);
}

if (!extension_loaded('jlg_native')) {
    fwrite(STDERR, "The jlg_native extension is not loaded: run `make demo`, or php -d extension=target/release/libjlg_native.so tests/demo.php\n");
    exit(1);
}

demo_title('Module');
demo_show('version()', Native\version());
foreach (Native\build_info() as $key => $value) {
    demo_show("build_info()['$key']", $value);
}
demo_show('log level (INI)', ini_get('jlg_native.log_level'));

demo_title('Exceptions');
$e = new Native\InvalidInputException('unexpected "x" in the minute field', 0, null, 'minute', 2);
demo_show('InvalidInputException', [$e->getMessage(), $e->getField(), $e->getPosition()]);
demo_show('is an \InvalidArgumentException', $e instanceof \InvalidArgumentException);
demo_show('NativeException is a \RuntimeException', new Native\NativeException('x') instanceof \RuntimeException);

demo_title('Resilience (Discord connector)');
demo_show('Backoff::delay(4, exponential)', Native\Backoff::delay(4, ['strategy' => 'exponential']));
demo_show('Backoff::delay(4, seed 7)', Native\Backoff::delay(4, ['seed' => 7]));
demo_show("parseRetryAfter('1,5')", Native\Backoff::parseRetryAfter('1,5'));
$breaker = new Native\CircuitBreaker([], ['jitter' => 0.0]);
foreach ([0, 1, 2] as $k) {
    $breaker->recordFailure(1000.0 + $k);
}
demo_show('breaker after 3 failures', [$breaker->state(1002.0), $breaker->retryAt()]);
demo_show('routeKey', Native\RateLimiter::routeKey('GET', '/api/v10/guilds/123/members/456'));
$limiter = new Native\RateLimiter();
demo_show('update(429 global)', $limiter->update('GET /guilds/1', 429, ['Retry-After' => '2', 'X-RateLimit-Global' => 'true'], 100.0));
demo_show('wait() during the block', $limiter->wait('GET /users/@me', 100.5));
$demoDir = sys_get_temp_dir() . '/jlg-demo-' . getmypid();
@mkdir($demoDir, 0700);
$store = new Native\StateStore("$demoDir/state.sqlite");
$demoToken = $store->acquireLock('demo', 30);
demo_show('acquireLock twice', [$demoToken !== null, $store->acquireLock('demo', 30)]);
$store->logEvent('discord', ['route' => 'GET /guilds/:id', 'outcome' => 'ok', 'duration_ms' => 120]);
$store->logEvent('discord', ['route' => 'GET /guilds/:id', 'outcome' => 'error', 'duration_ms' => 10000]);
demo_show('metrics (last minute)', array_intersect_key($store->metrics('discord', time() - 60), array_flip(['count', 'errors', 'error_rate', 'mean_ms', 'p95_ms'])));
unset($store);
array_map('unlink', glob("$demoDir/*"));
rmdir($demoDir);

$classes = array_keys((new ReflectionExtension('jlg_native'))->getClasses());
demo_title('Classes registered');
foreach ($classes as $class) {
    echo '  ', $class, "\n";
}
echo "\nDemo finished.\n";
