--TEST--
A Rust panic becomes a NativeException naming the method; the process survives and the next call works
--EXTENSIONS--
jlg_native
--INI--
jlg_native.log_level=off
--FILE--
<?php
for ($i = 0; $i < 3; $i++) {
    try {
        JLG\Native\Testing\panic("secret-token-$i");
        echo "no exception\n";
    } catch (\Exception $e) {
        echo get_class($e), "\n";
        var_dump(str_contains($e->getMessage(), 'JLG\Native\Testing\panic'));
        // The panic payload may quote input (a secret): it never reaches the message.
        var_dump(str_contains($e->getMessage(), 'secret-token'));
        var_dump($e->getLine());
    }
}
var_dump(JLG\Native\Testing\panic(''));
var_dump(JLG\Native\version() !== '');
?>
--EXPECT--
JLG\Native\NativeException
bool(true)
bool(false)
int(4)
JLG\Native\NativeException
bool(true)
bool(false)
int(4)
JLG\Native\NativeException
bool(true)
bool(false)
int(4)
bool(true)
bool(true)
