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

if (class_exists(Native\CronExpression::class)) {
    demo_title('Cron (Backup JLG, Discord Bot JLG)');
    $from = 1774479600; // 2026-03-25 23:00 UTC, days before Paris springs forward
    $cron = new Native\CronExpression('30 2 * * *', 'Europe/Paris');
    demo_show('describe() en / fr', [$cron->describe(), $cron->describe('fr')]);
    $runs = array_map(static fn (int $t) => (new DateTimeImmutable("@$t"))->setTimezone(new DateTimeZone('Europe/Paris'))->format('D Y-m-d H:i T'), $cron->nextRuns(5, $from));
    demo_show('nextRuns(5) across the DST gap', $runs);
    demo_show('lint()', array_column($cron->lint(), 'code'));
    $lastFriday = new Native\CronExpression('0 3 * * 5L');
    demo_show("'0 3 * * 5L' describe()", $lastFriday->describe());
    demo_show("'0 0 30 2 *' nextRun()", (new Native\CronExpression('0 0 30 2 *'))->nextRun($from));
    $check = Native\CronExpression::validate('*/5 25 * * *');
    demo_show("validate('*/5 25 * * *')", $check['errors'][0]);
    try {
        new Native\CronExpression('0 5-1 * * *');
    } catch (Native\CronSyntaxException $e) {
        demo_show('CronSyntaxException', [$e->getMessage(), $e->getField(), $e->getPosition()]);
    }
    $preview = Native\CronExpression::fromSchedule('twicedaily')->analyze(['count' => 3, 'avg_duration' => 600, 'from' => $from]);
    demo_show("fromSchedule('twicedaily') analyze()", ['normalized' => $preview['normalized'], 'impact' => $preview['impact'], 'severity' => $preview['severity']]);
    demo_show('isDue / previousRun', [$cron->isDue($runs ? $cron->nextRun($from) : $from), $cron->previousRun($from)]);
    demo_show('getExpression / getTimezone', [$cron->getExpression(), $cron->getTimezone()]);
}

if (class_exists(Native\Quota::class)) {
    demo_title('Quota and retention (Backup JLG)');
    $day = 86400;
    $now = 1767225600; // 2026-01-01 00:00 UTC
    $samples = [];
    for ($i = 0; $i < 30; $i++) {
        // 40 GB growing 0.5 GB a day, with a purge on day 20
        $samples[] = ['timestamp' => $now - (29 - $i) * $day, 'used_bytes' => (int) (40e9 + $i * 0.5e9 - ($i >= 20 ? 3e9 : 0))];
    }
    $projection = Native\Quota::project($samples, ['quota_bytes' => 100e9, 'now' => $now]);
    demo_show('Quota::project level', $projection['level']);
    demo_show('slope (bytes/day)', round($projection['slope_bytes_per_day']));
    demo_show('days to 85 % (p10, p50, p90)', array_map(static fn ($d) => $d === null ? null : round($d, 1), $projection['days_to_threshold']));
    $aggregate = Native\Quota::aggregate([
        ['id' => 's3', 'used_bytes' => 90e9, 'quota_bytes' => 100e9],
        ['id' => 'sftp', 'used_bytes' => 10e9, 'quota_bytes' => null],
    ]);
    demo_show('Quota::aggregate', ['used_ratio' => $aggregate['used_ratio'], 'level' => $aggregate['level'], 'worst' => $aggregate['worst']]);
    demo_show('Quota::backupsRemaining', Native\Quota::backupsRemaining(20_000_000_000, [2e9, 2.1e9, 2.4e9, 1.9e9]));
    $archives = [];
    for ($i = 0; $i < 10; $i++) {
        $archives[] = ['id' => "backup-$i.zip", 'timestamp' => $now - $i * 2 * $day, 'size' => 2_000_000_000];
    }
    $plan = Native\Retention::select($archives, ['by_number' => 3, 'by_age_days' => 0], $now);
    demo_show('Retention::select by_number=3', ['keep' => $plan['keep'], 'freed_bytes' => $plan['freed_bytes']]);
    $gfs = Native\Retention::select($archives, ['keep_last' => 2, 'keep_weekly' => 2], $now);
    demo_show('Retention::select GFS last=2 weekly=2', $gfs['keep']);
    $recommended = Native\Retention::recommend($archives, 10_000_000_000, 0.85);
    demo_show('Retention::recommend (10 GB, 85 %)', $recommended);
    $simulated = Native\Retention::simulate($archives, ['by_number' => 3, 'by_age_days' => 0], [['id' => 'backup-next.zip', 'timestamp' => $now + $day, 'size' => 2_000_000_000]]);
    demo_show('Retention::simulate (keys)', array_keys($simulated));
}

