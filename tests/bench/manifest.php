<?php
/**
 * Bench: backup manifests. Generates its own trees in a temporary folder and
 * removes them. Ratios are measured in this run; nothing here asserts on time.
 *
 *   php -d extension=.../libjlg_native.so tests/bench/manifest.php [files]
 *
 * The 1,000,000-entry diff runs in a child PHP process so that its peak RSS is
 * its own (the child prints VmHWM from /proc/self/status).
 */

declare(strict_types=1);

use JLG\Native\Manifest;

require __DIR__ . '/lib.php';

if (($argv[1] ?? '') === '--diff-child') {
    jlg_bench_diff_child((int) $argv[2]);
    exit(0);
}

$files = (int) ($argv[1] ?? 100000);

/** The straightforward PHP scan Backup JLG does today: every file re-hashed. */
function jlg_bench_php_scan(string $root): array
{
    $hashes = [];
    $prefix = strlen($root) + 1;
    $it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($root, FilesystemIterator::SKIP_DOTS));
    foreach ($it as $file) {
        if ($file->isFile()) {
            $hashes[substr($file->getPathname(), $prefix)] = md5_file($file->getPathname());
        }
    }
    ksort($hashes, SORT_STRING);
    return $hashes;
}

function jlg_bench_tree(string $root, int $files): void
{
    $perDir = 250;
    for ($i = 0; $i < $files; $i++) {
        $dir = sprintf('%s/wp-content/uploads/%04d/%02d', $root, intdiv($i, $perDir * 12), intdiv($i, $perDir) % 12);
        if ($i % $perDir === 0) {
            mkdir($dir, 0755, true);
        }
        file_put_contents("$dir/file-$i.txt", str_repeat(chr(65 + $i % 26), 200 + ($i * 37) % 1800));
    }
}

function jlg_bench_rss(): string
{
    preg_match('/VmHWM:\s+(\d+) kB/', (string) file_get_contents('/proc/self/status'), $m);
    return sprintf('%.1f MB', ((int) ($m[1] ?? 0)) / 1024);
}

/** Builds a 2.1 manifest JSON of $n entries as one string; $variant shifts some entries. */
function jlg_bench_json(int $n, int $variant): string
{
    $json = '{"version":"2.1","full_backup":null,"file_hashes":{';
    for ($i = 0; $i < $n; $i++) {
        $id = $i;
        $hash = md5((string) $i);
        if ($variant === 1) {
            if ($i % 100 === 1) { $id = $i + $n; $hash = md5("new $i"); }   // 1 % removed + 1 % added
            if ($i % 100 === 3) { $id = $i + $n; }                 // 1 % renamed (same content, new path)
            if ($i % 100 === 2) { $hash = md5("changed $i"); }     // 1 % modified
        }
        $json .= ($i ? ',' : '') . sprintf('"wp-content/uploads/%03d/%02d/image-%07d.jpg":"%s"', $id % 997, $id % 12, $id, $hash);
    }
    return $json . '},"last_scan":1700000000}';
}

function jlg_bench_diff_child(int $n): void
{
    $t = hrtime(true);
    $json = jlg_bench_json($n, 0);
    $a = Manifest::fromBackupJlg($json);
    unset($json);
    $json = jlg_bench_json($n, 1);
    $b = Manifest::fromBackupJlg($json);
    unset($json);
    printf("  built two %s-entry manifests from generated 2.1 JSON in %.2f s (peak RSS so far %s)\n",
        number_format($n), (hrtime(true) - $t) / 1e9, jlg_bench_rss());
    // Reset the peak-RSS counter so the next figure is the diff's own (Linux clear_refs).
    @file_put_contents('/proc/self/clear_refs', '5');
    $times = [];
    for ($r = 0; $r < 3; $r++) {
        $t = hrtime(true);
        $diff = $a->diff($b);
        $times[] = (hrtime(true) - $t) / 1e9;
    }
    sort($times);
    $t = hrtime(true);
    $arr = $diff->toArray();
    $toArray = (hrtime(true) - $t) / 1e9;
    printf("  diff: %s per call (median of 3); toArray(): %s\n", jlg_bench_format($times[1]), jlg_bench_format($toArray));
    printf("  added %d, modified %d, removed %d, renamed %d, unchanged %d\n", count($arr['added']),
        count($arr['modified']), count($arr['removed']), count($arr['renamed']), $arr['unchanged_count']);
    printf("  peak RSS while diffing (both manifests resident): %s\n", jlg_bench_rss());
}

