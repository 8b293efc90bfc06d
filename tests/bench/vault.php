<?php
/**
 * Bench: TokenVault encrypt+decrypt of a 72-byte bot token, against PHP's own
 * sodium in the same process: (a) the bare AEAD calls a plugin would write by
 * hand (random nonce, XChaCha20-Poly1305 encrypt and decrypt, no envelope), and
 * (b) the pure-PHP envelope fallback, which does the same work as the extension.
 */

declare(strict_types=1);

require __DIR__ . '/lib.php';
if (!defined('ABSPATH')) {
    define('ABSPATH', __DIR__ . '/');
}
require __DIR__ . '/../../wp-test-plugin/inc/vault/class-envelope.php';

use JLG\Native\TokenVault;
use JLG\NativeCompanion\Vault\Envelope;

$key = random_bytes(32);
$token = 'MTAwMDAwMDAwMDAwMDAwMDAw.GFAKE0.TEST_FAKE_TOKEN_not_real_abcdefghijklmno';
if (strlen($token) !== 72) {
    throw new LogicException("the bench token must be 72 bytes");
}
$context = 'discord_server_stats_options:bot_token';
$vault = new TokenVault(['wp' => $key], 'wp');
$n = 50000;

jlg_bench_title('TokenVault: encrypt + decrypt of a 72-byte token');

$raw = jlg_bench('PHP sodium, bare AEAD (nonce, encrypt, decrypt)', static function () use ($key, $token, $context) {
    $nonce = random_bytes(SODIUM_CRYPTO_AEAD_XCHACHA20POLY1305_IETF_NPUBBYTES);
    $c = sodium_crypto_aead_xchacha20poly1305_ietf_encrypt($token, $context, $nonce, $key);
    return sodium_crypto_aead_xchacha20poly1305_ietf_decrypt($c, $context, $nonce, $key);
}, $n);
$php = jlg_bench('PHP sodium, envelope fallback (class-envelope.php)', static function () use ($key, $token, $context) {
    $e = Envelope::encrypt($token, $context, 'wp', $key);
    return Envelope::decrypt($e, $context, ['wp' => $key]);
}, $n);
$native = jlg_bench('native TokenVault::encrypt + decrypt', static function () use ($vault, $token, $context) {
    return $vault->decrypt($vault->encrypt($token, $context), $context);
}, $n);
jlg_bench_report('native envelope vs bare PHP sodium AEAD', $native, $raw);
jlg_bench_report('native envelope vs PHP envelope', $native, $php);
printf("  => native costs %.2fx the bare PHP sodium calls (target: at most 1.5x)\n", $native / $raw);

jlg_bench_title('TokenVault: the two halves');
$e = $vault->encrypt($token, $context);
$encNative = jlg_bench('native encrypt', static fn () => $vault->encrypt($token, $context), $n);
$decNative = jlg_bench('native decrypt', static fn () => $vault->decrypt($e, $context), $n);
$encRaw = jlg_bench('PHP sodium bare encrypt (with random_bytes nonce)', static function () use ($key, $token, $context) {
    return sodium_crypto_aead_xchacha20poly1305_ietf_encrypt($token, $context, random_bytes(24), $key);
}, $n);
$nonce = random_bytes(24);
$c = sodium_crypto_aead_xchacha20poly1305_ietf_encrypt($token, $context, $nonce, $key);
$decRaw = jlg_bench('PHP sodium bare decrypt', static fn () => sodium_crypto_aead_xchacha20poly1305_ietf_decrypt($c, $context, $nonce, $key), $n);
jlg_bench_report('encrypt', $encNative, $encRaw);
jlg_bench_report('decrypt', $decNative, $decRaw);
