--TEST--
lint() codes and analyze() preview data; option typos are errors
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\CronExpression;
$from = 1767225600; // 2026-01-01 00:00 UTC
function codes(array $list): string { return implode(',', array_column($list, 'code')); }
echo codes((new CronExpression('* * * * *'))->lint(['from' => $from])), "\n";
echo codes((new CronExpression('0 * * * *'))->lint(['from' => $from, 'min_interval' => 7200])), "\n";
echo codes((new CronExpression('30 2 1-10,20 * 0', 'Europe/Paris'))->lint(['from' => $from])), "\n";
echo codes((new CronExpression('0 0 29 2 *'))->lint(['from' => $from])), "\n";
$l = (new CronExpression('*/2 * * * *'))->lint(['from' => $from]);
echo $l[0]['severity'], ' ', str_contains($l[0]['message'], "'*/5 * * * *'") ? 'suggests */5' : $l[0]['message'], "\n";

$a = (new CronExpression('0 3 * * *', 'Europe/Paris'))->analyze(['count' => 3, 'from' => $from, 'avg_duration' => 1800]);
echo implode(',', array_keys($a)), "\n";
echo $a['normalized'], ' | ', $a['timezone'], ' | ', $a['description'], "\n";
foreach ($a['next_runs'] as $r) { echo $r['timestamp'], ' ', $r['iso'], "\n"; }
var_dump($a['interval'], $a['impact'], $a['severity']);
$b = (new CronExpression('*/10 * * * *', 'Europe/Paris'))->analyze(['from' => $from, 'locale' => 'fr']);
echo $b['description'], ' | ', $b['impact']['runs_per_day'], ' ', $b['impact']['level'], ' ', $b['severity'], ' ', codes($b['warnings']), "\n";
$e = (new CronExpression('* * * * *'))->analyze(['from' => $from, 'thresholds' => ['frequency_warning' => 2000, 'frequency_danger' => 3000]]);
echo $e['impact']['level'], ' ', $e['severity'], ' ', codes($e['errors']), "\n";
foreach ([['cont' => 3], ['count' => 0], ['thresholds' => ['load' => 1]], ['count' => '5'], ['locale' => 'xx']] as $bad) {
    try { (new CronExpression('0 3 * * *'))->analyze($bad); echo "accepted\n"; }
    catch (JLG\Native\InvalidInputException $x) { echo $x->getField(), "\n"; }
}
?>
--EXPECT--
too_frequent
too_frequent,top_of_hour
or_rule,dst_gap,dst_overlap
rare
error suggests */5
expression,normalized,timezone,description,next_runs,interval,impact,warnings,errors,severity
0 3 * * * | Europe/Paris | At 03:00, every day
1767232800 2026-01-01T03:00:00+01:00
1767319200 2026-01-02T03:00:00+01:00
1767405600 2026-01-03T03:00:00+01:00
array(2) {
  ["min"]=>
  int(82800)
  ["max"]=>
  int(90000)
}
array(3) {
  ["runs_per_day"]=>
  float(1)
  ["estimated_load"]=>
  float(1800)
  ["level"]=>
  string(2) "ok"
}
string(2) "ok"
Toutes les 10 minutes, tous les jours | 144 danger danger dst_gap,dst_overlap
ok error too_frequent
options.cont
count
options.thresholds.load
options.count
locale
