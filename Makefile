# medflow: `make run` serves the app on SQLite with the demo organisation;
# `make test` installs what the tests need and runs them on SQLite and PostgreSQL; `make check` runs the
# unit and web tests on SQLite (the inner loop); `make fuzz` fuzzes the API deeply (nightly style).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test check fuzz screenshots install install-test system-packages graphviz translations lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# What running medflow needs (`make run`), and on top of it what the tests need (`make test`).
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.installed-run
	$(BIN)/pip install -q -e ".[test]"
	touch $@

install: $(VENV)/.installed translations

translations: $(VENV)/.installed-run
	$(BIN)/pybabel compile -d medflow/translations

# PORT is exported, so links in the demo printout, feeds and mail use the port the app serves on.
run: export PORT := $(PORT)
run: $(VENV)/.installed-run translations graphviz
	$(BIN)/medflow db upgrade
	$(BIN)/medflow demo
	@echo "medflow on http://127.0.0.1:$(PORT)/"
	NEWSLETTER_NAME="$${NEWSLETTER_NAME:-Pippet}" $(BIN)/medflow run --host 127.0.0.1 --port $(PORT)

# Debian's PostgreSQL server, Chromium, Graphviz, npm and Pango (WeasyPrint's PDFs); installed only when
# missing (needs root).
system-packages:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# Graphviz draws the diagrams; without it the pages show tables and downloadable sources.
graphviz:
	@command -v dot >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian package: graphviz"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; \
	  else echo "Graphviz (dot) is missing: diagrams are shown as tables. Install the graphviz package."; fi; }

# Node tools the tests use (axe-core in the browser tests, a real OpenID Connect provider), pinned by
# package-lock.json; never served to users.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install-test: system-packages install node_modules/.installed

# Parallel test workers (pytest-xdist); each has its own databases, PostgreSQL cluster and browser server.
# Two workers suit a 2-core machine, where the PostgreSQL server and Chromium need CPU too.
TEST_WORKERS ?= 2

# Ruff first, then every test on both databases; ends with the ten slowest tests and the elapsed time.
test: install-test
	@start=$$(date +%s); \
	$(BIN)/ruff check medflow tests && \
	MEDFLOW_TEST_DATABASES=sqlite,postgresql $(BIN)/pytest -q -n $(TEST_WORKERS) --durations=10; \
	status=$$?; echo "make test: $$(( $$(date +%s) - start )) s"; exit $$status

# The inner loop: unit and web tests on SQLite.
check: install-test
	$(BIN)/pytest -q -n $(TEST_WORKERS) tests/unit tests/web

# The API fuzz at depth: 500 examples per operation and mode on both databases, a new seed each day
# (MEDFLOW_FUZZ_SEED=... replays one), and the visibility property test with 100 generated worlds.
# `make test` runs a small derandomized sample of the same tests.
fuzz: install-test
	MEDFLOW_FUZZ_EXAMPLES=$${MEDFLOW_FUZZ_EXAMPLES:-500} MEDFLOW_FUZZ_SEED=$${MEDFLOW_FUZZ_SEED:-$$(date +%Y%m%d)} \
	MEDFLOW_PROPERTY_EXAMPLES=$${MEDFLOW_PROPERTY_EXAMPLES:-100} \
	MEDFLOW_TEST_DATABASES=sqlite,postgresql $(BIN)/pytest -q -s -n 0 tests/integration/test_api_fuzz.py \
	  tests/integration/test_visibility_property.py

# Refresh the committed screenshots in tests/e2e/screenshots/ (plain `make test` writes elsewhere).
screenshots: install-test
	MEDFLOW_SCREENSHOTS=1 $(BIN)/pytest -q tests/e2e

lint: install
	$(BIN)/ruff check medflow tests

# Options go in BENCH_ARGS, e.g. `make bench BENCH_ARGS="--large 1000000"` (a third size) or
# `make bench BENCH_ARGS="--sizes 2000,5000"` (a quick check); MEDFLOW_BENCH_PG_URL adds PostgreSQL.
BENCH_ARGS ?=
bench: install
	$(BIN)/python tests/benchmarks/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) instance
