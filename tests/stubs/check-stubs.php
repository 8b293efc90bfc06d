<?php
/**
 * Stub drift test: compares php-stubs/jlg-native.php with the loaded extension.
 *
 * Run with the extension loaded: php -d extension=.../libjlg_native.so check-stubs.php STUBFILE
 * The stub file declares the same names as the extension, so it is reflected in a
 * child PHP process started without the extension; both sides are described the
 * same way and compared. Any difference fails with a list of what drifted.
 * Functions under JLG\Native\Testing exist only in test builds and are not stubbed.
 */

declare(strict_types=1);

const JLG_STUB_IGNORED_PREFIX = 'JLG\\Native\\Testing\\';

function jlg_describe_type(?ReflectionType $type): ?string
{
    if ($type === null) {
        return null;
    }
    if ($type instanceof ReflectionNamedType) {
        $name = ltrim($type->getName(), '\\');
        return ($type->allowsNull() && $name !== 'mixed' && $name !== 'null' ? '?' : '') . $name;
    }
    $parts = array_map(static fn ($t) => jlg_describe_type($t), $type->getTypes());
    sort($parts);
    return implode($type instanceof ReflectionUnionType ? '|' : '&', $parts);
}

function jlg_describe_function(ReflectionFunctionAbstract $fn): array
{
    $params = [];
    foreach ($fn->getParameters() as $p) {
        $default = null;
        if ($p->isDefaultValueAvailable()) {
            try {
                $default = var_export($p->getDefaultValue(), true);
            } catch (Throwable $e) {
                $default = 'unreadable default: ' . $e->getMessage();
            }
        }
        $params[] = [
            'name' => $p->getName(),
            'type' => jlg_describe_type($p->getType()),
            'optional' => $p->isOptional(),
            'variadic' => $p->isVariadic(),
            'by_ref' => $p->isPassedByReference(),
            'default' => $default,
        ];
    }
    $out = [
        'params' => $params,
        'return' => jlg_describe_type($fn->getReturnType()),
    ];
    if ($fn instanceof ReflectionMethod) {
        $out['static'] = $fn->isStatic();
        $out['visibility'] = $fn->isPublic() ? 'public' : ($fn->isProtected() ? 'protected' : 'private');
        $out['final'] = $fn->isFinal();
        $out['abstract'] = $fn->isAbstract();
    }
    return $out;
}

function jlg_describe_class(ReflectionClass $class): array
{
    $methods = [];
    foreach ($class->getMethods() as $m) {
        if ($m->getDeclaringClass()->getName() !== $class->getName()) {
            continue;
        }
        $methods[$m->getName()] = jlg_describe_function($m);
    }
    ksort($methods);
    $properties = [];
    foreach ($class->getProperties() as $p) {
        if ($p->getDeclaringClass()->getName() !== $class->getName()) {
            continue;
        }
        $properties[$p->getName()] = [
            'static' => $p->isStatic(),
            'visibility' => $p->isPublic() ? 'public' : ($p->isProtected() ? 'protected' : 'private'),
        ];
    }
    ksort($properties);
    $constants = [];
    foreach ($class->getReflectionConstants() as $c) {
        if ($c->getDeclaringClass()->getName() === $class->getName()) {
            $constants[$c->getName()] = var_export($c->getValue(), true);
        }
    }
    ksort($constants);
    $parent = $class->getParentClass();
    $interfaces = $class->getInterfaceNames();
    sort($interfaces);
    return [
        'parent' => $parent ? $parent->getName() : null,
        'interfaces' => $interfaces,
        'final' => $class->isFinal(),
        'abstract' => $class->isAbstract(),
        'interface' => $class->isInterface(),
        'methods' => $methods,
        'properties' => $properties,
        'constants' => $constants,
    ];
}

