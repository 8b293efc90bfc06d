<?php
/**
 * Base class of the plugin's REST routes.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Rest;

use function JLG\NativeCompanion\native_available;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * One route under the `jlg-native/v1` namespace.
 *
 * A subclass names its path and methods and implements handle(). By default
 * a route is for administrators only; a route that cannot work without the
 * extension says so with requires_extension() and then answers 503 with the
 * code `jlg_native_unavailable` when it is absent, without reaching handle().
 */
abstract class Route {

	/** Path below the namespace, e.g. "/status" or "/cron/preview". */
	abstract public function path(): string;

	/**
	 * Answers a request the permission callback let through.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error|array
	 */
	abstract public function handle( \WP_REST_Request $request );

	/** HTTP methods, as accepted by register_rest_route(). */
	public function methods(): string {
		return \WP_REST_Server::READABLE;
	}

	/** Arguments (validation and sanitising) for register_rest_route(). */
	public function args(): array {
		return array();
	}

	/** JSON schema of the response, or null. */
	public function schema(): ?array {
		return null;
	}

	/** Whether the route needs the jlg_native extension to answer. */
	public function requires_extension(): bool {
		return true;
	}

	/**
	 * Who may call the route.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return bool|\WP_Error
	 */
	public function permission( \WP_REST_Request $request ) {
		return current_user_can( 'manage_options' );
	}

	/**
	 * Callback registered with WordPress: checks the extension, then handles.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	final public function dispatch( \WP_REST_Request $request ) {
		if ( $this->requires_extension() && ! native_available() ) {
			return new \WP_Error(
				'jlg_native_unavailable',
				__( 'The jlg_native PHP extension is not loaded on this server.', 'jlg-native' ),
				array( 'status' => 503 )
			);
		}
		return rest_ensure_response( $this->handle( $request ) );
	}
}
