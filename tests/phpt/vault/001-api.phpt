--TEST--
TokenVault: final class, exact method signatures, binary-safe round trips
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\TokenVault;

$rc = new ReflectionClass(TokenVault::class);
var_dump($rc->isFinal(), $rc->isInternal());
$methods = [];
foreach ($rc->getMethods() as $m) {
    $ps = [];
    foreach ($m->getParameters() as $p) {
        $ps[] = $p->getType() . ' $' . $p->getName() . ($p->isDefaultValueAvailable() ? ' = ' . str_replace("\n", '', var_export($p->getDefaultValue(), true)) : '');
    }
    $methods[] = ($m->isStatic() ? 'static ' : '') . $m->getName() . '(' . implode(', ', $ps) . ')' . ($m->hasReturnType() ? ': ' . $m->getReturnType() : '');
}
sort($methods);
echo implode("\n", $methods), "\n";

$v = new TokenVault(['old' => random_bytes(32), 'wp' => random_bytes(32)], 'wp');
$rb = static fn (int $n): string => $n > 0 ? random_bytes($n) : '';
$ok = true;
for ($len = 0; $len <= 300; $len++) {
    $pt = $rb($len);
    $ctx = $rb($len % 17);
    $e = $v->encrypt($pt, $ctx);
    $ok = $ok && TokenVault::isEnvelope($e) && preg_match('/^jlgv1:[A-Za-z0-9_-]+$/', $e) === 1 && $v->decrypt($e, $ctx) === $pt;
}
var_dump($ok);
// Zero-length plaintext and default context.
$e = $v->encrypt('');
var_dump($v->decrypt($e), $v->decrypt($e, ''));
// Bytes that are not UTF-8, NUL bytes, and UTF-8 come back byte for byte.
foreach (["\0", "\xff\xfe\x00\x80", "Clé — 🎉", str_repeat("\0", 4096)] as $pt) {
    var_dump($v->decrypt($v->encrypt($pt, "p\0ctx"), "p\0ctx") === $pt);
}
// Two encryptions of the same value differ (fresh nonce).
var_dump($v->encrypt('same', 'c') !== $v->encrypt('same', 'c'));
// $now is recorded; null means time().
$i = TokenVault::inspect($v->encrypt('x', '', 1234567890));
var_dump($i['created_at'], abs(TokenVault::inspect($v->encrypt('x'))['created_at'] - time()) <= 2);
var_dump(TokenVault::isEnvelope('plain'), TokenVault::isEnvelope(''), TokenVault::isEnvelope('jlgv1:'));
?>
--EXPECT--
bool(true)
bool(true)
__construct(array $keys, string $activeKeyId)
decrypt(string $envelope, string $context = ''): string
decryptLegacy(string $stored, array $legacy): string
encrypt(string $plaintext, string $context = '', ?int $now = NULL): string
keyFingerprint(?string $keyId = NULL): string
migrate(string $stored, array $legacy = array (), string $context = '', ?int $now = NULL): string
needsRotation(string $envelope, int $maxAgeSeconds, ?int $now = NULL): bool
rotate(string $envelope, string $context = '', ?int $now = NULL): string
static fromSecret(string $secret, string $keyId = 'wp'): JLG\Native\TokenVault
static generateKey(): string
static inspect(string $envelope): array
static isEnvelope(string $value): bool
bool(true)
string(0) ""
string(0) ""
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(1234567890)
bool(true)
bool(false)
bool(false)
bool(false)