if (class_exists(Native\Impact::class)) {
    demo_title('Impact and SLA (SitePulse)');
    $history = [
        'slow-plugin/slow.php' => [['timestamp' => 1700000000 - 3600, 'avg_ms' => 45.0, 'samples' => 10, 'last_ms' => 50.0, 'weight' => 12.0]],
        'fast-plugin/fast.php' => [['timestamp' => 1700000000 - 7200, 'avg_ms' => 4.0, 'samples' => 10, 'last_ms' => 5.0, 'weight' => 2.0]],
    ];
    demo_show('Impact::pluginScores', Native\Impact::pluginScores($history, 1700000000));
    $score = Native\Impact::score([
        ['module' => 'uptime', 'severity' => 'critical', 'timestamp' => 1700000000 - 3600, 'resolved_at' => 1700000000 - 1800],
        ['module' => 'speed', 'severity' => 'warning', 'timestamp' => 1700000000 - 600],
    ], ['now' => 1700000000]);
    demo_show('Impact::score overall / dominant', [$score['overall'], $score['dominant_module']]);
    $log = [];
    for ($t = 1700000000 - 7 * 86400; $t < 1700000000; $t += 300) {
        $log[] = ['timestamp' => $t, 'agent' => 'default', 'status' => ($t % 86400) < 900 ? false : true];
    }
    $windows = Native\Sla::windows($log, ['now' => 1700000000, 'windows_days' => [7]]);
    demo_show('Sla::windows 7 days (keys)', array_keys($windows));
    demo_show('Sla::mttr', Native\Sla::mttr([['start' => 0, 'end' => 600], ['start' => 1000, 'end' => 1300]]));
    demo_show('Sla::percentiles p50/p95', Native\Sla::percentiles([120, 180, 240, 900, 310], [50, 95]));
    demo_show('Sla::gradeWebVitals', Native\Sla::gradeWebVitals(['lcp' => [1800, 2600, 3900], 'cls' => [0.02, 0.3]]));
    demo_show('Impact::transverseIndex (keys)', array_keys(Native\Impact::transverseIndex([])));
}

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

$demoRoot = sys_get_temp_dir() . '/jlg-native-demo-' . getmypid();
@mkdir($demoRoot, 0700);

if (class_exists(Native\TokenVault::class)) {
    demo_title('Secrets (Discord Bot JLG, Backup JLG)');
    $oldKey = random_bytes(32);
    $newKey = random_bytes(32);
    $vault = new Native\TokenVault(['k2025' => $oldKey], 'k2025');
    $envelope = $vault->encrypt('bot-token-abc.def.ghi', 'discord_server_stats_options:bot_token', 1767225600);
    demo_show('encrypt() (ASCII envelope)', substr($envelope, 0, 40) . '...');
    demo_show('inspect()', Native\TokenVault::inspect($envelope));
    demo_show('decrypt()', $vault->decrypt($envelope, 'discord_server_stats_options:bot_token'));
    try {
        $vault->decrypt($envelope, 'another_profile:bot_token');
    } catch (Native\DecryptionException $e) {
        demo_show('wrong context', [$e->getReason(), $e->getMessage()]);
    }
    $rotated = new Native\TokenVault(['k2025' => $oldKey, 'k2026' => $newKey], 'k2026');
    demo_show('needsRotation() after a new key', $rotated->needsRotation($envelope, 90 * 86400, 1767225600));
    demo_show('rotate() then inspect key_id', Native\TokenVault::inspect($rotated->rotate($envelope, 'discord_server_stats_options:bot_token'))['key_id']);
    demo_show('keyFingerprint()', $rotated->keyFingerprint());
    demo_show('migrate(plaintext) is an envelope', Native\TokenVault::isEnvelope($rotated->migrate('plain-secret', [], 'ctx')));
    demo_show('var_dump shows no keys', trim(preg_replace('/\s+/', ' ', (function ($v) { ob_start(); var_dump($v); return ob_get_clean(); })($rotated))));
}

