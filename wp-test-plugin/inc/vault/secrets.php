<?php
/**
 * Where the plugins keep their secrets, and how one is read and written back.
 *
 * A location is an option and a path inside its value; `*` walks every key of
 * an array (Discord Bot JLG's server profiles). Each secret is bound to the
 * context "<option>:<path joined with dots>", so an envelope copied to another
 * profile or option does not decrypt there.
 *
 * The Backup JLG option names below are this plugin's assumption of where the
 * destination credentials live; filter `jlg_native_vault_locations` to adjust.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Vault;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Every location of a secret.
 *
 * @return array<int, array{plugin: string, option: string, path: string[]}>
 */
function locations(): array {
	$backup = array(
		'bjlg_s3_settings'       => array( 'access_key', 'secret_key' ),
		'bjlg_dropbox_settings'  => array( 'access_token', 'refresh_token', 'app_secret' ),
		'bjlg_onedrive_settings' => array( 'access_token', 'refresh_token', 'client_secret' ),
		'bjlg_gdrive_settings'   => array( 'refresh_token', 'client_secret' ),
		'bjlg_sftp_settings'     => array( 'password', 'private_key', 'passphrase' ),
		'bjlg_azure_settings'    => array( 'account_key', 'sas_token' ),
		'bjlg_b2_settings'       => array( 'application_key' ),
	);
	$locations = array(
		array( 'plugin' => 'discord', 'option' => 'discord_server_stats_options', 'path' => array( 'bot_token' ) ),
		array( 'plugin' => 'discord', 'option' => 'discord_server_stats_options', 'path' => array( 'server_profiles', '*', 'bot_token' ) ),
	);
	foreach ( $backup as $option => $fields ) {
		foreach ( $fields as $field ) {
			$locations[] = array( 'plugin' => 'backup', 'option' => $option, 'path' => array( $field ) );
		}
	}
	return apply_filters( 'jlg_native_vault_locations', $locations );
}

/**
 * The context a secret is bound to.
 *
 * @param string   $option Option name.
 * @param string[] $path   Concrete path.
 */
function context_for( string $option, array $path ): string {
	return $option . ':' . implode( '.', $path );
}

/**
 * Reads an option bypassing the object cache, so a value written by another
 * process (or before a crash) is seen.
 *
 * @param string $option Option name.
 * @return mixed
 */
function read_option_fresh( string $option ) {
	wp_cache_delete( $option, 'options' );
	wp_cache_delete( 'alloptions', 'options' );
	wp_cache_delete( 'notoptions', 'options' );
	return get_option( $option, null );
}

/**
 * Every stored secret: non-empty strings at the locations.
 *
 * @return array<int, array{plugin: string, option: string, path: string[], context: string, value: string}>
 */
function collect(): array {
	$secrets = array();
	$values  = array();
	foreach ( locations() as $location ) {
		$option = (string) $location['option'];
		if ( ! array_key_exists( $option, $values ) ) {
			$values[ $option ] = read_option_fresh( $option );
		}
		$found = array();
		walk( $values[ $option ], array_values( $location['path'] ), array(), $found );
		foreach ( $found as $item ) {
			$secrets[] = array(
				'plugin'  => (string) $location['plugin'],
				'option'  => $option,
				'path'    => $item[0],
				'context' => context_for( $option, $item[0] ),
				'value'   => $item[1],
			);
		}
	}
	return $secrets;
}

/**
 * Collects the non-empty strings a path pattern reaches.
 *
 * @param mixed    $value   Current value.
 * @param string[] $pattern Remaining pattern.
 * @param string[] $path    Path so far.
 * @param array    $found   Out: [path, value] pairs.
 */
function walk( $value, array $pattern, array $path, array &$found ): void {
	if ( array() === $pattern ) {
		if ( is_string( $value ) && '' !== $value ) {
			$found[] = array( $path, $value );
		}
		return;
	}
	if ( ! is_array( $value ) ) {
		return;
	}
	$head = array_shift( $pattern );
	$keys = '*' === $head ? array_keys( $value ) : ( array_key_exists( $head, $value ) ? array( $head ) : array() );
	foreach ( $keys as $key ) {
		walk( $value[ $key ], $pattern, array_merge( $path, array( (string) $key ) ), $found );
	}
}

/**
 * Writes one secret back, only if it still holds the value it was read with
 * (so a concurrent edit is never overwritten). One update_option() per secret:
 * an interruption leaves every option either before or after one whole write.
 *
 * @param string   $option   Option name.
 * @param string[] $path     Concrete path.
 * @param string   $expected The value it was read with.
 * @param string   $new      The new value.
 * @return bool Whether it was written.
 */
function write_secret( string $option, array $path, string $expected, string $new ): bool {
	$value = read_option_fresh( $option );
	$slot  = &$value;
	foreach ( $path as $key ) {
		if ( ! is_array( $slot ) || ! array_key_exists( $key, $slot ) ) {
			return false;
		}
		$slot = &$slot[ $key ];
	}
	if ( ! is_string( $slot ) || ! hash_equals( $slot, $expected ) ) {
		return false;
	}
	$slot = $new;
	unset( $slot );
	update_option( $option, $value );
	$check = read_option_fresh( $option );
	foreach ( $path as $key ) {
		$check = is_array( $check ) ? ( $check[ $key ] ?? null ) : null;
	}
	return $check === $new;
}
