--TEST--
Backoff::delay: strategies, the full-jitter envelope, seeds, the server hint and bad options
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Backoff;
use JLG\Native\InvalidInputException;

echo "exponential: ";
$d = [];
for ($n = 0; $n <= 11; $n++) {
    $d[] = Backoff::delay($n, ['strategy' => 'exponential']);
}
echo implode(' ', $d), "\n";
echo "custom base and cap: ", implode(' ', array_map(fn ($n) => Backoff::delay($n, ['strategy' => 'exponential', 'base' => 5.0, 'cap' => 60]), [0, 1, 2, 3, 4])), "\n";

// Full jitter (the default) stays in [0, min(cap, base * 2^n)] and spreads over it.
$outside = 0;
$low = $high = 0;
for ($n = 0; $n < 12; $n++) {
    $envelope = min(900.0, 2 ** $n);
    for ($i = 0; $i < 200; $i++) {
        $v = Backoff::delay($n);
        if ($v < 0 || $v > $envelope) { $outside++; }
        if ($n === 5 && $v < 0.1 * $envelope) { $low++; }
        if ($n === 5 && $v > 0.9 * $envelope) { $high++; }
    }
}
echo "full jitter outside its envelope: $outside\n";
echo "reaches both ends: ", var_export($low > 0 && $high > 0, true), "\n";

$sum = 0;
for ($seed = 0; $seed < 2000; $seed++) {
    $sum += Backoff::delay(3, ['seed' => $seed]);
}
printf("mean of 2000 seeded draws for attempt 3 near 4: %s\n", abs($sum / 2000 - 4) < 0.3 ? 'yes' : 'no (' . $sum / 2000 . ')');

foreach (['equal_jitter' => [8, 16], 'decorrelated' => [1, 30]] as $strategy => [$min, $max]) {
    $ok = true;
    for ($i = 0; $i < 300; $i++) {
        $v = Backoff::delay(4, ['strategy' => $strategy, 'previous' => 10.0]);
        $ok = $ok && $v >= $min && $v <= $max;
    }
    echo "$strategy within [$min, $max]: ", var_export($ok, true), "\n";
}

echo "same seed, same delay: ", var_export(Backoff::delay(6, ['seed' => 42]) === Backoff::delay(6, ['seed' => 42]), true), "\n";
echo "another seed, another delay: ", var_export(Backoff::delay(6, ['seed' => 42]) !== Backoff::delay(6, ['seed' => 43]), true), "\n";
echo "hint above the cap wins: ", Backoff::delay(2, ['strategy' => 'exponential', 'retry_after' => 1200.5]), "\n";
echo "smaller hint does not shorten: ", Backoff::delay(3, ['strategy' => 'exponential', 'retry_after' => 1]), "\n";
echo "hint from a header: ", Backoff::delay(0, ['strategy' => 'exponential', 'retry_after' => Backoff::parseRetryAfter('7.5')]), "\n";

foreach ([
    [-1, []],
    [1, ['strategy' => 'linear']],
    [1, ['base' => 0]],
    [1, ['cap' => 0.5]],
    [1, ['retry_after' => -2]],
    [1, ['bsae' => 2]],
    [1, ['seed' => 'abc']],
    [1, [1, 2]],
] as [$attempt, $options]) {
    try {
        Backoff::delay($attempt, $options);
        echo "accepted?!\n";
    } catch (InvalidInputException $e) {
        echo $e->getField(), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
exponential: 1 2 4 8 16 32 64 128 256 512 900 900
custom base and cap: 5 10 20 40 60
full jitter outside its envelope: 0
reaches both ends: true
mean of 2000 seeded draws for attempt 3 near 4: yes
equal_jitter within [8, 16]: true
decorrelated within [1, 30]: true
same seed, same delay: true
another seed, another delay: true
hint above the cap wins: 1200.5
smaller hint does not shorten: 8
hint from a header: 7.5
attempt: attempt: must be 0 or more, got -1
options.strategy: options.strategy: unknown variant `linear`, expected one of `exponential`, `full_jitter`, `equal_jitter`, `decorrelated`
options.base: options.base: must be greater than 0, got 0
options.cap: options.cap: must be at least 1, got 0.5
options.retry_after: options.retry_after: must be at least 0, got -2
options.bsae: options.bsae: unknown field `bsae`, expected one of `strategy`, `base`, `cap`, `previous`, `retry_after`, `seed`
options.seed: options.seed: invalid type: string "abc", expected i64
options: options: must be an array of key => value, not a list
