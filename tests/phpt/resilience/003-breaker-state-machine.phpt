--TEST--
CircuitBreaker: threshold within the window, half-open probe, growth and cap, server hint, persisted between "requests" as an array
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\CircuitBreaker;

$config = ['jitter' => 0.0]; // exact periods for the table; the default spreads them ±20 %
/** One "request": rebuild from the saved array, act, save again (as an option would). */
function step(string &$saved, array $config, callable $act) {
    $b = new CircuitBreaker(unserialize($saved), $config);
    $out = $act($b);
    $saved = serialize($b->toArray());
    return $out;
}
$saved = serialize([]);
$t = 1700000000.0;
$rows = [
    ['fail', 0], ['fail', 10], ['state', 10], ['fail', 20], ['state', 20], ['allow', 25], ['retryAt', 0],
    ['state', 49], ['state', 50], ['allow', 50], ['allow', 50], ['fail', 51], ['retryAt', 0],   // reopened for 60 s
    ['allow', 111], ['fail', 111], ['retryAt', 0],                                              // 120 s
    ['allow', 231], ['fail', 231], ['allow', 471], ['fail', 471], ['allow', 951], ['fail', 951], ['retryAt', 0], // capped at 900
    ['allow', 1851], ['ok', 1852], ['state', 1852], ['retryAt', 0], ['fail', 1900], ['state', 1900],
];
foreach ($rows as [$what, $dt]) {
    $now = $t + $dt;
    $result = step($saved, $config, function (CircuitBreaker $b) use ($what, $now) {
        switch ($what) {
            case 'fail': $b->recordFailure($now); return null;
            case 'ok': $b->recordSuccess($now); return null;
            case 'allow': return $b->allow($now) ? 'allowed' : 'refused';
            case 'state': return $b->state($now);
            case 'retryAt': $r = $b->retryAt(); return $r === null ? 'null' : '+' . ($r - 1700000000.0);
        }
    });
    echo str_pad("$what @$dt", 14), $result === null ? '' : "=> $result", "\n";
}

echo "-- a 429 with Retry-After below the threshold\n";
$b = new CircuitBreaker([], $config);
$b->recordFailure($t, 120.0);
var_dump($b->state($t + 1), $b->retryAt() - $t, $b->toArray()['trips']);
echo "-- the hint wins over a shorter backoff\n";
$b = new CircuitBreaker([], $config);
$b->recordFailure($t); $b->recordFailure($t); $b->recordFailure($t, 600);
var_dump($b->retryAt() - $t);
echo "-- default jitter: first open period in [24, 36] s\n";
$ok = true;
for ($i = 0; $i < 200; $i++) {
    $b = new CircuitBreaker();
    foreach ([0, 1, 2] as $k) { $b->recordFailure($t + $k); }
    $p = $b->retryAt() - ($t + 2);
    $ok = $ok && $p >= 24 && $p <= 36;
}
var_dump($ok);
echo "-- seeded jitter is reproducible\n";
$periods = [];
foreach ([1, 2] as $_) {
    $b = new CircuitBreaker([], ['seed' => 7]);
    foreach ([0, 1, 2] as $k) { $b->recordFailure($t + $k); }
    $periods[] = $b->retryAt();
}
var_dump($periods[0] === $periods[1]);
echo "-- JSON round trip\n";
$b = new CircuitBreaker([], $config);
$b->recordFailure($t); $b->recordFailure($t + 1);
$again = new CircuitBreaker(json_decode(json_encode($b->toArray()), true), $config);
var_dump($again->toArray() == $b->toArray());
$again->recordFailure($t + 2);
var_dump($again->state($t + 2));
echo "-- now defaults to the clock\n";
$b = new CircuitBreaker();
var_dump($b->allow(), $b->state());
?>
--EXPECT--
fail @0       
fail @10      
state @10     => closed
fail @20      
state @20     => open
allow @25     => refused
retryAt @0    => +50
state @49     => open
state @50     => half_open
allow @50     => allowed
allow @50     => refused
fail @51      
retryAt @0    => +111
allow @111    => allowed
fail @111     
retryAt @0    => +231
allow @231    => allowed
fail @231     
allow @471    => allowed
fail @471     
allow @951    => allowed
fail @951     
retryAt @0    => +1851
allow @1851   => allowed
ok @1852      
state @1852   => closed
retryAt @0    => null
fail @1900    
state @1900   => closed
-- a 429 with Retry-After below the threshold
string(4) "open"
float(120)
int(0)
-- the hint wins over a shorter backoff
float(600)
-- default jitter: first open period in [24, 36] s
bool(true)
-- seeded jitter is reproducible
bool(true)
-- JSON round trip
bool(true)
string(4) "open"
-- now defaults to the clock
bool(true)
string(6) "closed"
