<?php
/**
 * Bench: the structured event log. Discord Bot JLG keeps a 200-entry ring in one
 * option (about 120 KB serialized) and rewrites it whole on every event; outside
 * WordPress the option row is stood in for by a file. The native side appends one
 * row to the node-local SQLite store, which trims the channel in the same transaction.
 */

declare(strict_types=1);

require __DIR__ . '/lib.php';

use JLG\Native\StateStore;

const RING = 200;

function jlg_bench_event(int $i): array
{
    return [
        'timestamp' => 1700000000 + $i,
        'type' => 'api_call',
        'channel' => 'discord',
        'profile' => 'main',
        'route' => $i % 3 ? 'GET /guilds/:id' : 'GET /guilds/:id/widget.json',
        'status' => $i % 17 ? 200 : 429,
        'outcome' => $i % 17 ? 'ok' : 'error',
        'duration_ms' => 80 + ($i * 37) % 400,
        'remaining' => $i % 5,
        'bucket' => 'abcd1234',
        'message' => str_repeat('Discord stats refreshed for the main profile. ', 6),
        'context' => ['guild_id' => '81384788765712384', 'members' => 1234, 'online' => 321, 'attempt' => 1, 'forced' => false],
    ];
}

$dir = sys_get_temp_dir() . '/jlg-bench-store-' . getmypid();
@mkdir($dir, 0700);
$file = "$dir/option.txt";
$ring = [];
for ($i = 0; $i < RING; $i++) {
    $ring[] = jlg_bench_event($i);
}
file_put_contents($file, serialize($ring));
printf("\n  ring of %d events: %.0f KB serialized\n", RING, filesize($file) / 1024);

$store = new StateStore("$dir/state.sqlite", ['max_events_per_channel' => RING]);
for ($i = 0; $i < RING; $i++) {
    $store->logEvent('discord', jlg_bench_event($i), 1700000000.0 + $i);
}

jlg_bench_title('Log one event');
$i = RING;
$php = jlg_bench('PHP: unserialize, append, trim, serialize, write back', static function () use ($file, &$i) {
    $log = unserialize(file_get_contents($file));
    $log[] = jlg_bench_event($i++);
    if (count($log) > RING) {
        $log = array_slice($log, -RING);
    }
    file_put_contents($file, serialize($log));
}, 300);
$j = RING;
$native = jlg_bench('StateStore::logEvent (SQLite WAL, trimmed per channel)', static function () use ($store, &$j) {
    $store->logEvent('discord', jlg_bench_event($j), 1700000000.0 + $j);
    $j++;
}, 300);
jlg_bench_report('logEvent vs rewriting the ring', $native, $php);

jlg_bench_title('Metrics over the ring (count, errors, mean, p95)');
$php = jlg_bench('PHP: unserialize, filter, sort, interpolate', static function () use ($file) {
    $log = unserialize(file_get_contents($file));
    $count = $errors = 0;
    $d = [];
    foreach ($log as $e) {
        if ($e['timestamp'] < 1700000000) {
            continue;
        }
        $count++;
        $errors += $e['outcome'] === 'ok' ? 0 : 1;
        $d[] = (float) $e['duration_ms'];
    }
    sort($d);
    $h = (count($d) - 1) * 0.95;
    $lo = (int) floor($h);
    $p95 = $d[$lo] + ($d[min($lo + 1, count($d) - 1)] - $d[$lo]) * ($h - $lo);
    return [$count, $errors, array_sum($d) / max(1, count($d)), $p95];
}, 300);
$native = jlg_bench('StateStore::metrics', static fn () => $store->metrics('discord', 1700000000.0), 300);
jlg_bench_report('metrics vs the PHP aggregate', $native, $php);

$m = $store->metrics('discord', 0);
printf("  (native metrics: %d events, error rate %.3f, mean %.1f ms, p95 %.1f ms)\n", $m['count'], $m['error_rate'], $m['mean_ms'], $m['p95_ms']);

unset($store);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
