#!/usr/bin/env bash
# Extracts the companion plugin's translatable strings (text domain
# jlg-native) from its PHP and JavaScript into languages/jlg-native.pot.
#
# Usage: tools/i18n/make-pot.sh [OUTPUT]     (default: wp-test-plugin/languages/jlg-native.pot)
# Needs: gettext (xgettext, msgcat).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PLUGIN="$REPO/wp-test-plugin"
OUT="${1:-$PLUGIN/languages/jlg-native.pot}"
command -v xgettext >/dev/null 2>&1 || { echo "xgettext is missing: apt-get install gettext" >&2; exit 1; }

VERSION="$(sed -n "s/^ \* Version: *\(.*\)$/\1/p" "$PLUGIN/jlg-native-companion.php" | head -n 1)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cd "$PLUGIN"
common=(--from-code=UTF-8 --add-comments=translators: --sort-by-file --no-wrap
	--package-name="JLG Native Companion" --package-version="$VERSION" --msgid-bugs-address=- 
	--keyword --keyword=__:1 --keyword=_x:1,2c --keyword=_n:1,2 --keyword=_nx:1,2,4c)

find . -name '*.php' -not -path './languages/*' | LC_ALL=C sort >"$tmp/php.list"
xgettext "${common[@]}" --language=PHP \
	--keyword=_e:1 --keyword=esc_html__:1 --keyword=esc_html_e:1 --keyword=esc_attr__:1 --keyword=esc_attr_e:1 \
	--keyword=esc_html_x:1,2c --keyword=esc_attr_x:1,2c --keyword=_n_noop:1,2 --keyword=_nx_noop:1,2,3c \
	--files-from="$tmp/php.list" -o "$tmp/php.pot"
find . -name '*.js' -not -path './languages/*' -not -name '*.min.js' | LC_ALL=C sort >"$tmp/js.list"
xgettext "${common[@]}" --language=JavaScript --files-from="$tmp/js.list" -o "$tmp/js.pot"

# The plugin header's Name and Description, which WordPress translates with the text domain.
header_field() { sed -n "s/^ \* $1: *\(.*\)$/\1/p" jlg-native-companion.php | head -n 1; }
po_escape() { sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }
{
	printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
	for field in "Plugin Name" Description; do
		printf '#. %s of the plugin\n#: jlg-native-companion.php\nmsgid "%s"\nmsgstr ""\n\n' "$field" "$(header_field "$field" | po_escape)"
	done
} >"$tmp/header.pot"

msgcat --sort-by-file --no-wrap "$tmp/header.pot" "$tmp/php.pot" "$tmp/js.pot" -o "$tmp/all.pot"

# WordPress-style header; no creation date, so that the file only changes with its strings.
{
	cat <<HEADER
# Copyright (C) JLG
# This file is distributed under the GPL-2.0-or-later license, as the plugin.
msgid ""
msgstr ""
"Project-Id-Version: JLG Native Companion $VERSION\n"
"Report-Msgid-Bugs-To: \n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Language-Team: \n"
"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n"
"X-Domain: jlg-native\n"
HEADER
	# Everything after the generated header (its first empty line).
	awk 'found { print } /^$/ && !found { found = 1; print "" }' "$tmp/all.pot"
} >"$OUT"
echo "wrote $OUT: $(grep -c '^msgid "' "$OUT") entries (header included)" >&2
