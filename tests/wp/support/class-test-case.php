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
 * undoes what a test did: HTTP sessions opened, users created, current user,
 * options changed, filters added, temporary folders.
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

	/** @var string[] Temporary folders made by this test, removed in tearDown(). */
	private array $temp_dirs = array();

	/** @var array<string, mixed> Options this test may change: name => value before (null: absent). */
	private array $saved_options = array();

	/** @var array<int, array{0: string, 1: callable, 2: int}> Filters added by this test. */
	private array $filters = array();

	protected function tearDown(): void {
		foreach ( $this->filters as [ $hook, $callback, $priority ] ) {
			remove_filter( $hook, $callback, $priority );
		}
		$this->filters = array();
		foreach ( $this->saved_options as $name => $value ) {
			if ( null === $value ) {
				delete_option( $name );
			} else {
				update_option( $name, $value['value'] );
			}
		}
		$this->saved_options = array();
		foreach ( $this->temp_dirs as $dir ) {
			self::remove_tree( $dir );
		}
		$this->temp_dirs = array();
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

	/** A new empty folder in the temp dir, removed with its contents in tearDown(). */
	protected function temp_dir(): string {
		$dir = sys_get_temp_dir() . '/jlg-native-wp-test-' . bin2hex( random_bytes( 6 ) );
		self::assertTrue( mkdir( $dir, 0700 ), "created {$dir}" );
		$this->temp_dirs[] = $dir;
		return $dir;
	}

	/** Writes a file of $bytes bytes (parent folders made as needed). */
	protected static function write_file( string $path, int $bytes ): void {
		if ( ! is_dir( dirname( $path ) ) ) {
			mkdir( dirname( $path ), 0700, true );
		}
		self::assertSame( $bytes, file_put_contents( $path, str_repeat( 'x', $bytes ) ) );
	}

	/** Writes $data as JSON (or a raw string) to a temp file and returns its path. */
	protected function temp_json( $data ): string {
		$file = $this->temp_dir() . '/input.json';
		file_put_contents( $file, is_string( $data ) ? $data : json_encode( $data ) );
		return $file;
	}

	/** Restores the option to its current value (or deletes it) in tearDown(). */
	protected function preserve_option( string $name ): void {
		if ( array_key_exists( $name, $this->saved_options ) ) {
			return;
		}
		$missing = new \stdClass();
		$value   = get_option( $name, $missing );
		$this->saved_options[ $name ] = $value === $missing ? null : array( 'value' => $value );
	}

	/** Adds a filter that tearDown() removes. */
	protected function add_test_filter( string $hook, callable $callback, int $priority = 10, int $accepted_args = 1 ): void {
		add_filter( $hook, $callback, $priority, $accepted_args );
		$this->filters[] = array( $hook, $callback, $priority );
	}

	/** Deletes a folder and everything below it (never following links). */
	private static function remove_tree( string $dir ): void {
		if ( is_link( $dir ) || is_file( $dir ) ) {
			unlink( $dir );
			return;
		}
		if ( ! is_dir( $dir ) ) {
			return;
		}
		foreach ( scandir( $dir ) as $name ) {
			if ( '.' !== $name && '..' !== $name ) {
				self::remove_tree( $dir . '/' . $name );
			}
		}
		rmdir( $dir );
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
