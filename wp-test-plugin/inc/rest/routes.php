<?php
/**
 * The plugin's REST routes: file under routes/ => class.
 *
 * To add a route, write a Route subclass in routes/ and list it here.
 *
 * @package JLG\NativeCompanion
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

return array(
	'class-status-route.php'       => \JLG\NativeCompanion\Rest\Routes\Status_Route::class,
	'class-cron-preview-route.php' => \JLG\NativeCompanion\Rest\Routes\Cron_Preview_Route::class,
	'class-impact-route.php'       => \JLG\NativeCompanion\Rest\Routes\Impact_Route::class,
	'class-sla-route.php'          => \JLG\NativeCompanion\Rest\Routes\Sla_Route::class,
);
