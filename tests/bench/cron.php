<?php
/**
 * Bench: CronExpression::nextRuns(100) against the PHP way the plugin does it
 * (fields parsed with a regex into value sets, then one minute at a time, at most
 * one year of minutes), for 20 typical expressions, in the same process.
 */

declare(strict_types=1);

require __DIR__ . '/lib.php';

/** Parses one field into a set of values (lists, ranges, steps, names). */
function jlg_bench_cron_field(string $field, int $min, int $max, array $names = []): array
{
    $set = [];
    foreach (explode(',', strtolower($field)) as $part) {
        if (!preg_match('/^(\*|[a-z0-9]+)(?:-([a-z0-9]+))?(?:\/(\d+))?$/', $part, $m)) {
            throw new InvalidArgumentException("bad field part $part");
        }
        $value = static fn (string $v): int => preg_match('/^\d+$/', $v) === 1 ? (int) $v : (int) array_search($v, $names, true) + ($min === 1 ? 1 : 0);
        if ($m[1] === '*') {
            [$a, $b] = [$min, $max];
        } else {
            $a = $value($m[1]);
            $b = isset($m[2]) && $m[2] !== '' ? $value($m[2]) : (isset($m[3]) ? $max : $a);
        }
        $step = isset($m[3]) ? (int) $m[3] : 1;
        for ($v = $a; $v <= $b; $v += $step) {
            $set[$v === 7 && $max === 7 ? 0 : $v] = true;
        }
    }
    return $set;
}

/** Next $count runs after $from, stepping one minute at a time (UTC), at most a year of minutes. */
function jlg_bench_cron_php(string $expression, int $count, int $from): array
{
    [$mi, $ho, $dom, $mon, $dow] = preg_split('/\s+/', trim($expression));
    $minutes = jlg_bench_cron_field($mi, 0, 59);
    $hours = jlg_bench_cron_field($ho, 0, 23);
    $days = jlg_bench_cron_field($dom, 1, 31);
    $months = jlg_bench_cron_field($mon, 1, 12, ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']);
    $weekdays = jlg_bench_cron_field($dow, 0, 7, ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
    $domStar = $dom === '*';
    $dowStar = $dow === '*';
    $runs = [];
    $t = $from - $from % 60 + 60;
    for ($i = 0; $i < 525600 && count($runs) < $count; $i++, $t += 60) {
        [$m, $h, $d, $mo, $w] = explode(' ', gmdate('i G j n w', $t));
        if (!isset($minutes[(int) $m], $hours[(int) $h], $months[(int) $mo])) {
            continue;
        }
        $dayOk = isset($days[(int) $d]);
        $weekdayOk = isset($weekdays[(int) $w]);
        $match = ($domStar || $dowStar) ? ($dayOk && $weekdayOk) : ($dayOk || $weekdayOk);
        if ($match) {
            $runs[] = $t;
        }
    }
    return $runs;
}

$expressions = [
    '*/5 * * * *', '*/15 * * * *', '*/30 * * * *', '0 * * * *', '17 * * * *',
    '0 */2 * * *', '0 */6 * * *', '0 3 * * *', '30 2 * * *', '0 0,12 * * *',
    '0 9-17 * * 1-5', '*/10 9-17 * * mon-fri', '0 0 * * 0', '0 3 * * 1', '15 3 * * 2,4',
    '45 23 * * 6', '0 6 * * 1-5', '0 22 * * 1-5', '0 0 1 * *', '0 4 1,15 * *',
];
$from = 1767225600; // 2026-01-01 00:00 UTC

jlg_bench_title('CronExpression::nextRuns(100), UTC');
$nativeTotal = 0.0;
$phpTotal = 0.0;
$agree = 0;
foreach ($expressions as $e) {
    $c = new JLG\Native\CronExpression($e);
    $native = jlg_bench("native  $e", static fn () => $c->nextRuns(100, $from), 2000, 5);
    $php = jlg_bench("PHP     $e", static fn () => jlg_bench_cron_php($e, 100, $from), 1, 3);
    $nativeTotal += $native;
    $phpTotal += $php;
    $p = jlg_bench_cron_php($e, 100, $from);
    $agree += $c->nextRuns(count($p), $from) === $p ? 1 : 0;
}
printf("\n  same runs as the PHP way (over what it finds within a year): %d of %d expressions\n", $agree, count($expressions));
printf("  native: %.2f µs per nextRuns(100) call on average (target: under 20 µs)\n", $nativeTotal / count($expressions) * 1e6);
jlg_bench_report('nextRuns(100), 20 expressions', $nativeTotal, $phpTotal);

jlg_bench_title('Same expressions in Europe/Paris (native only)');
$parisTotal = 0.0;
foreach ($expressions as $e) {
    $c = new JLG\Native\CronExpression($e, 'Europe/Paris');
    $parisTotal += jlg_bench("native  $e", static fn () => $c->nextRuns(100, $from), 2000, 5);
}
printf("  native, Europe/Paris: %.2f µs per nextRuns(100) call on average\n", $parisTotal / count($expressions) * 1e6);
