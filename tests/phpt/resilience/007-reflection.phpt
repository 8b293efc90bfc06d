--TEST--
Resilience classes are final, their methods are camelCase with the documented parameters, Backoff cannot be instantiated
--EXTENSIONS--
jlg_native
--FILE--
<?php
foreach (['Backoff', 'CircuitBreaker', 'RateLimiter', 'StateStore'] as $short) {
    $rc = new ReflectionClass("JLG\\Native\\$short");
    $methods = [];
    foreach ($rc->getMethods() as $m) {
        $params = array_map(function (ReflectionParameter $p) {
            $s = ($p->getType() ? $p->getType() . ' ' : '') . '$' . $p->getName();
            return $p->isDefaultValueAvailable() ? $s . ' = ' . var_export($p->getDefaultValue(), true) : $s;
        }, $m->getParameters());
        $methods[] = ($m->isStatic() ? 'static ' : '') . $m->getName() . '(' . implode(', ', $params) . ')' . ($m->hasReturnType() ? ': ' . $m->getReturnType() : '');
    }
    sort($methods);
    echo ($rc->isFinal() ? 'final ' : ''), $short, "\n  ", implode("\n  ", $methods), "\n";
}
try {
    new JLG\Native\Backoff();
} catch (\Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
final Backoff
  __construct()
  static delay(int $attempt, array $options = array (
)): float
  static parseRetryAfter(string $value, ?float $now = NULL): ?float
final CircuitBreaker
  __construct(array $state = array (
), array $config = array (
))
  allow(?float $now = NULL): bool
  recordFailure(?float $now = NULL, ?float $retryAfter = NULL): void
  recordSuccess(?float $now = NULL): void
  retryAt(): ?float
  state(?float $now = NULL): string
  toArray(): array
final RateLimiter
  __construct(array $state = array (
), array $config = array (
))
  reset(): void
  static routeKey(string $method, string $path): string
  toArray(): array
  update(string $route, int $status, array $headers, ?float $now = NULL): array
  wait(string $route, ?float $now = NULL): float
final StateStore
  __construct(?string $path = NULL, array $options = array (
))
  acquireLock(string $name, int $ttlSeconds, ?float $now = NULL): ?string
  counters(string $prefix = ''): array
  delete(string $key): bool
  events(string $channel, array $filter = array (
)): array
  get(string $key): mixed
  increment(string $counter, int $by = 1): int
  integrityCheck(): bool
  logEvent(string $channel, array $fields, ?float $now = NULL): void
  metrics(string $channel, float $since): array
  path(): string
  releaseLock(string $name, string $token): bool
  set(string $key, mixed $value, ?int $ttlSeconds = NULL): void
Error: Call to private JLG\Native\Backoff::__construct() from global scope
