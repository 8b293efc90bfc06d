--TEST--
ManifestStore: snapshots, diff, prune, mode 0600, and a writer killed with SIGKILL mid-save
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\{Manifest, ManifestStore, InvalidInputException};
require __DIR__ . '/helpers.inc';
$d = mf_tmpdir('store');
mf_put("$d/tree", 'a.txt', 'a');
mf_put("$d/tree", 'b.txt', 'bb');
$a = Manifest::scan("$d/tree");
mf_put("$d/tree", 'c.txt', 'ccc');
unlink("$d/tree/a.txt");
$b = Manifest::scan("$d/tree", ['previous' => $a]);

$db = "$d/manifests.sqlite";
$s = new ManifestStore($db);
$id1 = $s->saveSnapshot($a, 'monday', 1700000000);
$id2 = $s->saveSnapshot($b, 'tuesday');
clearstatcache();
printf("%o %o\n", fileperms($db) & 0777, fileperms("$db-wal") & 0777);
$list = $s->snapshots();
var_dump(count($list), $list[0]);
var_dump(abs($list[1]['created_at'] - time()) < 5);
$diff = $s->diff($id1, $id2);
var_dump($diff->added(), $diff->removed());
var_dump($s->load($id2)->paths() === $b->paths());
try { $s->load(999); } catch (InvalidInputException $e) { echo $e->getField(), ': ', $e->getMessage(), "\n"; }
try { $s->prune(-1); } catch (InvalidInputException $e) { echo $e->getField(), ': ', $e->getMessage(), "\n"; }
var_dump($s->prune(1), array_column($s->snapshots(), 'label'));

// Manifest::save / load, atomic and 0600.
$b->save("$d/b.manifest");
clearstatcache();
printf("%o\n", fileperms("$d/b.manifest") & 0777);
var_dump(Manifest::load("$d/b.manifest")->diff($b)->toArray()['unchanged_count']);
file_put_contents("$d/b.manifest", 'x', FILE_APPEND);
try { Manifest::load("$d/b.manifest"); } catch (\JLG\Native\NativeException $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }

// Crash safety: a child PHP saves snapshots in a loop; it is killed with SIGKILL
// several times; the store stays readable with every committed snapshot intact.
$writer = $d . '/writer.php';
file_put_contents($writer, '<?php
$m = JLG\Native\Manifest::fromBackupJlg(file_get_contents($argv[2]));
$s = new JLG\Native\ManifestStore($argv[1]);
for ($i = 0; ; $i++) { $s->saveSnapshot($m, "crash $i", $i); }');
$big = ['version' => '2.1', 'file_hashes' => []];
for ($i = 0; $i < 20000; $i++) { $big['file_hashes']["wp-content/uploads/f$i.jpg"] = md5("$i"); }
file_put_contents("$d/big.json", json_encode($big));
$crash = "$d/crash.sqlite";
$cmd = [PHP_BINARY, '-n', '-d', 'extension=' . mf_extension_path(), $writer, $crash, "$d/big.json"];
$ok = true;
for ($round = 0; $round < 4; $round++) {
    $before = count((new ManifestStore($crash))->snapshots());
    $proc = proc_open($cmd, [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
    $t0 = microtime(true);
    while (count((new ManifestStore($crash))->snapshots()) < $before + 2 && microtime(true) - $t0 < 20) { usleep(5000); }
    usleep(3000 + 9000 * $round);
    proc_terminate($proc, 9);
    $status = proc_close($proc);
    $store = new ManifestStore($crash);
    $snaps = $store->snapshots();
    foreach ($snaps as $snap) {
        $m = $store->load($snap['id']);
        if (count($m) !== 20000 || $snap['files'] !== 20000) { $ok = false; }
    }
    if (count($snaps) < $before + 2) { $ok = false; }
}
var_dump($ok);
?>
--EXPECT--
600 600
int(2)
array(5) {
  ["id"]=>
  int(1)
  ["label"]=>
  string(6) "monday"
  ["created_at"]=>
  int(1700000000)
  ["files"]=>
  int(2)
  ["bytes"]=>
  int(3)
}
bool(true)
array(1) {
  [0]=>
  string(5) "c.txt"
}
array(1) {
  [0]=>
  string(5) "a.txt"
}
bool(true)
id: id: snapshot 999 does not exist
keep: keep: must be 0 or more, got -1
int(1)
array(1) {
  [0]=>
  string(7) "tuesday"
}
600
int(2)
JLG\Native\NativeException: corrupt manifest data: checksum mismatch (truncated or altered)
bool(true)
