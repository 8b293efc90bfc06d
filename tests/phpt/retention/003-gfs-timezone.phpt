--TEST--
Retention::select with GFS: restic's keep rules read in the site's time zone (DST, new year, ISO weeks)
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Retention;

function at(string $local, string $tz): int
{
    return (new DateTimeImmutable($local, new DateTimeZone($tz)))->getTimestamp();
}
function archives(array $times): array
{
    $out = [];
    foreach ($times as $i => $t) {
        $out[] = ['id' => sprintf('a%03d', $i), 'timestamp' => $t, 'size' => 100];
    }
    return $out;
}
function kept(array $archives, array $policy, string $tz): array
{
    $r = Retention::select($archives, $policy, max(array_column($archives, 'timestamp')));
    $byId = array_column($archives, 'timestamp', 'id');
    return array_map(fn ($id) => (new DateTimeImmutable('@' . $byId[$id]))->setTimezone(new DateTimeZone($tz))->format('Y-m-d H:i T'), $r['keep']);
}

// Hourly archives across the Paris fall-back night: 02:xx happens twice and forms one bucket.
$times = [];
for ($h = -3; $h < 5; $h++) {
    $times[] = 1698537600 + $h * 3600; // 2023-10-29 00:00 UTC = 02:00 CEST
}
echo implode("\n", kept(archives($times), ['keep_hourly' => -1, 'timezone' => 'Europe/Paris'], 'Europe/Paris')), "\n--\n";

// Daily archives at 21:00 New York time around the new year: keep_yearly 2 keeps each year's last.
$times = [];
for ($t = at('2022-12-28 21:00', 'America/New_York'); $t <= at('2023-01-03 21:00', 'America/New_York'); $t += 86400) {
    $times[] = $t;
}
echo implode("\n", kept(archives($times), ['keep_yearly' => 2, 'timezone' => 'America/New_York'], 'America/New_York')), "\n--\n";
// Read in UTC, 21:00 EST on Dec 31 is already Jan 1: the 2022 pick moves to Dec 30.
echo implode("\n", kept(archives($times), ['keep_yearly' => 2], 'America/New_York')), "\n--\n";

// ISO weeks: 2020-W53 runs to Sunday 2021-01-03.
$times = [];
for ($i = 0; $i < 14; $i++) {
    $times[] = at('2020-12-28 12:00', 'UTC') + $i * 86400;
}
echo implode("\n", kept(archives($times), ['keep_weekly' => 2, 'keep_last' => 1], 'UTC')), "\n--\n";

// A WordPress gmt_offset site (+05:30) and reasons. Local days: Nov 15, Nov 14, Nov 14.
$three = archives([at('2023-11-15 00:30', '+05:30'), at('2023-11-14 23:30', '+05:30'), at('2023-11-14 10:00', '+05:30')]);
$r = Retention::select($three, ['keep_daily' => 2, 'keep_last' => 1, 'timezone' => '+05:30'], 0);
echo json_encode($r['reasons']), "\n";
// In UTC all three fall on Nov 14: one daily pick, then restic keeps the oldest while a count is left.
$r = Retention::select($three, ['keep_daily' => 2, 'keep_last' => 1], 0);
echo json_encode($r['reasons']), "\n";
// An empty GFS policy (only a zone) keeps everything, like restic.
$r = Retention::select(archives($times), ['timezone' => 'UTC'], 0);
echo count($r['keep']), ' ', $r['reasons']['a000'], "\n";
?>
--EXPECT--
2023-10-29 05:00 CET
2023-10-29 04:00 CET
2023-10-29 03:00 CET
2023-10-29 02:00 CET
2023-10-29 01:00 CEST
2023-10-29 00:00 CEST
2023-10-28 23:00 CEST
--
2023-01-03 21:00 EST
2022-12-31 21:00 EST
--
2023-01-03 21:00 EST
2022-12-30 21:00 EST
--
2021-01-10 12:00 UTC
2021-01-03 12:00 UTC
--
{"a000":"last,daily","a001":"daily","a002":"unmatched"}
{"a000":"last,daily","a002":"daily","a001":"unmatched"}
14 policy_empty
