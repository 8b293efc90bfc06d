#!/usr/bin/env bash
# Compiles the companion plugin's translations: for each
# languages/jlg-native-LOCALE.po, the .mo that PHP loads and the JSON that
# each translated script loads (languages/jlg-native-LOCALE-HANDLE.json).
#
# Usage:
#   tools/i18n/compile.sh           compile
#   tools/i18n/compile.sh --check   fail when the .pot, a .po, .mo or .json is out of date
#                                   or a string of the .pot is not translated
# Needs: gettext (msgfmt, msgmerge, msgcmp), php.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$REPO/tools/i18n"
LANG_DIR="$REPO/wp-test-plugin/languages"
DOMAIN="jlg-native"
# Scripts with translations: path in the plugin => script handle.
SCRIPTS=("assets/js/cron-playground.js=jlg-native-cron")

CHECK=0
[ "${1:-}" = "--check" ] && CHECK=1
command -v msgfmt >/dev/null 2>&1 || { echo "msgfmt is missing: apt-get install gettext" >&2; exit 1; }

OUT="$LANG_DIR"
tmp=""
if [ "$CHECK" = 1 ]; then
	tmp="$(mktemp -d)"
	trap 'rm -rf "$tmp"' EXIT
	OUT="$tmp"
	bash "$HERE/make-pot.sh" "$tmp/$DOMAIN.pot" 2>/dev/null
	diff -u "$LANG_DIR/$DOMAIN.pot" "$tmp/$DOMAIN.pot" >&2 ||
		{ echo "languages/$DOMAIN.pot is out of date: run tools/i18n/make-pot.sh" >&2; exit 1; }
fi

status=0
for po in "$LANG_DIR/$DOMAIN"-*.po; do
	[ -f "$po" ] || continue
	base="$(basename "$po" .po)" # jlg-native-fr_FR
	msgfmt --check -o "$OUT/$base.mo" "$po"
	for entry in "${SCRIPTS[@]}"; do
		php "$HERE/po2json.php" "$po" "${entry%%=*}" "$OUT/$base-${entry#*=}.json" 2>/dev/null
	done
	if [ "$CHECK" = 1 ]; then
		# Every string of the .pot is translated, none is fuzzy, and nothing is left over.
		if ! msgcmp --use-untranslated "$po" "$LANG_DIR/$DOMAIN.pot" 2>"$tmp/cmp.txt"; then
			echo "$base.po does not match the .pot (update it with msgmerge):" >&2
			cat "$tmp/cmp.txt" >&2
			status=1
		fi
		stats="$(msgfmt --statistics -o /dev/null "$po" 2>&1)"
		case "$stats" in *untranslated* | *fuzzy*) echo "$base.po: $stats" >&2; status=1 ;; esac
		if [ -n "$(msgcomm --unique --no-location "$po" "$LANG_DIR/$DOMAIN.pot" 2>/dev/null | grep '^msgid "[^"]' || true)" ]; then
			echo "$base.po has strings the .pot no longer has (msgattrib --no-obsolete after msgmerge)" >&2
			status=1
		fi
		for built in "$OUT/$base.mo" "$OUT/$base"-*.json; do
			cmp -s "$built" "$LANG_DIR/$(basename "$built")" ||
				{ echo "languages/$(basename "$built") is out of date: run tools/i18n/compile.sh" >&2; status=1; }
		done
	fi
done
[ "$CHECK" = 1 ] && [ "$status" = 0 ] && echo "i18n: .pot, .po, .mo and .json are up to date" >&2
exit "$status"
