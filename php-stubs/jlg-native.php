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
}
