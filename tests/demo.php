<?php
/**
 * `make demo`: loads the extension and exercises every class it registers,
 * printing readable results. Each section names the plugin it serves.
 */

declare(strict_types=1);

use JLG\Native;

function demo_title(string $title): void
{
    echo "\n== ", $title, " ", str_repeat('=', max(0, 70 - strlen($title))), "\n";
}

function demo_show(string $label, mixed $value): void
{
    $text = is_string($value) ? $value : json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION);
    printf("  %-34s %s\n", $label, $text);
}

if (!extension_loaded('jlg_native')) {
    fwrite(STDERR, "The jlg_native extension is not loaded: run `make demo`, or php -d extension=target/release/libjlg_native.so tests/demo.php\n");
    exit(1);
}

demo_title('Module');
demo_show('version()', Native\version());
foreach (Native\build_info() as $key => $value) {
    demo_show("build_info()['$key']", $value);
}
demo_show('log level (INI)', ini_get('jlg_native.log_level'));

demo_title('Exceptions');
$e = new Native\InvalidInputException('unexpected "x" in the minute field', 0, null, 'minute', 2);
demo_show('InvalidInputException', [$e->getMessage(), $e->getField(), $e->getPosition()]);
demo_show('is an \InvalidArgumentException', $e instanceof \InvalidArgumentException);
demo_show('NativeException is a \RuntimeException', new Native\NativeException('x') instanceof \RuntimeException);

$classes = array_keys((new ReflectionExtension('jlg_native'))->getClasses());
demo_title('Classes registered');
foreach ($classes as $class) {
    echo '  ', $class, "\n";
}
echo "\nDemo finished.\n";
