--TEST--
TokenVault: var_dump/print_r/var_export/json show no key; clone, serialize and unserialize are refused
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\TokenVault;

$key = str_repeat('K', 32);
$v = new TokenVault(['wp' => $key], 'wp');
ob_start();
var_dump($v);
print_r($v);
echo "\n", var_export($v, true), "\n", json_encode($v), "\n";
var_dump((array) $v, get_object_vars($v));
$dump = ob_get_clean();
echo $dump;
var_dump(str_contains($dump, 'KKKK'));

foreach ([
    'clone' => fn () => clone $v,
    'serialize' => fn () => serialize($v),
    'unserialize' => fn () => unserialize('O:21:"JLG\\Native\\TokenVault":0:{}'),
    'newInstanceWithoutConstructor' => fn () => (new ReflectionClass(TokenVault::class))->newInstanceWithoutConstructor(),
] as $what => $fn) {
    try {
        $fn();
        echo "$what: allowed\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// The vault still works after the refused operations.
var_dump($v->decrypt($v->encrypt('t')) === 't');
?>
--EXPECT--
object(JLG\Native\TokenVault)#1 (0) {
}
JLG\Native\TokenVault Object
(
)

\JLG\Native\TokenVault::__set_state(array(
))
{}
array(0) {
}
array(0) {
}
bool(false)
clone: Error: Trying to clone an uncloneable object of class JLG\Native\TokenVault
serialize: Exception: Serialization of 'JLG\Native\TokenVault' is not allowed
unserialize: Exception: Unserialization of 'JLG\Native\TokenVault' is not allowed
newInstanceWithoutConstructor: ReflectionException: Class JLG\Native\TokenVault is an internal class marked as final that cannot be instantiated without invoking its constructor
bool(true)
