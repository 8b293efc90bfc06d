<?php
/**
 * Stubs of the jlg_native PHP extension (JLG Native), for IDEs and static analysis.
 *
 * Every class, function and constant the extension registers is declared here with
 * its exact signature; tests/stubs/check-stubs.php compares this file with the loaded
 * extension through Reflection and fails on any drift. This file is never loaded at
 * run time.
 *
 * @phpstan-type BuildInfo array{version: string, git_revision: string, rustc: string, php_api: string, profile: string, features: list<string>}
 * @phpstan-type VaultInspection array{format: string, version: int, key_id: ?string, created_at: ?int, algorithm: string, key_fingerprint: ?string}
 * @phpstan-type LegacyKeys array{auth_key?: ?string, auth_salt?: ?string, bjlg_key?: ?string}
 */

namespace JLG\Native {

    /**
     * The extension's version (the crate version), also returned by phpversion('jlg_native').
     */
    function version(): string {}

    /**
     * What was built: crate version, git revision, compiler, PHP API, profile, features.
     *
     * @return array{version: string, git_revision: string, rustc: string, php_api: string, profile: string, features: list<string>}
     */
    function build_info(): array {}

    /**
     * Bad input from the caller. Carries the name of the argument or key at fault and,
     * for text input, the zero-based character position of the problem.
     */
    class InvalidInputException extends \InvalidArgumentException
    {
        protected ?string $field = null;
        protected ?int $position = null;

        public function __construct(string $message = "", int $code = 0, ?\Throwable $previous = null, ?string $field = null, ?int $position = null) {}

        /** The argument or key at fault, e.g. "expression" or "samples[3].timestamp". */
        public function getField(): ?string {}

        /** Zero-based character position of the problem inside the field, when known. */
        public function getPosition(): ?int {}
    }

    /**
     * A failure that is not the caller's fault: I/O, storage, network, or an internal
     * error (a Rust panic is reported as this exception, naming the method).
     */
    class NativeException extends \RuntimeException
    {
    }

    /**
     * A cron expression that does not parse; getField() names the cron field,
     * getPosition() the character.
     */
    class CronSyntaxException extends InvalidInputException
    {
    }

    /**
     * A secret that cannot be decrypted.
     */
    class DecryptionException extends NativeException
    {
        protected ?string $reason = null;

        /**
         * Why: 'malformed', 'unknown_key', 'auth_failed', 'wrong_context' or 'legacy_mac_mismatch'.
         */
        public function getReason(): ?string {}
    }

    /**
     * Secrets at rest: XChaCha20-Poly1305 envelopes with a key id, a creation time
     * and a bound context. Layout, key sources and rotation: docs/vault.md.
     *
     * Objects of this class show no properties (var_dump, print_r, json_encode),
     * cannot be cloned (\Error) nor serialized or unserialized (\Exception), and the
     * class is final. Every decryption failure is a DecryptionException whose
     * getReason() says why; bad arguments are InvalidInputException naming the field.
     */
    final class TokenVault
    {
        /**
         * @param array<string, string> $keys key id ([A-Za-z0-9_-]{1,32}) => 32 raw bytes
         * @param string $activeKeyId the key new envelopes are sealed with
         * @throws InvalidInputException on a bad key id, a key that is not 32 bytes, or a missing active key
         */
        public function __construct(array $keys, string $activeKeyId) {}

        /**
         * A one-key vault whose key is derived from at least 32 bytes of secret material
         * (BLAKE2b-256 keyed with "jlg-native/vault/v1/from-secret").
         *
         * @throws InvalidInputException when the secret is shorter than 32 bytes or the key id is invalid
         */
        public static function fromSecret(string $secret, string $keyId = 'wp'): TokenVault {}

        /**
         * 32 random bytes from the operating system, base64-encoded (for JLG_NATIVE_KEY in wp-config.php).
         */
        public static function generateKey(): string {}

        /**
         * Seals a plaintext (any bytes) under the active key.
         *
         * @param string $context what the secret is for (option name, profile key), bound as associated data; at most 4096 bytes
         * @param int|null $now creation time in Unix seconds; time() when null
         * @return string an ASCII envelope starting with "jlgv1:"
         */
        public function encrypt(string $plaintext, string $context = '', ?int $now = null): string {}

        /**
         * Opens an envelope sealed for $context with any configured key.
         *
         * @throws DecryptionException reason 'malformed', 'unknown_key', 'auth_failed' or 'wrong_context'
         */
        public function decrypt(string $envelope, string $context = ''): string {}

        /**
         * Re-seals an envelope under the active key with a fresh nonce and creation time;
         * the new envelope is opened and compared before it is returned.
         *
         * @throws DecryptionException when the envelope cannot be opened
         */
        public function rotate(string $envelope, string $context = '', ?int $now = null): string {}

        /**
         * Whether an envelope was sealed by another key than the active one, or is older than $maxAgeSeconds.
         *
         * @throws DecryptionException reason 'malformed' when it is not an envelope
         * @throws InvalidInputException when $maxAgeSeconds is negative
         */
        public function needsRotation(string $envelope, int $maxAgeSeconds, ?int $now = null): bool {}

        /**
         * Describes an envelope (or a recognised legacy value: dbjlg_enc_v1, dbjlg_enc_v2, bjlgs1) without any key.
         *
         * @return array{format: string, version: int, key_id: ?string, created_at: ?int, algorithm: string, key_fingerprint: ?string}
         * @throws DecryptionException reason 'malformed' for anything else
         */
        public static function inspect(string $envelope): array {}

        /**
         * Whether a value is a structurally valid envelope (not authenticated).
         */
        public static function isEnvelope(string $value): bool {}

        /**
         * Reads a legacy value: Discord Bot JLG 'dbjlg_enc_v1:' / 'dbjlg_enc_v2:' (with and without IV, the
         * true plaintext) with auth_key and auth_salt, Backup JLG 'BJLGS1' and IV||CT strings with bjlg_key.
         *
         * @param array{auth_key?: ?string, auth_salt?: ?string, bjlg_key?: ?string} $legacy the AUTH_KEY and AUTH_SALT constants, BJLG_ENCRYPTION_KEY
         * @throws DecryptionException reason 'malformed', 'legacy_mac_mismatch' or 'auth_failed'
         * @throws InvalidInputException when a needed legacy key is missing or invalid
         */
        public function decryptLegacy(string $stored, array $legacy): string {}

        /**
         * Legacy or plaintext value to an envelope under the active key. An envelope passes through
         * unchanged when sealed by the active key, else it is re-sealed; every new envelope is verified.
         *
         * @param array{auth_key?: ?string, auth_salt?: ?string, bjlg_key?: ?string} $legacy
         * @throws DecryptionException when an envelope or a legacy value cannot be read (nothing is wrapped then)
         */
        public function migrate(string $stored, array $legacy = [], string $context = '', ?int $now = null): string {}

        /**
         * A short, non-secret fingerprint (16 hex digits) of a key, or of the active key. inspect()
         * reports the fingerprint of the key that sealed an envelope: a difference means the key changed.
         *
         * @throws InvalidInputException when no key has that id
         */
        public function keyFingerprint(?string $keyId = null): string {}
    }
}
