--TEST--
Sla::windows model sitepulse: every SLA parity vector through PHP (report and archive), as PHP prints floats
--EXTENSIONS--
jlg_native
--INI--
serialize_precision=-1
--FILE--
<?php
use JLG\Native\Sla;
$path = __DIR__ . '/../../../../shared/vectors/sitepulse-sla.json';
if (!is_file($path)) {
    echo "MISSING VECTORS: $path\n";
    exit(1);
}
$doc = json_decode(file_get_contents($path), true);
$ok = 0; $bad = [];
foreach ($doc['vectors'] as $v) {
    $in = $v['input'];
    $log = [];
    foreach ($in['log']['rows'] as $row) {
        $entry = [];
        foreach ($in['log']['columns'] as $i => $col) {
            if ($row[$i] !== null) {
                $entry[$col] = $row[$i];
            }
        }
        $log[] = $entry;
    }
    $options = ['model' => 'sitepulse', 'now' => $in['now_local'], 'archive_days' => $in['archive_window_days'], 'gmt_offset' => $in['gmt_offset_hours']];
    foreach (['windows_arg' => 'windows_days', 'agents_option' => 'agents', 'retention_days_option' => 'retention_days'] as $from => $to) {
        if ($in[$from] !== null) {
            $options[$to] = $in[$from];
        }
    }
    $got = Sla::windows($log, $options);
    $archive = $got['archive'];
    unset($got['archive']);
    $want = $v['output'];
    $metrics = [];
    foreach ($in['archive_window_days'] as $d) {
        $metrics[$d] = $archive['window_metrics'][$d];
    }
    $same = json_encode($got, JSON_PRESERVE_ZERO_FRACTION) === json_encode($want['sla_windows'], JSON_PRESERVE_ZERO_FRACTION)
        && json_encode($archive['days'], JSON_PRESERVE_ZERO_FRACTION) === json_encode($want['archive'], JSON_PRESERVE_ZERO_FRACTION)
        && json_encode($metrics, JSON_PRESERVE_ZERO_FRACTION) === json_encode($want['archive_window_metrics'], JSON_PRESERVE_ZERO_FRACTION);
    if ($same && in_array(30, $in['archive_window_days'], true)) {
        $same = json_encode($archive['agent_metrics'][30], JSON_PRESERVE_ZERO_FRACTION) === json_encode($want['archive_agent_metrics_30'], JSON_PRESERVE_ZERO_FRACTION);
    }
    $same ? $ok++ : $bad[] = $v['id'];
}
echo "$ok matched\n";
var_dump($bad);
?>
--EXPECT--
15 matched
array(0) {
}
