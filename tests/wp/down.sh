#!/usr/bin/env bash
# Stops the site started by up.sh and removes its state directory.
#
# Only the processes recorded in the env file are stopped, each by its process
# group (php -S workers outlive their master, so the whole group goes), and
# only after checking that the group still runs something of this site.
#
# Usage: tests/wp/down.sh [--purge-cache]
#   --purge-cache  also delete the downloaded packages and the unpacked tree
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

STATE_ROOT="$(jlg_wp_state_root)"
ENV_FILE="$(jlg_wp_env_file)"
PURGE=0
for arg in "$@"; do
	case "$arg" in
	--purge-cache) PURGE=1 ;;
	*) jlg_wp_die "unknown argument: $arg" ;;
	esac
done

# Pids of the processes in group PGID whose command line mentions MARKER.
group_members() { # PGID MARKER
	local pid
	for pid in $(ps -e -o pid=,pgid=,stat= | awk -v g="$1" '$2 == g && $3 !~ /^Z/ { print $1 }'); do
		tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2" && echo "$pid"
	done
	return 0
}

# Whether group PGID has a live member. Zombies do not count: the processes
# were started by up.sh, which has exited, so init reaps them, at its own pace.
group_alive() { # PGID
	ps -e -o pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}

stop_group() { # NAME PGID MARKER
	local name="$1" pgid="$2" marker="$3" _
	case "$pgid" in '' | *[!0-9]*) return 0 ;; esac
	if [ "$pgid" -le 1 ] || [ "$pgid" = "$(ps -o pgid= -p $$ | tr -d ' ')" ]; then
		jlg_wp_log "not stopping $name: group $pgid is not one of ours"
		return 0
	fi
	if [ -z "$(group_members "$pgid" "$marker")" ]; then
		return 0 # already gone (or the group id now belongs to something else)
	fi
	kill -TERM -- "-$pgid" 2>/dev/null || true
	for _ in $(seq 100); do
		group_alive "$pgid" || return 0
		sleep 0.05
	done
	jlg_wp_log "$name (group $pgid) ignored SIGTERM: sending SIGKILL"
	kill -KILL -- "-$pgid" 2>/dev/null || true
}

if [ -f "$ENV_FILE" ]; then
	# Written by up.sh: KEY='value' lines without quotes inside values.
	JLG_WP_STATE_DIR="" JLG_WP_PLAIN_PGID="" JLG_WP_NATIVE_PGID="" JLG_WP_DB_PGID=""
	. "$ENV_FILE"
	if [ -n "$JLG_WP_STATE_DIR" ]; then
		stop_group "php -S (plain)" "$JLG_WP_PLAIN_PGID" "$JLG_WP_STATE_DIR"
		stop_group "php -S (native)" "$JLG_WP_NATIVE_PGID" "$JLG_WP_STATE_DIR"
		stop_group "mariadbd" "$JLG_WP_DB_PGID" "$JLG_WP_STATE_DIR"
		case "$JLG_WP_STATE_DIR" in
		"$STATE_ROOT"/site.*) rm -rf "$JLG_WP_STATE_DIR" ;;
		*) jlg_wp_log "not removing $JLG_WP_STATE_DIR: not under $STATE_ROOT" ;;
		esac
	fi
	rm -f "$ENV_FILE"
else
	jlg_wp_log "no site described by $ENV_FILE: nothing to stop"
fi

if [ "$PURGE" = 1 ]; then
	rm -rf "$STATE_ROOT/cache"
	rmdir "$STATE_ROOT" 2>/dev/null || true
fi
