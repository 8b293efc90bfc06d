--TEST--
Rescan with previous: additions, same-size edits, touch-only, renames, deletions, new inodes; hash reuse
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Manifest;
require __DIR__ . '/helpers.inc';
$d = mf_tmpdir('changes');
mf_put($d, 'keep.txt', 'same');
mf_put($d, 'edit.txt', 'aaaa');
mf_put($d, 'touch.txt', 'touched');
mf_put($d, 'old-name.bin', str_repeat('r', 300));
mf_put($d, 'delete.txt', 'bye!');
mf_put($d, 'restored.txt', 'restored content');
$a = Manifest::scan($d);

mf_put($d, 'sub/added.txt', 'new file');
file_put_contents("$d/edit.txt", 'bbbb');            // same size, new bytes
touch("$d/edit.txt", time() + 100);
touch("$d/touch.txt", time() + 200);                // mtime only
rename("$d/old-name.bin", "$d/sub/new-name.bin");
unlink("$d/delete.txt");
$mt = filemtime("$d/restored.txt");
copy("$d/restored.txt", "$d/tmp");                  // same bytes, new inode
touch("$d/tmp", $mt);
$inodeBefore = fileinode("$d/restored.txt");
rename("$d/tmp", "$d/restored.txt");
clearstatcache();
var_dump(fileinode("$d/restored.txt") !== $inodeBefore);

$b = Manifest::scan($d, ['previous' => $a]);
$diff = $a->diff($b);
var_dump($diff->added(), $diff->modified(), $diff->removed(), $diff->renamed());
var_dump($diff->unchangedCount(), $diff->bytesAdded(), $diff->bytesRemoved());
var_dump($diff->toArray()['bytes_modified']);
var_dump($a->diff($a)->toArray() === ['added' => [], 'modified' => [], 'removed' => [], 'renamed' => [],
    'unchanged_count' => 6, 'bytes_added' => 0, 'bytes_removed' => 0, 'bytes_modified' => 0]);
echo $diff->deletedFilesJson(1750000000), "\n";

// Reuse is real: bytes changed behind an unchanged size, mtime and inode keep the old hash
// when `previous` is given, and are seen without it. (PHP's touch() sets whole seconds,
// so the file gets a whole-second mtime before the reference scan.)
touch("$d/keep.txt", 1700000000);
clearstatcache();
$b = Manifest::scan($d, ['previous' => $b]);
$st = stat("$d/keep.txt");
$h = fopen("$d/keep.txt", 'r+'); fwrite($h, 'SAME'); fclose($h);
touch("$d/keep.txt", $st['mtime']);
clearstatcache();
var_dump(fileinode("$d/keep.txt") === $st['ino']);
$reused = Manifest::scan($d, ['previous' => $b]);
$fresh = Manifest::scan($d);
var_dump($reused->get('keep.txt')['hash'] === $b->get('keep.txt')['hash']);
var_dump($fresh->get('keep.txt')['hash'] === hash('xxh128', 'SAME'));
?>
--EXPECT--
bool(true)
array(1) {
  [0]=>
  string(13) "sub/added.txt"
}
array(1) {
  [0]=>
  string(8) "edit.txt"
}
array(1) {
  [0]=>
  string(10) "delete.txt"
}
array(1) {
  [0]=>
  array(2) {
    ["from"]=>
    string(12) "old-name.bin"
    ["to"]=>
    string(16) "sub/new-name.bin"
  }
}
int(3)
int(8)
int(4)
int(4)
bool(true)
{
    "generated_at": 1750000000,
    "count": 2,
    "paths": [
        "delete.txt",
        "old-name.bin"
    ]
}
bool(true)
bool(true)
bool(true)
