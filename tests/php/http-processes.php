<?php
/**
 * The webhook outbox under real PHP processes, against a receiver on 127.0.0.1
 * started here:
 *  1. two flushers at once over 40 messages (per-host concurrency 4): every
 *     message delivered, none sent twice;
 *  2. a flusher killed with SIGKILL while its request hangs at the receiver:
 *     after the lease expires another flush delivers that message and the rest.
 *
 * Usage: php -n -d extension=/abs/libjlg_native.so tests/php/http-processes.php /abs/libjlg_native.so
 */

declare(strict_types=1);

require __DIR__ . '/../support/http-fake/server.php';

use JLG\Native\StateStore;
use JLG\Native\WebhookOutbox;

if (($argv[1] ?? '') === '--flush') {
    $o = new WebhookOutbox(new StateStore($argv[2]), json_decode($argv[3], true));
    echo json_encode($o->flush(100, 20.0));
    exit(0);
}

$so = $argv[1] ?? '';
if (!is_file($so) || !extension_loaded('jlg_native')) {
    fwrite(STDERR, "usage: php -n -d extension=SO http-processes.php SO\n");
    exit(2);
}
$failures = 0;
function check(bool $ok, string $what): void
{
    global $failures;
    echo ($ok ? 'ok   ' : 'FAIL ') . $what . "\n";
    $failures += $ok ? 0 : 1;
}
function flusher(string $so, string $db, array $options)
{
    return proc_open([PHP_BINARY, '-n', '-d', "extension=$so", __FILE__, '--flush', $db, json_encode($options)],
        [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
}

$srv = jlg_fake_start();
$dir = sys_get_temp_dir() . '/jlg-http-processes-' . getmypid();
@mkdir($dir, 0700);
try {
    // 1. two concurrent flushers
    $db = "$dir/a.sqlite";
    $options = ['per_host_concurrency' => 4, 'timeout' => 5.0, 'lease_seconds' => 30];
    jlg_fake_script($srv, '*', ['status' => 204, 'sleep_ms' => 20]);
    $o = new WebhookOutbox(new StateStore($db), $options);
    for ($i = 0; $i < 40; $i++) {
        $o->enqueue($srv['url'] . '/hook/a', ['n' => $i]);
    }
    $procs = [flusher($so, $db, $options), flusher($so, $db, $options)];
    foreach ($procs as $p) {
        $status = proc_get_status($p);
        for ($i = 0; $i < 300 && $status['running']; $i++) {
            usleep(50000);
            $status = proc_get_status($p);
        }
        proc_close($p);
    }
    $seen = array_map(fn ($r) => json_decode($r['body'], true)['n'], jlg_fake_requests($srv));
    sort($seen);
    check(count($seen) === 40, 'two flushers: 40 deliveries (got ' . count($seen) . ')');
    check($seen === range(0, 39), 'two flushers: every message exactly once');
    check(count($o->pending()) === 0, 'two flushers: nothing left pending');
    $outcomes = array_count_values(array_map(fn ($e) => $e['fields']['outcome'], (new StateStore($db))->events('http', ['limit' => 1000])));
    check(($outcomes['ok'] ?? 0) === 40 && count($outcomes) === 1, 'two flushers: 40 logged calls, all ok');

    // 2. kill -9 mid-send
    $db = "$dir/b.sqlite";
    $options = ['timeout' => 10.0, 'lease_seconds' => 10];
    @unlink($srv['dir'] . '/requests.jsonl');
    jlg_fake_script($srv, '*', ['status' => 204]);
    jlg_fake_script($srv, '/hook/b', ['status' => 204, 'sleep_ms' => 5000]);
    $o = new WebhookOutbox(new StateStore($db), $options);
    $ids = [];
    for ($i = 0; $i < 3; $i++) {
        $ids[] = $o->enqueue($srv['url'] . '/hook/b', ['n' => $i]);
    }
    $p = flusher($so, $db, $options);
    $started = false;
    for ($i = 0; $i < 200 && !$started; $i++) {
        usleep(25000);
        $started = count(jlg_fake_requests($srv, true)) > 0;
    }
    check($started, 'kill: the first request reached the receiver');
    proc_terminate($p, 9);
    proc_close($p);
    $first = $o->pending()[0];
    check($first['attempts'] === 1 && $first['leased_until'] !== null, 'kill: the message is still pending, under the dead lease');
    $r = $o->flush(20, 5.0);
    check($r['sent'] === 0, 'kill: nothing is sent while the lease holds the host');
    $r = $o->flush(20, 8.0, microtime(true) + 11);
    check($r['sent'] === 3 && $r['remaining'] === 0, 'kill: after the lease expires, all 3 are delivered (' . json_encode($r) . ')');
    $delivered = array_map(fn ($x) => json_decode($x['body'], true)['n'], jlg_fake_requests($srv));
    sort($delivered);
    check(array_values(array_unique($delivered)) === [0, 1, 2], 'kill: every message reached the receiver at least once');
} finally {
    jlg_fake_stop($srv);
    jlg_rm_tree($dir);
}
echo $failures === 0 ? "http processes: all checks passed\n" : "http processes: $failures check(s) failed\n";
exit($failures === 0 ? 0 : 1);
