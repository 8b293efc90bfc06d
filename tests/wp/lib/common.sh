# Shared by up.sh, down.sh and run.sh. Source it; do not run it.
#
# Paths are derived from this file's location, so the harness works from any
# checkout and any working directory.

JLG_WP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JLG_REPO_ROOT="$(cd "$JLG_WP_DIR/../.." && pwd)"

# Debian packages unpacked into one root to make the WordPress tree.
JLG_WP_PACKAGES=(wordpress php-getid3 libjs-underscore libjs-cropper wordpress-theme-twentytwentythree)

# Where instances and the package cache live: $JLG_WP_STATE_ROOT if set, else
# /dev/shm when writable (a RAM disk: bring-up is several times faster), else
# the temp dir. One folder per user, so users on one machine do not collide.
jlg_wp_state_root() {
	if [ -n "${JLG_WP_STATE_ROOT:-}" ]; then
		printf '%s\n' "$JLG_WP_STATE_ROOT"
	elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
		printf '%s\n' "/dev/shm/jlg-native-wp-$(id -u)"
	else
		printf '%s\n' "${TMPDIR:-/tmp}/jlg-native-wp-$(id -u)"
	fi
}

# The env file describing a running site: $JLG_WP_ENV, else <state root>/current.env.
jlg_wp_env_file() {
	if [ -n "${JLG_WP_ENV:-}" ]; then
		printf '%s\n' "$JLG_WP_ENV"
	else
		printf '%s/current.env\n' "$(jlg_wp_state_root)"
	fi
}

jlg_wp_log() {
	printf '[wp] %s\n' "$*" >&2
}

jlg_wp_die() {
	printf '[wp] error: %s\n' "$*" >&2
	exit 1
}

# Seconds since the epoch, with milliseconds.
jlg_wp_now() {
	date +%s.%3N
}

# Elapsed seconds since a jlg_wp_now value, e.g. "2.41".
jlg_wp_since() {
	awk -v a="$1" -v b="$(jlg_wp_now)" 'BEGIN { printf "%.2f", b - a }'
}

# Fills DEST with links to PHP's additional .ini files, leaving out any that
# loads jlg_native (as `make install` adds). With PHP_INI_SCAN_DIR=DEST, PHP
# has the extension only when -d extension=... asks for it, so the "absent"
# pass really runs without it and the "loaded" pass runs the .so under test.
jlg_wp_make_scan_dir() { # DEST
	local dest="$1" dir ini
	mkdir -p "$dest"
	local IFS=:
	for dir in ${PHP_INI_SCAN_DIR:-$(php -n -r 'echo PHP_CONFIG_FILE_SCAN_DIR;')}; do
		[ -d "$dir" ] || continue
		for ini in "$dir"/*.ini; do
			[ -f "$ini" ] || continue
			grep -Eq '^[[:space:]]*(zend_)?extension[[:space:]]*=.*jlg_native' "$ini" && continue
			ln -sf "$ini" "$dest/$(basename "$ini")"
		done
	done
}
