#!/usr/bin/env bash
# Brings up a throwaway WordPress site for the tests:
#   - WordPress 6.1 from Debian's packages (downloaded once into a cache,
#     unpacked into one root because the package links to its neighbours),
#   - a private MariaDB on a unix socket,
#   - the plugin in wp-test-plugin/ linked into wp-content/plugins and active,
#   - `php -S` servers with 4 workers each: "plain" always (no extension),
#     "native" too when JLG_NATIVE_SO names the built extension (loaded with
#     -d extension=...).
#
# The site is described by an env file (shell syntax, KEY='value') written to
# $JLG_WP_ENV, default <state root>/current.env; tests and down.sh read it.
# State lives on /dev/shm when writable, else in the temp dir (see lib/common.sh).
#
# Usage: tests/wp/up.sh            then  tests/wp/down.sh
set -euo pipefail
set +m # children stay in our process group unless we setsid them

. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

JLG_WP_T0="$(jlg_wp_now)"
STATE_ROOT="$(jlg_wp_state_root)"
ENV_FILE="$(jlg_wp_env_file)"
CACHE_DIR="$STATE_ROOT/cache"
PLUGIN_SLUG="jlg-native-companion"
PLUGIN_FILE="$PLUGIN_SLUG/jlg-native-companion.php"

for tool in php mariadb mariadb-install-db mariadbd dpkg-deb apt-get setsid; do
	command -v "$tool" >/dev/null 2>&1 || jlg_wp_die "'$tool' is not installed (see tests/wp/README.md)"
done
MARIADBD="$(command -v mariadbd)"

NATIVE_SO=""
if [ -n "${JLG_NATIVE_SO:-}" ]; then
	[ -f "$JLG_NATIVE_SO" ] || jlg_wp_die "JLG_NATIVE_SO=$JLG_NATIVE_SO does not exist"
	NATIVE_SO="$(cd "$(dirname "$JLG_NATIVE_SO")" && pwd)/$(basename "$JLG_NATIVE_SO")"
fi

if [ -f "$ENV_FILE" ]; then
	jlg_wp_log "a site is already described by $ENV_FILE: stopping it first"
	bash "$JLG_WP_DIR/down.sh"
fi

mkdir -p "$STATE_ROOT" "$CACHE_DIR/debs"

# --- WordPress tree: download the packages once, unpack them once, copy per site.
missing=()
for pkg in "${JLG_WP_PACKAGES[@]}"; do
	compgen -G "$CACHE_DIR/debs/${pkg}_*.deb" >/dev/null || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
	jlg_wp_log "downloading ${missing[*]}"
	(cd "$CACHE_DIR/debs" && apt-get download "${missing[@]}" 2>&1 | grep -v -e '^Get:' -e '^Fetched' -e 'unsandboxed' >&2) || true
	for pkg in "${missing[@]}"; do
		compgen -G "$CACHE_DIR/debs/${pkg}_*.deb" >/dev/null ||
			jlg_wp_die "could not download $pkg (run 'apt-get update' first?)"
	done
fi
# One unpacked tree per set of package versions.
TREE_KEY="$(cd "$CACHE_DIR/debs" && for pkg in "${JLG_WP_PACKAGES[@]}"; do ls ${pkg}_*.deb | sort -V | tail -n 1; done | sha1sum | cut -c1-12)"
TREE="$CACHE_DIR/tree-$TREE_KEY"
if [ ! -d "$TREE" ]; then
	jlg_wp_log "unpacking the packages into $TREE"
	tmp_tree="$(mktemp -d "$CACHE_DIR/tree-tmp.XXXXXX")"
	for pkg in "${JLG_WP_PACKAGES[@]}"; do
		dpkg-deb -x "$(ls "$CACHE_DIR/debs/${pkg}"_*.deb | sort -V | tail -n 1)" "$tmp_tree"
	done
	mv "$tmp_tree" "$TREE" 2>/dev/null || rm -rf "$tmp_tree" # another run won the race
fi

