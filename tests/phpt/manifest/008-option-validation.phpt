--TEST--
Scan options and roots are validated up front with errors that name the option
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\{Manifest, InvalidInputException};
require __DIR__ . '/helpers.inc';
$d = mf_tmpdir('options');
mf_put($d, 'a.txt', 'a');
mf_put($d, 'b/c.txt', 'c');
$cases = [
    [$d, ['exclude' => ['ok/**', 'bad[']]],
    [$d, ['exclude' => ['/absolute']]],
    [$d, ['exclude' => 'not-a-list']],
    [$d, ['hash' => 'md5']],
    [$d, ['threads' => 0]],
    [$d, ['threads' => '2']],
    [$d, ['max_files' => 2]],
    [$d, ['folow_symlinks' => true]],
    [$d, [0 => 'x']],
    [$d, ['previous' => new stdClass()]],
    ["$d/missing", []],
    ["$d/a.txt", []],
];
foreach ($cases as [$root, $opts]) {
    try {
        Manifest::scan($root, $opts);
        echo "accepted\n";
    } catch (InvalidInputException $e) {
        echo $e->getField(), ' | ', str_replace($d, 'ROOT', $e->getMessage()), "\n";
    }
}
var_dump(count(Manifest::scan($d, ['max_files' => 3])));
try { new Manifest(); } catch (Throwable $e) { echo get_class($e), "\n"; }
?>
--EXPECT--
options.exclude[1] | options.exclude[1]: invalid pattern 'bad[': unclosed character class; missing ']'
options.exclude[0] | options.exclude[0]: pattern '/absolute' is absolute; patterns are relative to the root
options.exclude | options.exclude: invalid type: string "not-a-list", expected a sequence
options.hash | options.hash: unknown variant `md5`, expected one of `xxh3`, `bjlg`, `blake3`, `none`
options.threads | options.threads: must be between 1 and 256, got 0
options.threads | options.threads: invalid type: string "2", expected usize
options.max_files | options.max_files: the scan met more than 2 entries; raise max_files or exclude more
options.folow_symlinks | options.folow_symlinks: unknown field `folow_symlinks`, expected one of `exclude`, `follow_symlinks`, `hash`, `threads`, `max_files`
options | options: expected named keys, got the index 0
options.previous | options.previous: expected a JLG\Native\Manifest or null
root | root: 'ROOT/missing' does not exist
root | root: 'ROOT/a.txt' is not a directory
int(2)
Exception
