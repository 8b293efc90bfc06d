<?php
/**
 * Migration and rotation of the stored secrets, crash-safe and resumable.
 *
 * Each secret is handled on its own: its new envelope is computed, opened again
 * and compared with the plaintext it must hold, and only then written back with
 * one update_option() (and only if the option still holds the value that was
 * read). An interruption at any point leaves every secret either in its old
 * form or in its new, verified form; a second run skips what is already done
 * and finishes the rest.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Vault;

use JLG\Native\TokenVault;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once __DIR__ . '/status.php';

/**
 * Runs migrate and rotate over collect().
 */
final class Migrator {

	/** @var TokenVault */
	private $vault;

	/** @var array */
	private $config;

	/** @var array */
	private $legacy;

	/** @var int */
	private $now;

	/**
	 * @param TokenVault $vault  Vault over the configured keys.
	 * @param array      $config From key_config().
	 * @param array      $legacy From legacy_keys().
	 * @param int|null   $now    Unix seconds; time() when null.
	 */
	public function __construct( TokenVault $vault, array $config, array $legacy, ?int $now = null ) {
		$this->vault  = $vault;
		$this->config = $config;
		$this->legacy = $legacy;
		$this->now    = $now ?? time();
	}

	/**
	 * Legacy and plaintext secrets (and envelopes under a retired key) to envelopes under the active key.
	 *
	 * @param bool $dry_run Compute and verify, write nothing.
	 * @return array<int, array{option: string, path: string, from: string, action: string, detail: string}>
	 */
	public function migrate( bool $dry_run ): array {
		$rows         = array();
		$fingerprints = key_fingerprints( $this->config );
		foreach ( collect() as $secret ) {
			$c = classify( $secret['value'], $fingerprints, $this->config['active'], PHP_INT_MAX, $this->now );
			if ( 'sealed' === $c['state'] ) {
				$rows[] = $this->row( $secret, $c['format'], 'skipped', 'already sealed by the active key' );
				continue;
			}
			$rows[] = $this->convert(
				$secret,
				$c['format'],
				$dry_run,
				function ( string $value, string $context ): array {
					$expected = $this->expected_plaintext( $value, $context );
					return array( $this->vault->migrate( $value, $this->legacy, $context, $this->now ), $expected );
				}
			);
		}
		return $rows;
	}

	/**
	 * Envelopes due for rotation (retired key, or older than $max_age) re-sealed under the active key.
	 *
	 * @param bool     $dry_run Compute and verify, write nothing.
	 * @param int|null $batch   At most this many rotations (null: all).
	 * @param int      $max_age Seconds.
	 * @return array<int, array{option: string, path: string, from: string, action: string, detail: string}>
	 */
	public function rotate( bool $dry_run, ?int $batch, int $max_age ): array {
		$rows  = array();
		$done  = 0;
		foreach ( collect() as $secret ) {
			if ( ! TokenVault::isEnvelope( $secret['value'] ) ) {
				$rows[] = $this->row( $secret, legacy_format( $secret['value'] ) ?? 'plaintext', 'skipped', 'not an envelope: run "wp jlg-native vault migrate" first' );
				continue;
			}
			if ( ! $this->vault->needsRotation( $secret['value'], $max_age, $this->now ) ) {
				$rows[] = $this->row( $secret, 'jlg-vault', 'skipped', 'not due' );
				continue;
			}
			if ( null !== $batch && $done >= $batch ) {
				$rows[] = $this->row( $secret, 'jlg-vault', 'pending', 'batch limit reached' );
				continue;
			}
			$row    = $this->convert(
				$secret,
				'jlg-vault',
				$dry_run,
				function ( string $value, string $context ): array {
					return array( $this->vault->rotate( $value, $context, $this->now ), $this->vault->decrypt( $value, $context ) );
				}
			);
			$rows[] = $row;
			if ( in_array( $row['action'], array( 'written', 'would write' ), true ) ) {
				++$done;
			}
		}
		return $rows;
	}

	/**
	 * What a stored value decrypts to today: the plaintext the new envelope must hold.
	 *
	 * @param string $value   Stored value.
	 * @param string $context Context.
	 */
	private function expected_plaintext( string $value, string $context ): string {
		if ( TokenVault::isEnvelope( $value ) ) {
			return $this->vault->decrypt( $value, $context );
		}
		if ( null !== legacy_format( $value ) ) {
			return $this->vault->decryptLegacy( $value, $this->legacy );
		}
		return $value;
	}

	/**
	 * Computes, verifies and (unless dry-run) writes one secret.
	 *
	 * @param array    $secret  From collect().
	 * @param string   $from    Format before.
	 * @param bool     $dry_run Write nothing.
	 * @param callable $compute fn(value, context): [new envelope, expected plaintext].
	 */
	private function convert( array $secret, string $from, bool $dry_run, callable $compute ): array {
		try {
			list( $envelope, $expected ) = $compute( $secret['value'], $secret['context'] );
			if ( ! hash_equals( $expected, $this->vault->decrypt( $envelope, $secret['context'] ) ) ) {
				return $this->row( $secret, $from, 'failed', 'the new envelope did not verify; nothing written' );
			}
		} catch ( \JLG\Native\DecryptionException $e ) {
			return $this->row( $secret, $from, 'failed', sprintf( '%s (%s); nothing written', $e->getMessage(), $e->getReason() ) );
		} catch ( \JLG\Native\InvalidInputException $e ) {
			return $this->row( $secret, $from, 'failed', $e->getMessage() . '; nothing written' );
		}
		if ( $dry_run ) {
			return $this->row( $secret, $from, 'would write', 'verified' );
		}
		/**
		 * Fires just before a verified secret is written back (tests interrupt runs here).
		 *
		 * @param string   $option Option name.
		 * @param string[] $path   Path inside the option.
		 */
		do_action( 'jlg_native_vault_before_write', $secret['option'], $secret['path'] );
		if ( ! write_secret( $secret['option'], $secret['path'], $secret['value'], $envelope ) ) {
			return $this->row( $secret, $from, 'failed', 'the option changed meanwhile; nothing written' );
		}
		return $this->row( $secret, $from, 'written', 'verified' );
	}

	/**
	 * One report row.
	 */
	private function row( array $secret, string $from, string $action, string $detail ): array {
		return array(
			'option' => $secret['option'],
			'path'   => implode( '.', $secret['path'] ),
			'from'   => $from,
			'action' => $action,
			'detail' => $detail,
		);
	}
}
