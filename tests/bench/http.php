<?php
/**
 * Outgoing HTTP against a fake server on 127.0.0.1 started here:
 * - guildStats() through the limiter and breaker (state shared in a StateStore,
 *   one event logged per call) against a PHP file_get_contents() + json_decode()
 *   of the same URL with no limiter and no log;
 * - the limiter's pace when the global limit is reached (requests per second);
 * - flush latency per webhook message (claim, send, settle, log).
 */

require __DIR__ . '/lib.php';
require __DIR__ . '/../support/http-fake/server.php';

use JLG\Native\DiscordClient;
use JLG\Native\StateStore;
use JLG\Native\WebhookOutbox;

$srv = jlg_fake_start();
$dir = sys_get_temp_dir() . '/jlg-bench-http-' . getmypid();
@mkdir($dir, 0700);
try {
    jlg_fake_script($srv, '*', ['status' => 200, 'body' => ['name' => 'JLG', 'approximate_member_count' => 120,
        'approximate_presence_count' => 33]]);
    $store = new StateStore("$dir/state.sqlite");
    $base = $srv['url'] . '/api/v10';
    jlg_bench_title('DiscordClient::guildStats against 127.0.0.1 (php -S, 4 workers)');
    $client = new DiscordClient(['token' => 'bench.token', 'base_url' => $base, 'state_store' => $store,
        'limiter' => ['global_per_second' => 1000000]]);
    $native = jlg_bench('native: limiter + breaker + store log', fn () => $client->guildStats('42'), 100, 5);
    $ctx = stream_context_create(['http' => ['header' => "Authorization: Bot bench.token\r\n", 'timeout' => 10]]);
    $php = jlg_bench('PHP: file_get_contents + json_decode', function () use ($base, $ctx) {
        $body = file_get_contents("$base/guilds/42?with_counts=true", false, $ctx);
        return json_decode($body, true)['approximate_member_count'];
    }, 100, 5);
    jlg_bench_report('guildStats per call', $native, $php);
    printf("  native %.0f requests/s, PHP %.0f requests/s\n", 1 / $native, 1 / $php);

    jlg_bench_title('The limiter at Discord\'s global limit (50/s, max_wait 1 s)');
    $paced = new DiscordClient(['token' => 'paced.token', 'base_url' => $base, 'max_wait' => 1.0]);
    $t = hrtime(true);
    for ($i = 0; $i < 120; $i++) {
        $paced->guildStats('42');
    }
    $s = (hrtime(true) - $t) / 1e9;
    printf("  120 calls in %.2f s: %.1f requests/s (the limit is 50/s)\n", $s, 120 / $s);

    jlg_bench_title('WebhookOutbox::flush, 200 messages to one receiver');
    jlg_fake_script($srv, '*', ['status' => 204]);
    $outbox = new WebhookOutbox($store);
    for ($i = 0; $i < 200; $i++) {
        $outbox->enqueue($srv['url'] . '/hook', ['text' => "alert $i"], ['kind' => 'slack']);
    }
    $t = hrtime(true);
    $r = $outbox->flush(200, 30.0);
    $s = (hrtime(true) - $t) / 1e9;
    printf("  sent %d in %.3f s: %.2f ms per message (claim, POST, settle, log)\n", $r['sent'], $s, 1000 * $s / max(1, $r['sent']));
} finally {
    jlg_fake_stop($srv);
    jlg_rm_tree($dir);
}
