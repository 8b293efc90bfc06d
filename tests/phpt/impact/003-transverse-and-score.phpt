--TEST--
Impact::transverseIndex and Impact::score: shapes, hand-computed values, explainable breakdown
--EXTENSIONS--
jlg_native
--INI--
serialize_precision=-1
--FILE--
<?php
use JLG\Native\Impact;
$t = Impact::transverseIndex([
    'modules_status' => ['uptime_tracker' => true, 'speed_analyzer' => true],
    'uptime' => ['uptime' => 98.7, 'violations' => 2],
    'speed' => ['average' => 350.0, 'trend' => 20.0],
], ['range' => '7d', 'seconds' => 604800, 'now' => 1700000000]);
var_dump($t['modules']['uptime_tracker']['score'], $t['modules']['speed_analyzer']['score'], $t['overall'], $t['dominant_module']);
echo $t['modules']['speed_analyzer']['signal'], "\n";
$now = 1700000000;
$s = Impact::score([
    ['module' => 'db', 'severity' => 'critical', 'timestamp' => $now - 100],
    ['module' => 'cache', 'severity' => 'warning', 'timestamp' => $now - 90000, 'resolved_at' => $now - 86400, 'affected' => 99],
    ['module' => 'cache', 'severity' => 'warning', 'timestamp' => $now - 200000, 'resolved_at' => $now - 172800],
], ['now' => $now]);
var_export($s['modules']['cache']); echo "\n";
var_dump($s['overall'], $s['dominant_module'], $s['modules']['db']['rank']);
var_dump(array_sum($s['modules']['cache']['breakdown']) == $s['modules']['cache']['score']);
try {
    Impact::score([['module' => 'db', 'severity' => 'major', 'timestamp' => 1]]);
} catch (JLG\Native\InvalidInputException $e) {
    echo $e->getField(), "\n";
}
?>
--EXPECT--
float(36)
float(50)
float(42.53)
string(14) "speed_analyzer"
Average 350.0 ms • Slower +20.0 ms
array (
  'score' => 29.17,
  'rank' => 2,
  'breakdown' => 
  array (
    'severity' => 7.5,
    'recurrence' => 5.0,
    'recency' => 10.0,
    'affected' => 6.67,
  ),
  'open_incidents' => 0,
  'events' => 2,
)
float(78.75)
string(2) "db"
int(1)
bool(true)
events[0].severity
