# JLG Native: build, test, install and benchmark the jlg_native PHP extension.
# `make demo` is the main job; `make test` runs every test level.

PHP        ?= php
PHP_CONFIG ?= php-config
PHPUNIT    ?= phpunit
CARGO      ?= cargo
SO         := $(CURDIR)/target/release/libjlg_native.so
PHP_EXT    := $(PHP) -n -d extension=$(SO)
JOBS       ?= 2

DEBIAN_PACKAGES := php8.2-dev php8.2-cli php8.2-sqlite3 php8.2-mysql php8.2-mbstring \
	php8.2-xml php8.2-curl libclang-dev phpunit mariadb-server-core mariadb-client-core \
	python3-venv gettext

.PHONY: deps build build-test demo test test-rust test-cron-diff test-phpt test-stubs test-php test-wp \
	deps-browser test-browser test-i18n i18n install bench stubs wp-up wp-down clean

## deps: install the Debian packages the build and the tests need (idempotent)
deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "deps: all Debian packages present"; fi

## deps-browser: Debian's Chromium and gettext (and Node.js/npm when missing), then playwright-core from
## tests/browser/package-lock.json; no browser is downloaded
deps-browser:
	@missing=$$(for p in chromium gettext; do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "deps-browser: chromium, gettext, node and npm present"; fi
	cd tests/browser && npm ci --no-audit --no-fund

## build: the production extension (target/release/libjlg_native.so)
build:
	$(CARGO) build --release --locked

## build-test: the extension with the test-only hooks (panic trigger, log emitter)
build-test:
	$(CARGO) build --release --locked --features test-hooks

## demo: build, load, and exercise every class with readable output
demo: build
	$(PHP_EXT) tests/demo.php

## test: every level: Rust core, phpt, stub drift, WordPress, translations, admin page in Chromium
## (run `make deps deps-browser` first)
test: test-rust test-cron-diff build-test test-phpt test-stubs test-php test-wp test-i18n test-browser
	@echo "make test: all levels passed"

test-rust:
	$(CARGO) test --release --locked -p jlg-native-core

test-phpt:
	JOBS=$(JOBS) bash tests/run-phpt.sh $(SO)

## test-cron-diff: the cron engine against croniter (PyPI) on 5,000 random expressions x 3 zones
CRON_VENV := $(CURDIR)/.build/venv
test-cron-diff:
	@test -x $(CRON_VENV)/bin/python || python3 -m venv $(CRON_VENV)
	@$(CRON_VENV)/bin/python -c 'import croniter, pytz' 2>/dev/null || $(CRON_VENV)/bin/pip install -q 'croniter==7.0.0' pytz
	$(CARGO) build --release --locked -q -p jlg-native-core --example cron_runs
	$(CRON_VENV)/bin/python tests/cron-differential/differential.py target/release/examples/cron_runs

test-stubs:
	$(PHP_EXT) tests/stubs/check-stubs.php php-stubs/jlg-native.php

## test-php: scripts that need several real PHP processes (lock contention, kill -9)
test-php:
	@for f in tests/php/*.php; do echo "== $$f"; $(PHP_EXT) $$f $(SO) || exit 1; done

test-wp:
	JLG_NATIVE_SO=$(SO) bash tests/wp/run.sh

## test-browser: the admin page in headless Chromium against the real WordPress (make deps-browser first)
test-browser:
	JLG_NATIVE_SO=$(SO) bash tests/browser/run.sh

## i18n: regenerate the plugin's .pot, merge it into each .po, compile .mo and script JSON
i18n:
	bash tools/i18n/make-pot.sh
	@for po in wp-test-plugin/languages/jlg-native-*.po; do \
		msgmerge --quiet --update --backup=none --no-wrap $$po wp-test-plugin/languages/jlg-native.pot && \
		msgattrib --no-obsolete --no-wrap -o $$po $$po || exit 1; done
	bash tools/i18n/compile.sh

## test-i18n: the committed .pot, .po, .mo and JSON match the code (needs gettext)
test-i18n:
	bash tools/i18n/compile.sh --check

## stubs: check the stub file against the loaded extension (same as test-stubs)
stubs: build
	$(PHP_EXT) tests/stubs/check-stubs.php php-stubs/jlg-native.php

## install: copy the extension into PHP's extension dir and enable it for CLI and FPM
install: build
	install -m 0755 $(SO) $$($(PHP_CONFIG) --extension-dir)/jlg_native.so
	printf '; JLG Native\nextension=jlg_native.so\n;jlg_native.log_level=warn\n;jlg_native.state_dir=\n' \
		> /etc/php/8.2/mods-available/jlg_native.ini
	phpenmod -v 8.2 -s ALL jlg_native
	$(PHP) --ri jlg_native

## bench: native vs the PHP way, ratios measured in the same run
bench: build
	@for f in tests/bench/*.php; do $(PHP_EXT) -d opcache.enable_cli=0 $$f || exit 1; done

wp-up:
	JLG_NATIVE_SO=$(SO) bash tests/wp/up.sh

wp-down:
	bash tests/wp/down.sh

clean:
	$(CARGO) clean
