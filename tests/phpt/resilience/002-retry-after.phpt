--TEST--
Backoff::parseRetryAfter: seconds, decimals with a point or a comma, ms/s suffixes, the three HTTP-date forms, garbage
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Backoff;

$now = 784111777.0; // Sun, 06 Nov 1994 08:49:37 GMT
foreach ([
    '120', ' 30 ', '0', '1.5', '1,5', '2.25s', '250ms', '250 MS', '0,5 s', '.5',
    'Sun, 06 Nov 1994 08:51:37 GMT', 'Sunday, 06-Nov-94 08:51:37 GMT', 'Sun Nov  6 08:51:37 1994',
    'Sun, 06 Nov 1994 08:00:00 GMT',
    '', 'soon', '-5', '1e3', '1.2.3', '5.', 'Sun, 31 Feb 1994 08:49:37 GMT', 'Sun, 06 Nov 1994 08:49:37 CET',
    "\xff\xfe", 'NaN', 'INF',
] as $value) {
    printf("%-34s => %s\n", json_encode($value, JSON_INVALID_UTF8_SUBSTITUTE), var_export(Backoff::parseRetryAfter($value, $now), true));
}
echo "300 digits: ", var_export(Backoff::parseRetryAfter(str_repeat('9', 300), $now), true), "\n";
// Without $now, a date is measured from the current time.
$in = Backoff::parseRetryAfter(gmdate('D, d M Y H:i:s', time() + 100) . ' GMT');
echo "a date 100 s ahead: ", ($in > 97 && $in <= 100) ? 'ok' : "wrong ($in)", "\n";
?>
--EXPECT--
"120"                              => 120.0
" 30 "                             => 30.0
"0"                                => 0.0
"1.5"                              => 1.5
"1,5"                              => 1.5
"2.25s"                            => 2.25
"250ms"                            => 0.25
"250 MS"                           => 0.25
"0,5 s"                            => 0.5
".5"                               => 0.5
"Sun, 06 Nov 1994 08:51:37 GMT"    => 120.0
"Sunday, 06-Nov-94 08:51:37 GMT"   => 120.0
"Sun Nov  6 08:51:37 1994"         => 120.0
"Sun, 06 Nov 1994 08:00:00 GMT"    => 0.0
""                                 => NULL
"soon"                             => NULL
"-5"                               => NULL
"1e3"                              => NULL
"1.2.3"                            => NULL
"5."                               => NULL
"Sun, 31 Feb 1994 08:49:37 GMT"    => NULL
"Sun, 06 Nov 1994 08:49:37 CET"    => NULL
"\ufffd\ufffd"                     => NULL
"NaN"                              => NULL
"INF"                              => NULL
300 digits: NULL
a date 100 s ahead: ok
