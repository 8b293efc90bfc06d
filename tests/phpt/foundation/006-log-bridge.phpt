--TEST--
Rust log records reach PHP's error log, filtered by jlg_native.log_level, also from worker threads
--EXTENSIONS--
jlg_native
--INI--
jlg_native.log_level=warn
log_errors=1
--FILE--
<?php
use function JLG\Native\Testing\{log, log_from_thread, panic};

$file = tempnam(sys_get_temp_dir(), 'jlg-log-');
ini_set('error_log', $file);

log('error', 'e1');
log('warn', 'w1');
log('info', 'i1-hidden');
log('debug', 'd1-hidden');
ini_set('jlg_native.log_level', 'debug');
log('info', 'i2');
log('debug', 'd2');
log_from_thread('t1');
ini_set('jlg_native.log_level', 'off');
log('error', 'e3-hidden');
ini_set('jlg_native.log_level', 'error');
try { panic('p'); } catch (JLG\Native\NativeException $e) {}
ini_set('jlg_native.log_level', 'warn');
var_dump(ini_set('jlg_native.log_level', 'nonsense')); // refused; warn stays
var_dump(ini_get('jlg_native.log_level'));
log('warn', 'w4');
log('info', 'i4-hidden');

$lines = file($file, FILE_IGNORE_NEW_LINES);
unlink($file);
foreach ($lines as $line) {
    // "[01-Dec-2026 05:00:00 UTC] jlg_native warn: [testing] w1"
    echo preg_replace('/^\[[^\]]+\] /', '', $line), "\n";
}
?>
--EXPECTF--
bool(false)
string(4) "warn"
jlg_native error: [testing] e1
jlg_native warn: [testing] w1
jlg_native info: [testing] i2
jlg_native debug: [testing] d2
jlg_native warn: [testing] t1
jlg_native error: [jlg_native::guard] internal error in JLG\Native\Testing\panic (panic at src/testing.rs:%d)
jlg_native warn: [testing] w4
