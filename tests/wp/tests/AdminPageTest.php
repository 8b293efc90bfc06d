<?php
/**
 * Tools > JLG Native: served to administrators only, in both modes, and its
 * panel registry (the jlg_native_admin_panels filter).
 *
 * The browser suite (tests/browser) drives the page itself.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use function JLG\NativeCompanion\Admin\panels;
use function JLG\NativeCompanion\Admin\render_panel;
use function JLG\NativeCompanion\load_piece;

final class AdminPageTest extends Test_Case {

	private const PATH = '/wp-admin/tools.php?page=jlg-native';

	public static function setUpBeforeClass(): void {
		// The page is an admin-only piece: load it in this (CLI) process too.
		self::assertTrue( load_piece( 'admin/page.php' ) );
	}

	public function test_administrator_gets_every_panel(): void {
		$response = $this->logged_in_http()->get( self::PATH );
		$this->assertSame( 200, $response['status'] );
		$body = $response['body'];
		foreach ( array( 'status', 'impact-sla', 'storage', 'vault', 'cron' ) as $id ) {
			$this->assertStringContainsString( 'id="jlg-native-panel-' . $id . '"', $body, $id );
		}
		$state = self::expects_extension() ? 'loaded' : 'absent';
		$this->assertStringContainsString( 'data-state="' . $state . '"', $body );
		$this->assertStringContainsString( 'cron-playground.js', $body, 'the playground script is enqueued' );
		$this->assertStringContainsString( 'window.jlgNativeCron = ', $body );
		if ( ! self::expects_extension() ) {
			$this->assertStringContainsString( 'id="jlg-native-cron-unavailable"', $body );
			$this->assertStringContainsString( 'id="jlg-native-impact-unavailable"', $body );
		}
	}

	public function test_other_users_are_refused(): void {
		[ $login, $password ] = $this->create_user( 'editor' );
		$response             = $this->logged_in_http( $login, $password )->get( self::PATH );
		$this->assertSame( 403, $response['status'] );
		$this->assertStringNotContainsString( 'jlg-native-panel-', $response['body'] );
	}

	public function test_assets_load_on_the_page_only(): void {
		$response = $this->logged_in_http()->get( '/wp-admin/' );
		$this->assertSame( 200, $response['status'] );
		$this->assertStringNotContainsString( 'cron-playground.js', $response['body'] );
		$this->assertStringNotContainsString( 'jlg-native-admin-css', $response['body'] );
	}

	public function test_panels_are_ordered_and_malformed_ones_dropped(): void {
		$add = static function ( $panels ) {
			$panels['test-first'] = array(
				'title'    => 'First',
				'render'   => '__return_null',
				'priority' => 1,
			);
			$panels['Bad Id']     = array(
				'title'  => 'Bad id',
				'render' => '__return_null',
			);
			$panels['no-render']  = array( 'title' => 'No render' );
			$panels['test-late']  = array(
				'title'  => 'Late',
				'render' => '__return_null',
			);
			return $panels;
		};
		add_filter( 'jlg_native_admin_panels', $add );
		try {
			$ids = array_keys( panels() );
		} finally {
			remove_filter( 'jlg_native_admin_panels', $add );
		}
		$this->assertSame( array( 'test-first', 'status', 'impact-sla', 'storage', 'vault', 'cron', 'test-late' ), $ids );
		$this->assertSame( array( 'status', 'impact-sla', 'storage', 'vault', 'cron' ), array_keys( panels() ) );
	}

	public function test_a_failing_panel_is_contained(): void {
		ob_start();
		render_panel(
			'broken',
			array(
				'title'    => 'Broken <b>panel</b>',
				'render'   => static function () {
					echo '<p>half</p>';
					throw new \RuntimeException( 'no <data>' );
				},
				'enqueue'  => null,
				'priority' => 50,
				'wide'     => false,
			)
		);
		$html = (string) ob_get_clean();
		$this->assertStringContainsString( 'id="jlg-native-panel-broken"', $html );
		$this->assertStringContainsString( 'Broken &lt;b&gt;panel&lt;/b&gt;', $html );
		$this->assertStringContainsString( 'This panel could not be shown: no &lt;data&gt;', $html );
		$this->assertStringNotContainsString( '<p>half</p>', $html );
		$this->assertStringEndsWith( '</section>', $html );
	}
}
