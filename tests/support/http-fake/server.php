<?php
/**
 * Starts and stops the fake server of router.php on 127.0.0.1 (a free port),
 * scripts its answers and reads what it received. Every wait is bounded.
 */

function jlg_fake_start(): array
{
    $dir = sys_get_temp_dir() . '/jlg-fake-' . getmypid() . '-' . bin2hex(random_bytes(4));
    mkdir($dir, 0700);
    $probe = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) substr(strrchr(stream_socket_get_name($probe, false), ':'), 1);
    fclose($probe);
    $env = ['JLG_FAKE_DIR' => $dir, 'PHP_CLI_SERVER_WORKERS' => '4', 'PATH' => getenv('PATH') ?: '/usr/bin:/bin'];
    $php = PHP_BINARY;
    // setsid: the server leads its own process group, so its workers (which
    // outlive the master) are stopped with it.
    $proc = proc_open(['setsid', $php, '-n', '-S', "127.0.0.1:$port", __DIR__ . '/router.php'], [
        0 => ['file', '/dev/null', 'r'], 1 => ['file', "$dir/server.out", 'a'], 2 => ['file', "$dir/server.out", 'a'],
    ], $pipes, $dir, $env);
    for ($i = 0; $i < 200; $i++) {
        $c = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 0.05);
        if ($c) {
            fclose($c);
            return ['proc' => $proc, 'port' => $port, 'dir' => $dir, 'url' => "http://127.0.0.1:$port"];
        }
        usleep(10000);
    }
    jlg_fake_stop(['proc' => $proc, 'dir' => $dir]);
    throw new RuntimeException("the fake server did not start on port $port");
}

/** Appends responses for a path prefix ("*" sets the default). */
function jlg_fake_script(array $srv, string $prefix, array ...$responses): void
{
    $file = $srv['dir'] . '/script.json';
    $script = is_file($file) ? json_decode(file_get_contents($file), true) : [];
    if ($prefix === '*') {
        $script['*'] = $responses;
    } else {
        $script[$prefix] = array_merge($script[$prefix] ?? [], $responses);
    }
    file_put_contents($file, json_encode($script), LOCK_EX);
}

/** Requests received (completed ones; with $starts also the "start" lines of slow ones). */
function jlg_fake_requests(array $srv, bool $starts = false): array
{
    $file = $srv['dir'] . '/requests.jsonl';
    if (!is_file($file)) {
        return [];
    }
    $out = [];
    foreach (file($file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
        $row = json_decode($line, true);
        if ($starts || !isset($row['start'])) {
            $out[] = $row;
        }
    }
    return $out;
}

function jlg_fake_count(array $srv, string $pathPart): int
{
    return count(array_filter(jlg_fake_requests($srv), fn ($r) => str_contains($r['path'], $pathPart)));
}

function jlg_fake_stop(array $srv): void
{
    $pid = proc_get_status($srv['proc'])['pid'];
    $kill = proc_open(['kill', '-KILL', '--', "-$pid"], [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'],
        2 => ['file', '/dev/null', 'w']], $pipes);
    proc_close($kill);
    proc_close($srv['proc']);
    foreach (glob($srv['dir'] . '/*') ?: [] as $f) {
        @unlink($f);
    }
    @rmdir($srv['dir']);
}

function jlg_rm_tree(string $dir): void
{
    foreach (glob("$dir/{,.}*", GLOB_BRACE) ?: [] as $f) {
        if (basename($f) !== '.' && basename($f) !== '..') {
            is_dir($f) ? jlg_rm_tree($f) : @unlink($f);
        }
    }
    @rmdir($dir);
}
