--TEST--
DiscordClient against a fake API on 127.0.0.1: bot answer, empty bucket (no request, widget), global 429, 401 halt, 5xx breaker, timeout, oversize, no token leak
--EXTENSIONS--
jlg_native
--FILE--
<?php
require __DIR__ . '/../../support/http-fake/server.php';
use JLG\Native\DiscordClient;
use JLG\Native\StateStore;

$srv = jlg_fake_start();
$dir = sys_get_temp_dir() . '/jlg-phpt-discord-' . getmypid();
@mkdir($dir, 0700);
$store = new StateStore("$dir/state.sqlite");
$token = 'MTIz.SECRET-BOT-TOKEN';
$bot = ['status' => 200, 'body' => ['name' => 'JLG', 'approximate_member_count' => 120, 'approximate_presence_count' => 33]];
$widget = ['status' => 200, 'body' => ['name' => 'JLG', 'presence_count' => 31, 'members' => []]];
jlg_fake_script($srv, '*', $widget);
$new = fn (array $o = []) => new DiscordClient($o + ['token' => $token, 'base_url' => $srv['url'] . '/api/v10',
    'state_store' => $store, 'timeout' => 1.0, 'max_body' => 4096]);

echo "-- bot answer, bucket exhausted\n";
jlg_fake_script($srv, '/api/v10/guilds/42?', $bot + ['headers' => ['X-RateLimit-Limit' => '5', 'X-RateLimit-Remaining' => '0',
    'X-RateLimit-Reset-After' => '30', 'X-RateLimit-Bucket' => 'abc']]);
$c = $new();
$s = $c->guildStats('42');
echo $s['source'], ' ', $s['member_count'], ' ', $s['presence_count'], ' ', $s['name'], "\n";
$r = jlg_fake_requests($srv);
var_dump($r[0]['auth'] === "Bot $token", $c->lastResponse()['rate_limit']['remaining'], $c->lastResponse()['status']);
echo "-- no bot request while the limiter says wait (another object, same store)\n";
$c2 = $new();
$s = $c2->guildStats('42');
echo $s['source'], ' ', var_export($s['member_count'], true), "\n";
var_dump(jlg_fake_count($srv, 'with_counts'));
echo "-- global 429 on another guild: every route waits\n";
$c3 = $new(['token' => 'other.token']);
jlg_fake_script($srv, '/api/v10/guilds/7?', ['status' => 429, 'headers' => ['Retry-After' => '60', 'X-RateLimit-Global' => 'true'], 'body' => ['global' => true]]);
echo $c3->guildStats('7')['source'], ' ', $c3->lastResponse()['outcome'], ' ', $store->events('http', ['limit' => 2])[1]['fields']['outcome'], "\n";
echo $c3->guildStats('8')['source'], "\n";
var_dump(jlg_fake_count($srv, '/guilds/8?'));
echo "-- 401 halts the token\n";
$c4 = $new(['token' => 'third.token']);
jlg_fake_script($srv, '/api/v10/guilds/9?', ['status' => 401, 'body' => ['message' => '401: Unauthorized']]);
$c4->guildStats('9');
$c4->guildStats('9');
var_dump(jlg_fake_count($srv, '/guilds/9?'));
echo "-- 5xx opens the breaker, then no request\n";
$c5 = new DiscordClient(['token' => 'fourth.token', 'base_url' => $srv['url'] . '/api/v10', 'timeout' => 1.0]);
jlg_fake_script($srv, '/api/v10/guilds/11?', ['status' => 502], ['status' => 503], ['status' => 500]);
for ($i = 0; $i < 5; $i++) {
    $c5->guildStats('11');
}
var_dump(jlg_fake_count($srv, '/guilds/11?'), $c5->lastResponse()['source']);
echo "-- timeout and oversize fall back; both down is a NativeException\n";
$c6 = new DiscordClient(['token' => 'fifth.token', 'base_url' => $srv['url'] . '/api/v10', 'timeout' => 0.3, 'max_body' => 1024]);
jlg_fake_script($srv, '/api/v10/guilds/12?', ['status' => 200, 'sleep_ms' => 800, 'body' => ['approximate_member_count' => 1]]);
jlg_fake_script($srv, '/api/v10/guilds/12/', ['status' => 200, 'size' => 5000]);
try {
    $c6->guildStats('12');
} catch (JLG\Native\NativeException $e) {
    echo $e->getMessage(), "\n";
}
echo "-- bad input and secrets\n";
try {
    $c->guildStats('12ab');
} catch (InvalidArgumentException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    new DiscordClient(['base_url' => 'ftp://x', 'token' => $token]);
} catch (InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
try {
    new DiscordClient(['token' => 'bad token with SECRET']);
} catch (InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
$all = json_encode($store->events('http', ['limit' => 1000])) . print_r($c->lastResponse(), true) . print_r($c, true);
var_dump(str_contains($all, 'SECRET'));
$m = $store->metrics('http', 0);
var_dump($m['count'] >= 5, isset($m['by_route']['GET /guilds/42']));
try {
    clone $c;
} catch (Error $e) {
    echo "clone refused\n";
}
jlg_fake_stop($srv);
jlg_rm_tree($dir);
?>
--EXPECT--
-- bot answer, bucket exhausted
bot 120 33 JLG
bool(true)
int(0)
int(200)
-- no bot request while the limiter says wait (another object, same store)
widget NULL
int(1)
-- global 429 on another guild: every route waits
widget ok rate_limited
widget
int(0)
-- 401 halts the token
int(1)
-- 5xx opens the breaker, then no request
int(3)
string(6) "widget"
-- timeout and oversize fall back; both down is a NativeException
guild stats unavailable: bot API: timed out after 300 ms; widget: response body larger than 1024 bytes
-- bad input and secrets
JLG\Native\InvalidInputException: guildId: must be a Discord snowflake: 1 to 20 digits
options.base_url: only http:// and https:// URLs are allowed
options.token: must be a bot token (1 to 256 printable ASCII characters, no spaces)
bool(false)
bool(true)
bool(true)
clone refused
