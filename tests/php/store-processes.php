<?php
/**
 * The state store under real PHP processes (as php-fpm workers would use it):
 *  1. 8 processes take one lock 1,000 times in all: never two holders at once
 *     (checked by an exclusive-create marker file, independent of the store);
 *  2. a holder killed with SIGKILL keeps the lock until its TTL, then loses it;
 *  3. writers killed with SIGKILL mid-write leave a readable, intact store;
 *  4. concurrent writers never push a channel past its event bound.
 *
 * Usage: php -n -d extension=/abs/libjlg_native.so tests/php/store-processes.php /abs/libjlg_native.so
 * Exit status 0 when every check passes.
 */

declare(strict_types=1);

use JLG\Native\StateStore;

const LOCK_PROCESSES = 8;
const LOCK_TOTAL = 1000;

if (($argv[1] ?? '') === '--worker') {
    exit(jlg_worker($argv[2], array_slice($argv, 3)));
}

$so = $argv[1] ?? '';
if (!is_file($so) || !extension_loaded('jlg_native')) {
    fwrite(STDERR, "usage: php -n -d extension=SO store-processes.php SO\n");
    exit(2);
}
$dir = sys_get_temp_dir() . '/jlg-store-processes-' . getmypid();
@mkdir($dir, 0700, true);
$failures = 0;
$started = hrtime(true);

function check(bool $ok, string $what): void
{
    global $failures;
    echo ($ok ? 'ok   ' : 'FAIL '), $what, "\n";
    if (!$ok) {
        $failures++;
    }
}

/** Starts this script as a worker in a child PHP process with the extension loaded. */
function spawn(string $role, array $args): array
{
    global $so;
    $cmd = array_merge([PHP_BINARY, '-n', '-d', "extension=$so", __FILE__, '--worker', $role], array_map('strval', $args));
    $proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    if (!is_resource($proc)) {
        throw new RuntimeException("cannot start a $role worker");
    }
    fclose($pipes[0]);
    return [$proc, $pipes[1], $pipes[2]];
}

function finish(array $worker): array
{
    [$proc, $out, $err] = $worker;
    $stdout = stream_get_contents($out);
    $stderr = stream_get_contents($err);
    fclose($out);
    fclose($err);
    $code = proc_close($proc);
    return [$code, $stdout, $stderr];
}

function read_line(array $worker, float $timeout = 10.0): string
{
    $deadline = microtime(true) + $timeout;
    stream_set_blocking($worker[1], false);
    $line = '';
    while (microtime(true) < $deadline) {
        $chunk = fgets($worker[1]);
        if ($chunk !== false) {
            $line .= $chunk;
            if (str_ends_with($line, "\n")) {
                return trim($line);
            }
        }
        usleep(2000);
    }
    return trim($line);
}

// 1. Lock contention.
$db = "$dir/locks.sqlite";
$marker = "$dir/holder.marker";
new StateStore($db); // create the schema once
$t = microtime(true);
$workers = [];
for ($i = 0; $i < LOCK_PROCESSES; $i++) {
    $workers[] = spawn('lock', [$db, $marker, LOCK_TOTAL]);
}
$violations = 0;
$lost = 0;
$mine = [];
foreach ($workers as $w) {
    [$code, $stdout, $stderr] = finish($w);
    $r = json_decode($stdout, true);
    if ($code !== 0 || !is_array($r)) {
        echo "worker failed ($code): $stdout $stderr\n";
        $violations++;
        continue;
    }
    $violations += $r['violations'];
    $lost += $r['lost'];
    $mine[] = $r['acquired'];
}
$s = new StateStore($db);
$total = $s->counters('acquired')['acquired'] ?? 0;
printf("     %d processes, %d acquisitions in %.2f s (per process: %s)\n", LOCK_PROCESSES, $total, microtime(true) - $t, implode(' ', $mine));
check($total === LOCK_TOTAL && array_sum($mine) === LOCK_TOTAL, 'the lock was taken exactly ' . LOCK_TOTAL . ' times');
check($violations === 0, "never two holders at once ($violations overlaps)");
check($lost === 0, "every holder released its own lock ($lost refused)");

// 2. A holder killed with SIGKILL keeps the lock only until its TTL.
$holder = spawn('hold', [$db, 'killed', 1]);
$line = read_line($holder);
check(str_starts_with($line, 'held '), "a child process holds the lock ($line)");
$heldAt = (float) substr($line, 5);
proc_terminate($holder[0], 9);
finish($holder);
check($s->acquireLock('killed', 30) === null, 'right after kill -9 the lock is still held');
usleep((int) max(0, ($heldAt + 1.05 - microtime(true)) * 1e6));
$token = $s->acquireLock('killed', 30);
check(is_string($token), 'after its TTL the dead holder loses the lock');
check($s->releaseLock('killed', (string) $token), 'and the new holder can release it');

