<?php
/**
 * Timing helpers for `make bench`: each bench times the native call and the PHP
 * way in the same process and prints the ratio. Benchmarks never assert on time.
 */

declare(strict_types=1);

/**
 * Median seconds per iteration of $fn over $runs runs of $iterations calls,
 * after one warm-up run.
 */
function jlg_bench(string $label, callable $fn, int $iterations, int $runs = 7): float
{
    $iterations = max(1, $iterations);
    for ($i = 0; $i < $iterations; $i++) {
        $fn();
    }
    $samples = [];
    for ($r = 0; $r < max(1, $runs); $r++) {
        $start = hrtime(true);
        for ($i = 0; $i < $iterations; $i++) {
            $fn();
        }
        $samples[] = (hrtime(true) - $start) / 1e9 / $iterations;
    }
    sort($samples);
    $median = $samples[intdiv(count($samples), 2)];
    printf("  %-52s %12s per call\n", $label, jlg_bench_format($median));
    return $median;
}

/** Human-readable duration. */
function jlg_bench_format(float $seconds): string
{
    if ($seconds >= 1.0) {
        return sprintf('%.3f s', $seconds);
    }
    if ($seconds >= 1e-3) {
        return sprintf('%.3f ms', $seconds * 1e3);
    }
    if ($seconds >= 1e-6) {
        return sprintf('%.3f µs', $seconds * 1e6);
    }
    return sprintf('%.1f ns', $seconds * 1e9);
}

/** Prints how many times faster the native side is (below 1.0: slower). */
function jlg_bench_report(string $name, float $native, float $php): void
{
    $ratio = $native > 0 ? $php / $native : INF;
    printf("  => %-49s native is %.2fx the speed of PHP\n", $name, $ratio);
}

/** Prints a section title. */
function jlg_bench_title(string $title): void
{
    echo "\n", $title, "\n", str_repeat('-', strlen($title)), "\n";
}
