<?php
/**
 * POST /wp-json/jlg-native/v1/cron/preview, over real HTTP.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

final class RestCronPreviewTest extends Test_Case {

	private const PATH = '/wp-json/jlg-native/v1/cron/preview';

	private const KEYS = array( 'expression', 'normalized', 'timezone', 'description', 'next_runs', 'interval', 'impact', 'warnings', 'errors', 'severity' );

	private ?Http_Client $client = null;

	private string $nonce = '';

	/** POSTs a JSON body as the admin (cookie + nonce); returns status and decoded body. */
	private function preview( array $body ): array {
		if ( null === $this->client ) {
			$this->client = $this->logged_in_http();
			$this->nonce  = $this->client->rest_nonce();
		}
		return self::post( $this->client, $body, array( 'X-WP-Nonce' => $this->nonce ) );
	}

	private static function post( Http_Client $client, array $body, array $headers = array() ): array {
		$response         = $client->request( 'POST', self::PATH, $headers + array( 'Content-Type' => 'application/json' ), (string) wp_json_encode( $body ) );
		$response['json'] = json_decode( $response['body'], true );
		return $response;
	}

	/** Without the extension every well-formed request is answered 503 by the route base class. */
	private function assert_unavailable( array $response ): void {
		$this->assertSame( 503, $response['status'], $response['body'] );
		$this->assertSame( 'jlg_native_unavailable', $response['json']['code'] ?? null );
	}

	/** The offset of a zone at an instant, as PHP knows it ("+01:00"). */
	private static function offset_at( int $timestamp, string $zone ): string {
		return ( new \DateTimeImmutable( '@' . $timestamp ) )->setTimezone( new \DateTimeZone( $zone ) )->format( 'P' );
	}

	public function test_preview_in_a_zone(): void {
		$before   = time();
		$response = $this->preview(
			array(
				'expression' => '*/15 * * * 1-5',
				'timezone'   => 'Europe/Paris',
			)
		);
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $response );
			return;
		}
		$this->assertSame( 200, $response['status'], $response['body'] );
		$body = $response['json'];
		$this->assertSame( self::KEYS, array_keys( $body ) );
		$this->assertSame( '*/15 * * * 1-5', $body['expression'] );
		$this->assertSame( 'Europe/Paris', $body['timezone'] );
		$this->assertSame( 'Every 15 minutes, on Monday through Friday', $body['description'] );
		$this->assertSame( 96, (int) $body['impact']['runs_per_day'] );
		$this->assertCount( 5, $body['next_runs'], 'five runs by default' );

		$zone   = new \DateTimeZone( 'Europe/Paris' );
		$format = get_option( 'date_format' ) . ' ' . get_option( 'time_format' );
		$last   = $before;
		foreach ( $body['next_runs'] as $run ) {
			$this->assertSame( array( 'timestamp', 'iso', 'formatted', 'relative' ), array_keys( $run ) );
			$this->assertIsInt( $run['timestamp'] );
			$this->assertGreaterThan( $last, $run['timestamp'] );
			$last  = $run['timestamp'];
			$local = ( new \DateTimeImmutable( '@' . $run['timestamp'] ) )->setTimezone( $zone );
			$this->assertSame( $local->format( 'Y-m-d\TH:i:sP' ), $run['iso'], 'ISO with the offset of Europe/Paris at that instant' );
			$this->assertContains( substr( $run['iso'], -6 ), array( '+01:00', '+02:00' ) );
			$this->assertSame( 0, (int) $local->format( 'i' ) % 15 );
			$this->assertLessThanOrEqual( 5, (int) $local->format( 'N' ) );
			$this->assertSame( wp_date( $format, $run['timestamp'], $zone ), $run['formatted'] );
			$this->assertMatchesRegularExpression( '/^in \d+ (second|min|hour|day)s?$/', $run['relative'] );
		}
	}

	public function test_defaults_to_the_sites_time_zone_name(): void {
		$this->preserve_option( 'timezone_string' );
		update_option( 'timezone_string', 'America/New_York' );
		$response = $this->preview( array( 'expression' => '0 3 * * *' ) );
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $response );
			return;
		}
		$this->assertSame( 200, $response['status'], $response['body'] );
		$this->assertSame( 'America/New_York', $response['json']['timezone'] );
		foreach ( $response['json']['next_runs'] as $run ) {
			$this->assertStringEndsWith( 'T03:00:00' . self::offset_at( $run['timestamp'], 'America/New_York' ), $run['iso'] );
			$this->assertMatchesRegularExpression( '/ 3:00 am$/', $run['formatted'] );
		}
	}

	public function test_defaults_to_the_sites_utc_offset_as_a_fixed_offset(): void {
		$this->preserve_option( 'timezone_string' );
		$this->preserve_option( 'gmt_offset' );
		update_option( 'timezone_string', '' );
		update_option( 'gmt_offset', '5.5' );
		$response = $this->preview( array( 'expression' => '30 2 * * *' ) );
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $response );
			return;
		}
		$this->assertSame( 200, $response['status'], $response['body'] );
		$this->assertSame( '+05:30', $response['json']['timezone'] );
		$runs = $response['json']['next_runs'];
		foreach ( $runs as $i => $run ) {
			$this->assertStringEndsWith( 'T02:30:00+05:30', $run['iso'] );
			if ( $i > 0 ) {
				$this->assertSame( DAY_IN_SECONDS, $run['timestamp'] - $runs[ $i - 1 ]['timestamp'] );
			}
		}
	}

	public function test_invalid_expression_is_a_400_with_field_and_position(): void {
		$response = $this->preview(
			array(
				'expression' => '0 25 * * *',
				'timezone'   => 'UTC',
			)
		);
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $response );
			return;
		}
		$this->assertSame( 400, $response['status'], $response['body'] );
		$this->assertSame( 'jlg_native_cron_invalid', $response['json']['code'] );
		$this->assertStringContainsString( '25', $response['json']['message'] );
		$errors = $response['json']['data']['errors'];
		$this->assertCount( 1, $errors );
		$this->assertSame( array( 'code', 'field', 'position', 'length', 'message' ), array_keys( $errors[0] ) );
		$this->assertSame( array( 'hour', 2, 2 ), array( $errors[0]['field'], $errors[0]['position'], $errors[0]['length'] ) );

		// Positions refer to the expression as sent, leading spaces included.
		$response = $this->preview( array( 'expression' => '  0 3 * * 9' ) );
		$this->assertSame( 400, $response['status'] );
		$this->assertSame( array( 'day_of_week', 10, 1 ), array( $response['json']['data']['errors'][0]['field'], $response['json']['data']['errors'][0]['position'], $response['json']['data']['errors'][0]['length'] ) );

		// Every error is listed.
		$response = $this->preview( array( 'expression' => '61 25 * * *' ) );
		$this->assertSame( array( 'minute', 'hour' ), array_column( $response['json']['data']['errors'], 'field' ) );
	}

	public function test_unknown_time_zone_is_a_400(): void {
		$response = $this->preview(
			array(
				'expression' => '0 3 * * *',
				'timezone'   => 'Mars/Olympus_Mons',
			)
		);
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $response );
			return;
		}
		$this->assertSame( 400, $response['status'], $response['body'] );
		$this->assertSame( 'rest_invalid_param', $response['json']['code'] );
		$this->assertStringContainsString( 'Mars/Olympus_Mons', $response['json']['data']['params']['timezone'] );
	}

	public function test_arguments_are_validated(): void {
		$bad = array(
			'count'        => array( 0, 51, 'five' ),
			'min_interval' => array( -1 ),
			'avg_duration' => array( -5 ),
			'locale'       => array( 'de' ),
			'timezone'     => array( str_repeat( 'x', 65 ) ),
		);
		foreach ( $bad as $param => $values ) {
			foreach ( $values as $value ) {
				$response = $this->preview(
					array(
						'expression' => '0 3 * * *',
						$param       => $value,
					)
				);
				$this->assertSame( 400, $response['status'], "{$param} = " . wp_json_encode( $value ) . ': ' . $response['body'] );
				$this->assertSame( 'rest_invalid_param', $response['json']['code'] );
				$this->assertArrayHasKey( $param, $response['json']['data']['params'] );
			}
		}
		$response = $this->preview( array( 'timezone' => 'UTC' ) );
		$this->assertSame( 400, $response['status'] );
		$this->assertSame( 'rest_missing_callback_param', $response['json']['code'] );
	}

	public function test_options_reach_the_analysis(): void {
		$response = $this->preview(
			array(
				'expression'   => '*/5 * * * *',
				'timezone'     => 'UTC',
				'count'        => 12,
				'min_interval' => 600,
				'avg_duration' => 30,
				'locale'       => 'fr',
			)
		);
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $response );
			return;
		}
		$body = $response['json'];
		$this->assertSame( 200, $response['status'], $response['body'] );
		$this->assertCount( 12, $body['next_runs'] );
		$this->assertSame( 'Toutes les 5 minutes, tous les jours', $body['description'] );
		$this->assertSame( array( 'too_frequent' ), array_column( $body['errors'], 'code' ), '300 s apart is below 600 s' );
		$this->assertSame( 'error', $body['severity'] );
		$this->assertEqualsWithDelta( 288 * 30, $body['impact']['estimated_load'], 1e-6 );

		$body = $this->preview(
			array(
				'expression'   => '*/5 * * * *',
				'timezone'     => 'UTC',
				'min_interval' => 0,
			)
		)['json'];
		$this->assertSame( array(), $body['errors'] );
		$this->assertNull( $body['impact']['estimated_load'] );
		$this->assertSame( 'At 03:00, every day', $this->preview( array( 'expression' => '0 3 * * *' ) )['json']['description'] );
	}

	public function test_description_follows_the_users_language_by_default(): void {
		$admin = self::admin();
		$saved = get_user_meta( $admin->ID, 'locale', true );
		update_user_meta( $admin->ID, 'locale', 'fr_FR' );
		try {
			$response = $this->preview( array( 'expression' => '0 3 * * *' ) );
		} finally {
			update_user_meta( $admin->ID, 'locale', $saved );
		}
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $response );
			return;
		}
		$this->assertSame( 'À 03:00, tous les jours', $response['json']['description'] );
	}

	public function test_anonymous_and_non_admin_requests_are_refused(): void {
		$response = self::post( $this->http(), array( 'expression' => '0 3 * * *' ) );
		$this->assertSame( 401, $response['status'] );
		$this->assertSame( 'rest_forbidden', $response['json']['code'] ?? null );

		[ $login, $password ] = $this->create_user( 'editor' );
		$client               = $this->logged_in_http( $login, $password );
		$response             = self::post( $client, array( 'expression' => '0 3 * * *' ), array( 'X-WP-Nonce' => $client->rest_nonce() ) );
		$this->assertSame( 403, $response['status'] );
		$this->assertSame( 'rest_forbidden', $response['json']['code'] ?? null );
	}

	public function test_route_is_listed_for_post_with_its_arguments(): void {
		$response = $this->http()->get_json( '/wp-json/jlg-native/v1' );
		$route    = $response['json']['routes']['/jlg-native/v1/cron/preview'] ?? null;
		$this->assertIsArray( $route );
		$this->assertSame( array( 'POST' ), $route['methods'] );
		$args = $route['endpoints'][0]['args'];
		$this->assertTrue( $args['expression']['required'] );
		$this->assertSame( array( 1, 50, 5 ), array( $args['count']['minimum'], $args['count']['maximum'], $args['count']['default'] ) );
		$this->assertSame( array( 'en', 'fr' ), $args['locale']['enum'] );
	}
}
