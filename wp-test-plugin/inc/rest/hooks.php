<?php
/**
 * REST API piece: routes under /wp-json/jlg-native/v1/.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Rest;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/class-route.php';
require_once __DIR__ . '/class-registrar.php';

add_action( 'rest_api_init', array( Registrar::class, 'register' ) );