if (class_exists(Native\Manifest::class)) {
    demo_title('Backup manifests (Backup JLG)');
    $tree = "$demoRoot/site";
    @mkdir("$tree/wp-content/uploads", 0700, true);
    file_put_contents("$tree/wp-config.php", "<?php // demo\n");
    file_put_contents("$tree/wp-content/uploads/photo.jpg", str_repeat('x', 5000));
    file_put_contents("$tree/wp-content/old-name.txt", 'renamed later');
    $before = Native\Manifest::scan($tree);
    file_put_contents("$tree/wp-config.php", "<?php // changed\n");
    rename("$tree/wp-content/old-name.txt", "$tree/wp-content/new-name.txt");
    file_put_contents("$tree/wp-content/uploads/new.png", 'png');
    $after = Native\Manifest::scan($tree, ['previous' => $before, 'exclude' => ['**/*.log']]);
    demo_show('scan(): files, bytes', [count($after), $after->totalBytes()]);
    $diff = $before->diff($after);
    demo_show('diff(): added / modified / renamed', [$diff->added(), $diff->modified(), $diff->renamed()]);
    demo_show('deletedFilesJson()', json_decode($diff->deletedFilesJson(1767225600), true));
    $bjlg = Native\Manifest::scan($tree, ['hash' => 'bjlg']);
    demo_show('Backup JLG 2.1 JSON keys', array_keys(json_decode($bjlg->toBackupJlg(), true)));
    $store = new Native\ManifestStore("$demoRoot/manifests.sqlite");
    $first = $store->saveSnapshot($before, 'monday', 1767225600);
    $second = $store->saveSnapshot($after, 'tuesday', 1767312000);
    demo_show('ManifestStore snapshots()', array_map(static fn ($s) => $s['label'] . ': ' . $s['files'] . ' files', $store->snapshots()));
    demo_show('ManifestStore diff() summary', array_intersect_key($store->diff($first, $second)->toArray(), array_flip(['unchanged_count', 'bytes_added'])));
    $after->save("$demoRoot/after.manifest");
    demo_show('save() + load()', count(Native\Manifest::load("$demoRoot/after.manifest")));
    demo_show('get()', $after->get('wp-config.php'));
    demo_show('errors()', $after->errors());
    unset($store);
}

if (class_exists(Native\WebhookOutbox::class)) {
    demo_title('Outgoing HTTP (all three plugins)');
    // Port 9 (discard) on the loopback: nothing listens, so the call fails fast and safely.
    $client = new Native\DiscordClient(['base_url' => 'http://127.0.0.1:9/api/v10', 'timeout' => 1.0]);
    try {
        $client->guildStats('123456789012345678');
    } catch (Native\NativeException $e) {
        demo_show('guildStats() without a server', get_class($e) . ': ' . $e->getMessage());
    }
    demo_show('lastResponse()', $client->lastResponse());
    $outboxStore = new Native\StateStore("$demoRoot/outbox.sqlite");
    $outbox = new Native\WebhookOutbox($outboxStore);
    $id = $outbox->enqueue('http://127.0.0.1:9/hook', ['title' => 'Backup failed', 'text' => 'S3 quota reached', 'severity' => 'critical'], ['kind' => 'discord', 'idempotency_key' => 'backup-42']);
    demo_show('enqueue() id', $id);
    demo_show('enqueue() again, same idempotency key', $outbox->enqueue('http://127.0.0.1:9/hook', ['text' => 'duplicate'], ['idempotency_key' => 'backup-42']) === $id);
    demo_show('flush() (receiver down: retried later)', $outbox->flush(5, 2.0));
    demo_show('pending()', array_map(static fn ($m) => array_intersect_key($m, array_flip(['id', 'kind', 'attempts', 'status'])), $outbox->pending()));
    unset($outbox, $outboxStore);
}

(function (string $dir): void {
    $items = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($dir, FilesystemIterator::SKIP_DOTS), RecursiveIteratorIterator::CHILD_FIRST);
    foreach ($items as $item) {
        $item->isDir() && !$item->isLink() ? rmdir($item->getPathname()) : unlink($item->getPathname());
    }
    rmdir($dir);
})($demoRoot);

$classes = array_keys((new ReflectionExtension('jlg_native'))->getClasses());
demo_title('Classes registered');
foreach ($classes as $class) {
    echo '  ', $class, "\n";
}
echo "\nDemo finished.\n";
