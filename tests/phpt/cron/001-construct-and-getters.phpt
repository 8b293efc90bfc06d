--TEST--
CronExpression: construction, getters, final class, normalized zone names
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\CronExpression;
$c = new CronExpression('0 3 * * mon-fri', 'Europe/Paris');
var_dump($c->getExpression(), $c->getTimezone());
var_dump((new CronExpression('@daily'))->getTimezone());
var_dump((new CronExpression('* * * * *', 'UTC-5.5'))->getTimezone());
var_dump((new CronExpression('* * * * *', '+02:00'))->getTimezone());
var_dump((new ReflectionClass(CronExpression::class))->isFinal());
try { serialize($c); } catch (Throwable $e) { echo get_class($e), "\n"; }
try { clone $c; echo "cloned\n"; } catch (Throwable $e) { echo get_class($e), "\n"; }
?>
--EXPECT--
string(15) "0 3 * * mon-fri"
string(12) "Europe/Paris"
string(3) "UTC"
string(6) "-05:30"
string(6) "+02:00"
bool(true)
Exception
Error
