<?php
/**
 * GET /wp-json/jlg-native/v1/status
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Rest\Routes;

use JLG\NativeCompanion\Rest\Route;
use function JLG\NativeCompanion\extension_status;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Whether the extension is loaded, and its build information.
 *
 * Always answers (also without the extension): `loaded` is false then, the
 * build keys are null (features: []), and `message` says what is missing.
 */
final class Status_Route extends Route {

	public function path(): string {
		return '/status';
	}

	public function requires_extension(): bool {
		return false;
	}

	public function handle( \WP_REST_Request $request ) {
		return new \WP_REST_Response( extension_status(), 200 );
	}

	public function schema(): ?array {
		$nullable_string = array( 'type' => array( 'string', 'null' ) );
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'jlg-native-status',
			'type'       => 'object',
			'properties' => array(
				'loaded'       => array(
					'type'        => 'boolean',
					'description' => __( 'Whether the jlg_native extension is loaded in this PHP process.', 'jlg-native' ),
				),
				'version'      => $nullable_string,
				'git_revision' => $nullable_string,
				'rustc'        => $nullable_string,
				'php_api'      => array( 'type' => array( 'integer', 'string', 'null' ) ),
				'profile'      => $nullable_string,
				'features'     => array(
					'type'  => 'array',
					'items' => array( 'type' => 'string' ),
				),
				'message'      => array( 'type' => 'string' ),
				'error'        => $nullable_string,
			),
		);
	}
}