// 3. Writers killed with SIGKILL in the middle of writing.
$db3 = "$dir/kill.sqlite";
new StateStore($db3);
$intact = true;
for ($round = 0; $round < 4; $round++) {
    $writers = [spawn('write', [$db3, $round]), spawn('write', [$db3, $round + 100])];
    foreach ($writers as $w) {
        read_line($w); // "writing"
    }
    usleep(150000 + 50000 * $round);
    foreach ($writers as $w) {
        proc_terminate($w[0], 9);
    }
    foreach ($writers as $w) {
        finish($w);
    }
    try {
        $k = new StateStore($db3);
        $k->integrityCheck();
        $counters = $k->counters('writes.');
        $events = $k->events('kill', ['limit' => 10000]);
        foreach (range(0, 19) as $n) {
            $v = $k->get("blob.$n");
            if ($v !== null && (!is_array($v) || count($v['rows']) !== 50)) {
                throw new RuntimeException("blob.$n is torn");
            }
        }
        $k->increment('writes.after_kill');
        printf("     round %d: %d writes counted, %d events, store intact\n", $round, array_sum($counters), count($events));
    } catch (Throwable $e) {
        $intact = false;
        echo "     round $round: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
check($intact, 'kill -9 during writes leaves a readable, intact store (4 rounds, 2 writers each)');

// 4. Ring bounds under concurrent writers.
$db4 = "$dir/ring.sqlite";
new StateStore($db4, ['max_events_per_channel' => 300]);
$writers = [];
for ($i = 0; $i < 4; $i++) {
    $writers[] = spawn('ring', [$db4, $i, 400]);
}
$ok = true;
foreach ($writers as $w) {
    [$code, $stdout, $stderr] = finish($w);
    $ok = $ok && $code === 0;
    if ($code !== 0) {
        echo "     ring writer failed: $stdout $stderr\n";
    }
}
$r = new StateStore($db4, ['max_events_per_channel' => 300]);
$events = $r->events('ring', ['limit' => 10000]);
check($ok && count($events) === 300, '4 writers x 400 events keep exactly 300 in the channel (' . count($events) . ')');
$ids = array_column($events, 'id');
check(min($ids) === 1600 - 300 + 1 && max($ids) === 1600, 'and those are the newest 300');

unset($s, $k, $r);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
printf("store-processes: %s in %.1f s\n", $failures === 0 ? 'all checks passed' : "$failures FAILED", (hrtime(true) - $started) / 1e9);
exit($failures === 0 ? 0 : 1);

/** The child side. */
function jlg_worker(string $role, array $args): int
{
    switch ($role) {
        case 'lock':
            [$db, $marker, $total] = $args;
            $s = new StateStore($db);
            $acquired = $violations = $lost = 0;
            while (true) {
                $token = $s->acquireLock('one', 10);
                if ($token === null) {
                    usleep(random_int(50, 400));
                    continue;
                }
                if (($s->counters('acquired')['acquired'] ?? 0) >= (int) $total) {
                    $s->releaseLock('one', $token);
                    break;
                }
                $fh = @fopen($marker, 'x');
                if ($fh === false) {
                    $violations++;
                } else {
                    fclose($fh);
                }
                $s->increment('acquired');
                $acquired++;
                usleep(50);
                if ($fh !== false) {
                    unlink($marker);
                }
                if (!$s->releaseLock('one', $token)) {
                    $lost++;
                }
            }
            echo json_encode(['acquired' => $acquired, 'violations' => $violations, 'lost' => $lost]);
            return 0;
        case 'hold':
            [$db, $name, $ttl] = $args;
            $s = new StateStore($db);
            $now = microtime(true);
            if ($s->acquireLock($name, (int) $ttl, $now) === null) {
                echo "busy\n";
                return 1;
            }
            echo "held $now\n";
            sleep(60); // killed long before this
            return 0;
        case 'write':
            [$db, $seed] = $args;
            $s = new StateStore($db);
            echo "writing\n";
            for ($i = 0; ; $i++) {
                $n = ($i + (int) $seed) % 20;
                $s->set("blob.$n", ['i' => $i, 'rows' => array_fill(0, 50, str_repeat(chr(65 + $n), 200))]);
                $s->increment("writes.$seed");
                $s->logEvent('kill', ['i' => $i, 'outcome' => 'ok', 'duration_ms' => $i % 100, 'pad' => str_repeat('x', 500)]);
            }
        case 'ring':
            [$db, $w, $count] = $args;
            $s = new StateStore($db, ['max_events_per_channel' => 300]);
            for ($i = 0; $i < (int) $count; $i++) {
                $s->logEvent('ring', ['writer' => (int) $w, 'i' => $i]);
            }
            return 0;
    }
    fwrite(STDERR, "unknown worker role $role\n");
    return 2;
}
