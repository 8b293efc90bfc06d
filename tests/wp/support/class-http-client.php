<?php
/**
 * A small HTTP client (PHP's curl) for talking to the site's php -S server.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

/**
 * One browser-like session: keeps cookies between requests, never follows
 * redirects (tests look at them).
 */
final class Http_Client {

	/** @var \CurlHandle */
	private $curl;

	private string $base_url;

	/** Token of the session opened by login(), for logout(). */
	private ?string $session_token = null;

	public function __construct( string $base_url ) {
		$this->base_url = rtrim( $base_url, '/' );
		$this->curl     = curl_init();
		curl_setopt( $this->curl, CURLOPT_COOKIEFILE, '' ); // In-memory cookie jar.
	}

	public function __destruct() {
		curl_close( $this->curl );
	}

	/**
	 * Sends a request.
	 *
	 * @param string               $method  GET, POST, ...
	 * @param string               $path    Path below the site URL, e.g. "/wp-json/".
	 * @param array<string,string> $headers Extra headers.
	 * @param array|string|null    $body    Form fields or raw body.
	 * @return array{status: int, headers: array<string,string[]>, body: string}
	 */
	public function request( string $method, string $path, array $headers = array(), $body = null ): array {
		$received = array();
		$lines    = array();
		foreach ( $headers as $name => $value ) {
			$lines[] = $name . ': ' . $value;
		}
		$options = array(
			CURLOPT_URL            => $this->base_url . $path,
			CURLOPT_HTTPHEADER     => $lines,
			CURLOPT_RETURNTRANSFER => true,
			CURLOPT_FOLLOWLOCATION => false,
			CURLOPT_CONNECTTIMEOUT => 5,
			CURLOPT_TIMEOUT        => 30,
			CURLOPT_HEADERFUNCTION => static function ( $curl, string $line ) use ( &$received ): int {
				$parts = explode( ':', $line, 2 );
				if ( 2 === count( $parts ) ) {
					$received[ strtolower( trim( $parts[0] ) ) ][] = trim( $parts[1] );
				}
				return strlen( $line );
			},
		);
		// The handle is reused (for its cookies): reset the method every time.
		if ( 'GET' === $method && null === $body ) {
			$options[ CURLOPT_HTTPGET ]       = true;
			$options[ CURLOPT_CUSTOMREQUEST ] = null;
		} else {
			$options[ CURLOPT_POSTFIELDS ]    = is_array( $body ) ? http_build_query( $body ) : (string) $body;
			$options[ CURLOPT_CUSTOMREQUEST ] = $method;
		}
		curl_setopt_array( $this->curl, $options );
		$response = curl_exec( $this->curl );
		if ( false === $response ) {
			throw new \RuntimeException( sprintf( '%s %s%s failed: %s', $method, $this->base_url, $path, curl_error( $this->curl ) ) );
		}
		return array(
			'status'  => (int) curl_getinfo( $this->curl, CURLINFO_RESPONSE_CODE ),
			'headers' => $received,
			'body'    => (string) $response,
		);
	}

	public function get( string $path, array $headers = array() ): array {
		return $this->request( 'GET', $path, $headers );
	}

	/**
	 * GET and decode a JSON answer.
	 *
	 * @return array{status: int, headers: array, body: string, json: mixed}
	 */
	public function get_json( string $path, array $headers = array() ): array {
		$response         = $this->get( $path, $headers );
		$response['json'] = json_decode( $response['body'], true );
		return $response;
	}

	/**
	 * Logs in through wp-login.php, like a browser: the auth cookies land in the jar.
	 *
	 * @throws \RuntimeException When WordPress does not hand out a logged-in cookie.
	 */
	public function login( string $user, string $password ): void {
		// wp-login.php refuses a login without its test cookie ("cookies are blocked").
		$host = (string) parse_url( $this->base_url, PHP_URL_HOST );
		curl_setopt( $this->curl, CURLOPT_COOKIELIST, "{$host}\tFALSE\t/\tFALSE\t0\twordpress_test_cookie\tWP%20Cookie%20check" );

		$response = $this->request(
			'POST',
			'/wp-login.php',
			array(),
			array(
				'log'         => $user,
				'pwd'         => $password,
				'wp-submit'   => 'Log In',
				'redirect_to' => $this->base_url . '/wp-admin/',
				'testcookie'  => '1',
			)
		);
		foreach ( curl_getinfo( $this->curl, CURLINFO_COOKIELIST ) as $cookie ) {
			$fields = explode( "\t", $cookie );
			if ( isset( $fields[5], $fields[6] ) && 0 === strpos( $fields[5], 'wordpress_logged_in_' ) ) {
				// Value: user|expiration|token|hmac, URL-encoded.
				$this->session_token = explode( '|', rawurldecode( $fields[6] ) )[2] ?? null;
			}
		}
		if ( 302 !== $response['status'] || null === $this->session_token ) {
			throw new \RuntimeException( "Login as {$user} failed: HTTP {$response['status']}" );
		}
	}

	/** A nonce for the REST API (action wp_rest) from admin-ajax.php, for X-WP-Nonce. */
	public function rest_nonce(): string {
		$response = $this->get( '/wp-admin/admin-ajax.php?action=rest-nonce' );
		if ( 200 !== $response['status'] || ! preg_match( '/^[0-9a-f]{10}$/', $response['body'] ) ) {
			throw new \RuntimeException( "No REST nonce: HTTP {$response['status']} {$response['body']}" );
		}
		return $response['body'];
	}

	/** Token of the session opened by login(), or null. */
	public function session_token(): ?string {
		return $this->session_token;
	}
}
