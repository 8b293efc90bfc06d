<?php
/**
 * GET /wp-json/jlg-native/v1/status, over real HTTP and in process.
 *
 * Authentication over HTTP is WordPress's cookie authentication, as the admin
 * screens use it: log in by POSTing wp-login.php (auth cookies), get a nonce
 * for the action wp_rest from admin-ajax.php?action=rest-nonce, send it as
 * X-WP-Nonce. Without the nonce, WordPress treats a cookie request as anonymous.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

final class RestStatusTest extends Test_Case {

	private const PATH = '/wp-json/jlg-native/v1/status';

	private function assert_status_body( array $body ): void {
		foreach ( self::STATUS_KEYS as $key ) {
			$this->assertArrayHasKey( $key, $body );
		}
		$this->assertSame( self::expects_extension(), $body['loaded'], 'loaded matches the server of this run' );
		$this->assertIsArray( $body['features'] );
		$this->assertIsString( $body['message'] );
		if ( self::expects_extension() ) {
			// Same .so in this process and in the server.
			$info = \JLG\Native\build_info();
			foreach ( array( 'version', 'git_revision', 'rustc', 'php_api', 'profile', 'features' ) as $key ) {
				$this->assertSame( $info[ $key ], $body[ $key ], $key );
			}
		} else {
			foreach ( array( 'version', 'git_revision', 'rustc', 'php_api', 'profile' ) as $key ) {
				$this->assertNull( $body[ $key ], $key );
			}
			$this->assertSame( array(), $body['features'] );
			$this->assertStringContainsString( 'not loaded', $body['message'] );
		}
	}

	public function test_anonymous_request_is_refused(): void {
		$response = $this->http()->get_json( self::PATH );
		$this->assertSame( 401, $response['status'] );
		$this->assertSame( 'rest_forbidden', $response['json']['code'] ?? null );
	}

	public function test_admin_with_cookie_and_nonce_gets_the_status(): void {
		$client   = $this->logged_in_http();
		$response = $client->get_json( self::PATH, array( 'X-WP-Nonce' => $client->rest_nonce() ) );
		$this->assertSame( 200, $response['status'], $response['body'] );
		$this->assertStringStartsWith( 'application/json', $response['headers']['content-type'][0] ?? '' );
		$this->assert_status_body( $response['json'] );
	}

	public function test_cookie_without_nonce_counts_as_anonymous(): void {
		$response = $this->logged_in_http()->get_json( self::PATH );
		$this->assertSame( 401, $response['status'] );
	}

	public function test_bad_nonce_is_refused(): void {
		$response = $this->logged_in_http()->get_json( self::PATH, array( 'X-WP-Nonce' => '0123456789' ) );
		$this->assertSame( 403, $response['status'] );
		$this->assertSame( 'rest_cookie_invalid_nonce', $response['json']['code'] ?? null );
	}

	public function test_user_without_manage_options_is_refused(): void {
		[ $login, $password ] = $this->create_user( 'editor' );
		$client               = $this->logged_in_http( $login, $password );
		$response             = $client->get_json( self::PATH, array( 'X-WP-Nonce' => $client->rest_nonce() ) );
		$this->assertSame( 403, $response['status'] );
		$this->assertSame( 'rest_forbidden', $response['json']['code'] ?? null );
	}

	public function test_route_is_listed_in_the_namespace_index(): void {
		$response = $this->http()->get_json( '/wp-json/jlg-native/v1' );
		$this->assertSame( 200, $response['status'] );
		$this->assertArrayHasKey( '/jlg-native/v1/status', $response['json']['routes'] );
		$this->assertSame( array( 'GET' ), $response['json']['routes']['/jlg-native/v1/status']['methods'] );
	}

	public function test_in_process_dispatch(): void {
		$request = new \WP_REST_Request( 'GET', '/jlg-native/v1/status' );

		$anonymous = rest_do_request( $request );
		$this->assertSame( 401, $anonymous->get_status() );

		wp_set_current_user( self::admin()->ID );
		$response = rest_do_request( $request );
		$this->assertSame( 200, $response->get_status() );
		$this->assert_status_body( rest_get_server()->response_to_data( $response, false ) );
	}

	public function test_schema_describes_the_keys(): void {
		$response = rest_do_request( new \WP_REST_Request( 'OPTIONS', '/jlg-native/v1/status' ) );
		$schema   = $response->get_data()['schema'] ?? array();
		foreach ( self::STATUS_KEYS as $key ) {
			$this->assertArrayHasKey( $key, $schema['properties'] ?? array(), $key );
		}
	}
}
