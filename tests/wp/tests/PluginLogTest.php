<?php
/**
 * The plugin leaves no PHP notices, warnings or errors behind, in the web
 * server or in this process.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

final class PluginLogTest extends Test_Case {

	use Report_Data;

	/** @return array<string,int> log file => size now */
	private static function log_sizes(): array {
		$sizes = array();
		foreach ( array( 'JLG_WP_DEBUG_LOG', 'JLG_WP_PLAIN_ERROR_LOG', 'JLG_WP_NATIVE_ERROR_LOG' ) as $key ) {
			$file = self::env( $key );
			if ( '' !== $file ) {
				clearstatcache( true, $file );
				$sizes[ $file ] = is_file( $file ) ? (int) filesize( $file ) : 0;
			}
		}
		return $sizes;
	}

	public function test_exercising_the_plugin_logs_nothing_about_it(): void {
		$before = self::log_sizes();

		$client = $this->logged_in_http();
		$nonce  = $client->rest_nonce();
		$this->assertSame( 200, $client->get( '/wp-json/jlg-native/v1/status', array( 'X-WP-Nonce' => $nonce ) )['status'] );
		$this->assertSame( 0, \WP_CLI::run_command( array( 'jlg-native', 'demo', 'seed' ) )['exit_code'] );
		$report_status = self::expects_extension() ? 200 : 503;
		foreach ( array( '/impact', '/impact?model=sitepulse', '/sla', '/sla?window=7' ) as $route ) {
			$this->assertSame( $report_status, $client->get( '/wp-json/jlg-native/v1' . $route, array( 'X-WP-Nonce' => $nonce ) )['status'], $route );
		}
		foreach ( array( 'table', 'json', 'csv' ) as $format ) {
			\WP_CLI::run_command( array( 'jlg-native', 'sla', 'report' ), array( 'format' => $format ) );
			\WP_CLI::run_command( array( 'jlg-native', 'impact' ), array( 'format' => $format ) );
		}
		$this->assertSame( 200, $client->get( '/wp-admin/' )['status'] );
		$this->assertSame( 200, $client->get( '/wp-admin/site-health.php' )['status'] );
		$preview = $client->request(
			'POST',
			'/wp-json/jlg-native/v1/cron/preview',
			array(
				'X-WP-Nonce'   => $nonce,
				'Content-Type' => 'application/json',
			),
			'{"expression":"0 3 * * *","timezone":"Europe/Paris"}'
		);
		$this->assertSame( self::expects_extension() ? 200 : 503, $preview['status'], $preview['body'] );
		\WP_CLI::run_command( array( 'jlg-native', 'status' ), array( 'format' => 'json' ) );
		\WP_CLI::run_command( array( 'jlg-native', 'cron', 'preview', '0 3 * * *' ), array( 'format' => 'json' ) );
		\WP_CLI::run_command( array( 'jlg-native', 'cron', 'validate', '0 25 * * *' ) );

		$plugin_dirs = array_unique(
			array(
				realpath( dirname( __DIR__, 3 ) . '/wp-test-plugin' ),
				WP_PLUGIN_DIR . '/jlg-native-companion',
				'jlg-native-companion',
			)
		);
		$complaints = array();
		foreach ( $before as $file => $offset ) {
			clearstatcache( true, $file );
			if ( ! is_file( $file ) ) {
				continue;
			}
			$new = (string) file_get_contents( $file, false, null, $offset );
			foreach ( preg_split( '/\R/', $new ) as $line ) {
				foreach ( $plugin_dirs as $dir ) {
					if ( '' !== $line && false !== strpos( $line, $dir ) ) {
						$complaints[] = basename( $file ) . ': ' . $line;
						break;
					}
				}
			}
		}
		$this->assertSame( array(), $complaints );
	}
}
