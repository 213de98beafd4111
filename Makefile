# The two commands of README.md: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test test-fast test-e2e lint install install-test seed rebuild-demo bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned requirements

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install-test: $(VENV)/.installed-test node_modules/.installed ## Also axe-core (npm) and Debian's chromium for the browser tests
	@scripts/ensure-chromium.sh

# The address `make run` serves, as a browser reaches it (0.0.0.0 listens everywhere, 127.0.0.1 included)
ADDRESS = http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)

run: install ## Install, migrate the embedded SQLite DB, load demo data if empty, serve on $HOST:$PORT (127.0.0.1:8000)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty --address $(ADDRESS)
	@echo "Portal:  $(ADDRESS)/    Admin: $(ADDRESS)/admin/"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install-test ## Ruff (pyflakes, bugbear, import order, ...; configured in pyproject.toml)
	$(PY) -m ruff check .

test: install-test lint ## Install, lint and run the whole test suite (end-to-end tests included)
	@scripts/ensure-services.sh
	$(PY) -m pytest
	@# the embedded search engine has a SQLite (FTS5) and a PostgreSQL implementation: run its suite on SQLite too
	DATABASE_URL= $(PY) -m pytest -q -p no:cacheprovider tests/search

test-fast: install-test ## The suite without the slow end-to-end browser tests
	$(PY) -m pytest -m "not e2e"

test-e2e: install-test ## Only the end-to-end browser tests
	$(PY) -m pytest -m e2e

seed: install ## (Re)apply the demo data (idempotent)
	$(PY) manage.py seed_demo

bench: install ## Run the benchmark scripts under bench/
	$(PY) bench/run.py

clean: ## Remove the embedded database, media and caches (keeps .venv)
	rm -rf db.sqlite3* media .test-media .pytest_cache
