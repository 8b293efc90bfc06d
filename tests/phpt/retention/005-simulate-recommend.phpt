--TEST--
Retention::simulate shows the saw-tooth of a policy; Retention::recommend finds the largest policy under a target
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Retention;
use JLG\Native\InvalidInputException;

$t0 = 1700000000;
$archives = [];
for ($i = 0; $i < 2; $i++) {
    $archives[] = ['id' => "b$i.zip", 'timestamp' => $t0 + $i * 86400, 'size' => 100];
}
$sim = Retention::simulate($archives, ['by_number' => 3], ['start' => $t0 + 2 * 86400, 'interval_seconds' => 86400, 'count' => 4, 'size' => 100]);
foreach ($sim['steps'] as $s) {
    printf("%s: %d -> %d (%d archives) deleted %s\n", $s['added'], $s['used_before_bytes'], $s['used_after_bytes'], $s['archives'], json_encode($s['deleted']));
}
echo 'peak ', $sim['peak_used_bytes'], ' final ', $sim['final_used_bytes'], ' keep ', json_encode($sim['keep']), "\n";

// An explicit list of future archives.
$sim = Retention::simulate($archives, ['keep_last' => 1], [['id' => 'n', 'timestamp' => $t0 + 5 * 86400, 'size' => 7]]);
echo json_encode($sim['steps'][0]['deleted']), ' ', $sim['final_used_bytes'], "\n";

try {
    Retention::simulate($archives, ['by_number' => 3], [['id' => 'b1.zip', 'timestamp' => $t0 + 9 * 86400, 'size' => 1]]);
} catch (InvalidInputException $e) {
    echo '[', $e->getField(), '] ', $e->getMessage(), "\n";
}
try {
    Retention::simulate($archives, ['by_number' => 3], ['start' => 1, 'interval_seconds' => 60, 'count' => 20000, 'size' => 1]);
} catch (InvalidInputException $e) {
    echo '[', $e->getField(), '] ', $e->getMessage(), "\n";
}

// Ten archives of 100 bytes, quota 1,000 at 85 %: 8 archives fit.
$ten = [];
for ($i = 0; $i < 10; $i++) {
    $ten[] = ['id' => "a$i", 'timestamp' => $t0 + $i * 86400, 'size' => 100];
}
$r = Retention::recommend($ten, 1000, 0.85);
echo json_encode($r), "\n";
// Beyond the archives present, growth is projected with the p90 size.
echo Retention::recommend($ten, 5000, 0.5, ['by_number' => 3, 'by_age' => 0])['policy']['by_number'], "\n";
$r = Retention::recommend($ten, 100, 0.5);
echo $r['policy']['by_number'], ' fits=', var_export($r['fits'], true), "\n";
// GFS counts are scaled together; the given counts are the ceiling.
$many = [];
for ($i = 0; $i < 120; $i++) {
    $many[] = ['id' => "d$i", 'timestamp' => $t0 + $i * 86400, 'size' => 100];
}
$r = Retention::recommend($many, 3000, 0.5, ['keep_daily' => 14, 'keep_weekly' => 8, 'keep_monthly' => 6]);
$p = $r['policy'];
echo $r['fits'] && $r['projected_used_bytes'] <= 1500 && $p['keep_daily'] < 14 && $p['keep_daily'] > 0 ? "gfs scaled down\n" : 'unexpected ' . json_encode($r) . "\n";
$r = Retention::recommend($many, 10 ** 9, 1.0, ['keep_daily' => 14, 'keep_weekly' => 8, 'keep_monthly' => 6]);
echo json_encode([$r['policy']['keep_daily'], $r['policy']['keep_weekly'], $r['policy']['keep_monthly']]), "\n";
foreach ([[[], 1000, 0.5, []], [$ten, 0, 0.5, []], [$ten, 1000, 2.0, []], [$ten, 1000, 0.5, ['keep_daily' => -1]]] as [$a, $q, $t, $p]) {
    try {
        Retention::recommend($a, $q, $t, $p);
    } catch (InvalidInputException $e) {
        echo '[', $e->getField(), '] ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
future-1: 300 -> 300 (3 archives) deleted []
future-2: 400 -> 300 (3 archives) deleted ["b0.zip"]
future-3: 400 -> 300 (3 archives) deleted ["b1.zip"]
future-4: 400 -> 300 (3 archives) deleted ["future-1"]
peak 400 final 300 keep ["future-4","future-3","future-2"]
["b1.zip","b0.zip"] 7
[future[0].id] future[0].id: "b1.zip" is already the id of an archive
[future.count] future.count: must be from 0 to 10000, got 20000
{"policy":{"by_number":8,"by_age_days":0,"pre_restore_marker":"pre-restore-backup","pre_restore_max_age_days":7},"projected_used_bytes":800,"target_bytes":850,"fits":true}
25
1 fits=false
gfs scaled down
[14,8,6]
[archives] archives: at least one archive is needed to project sizes
[quotaBytes] quotaBytes: must be a positive number of bytes, got 0
[targetRatio] targetRatio: must be greater than 0 and at most 1, got 2
[policy.keep_daily] policy.keep_daily: recommend needs finite counts: -1 (unlimited) cannot be projected
