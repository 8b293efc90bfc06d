<?php
/**
 * GET /wp-json/jlg-native/v1/impact, over real HTTP, with the demo data and
 * with a SitePulse impact history written by the test.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use JLG\NativeCompanion\Demo\Demo_Data;
use function JLG\NativeCompanion\SitePulse\impact_data;

final class RestImpactTest extends Test_Case {

	use Report_Data;

	private const PATH = '/wp-json/jlg-native/v1/impact';

	private function admin_get( string $query = '' ): array {
		$client = $this->logged_in_http();
		return $client->get_json( self::PATH . $query, array( 'X-WP-Nonce' => $client->rest_nonce() ) );
	}

	private function assert_unavailable( array $response ): void {
		$this->assertSame( 503, $response['status'], $response['body'] );
		$this->assertSame( 'jlg_native_unavailable', $response['json']['code'] ?? null );
	}

	public function test_anonymous_request_is_refused(): void {
		$response = $this->http()->get_json( self::PATH );
		$this->assertSame( 401, $response['status'] );
		$this->assertSame( 'rest_forbidden', $response['json']['code'] ?? null );
	}

	public function test_user_without_manage_options_is_refused(): void {
		[ $login, $password ] = $this->create_user( 'author' );
		$client               = $this->logged_in_http( $login, $password );
		$response             = $client->get_json( self::PATH, array( 'X-WP-Nonce' => $client->rest_nonce() ) );
		$this->assertSame( 403, $response['status'] );
	}

	public function test_invalid_model_is_refused(): void {
		$response = $this->admin_get( '?model=linear' );
		$this->assertSame( 400, $response['status'], $response['body'] );
		$this->assertSame( 'rest_invalid_param', $response['json']['code'] ?? null );
	}

	public function test_demo_history(): void {
		$plan     = self::seed_demo();
		$response = $this->admin_get();
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $response );
			return;
		}
		$this->assertSame( 200, $response['status'], $response['body'] );
		$report = $response['json'];
		$this->assertSame( 'demo', $report['source'] );
		$this->assertSame( 'continuous', $report['model'] );
		$this->assertSame( 604800, $report['decay_window'] );
		$this->assertEqualsCanonicalizing( $plan['plugins'], array_column( $report['plugins'], 'plugin' ) );

		$scores = array_column( $report['plugins'], 'score' );
		$sorted = $scores;
		rsort( $sorted );
		$this->assertSame( $sorted, $scores, 'highest score first' );
		foreach ( $report['plugins'] as $plugin ) {
			$this->assertSame( $plan['impact_entries'], $plugin['entries'] );
			$this->assertGreaterThanOrEqual( 0, $plugin['score'] );
			$this->assertLessThanOrEqual( 100, $plugin['score'] );
			$this->assertEqualsWithDelta( $report['updated_at'], $plugin['last_sample_at'], 120, 'the newest entry is from the seeding' );
		}
		// The slowest plugin of the demo weighs most, the lightest least.
		$this->assertSame( 'woocommerce/woocommerce.php', $report['plugins'][0]['plugin'] );
		$this->assertSame( 'akismet/akismet.php', $report['plugins'][4]['plugin'] );
		$this->assertEqualsWithDelta( array_sum( $scores ) / count( $scores ), $report['average_score'], 0.01 );

		// The route scores exactly the stored history at the time it reports.
		$direct = \JLG\Native\Impact::pluginScores( Demo_Data::impact_history(), $report['updated_at'] );
		foreach ( $report['plugins'] as $plugin ) {
			$this->assertSame( $direct['scores'][ $plugin['plugin'] ], $plugin['score'] );
		}
	}

	public function test_sitepulse_history_wins_and_both_models(): void {
		self::seed_demo();
		// One entry: the score does not depend on its age. 45 ms is half-way
		// between 30 and 60, weight 15 % half-way between 10 and 20.
		update_option(
			'sitepulse_plugin_impact_history',
			array(
				'updated_at'   => time(),
				'total_impact' => 45.0,
				'plugins'      => array(
					'slow/slow.php' => array(
						array(
							'timestamp' => time() - 60,
							'avg_ms'    => 45.0,
							'samples'   => 3,
							'last_ms'   => 44.0,
							'weight'    => 15.0,
						),
					),
				),
			),
			false
		);
		$continuous = $this->admin_get();
		$sitepulse  = $this->admin_get( '?model=sitepulse' );
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $continuous );
			$this->assert_unavailable( $sitepulse );
			return;
		}
		$this->assertSame( 200, $continuous['status'], $continuous['body'] );
		$this->assertSame( 'sitepulse', $continuous['json']['source'] );
		// continuous: 0.75 x (0.6 + 0.4 x 0.75) x 100 = 67.5
		$this->assertSame( array( 'slow/slow.php' ), array_column( $continuous['json']['plugins'], 'plugin' ) );
		$this->assertEqualsWithDelta( 67.5, $continuous['json']['plugins'][0]['score'], 1e-9 );
		// SitePulse's ramp: 0.5 x (0.6 + 0.4 x 0.5) x 100 = 40
		$this->assertSame( 'sitepulse', $sitepulse['json']['model'] );
		$this->assertEqualsWithDelta( 40.0, $sitepulse['json']['plugins'][0]['score'], 1e-9 );
		$this->assertEqualsWithDelta( 45.0, $sitepulse['json']['plugins'][0]['last_avg_ms'], 1e-9 );
	}

	public function test_malformed_entries_error_in_continuous_and_are_skipped_by_sitepulse(): void {
		update_option(
			'sitepulse_plugin_impact_history',
			array(
				'plugins' => array(
					'a/a.php' => array(
						array( 'timestamp' => time(), 'avg_ms' => 10.0 ),
						array( 'timestamp' => time(), 'avg_ms' => 'slow' ),
					),
				),
			),
			false
		);
		$continuous = $this->admin_get();
		$sitepulse  = $this->admin_get( '?model=sitepulse' );
		if ( ! self::expects_extension() ) {
			$this->assert_unavailable( $continuous );
			return;
		}
		$this->assertSame( 500, $continuous['status'], $continuous['body'] );
		$this->assertSame( 'jlg_native_invalid_data', $continuous['json']['code'] ?? null );
		$this->assertStringContainsString( 'history[a/a.php][1].avg_ms', $continuous['json']['message'] ?? '' );

		$this->assertSame( 200, $sitepulse['status'], $sitepulse['body'] );
		$this->assertSame( 2, $sitepulse['json']['plugins'][0]['entries'], 'both entries counted, the bad one skipped' );
		$this->assertEqualsWithDelta( 100 * ( 10 / 30 ), $sitepulse['json']['plugins'][0]['score'], 0.005 );
	}

	public function test_history_option_name_is_filterable(): void {
		$filter = static fn() => 'jlg_test_impact_history';
		update_option( 'jlg_test_impact_history', array( 'plugins' => array( 'x/x.php' => array( array( 'timestamp' => 5, 'avg_ms' => 1.0 ) ) ) ), false );
		add_filter( 'jlg_native_companion_sitepulse_impact_history_option', $filter );
		try {
			$data = impact_data();
		} finally {
			remove_filter( 'jlg_native_companion_sitepulse_impact_history_option', $filter );
			delete_option( 'jlg_test_impact_history' );
		}
		$this->assertSame( 'sitepulse', $data['source'] );
		$this->assertSame( array( 'x/x.php' ), array_keys( $data['history'] ) );
		$this->assertSame( 'none', impact_data()['source'], 'back to the default option, which is empty' );
	}
}
