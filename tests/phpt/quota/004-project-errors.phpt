--TEST--
Quota::project: bad samples and options are refused with the field and index named
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Quota;
use JLG\Native\InvalidInputException;

$ok = [['timestamp' => 100, 'used_bytes' => 10], ['timestamp' => 200, 'used_bytes' => 20]];
$cases = [
    'duplicate' => [[['timestamp' => 100, 'used_bytes' => 1], ['timestamp' => 100, 'used_bytes' => 2]], []],
    'unsorted' => [[['timestamp' => 100, 'used_bytes' => 1], ['timestamp' => 300, 'used_bytes' => 2], ['timestamp' => 200, 'used_bytes' => 2]], []],
    'negative' => [[['timestamp' => 100, 'used_bytes' => 1], ['timestamp' => 200, 'used_bytes' => -5]], []],
    'absurd bytes' => [[['timestamp' => 100, 'used_bytes' => 1e19]], []],
    'absurd time' => [[['timestamp' => -1, 'used_bytes' => 1]], []],
    'infinite' => [[['timestamp' => 100, 'used_bytes' => INF]], []],
    'string number' => [[['timestamp' => '100', 'used_bytes' => 1]], []],
    'missing key' => [[['timestamp' => 100]], []],
    'unknown key' => [[['timestamp' => 100, 'used_bytes' => 1, 'free' => 3]], []],
    'not a row' => [[5], []],
    'not a list' => [['a' => ['timestamp' => 100, 'used_bytes' => 1]], []],
    'option typo' => [$ok, ['quota' => 10]],
    'zero quota' => [$ok, ['quota_bytes' => 0]],
    'threshold' => [$ok, ['quota_bytes' => 10, 'threshold_ratio' => 1.5]],
    'method' => [$ok, ['method' => 'median']],
    'now type' => [$ok, ['now' => 'today']],
];
foreach ($cases as $name => [$samples, $options]) {
    try {
        Quota::project($samples, $options);
        echo "$name: accepted\n";
    } catch (InvalidInputException $e) {
        echo "$name: [", $e->getField(), '] ', $e->getMessage(), "\n";
    }
}
// The SPL parent catches it too.
try {
    Quota::project([['timestamp' => 1, 'used_bytes' => -1]]);
} catch (\InvalidArgumentException $e) {
    echo get_class($e), "\n";
}
?>
--EXPECT--
duplicate: [samples[1].timestamp] samples[1].timestamp: duplicate timestamp 100, already used by samples[0]
unsorted: [samples[2].timestamp] samples[2].timestamp: 200 is earlier than samples[1].timestamp (300): samples must be sorted oldest first
negative: [samples[1].used_bytes] samples[1].used_bytes: must not be negative, got -5
absurd bytes: [samples[0].used_bytes] samples[0].used_bytes: 10000000000000000000 bytes is beyond the supported maximum of 2^53 bytes (8 PiB)
absurd time: [samples[0].timestamp] samples[0].timestamp: -1 is not a Unix timestamp between 0 and 253402300799 (year 9999)
infinite: [samples[0].used_bytes] samples[0].used_bytes: must be a finite number (bytes), got inf
string number: [samples[0].timestamp] samples[0].timestamp: must be an integer (Unix seconds), got string
missing key: [samples[0].used_bytes] samples[0].used_bytes: is missing
unknown key: [samples[0].free] samples[0].free: unknown key (expected timestamp, used_bytes)
not a row: [samples[0]] samples[0]: must be an array, got int
not a list: [samples] samples: must be a list (keys 0, 1, 2, ...)
option typo: [options.quota] options.quota: unknown field `quota`, expected one of `quota_bytes`, `threshold_ratio`, `now`, `method`
zero quota: [options.quota_bytes] options.quota_bytes: must be a positive number of bytes, or null for unlimited
threshold: [options.threshold_ratio] options.threshold_ratio: must be a fraction greater than 0 and at most 1, got 1.5
method: [options.method] options.method: unknown variant `median`, expected `theil_sen` or `least_squares`
now type: [options.now] options.now: invalid type: string "today", expected i64
JLG\Native\InvalidInputException
