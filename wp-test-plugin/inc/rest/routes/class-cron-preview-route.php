<?php
/**
 * POST /wp-json/jlg-native/v1/cron/preview
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Rest\Routes;

use JLG\NativeCompanion\Rest\Route;
use JLG\NativeCompanion\Cron;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once dirname( __DIR__, 2 ) . '/cron/preview.php';

/**
 * Previews a cron expression: `JLG\Native\CronExpression::analyze()`, each
 * run with `formatted` (site formats, in the expression's zone) and
 * `relative` ("in 3 hours").
 *
 * Body: {expression, timezone?, count?, min_interval?, avg_duration?, locale?}.
 * - 200: the analysis;
 * - 400 `jlg_native_cron_invalid`: the expression does not parse; `data.errors`
 *   lists {code, field, position, length, message} (position: zero-based
 *   character index in the expression as sent);
 * - 400 `rest_invalid_param`: a parameter is wrong, e.g. an unknown time zone
 *   (`data.params.timezone` says why);
 * - 503 `jlg_native_unavailable`: the extension is not loaded (base class);
 * - 501 `jlg_native_cron_unsupported`: it is, but without cron support.
 */
final class Cron_Preview_Route extends Route {

	public function path(): string {
		return '/cron/preview';
	}

	public function methods(): string {
		return \WP_REST_Server::CREATABLE;
	}

	public function args(): array {
		return array(
			'expression'   => array(
				'description' => __( 'Cron expression: five fields or a shortcut such as @daily. Sent as typed: error positions refer to it.', 'jlg-native' ),
				'type'        => 'string',
				'required'    => true,
				'maxLength'   => 256,
			),
			'timezone'     => array(
				'description'       => __( 'Time zone: an IANA name, UTC, or a fixed offset such as +02:00 or UTC+5.5. Default: the site’s.', 'jlg-native' ),
				'type'              => 'string',
				'maxLength'         => 64,
				'validate_callback' => array( self::class, 'validate_timezone' ),
				'sanitize_callback' => static fn( $value ) => trim( (string) $value ),
			),
			'count'        => array(
				'description' => __( 'Number of next runs.', 'jlg-native' ),
				'type'        => 'integer',
				'minimum'     => 1,
				'maximum'     => Cron\MAX_COUNT,
				'default'     => Cron\DEFAULT_COUNT,
			),
			'min_interval' => array(
				'description' => __( 'Shortest acceptable interval between runs, in seconds; closer runs are an error.', 'jlg-native' ),
				'type'        => 'integer',
				'minimum'     => 0,
				'default'     => Cron\DEFAULT_MIN_INTERVAL,
			),
			'avg_duration' => array(
				'description' => __( 'Average duration of one run, in seconds, for the estimated load.', 'jlg-native' ),
				'type'        => 'number',
				'minimum'     => 0,
			),
			'locale'       => array(
				'description' => __( 'Language of the description. Default: French for a French-speaking user, else English.', 'jlg-native' ),
				'type'        => 'string',
				'enum'        => array( 'en', 'fr' ),
			),
		);
	}

	/**
	 * Validates `timezone`: the schema first, then the extension's zone list.
	 * Without the extension any string passes, so that the route answers 503.
	 *
	 * @param mixed            $value   Value sent.
	 * @param \WP_REST_Request $request Request.
	 * @param string           $param   Parameter name.
	 * @return true|\WP_Error
	 */
	public static function validate_timezone( $value, $request, $param ) {
		$valid = rest_validate_request_arg( $value, $request, $param );
		if ( true !== $valid || ! Cron\cron_available() ) {
			return $valid;
		}
		$zone = trim( (string) $value );
		if ( null !== Cron\timezone_error( $zone ) ) {
			return new \WP_Error( 'jlg_native_invalid_timezone', Cron\unknown_timezone_message( $zone ) );
		}
		return true;
	}

