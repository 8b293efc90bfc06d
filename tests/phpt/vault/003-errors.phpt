--TEST--
TokenVault: every failure is a DecryptionException with its reason, bad arguments name the field, no message carries a secret
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\DecryptionException;
use JLG\Native\InvalidInputException;
use JLG\Native\TokenVault;

$key = str_repeat('K', 32);
$plain = 'PLAINTEXT-SECRET-TOKEN';
$ctx = 'CONTEXT-OPTION-NAME';
$v = new TokenVault(['wp' => $key], 'wp');
$e = $v->encrypt($plain, $ctx);
$tampered = $e;
$tampered[strlen($e) - 3] = $tampered[strlen($e) - 3] === 'A' ? 'B' : 'A';
$changedKey = new TokenVault(['wp' => str_repeat('Z', 32)], 'wp');
$otherId = new TokenVault(['other' => str_repeat('Z', 32)], 'other');

$secrets = ['KKKK', $plain, $ctx, 'ZZZZ'];
function report(string $label, callable $fn, array $secrets): void {
    try {
        $fn();
        echo "$label: no exception\n";
    } catch (DecryptionException $x) {
        $leak = array_filter($secrets, fn ($s) => str_contains($x->getMessage(), $s));
        printf("%s: %s reason=%s line=%d leak=%s runtime=%s\n", $label, get_class($x), $x->getReason(), $x->getLine(),
            $leak ? 'YES' : 'no', var_export($x instanceof RuntimeException, true));
    } catch (InvalidInputException $x) {
        $leak = array_filter($secrets, fn ($s) => str_contains($x->getMessage(), $s));
        printf("%s: %s field=%s leak=%s spl=%s | %s\n", $label, get_class($x), $x->getField(), $leak ? 'YES' : 'no',
            var_export($x instanceof InvalidArgumentException, true), $x->getMessage());
    }
}