$root = sys_get_temp_dir() . '/jlg-bench-manifest-' . getmypid();
register_shutdown_function(static function () use ($root) {
    exec('rm -rf ' . escapeshellarg($root));
});

jlg_bench_title(sprintf('Manifest scan: %s small files', number_format($files)));
$t = hrtime(true);
jlg_bench_tree("$root/tree", $files);
// Let the kernel write the new tree out first: writeback running during the
// timings takes a core away from whichever side is being measured.
exec('sync');
printf("  (tree generated and synced in %.1f s; timings below are with a warm page cache)\n", (hrtime(true) - $t) / 1e9);
$tree = "$root/tree";

$php = jlg_bench('PHP: RecursiveDirectoryIterator + md5_file', static fn () => jlg_bench_php_scan($tree), 1, 3);
$first = jlg_bench('native: Manifest::scan (xxh3, no previous)', static fn () => Manifest::scan($tree), 1, 3);
jlg_bench_report('first scan vs the PHP scan (target >= 5x)', $first, $php);
$bjlg = jlg_bench("native: Manifest::scan (hash 'bjlg', no previous)", static fn () => Manifest::scan($tree, ['hash' => 'bjlg']), 1, 3);
jlg_bench_report("'bjlg' scan vs the PHP scan (same MD5 work)", $bjlg, $php);

$previous = Manifest::scan($tree);
$rescan = jlg_bench('native: Manifest::scan with previous (unchanged tree)', static fn () => Manifest::scan($tree, ['previous' => $previous]), 1, 5);
jlg_bench_report('re-scan vs the PHP scan (target >= 10x)', $rescan, $php);
$cmd = 'find ' . escapeshellarg($tree) . " -printf '%s %T@ %p\\n' > /dev/null";
$find = jlg_bench("find -printf '%s %T@ %p' (metadata only)", static fn () => exec($cmd), 1, 5);
printf("  => re-scan takes %.2fx the time of find (target <= 2x)\n", $rescan / $find);
$one = jlg_bench('native: Manifest::scan with previous, threads=1', static fn () => Manifest::scan($tree, ['previous' => $previous, 'threads' => 1]), 1, 3);
printf("  (%d cores available to this process)\n", (int) trim((string) shell_exec('nproc')));

jlg_bench_title('Backup JLG 2.1 JSON, 100,000 entries');
$m = Manifest::scan($tree, ['hash' => 'bjlg']);
$n2 = 100000;
$json = jlg_bench_json($n2, 0);
$pretty = Manifest::fromBackupJlg($json)->toBackupJlg();
printf("  (manifest size: %.2f MB pretty-printed)\n", strlen($pretty) / 1048576);
$phpRead = jlg_bench('PHP: json_decode($json, true)', static fn () => json_decode($pretty, true), 1, 5);
$nativeRead = jlg_bench('native: Manifest::fromBackupJlg($json)', static fn () => Manifest::fromBackupJlg($pretty), 1, 5);
jlg_bench_report('read', $nativeRead, $phpRead);
$decoded = json_decode($pretty, true);
$parsed = Manifest::fromBackupJlg($pretty);
$phpWrite = jlg_bench('PHP: json_encode(JSON_PRETTY_PRINT)', static fn () => json_encode($decoded, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), 1, 5);
$nativeFresh = jlg_bench('native: toBackupJlg() (new document)', static fn () => $parsed->toBackupJlg(), 1, 5);
jlg_bench_report('write', $nativeFresh, $phpWrite);
$nativeWrite = jlg_bench('native: toBackupJlg($base) (parses the 8.7 MB base too)', static fn () => $parsed->toBackupJlg($pretty), 1, 5);
jlg_bench_report('write keeping the other keys of $base', $nativeWrite, $phpWrite);
unset($json, $pretty, $decoded, $parsed, $m, $previous);

jlg_bench_title('Diff of two 1,000,000-entry manifests (child process)');
$child = sprintf('%s -n -d memory_limit=2G -d extension=%s %s --diff-child 1000000',
    escapeshellarg(PHP_BINARY), escapeshellarg(jlg_bench_so()),
    escapeshellarg(__FILE__));
passthru($child);

function jlg_bench_so(): string
{
    foreach (file('/proc/self/maps') as $line) {
        if (preg_match('~(/\S*libjlg_native\.so)$~', trim($line), $m)) {
            return $m[1];
        }
    }
    throw new RuntimeException('libjlg_native.so not found in /proc/self/maps');
}
