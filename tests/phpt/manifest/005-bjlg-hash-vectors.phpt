--TEST--
The 'bjlg' hash reproduces every file-hash vector of shared/vectors/backup-file-hash.json
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Manifest;
require __DIR__ . '/helpers.inc';
$file = __DIR__ . '/../../../../shared/vectors/backup-file-hash.json';
if (!is_file($file)) {
    echo "vectors missing at $file\n";
    exit(1);
}
$doc = json_decode(file_get_contents($file), true, 512, JSON_THROW_ON_ERROR);
$d = mf_tmpdir('vectors');
$want = [];
foreach ($doc['vectors'] as $v) {
    if ($v['kind'] !== 'file_hash') { continue; }
    ['generator' => $g, 'size' => $size, 'mtime' => $mtime] = $v['input'];
    if ($g === 'G1') {
        $period = '';
        for ($i = 0; $i < 256; $i++) { $period .= chr(($i * 31 + 7) % 256); }
        $data = substr(str_repeat($period, intdiv($size, 256) + 1), 0, $size);
    } else {
        $data = '';
        for ($start = 0; $start < $size; $start += 65536) {
            $bytes = [];
            for ($i = $start, $end = min($size, $start + 65536); $i < $end; $i++) {
                $bytes[] = ($i * 2654435761 >> 24) & 255;
            }
            $data .= pack('C*', ...$bytes);
        }
    }
    file_put_contents("$d/{$v['id']}", $data);
    touch("$d/{$v['id']}", $mtime);
    $want[$v['id']] = $v['output']['hash'];
}
$m = Manifest::scan($d, ['hash' => 'bjlg']);
printf("%d vectors, %d entries\n", count($want), count($m));
foreach ($want as $id => $hash) {
    $got = $m->get($id)['hash'];
    echo $id, ' ', $got === $hash ? 'ok' : "MISMATCH $got != $hash", "\n";
}
?>
--EXPECT--
15 vectors, 15 entries
fh-01 ok
fh-02 ok
fh-03 ok
fh-04 ok
fh-05 ok
fh-06 ok
fh-07 ok
fh-08 ok
fh-09 ok
fh-10 ok
fh-11 ok
fh-12 ok
fh-13 ok
fh-14 ok
fh-15 ok
