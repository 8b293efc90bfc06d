--TEST--
An exception thrown from Rust carries the PHP caller's file, line and trace
--EXTENSIONS--
jlg_native
--FILE--
<?php
function caller_frame() {
    return JLG\Native\Testing\log('no-such-level', 'x'); // line 3
}
try {
    caller_frame();
} catch (JLG\Native\InvalidInputException $e) {
    var_dump(get_class($e), $e->getMessage(), $e->getField(), $e->getPosition());
    var_dump($e->getFile() === __FILE__, $e->getLine());
    $trace = $e->getTrace();
    var_dump($trace[0]['function'], $trace[1]['function'], $trace[1]['line']);
}
?>
--EXPECT--
string(32) "JLG\Native\InvalidInputException"
string(29) "unknown level 'no-such-level'"
string(5) "level"
NULL
bool(true)
int(3)
string(22) "JLG\Native\Testing\log"
string(12) "caller_frame"
int(6)
