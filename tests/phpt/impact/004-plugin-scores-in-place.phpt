--TEST--
Impact::pluginScores reads the history in place: what each model skips or names, references, non-finite numbers
--EXTENSIONS--
jlg_native
--INI--
serialize_precision=-1
--FILE--
<?php
use JLG\Native\Impact;
$now = 1700000000;
// By hand: (45 ms -> 0.5) x (0.6 + 0.4 x 0.5) = 0.4 now; (20 ms -> 2/3) x 1 x exp(-3600/604800) an hour ago;
// (40 + 66.27) / (1 + 0.99406) = 53.29.
$good = ['timestamp' => $now, 'avg_ms' => 45.0, 'weight' => 15];
$ref = ['timestamp' => $now - 3600, 'avg_ms' => '20'];
$history = [
    123 => [$good],                    // integer key: skipped by SitePulse
    'scalar/x.php' => 'nope',          // not a list: skipped
    'a/a.php' => [
        $good,
        ['timestamp' => $now, 'avg_ms' => 'slow'],      // not numeric: skipped
        ['timestamp' => 0, 'avg_ms' => 50.0],           // no positive timestamp: skipped
        new stdClass(),                                  // not an array: skipped
        [1, 2],                                          // a list: skipped
        &$ref,                                           // a reference is followed
    ],
];
$sp = Impact::pluginScores($history, $now, ['model' => 'sitepulse']);
var_export($sp['scores']); echo "\n";
var_export($sp['plugins']['a/a.php']); echo "\n";

$errors = [
    'continuous, bad value' => ['a/a.php' => [$good, ['timestamp' => $now, 'avg_ms' => 'slow']]],
    'continuous, integer key' => [7 => [$good]],
    'continuous, list entry' => ['a/a.php' => [$good, [1, 2]]],
    'continuous, empty entry' => ['a/a.php' => [[]]],
    'continuous, not a list' => ['a/a.php' => 5],
    'continuous, float timestamp' => ['a/a.php' => [['timestamp' => 1.5, 'avg_ms' => 1]]],
    'continuous, NaN' => ['a/a.php' => [['timestamp' => $now, 'avg_ms' => NAN]]],
    'continuous, history is a list' => [[$good]],
];
foreach ($errors as $label => $h) {
    try {
        Impact::pluginScores($h, $now);
        echo "$label: no error\n";
    } catch (JLG\Native\InvalidInputException $e) {
        echo "$label: ", $e->getMessage(), " [", $e->getField(), "]\n";
    }
}
try {
    Impact::pluginScores(['a/a.php' => [['timestamp' => $now, 'avg_ms' => INF]]], $now, ['model' => 'sitepulse']);
} catch (JLG\Native\InvalidInputException $e) {
    echo "sitepulse, INF: ", $e->getMessage(), "\n";
}
// A list or an empty history scores nothing in the parity model.
var_export(Impact::pluginScores([[$good]], $now, ['model' => 'sitepulse'])['scores']); echo "\n";
var_export(Impact::pluginScores([], $now)['average_score']); echo "\n";
// The input is not modified.
var_dump($ref['avg_ms'], count($history['a/a.php']));
?>
--EXPECT--
array (
  'a/a.php' => 53.29,
)
array (
  'score' => 53.29,
  'entries' => 6,
  'last_sample_at' => 1700000000,
  'last_avg_ms' => 45.0,
)
continuous, bad value: history[a/a.php][1].avg_ms: must be a number, got string [history[a/a.php][1].avg_ms]
continuous, integer key: history[7]: plugin keys must be non-empty, non-integer plugin files [history[7]]
continuous, list entry: history[a/a.php][1]: must be an array with timestamp and avg_ms, got array [history[a/a.php][1]]
continuous, empty entry: history[a/a.php][0]: must be an array with timestamp and avg_ms, got array [history[a/a.php][0]]
continuous, not a list: history[a/a.php]: must be a list of entries [history[a/a.php]]
continuous, float timestamp: history[a/a.php][0].timestamp: must be an integer Unix timestamp, got float [history[a/a.php][0].timestamp]
continuous, NaN: history[a/a.php][0].avg_ms: must be a finite number [history[a/a.php][0].avg_ms]
continuous, history is a list: history: must be an array keyed by plugin file [history]
sitepulse, INF: history[a/a.php][0].avg_ms: must be a finite number, got inf
array (
)
0.0
string(2) "20"
int(6)
