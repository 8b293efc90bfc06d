--TEST--
StateStore event log: structured JSON per channel, bounded by count and age, filters, and metrics (error rate, mean, p95, per outcome and route)
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\StateStore;

$dir = sys_get_temp_dir() . '/jlg-phpt-events-' . getmypid();
@mkdir($dir, 0700);
$s = new StateStore("$dir/state.sqlite", ['max_events_per_channel' => 200, 'max_event_age_seconds' => 3600]);
$t = 1700000000.0;
for ($i = 1; $i <= 1000; $i++) {
    $s->logEvent('discord', [
        'route' => $i % 2 ? 'GET /guilds/1' : 'GET /guilds/1/widget.json',
        'outcome' => $i % 20 === 0 ? 'error' : ($i % 25 === 0 ? 'fallback' : 'ok'),
        'duration_ms' => $i % 100,
        'profile' => 'main',
        'remaining' => 5,
    ], $t + $i);
}
$s->logEvent('backup', ['outcome' => 'ok'], $t);
$all = $s->events('discord', ['limit' => 10000]);
echo "kept: ", count($all), " (newest ", $all[0]['time'] - $t, ", oldest ", end($all)['time'] - $t, ")\n";
var_dump($all[0]['channel'], $all[0]['fields']);
echo "backup kept apart: ", count($s->events('backup')), "\n";
echo "errors only: ", count($s->events('discord', ['outcome' => 'error', 'limit' => 1000])), "\n";
echo "window: ", implode(',', array_map(fn ($e) => $e['time'] - $t, $s->events('discord', ['since' => $t + 990, 'until' => $t + 995, 'order' => 'asc']))), "\n";
echo "route + limit: ", count($s->events('discord', ['route' => 'GET /guilds/1', 'limit' => 7])), "\n";

$m = $s->metrics('discord', $t + 901);
printf("count %d errors %d rate %.3f mean %.2f p95 %.2f\n", $m['count'], $m['errors'], $m['error_rate'], $m['mean_ms'], $m['p95_ms']);
ksort($m['by_outcome']);
echo json_encode($m['by_outcome']), "\n";
foreach ($m['by_route'] as $route => $r) {
    printf("%-28s count %d errors %d mean %.2f p95 %.2f\n", $route, $r['count'], $r['errors'], $r['mean_ms'], $r['p95_ms']);
}
// Cross-check the percentile with PHP (linear interpolation between closest ranks).
$d = array_map(fn ($e) => $e['fields']['duration_ms'], $s->events('discord', ['since' => $t + 901, 'limit' => 1000]));
sort($d);
$h = (count($d) - 1) * 0.95;
$p95 = $d[(int) floor($h)] + ($d[(int) min(floor($h) + 1, count($d) - 1)] - $d[(int) floor($h)]) * ($h - floor($h));
echo "p95 agrees with PHP: ", var_export(abs($p95 - $m['p95_ms']) < 1e-9, true), "\n";
var_dump($s->metrics('nothing', 0));

// Age bound: an event an hour later pushes out everything older than max_event_age_seconds.
$s->logEvent('discord', ['outcome' => 'ok'], $t + 1000 + 3600 - 50);
echo "after an hour: ", count($s->events('discord', ['limit' => 10000])), "\n";

foreach ([['duration_ms' => 'slow'], ['outcome' => ['x']], [1, 2, 3], ['blob' => str_repeat('x', 70000)]] as $bad) {
    try { $s->logEvent('discord', $bad); echo "accepted?!\n"; } catch (JLG\Native\InvalidInputException $e) { echo $e->getField(), ': ', $e->getMessage(), "\n"; }
}
try { $s->events('discord', ['limit' => 0]); } catch (JLG\Native\InvalidInputException $e) { echo $e->getField(), ': ', $e->getMessage(), "\n"; }
try { $s->events('discord', ['order' => 'random']); } catch (JLG\Native\InvalidInputException $e) { echo $e->getField(), "\n"; }
unset($s);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
kept: 200 (newest 1000, oldest 801)
string(7) "discord"
array(5) {
  ["route"]=>
  string(25) "GET /guilds/1/widget.json"
  ["outcome"]=>
  string(5) "error"
  ["duration_ms"]=>
  int(0)
  ["profile"]=>
  string(4) "main"
  ["remaining"]=>
  int(5)
}
backup kept apart: 1
errors only: 10
window: 990,991,992,993,994
route + limit: 7
count 100 errors 8 rate 0.080 mean 49.50 p95 94.05
{"error":5,"fallback":3,"ok":92}
GET /guilds/1                count 50 errors 2 mean 50.00 p95 94.10
GET /guilds/1/widget.json    count 50 errors 6 mean 49.00 p95 93.10
p95 agrees with PHP: true
array(7) {
  ["count"]=>
  int(0)
  ["errors"]=>
  int(0)
  ["error_rate"]=>
  float(0)
  ["mean_ms"]=>
  NULL
  ["p95_ms"]=>
  NULL
  ["by_outcome"]=>
  array(0) {
  }
  ["by_route"]=>
  array(0) {
  }
}
after an hour: 52
fields.duration_ms: fields.duration_ms: must be a number of milliseconds, 0 or more
fields.outcome: fields.outcome: must be a string
fields: fields: must be an array of key => value, not a list
fields: fields: is 70011 bytes as JSON, at most 65536
filter.limit: filter.limit: must be between 1 and 10000
filter.order
