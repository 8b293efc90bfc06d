--TEST--
CronSyntaxException names the cron field and the character position, with the caller's file and line
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\CronExpression;
function make(string $e, string $tz = 'UTC') {
    return new CronExpression($e, $tz); // line 4
}
foreach (['0 0 * * 5-1', '*/0 * * * *', '0 0 * * * *', '@reboot', '0 0 32 * *', '0 0 * FOO *', '1,,2 * * * *'] as $expr) {
    try {
        make($expr);
    } catch (JLG\Native\CronSyntaxException $e) {
        printf("%s | %s | %d | %s\n", $expr, $e->getField(), $e->getPosition(), $e->getMessage());
        var_dump($e instanceof JLG\Native\InvalidInputException && $e instanceof InvalidArgumentException);
        var_dump($e->getFile() === __FILE__, $e->getLine());
    }
}
try {
    make('0 0 * * *', 'Nowhere/City');
} catch (JLG\Native\InvalidInputException $e) {
    var_dump(get_class($e), $e->getField(), $e->getLine());
}
?>
--EXPECT--
0 0 * * 5-1 | day_of_week | 8 | reversed range 5-1 at position 8 in the day-of-week field: ranges never wrap around, write 1-5 or split it into a list
bool(true)
bool(true)
int(4)
*/0 * * * * | minute | 2 | step 0 at position 2 in the minute field: a step must be at least 1
bool(true)
bool(true)
int(4)
0 0 * * * * | expression | 10 | expected 5 fields (minute hour day-of-month month day-of-week), found 6: seconds and year fields are not supported, WordPress runs cron at most once a minute
bool(true)
bool(true)
int(4)
@reboot | expression | 0 | @reboot is not supported: WordPress has no boot event; use an expression such as @hourly or @daily
bool(true)
bool(true)
int(4)
0 0 32 * * | day_of_month | 4 | value 32 at position 4 is out of range for the day-of-month field: expected 1-31
bool(true)
bool(true)
int(4)
0 0 * FOO * | month | 6 | unknown name 'FOO' at position 6 in the month field: expected a month 1-12 or JAN-DEC or a three-letter name (JAN, FEB, MAR, APR, MAY, JUN, JUL, AUG, SEP, OCT, NOV, DEC)
bool(true)
bool(true)
int(4)
1,,2 * * * * | minute | 2 | empty list element at position 2 in the minute field: expected a minute 0-59 between commas
bool(true)
bool(true)
int(4)
string(32) "JLG\Native\InvalidInputException"
string(8) "timezone"
int(4)
