--TEST--
WebhookOutbox against a receiver on 127.0.0.1: shapes per kind, 5xx backoff, 429 Retry-After, dead letters, retry, purge, idempotency, sealed URLs
--EXTENSIONS--
jlg_native
--FILE--
<?php
require __DIR__ . '/../../support/http-fake/server.php';
use JLG\Native\StateStore;
use JLG\Native\TokenVault;
use JLG\Native\WebhookOutbox;

$srv = jlg_fake_start();
$dir = sys_get_temp_dir() . '/jlg-phpt-outbox-' . getmypid();
@mkdir($dir, 0700);
$store = new StateStore("$dir/state.sqlite");
$vault = TokenVault::fromSecret(str_repeat('k', 32));
$o = new WebhookOutbox($store, ['max_attempts' => 3, 'vault' => $vault, 'timeout' => 2.0,
    'backoff' => ['strategy' => 'exponential', 'base' => 10, 'cap' => 100]]);
jlg_fake_script($srv, '*', ['status' => 204]);
$url = $srv['url'] . '/api/webhooks/1/SECRET-HOOK';
$t = 1800000000.0;

echo "-- one of each kind\n";
foreach (['discord', 'slack', 'teams'] as $kind) {
    $o->enqueue($url, ['text' => "disk full ($kind)", 'title' => 'Backup JLG', 'severity' => 'critical'], ['kind' => $kind]);
}
$o->enqueue($url, ['event' => 'backup.failed', 'site' => 'a.example']);
print_r($o->flush(20, 5.0, $t));
foreach (jlg_fake_requests($srv) as $r) {
    $b = json_decode($r['body'], true);
    echo $r['method'], ' ', implode(',', array_keys($b)), "\n";
}
echo "-- 5xx, then 429 with Retry-After, then dead after 3 attempts\n";
jlg_fake_script($srv, '/api/webhooks/1/', ['status' => 503], ['status' => 429, 'headers' => ['Retry-After' => '300']], ['status' => 500]);
$id = $o->enqueue($url, ['text' => 'x'], ['kind' => 'slack', 'idempotency_key' => 'alert-1']);
var_dump($o->enqueue($url, ['text' => 'y'], ['kind' => 'slack', 'idempotency_key' => 'alert-1']) === $id);
print_r($o->flush(20, 5.0, $t + 1));
$p = $o->pending()[0];
echo $p['attempts'], ' ', $p['not_before'] - ($t + 1) >= 10 ? 'later' : 'now', ' ', $p['last_error'], ' ', var_export($p['encrypted'], true), "\n";
print_r($o->flush(20, 5.0, $t + 12));
$p = $o->pending()[0];
echo $p['attempts'], ' ', $p['not_before'] >= $t + 12 + 300 ? 'after retry-after' : 'too early', "\n";
print_r($o->flush(20, 5.0, $t + 320));
print_r($o->flush(20, 5.0, $t + 1000));
$d = $o->dead();
echo count($d), ' ', $d[0]['id'] === $id ? 'same id' : 'other', ' ', $d[0]['last_error'], "\n";
echo "-- retry the dead letter, purge\n";
var_dump($o->retry($id), $o->retry('nope'));
print_r($o->flush(20, 5.0, $t + 1001));
// The messages were settled at simulated future times: nothing is older than ten years (core tests purge with a clock).
var_dump($o->purge(315360000) === 0, count($o->pending()), count($o->dead()));
echo "-- secrets stay out of the file, the log and errors\n";
$o->enqueue($url, ['text' => 'sealed'], ['kind' => 'discord']);
$bytes = file_get_contents("$dir/state.sqlite") . @file_get_contents("$dir/state.sqlite-wal");
var_dump(str_contains($bytes, 'SECRET-HOOK'), str_contains(json_encode($store->events('http', ['limit' => 100])), 'SECRET'));
try {
    $o->enqueue('file:///etc/passwd?SECRET', ['text' => 'x']);
} catch (InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
try {
    $o->enqueue($url, ['txt' => 'x'], ['kind' => 'slack']);
} catch (InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
try {
    new WebhookOutbox($store, ['vault' => 'not a vault']);
} catch (InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
$plain = new WebhookOutbox($store);
print_r($plain->flush(20, 5.0, $t + 2000)); // sealed message: left for the outbox that has the vault
jlg_fake_stop($srv);
jlg_rm_tree($dir);
?>
--EXPECT--
-- one of each kind
Array
(
    [sent] => 4
    [retried] => 0
    [dead] => 0
    [remaining] => 0
)
POST content,embeds,allowed_mentions
POST text,blocks
POST type,attachments
POST event,site
-- 5xx, then 429 with Retry-After, then dead after 3 attempts
bool(true)
Array
(
    [sent] => 0
    [retried] => 1
    [dead] => 0
    [remaining] => 1
)
1 later HTTP 503 true
Array
(
    [sent] => 0
    [retried] => 1
    [dead] => 0
    [remaining] => 1
)
2 after retry-after
Array
(
    [sent] => 0
    [retried] => 0
    [dead] => 1
    [remaining] => 0
)
Array
(
    [sent] => 0
    [retried] => 0
    [dead] => 0
    [remaining] => 0
)
1 same id HTTP 500; gave up after 3 attempts
-- retry the dead letter, purge
bool(true)
bool(false)
Array
(
    [sent] => 1
    [retried] => 0
    [dead] => 0
    [remaining] => 0
)
bool(true)
int(0)
int(0)
-- secrets stay out of the file, the log and errors
bool(false)
bool(false)
url: only http:// and https:// URLs are allowed
payload.txt: unknown field `txt`, expected one of `text`, `title`, `url`, `severity`, `fields`
options.vault: expected a JLG\Native\TokenVault or null
Array
(
    [sent] => 0
    [retried] => 0
    [dead] => 0
    [remaining] => 1
)
