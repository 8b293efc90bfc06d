--TEST--
Manifest::scan: sorted relative paths, entry fields, hashes that match PHP's own xxh128 and md5
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Manifest;
require __DIR__ . '/helpers.inc';
$d = mf_tmpdir('basics');
mf_put($d, 'index.php', '<?php // root');
mf_put($d, 'wp-content/plugins/a/a.php', 'plugin a');
mf_put($d, 'wp-content/uploads/img.jpg', str_repeat("\x07", 5000));
mf_put($d, 'wp-content/uploads/empty.txt', '');

$m = Manifest::scan($d);
var_dump($m instanceof Countable, count($m), $m->count(), $m->totalBytes(), $m->hashAlgorithm());
var_dump($m->paths());
$e = $m->get('wp-content/plugins/a/a.php');
var_dump(array_keys($e));
clearstatcache();
$st = stat("$d/wp-content/plugins/a/a.php");
var_dump($e['size'] === 8, $e['mtime'] === $st['mtime'], $e['inode'] === $st['ino'], $e['mode'] === $st['mode']);
var_dump(intdiv($e['mtime_ns'], 1000000000) === $st['mtime']);
// xxh3 is XXH3-128 in canonical (big-endian) hex, as PHP's hash('xxh128') prints it.
var_dump($e['hash'] === hash('xxh128', 'plugin a'));
var_dump($m->get('missing'), $m->errors());
var_dump(is_int($m->lastScan()) && abs($m->lastScan() - time()) < 5);

$b = Manifest::scan($d, ['hash' => 'bjlg', 'threads' => 1]);
var_dump($b->get('wp-content/uploads/img.jpg')['hash'] === md5(str_repeat("\x07", 5000)));
$n = Manifest::scan($d, ['hash' => 'none']);
var_dump($n->get('index.php')['hash']);
$k = Manifest::scan($d, ['hash' => 'blake3']);
var_dump(strlen($k->get('index.php')['hash']));
$x = Manifest::scan($d, ['exclude' => ['wp-content/uploads', '*.php']]);
var_dump($x->paths());
?>
--EXPECT--
bool(true)
int(4)
int(4)
int(5021)
string(4) "xxh3"
array(4) {
  [0]=>
  string(9) "index.php"
  [1]=>
  string(26) "wp-content/plugins/a/a.php"
  [2]=>
  string(28) "wp-content/uploads/empty.txt"
  [3]=>
  string(26) "wp-content/uploads/img.jpg"
}
array(7) {
  [0]=>
  string(4) "path"
  [1]=>
  string(4) "size"
  [2]=>
  string(5) "mtime"
  [3]=>
  string(8) "mtime_ns"
  [4]=>
  string(5) "inode"
  [5]=>
  string(4) "mode"
  [6]=>
  string(4) "hash"
}
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
NULL
array(0) {
}
bool(true)
bool(true)
NULL
int(64)
array(1) {
  [0]=>
  string(26) "wp-content/plugins/a/a.php"
}
