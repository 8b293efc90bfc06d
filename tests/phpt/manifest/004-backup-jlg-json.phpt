--TEST--
Backup JLG 2.1 JSON: round trip keeping foreign keys, non-UTF-8 names, plugin shapes, refusals
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\{Manifest, InvalidInputException};
require __DIR__ . '/helpers.inc';
$base = json_encode([
    'version' => '2.1',
    'full_backup' => ['file' => 'full.zip', 'path' => '/b/full.zip', 'timestamp' => 1700000000,
        'components' => ['db', 'uploads'], 'size' => 12345, 'destinations' => ['s3']],
    'incremental_backups' => [['file' => 'inc-1.zip', 'size' => 10]],
    'synthetic_full' => null,
    'file_hashes' => ['old.php' => 'd41d8cd98f00b204e9800998ecf8427e'],
    'database_checksums' => ['wp_posts' => 'abc'],
    'last_scan' => 1700000000,
    'remote_purge_queue' => [['file' => 'x.zip', 'attempts' => 2, 'last_delay' => 120.5]],
    'deleted_files' => [],
    'my_extension' => ['nested' => [1, 2.5, 'é', null, true]],
], JSON_PRETTY_PRINT);

$d = mf_tmpdir('json');
mf_put($d, 'wp-content/é.php', 'unicode');
mf_put($d, "raw\xff\xfe.bin", 'not utf-8');
mf_put($d, 'a.txt', 'a');
$m = Manifest::scan($d, ['hash' => 'bjlg']);
var_dump(in_array("raw\xff\xfe.bin", $m->paths(), true));

$out = $m->toBackupJlg($base);
$doc = json_decode($out, true, 512, JSON_THROW_ON_ERROR);
$orig = json_decode($base, true);
var_dump(array_keys($doc));
foreach (['full_backup', 'incremental_backups', 'synthetic_full', 'database_checksums', 'remote_purge_queue', 'deleted_files', 'my_extension'] as $k) {
    if ($doc[$k] !== $orig[$k]) { echo "changed: $k\n"; }
}
var_dump($doc['file_hashes'] === ['a.txt' => md5('a'), 'wp-content/é.php' => md5('unicode')]);
var_dump($doc['file_hashes_base64'] === [base64_encode("raw\xff\xfe.bin") => md5('not utf-8')]);
var_dump($doc['last_scan'] === $m->lastScan());
var_dump(str_starts_with($out, "{\n    \"version\": \"2.1\",\n"));

$back = Manifest::fromBackupJlg($out);
var_dump($back->paths() === $m->paths(), $back->lastScan() === $m->lastScan());
var_dump($back->get("raw\xff\xfe.bin")['hash'] === md5('not utf-8'), $back->get('a.txt')['size']);
var_dump($back->diff($m)->toArray()['unchanged_count']);

// A fresh document when there is no base.
var_dump(array_keys(json_decode($m->toBackupJlg(), true)));
// The plugin's own shapes: [] for an empty map, false for an unreadable file.
var_dump(count(Manifest::fromBackupJlg('{"version":"2.1","file_hashes":[],"last_scan":null}')));
var_dump(Manifest::fromBackupJlg('{"file_hashes":{"x":false}}')->get('x')['hash']);

foreach ([
    '{"version":"3.0"}',
    '{"file_hashes":{"a":"not-a-hash"}}',
    '{"file_hashes":',
    '[1]',
] as $bad) {
    try { Manifest::fromBackupJlg($bad); echo "accepted\n"; }
    catch (InvalidInputException $e) { echo $e->getField(), ' | ', $e->getMessage(), "\n"; }
}
try { Manifest::scan($d)->toBackupJlg(); }
catch (InvalidInputException $e) { echo $e->getField(), ' | ', substr($e->getMessage(), 0, 60), "\n"; }
?>
--EXPECT--
bool(true)
array(11) {
  [0]=>
  string(7) "version"
  [1]=>
  string(11) "full_backup"
  [2]=>
  string(19) "incremental_backups"
  [3]=>
  string(14) "synthetic_full"
  [4]=>
  string(11) "file_hashes"
  [5]=>
  string(18) "database_checksums"
  [6]=>
  string(9) "last_scan"
  [7]=>
  string(18) "remote_purge_queue"
  [8]=>
  string(13) "deleted_files"
  [9]=>
  string(12) "my_extension"
  [10]=>
  string(18) "file_hashes_base64"
}
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
NULL
int(3)
array(10) {
  [0]=>
  string(7) "version"
  [1]=>
  string(11) "full_backup"
  [2]=>
  string(19) "incremental_backups"
  [3]=>
  string(14) "synthetic_full"
  [4]=>
  string(11) "file_hashes"
  [5]=>
  string(18) "database_checksums"
  [6]=>
  string(9) "last_scan"
  [7]=>
  string(18) "remote_purge_queue"
  [8]=>
  string(13) "deleted_files"
  [9]=>
  string(18) "file_hashes_base64"
}
int(0)
NULL
json.version | json.version: unsupported manifest version "3.0"; only "2.1" is read
json | json: invalid manifest JSON: file_hashes["a"]: expected a 32-character hex MD5, got "not-a-hash" at line 1 column 33
json | json: invalid manifest JSON: EOF while parsing a value at line 1 column 15
json | json: invalid manifest JSON: invalid type: sequence, expected a JSON object (Backup JLG manifest 2.1) at line 1 column 0
hash | hash: the manifest uses 'xxh3' digests; Backup JLG compares 