/** Describes every JLG\Native name visible in this process, user-declared or internal. */
function jlg_describe_all(bool $internal): array
{
    $classes = [];
    $functions = [];
    $constants = [];
    if ($internal) {
        $ext = new ReflectionExtension('jlg_native');
        $classNames = array_keys($ext->getClasses());
        $functionNames = array_keys($ext->getFunctions());
        $constantValues = $ext->getConstants();
    } else {
        $classNames = array_merge(get_declared_classes(), get_declared_interfaces());
        $functionNames = get_defined_functions()['user'];
        $constantValues = get_defined_constants(true)['user'] ?? [];
    }
    foreach ($classNames as $name) {
        $rc = new ReflectionClass($name);
        if (!str_starts_with($rc->getName(), 'JLG\\Native\\') || $rc->isInternal() !== $internal) {
            continue;
        }
        $classes[$rc->getName()] = jlg_describe_class($rc);
    }
    foreach ($functionNames as $name) {
        $rf = new ReflectionFunction($name);
        $name = $rf->getName();
        if (!str_starts_with($name, 'JLG\\Native\\') || str_starts_with($name, JLG_STUB_IGNORED_PREFIX)) {
            continue;
        }
        $functions[$name] = jlg_describe_function($rf);
    }
    foreach ($constantValues as $name => $value) {
        if (str_starts_with($name, 'JLG\\Native\\')) {
            $constants[$name] = var_export($value, true);
        }
    }
    ksort($classes);
    ksort($functions);
    ksort($constants);
    return ['classes' => $classes, 'functions' => $functions, 'constants' => $constants];
}

function jlg_diff(array $stub, array $ext, string $path, array &$problems): void
{
    foreach ($ext as $key => $value) {
        $here = $path === '' ? (string) $key : "$path.$key";
        if (!array_key_exists($key, $stub)) {
            $problems[] = "$here: in the extension, missing from the stubs";
        } elseif (is_array($value) && is_array($stub[$key])) {
            jlg_diff($stub[$key], $value, $here, $problems);
        } elseif ($value !== $stub[$key]) {
            $problems[] = "$here: extension " . json_encode($value) . ', stubs ' . json_encode($stub[$key]);
        }
    }
    foreach ($stub as $key => $_) {
        if (!array_key_exists($key, $ext)) {
            $here = $path === '' ? (string) $key : "$path.$key";
            $problems[] = "$here: in the stubs, missing from the extension";
        }
    }
}

/** Describes a stub file from a child PHP process started without the extension. */
function jlg_describe_stub_file(string $stubFile): ?array
{
    $cmd = escapeshellarg(PHP_BINARY) . ' -n ' . escapeshellarg(__FILE__) . ' --describe-stubs ' . escapeshellarg($stubFile);
    $json = shell_exec($cmd);
    $stub = is_string($json) ? json_decode($json, true) : null;
    return is_array($stub) ? $stub : null;
}

/** Lists the differences between a stub file and the loaded extension. */
function jlg_stub_drift(string $stubFile): array
{
    $stub = jlg_describe_stub_file($stubFile);
    if ($stub === null) {
        return ["$stubFile: could not be reflected (is it valid PHP?)"];
    }
    $problems = [];
    jlg_diff($stub, jlg_describe_all(true), '', $problems);
    return $problems;
}

if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') !== __FILE__) {
    return; // included as a library (the stub checker's own test)
}

if (($argv[1] ?? '') === '--describe-stubs') {
    require $argv[2];
    echo json_encode(jlg_describe_all(false), JSON_THROW_ON_ERROR);
    exit(0);
}

$stubFile = $argv[1] ?? '';
if (!is_file($stubFile)) {
    fwrite(STDERR, "usage: php -d extension=... check-stubs.php php-stubs/jlg-native.php\n");
    exit(2);
}
if (!extension_loaded('jlg_native')) {
    fwrite(STDERR, "check-stubs: the jlg_native extension is not loaded\n");
    exit(2);
}

$ext = jlg_describe_all(true);
$problems = jlg_stub_drift($stubFile);
$counted = count($ext['classes']) . ' classes, ' . count($ext['functions']) . ' functions, ' . count($ext['constants']) . ' constants';
if ($problems !== []) {
    echo "stub drift (" . count($problems) . " differences; extension has $counted):\n  - " . implode("\n  - ", $problems) . "\n";
    exit(1);
}
echo "stubs match the extension: $counted\n";
