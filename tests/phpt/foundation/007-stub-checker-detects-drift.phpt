--TEST--
The stub drift check passes on the shipped stubs and names each kind of drift it is meant to catch
--EXTENSIONS--
jlg_native
--FILE--
<?php
require __DIR__ . '/../../stubs/check-stubs.php';
$stubs = __DIR__ . '/../../../php-stubs/jlg-native.php';
var_dump(jlg_stub_drift($stubs));

$source = file_get_contents($stubs);
$mutations = [
    'default'   => ['int $code = 0, ?\Throwable', 'int $code = 1, ?\Throwable'],
    'return'    => ['function getField(): ?string', 'function getField(): string'],
    'parameter' => ['?int $position = null) {}', '?int $offset = null) {}'],
    'parent'    => ['class NativeException extends \RuntimeException', 'class NativeException extends \LogicException'],
    'missing'   => ['function version(): string {}', ''],
    'extra'     => ['function build_info(): array {}', "function build_info(): array {}\n    function not_in_extension(): void {}"],
];
foreach ($mutations as $kind => [$from, $to]) {
    if (!str_contains($source, $from)) {
        echo "$kind: mutation target not found\n";
        continue;
    }
    $file = tempnam(sys_get_temp_dir(), 'stub') . '.php';
    file_put_contents($file, str_replace($from, $to, $source));
    $problems = jlg_stub_drift($file);
    unlink($file);
    echo $kind, ': ', count($problems), ' ', $problems[0] ?? '', "\n";
}
?>
--EXPECT--
array(0) {
}
default: 1 classes.JLG\Native\InvalidInputException.methods.__construct.params.1.default: extension "0", stubs "1"
return: 1 classes.JLG\Native\InvalidInputException.methods.getField.return: extension "?string", stubs "string"
parameter: 1 classes.JLG\Native\InvalidInputException.methods.__construct.params.4.name: extension "position", stubs "offset"
parent: 1 classes.JLG\Native\NativeException.parent: extension "RuntimeException", stubs "LogicException"
missing: 1 functions.JLG\Native\version: in the extension, missing from the stubs
extra: 1 functions.JLG\Native\not_in_extension: in the stubs, missing from the extension
