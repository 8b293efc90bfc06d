--TEST--
Quota::project: Theil-Sen ignores 29 % broken readings that throw least squares off
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Quota;

mt_srand(42);
$t0 = 1700000000;
$n = 100;
$samples = [];
for ($i = 0; $i < $n; $i++) {
    $noise = (mt_rand() / mt_getrandmax() - 0.5) * 1e8;
    $samples[] = ['timestamp' => $t0 + $i * 86400, 'used_bytes' => 20e9 + 0.3e9 * $i + $noise];
}
$broken = array_rand(range(0, $n - 1), 29);
foreach ($broken as $k => $i) {
    // a failed measurement reports 0, a reading taken while an archive is written spikes
    $samples[$i]['used_bytes'] = $k % 2 ? 0 : $samples[$i]['used_bytes'] + 60e9;
}
$now = $t0 + ($n - 1) * 86400;
$truth = (85e9 - (20e9 + 0.3e9 * 99)) / 0.3e9;
$ts = Quota::project($samples, ['quota_bytes' => 100e9, 'now' => $now]);
$ls = Quota::project($samples, ['quota_bytes' => 100e9, 'now' => $now, 'method' => 'least_squares']);
printf("truth: %.0f days\n", $truth);
printf("theil_sen within 5%%: %s\n", abs($ts['days_to_threshold']['p50'] - $truth) < 0.05 * $truth ? 'yes' : 'no');
printf("theil_sen slope within 3%%: %s\n", abs($ts['slope_bytes_per_day'] - 0.3e9) < 0.009e9 ? 'yes' : 'no');
printf("theil_sen bounds ordered: %s\n", $ts['days_to_threshold']['p10'] <= $ts['days_to_threshold']['p50'] && $ts['days_to_threshold']['p50'] <= $ts['days_to_threshold']['p90'] ? 'yes' : 'no');
$lsDays = $ls['days_to_threshold']['p50'];
printf("least squares off by more than 20%%: %s\n", $lsDays === null || abs($lsDays - $truth) > 0.2 * $truth ? 'yes' : 'no');
?>
--EXPECT--
truth: 118 days
theil_sen within 5%: yes
theil_sen slope within 3%: yes
theil_sen bounds ordered: yes
least squares off by more than 20%: yes
