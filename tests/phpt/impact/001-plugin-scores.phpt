--TEST--
Impact::pluginScores: both models, the jump at the warning threshold, strict errors
--EXTENSIONS--
jlg_native
--INI--
serialize_precision=-1
--FILE--
<?php
use JLG\Native\Impact;
$now = 1700000000;
$history = [
    'a/a.php' => [['timestamp' => $now, 'avg_ms' => 29.9]],
    'b/b.php' => [['timestamp' => $now, 'avg_ms' => 30.1]],
];
$sp = Impact::pluginScores($history, $now, ['model' => 'sitepulse']);
var_export($sp['scores']); echo "\n";
var_dump($sp['average_score'], $sp['decay_window'], $sp['plugins']['b/b.php']['last_avg_ms']);
$c = Impact::pluginScores($history, $now);
echo $c['model'], "\n";
var_export($c['scores']); echo "\n";
// Older entries weigh less: exp(-age / decay).
$d = Impact::pluginScores(['p' => [['timestamp' => $now - 604800, 'avg_ms' => 90.0], ['timestamp' => $now, 'avg_ms' => 5.0]]], $now, ['model' => 'sitepulse']);
var_dump($d['scores']['p']);
try {
    Impact::pluginScores(['a/a.php' => [['timestamp' => $now, 'avg_ms' => 'slow']]], $now);
} catch (JLG\Native\InvalidInputException $e) {
    echo get_class($e), ': ', $e->getMessage(), ' [', $e->getField(), "]\n";
}
try {
    Impact::pluginScores([], $now, ['model' => 'linear']);
} catch (\InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
array (
  'a/a.php' => 99.67,
  'b/b.php' => 0.33,
)
float(50)
int(604800)
float(30.1)
continuous
array (
  'a/a.php' => 49.83,
  'b/b.php' => 50.17,
)
float(39.08)
JLG\Native\InvalidInputException: history[a/a.php][0].avg_ms: must be a number, got string [history[a/a.php][0].avg_ms]
options.model: unknown variant `linear`, expected `sitepulse` or `continuous`
