--TEST--
Quota::project: a steady series gives its slope, days to the 85 % threshold and a level
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Quota;

$t0 = 1700000000;
$samples = [];
for ($d = 0; $d < 30; $d++) {
    $samples[] = ['timestamp' => $t0 + $d * 86400, 'used_bytes' => 40_000_000_000 + $d * 500_000_000];
}
$now = $t0 + 29 * 86400;
$p = Quota::project($samples, ['quota_bytes' => 100_000_000_000, 'now' => $now]);
var_dump(array_keys($p));
var_dump($p['method'], $p['samples_used'], $p['used_bytes'], $p['quota_bytes'], $p['used_ratio']);
var_dump($p['slope_bytes_per_day']);
// 85 GB - 54.5 GB at 0.5 GB/day = 61 days; an exact line has a zero-width interval.
var_dump($p['days_to_threshold']);
var_dump($p['threshold_at'] === $now + 61 * 86400, $p['level']);

// Least squares on centred time gives the same line.
$ls = Quota::project($samples, ['quota_bytes' => 100_000_000_000, 'now' => $now, 'method' => 'least_squares']);
var_dump($ls['method'], abs($ls['slope_bytes_per_day'] - 5e8) < 1e-3, abs($ls['days_to_threshold']['p50'] - 61) < 1e-9);

// A float quota and float usage (what disk_total_space() returns) are accepted.
$f = Quota::project([['timestamp' => 10, 'used_bytes' => 1.5e9], ['timestamp' => 86410, 'used_bytes' => 2.5e9]], ['quota_bytes' => 1e10, 'now' => 86410]);
// (8.5 GB - 2.5 GB) / 1 GB per day = 6 days.
var_dump($f['slope_bytes_per_day'], $f['days_to_threshold']['p50']);

// now defaults to time(): a series ending today, growing 1 GB/day, 10 GB left to the threshold.
$today = time();
$s = [];
for ($d = 9; $d >= 0; $d--) {
    $s[] = ['timestamp' => $today - $d * 86400, 'used_bytes' => 75e9 - $d * 1e9];
}
$p = Quota::project($s, ['quota_bytes' => 100e9]);
var_dump(abs($p['days_to_threshold']['p50'] - 10) < 0.01, abs($p['threshold_at'] - ($today + 864000)) < 900, $p['level']);
?>
--EXPECT--
array(9) {
  [0]=>
  string(6) "method"
  [1]=>
  string(12) "samples_used"
  [2]=>
  string(19) "slope_bytes_per_day"
  [3]=>
  string(10) "used_bytes"
  [4]=>
  string(11) "quota_bytes"
  [5]=>
  string(10) "used_ratio"
  [6]=>
  string(17) "days_to_threshold"
  [7]=>
  string(12) "threshold_at"
  [8]=>
  string(5) "level"
}
string(9) "theil_sen"
int(30)
int(54500000000)
int(100000000000)
float(0.545)
float(500000000)
array(3) {
  ["p10"]=>
  float(61)
  ["p50"]=>
  float(61)
  ["p90"]=>
  float(61)
}
bool(true)
string(2) "ok"
string(13) "least_squares"
bool(true)
bool(true)
float(1000000000)
float(6)
bool(true)
bool(true)
string(5) "watch"
