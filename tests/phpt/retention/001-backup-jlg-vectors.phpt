--TEST--
Retention::select reproduces Backup JLG's recorded cleanup vectors (glob and intval done the plugin's way)
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Retention;

$path = __DIR__ . '/../../../../shared/vectors/backup-file-hash.json';
$doc = json_decode(file_get_contents($path), true, 512, JSON_THROW_ON_ERROR);
$count = 0;
foreach ($doc['vectors'] as $v) {
    if ($v['kind'] !== 'retention') {
        continue;
    }
    $count++;
    $in = $v['input'];
    // What the plugin's glob($dir . '*.zip*') sees: case-sensitive, no dot-files.
    $archives = [];
    foreach ($in['files'] as $f) {
        if ($f['name'][0] !== '.' && fnmatch('*.zip*', $f['name'])) {
            $archives[] = ['id' => $f['name'], 'timestamp' => $f['mtime'], 'size' => $f['size']];
        }
    }
    $settings = $in['settings'] ?? ['by_number' => 3, 'by_age' => 0];
    $policy = ['by_number' => max(0, intval($settings['by_number'] ?? 0)), 'by_age' => max(0, intval($settings['by_age'] ?? 0))];
    $r = Retention::select($archives, $policy, $in['now']);
    $deleted = $r['delete'];
    sort($deleted, SORT_STRING);
    $ok = $deleted === $v['output']['deleted'] && count($deleted) === $v['output']['return'];
    $freed = 0;
    foreach ($archives as $a) {
        if (in_array($a['id'], $r['delete'], true)) {
            $freed += $a['size'];
        }
    }
    $partition = count($r['keep']) + count($r['delete']) === count($archives) && !array_intersect($r['keep'], $r['delete']);
    printf("%s %s%s\n", $v['id'], $ok && $partition && $freed === $r['freed_bytes'] ? 'ok' : 'MISMATCH', $ok ? '' : ' got ' . json_encode($deleted));
}
echo "$count vectors\n";
?>
--EXPECT--
rt-01 ok
rt-02 ok
rt-03 ok
rt-04 ok
rt-05 ok
rt-06 ok
rt-07 ok
rt-08 ok
rt-09 ok
rt-10 ok
rt-11 ok
rt-12 ok
12 vectors
