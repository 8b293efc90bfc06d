<?php
/**
 * Site Health check jlg_native_extension.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

final class SiteHealthTest extends Test_Case {

	public static function setUpBeforeClass(): void {
		require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
	}

	/** The status the check must report in this run. */
	private static function expected_status(): string {
		if ( ! self::expects_extension() ) {
			return 'recommended';
		}
		return 'release' === \JLG\Native\build_info()['profile'] ? 'good' : 'recommended';
	}

	/** The check's callback, as registered through site_status_tests. */
	private static function registered_test(): array {
		$tests = \WP_Site_Health::get_tests();
		self::assertArrayHasKey( self::SITE_HEALTH_TEST, $tests['direct'], 'registered as a direct test' );
		return $tests['direct'][ self::SITE_HEALTH_TEST ];
	}

	public function test_is_registered_as_a_direct_test(): void {
		$test = self::registered_test();
		$this->assertNotEmpty( $test['label'] );
		$this->assertTrue( is_callable( $test['test'] ) );
		$this->assertArrayNotHasKey( self::SITE_HEALTH_TEST, \WP_Site_Health::get_tests()['async'] );
	}

	public function test_result_matches_the_mode(): void {
		$result = call_user_func( self::registered_test()['test'] );

		foreach ( array( 'label', 'status', 'badge', 'description', 'actions', 'test' ) as $key ) {
			$this->assertArrayHasKey( $key, $result );
		}
		$this->assertSame( self::SITE_HEALTH_TEST, $result['test'] );
		$this->assertSame( self::expected_status(), $result['status'] );
		$this->assertNotEmpty( $result['badge']['label'] );

		if ( self::expects_extension() ) {
			$info = \JLG\Native\build_info();
			$this->assertStringContainsString( esc_html( $info['version'] ), $result['description'] );
			$this->assertStringContainsString( esc_html( (string) $info['git_revision'] ), $result['description'] );
			$this->assertStringContainsString( esc_html( (string) $info['rustc'] ), $result['description'] );
		} else {
			$this->assertStringContainsString( 'not installed', $result['label'] );
			$this->assertStringContainsString( 'extension=jlg_native', $result['actions'] );
			$this->assertStringContainsString( PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION, $result['actions'] );
		}
	}

	public function test_strings_are_translatable_in_the_plugin_text_domain(): void {
		$translate = static fn( $translation, $text ) => '[xx] ' . $text;
		add_filter( 'gettext_jlg-native', $translate, 10, 2 );
		try {
			$result = call_user_func( self::registered_test()['test'] );
			$label  = self::registered_test()['label'];
		} finally {
			remove_filter( 'gettext_jlg-native', $translate, 10 );
		}
		$this->assertStringStartsWith( '[xx] ', $result['label'] );
		$this->assertStringStartsWith( '[xx] ', $result['badge']['label'] );
		$this->assertStringStartsWith( '[xx] ', $label );
	}

	public function test_site_health_screen_of_the_web_server_reports_the_mode(): void {
		$response = $this->logged_in_http()->get( '/wp-admin/site-health.php' );
		$this->assertSame( 200, $response['status'] );
		// The screen runs direct tests in PHP and hands the results to its script.
		$this->assertMatchesRegularExpression( '/var SiteHealth = (\{.*?\});\s*\n/s', $response['body'] );
		preg_match( '/var SiteHealth = (\{.*?\});\s*\n/s', $response['body'], $m );
		$data = json_decode( $m[1], true );
		$this->assertIsArray( $data );
		$ours = array_values( array_filter( $data['site_status']['direct'], static fn( $r ) => self::SITE_HEALTH_TEST === ( $r['test'] ?? null ) ) );
		$this->assertCount( 1, $ours, 'the check ran on the Site Health screen' );
		$this->assertSame( self::expected_status(), $ours[0]['status'] );
	}
}
