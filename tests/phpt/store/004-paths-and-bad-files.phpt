--TEST--
StateStore paths and files: default path from jlg_native.state_dir, clear NativeException without a path, for a corrupt file and for a missing folder; a deleted corrupt file is recreated; mode 0600
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\StateStore;
use JLG\Native\NativeException;

$dir = sys_get_temp_dir() . '/jlg-phpt-paths-' . getmypid();
@mkdir($dir, 0700);
ini_set('jlg_native.state_dir', '');
try { new StateStore(); } catch (NativeException $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }

ini_set('jlg_native.state_dir', $dir);
$s = new StateStore();
echo "default path: ", $s->path() === "$dir/state.sqlite" ? 'ok' : $s->path(), "\n";
$s->increment('opened');
printf("mode %o\n", fileperms("$dir/state.sqlite") & 0777);
var_dump($s->integrityCheck());
unset($s);

file_put_contents("$dir/broken.sqlite", str_repeat("not a database\n", 300));
try {
    new StateStore("$dir/broken.sqlite");
} catch (NativeException $e) {
    echo str_replace($dir, 'DIR', $e->getMessage()), "\n";
    var_dump($e instanceof RuntimeException);
}
unlink("$dir/broken.sqlite");
$s = new StateStore("$dir/broken.sqlite");
var_dump($s->increment('recreated'));
unset($s);

try { new StateStore("$dir/no/such/folder/state.sqlite"); } catch (NativeException $e) { echo str_replace($dir, 'DIR', $e->getMessage()), "\n"; }
try { new StateStore($dir); } catch (NativeException $e) { echo str_replace($dir, 'DIR', $e->getMessage()), "\n"; }
try { new StateStore(null, ['max_events_per_channel' => 0]); } catch (JLG\Native\InvalidInputException $e) { echo $e->getField(), ': ', $e->getMessage(), "\n"; }
try { new StateStore(null, ['busy_timeout' => 10]); } catch (JLG\Native\InvalidInputException $e) { echo $e->getField(), "\n"; }
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
JLG\Native\NativeException: no state store path given and jlg_native.state_dir is not set: pass a path or set the INI entry
default path: ok
mode 600
bool(true)
state store DIR/broken.sqlite is corrupt or not a SQLite database (file is not a database); move it aside or delete it (with its -wal and -shm files) and a new one is created on the next open
bool(true)
int(1)
state store DIR/no/such/folder/state.sqlite: cannot open (the folder DIR/no/such/folder does not exist)
state store DIR: cannot open (the path is a folder, not a file)
options.max_events_per_channel: options.max_events_per_channel: must be between 1 and 1000000
options.busy_timeout
