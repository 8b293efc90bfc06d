--TEST--
No data loss: the pure-PHP envelope (sodium only) and the extension read each other's envelopes, 1,200 random cases
--EXTENSIONS--
jlg_native
sodium
--FILE--
<?php
use JLG\Native\DecryptionException;
use JLG\Native\TokenVault;
use JLG\NativeCompanion\Vault\Envelope;
use JLG\NativeCompanion\Vault\Envelope_Error;

define('ABSPATH', __DIR__ . '/');
require __DIR__ . '/../../../wp-test-plugin/inc/vault/class-envelope.php';

$keys = ['old' => random_bytes(32), 'wp' => random_bytes(32), 'k-3_x' => random_bytes(32)];
$native = new TokenVault($keys, 'wp');
$rb = static fn (int $n): string => $n > 0 ? random_bytes($n) : '';
$utf8 = static function (int $chars): string {
    $pool = ['a', 'Z', ' ', 'é', 'ß', '—', '€', '中', '文', '🎉', '🔑', "\n", '0'];
    $s = '';
    for ($i = 0; $i < $chars; $i++) { $s .= $pool[random_int(0, count($pool) - 1)]; }
    return $s;
};

$failures = 0;
$cases = 1200;
for ($i = 0; $i < $cases; $i++) {
    $len = $i < 100 ? $i : random_int(0, 4096);
    $plaintext = match ($i % 3) { 0 => $rb($len), 1 => $utf8(intdiv($len, 3)), default => str_repeat("\0", $len % 7) . $rb($len) };
    $context = match ($i % 4) { 0 => '', 1 => 'discord_server_stats_options:server_profiles.p' . $i . '.bot_token', 2 => $rb(random_int(1, 64)), default => $utf8(5) };
    $now = random_int(-2 ** 40, 2 ** 40);
    $keyId = array_keys($keys)[$i % 3];

    // PHP writes, native reads.
    $fromPhp = Envelope::encrypt($plaintext, $context, $keyId, $keys[$keyId], $now);
    if ($native->decrypt($fromPhp, $context) !== $plaintext) { $failures++; echo "native could not read PHP case $i\n"; }
    if (TokenVault::inspect($fromPhp) !== Envelope::inspect($fromPhp)) { $failures++; echo "inspect differs, case $i\n"; }

    // Native writes, PHP reads.
    $fromNative = $native->encrypt($plaintext, $context, $now);
    if (Envelope::decrypt($fromNative, $context, $keys) !== $plaintext) { $failures++; echo "PHP could not read native case $i\n"; }
    if (TokenVault::inspect($fromNative)['created_at'] !== $now || !Envelope::is_envelope($fromNative)) { $failures++; echo "header differs, case $i\n"; }

    // Both refuse the same way: wrong context, a flipped character, a missing key.
    if ($i % 10 === 0) {
        $wrong = $context . 'x';
        $flipped = $fromNative;
        $pos = random_int(6, strlen($flipped) - 1);
        $flipped[$pos] = $flipped[$pos] === 'A' ? 'B' : 'A';
        foreach ([[$fromNative, $wrong, $keys], [$flipped, $context, $keys], [$fromNative, $context, ['old' => $keys['old']]]] as [$env, $ctx, $ring]) {
            $php = $nat = 'opened';
            try { Envelope::decrypt($env, $ctx, $ring); } catch (Envelope_Error $e) { $php = $e->get_reason(); }
            try { (new TokenVault($ring, array_key_first($ring)))->decrypt($env, $ctx); } catch (DecryptionException $e) { $nat = $e->getReason(); }
            if ($php !== $nat || $php === 'opened') { $failures++; echo "reasons differ, case $i: PHP $php, native $nat\n"; }
        }
    }
}
// Keys derived from secret material agree too.
$secret = random_bytes(200);
$fromSecret = TokenVault::fromSecret($secret, 'salts');
var_dump($fromSecret->keyFingerprint() === Envelope::fingerprint(Envelope::key_from_secret($secret)));
var_dump(Envelope::decrypt($fromSecret->encrypt('t', 'c'), 'c', ['salts' => Envelope::key_from_secret($secret)]));
echo "$cases cases, $failures failures\n";
?>
--EXPECT--
bool(true)
string(1) "t"
1200 cases, 0 failures
