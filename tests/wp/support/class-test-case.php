<?php
/**
 * Base class of the WordPress tests.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use PHPUnit\Framework\TestCase;

/**
 * Knows the site (from up.sh's env file) and which mode this run is in, and
 * undoes what a test did: HTTP sessions opened, users created, current user.
 */
abstract class Test_Case extends TestCase {

	/** Test id of the Site Health check. */
	protected const SITE_HEALTH_TEST = 'jlg_native_extension';

	/** Keys every status (REST, CLI) reports. */
	protected const STATUS_KEYS = array( 'loaded', 'version', 'git_revision', 'rustc', 'php_api', 'profile', 'features', 'message' );

	/**
	 * HTTP clients opened by this test, logged out in tearDown().
	 *
	 * @var Http_Client[]
	 */
	private array $clients = array();

	/** @var int[] Users created by this test, deleted in tearDown(). */
	private array $users = array();

	protected function tearDown(): void {
		foreach ( $this->clients as $client ) {
			$token = $client['client']->session_token();
			if ( null !== $token ) {
				\WP_Session_Tokens::get_instance( $client['user_id'] )->destroy( $token );
			}
		}
		$this->clients = array();
		if ( $this->users ) {
			require_once ABSPATH . 'wp-admin/includes/user.php';
			foreach ( $this->users as $user_id ) {
				wp_delete_user( $user_id );
			}
			$this->users = array();
		}
		wp_set_current_user( 0 );
		parent::tearDown();
	}

	/** Whether this run expects the extension (JLG_NATIVE_EXPECT=loaded). */
	protected static function expects_extension(): bool {
		return 'loaded' === getenv( 'JLG_NATIVE_EXPECT' );
	}

	protected static function env( string $key ): string {
		return jlg_wp_env()[ $key ] ?? '';
	}

	/** URL of the server of this run's mode: with the extension, or without. */
	protected static function site_url(): string {
		return self::expects_extension() ? self::env( 'JLG_WP_NATIVE_URL' ) : self::env( 'JLG_WP_PLAIN_URL' );
	}

	protected static function admin(): \WP_User {
		$user = get_user_by( 'login', self::env( 'JLG_WP_ADMIN_USER' ) );
		self::assertInstanceOf( \WP_User::class, $user, 'the admin user of the test site exists' );
		return $user;
	}

	/** An anonymous HTTP session with this run's server. */
	protected function http(): Http_Client {
		return new Http_Client( self::site_url() );
	}

	/**
	 * An HTTP session logged in through wp-login.php (as the admin by default);
	 * the session is destroyed in tearDown().
	 */
	protected function logged_in_http( ?string $login = null, ?string $password = null ): Http_Client {
		$login  ??= self::env( 'JLG_WP_ADMIN_USER' );
		$password ??= self::env( 'JLG_WP_ADMIN_PASSWORD' );
		$user     = get_user_by( 'login', $login );
		self::assertInstanceOf( \WP_User::class, $user );
		$client            = $this->http();
		$this->clients[]   = array(
			'client'  => $client,
			'user_id' => $user->ID,
		);
		$client->login( $login, $password );
		return $client;
	}

	/** Creates a user, deleted in tearDown(). Returns [login, password]. */
	protected function create_user( string $role ): array {
		$login    = 'jlg-test-' . $role . '-' . bin2hex( random_bytes( 4 ) );
		$password = bin2hex( random_bytes( 12 ) );
		$user_id  = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => $password,
				'user_email' => $login . '@example.org',
				'role'       => $role,
			)
		);
		self::assertIsInt( $user_id, 'user created' );
		$this->users[] = $user_id;
		return array( $login, $password );
	}
}
