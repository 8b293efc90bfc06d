--TEST--
Sla::mttr, Sla::percentiles (numpy linear) and Sla::gradeWebVitals
--EXTENSIONS--
jlg_native
--INI--
serialize_precision=-1
--FILE--
<?php
use JLG\Native\Sla;
echo json_encode(Sla::mttr([['start' => 0, 'end' => 600], ['start' => 1000, 'end' => 1300], ['duration' => 1800], ['duration' => 120]]), JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode(Sla::mttr([])), "\n";
var_export(Sla::percentiles([15, 20, 35, 40, 50], [0, 40, 50, 100])); echo "\n";
var_export(Sla::percentiles([], [50])); echo "\n";
$g = Sla::gradeWebVitals(['lcp' => [1800, 2600, 2400, 5000], 'inp' => 180, 'cls' => [0.01, 0.1], 'fid' => 400], 'desktop');
foreach ($g['metrics'] as $k => $m) {
    echo $k, ' p75=', $m['p75'], ' ', $m['rating'], "\n";
}
echo $g['device'], ' ', $g['overall'], "\n";
foreach ([fn () => Sla::mttr([['start' => 10, 'end' => 5]]), fn () => Sla::percentiles([1, NAN], [50]), fn () => Sla::percentiles([1], [120]), fn () => Sla::gradeWebVitals(['lcp' => 1], 'watch')] as $f) {
    try { $f(); } catch (JLG\Native\InvalidInputException $e) { echo $e->getMessage(), "\n"; }
}
?>
--EXPECT--
{"count":4,"mean":705.0,"median":450.0,"p90":1440.0000000000002}
{"count":0,"mean":null,"median":null,"p90":null}
array (
  0 => 15.0,
  40 => 29.0,
  50 => 35.0,
  100 => 50.0,
)
array (
  50 => NULL,
)
lcp p75=3200 needs_improvement
inp p75=180 good
cls p75=0.0775 good
fid p75=400 poor
desktop needs_improvement
incidents[0].end: is before start (negative duration -5)
values[1]: must be a finite number, got NaN
ps[0]: must be between 0 and 100, got 120
device: must be 'mobile' or 'desktop', got 'watch'
