<?php
/**
 * The run is in the mode it claims, and the plugin is active in it.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use function JLG\NativeCompanion\extension_status;
use function JLG\NativeCompanion\native_available;

final class EnvironmentTest extends Test_Case {

	public function test_expected_mode_matches_this_php(): void {
		$this->assertSame(
			self::expects_extension(),
			extension_loaded( 'jlg_native' ),
			'JLG_NATIVE_EXPECT=' . getenv( 'JLG_NATIVE_EXPECT' ) . ' but extension_loaded(jlg_native) disagrees: the run is misconfigured'
		);
	}

	public function test_plugin_is_active_and_bootstrapped(): void {
		$this->assertTrue( is_plugin_active( self::env( 'JLG_WP_PLUGIN' ) ) );
		$this->assertTrue( defined( 'JLG_NATIVE_COMPANION_VERSION' ) );
		$this->assertSame( self::expects_extension(), native_available() );
		$this->assertNotFalse( has_filter( 'site_status_tests', 'JLG\\NativeCompanion\\SiteHealth\\Extension\\add_test' ) );
		$this->assertNotFalse( has_action( 'rest_api_init', array( \JLG\NativeCompanion\Rest\Registrar::class, 'register' ) ) );
	}

	public function test_plugin_header(): void {
		$data = get_plugin_data( WP_PLUGIN_DIR . '/' . self::env( 'JLG_WP_PLUGIN' ), false, false );
		$this->assertSame( 'JLG Native Companion', $data['Name'] );
		$this->assertSame( 'jlg-native', $data['TextDomain'] );
		$this->assertSame( JLG_NATIVE_COMPANION_VERSION, $data['Version'] );
	}

	public function test_extension_api_matches_mode(): void {
		if ( ! self::expects_extension() ) {
			$this->assertFalse( function_exists( 'JLG\\Native\\version' ) );
			$this->assertFalse( class_exists( 'JLG\\Native\\NativeException', false ) );
			return;
		}
		$version = \JLG\Native\version();
		$this->assertMatchesRegularExpression( '/^\d+\.\d+\.\d+/', $version );
		$info = \JLG\Native\build_info();
		foreach ( array( 'version', 'git_revision', 'rustc', 'php_api', 'profile', 'features' ) as $key ) {
			$this->assertArrayHasKey( $key, $info );
		}
		$this->assertSame( $version, $info['version'] );
		$this->assertIsArray( $info['features'] );
		$this->assertContainsOnly( 'string', $info['features'] );
		$this->assertTrue( is_subclass_of( 'JLG\\Native\\InvalidInputException', \InvalidArgumentException::class ) );
		$this->assertTrue( is_subclass_of( 'JLG\\Native\\NativeException', \RuntimeException::class ) );
	}

	public function test_extension_status_has_one_shape_in_both_modes(): void {
		$status = extension_status();
		foreach ( self::STATUS_KEYS as $key ) {
			$this->assertArrayHasKey( $key, $status );
		}
		$this->assertSame( self::expects_extension(), $status['loaded'] );
		$this->assertIsArray( $status['features'] );
		$this->assertNotSame( '', $status['message'] );
		if ( self::expects_extension() ) {
			$this->assertNull( $status['error'] );
			$this->assertSame( \JLG\Native\build_info()['version'], $status['version'] );
		} else {
			foreach ( array( 'version', 'git_revision', 'rustc', 'php_api', 'profile' ) as $key ) {
				$this->assertNull( $status[ $key ], $key );
			}
			$this->assertSame( array(), $status['features'] );
			$this->assertStringContainsString( 'jlg_native', $status['message'] );
		}
	}
}
