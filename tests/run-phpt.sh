#!/usr/bin/env bash
# Runs the .phpt suite with PHP's own run-tests.php against the built extension.
# A skipped test is a failure here: every test is meant to run in `make test`.
set -euo pipefail
so=${1:?usage: run-phpt.sh /abs/path/libjlg_native.so [dir...]}
shift
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=(tests/phpt)
php_bin=$(command -v "${PHP:-php}")
run_tests="$(php-config --extension-dir | sed 's:/[^/]*$::')/$(php-config --phpapi)/build/run-tests.php"
[ -f "$run_tests" ] || { echo "run-tests.php not found at $run_tests (install php8.2-dev)" >&2; exit 2; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
NO_INTERACTION=1 TEST_PHP_EXECUTABLE="$php_bin" "$php_bin" -n "$run_tests" -q -j"${JOBS:-2}" --show-diff \
    -n -d extension="$so" "${dirs[@]}" | tee "$log" || status=$?
skipped=$(sed -n 's/^Tests skipped *: *\([0-9]*\).*/\1/p' "$log")
passed=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$log")
failed=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$log")
echo "phpt: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "${skipped:-0}" != 0 ]; then
    echo "phpt: skipped tests count as failures in this suite" >&2
    exit 1
fi
if [ "${passed:-0}" = 0 ]; then
    echo "phpt: no test ran" >&2
    exit 1
fi
exit "$status"
