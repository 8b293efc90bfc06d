<?php
/**
 * The contract of the REST route base class that later routes build on.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use JLG\NativeCompanion\Rest\Registrar;
use JLG\NativeCompanion\Rest\Route;

final class RestRouteTest extends Test_Case {

	/** A route that needs the extension and records whether it was reached. */
	private static function native_route(): Route {
		return new class() extends Route {
			public bool $reached = false;

			public function path(): string {
				return '/test-only';
			}

			public function handle( \WP_REST_Request $request ) {
				$this->reached = true;
				return array( 'version' => \JLG\Native\version() );
			}
		};
	}

	public function test_routes_need_the_extension_and_manage_options_by_default(): void {
		$route   = self::native_route();
		$request = new \WP_REST_Request( 'GET', '/' . Registrar::NAMESPACE . '/test-only' );

		$this->assertTrue( $route->requires_extension() );
		$this->assertFalse( $route->permission( $request ) );
		wp_set_current_user( self::admin()->ID );
		$this->assertTrue( $route->permission( $request ) );

		$response = $route->dispatch( $request );
		if ( self::expects_extension() ) {
			$this->assertTrue( $route->reached );
			$this->assertInstanceOf( \WP_REST_Response::class, $response );
			$this->assertSame( array( 'version' => \JLG\Native\version() ), $response->get_data() );
		} else {
			$this->assertFalse( $route->reached, 'the handler is not reached without the extension' );
			$this->assertInstanceOf( \WP_Error::class, $response );
			$this->assertSame( 'jlg_native_unavailable', $response->get_error_code() );
			$this->assertSame( 503, $response->get_error_data()['status'] );
		}
	}

	public function test_every_listed_route_is_registered_under_the_namespace(): void {
		$registered = rest_get_server()->get_routes( Registrar::NAMESPACE );
		$this->assertNotEmpty( Registrar::routes() );
		foreach ( Registrar::routes() as $route ) {
			$this->assertArrayHasKey( '/' . Registrar::NAMESPACE . $route->path(), $registered );
		}
	}
}
