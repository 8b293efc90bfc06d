--TEST--
WebhookOutbox::summary(): exact counts and the oldest pending message past the 1000 rows pending() lists
--EXTENSIONS--
jlg_native
--FILE--
<?php
require __DIR__ . '/../../support/http-fake/server.php';
use JLG\Native\StateStore;
use JLG\Native\WebhookOutbox;

$srv = jlg_fake_start();
$dir = sys_get_temp_dir() . '/jlg-phpt-outbox-summary-' . getmypid();
@mkdir($dir, 0700);
$o = new WebhookOutbox(new StateStore("$dir/state.sqlite"), ['max_attempts' => 1, 'timeout' => 2.0]);
var_dump($o->summary());

echo "-- two dead letters (the receiver answers 404)\n";
jlg_fake_script($srv, '*', ['status' => 404]);
$o->enqueue($srv['url'] . '/gone/1', ['event' => 'a']);
$o->enqueue($srv['url'] . '/gone/2', ['event' => 'b']);
$t = microtime(true);
echo json_encode($o->flush(20, 5.0, $t)), "\n";

echo "-- 1,005 pending; the oldest is due last, so pending() does not list it\n";
$before = microtime(true);
$o->enqueue($srv['url'] . '/hook', ['n' => 0], ['not_before' => $t + 86400]);
$after = microtime(true);
usleep(2000);
for ($i = 1; $i < 1005; $i++) {
    $o->enqueue($srv['url'] . '/hook', ['n' => $i], ['not_before' => $t + 60]);
}
$listed = $o->pending();
$s = $o->summary();
echo count($listed), ' listed, ', $s['pending'], ' pending, ', count($o->dead()), ' listed dead, ', $s['dead'], " dead\n";
var_dump($s['oldest_pending_at'] >= $before && $s['oldest_pending_at'] <= $after);
var_dump($s['oldest_pending_at'] < min(array_column($listed, 'created_at')));
var_dump(array_keys($s));

jlg_fake_stop($srv);
jlg_rm_tree($dir);
?>
--EXPECT--
array(3) {
  ["pending"]=>
  int(0)
  ["dead"]=>
  int(0)
  ["oldest_pending_at"]=>
  NULL
}
-- two dead letters (the receiver answers 404)
{"sent":0,"retried":0,"dead":2,"remaining":0}
-- 1,005 pending; the oldest is due last, so pending() does not list it
1000 listed, 1005 pending, 2 listed dead, 2 dead
bool(true)
bool(true)
array(3) {
  [0]=>
  string(7) "pending"
  [1]=>
  string(4) "dead"
  [2]=>
  string(17) "oldest_pending_at"
}
