--TEST--
RateLimiter::routeKey: major parameters kept, other ids generalised, tokens never kept, bad methods refused
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\RateLimiter;

foreach ([
    ['GET', '/api/v10/guilds/81384788765712384?with_counts=true'],
    ['GET', 'https://discord.com/api/guilds/81384788765712384/widget.json'],
    ['get', '/guilds/1/members/222222222222222222'],
    ['DELETE', '/channels/5/messages/6'],
    ['PUT', '/channels/5/messages/6/reactions/%F0%9F%91%8D/@me'],
    ['POST', '/webhooks/123/sEcReT_t0ken-value?wait=true'],
    ['PATCH', '/webhooks/123/sEcReT_t0ken-value/messages/@original'],
    ['POST', '/interactions/999/aW50ZXJhY3Rpb246dG9rZW4/callback'],
    ['GET', '/users/@me'],
    ['GET', ''],
    ['GET', "/guilds/1/\xff"],
] as [$method, $path]) {
    $key = RateLimiter::routeKey($method, $path);
    echo str_pad("$method " . json_encode($path, JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE), 72), '=> ', json_encode($key, JSON_UNESCAPED_SLASHES), "\n";
    if (str_contains($key, 'sEcReT') || str_contains($key, 'aW50ZXJhY3Rpb24')) {
        echo "TOKEN LEAKED\n";
    }
}
foreach ([['', '/x'], ['G E T', '/x'], ['GET', str_repeat('/a', 100)]] as [$method, $path]) {
    try {
        RateLimiter::routeKey($method, $path);
    } catch (JLG\Native\InvalidInputException $e) {
        echo $e->getField(), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
GET "/api/v10/guilds/81384788765712384?with_counts=true"                => "GET /guilds/81384788765712384"
GET "https://discord.com/api/guilds/81384788765712384/widget.json"      => "GET /guilds/81384788765712384/widget.json"
get "/guilds/1/members/222222222222222222"                              => "GET /guilds/1/members/:id"
DELETE "/channels/5/messages/6"                                         => "DELETE /channels/5/messages/:id"
PUT "/channels/5/messages/6/reactions/%F0%9F%91%8D/@me"                 => "PUT /channels/5/messages/:id/reactions/:reaction/@me"
POST "/webhooks/123/sEcReT_t0ken-value?wait=true"                       => "POST /webhooks/123/:token"
PATCH "/webhooks/123/sEcReT_t0ken-value/messages/@original"             => "PATCH /webhooks/123/:token/messages/@original"
POST "/interactions/999/aW50ZXJhY3Rpb246dG9rZW4/callback"               => "POST /interactions/:id/:token/callback"
GET "/users/@me"                                                        => "GET /users/@me"
GET ""                                                                  => "GET /"
GET "/guilds/1/\ufffd"                                                  => "GET /guilds/1/\ufffd"
method: method: must be an HTTP method made of letters (GET, POST, ...)
method: method: must be an HTTP method made of letters (GET, POST, ...)
path: path: has 100 segments, at most 64 are accepted
