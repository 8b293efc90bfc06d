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
	python3-venv

.PHONY: deps build build-test demo test test-rust test-phpt test-stubs test-wp \
	install bench stubs wp-up wp-down clean

## deps: install the Debian packages the build and the tests need (idempotent)
deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "deps: all Debian packages present"; fi

## build: the production extension (target/release/libjlg_native.so)
build:
	$(CARGO) build --release --locked

## build-test: the extension with the test-only hooks (panic trigger, log emitter)
build-test:
	$(CARGO) build --release --locked --features test-hooks

## demo: build, load, and exercise every class with readable output
demo: build
	$(PHP_EXT) tests/demo.php

## test: every level: Rust core, phpt, stub drift, WordPress
test: test-rust build-test test-phpt test-stubs test-wp
	@echo "make test: all levels passed"

test-rust:
	$(CARGO) test --locked -p jlg-native-core

test-phpt:
	JOBS=$(JOBS) bash tests/run-phpt.sh $(SO)

test-stubs:
	$(PHP_EXT) tests/stubs/check-stubs.php php-stubs/jlg-native.php

test-wp:
	JLG_NATIVE_SO=$(SO) bash tests/wp/run.sh

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
