--TEST--
previousRun and isDue, including never-firing expressions
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\CronExpression;
$c = new CronExpression('0 0 29 2 *');
echo gmdate('Y-m-d H:i', $c->previousRun(1767225600)), "\n";
echo gmdate('Y-m-d H:i', $c->nextRun(1767225600)), "\n";
$d = new CronExpression('*/15 * * * *');
var_dump($d->isDue(1767225600), $d->isDue(1767225659), $d->isDue(1767225660));
var_dump($d->previousRun($d->nextRun(1767225601)) <= 1767225601);
$never = new CronExpression('0 0 31 4 *');
$start = hrtime(true);
var_dump($never->nextRun(1767225600), $never->previousRun(1767225600), $never->nextRuns(5, 1767225600), $never->isDue(1767225600));
var_dump((hrtime(true) - $start) < 1e9);
?>
--EXPECT--
2024-02-29 00:00
2028-02-29 00:00
bool(true)
bool(true)
bool(false)
bool(true)
NULL
NULL
array(0) {
}
bool(false)
bool(true)
