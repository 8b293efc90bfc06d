--TEST--
Quota::backupsRemaining: p50/p90 with linear interpolation, archives of the p90 size that fit
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Quota;
use JLG\Native\InvalidInputException;

// sorted: 900, 1000, 1100, 1200, 1500 -> p50 = 1100, p90 at rank 3.6 = 1200 + 0.6 * 300 = 1380
var_dump(Quota::backupsRemaining(10000, [1000, 1200, 900, 1100, 1500]));
var_dump(Quota::backupsRemaining(10000, [2.5e9]));
var_dump(Quota::backupsRemaining(10000, []));
var_dump(Quota::backupsRemaining(10000, [0, 0])['remaining']);
foreach ([[-1, [1]], [1, [1, -2]], [1, [1, 'x']], [1, ['a' => 1]]] as [$free, $sizes]) {
    try {
        Quota::backupsRemaining($free, $sizes);
    } catch (InvalidInputException $e) {
        echo '[', $e->getField(), '] ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
array(3) {
  ["p50"]=>
  float(1100)
  ["p90"]=>
  float(1380)
  ["remaining"]=>
  int(7)
}
array(3) {
  ["p50"]=>
  float(2500000000)
  ["p90"]=>
  float(2500000000)
  ["remaining"]=>
  int(0)
}
array(3) {
  ["p50"]=>
  NULL
  ["p90"]=>
  NULL
  ["remaining"]=>
  NULL
}
NULL
[freeBytes] freeBytes: must not be negative, got -1
[recentArchiveSizes[1]] recentArchiveSizes[1]: must not be negative, got -2
[recentArchiveSizes[1]] recentArchiveSizes[1]: must be a number (bytes), got string
[recentArchiveSizes] recentArchiveSizes: must be a list (keys 0, 1, 2, ...)
