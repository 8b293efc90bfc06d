<?php
/**
 * The failure of the pure-PHP envelope reader.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Vault;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Why an envelope could not be opened, with the same reasons as the extension's
 * `JLG\Native\DecryptionException::getReason()`: 'malformed', 'unknown_key',
 * 'auth_failed' or 'wrong_context'. Messages never contain key bytes, plaintext
 * or context.
 */
final class Envelope_Error extends \RuntimeException {

	/**
	 * The reason code.
	 *
	 * @var string
	 */
	private $reason;

	/**
	 * @param string $reason  One of the reason codes.
	 * @param string $message What was wrong.
	 */
	public function __construct( string $reason, string $message ) {
		parent::__construct( $message );
		$this->reason = $reason;
	}

	/**
	 * The reason code.
	 *
	 * @return string
	 */
	public function get_reason(): string {
		return $this->reason;
	}
}
