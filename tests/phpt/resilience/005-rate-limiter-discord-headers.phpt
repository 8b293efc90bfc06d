--TEST--
RateLimiter: Discord header sequences (bucket exhaustion, reset-after, global 429, shared scope, 401 halt, invalid budget) with the state saved between requests
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\RateLimiter;

$t = 1470173000.0;
$saved = [];
/** One "request": rebuild from the saved state, act, save. */
function req(array &$saved, callable $act, array $config = []) {
    $l = new RateLimiter($saved, $config);
    $out = $act($l);
    $saved = $l->toArray();
    return $out;
}
$route = RateLimiter::routeKey('POST', 'https://discord.com/api/v10/channels/81384788765712384/messages');
echo "route: $route\n";

echo "-- bucket exhaustion (headers as WordPress hands them: lower-case, strings)\n";
var_dump(req($saved, fn ($l) => $l->wait($route, $t)));
$out = req($saved, fn ($l) => $l->update($route, 200, [
    'x-ratelimit-limit' => '5', 'x-ratelimit-remaining' => '0', 'x-ratelimit-reset' => '1470173023',
    'x-ratelimit-reset-after' => '2.5', 'x-ratelimit-bucket' => 'abcd1234',
], $t));
var_dump($out);
printf("wait: %.2f\n", req($saved, fn ($l) => $l->wait($route, $t + 1.0)));
printf("after the reset: %.2f\n", req($saved, fn ($l) => $l->wait($route, $t + 2.5)));
echo "another channel: ", req($saved, fn ($l) => $l->wait(RateLimiter::routeKey('POST', '/channels/2/messages'), $t + 1.0)), "\n";

echo "-- user 429 (Retry-After beats the shorter reset-after)\n";
$out = req($saved, fn ($l) => $l->update($route, 429, [
    'Retry-After' => '65', 'X-RateLimit-Limit' => '10', 'X-RateLimit-Remaining' => '0',
    'X-RateLimit-Reset-After' => '64.57', 'X-RateLimit-Bucket' => 'abcd1234', 'X-RateLimit-Scope' => 'user',
], $t + 10));
var_dump($out['retry_after'], $out['scope'], $out['invalid_counted']);
printf("wait: %.2f\n", req($saved, fn ($l) => $l->wait($route, $t + 10)));

echo "-- global 429\n";
$out = req($saved, fn ($l) => $l->update('GET /guilds/1', 429, ['retry-after' => ['2'], 'x-ratelimit-global' => 'true', 'x-ratelimit-scope' => 'global'], $t + 20));
var_dump($out['global'], $out['retry_after']);
printf("any route waits: %.2f %.2f\n", req($saved, fn ($l) => $l->wait('GET /users/@me', $t + 20.5)), req($saved, fn ($l) => $l->wait('GET /guilds/2', $t + 21)));
printf("then goes: %.2f\n", req($saved, fn ($l) => $l->wait('GET /users/@me', $t + 22)));

echo "-- shared scope 429 is not invalid\n";
$out = req($saved, fn ($l) => $l->update('GET /guilds/3', 429, ['Retry-After' => '1', 'X-RateLimit-Scope' => 'shared'], $t + 30));
var_dump($out['invalid_counted']);
echo "invalid slots so far: ", array_sum(array_column($saved['invalid'], 'count')), "\n";

echo "-- 401 halts until reset()\n";
$out = req($saved, fn ($l) => $l->update('GET /guilds/1', 401, [], $t + 40));
var_dump($out['halted'], req($saved, fn ($l) => $l->wait('GET /users/@me', $t + 1e6)));
req($saved, fn ($l) => $l->reset());
var_dump($saved['halted'], req($saved, fn ($l) => $l->wait('GET /users/@me', $t + 41)));

echo "-- invalid budget: half of 20 in the window, then refusal until the window rolls\n";
$saved = [];
$config = ['invalid_limit' => 20];
for ($i = 0; $i < 9; $i++) {
    req($saved, fn ($l) => $l->update('GET /guilds/1', 403, [], $t + $i), $config);
}
printf("after 9: %.1f\n", req($saved, fn ($l) => $l->wait('GET /users/@me', $t + 10), $config));
req($saved, fn ($l) => $l->update('GET /guilds/1', 403, [], $t + 10), $config);
printf("after 10: %.1f\n", req($saved, fn ($l) => $l->wait('GET /users/@me', $t + 10), $config));
printf("at the roll: %.1f\n", req($saved, fn ($l) => $l->wait('GET /users/@me', $t + 660), $config));

echo "-- global 50 per second\n";
$l = new RateLimiter();
$sent = 0;
for ($i = 0; $i < 60; $i++) {
    if ($l->wait("GET /guilds/$i", $t + 0.25) == 0.0) { $sent++; }
}
printf("sent %d, next in %.2f\n", $sent, $l->wait('GET /guilds/0', $t + 0.5));
?>
--EXPECT--
route: POST /channels/81384788765712384/messages
-- bucket exhaustion (headers as WordPress hands them: lower-case, strings)
float(0)
array(6) {
  ["retry_after"]=>
  NULL
  ["bucket"]=>
  string(8) "abcd1234"
  ["global"]=>
  bool(false)
  ["scope"]=>
  NULL
  ["invalid_counted"]=>
  bool(false)
  ["halted"]=>
  bool(false)
}
wait: 1.50
after the reset: 0.00
another channel: 0
-- user 429 (Retry-After beats the shorter reset-after)
float(65)
string(4) "user"
bool(true)
wait: 65.00
-- global 429
bool(true)
float(2)
any route waits: 1.50 1.00
then goes: 0.00
-- shared scope 429 is not invalid
bool(false)
invalid slots so far: 2
-- 401 halts until reset()
bool(true)
float(INF)
bool(false)
float(0)
-- invalid budget: half of 20 in the window, then refusal until the window rolls
after 9: 0.0
after 10: 650.0
at the roll: 0.0
-- global 50 per second
sent 50, next in 0.75
