--TEST--
Quota and Retention are final classes of static methods with the documented signatures
--EXTENSIONS--
jlg_native
--FILE--
<?php
foreach (['JLG\Native\Quota', 'JLG\Native\Retention'] as $class) {
    $r = new ReflectionClass($class);
    echo $class, ': final=', var_export($r->isFinal(), true), ' instantiable=', var_export($r->isInstantiable(), true), "\n";
    foreach ($r->getMethods(ReflectionMethod::IS_STATIC) as $m) {
        $params = array_map(
            fn ($p) => $p->getType() . ' $' . $p->getName() . ($p->isDefaultValueAvailable() ? ' = ' . json_encode($p->getDefaultValue()) : ''),
            $m->getParameters()
        );
        echo '  ', $m->getName(), '(', implode(', ', $params), '): ', $m->getReturnType(), "\n";
    }
}
try {
    new JLG\Native\Quota();
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
// Named arguments use the documented names.
var_dump(JLG\Native\Quota::backupsRemaining(recentArchiveSizes: [10], freeBytes: 25)['remaining']);
?>
--EXPECT--
JLG\Native\Quota: final=true instantiable=false
  project(array $samples, array $options = []): array
  aggregate(array $destinations): array
  backupsRemaining(int $freeBytes, array $recentArchiveSizes): array
JLG\Native\Retention: final=true instantiable=false
  select(array $archives, array $policy, int $now): array
  simulate(array $archives, array $policy, array $future): array
  recommend(array $archives, int $quotaBytes, float $targetRatio, array $policy = []): array
Call to private JLG\Native\Quota::__construct() from global scope
int(2)