	public function handle( \WP_REST_Request $request ) {
		if ( ! Cron\cron_available() ) {
			return new \WP_Error(
				'jlg_native_cron_unsupported',
				__( 'This build of the jlg_native extension has no cron support.', 'jlg-native' ),
				array( 'status' => 501 )
			);
		}
		$expression = (string) $request['expression'];
		$timezone   = null !== $request['timezone'] && '' !== $request['timezone'] ? (string) $request['timezone'] : Cron\site_timezone();
		$locale     = null !== $request['locale'] ? (string) $request['locale'] : Cron\description_locale();

		$validation = Cron\validate( $expression, $timezone );
		if ( ! $validation['valid'] ) {
			return self::invalid( $validation['errors'], $timezone );
		}

		try {
			return new \WP_REST_Response(
				Cron\preview(
					$expression,
					$timezone,
					array(
						'count'        => (int) $request['count'],
						'min_interval' => (int) $request['min_interval'],
						'avg_duration' => null === $request['avg_duration'] ? null : (float) $request['avg_duration'],
						'locale'       => $locale,
					),
					time()
				),
				200
			);
		} catch ( \InvalidArgumentException $e ) {
			return new \WP_Error( 'jlg_native_invalid_input', $e->getMessage(), array( 'status' => 400 ) );
		} catch ( \Throwable $e ) {
			return new \WP_Error(
				'jlg_native_failed',
				/* translators: %s: error message */
				sprintf( __( 'The extension failed: %s', 'jlg-native' ), $e->getMessage() ),
				array( 'status' => 500 )
			);
		}
	}

	/**
	 * The 400 answer for what validate() refused. A time zone the extension
	 * does not know (only possible for the site's own, since a zone sent is
	 * checked with the arguments) is reported like any bad parameter.
	 *
	 * @param array  $errors   validate()'s errors.
	 * @param string $timezone Time zone used.
	 */
	private static function invalid( array $errors, string $timezone ): \WP_Error {
		$syntax = array_values( array_filter( $errors, static fn( $e ) => 'timezone' !== $e['field'] ) );
		if ( ! $syntax ) {
			$message = Cron\unknown_timezone_message( $timezone );
			return new \WP_Error(
				'rest_invalid_param',
				$message,
				array(
					'status' => 400,
					'params' => array( 'timezone' => $message ),
				)
			);
		}
		return new \WP_Error(
			'jlg_native_cron_invalid',
			sprintf(
				/* translators: %s: first error message, e.g. "value 25 at position 2 is out of range for the hour field" */
				__( 'Invalid cron expression: %s', 'jlg-native' ),
				$syntax[0]['message']
			),
			array(
				'status' => 400,
				'errors' => array_map(
					static fn( $e ) => array(
						'code'     => (string) $e['code'],
						'field'    => (string) $e['field'],
						'position' => (int) $e['position'],
						'length'   => (int) $e['length'],
						'message'  => (string) $e['message'],
					),
					$syntax
				),
			)
		);
	}

	public function schema(): ?array {
		$warning = array(
			'type'       => 'object',
			'properties' => array(
				'code'     => array( 'type' => 'string' ),
				'severity' => array(
					'type' => 'string',
					'enum' => array( 'info', 'warning', 'error' ),
				),
				'message'  => array( 'type' => 'string' ),
			),
		);
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'jlg-native-cron-preview',
			'type'       => 'object',
			'properties' => array(
				'expression'  => array( 'type' => 'string' ),
				'normalized'  => array( 'type' => 'string' ),
				'timezone'    => array(
					'type'        => 'string',
					'description' => __( 'Canonical name of the zone the runs are in.', 'jlg-native' ),
				),
				'description' => array( 'type' => 'string' ),
				'next_runs'   => array(
					'type'  => 'array',
					'items' => array(
						'type'       => 'object',
						'properties' => array(
							'timestamp' => array( 'type' => 'integer' ),
							'iso'       => array(
								'type'   => 'string',
								'format' => 'date-time',
							),
							'formatted' => array( 'type' => 'string' ),
							'relative'  => array( 'type' => 'string' ),
						),
					),
				),
				'interval'    => array(
					'type'       => 'object',
					'properties' => array(
						'min' => array( 'type' => array( 'integer', 'null' ) ),
						'max' => array( 'type' => array( 'integer', 'null' ) ),
					),
				),
				'impact'      => array(
					'type'       => 'object',
					'properties' => array(
						'runs_per_day'   => array( 'type' => 'number' ),
						'estimated_load' => array( 'type' => array( 'number', 'null' ) ),
						'level'          => array(
							'type' => 'string',
							'enum' => array( 'ok', 'warning', 'danger' ),
						),
					),
				),
				'warnings'    => array(
					'type'  => 'array',
					'items' => $warning,
				),
				'errors'      => array(
					'type'  => 'array',
					'items' => $warning,
				),
				'severity'    => array(
					'type' => 'string',
					'enum' => array( 'ok', 'warning', 'danger', 'error' ),
				),
			),
		);
	}
}