report('wrong context', fn () => $v->decrypt($e, 'OTHER'), $secrets);
report('no context', fn () => $v->decrypt($e), $secrets);
report('tampered', fn () => $v->decrypt($tampered, $ctx), $secrets);
report('truncated', fn () => $v->decrypt(substr($e, 0, 60), $ctx), $secrets);
report('garbage', fn () => $v->decrypt("\xff\x00garbage", $ctx), $secrets);
report('plaintext given', fn () => $v->decrypt($plain, $ctx), $secrets);
report('key changed', fn () => $changedKey->decrypt($e, $ctx), $secrets);
report('unknown key id', fn () => $otherId->decrypt($e, $ctx), $secrets);
report('rotate wrong ctx', fn () => $v->rotate($e, 'OTHER'), $secrets);
report('legacy mac', fn () => $v->decryptLegacy('dbjlg_enc_v2:' . base64_encode(str_repeat('x', 64)), ['auth_key' => 'a', 'auth_salt' => 'b']), $secrets);
report('legacy missing key', fn () => $v->decryptLegacy('dbjlg_enc_v2:AAAA', []), $secrets);
report('legacy bad key name', fn () => $v->decryptLegacy('x', ['AUTH_KEY' => 'a']), $secrets);
report('legacy bad bjlg_key', fn () => $v->decryptLegacy('QkpMR1MxAQ==', ['bjlg_key' => 'KKKKKKKKKKKKK']), $secrets);
report('key too short', fn () => new TokenVault(['wp' => 'KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK'], 'wp'), $secrets);
report('key not a string', fn () => new TokenVault(['wp' => 42], 'wp'), $secrets);
report('bad key id', fn () => new TokenVault(['bad id!' => $key], 'wp'), $secrets);
report('key and id swapped', fn () => new TokenVault([$key => 'wp'], 'wp'), $secrets);
report('no keys', fn () => new TokenVault([], 'wp'), $secrets);
report('active missing', fn () => new TokenVault(['wp' => $key], 'nope'), $secrets);
report('secret too short', fn () => TokenVault::fromSecret('short'), $secrets);
report('fromSecret bad id', fn () => TokenVault::fromSecret(str_repeat('s', 32), ''), $secrets);
report('fingerprint unknown id', fn () => $v->keyFingerprint('nope'), $secrets);
report('negative max age', fn () => $v->needsRotation($e, -1), $secrets);
report('context too long', fn () => $v->encrypt('x', str_repeat('c', 4097)), $secrets);
// Argument types are strict: a TypeError, not a silent conversion.
try { $v->encrypt(['array']); } catch (TypeError $t) { echo "TypeError for an array plaintext\n"; }
try { $v->needsRotation($e, '10'); } catch (TypeError $t) { echo "TypeError for a string max age\n"; }
?>
--EXPECT--
wrong context: JLG\Native\DecryptionException reason=wrong_context line=32 leak=no runtime=true
no context: JLG\Native\DecryptionException reason=wrong_context line=33 leak=no runtime=true
tampered: JLG\Native\DecryptionException reason=auth_failed line=34 leak=no runtime=true
truncated: JLG\Native\DecryptionException reason=malformed line=35 leak=no runtime=true
garbage: JLG\Native\DecryptionException reason=malformed line=36 leak=no runtime=true
plaintext given: JLG\Native\DecryptionException reason=malformed line=37 leak=no runtime=true
key changed: JLG\Native\DecryptionException reason=unknown_key line=38 leak=no runtime=true
unknown key id: JLG\Native\DecryptionException reason=unknown_key line=39 leak=no runtime=true
rotate wrong ctx: JLG\Native\DecryptionException reason=wrong_context line=40 leak=no runtime=true
legacy mac: JLG\Native\DecryptionException reason=legacy_mac_mismatch line=41 leak=no runtime=true
legacy missing key: JLG\Native\InvalidInputException field=legacy.auth_key leak=no spl=true | legacy.auth_key: a dbjlg_enc_ value needs legacy['auth_key'] (the AUTH_KEY constant)
legacy bad key name: JLG\Native\InvalidInputException field=legacy leak=no spl=true | legacy: unknown key at position 0; the keys are auth_key, auth_salt and bjlg_key
legacy bad bjlg_key: JLG\Native\InvalidInputException field=legacy.bjlg_key leak=no spl=true | legacy.bjlg_key: must be 32 raw bytes or the base64 of 32 bytes (as in BJLG_ENCRYPTION_KEY); this value decodes to 0 bytes
key too short: JLG\Native\InvalidInputException field=keys[wp] leak=no spl=true | keys[wp]: a key must be exactly 32 raw bytes, got 31 bytes
key not a string: JLG\Native\InvalidInputException field=keys[wp] leak=no spl=true | keys[wp]: must be a string of 32 raw bytes, got int
bad key id: JLG\Native\InvalidInputException field=keys[#0] leak=no spl=true | keys[#0]: a key id may only contain A-Z, a-z, 0-9, '_' and '-' (bad character at position 3)
key and id swapped: JLG\Native\InvalidInputException field=keys[#0] leak=no spl=true | keys[#0]: a key must be exactly 32 raw bytes, got 2 bytes
no keys: JLG\Native\InvalidInputException field=keys leak=no spl=true | keys: at least one key is required
active missing: JLG\Native\InvalidInputException field=activeKeyId leak=no spl=true | activeKeyId: no key with id 'nope' in keys (ids: 'wp')
secret too short: JLG\Native\InvalidInputException field=secret leak=no spl=true | secret: secret material must be at least 32 bytes, got 5
fromSecret bad id: JLG\Native\InvalidInputException field=keyId leak=no spl=true | keyId: a key id must not be empty
fingerprint unknown id: JLG\Native\InvalidInputException field=keyId leak=no spl=true | keyId: no key with id 'nope' (ids: 'wp')
negative max age: JLG\Native\InvalidInputException field=maxAgeSeconds leak=no spl=true | maxAgeSeconds: must be zero or more, got -1
context too long: JLG\Native\InvalidInputException field=context leak=no spl=true | context: the context is at most 4096 bytes, got 4097
TypeError for an array plaintext
TypeError for a string max age
