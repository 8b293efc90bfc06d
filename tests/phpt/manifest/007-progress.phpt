--TEST--
Scan progress: the callable runs on the PHP thread and ends with a 'done' report; false stops; exceptions propagate
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\{Manifest, NativeException, InvalidInputException};
require __DIR__ . '/helpers.inc';
$d = mf_tmpdir('progress');
for ($i = 0; $i < 300; $i++) { mf_put($d, sprintf('d%02d/f%03d.txt', $i % 10, $i), str_repeat('x', $i)); }

$reports = [];
$m = Manifest::scan($d, ['progress' => function (array $p) use (&$reports) { $reports[] = $p; }]);
$last = end($reports);
var_dump(array_keys($last));
var_dump($last['phase'], $last['files_done'], $last['files_total'], $last['bytes_read'] === $m->totalBytes());
foreach ($reports as $r) {
    if ($r['files_done'] > $last['files_done'] || !is_float($r['seconds'])) { echo "bad report\n"; }
}

// Returning false stops the scan.
try {
    Manifest::scan($d, ['progress' => fn () => false]);
    echo "not stopped\n";
} catch (NativeException $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }

// An exception from the callable propagates unchanged.
try {
    Manifest::scan($d, ['progress' => function () { throw new DomainException('stop here'); }]);
} catch (DomainException $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }

try { Manifest::scan($d, ['progress' => 'no_such_function']); }
catch (InvalidInputException $e) { echo $e->getField(), ': ', $e->getMessage(), "\n"; }
?>
--EXPECT--
array(6) {
  [0]=>
  string(5) "phase"
  [1]=>
  string(10) "files_done"
  [2]=>
  string(11) "files_total"
  [3]=>
  string(12) "files_listed"
  [4]=>
  string(10) "bytes_read"
  [5]=>
  string(7) "seconds"
}
string(4) "done"
int(300)
int(300)
bool(true)
JLG\Native\NativeException: the scan was stopped: the progress callable returned false
DomainException: stop here
options.progress: options.progress: expected a callable or null
