#!/usr/bin/env bash
# Runs the WordPress tests: brings a site up, runs PHPUnit twice and tears
# everything down (also on failure or Ctrl-C).
#
#   pass "loaded": PHPUnit runs in `php -d extension=$JLG_NATIVE_SO`, HTTP
#                  tests talk to the php -S server started with the extension;
#   pass "absent": PHPUnit runs in plain php, HTTP tests talk to the server
#                  started without it.
#
# Usage:
#   JLG_NATIVE_SO=target/release/libjlg_native.so tests/wp/run.sh [phpunit args...]
#   JLG_WP_ONLY_ABSENT=1 tests/wp/run.sh [phpunit args...]   # without the extension only
#
# Exits non-zero when bring-up or either pass fails.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

T0="$(jlg_wp_now)"
PHPUNIT="${PHPUNIT:-$(command -v phpunit || true)}"
[ -n "$PHPUNIT" ] || jlg_wp_die "phpunit is not installed (apt-get install phpunit)"

if [ "${JLG_WP_ONLY_ABSENT:-0}" = 1 ]; then
	unset JLG_NATIVE_SO
	jlg_wp_log "JLG_WP_ONLY_ABSENT=1: running the pass without the extension only"
else
	[ -n "${JLG_NATIVE_SO:-}" ] ||
		jlg_wp_die "JLG_NATIVE_SO is not set: point it at the built extension (target/release/libjlg_native.so), or set JLG_WP_ONLY_ABSENT=1 to run only the tests without it"
	[ -f "$JLG_NATIVE_SO" ] ||
		jlg_wp_die "JLG_NATIVE_SO=$JLG_NATIVE_SO does not exist: build the extension first (make build)"
	JLG_NATIVE_SO="$(cd "$(dirname "$JLG_NATIVE_SO")" && pwd)/$(basename "$JLG_NATIVE_SO")"
	export JLG_NATIVE_SO
	php -n -d "extension=$JLG_NATIVE_SO" -r 'exit(extension_loaded("jlg_native") ? 0 : 1);' ||
		jlg_wp_die "php cannot load $JLG_NATIVE_SO"
fi

# A private env file, so that this run never touches a site started by hand.
STATE_ROOT="$(jlg_wp_state_root)"
mkdir -p "$STATE_ROOT"
export JLG_WP_ENV="$STATE_ROOT/run-$$.env"

teardown() {
	bash "$JLG_WP_DIR/down.sh" || true
}
trap teardown EXIT
trap 'exit 130' INT TERM

T_UP="$(jlg_wp_now)"
bash "$JLG_WP_DIR/up.sh"
UP_SECONDS="$(jlg_wp_since "$T_UP")"
# PHPUnit gets the servers' PHP configuration: no system-wide jlg_native.
PHP_INI_SCAN_DIR="$(sed -n "s/^JLG_WP_PHP_INI_SCAN_DIR='\(.*\)'$/\1/p" "$JLG_WP_ENV" | tail -n 1)"
[ -d "$PHP_INI_SCAN_DIR" ] || jlg_wp_die "up.sh recorded no PHP ini scan dir"
export PHP_INI_SCAN_DIR

failed=()
run_pass() { # MODE [php args...]
	local mode="$1" t rc=0
	shift
	jlg_wp_log "PHPUnit, extension $mode"
	t="$(jlg_wp_now)"
	JLG_NATIVE_EXPECT="$mode" php "$@" "$PHPUNIT" -c "$JLG_WP_DIR/phpunit.xml" "${PHPUNIT_ARGS[@]}" || rc=$?
	jlg_wp_log "pass '$mode': exit $rc in $(jlg_wp_since "$t") s"
	[ "$rc" -eq 0 ] || failed+=("$mode")
}
PHPUNIT_ARGS=("$@")
if [ -n "${JLG_NATIVE_SO:-}" ]; then
	run_pass loaded -d "extension=$JLG_NATIVE_SO"
fi
run_pass absent

teardown
trap - EXIT
jlg_wp_log "bring-up ${UP_SECONDS} s, total $(jlg_wp_since "$T0") s"
if [ "${#failed[@]}" -gt 0 ]; then
	jlg_wp_log "FAILED: ${failed[*]}"
	exit 1
fi
jlg_wp_log "all passes succeeded"