# --- The instance. From here on, a failure tears down whatever was started.
STATE_DIR="$(mktemp -d "$STATE_ROOT/site.XXXXXX")"
: >"$ENV_FILE"
state_set() { # KEY VALUE: append to the env file (the last value of a key wins)
	case "$2" in *"'"*) jlg_wp_die "value of $1 contains a quote" ;; esac
	printf "%s='%s'\n" "$1" "$2" >>"$ENV_FILE"
}
state_set JLG_WP_STATE_DIR "$STATE_DIR"
state_set JLG_WP_ENV_FILE "$ENV_FILE"
cleanup_on_failure() {
	local rc=$?
	if [ "$rc" -ne 0 ]; then
		jlg_wp_log "bring-up failed (exit $rc); logs were in $STATE_DIR"
		for log in "$STATE_DIR"/*.log; do
			[ -s "$log" ] && { echo "--- $log (tail)" >&2; tail -n 20 "$log" >&2; }
		done
		bash "$JLG_WP_DIR/down.sh" || true
	fi
}
trap cleanup_on_failure EXIT

cp -a "$TREE" "$STATE_DIR/root"
WP_ROOT="$STATE_DIR/root/usr/share/wordpress"
rm -f "$WP_ROOT/wp-config.php" "$WP_ROOT/.htaccess" # Debian's config (reads /etc/wordpress), dangling link
mkdir -p "$WP_ROOT/wp-content/uploads"
ln -s "$JLG_REPO_ROOT/wp-test-plugin" "$WP_ROOT/wp-content/plugins/$PLUGIN_SLUG"

# --- Processes. Each is started with setsid, so it leads its own process
# group and down.sh can stop it, and everything it forked, by that group.
start_group() { # LOGFILE COMMAND...: start in a new session, print the pid
	local log="$1"
	shift
	setsid "$@" >"$log" 2>&1 </dev/null &
	echo "$!"
}
group_of() { # PID
	ps -o pgid= -p "$1" | tr -d ' '
}

free_port() {
	php -r '$s = stream_socket_server("tcp://127.0.0.1:0", $e, $m) or exit(1); echo substr(strrchr(stream_socket_get_name($s, false), ":"), 1);'
}

port_open() { # PORT
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# MariaDB: a fresh data directory, root authenticated by the unix socket
# (as the user running this script), a password user for WordPress.
DB_DIR="$STATE_DIR/mariadb"
DB_SOCKET="$STATE_DIR/mariadb.sock"
DB_NAME="wordpress"
DB_USER="wp"
DB_PASSWORD="$(php -r 'echo bin2hex(random_bytes(12));')"
mariadb-install-db --no-defaults --datadir="$DB_DIR" --user="$(id -un)" \
	--auth-root-authentication-method=socket --auth-root-socket-user="$(id -un)" \
	--skip-test-db --innodb-log-file-size=8M >"$STATE_DIR/mariadb-install.log" 2>&1 ||
	jlg_wp_die "mariadb-install-db failed: see $STATE_DIR/mariadb-install.log"
DB_PID="$(start_group "$STATE_DIR/mariadbd.log" "$MARIADBD" --no-defaults \
	--datadir="$DB_DIR" --socket="$DB_SOCKET" --skip-networking --user="$(id -un)" \
	--pid-file="$STATE_DIR/mariadbd.pid" --tmpdir="$STATE_DIR" --log-error="$STATE_DIR/mariadbd.log" \
	--skip-log-bin --skip-name-resolve --innodb-buffer-pool-size=32M --innodb-log-file-size=8M)"
state_set JLG_WP_DB_PID "$DB_PID"
state_set JLG_WP_DB_PGID "$(group_of "$DB_PID")"
state_set JLG_WP_DB_SOCKET "$DB_SOCKET"

# PHP configuration without any system-wide jlg_native (see lib/common.sh).
jlg_wp_make_scan_dir "$STATE_DIR/php-conf.d"
export PHP_INI_SCAN_DIR="$STATE_DIR/php-conf.d"
state_set JLG_WP_PHP_INI_SCAN_DIR "$PHP_INI_SCAN_DIR"

# Web servers, started while MariaDB boots (they need it only per request).
HOSTS=""
start_server() { # NAME [EXTENSION_SO]: start php -S on a free port, record it
	local name="$1" so="${2:-}" upper port pid try
	upper="$(printf '%s' "$name" | tr '[:lower:]' '[:upper:]')"
	local args=(-d display_errors=0 -d log_errors=1 -d "error_log=$STATE_DIR/php-$name.log")
	[ -n "$so" ] && args=(-d "extension=$so" "${args[@]}")
	for try in 1 2 3; do
		port="$(free_port)"
		pid="$(PHP_CLI_SERVER_WORKERS=4 start_group "$STATE_DIR/server-$name.log" \
			php "${args[@]}" -S "127.0.0.1:$port" -t "$WP_ROOT")"
		state_set "JLG_WP_${upper}_PID" "$pid"
		state_set "JLG_WP_${upper}_PGID" "$(group_of "$pid")"
		for _ in $(seq 100); do
			port_open "$port" && break
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.02
		done
		if port_open "$port"; then
			state_set "JLG_WP_${upper}_URL" "http://127.0.0.1:$port"
			state_set "JLG_WP_${upper}_ERROR_LOG" "$STATE_DIR/php-$name.log"
			HOSTS="$HOSTS 127.0.0.1:$port"
			return 0
		fi
		kill -- "-$pid" 2>/dev/null || true # lost the port race: try another
	done
	jlg_wp_die "php -S ($name) did not start: see $STATE_DIR/server-$name.log"
}
start_server plain
[ -n "$NATIVE_SO" ] && start_server native "$NATIVE_SO"
state_set JLG_WP_NATIVE_SO "$NATIVE_SO"

for _ in $(seq 300); do
	[ -S "$DB_SOCKET" ] && mariadb --no-defaults --socket="$DB_SOCKET" -u "$(id -un)" -e 'SELECT 1' >/dev/null 2>&1 && break
	kill -0 "$DB_PID" 2>/dev/null || jlg_wp_die "mariadbd exited: see $STATE_DIR/mariadbd.log"
	sleep 0.05
done
mariadb --no-defaults --socket="$DB_SOCKET" -u "$(id -un)" <<SQL || jlg_wp_die "could not create the database"
CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'localhost';
SQL

# --- WordPress: config, install, activate the plugin.
. "$ENV_FILE"
SITE_URL="$JLG_WP_PLAIN_URL"
ADMIN_USER="admin"
ADMIN_PASSWORD="$(php -r 'echo bin2hex(random_bytes(12));')"
ADMIN_EMAIL="admin@example.org"
DEBUG_LOG="$STATE_DIR/wp-debug.log"
JLG_WP_ROOT="$WP_ROOT" JLG_WP_STATE_DIR="$STATE_DIR" JLG_WP_DB_NAME="$DB_NAME" \
	JLG_WP_DB_USER="$DB_USER" JLG_WP_DB_PASSWORD="$DB_PASSWORD" JLG_WP_DB_SOCKET="$DB_SOCKET" \
	JLG_WP_URL="$SITE_URL" JLG_WP_HOSTS="$HOSTS" JLG_WP_ADMIN_USER="$ADMIN_USER" \
	JLG_WP_ADMIN_PASSWORD="$ADMIN_PASSWORD" JLG_WP_ADMIN_EMAIL="$ADMIN_EMAIL" \
	JLG_WP_PLUGIN="$PLUGIN_FILE" JLG_WP_DEBUG_LOG="$DEBUG_LOG" \
	php "$JLG_WP_DIR/support/install.php" >"$STATE_DIR/install.log" 2>&1 ||
	jlg_wp_die "WordPress installation failed: $(tail -n 5 "$STATE_DIR/install.log")"

state_set JLG_WP_ROOT "$WP_ROOT"
state_set JLG_WP_URL "$SITE_URL"
state_set JLG_WP_DB_NAME "$DB_NAME"
state_set JLG_WP_DB_USER "$DB_USER"
state_set JLG_WP_DB_PASSWORD "$DB_PASSWORD"
state_set JLG_WP_ADMIN_USER "$ADMIN_USER"
state_set JLG_WP_ADMIN_PASSWORD "$ADMIN_PASSWORD"
state_set JLG_WP_ADMIN_EMAIL "$ADMIN_EMAIL"
state_set JLG_WP_PLUGIN "$PLUGIN_FILE"
state_set JLG_WP_DEBUG_LOG "$DEBUG_LOG"
state_set JLG_WP_READY 1

trap - EXIT
jlg_wp_log "WordPress is up in $(jlg_wp_since "$JLG_WP_T0") s: $SITE_URL (plain)${NATIVE_SO:+, ${JLG_WP_NATIVE_URL} (with $NATIVE_SO)}"
jlg_wp_log "admin: $ADMIN_USER / $ADMIN_PASSWORD; state: $STATE_DIR"
jlg_wp_log "export JLG_WP_ENV=$ENV_FILE   # for phpunit -c tests/wp/phpunit.xml; stop with tests/wp/down.sh"
