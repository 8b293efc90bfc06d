--TEST--
Retention::select: bad archives and policies are refused with the field and index named
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Retention;
use JLG\Native\InvalidInputException;

$a = [['id' => 'a', 'timestamp' => 100, 'size' => 1], ['id' => 'b', 'timestamp' => 200, 'size' => 1]];
$cases = [
    'duplicate id' => [[['id' => 'a', 'timestamp' => 1, 'size' => 1], ['id' => 'a', 'timestamp' => 2, 'size' => 1]], ['by_number' => 1], 10],
    'int and string id' => [[['id' => 3, 'timestamp' => 1, 'size' => 1], ['id' => '3', 'timestamp' => 2, 'size' => 1]], ['by_number' => 1], 10],
    'empty id' => [[['id' => '', 'timestamp' => 1, 'size' => 1]], ['by_number' => 1], 10],
    'float id' => [[['id' => 1.5, 'timestamp' => 1, 'size' => 1]], ['by_number' => 1], 10],
    'negative size' => [[['id' => 'a', 'timestamp' => 1, 'size' => -1]], ['by_number' => 1], 10],
    'float size' => [[['id' => 'a', 'timestamp' => 1, 'size' => 1.5]], ['by_number' => 1], 10],
    'bad timestamp' => [[['id' => 'a', 'timestamp' => -7, 'size' => 1]], ['by_number' => 1], 10],
    'missing size' => [[['id' => 'a', 'timestamp' => 1]], ['by_number' => 1], 10],
    'extra key' => [[['id' => 'a', 'timestamp' => 1, 'size' => 1, 'name' => 'x']], ['by_number' => 1], 10],
    'mixed policy' => [$a, ['by_number' => 1, 'keep_daily' => 3], 10],
    'typo' => [$a, ['keep_dayly' => 3], 10],
    'unknown key' => [$a, ['max' => 3], 10],
    'string count' => [$a, ['by_number' => '3'], 10],
    'negative count' => [$a, ['keep_daily' => -2], 10],
    'negative days' => [$a, ['by_age_days' => -1], 10],
    'bad zone' => [$a, ['keep_daily' => 1, 'timezone' => 'Mars/Base'], 10],
    'list policy' => [$a, [1, 2], 10],
    'bad now' => [$a, ['by_number' => 1], -1],
];
foreach ($cases as $name => [$archives, $policy, $now]) {
    try {
        Retention::select($archives, $policy, $now);
        echo "$name: accepted\n";
    } catch (InvalidInputException $e) {
        echo "$name: [", $e->getField(), '] ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
duplicate id: [archives[1].id] archives[1].id: duplicate id "a"
int and string id: [archives[1].id] archives[1].id: duplicate id "3"
empty id: [archives[0].id] archives[0].id: must not be empty
float id: [archives[0].id] archives[0].id: must be a string or an integer, got float
negative size: [archives[0].size] archives[0].size: must be between 0 and 2^53 bytes, got -1
float size: [archives[0].size] archives[0].size: must be an integer (bytes), got float
bad timestamp: [archives[0].timestamp] archives[0].timestamp: -7 is not a Unix timestamp between 0 and 253402300799 (year 9999)
missing size: [archives[0].size] archives[0].size: is missing
extra key: [archives[0].name] archives[0].name: unknown key (expected id, timestamp, size)
mixed policy: [policy.keep_daily] policy.keep_daily: GFS keys (keep_*, timezone) cannot be mixed with Backup JLG keys (by_number)
typo: [policy.keep_dayly] policy.keep_dayly: unknown field `keep_dayly`, expected one of `keep_last`, `keep_hourly`, `keep_daily`, `keep_weekly`, `keep_monthly`, `keep_yearly`, `timezone`
unknown key: [policy.max] policy.max: unknown key: expected by_number, by_age_days, pre_restore_marker, pre_restore_max_age_days, keep_last, keep_hourly, keep_daily, keep_weekly, keep_monthly, keep_yearly or timezone
string count: [policy.by_number] policy.by_number: invalid type: string "3", expected i64
negative count: [policy.keep_daily] policy.keep_daily: must be a count from 0 to 1000000, or -1 for unlimited, got -2
negative days: [policy.by_age_days] policy.by_age_days: must be from 0 to 1000000, got -1
bad zone: [policy.timezone] policy.timezone: "Mars/Base" is neither a known time zone name (such as "Europe/Paris") nor an offset (such as "+02:00")
list policy: [policy] policy: must be an array with keys such as by_number, by_age_days or keep_daily
bad now: [now] now: -1 is not a Unix timestamp between 0 and 253402300799
