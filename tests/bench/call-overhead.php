<?php
/** Bench: the cost of calling into the extension, against a PHP userland function. */

declare(strict_types=1);

require __DIR__ . '/lib.php';

function jlg_bench_userland_version(): string
{
    return '0.1.0';
}

final class JlgBenchUserland
{
    public function version(): string
    {
        return '0.1.0';
    }
}

jlg_bench_title('Call overhead');
$n = 200000;
$php = jlg_bench('PHP userland function', static fn () => jlg_bench_userland_version(), $n);
$native = jlg_bench('JLG\\Native\\version()', static fn () => JLG\Native\version(), $n);
jlg_bench_report('native function vs userland function', $native, $php);
$object = new JlgBenchUserland();
$phpMethod = jlg_bench('PHP userland method', static fn () => $object->version(), $n);
$exception = new JLG\Native\InvalidInputException('x', 0, null, 'f', 1);
$nativeMethod = jlg_bench('native method (InvalidInputException::getField)', static fn () => $exception->getField(), $n);
jlg_bench_report('native method vs userland method', $nativeMethod, $phpMethod);
