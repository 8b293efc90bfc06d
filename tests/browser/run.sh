#!/usr/bin/env bash
# Browser tests of the companion plugin's admin page: brings a WordPress site
# up with tests/wp/up.sh (servers with and without the extension), runs the
# suite in headless Chromium (Debian's package, driven by playwright-core) and
# tears the site down, also on failure or Ctrl-C.
#
# Usage:
#   JLG_NATIVE_SO=target/release/libjlg_native.so tests/browser/run.sh [node --test args...]
#   e.g. ... run.sh --test-name-pattern='status panel'
#
# Needs: chromium (apt), node and npm, and `npm ci` run in tests/browser
# (`make deps-browser` does both). Screenshots go to tests/browser/output/
# (or $JLG_BROWSER_OUTPUT).
set -euo pipefail

BROWSER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$BROWSER_DIR/../wp/lib/common.sh"

T0="$(jlg_wp_now)"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMIUM
command -v node >/dev/null 2>&1 || jlg_wp_die "node is not installed (make deps-browser)"
[ -x "$CHROMIUM" ] || jlg_wp_die "$CHROMIUM is missing: apt-get install chromium (make deps-browser)"
[ -d "$BROWSER_DIR/node_modules/playwright-core" ] ||
	jlg_wp_die "playwright-core is not installed: run 'npm ci' in tests/browser (make deps-browser)"

[ -n "${JLG_NATIVE_SO:-}" ] ||
	jlg_wp_die "JLG_NATIVE_SO is not set: point it at the built extension (target/release/libjlg_native.so)"
[ -f "$JLG_NATIVE_SO" ] || jlg_wp_die "JLG_NATIVE_SO=$JLG_NATIVE_SO does not exist: build the extension first"
JLG_NATIVE_SO="$(cd "$(dirname "$JLG_NATIVE_SO")" && pwd)/$(basename "$JLG_NATIVE_SO")"
export JLG_NATIVE_SO

# A private env file: never touches a site started by hand or another run.
STATE_ROOT="$(jlg_wp_state_root)"
mkdir -p "$STATE_ROOT"
export JLG_WP_ENV="$STATE_ROOT/browser-$$.env"
teardown() {
	bash "$JLG_WP_DIR/down.sh" || true
}
trap teardown EXIT
trap 'exit 130' INT TERM

bash "$JLG_WP_DIR/up.sh"

export JLG_BROWSER_OUTPUT="${JLG_BROWSER_OUTPUT:-$BROWSER_DIR/output}"
mkdir -p "$JLG_BROWSER_OUTPUT"
rm -f "$JLG_BROWSER_OUTPUT"/*.png

rc=0
(cd "$BROWSER_DIR" && node --test --test-reporter=spec "$@" suite.mjs) || rc=$?

teardown
trap - EXIT
jlg_wp_log "browser suite: exit $rc in $(jlg_wp_since "$T0") s; screenshots in $JLG_BROWSER_OUTPUT"
exit "$rc"
