--TEST--
Impact: every SitePulse parity vector fed through PHP matches as PHP prints floats (serialize_precision=-1)
--EXTENSIONS--
jlg_native
--INI--
serialize_precision=-1
--FILE--
<?php
use JLG\Native\Impact;
$path = __DIR__ . '/../../../../shared/vectors/sitepulse-impact.json';
if (!is_file($path)) {
    echo "MISSING VECTORS: $path\n";
    exit(1);
}
$doc = json_decode(file_get_contents($path), true);
$ok = 0; $bad = [];
foreach ($doc['vectors'] as $v) {
    $in = $v['input'];
    if ($v['kind'] === 'calculate_scores') {
        $got = Impact::pluginScores($in['history'], $in['now'], ['model' => 'sitepulse']);
        $want = $v['output'];
        unset($want['plugin_order']);
        $ordered = [];
        foreach ($want as $k => $_) {
            $ordered[$k] = $got[$k] ?? null;
        }
        $got = $ordered;
        $same = json_encode($got, JSON_PRESERVE_ZERO_FRACTION) === json_encode($want, JSON_PRESERVE_ZERO_FRACTION)
            && array_keys($got['plugins']) === $v['output']['plugin_order'];
    } elseif ($v['kind'] === 'transverse_impact_index') {
        $got = Impact::transverseIndex(
            ['modules_status' => $in['modules_status'], 'uptime' => $in['uptime'], 'speed' => $in['speed'], 'ai_summary' => $in['ai_summary']],
            ['range' => $in['range'], 'seconds' => $in['config']['seconds'] ?? null, 'now' => 1700000000]
        );
        $same = json_encode($got, JSON_PRESERVE_ZERO_FRACTION) === json_encode($v['output'], JSON_PRESERVE_ZERO_FRACTION);
    } else {
        continue;
    }
    $same ? $ok++ : $bad[] = $v['id'];
}
echo "$ok matched\n";
var_dump($bad);
// One value printed the way PHP prints it.
$r = Impact::pluginScores(['p' => [['timestamp' => 1699999940, 'avg_ms' => 1.005]]], 1700000000, ['model' => 'sitepulse']);
var_export($r['plugins']['p']['last_avg_ms']); echo "\n";
echo json_encode($r['plugins']['p']), "\n";
?>
--EXPECT--
50 matched
array(0) {
}
1.01
{"score":3.35,"entries":1,"last_sample_at":1699999940,"last_avg_ms":1.01}
