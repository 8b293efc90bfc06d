<?php
/**
 * Bench: Quota::project (Theil-Sen) on 20 and 2,000 samples, and Retention::select
 * (Backup JLG's rule) on 10,000 archives, against straightforward PHP versions.
 */

declare(strict_types=1);

require __DIR__ . '/lib.php';

use JLG\Native\Quota;
use JLG\Native\Retention;

/** Median of a sorted list (linear interpolation between the middle ranks). */
function jlg_bench_median(array $sorted): float
{
    $n = count($sorted);
    $h = ($n - 1) / 2;
    $lo = (int) floor($h);
    $hi = min($lo + 1, $n - 1);
    return $sorted[$lo] + ($sorted[$hi] - $sorted[$lo]) * ($h - $lo);
}

/** Theil-Sen in PHP: all pairwise slopes, sorted, median; level = median residual. */
function jlg_bench_theil_sen_php(array $samples, float $quota, int $now): array
{
    $n = count($samples);
    $t0 = $samples[0]['timestamp'];
    $mean = 0.0;
    foreach ($samples as $s) {
        $mean += $s['timestamp'] - $t0;
    }
    $mean /= $n;
    $x = [];
    $y = [];
    foreach ($samples as $s) {
        $x[] = ($s['timestamp'] - $t0 - $mean) / 86400;
        $y[] = (float) $s['used_bytes'];
    }
    $slopes = [];
    for ($i = 0; $i < $n; $i++) {
        for ($j = $i + 1; $j < $n; $j++) {
            $slopes[] = ($y[$j] - $y[$i]) / ($x[$j] - $x[$i]);
        }
    }
    sort($slopes);
    $slope = jlg_bench_median($slopes);
    $res = [];
    foreach ($x as $i => $xi) {
        $res[] = $y[$i] - $slope * $xi;
    }
    sort($res);
    $level = jlg_bench_median($res);
    $centre = $t0 + $mean;
    $days = $slope > 0 ? max(0.0, ($centre + (0.85 * $quota - $level) / $slope * 86400 - $now) / 86400) : null;
    return ['slope_bytes_per_day' => $slope, 'days' => $days];
}

/** Backup JLG's cleanup rule in PHP (by_number and by_age, pre-restore apart). */
function jlg_bench_select_php(array $archives, int $byNumber, int $byAgeDays, int $now): array
{
    $normal = [];
    $delete = [];
    foreach ($archives as $a) {
        if (str_contains((string) $a['id'], 'pre-restore-backup')) {
            if ($now - $a['timestamp'] > 7 * 86400) {
                $delete[$a['id']] = true;
            }
            continue;
        }
        $normal[] = $a;
        if ($byAgeDays > 0 && $now - $a['timestamp'] > $byAgeDays * 86400) {
            $delete[$a['id']] = true;
        }
    }
    usort($normal, static fn ($a, $b) => [$b['timestamp'], (string) $a['id']] <=> [$a['timestamp'], (string) $b['id']]);
    if ($byNumber > 0 && count($normal) > $byNumber) {
        foreach (array_slice($normal, $byNumber) as $a) {
            $delete[$a['id']] = true;
        }
    }
    $keep = [];
    $freed = 0;
    foreach ($archives as $a) {
        if (isset($delete[$a['id']])) {
            $freed += $a['size'];
        } else {
            $keep[] = $a['id'];
        }
    }
    return ['keep' => $keep, 'delete' => array_keys($delete), 'freed_bytes' => $freed];
}

mt_srand(7);
$t0 = 1700000000;
$series = static function (int $n) use ($t0): array {
    $out = [];
    for ($i = 0; $i < $n; $i++) {
        $out[] = ['timestamp' => $t0 + $i * 3600, 'used_bytes' => 20e9 + 1e7 * $i + mt_rand(0, 100000000)];
    }
    return $out;
};

jlg_bench_title('Quota::project (Theil-Sen)');
foreach ([[20, 2000, 7], [2000, 1, 5]] as [$n, $iterations, $runs]) {
    $samples = $series($n);
    $now = $samples[$n - 1]['timestamp'];
    $native = Quota::project($samples, ['quota_bytes' => 100e9, 'now' => $now]);
    $php = jlg_bench_theil_sen_php($samples, 100e9, $now);
    if (abs($native['slope_bytes_per_day'] - $php['slope_bytes_per_day']) > 1e-6 * abs($php['slope_bytes_per_day'])) {
        fwrite(STDERR, "slopes differ for $n samples\n");
        exit(1);
    }
    $tPhp = jlg_bench("PHP Theil-Sen, $n samples", static fn () => jlg_bench_theil_sen_php($samples, 100e9, $now), $iterations, $runs);
    $tNative = jlg_bench("Quota::project, $n samples", static fn () => Quota::project($samples, ['quota_bytes' => 100e9, 'now' => $now]), $iterations, $runs);
    jlg_bench_report("project on $n samples", $tNative, $tPhp);
}

jlg_bench_title('Retention::select (Backup JLG rule)');
$archives = [];
for ($i = 0; $i < 10000; $i++) {
    $pre = $i % 50 === 0 ? 'pre-restore-backup-' : '';
    $archives[] = ['id' => sprintf('%sbackup-%05d.zip', $pre, $i), 'timestamp' => $t0 - mt_rand(0, 400 * 86400), 'size' => mt_rand(1000000, 90000000)];
}
$native = Retention::select($archives, ['by_number' => 300, 'by_age_days' => 200], $t0);
$php = jlg_bench_select_php($archives, 300, 200, $t0);
$a = $native['delete'];
$b = $php['delete'];
sort($a);
sort($b);
if ($a !== $b || $native['freed_bytes'] !== $php['freed_bytes']) {
    fwrite(STDERR, "selections differ\n");
    exit(1);
}
$tPhp = jlg_bench('PHP cleanup rule, 10,000 archives', static fn () => jlg_bench_select_php($archives, 300, 200, $t0), 20);
$tNative = jlg_bench('Retention::select, 10,000 archives', static fn () => Retention::select($archives, ['by_number' => 300, 'by_age_days' => 200], $t0), 20);
jlg_bench_report('select on 10,000 archives', $tNative, $tPhp);
