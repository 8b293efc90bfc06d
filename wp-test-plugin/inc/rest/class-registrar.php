<?php
/**
 * Registers the plugin's REST routes.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Rest;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Registers every route listed in routes.php under one namespace.
 */
final class Registrar {

	/** REST namespace of every route of this plugin. */
	public const NAMESPACE = 'jlg-native/v1';

	/**
	 * Route objects, built once.
	 *
	 * @var Route[]|null
	 */
	private static ?array $routes = null;

	/**
	 * The routes, built from the class names listed in routes.php.
	 *
	 * @return Route[]
	 */
	public static function routes(): array {
		if ( null === self::$routes ) {
			self::$routes = array();
			foreach ( require __DIR__ . '/routes.php' as $file => $class ) {
				require_once __DIR__ . '/routes/' . $file;
				self::$routes[] = new $class();
			}
		}
		return self::$routes;
	}

	/** Hooked to rest_api_init. */
	public static function register(): void {
		foreach ( self::routes() as $route ) {
			$definition = array(
				'methods'             => $route->methods(),
				'callback'            => array( $route, 'dispatch' ),
				'permission_callback' => array( $route, 'permission' ),
				'args'                => $route->args(),
			);
			$schema = $route->schema();
			register_rest_route(
				self::NAMESPACE,
				$route->path(),
				null === $schema
					? $definition
					: array(
						$definition,
						'schema' => static fn() => $schema,
					)
			);
		}
	}
}
