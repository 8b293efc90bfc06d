<?php
/**
 * Without the extension the plugin says so in the admin; with it, it does not.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

final class AdminNoticeTest extends Test_Case {

	public function test_dashboard_notice_matches_the_mode(): void {
		$response = $this->logged_in_http()->get( '/wp-admin/' );
		$this->assertSame( 200, $response['status'] );
		$this->assertStringContainsString( 'id="wpadminbar"', $response['body'], 'a rendered admin screen' );
		if ( self::expects_extension() ) {
			$this->assertStringNotContainsString( 'jlg-native-extension-missing', $response['body'] );
		} else {
			$this->assertStringContainsString( 'id="jlg-native-extension-missing"', $response['body'] );
			$this->assertStringContainsString( 'site-health.php', $response['body'] );
		}
	}

	public function test_notice_is_not_shown_to_other_users(): void {
		[ $login, $password ] = $this->create_user( 'editor' );
		$response             = $this->logged_in_http( $login, $password )->get( '/wp-admin/' );
		$this->assertSame( 200, $response['status'] );
		$this->assertStringNotContainsString( 'jlg-native-extension-missing', $response['body'] );
	}
}
