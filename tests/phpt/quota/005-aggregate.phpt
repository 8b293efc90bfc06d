--TEST--
Quota::aggregate: Backup JLG's levels over destinations; unlimited ones reported, not divided by
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Quota;
use JLG\Native\InvalidInputException;

$a = Quota::aggregate([
    ['id' => 's3', 'used_bytes' => 80, 'quota_bytes' => 100],
    ['id' => 'local', 'used_bytes' => 500, 'quota_bytes' => null, 'free_bytes' => 1, 'latency_ms' => 3, 'errors' => []],
    ['id' => 7, 'used_bytes' => 10.0, 'quota_bytes' => 100],
]);
var_dump($a['used_bytes'], $a['quota_bytes'], $a['used_ratio'], $a['level'], $a['worst']);
foreach ($a['per_destination'] as $d) {
    echo var_export($d['id'], true), ' ', var_export($d['used_ratio'], true), ' ', $d['level'], "\n";
}
echo Quota::aggregate([['id' => 'a', 'used_bytes' => 85, 'quota_bytes' => 100]])['level'], "\n";
echo Quota::aggregate([['id' => 'a', 'used_bytes' => 95, 'quota_bytes' => 100]])['level'], "\n";
$none = Quota::aggregate([['id' => 'a', 'used_bytes' => 95]]);
var_dump($none['quota_bytes'], $none['used_ratio'], $none['level'], $none['worst']);
$empty = Quota::aggregate([]);
var_dump($empty['used_bytes'], $empty['level'], $empty['per_destination']);
foreach ([
    [['id' => 'a', 'used_bytes' => 1], ['id' => 'a', 'used_bytes' => 2]],
    [['id' => 5, 'used_bytes' => 1], ['id' => '5', 'used_bytes' => 2]],
    [['id' => 'a', 'used_bytes' => 1, 'quota_bytes' => -1]],
    [['id' => 'a']],
    [['id' => 'a', 'used_bytes' => 1, 'quota' => 3]],
] as $bad) {
    try {
        Quota::aggregate($bad);
    } catch (InvalidInputException $e) {
        echo '[', $e->getField(), '] ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
int(590)
int(200)
float(0.45)
string(2) "ok"
string(2) "s3"
's3' 0.8 ok
'local' NULL unknown
7 0.1 ok
warning
danger
NULL
NULL
string(7) "unknown"
NULL
int(0)
string(7) "unknown"
array(0) {
}
[destinations[1].id] destinations[1].id: duplicate id "a"
[destinations[1].id] destinations[1].id: duplicate id "5"
[destinations[0].quota_bytes] destinations[0].quota_bytes: must not be negative, got -1
[destinations[0]] destinations[0]: missing field `used_bytes`
[destinations[0].quota] destinations[0].quota: unknown field `quota`, expected one of `id`, `used_bytes`, `quota_bytes`, `free_bytes`, `latency_ms`, `errors`
