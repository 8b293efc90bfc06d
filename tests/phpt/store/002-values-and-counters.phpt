--TEST--
StateStore values (any JSON-encodable PHP value, objects refused, TTL) and counters (atomic, by prefix, overflow refused)
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\StateStore;

$dir = sys_get_temp_dir() . '/jlg-phpt-values-' . getmypid();
@mkdir($dir, 0700);
$s = new StateStore("$dir/state.sqlite");
$values = [
    'int' => 42, 'float' => 1.0, 'neg' => -0.5, 'string' => "héllo\n", 'true' => true, 'null' => null,
    'list' => [1, 'two', 3.5], 'map' => ['a' => 1, 'nested' => ['x' => [true, false]]], 'sparse' => [3 => 'c', 7 => 'g'],
    'empty' => [],
];
foreach ($values as $key => $value) {
    $s->set($key, $value);
    $back = $s->get($key);
    echo str_pad($key, 8), var_export($back === $value, true), "\n";
}
var_dump($s->get('missing'), $s->delete('int'), $s->delete('int'), $s->get('int'));
try {
    $s->set('obj', ['inner' => new ArrayObject([1])]);
} catch (JLG\Native\InvalidInputException $e) {
    echo $e->getField(), ': ', $e->getMessage(), "\n";
}
try {
    $s->set('nan', NAN);
} catch (JLG\Native\InvalidInputException $e) {
    echo $e->getField(), ': ', $e->getMessage(), "\n";
}
$s->set('short', 'soon gone', 1);
var_dump($s->get('short'));
usleep(1100000);
var_dump($s->get('short'), $s->delete('short'));

echo "-- counters\n";
var_dump($s->increment('discord.calls'), $s->increment('discord.calls', 4), $s->increment('discord.errors', 2), $s->increment('backup.runs'));
var_dump($s->counters('discord.'));
var_dump(count($s->counters()));
$s->increment('big', PHP_INT_MAX);
try {
    $s->increment('big');
} catch (JLG\Native\InvalidInputException $e) {
    echo $e->getField(), ': ', $e->getMessage(), "\n";
}
var_dump($s->counters('big')['big'] === PHP_INT_MAX);
unset($s);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
int     true
float   true
neg     true
string  true
true    true
null    true
list    true
map     true
sparse  true
empty   true
NULL
bool(true)
bool(false)
NULL
value.inner: value.inner: unsupported value of type Object
value: value: must be a finite number, got NaN
string(9) "soon gone"
NULL
bool(false)
-- counters
int(1)
int(5)
int(2)
int(1)
array(2) {
  ["discord.calls"]=>
  int(5)
  ["discord.errors"]=>
  int(2)
}
int(3)
by: by: counter 'big' would overflow (9223372036854775807 + 1)
bool(true)
