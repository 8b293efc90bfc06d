--TEST--
TokenVault::decryptLegacy and migrate on every shared legacy vector (Discord Bot JLG, Backup JLG)
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\DecryptionException;
use JLG\Native\InvalidInputException;
use JLG\Native\TokenVault;

$dir = __DIR__ . '/../../../../shared/vectors';
$discord = json_decode(file_get_contents("$dir/discord-token-legacy.json"), true, 512, JSON_THROW_ON_ERROR);
$backup = json_decode(file_get_contents("$dir/backup-secret-legacy.json"), true, 512, JSON_THROW_ON_ERROR);
$v = new TokenVault(['wp' => random_bytes(32)], 'wp');

function outcome(callable $fn): string {
    try {
        return 'ok:' . base64_encode($fn());
    } catch (DecryptionException $e) {
        return 'reason:' . $e->getReason();
    } catch (InvalidInputException $e) {
        return 'field:' . $e->getField();
    }
}

$codes = ['invalid_value' => 'malformed', 'unrecognized_prefix' => 'malformed', 'invalid_payload' => 'malformed',
          'mac_mismatch' => 'legacy_mac_mismatch', 'failed' => 'auth_failed'];
$counts = ['ok' => 0, 'reason' => 0, 'field' => 0, 'mismatch' => 0];
foreach ($discord['vectors'] as $vec) {
    $c = $vec['constants_override'] ?? $discord['constants'];
    $legacy = ['auth_key' => $c['AUTH_KEY'], 'auth_salt' => $c['AUTH_SALT']];
    $code = isset($vec['plugin_error']) ? substr($vec['plugin_error'], strlen('discord_bot_jlg_decrypt_secret_')) : null;
    $expected = match (true) {
        $vec['name'] === 'hist_unmerged_branch_v2_ct_iv_mac' => 'ok:' . $vec['plaintext_b64'],
        $vec['name'] === 'neg_v2_wrong_auth_key' => 'reason:auth_failed',
        $code !== null => 'reason:' . $codes[$code],
        default => 'ok:' . $vec['plaintext_b64'],
    };
    $got = outcome(fn () => $v->decryptLegacy($vec['stored'], $legacy));
    if ($got !== $expected) { $counts['mismatch']++; echo "MISMATCH {$vec['name']}: $got, expected $expected\n"; }
    $counts[explode(':', $got)[0]]++;
    // migrate gives an envelope that opens to the same true plaintext.
    if (str_starts_with($expected, 'ok:') && $vec['stored'] !== '') {
        $env = $v->migrate($vec['stored'], $legacy, 'bot_token');
        if ($v->decrypt($env, 'bot_token') !== base64_decode($vec['plaintext_b64'])) { echo "MIGRATE MISMATCH {$vec['name']}\n"; }
    }
}
echo 'discord: ', json_encode($counts), "\n";

$reasons = [
    'neg_version_byte_2' => 'malformed', 'neg_magic_changed_BJLGS2' => 'malformed', 'neg_truncated_blob_54_bytes' => 'malformed',
    'neg_not_base64' => 'malformed', 'neg_empty_string' => 'malformed', 'neg_legacy_truncated_not_block_multiple' => 'malformed',
    'neg_legacy_16_bytes_only' => 'malformed', 'encryption_disabled_passthrough' => 'malformed',
    'neg_legacy_tampered_last_byte' => 'auth_failed', 'neg_legacy_wrong_key' => 'auth_failed',
];
$counts = ['ok' => 0, 'reason' => 0, 'field' => 0, 'mismatch' => 0];
foreach ($backup['vectors'] as $vec) {
    $o = $vec['constants_override'] ?? [];
    $key = array_key_exists('BJLG_ENCRYPTION_KEY', $o) ? ($o['BJLG_ENCRYPTION_KEY'] ?? $o['option bjlg_encryption_key']) : $backup['constants']['BJLG_ENCRYPTION_KEY'];
    $name = $vec['name'];
    $expected = match (true) {
        str_starts_with($name, 'hist_') => 'ok:' . $vec['plaintext_b64'],
        $name === 'neg_legacy_tampered_iv_byte_undetected' => 'ok:' . $vec['plugin_decrypts_to_b64'],
        $name === 'key_constant_invalid_length' => 'field:legacy.bjlg_key',
        isset($reasons[$name]) => 'reason:' . $reasons[$name],
        str_starts_with($name, 'neg_') => 'reason:legacy_mac_mismatch',
        default => 'ok:' . $vec['plaintext_b64'],
    };
    $got = outcome(fn () => $v->decryptLegacy($vec['stored'], ['bjlg_key' => $key]));
    if ($got !== $expected) { $counts['mismatch']++; echo "MISMATCH $name: $got, expected $expected\n"; }
    $counts[explode(':', $got)[0]]++;
}
echo 'backup: ', json_encode($counts), "\n";
// A plaintext credential (encryption disabled in Backup JLG) is wrapped as it is by migrate.
$env = $v->migrate('plain-secret', ['bjlg_key' => $backup['constants']['BJLG_ENCRYPTION_KEY']], 'bjlg_s3');
var_dump($v->decrypt($env, 'bjlg_s3'));
?>
--EXPECT--
discord: {"ok":26,"reason":21,"field":0,"mismatch":0}
backup: {"ok":27,"reason":17,"field":1,"mismatch":0}
string(12) "plain-secret"
