--TEST--
StateStore locks: random tokens, exclusive until released or expired, only the holder releases
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\StateStore;

$dir = sys_get_temp_dir() . '/jlg-phpt-locks-' . getmypid();
@mkdir($dir, 0700);
$s = new StateStore("$dir/state.sqlite");
$a = new StateStore("$dir/state.sqlite"); // a second connection, as another worker would have

$t = 1700000000.0;
$token = $s->acquireLock('discord:refresh', 30, $t);
var_dump(preg_match('/^[0-9a-f]{32}$/', $token) === 1);
var_dump($a->acquireLock('discord:refresh', 30, $t + 5));       // held
var_dump($a->releaseLock('discord:refresh', 'not-the-token'));  // not ours
var_dump($a->acquireLock('discord:refresh', 30, $t + 29.99));   // still held
$token2 = $a->acquireLock('discord:refresh', 30, $t + 30);      // expired: taken over
var_dump(is_string($token2), $token2 !== $token);
var_dump($s->releaseLock('discord:refresh', $token));           // the old holder lost it
var_dump($a->releaseLock('discord:refresh', $token2));
var_dump(is_string($s->acquireLock('discord:refresh', 30, $t + 31)));
var_dump(is_string($s->acquireLock('another', 30, $t + 31)));
// With the real clock.
var_dump(is_string($s->acquireLock('clock', 60)), $a->acquireLock('clock', 60));

foreach ([fn () => $s->acquireLock('', 10), fn () => $s->acquireLock('x', 0), fn () => $s->acquireLock('x', 40000000), fn () => $s->acquireLock('x', 5, NAN)] as $call) {
    try { $call(); echo "accepted?!\n"; } catch (JLG\Native\InvalidInputException $e) { echo $e->getField(), ': ', $e->getMessage(), "\n"; }
}
unset($s, $a);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
bool(true)
NULL
bool(false)
NULL
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
NULL
name: name: must be 1 to 255 bytes long, got 0
ttlSeconds: ttlSeconds: must be between 1 and 31536000 seconds, got 0
ttlSeconds: ttlSeconds: must be between 1 and 31536000 seconds, got 40000000
now: now: must be a Unix timestamp (finite, not negative), got NaN
