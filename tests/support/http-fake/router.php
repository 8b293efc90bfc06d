<?php
/**
 * A scripted fake of the Discord API and of webhook receivers, served by
 * `php -S 127.0.0.1:<port> router.php` (started by the tests, on 127.0.0.1 only).
 *
 * State lives in the folder named by the JLG_FAKE_DIR environment variable:
 * - script.json: {"<path prefix>": [response, ...]}; the first response of the
 *   longest matching prefix is used and removed; "*" is the default, reused.
 *   A response: {status, headers: {name: value}, body (string or array -> JSON),
 *   sleep_ms, size (a body of that many bytes)}.
 * - requests.jsonl: one line per request {t, method, path, auth, body}; a line
 *   {"start": path} is written before a response that sleeps.
 */

$dir = getenv('JLG_FAKE_DIR');
if (!$dir || !is_dir($dir)) {
    http_response_code(500);
    exit;
}
$path = $_SERVER['REQUEST_URI'];
$body = file_get_contents('php://input');
$auth = $_SERVER['HTTP_AUTHORIZATION'] ?? null;

$lock = fopen("$dir/lock", 'c');
flock($lock, LOCK_EX);
$script = is_file("$dir/script.json") ? json_decode(file_get_contents("$dir/script.json"), true) : [];
$best = null;
foreach (array_keys($script) as $prefix) {
    if ($prefix !== '*' && str_starts_with($path, $prefix) && ($best === null || strlen($prefix) > strlen($best))) {
        if (!empty($script[$prefix])) {
            $best = $prefix;
        }
    }
}
if ($best !== null) {
    $response = array_shift($script[$best]);
    file_put_contents("$dir/script.json", json_encode($script));
} else {
    $response = $script['*'][0] ?? ['status' => 404, 'body' => ['message' => 'no script']];
}
$line = ['t' => microtime(true), 'method' => $_SERVER['REQUEST_METHOD'], 'path' => $path, 'auth' => $auth, 'body' => $body];
if (!empty($response['sleep_ms'])) {
    file_put_contents("$dir/requests.jsonl", json_encode(['start' => $path, 'body' => $body]) . "\n", FILE_APPEND);
}
flock($lock, LOCK_UN);

if (!empty($response['sleep_ms'])) {
    usleep(1000 * (int) $response['sleep_ms']);
}
file_put_contents("$dir/requests.jsonl", json_encode($line) . "\n", FILE_APPEND | LOCK_EX);

http_response_code($response['status'] ?? 200);
foreach ($response['headers'] ?? [] as $name => $value) {
    header("$name: $value");
}
if (isset($response['size'])) {
    header('Content-Type: application/json');
    echo str_repeat('x', (int) $response['size']);
} elseif (isset($response['body'])) {
    header('Content-Type: application/json');
    echo is_string($response['body']) ? $response['body'] : json_encode($response['body']);
}
