--TEST--
Sla::windows default model: time-based availability, maintenance out of the denominator, errors name the entry
--EXTENSIONS--
jlg_native
--INI--
serialize_precision=-1
--FILE--
<?php
use JLG\Native\Sla;
$now = 1700000000; $start = $now - 86400;
$log = [
    ['timestamp' => $start - 3600, 'agent' => 'eu', 'status' => true, 'latency' => 0.2],
    ['timestamp' => $start + 3600, 'agent' => 'eu', 'status' => false],
    ['timestamp' => $start + 7200, 'agent' => 'eu', 'status' => true],
    ['timestamp' => $start - 10, 'agent' => 'us', 'status' => 'unknown'],
];
$r = Sla::windows($log, ['now' => $now, 'windows_days' => [1], 'agents' => ['eu' => ['weight' => 2]],
    'maintenance' => [['type' => 'one_off', 'start' => $start + 3600, 'duration_minutes' => 60]]]);
$eu = $r['windows']['1d']['agents']['eu'];
var_dump($eu['availability_raw'], $eu['availability_adjusted'], $eu['downtime_seconds'], $eu['maintenance_seconds']);
echo json_encode($eu['incidents']), "\n";
echo json_encode($eu['mttr'], JSON_PRESERVE_ZERO_FRACTION), "\n";
var_dump($r['windows']['1d']['agents']['us']['availability_raw'], $r['windows']['1d']['global']['availability_adjusted']);
var_dump($r['agents']['eu']['weight'], $r['model'], $r['timezone']);
// Empty and one-entry logs.
var_dump(Sla::windows([], ['now' => $now])['windows']['7d']['global']['availability_raw']);
var_dump(Sla::windows([['timestamp' => $now - 60, 'status' => true]], ['now' => $now])['windows']['30d']['agents']['default']['availability_raw']);
foreach ([
    [['timestamp' => '12', 'status' => true]],
    [['timestamp' => 12, 'status' => 'up']],
    [['status' => true]],
] as $bad) {
    try { Sla::windows($bad, ['now' => $now]); } catch (JLG\Native\InvalidInputException $e) { echo $e->getMessage(), "\n"; }
}
try { Sla::windows([], ['timezone' => 'Mars/Base']); } catch (\InvalidArgumentException $e) { echo $e->getMessage(), "\n"; }
try { Sla::windows([], ['retention_days' => 30]); } catch (\InvalidArgumentException $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
float(95.83333333333333)
float(100)
int(0)
int(3600)
[{"start":1699917200,"end":1699920800,"duration":3600,"open":false}]
{"count":1,"mean":3600.0,"median":3600.0,"p90":3600.0}
NULL
float(100)
float(2)
string(7) "default"
string(3) "UTC"
NULL
float(100)
log[0].timestamp: must be an integer Unix timestamp, got string
log[0].status: must be true, false, 'unknown' or 'maintenance', got 'up'
log[0].timestamp: is missing
options.timezone: 'Mars/Base' is not a known time zone
options.retention_days: belongs to the sitepulse model (set model => 'sitepulse')
