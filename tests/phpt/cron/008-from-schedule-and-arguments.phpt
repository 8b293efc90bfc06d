--TEST--
fromSchedule() for WordPress recurrences; argument errors name the argument
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\CronExpression;
foreach (['hourly', 'twicedaily', 'daily', 'weekly'] as $name) {
    $c = CronExpression::fromSchedule($name);
    echo $name, ': ', $c->getExpression(), ' ', $c->getTimezone(), ' ', $c->describe(), "\n";
}
$calls = [
    fn () => CronExpression::fromSchedule('fortnightly'),
    fn () => (new CronExpression('* * * * *'))->nextRuns(0),
    fn () => (new CronExpression('* * * * *'))->nextRuns(1001),
    fn () => (new CronExpression('* * * * *'))->nextRun(PHP_INT_MAX),
    fn () => (new CronExpression('* * * * *'))->isDue(PHP_INT_MIN),
];
foreach ($calls as $call) {
    try { $call(); echo "no error\n"; }
    catch (JLG\Native\InvalidInputException $e) { echo get_class($e), ' ', $e->getField(), "\n"; }
}
try { (new CronExpression('* * * * *'))->nextRuns('5'); } catch (TypeError $e) { echo "TypeError\n"; }
?>
--EXPECT--
hourly: 0 * * * * UTC At minute 0 of every hour, every day
twicedaily: 0 0,12 * * * UTC At 00:00 and 12:00, every day
daily: 0 0 * * * UTC At 00:00, every day
weekly: 0 0 * * 0 UTC At 00:00, on Sunday
JLG\Native\InvalidInputException name
JLG\Native\InvalidInputException count
JLG\Native\InvalidInputException count
JLG\Native\InvalidInputException from
JLG\Native\InvalidInputException at
TypeError
