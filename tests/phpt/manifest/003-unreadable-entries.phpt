--TEST--
Unreadable entries go to errors() and the scan goes on: permission denied (as nobody), symlink loops, dangling links, FIFOs
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Manifest;
require __DIR__ . '/helpers.inc';
$d = mf_tmpdir('errors');
mf_put($d, 'ok.txt', 'fine');
mf_put($d, 'dir/file.txt', 'content');
symlink('..', "$d/dir/up");               // leads back to the root
symlink('missing', "$d/dangling");
symlink('loop-b', "$d/loop-a");
symlink('loop-a', "$d/loop-b");
exec('mkfifo ' . escapeshellarg("$d/pipe"), $out, $rc);
var_dump($rc);

echo "-- not following links: links are entries of their own\n";
$m = Manifest::scan($d);
var_dump($m->paths(), $m->errors());
var_dump($m->get('dangling')['hash'] === hash('xxh128', 'missing'));

echo "-- following links\n";
$m = Manifest::scan($d, ['follow_symlinks' => true]);
var_dump($m->paths());
foreach ($m->errors() as $e) {
    echo $e['path'], ': ', $e['reason'], "\n";
}

echo "-- permission denied: root ignores modes, so the scan runs as nobody in a child\n";
$p = mf_tmpdir('perm');
chmod($p, 0755);
mf_put($p, 'ok.txt', 'fine');
mf_put($p, 'secret/inside.txt', 'hidden');
mf_put($p, 'locked.txt', 'no');
chmod("$p/secret", 0);
chmod("$p/locked.txt", 0);
$script = $p . '.php';
file_put_contents($script, '<?php $m = JLG\Native\Manifest::scan($argv[1]);'
    . ' echo json_encode(["paths" => $m->paths(), "errors" => $m->errors(), "locked_hash" => $m->get("locked.txt")["hash"]]);');
$cmd = sprintf('setpriv --reuid=65534 --regid=65534 --clear-groups %s -n -d extension=%s %s %s 2>&1',
    escapeshellarg(PHP_BINARY), escapeshellarg(mf_extension_path()), escapeshellarg($script), escapeshellarg($p));
$json = shell_exec($cmd);
unlink($script);
chmod("$p/secret", 0755);
$r = json_decode($json, true);
var_dump($r['paths'], $r['locked_hash']);
foreach ($r['errors'] as $e) {
    echo $e['path'], ': ', $e['reason'], "\n";
}
?>
--EXPECT--
int(0)
-- not following links: links are entries of their own
array(6) {
  [0]=>
  string(8) "dangling"
  [1]=>
  string(12) "dir/file.txt"
  [2]=>
  string(6) "dir/up"
  [3]=>
  string(6) "loop-a"
  [4]=>
  string(6) "loop-b"
  [5]=>
  string(6) "ok.txt"
}
array(1) {
  [0]=>
  array(2) {
    ["path"]=>
    string(4) "pipe"
    ["reason"]=>
    string(34) "not a regular file (fifo): skipped"
  }
}
bool(true)
-- following links
array(2) {
  [0]=>
  string(12) "dir/file.txt"
  [1]=>
  string(6) "ok.txt"
}
dangling: dangling symlink: the target does not exist
dir/up: symlink loop: the link leads back to a directory above it; not followed
loop-a: symlink loop: too many levels of symbolic links
loop-b: symlink loop: too many levels of symbolic links
pipe: not a regular file (fifo): skipped
-- permission denied: root ignores modes, so the scan runs as nobody in a child
array(2) {
  [0]=>
  string(10) "locked.txt"
  [1]=>
  string(6) "ok.txt"
}
NULL
locked.txt: cannot open: Permission denied (os error 13)
secret: cannot read directory: Permission denied (os error 13)
