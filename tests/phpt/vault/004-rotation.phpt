--TEST--
TokenVault: rotation across three keys, needsRotation, migrate pass-through, fingerprints, inspect
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\DecryptionException;
use JLG\Native\TokenVault;

$k1 = random_bytes(32); $k2 = random_bytes(32); $k3 = random_bytes(32);
$ctx = 'discord_server_stats_options:server_profiles.main.bot_token';
$token = 'MTAwMDAwMDAwMDAwMDAwMDAw.GFAKE0.TEST_FAKE_TOKEN_not_real_abcdefghijklm';
$day = 86400;
$t0 = 1700000000;

$v1 = new TokenVault(['k1' => $k1], 'k1');
$e1 = $v1->encrypt($token, $ctx, $t0);
var_dump($v1->needsRotation($e1, 90 * $day, $t0 + 90 * $day), $v1->needsRotation($e1, 90 * $day, $t0 + 90 * $day + 1));

$v2 = new TokenVault(['k1' => $k1, 'k2' => $k2], 'k2');
var_dump($v2->needsRotation($e1, 90 * $day, $t0));          // old key
$e2 = $v2->rotate($e1, $ctx, $t0 + 10);
$i = TokenVault::inspect($e2);
var_dump($i['key_id'], $i['created_at'], $i['key_fingerprint'] === $v2->keyFingerprint(), $v2->decrypt($e2, $ctx) === $token);
var_dump($v2->keyFingerprint('k1') === $v1->keyFingerprint(), $v2->keyFingerprint('k1') !== $v2->keyFingerprint('k2'));
var_dump(preg_match('/^[0-9a-f]{16}$/', $v2->keyFingerprint()) === 1);
// migrate: an envelope under the active key passes through unchanged, one under an old key is re-sealed.
var_dump($v2->migrate($e2, [], $ctx) === $e2);
$m = $v2->migrate($e1, [], $ctx, $t0 + 20);
var_dump(TokenVault::inspect($m)['key_id'], $v2->decrypt($m, $ctx) === $token);

$v3 = new TokenVault(['k2' => $k2, 'k3' => $k3], 'k3');
$e3 = $v3->rotate($e2, $ctx, $t0 + 30);
var_dump(TokenVault::inspect($e3)['key_id'], $v3->decrypt($e3, $ctx) === $token);
try { $v3->decrypt($e1, $ctx); } catch (DecryptionException $x) { echo $x->getReason(), "\n"; }
// The same key id with other bytes (salts rotated under fromSecret): "the key changed", not "tampered".
$salts1 = TokenVault::fromSecret(str_repeat('a', 64));
$salts2 = TokenVault::fromSecret(str_repeat('b', 64));
$e = $salts1->encrypt('x');
try { $salts2->decrypt($e); } catch (DecryptionException $x) { echo $x->getReason(), ' ', TokenVault::inspect($e)['key_fingerprint'] === $salts1->keyFingerprint() ? 'fingerprint of the old key' : '?', "\n"; }
// fromSecret is deterministic and defaults to the key id "wp".
var_dump(TokenVault::fromSecret(str_repeat('a', 64))->keyFingerprint() === $salts1->keyFingerprint(), TokenVault::inspect($e)['key_id']);
// A renamed key is still found by its fingerprint.
$renamed = new TokenVault(['primary' => $k2], 'primary');
var_dump($renamed->decrypt($e2, $ctx) === $token);
// inspect on legacy values names their format.
foreach (['dbjlg_enc_v1:AAAA', 'dbjlg_enc_v2:AAAA', base64_encode("BJLGS1\x01" . str_repeat("\0", 60))] as $legacy) {
    $i = TokenVault::inspect($legacy);
    echo $i['format'], ' v', $i['version'], ' ', $i['algorithm'], ' ', var_export($i['key_id'], true), "\n";
}
$k = TokenVault::generateKey();
var_dump(strlen(base64_decode($k, true)), $k !== TokenVault::generateKey());
?>
--EXPECT--
bool(false)
bool(true)
bool(true)
string(2) "k2"
int(1700000010)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
string(2) "k2"
bool(true)
string(2) "k3"
bool(true)
unknown_key
unknown_key fingerprint of the old key
bool(true)
string(2) "wp"
bool(true)
dbjlg_enc_v1 v1 aes-256-cbc+hmac-sha256 NULL
dbjlg_enc_v2 v2 aes-256-cbc+hmac-sha256 NULL
bjlgs1 v1 aes-256-cbc+hmac-sha256 NULL
int(32)
bool(true)
