--TEST--
CronExpression::validate never throws: errors with field and position, normalized form, warnings
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\CronExpression;
$ok = CronExpression::validate('0/15 9-17 ? jan,mar MON-FRI');
var_dump($ok['valid'], $ok['normalized'], $ok['errors']);
$bad = CronExpression::validate('61 0 * * 5-1');
var_dump($bad['valid'], $bad['normalized']);
foreach ($bad['errors'] as $e) {
    echo $e['code'], ' ', $e['field'], ' ', $e['position'], ' ', $e['length'], "\n";
}
$six = CronExpression::validate('0 0 0 * * *');
echo $six['errors'][0]['code'], ' ', $six['errors'][0]['field'], ' ', $six['errors'][0]['position'], "\n";
var_dump(str_contains($six['errors'][0]['message'], 'once a minute'));
$tz = CronExpression::validate('0 0 * * *', 'Mars/Olympus');
echo $tz['errors'][0]['code'], ' ', $tz['errors'][0]['field'], "\n";
$never = CronExpression::validate('0 0 30 2 *');
var_dump($never['valid'], array_column($never['warnings'], 'code'));
foreach (['', '@reboot', str_repeat('*', 300), "0 0 * * *\0", '0 0 * * 1#6'] as $x) {
    $r = CronExpression::validate($x);
    echo $r['valid'] ? 'valid' : $r['errors'][0]['code'], "\n";
}
?>
--EXPECT--
bool(true)
string(22) "0-59/15 9-17 * 1,3 1-5"
array(0) {
}
bool(false)
NULL
out_of_range minute 0 2
reversed_range day_of_week 9 3
field_count expression 10
bool(true)
invalid_timezone timezone
bool(true)
array(1) {
  [0]=>
  string(10) "never_runs"
}
empty
unsupported_shortcut
too_long
unexpected_character
out_of_range
