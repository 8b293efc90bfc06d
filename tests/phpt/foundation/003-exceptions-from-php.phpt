--TEST--
The exception classes can be constructed, extended and caught from PHP as their SPL parents
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\{InvalidInputException, NativeException, CronSyntaxException, DecryptionException};

$e = new InvalidInputException('bad minute', 7, null, 'minute', 3);
var_dump($e->getMessage(), $e->getCode(), $e->getField(), $e->getPosition(), $e->getLine());
var_dump($e instanceof InvalidArgumentException, $e instanceof LogicException);

$plain = new InvalidInputException();
var_dump($plain->getMessage(), $plain->getField(), $plain->getPosition());

$previous = new RuntimeException('root cause');
$chained = new InvalidInputException('wrapped', 0, $previous, 'field');
var_dump($chained->getPrevious() === $previous, $chained->getField());

$named = new InvalidInputException(message: 'named', position: 12);
var_dump($named->getMessage(), $named->getField(), $named->getPosition());

try {
    new InvalidInputException('x', 0, null, 'f', 'not-an-int');
} catch (TypeError $t) {
    echo get_class($t), ': ', $t->getMessage(), "\n";
}

var_dump(new NativeException('io') instanceof RuntimeException);
var_dump(get_parent_class(CronSyntaxException::class), get_parent_class(DecryptionException::class));
$d = new DecryptionException('no reason');
var_dump($d->getReason());

final class MyInput extends InvalidInputException {}
try {
    throw new MyInput('sub', 0, null, 'k', 1);
} catch (InvalidArgumentException $caught) {
    echo get_class($caught), ' ', $caught->getField(), ' ', $caught->getPosition(), "\n";
}
?>
--EXPECT--
string(10) "bad minute"
int(7)
string(6) "minute"
int(3)
int(4)
bool(true)
bool(true)
string(0) ""
NULL
NULL
bool(true)
string(5) "field"
string(5) "named"
NULL
int(12)
TypeError: InvalidInputException::__construct(): Argument #5 ($position) must be of type ?int
bool(true)
string(32) "JLG\Native\InvalidInputException"
string(26) "JLG\Native\NativeException"
NULL
MyInput k 1
