# Community of Action: `make run` serves the demo site, `make test` runs every check and test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PG_URL ?= postgres://postgres@127.0.0.1:5432/coa_test
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run demo test lint test-sqlite test-postgres chromium bench messages

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo_content

run: demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Debian's Chromium drives the browser tests; Playwright's own browser download is not used.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=coa_site.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=coa_site.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# Two passes: transactional tests flush every table, so they never share a run with the rest.
# loadgroup: each test module stays on one worker (tests/conftest.py), the demo's as one.
PYTEST := $(BIN)/pytest -n 2 --dist loadgroup
test-sqlite: install chromium
	$(PYTEST) -m "not transactional"
	$(PYTEST) -m transactional

# PostgreSQL is required in CI; on a laptop without one the run says so and is skipped.
# Browser journeys run once, on SQLite: the suite passed 20 minutes with them in both passes,
# and what differs between the databases (locking, concurrency) is tested without a browser.
test-postgres: install chromium
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)'.rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		TEST_DATABASE_URL=$(PG_URL) $(PYTEST) -m "not transactional" && \
		TEST_DATABASE_URL=$(PG_URL) $(PYTEST) -m "transactional and not browser"; \
	elif [ -n "$$CI" ]; then echo "PostgreSQL is not reachable at $(PG_URL)" >&2; exit 1; \
	else echo "SKIPPED the PostgreSQL run: no server at $(PG_URL)"; fi

test: lint test-sqlite test-postgres

bench: install
	$(BIN)/python bench/run.py

# One Welsh catalogue for the whole project: locale/cy/LC_MESSAGES/django.po (+ .mo).
messages: install
	cd $(CURDIR) && $(BIN)/python manage.py makemessages -l cy --ignore=.venv --ignore=static --ignore=var --ignore=media --ignore=tests --no-obsolete
	cd $(CURDIR) && $(BIN)/python manage.py compilemessages --ignore=.venv
