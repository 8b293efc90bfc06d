--TEST--
nextRuns/nextRun in a zone: strictly after $from, the DST policy in Europe/Paris
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\CronExpression;
function show(array $runs, string $tz): void {
    foreach ($runs as $t) {
        echo (new DateTimeImmutable('@' . $t))->setTimezone(new DateTimeZone($tz))->format('Y-m-d H:i T'), "\n";
    }
}
$from = (new DateTimeImmutable('2026-03-28 00:00', new DateTimeZone('UTC')))->getTimestamp();
echo "-- fixed time in the spring gap fires once at 03:00\n";
show((new CronExpression('30 2 * * *', 'Europe/Paris'))->nextRuns(3, $from), 'Europe/Paris');
echo "-- a list of fixed times too\n";
show((new CronExpression('0 2,14 * * *', 'Europe/Paris'))->nextRuns(3, $from + 86400), 'Europe/Paris');
echo "-- wildcard hours follow the clock\n";
show((new CronExpression('*/30 * * * *', 'Europe/Paris'))->nextRuns(2, $from + 86400 + 1800), 'Europe/Paris');
$fall = (new DateTimeImmutable('2026-10-25 00:00', new DateTimeZone('UTC')))->getTimestamp();
echo "-- fall back: fixed once, wildcard in both halves\n";
show((new CronExpression('30 2 * * *', 'Europe/Paris'))->nextRuns(2, $fall - 3600), 'Europe/Paris');
show((new CronExpression('*/30 * * * *', 'Europe/Paris'))->nextRuns(4, $fall), 'Europe/Paris');
echo "-- strictly after, and nextRun\n";
$c = new CronExpression('0 0 * * *');
var_dump($c->nextRun(1767225600) === 1767312000, $c->nextRuns(1, 1767225599) === [1767225600]);
var_dump(count($c->nextRuns(1000, 1767225600)));
$now = time();
$next = $c->nextRun();
var_dump($next > $now && $next <= $now + 86400);
?>
--EXPECT--
-- fixed time in the spring gap fires once at 03:00
2026-03-28 02:30 CET
2026-03-29 03:00 CEST
2026-03-30 02:30 CEST
-- a list of fixed times too
2026-03-29 03:00 CEST
2026-03-29 14:00 CEST
2026-03-30 02:00 CEST
-- wildcard hours follow the clock
2026-03-29 03:00 CEST
2026-03-29 03:30 CEST
-- fall back: fixed once, wildcard in both halves
2026-10-25 02:30 CEST
2026-10-26 02:30 CET
2026-10-25 02:30 CEST
2026-10-25 02:00 CET
2026-10-25 02:30 CET
2026-10-25 03:00 CET
-- strictly after, and nextRun
bool(true)
bool(true)
int(1000)
bool(true)
