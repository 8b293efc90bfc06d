--TEST--
Quota::project: levels from the earliest plausible crossing, unlimited quotas, short series, falling usage
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Quota;

$t0 = 1700000000;
$grow = [];
for ($d = 0; $d < 10; $d++) {
    $grow[] = ['timestamp' => $t0 + $d * 86400, 'used_bytes' => (75 + $d) * 1e9]; // 1 GB/day, 84 GB last
}
$now = $t0 + 9 * 86400;
$level = fn (array $o) => Quota::project($grow, $o + ['now' => $now])['level'];
echo $level(['quota_bytes' => 100e9]), "\n";                          // 1 day to 85 GB
echo $level(['quota_bytes' => 100e9, 'now' => $now - 2 * 86400]), "\n"; // 3 days
echo $level(['quota_bytes' => 100e9, 'threshold_ratio' => 0.95]), "\n"; // 11 days
echo $level(['quota_bytes' => 1000e9]), "\n";                         // 766 days
echo $level(['quota_bytes' => null]), "\n";                           // unlimited
echo $level(['quota_bytes' => 90e9]), "\n";                           // already above 76.5 GB

$over = Quota::project($grow, ['quota_bytes' => 90e9, 'now' => $now]);
var_dump($over['days_to_threshold']['p50'], $over['threshold_at'] === $now);

$unlimited = Quota::project($grow, ['now' => $now]);
var_dump($unlimited['quota_bytes'], $unlimited['used_ratio'], $unlimited['days_to_threshold']['p90'], $unlimited['threshold_at']);

foreach ([[], [$grow[0]]] as $short) {
    $p = Quota::project($short, ['quota_bytes' => 100e9, 'now' => $now]);
    echo count($short), ' sample(s): ', $p['level'], ' slope=', var_export($p['slope_bytes_per_day'], true), "\n";
}

$falling = [];
foreach (array_reverse($grow) as $i => $row) {
    $falling[] = ['timestamp' => $t0 + $i * 86400, 'used_bytes' => $row['used_bytes']];
}
$p = Quota::project($falling, ['quota_bytes' => 100e9, 'now' => $now]);
echo 'falling: ', $p['level'], ' ', var_export($p['days_to_threshold']['p50'], true), "\n";
?>
--EXPECT--
critical
warning
watch
ok
ok
critical
float(0)
bool(true)
NULL
NULL
NULL
NULL
0 sample(s): unknown slope=NULL
1 sample(s): unknown slope=NULL
falling: ok NULL
