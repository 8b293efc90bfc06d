<?php
/**
 * Test setup inside the live site: `php wp-do.php ACTION ARGS...`.
 *
 *   option-get NAME               prints the option's value
 *   option-set NAME VALUE         sets an option
 *   option-set-json NAME JSON     sets an option to the decoded JSON (arrays)
 *   option-delete NAME            deletes an option
 *   user-locale LOGIN LOCALE      sets a user's admin language ('' for the site's)
 *   user-create LOGIN ROLE        creates a user, prints its password
 *   user-delete LOGIN             deletes a user
 *   vault-seal KEY CONTEXT TEXT   prints an envelope of TEXT bound to CONTEXT, sealed by
 *                                 the vault's active key (KEY = current) or by a new
 *                                 random key that the site does not know (KEY = other);
 *                                 never prints a key
 *
 * JLG_WP_ROOT names the WordPress root. Runs at file scope: variables prefixed.
 *
 * @package JLG\NativeCompanion\Tests
 */

$jlg_do_root = getenv( 'JLG_WP_ROOT' );
if ( false === $jlg_do_root || ! is_file( $jlg_do_root . '/wp-load.php' ) ) {
	fwrite( STDERR, "wp-do.php: JLG_WP_ROOT does not name a WordPress root\n" );
	exit( 2 );
}
$jlg_do_args = array_slice( $argv, 1 );
require $jlg_do_root . '/wp-load.php';

/** Fails with a message. */
function jlg_do_fail( string $message ): void {
	fwrite( STDERR, "wp-do.php: {$message}\n" );
	exit( 1 );
}

/** The user with this login. */
function jlg_do_user( string $login ): WP_User {
	$user = get_user_by( 'login', $login );
	if ( ! $user instanceof WP_User ) {
		jlg_do_fail( "no user {$login}" );
	}
	return $user;
}

switch ( $jlg_do_args[0] ?? '' ) {
	case 'option-get':
		echo (string) get_option( (string) ( $jlg_do_args[1] ?? '' ) );
		break;
	case 'option-set':
		if ( count( $jlg_do_args ) !== 3 ) {
			jlg_do_fail( 'option-set NAME VALUE' );
		}
		update_option( $jlg_do_args[1], $jlg_do_args[2] );
		break;
	case 'option-set-json':
		if ( count( $jlg_do_args ) !== 3 ) {
			jlg_do_fail( 'option-set-json NAME JSON' );
		}
		$jlg_do_value = json_decode( $jlg_do_args[2], true );
		if ( null === $jlg_do_value ) {
			jlg_do_fail( 'option-set-json: invalid JSON' );
		}
		update_option( $jlg_do_args[1], $jlg_do_value, false );
		break;
	case 'option-delete':
		delete_option( (string) ( $jlg_do_args[1] ?? '' ) );
		break;
	case 'user-locale':
		if ( count( $jlg_do_args ) !== 3 ) {
			jlg_do_fail( 'user-locale LOGIN LOCALE' );
		}
		update_user_meta( jlg_do_user( $jlg_do_args[1] )->ID, 'locale', $jlg_do_args[2] );
		break;
	case 'user-create':
		if ( count( $jlg_do_args ) !== 3 ) {
			jlg_do_fail( 'user-create LOGIN ROLE' );
		}
		$jlg_do_password = bin2hex( random_bytes( 12 ) );
		$jlg_do_id       = wp_insert_user(
			array(
				'user_login' => $jlg_do_args[1],
				'user_pass'  => $jlg_do_password,
				'user_email' => $jlg_do_args[1] . '@example.org',
				'role'       => $jlg_do_args[2],
			)
		);
		if ( is_wp_error( $jlg_do_id ) ) {
			jlg_do_fail( $jlg_do_id->get_error_message() );
		}
		echo $jlg_do_password;
		break;
	case 'user-delete':
		require_once ABSPATH . 'wp-admin/includes/user.php';
		wp_delete_user( jlg_do_user( (string) ( $jlg_do_args[1] ?? '' ) )->ID );
		break;
	case 'vault-seal':
		if ( count( $jlg_do_args ) !== 4 || ! in_array( $jlg_do_args[1], array( 'current', 'other' ), true ) ) {
			jlg_do_fail( 'vault-seal current|other CONTEXT TEXT' );
		}
		require_once JLG_NATIVE_COMPANION_DIR . '/inc/vault/keys.php';
		$jlg_do_config = \JLG\NativeCompanion\Vault\key_config();
		if ( null === $jlg_do_config['active'] ) {
			jlg_do_fail( 'vault-seal: the vault has no usable key' );
		}
		$jlg_do_key = 'current' === $jlg_do_args[1] ? $jlg_do_config['keys'][ $jlg_do_config['active'] ] : random_bytes( 32 );
		echo \JLG\NativeCompanion\Vault\Envelope::encrypt( $jlg_do_args[3], $jlg_do_args[2], (string) $jlg_do_config['active'], $jlg_do_key );
		break;
	default:
		jlg_do_fail( 'unknown action; see the comment at the top of this file' );
}
