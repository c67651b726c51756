# medflow: `make run` serves the app on SQLite with the demo organisation;
# `make test` installs what the tests need and runs them on SQLite and PostgreSQL.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test install install-test system-packages translations lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[test]"
	touch $@

install: $(VENV)/.installed translations

translations: $(VENV)/.installed
	$(BIN)/pybabel -q compile -d medflow/translations

run: install
	$(BIN)/medflow db upgrade
	$(BIN)/medflow demo
	@echo "medflow on http://127.0.0.1:$(PORT)/"
	$(BIN)/medflow run --host 127.0.0.1 --port $(PORT)

# Debian's PostgreSQL server, Chromium and Graphviz; installed only when missing (needs root).
system-packages:
	@missing=""; \
	[ -x /usr/lib/postgresql/15/bin/initdb ] || missing="$$missing postgresql"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

install-test: system-packages install

test: install-test
	MEDFLOW_TEST_DATABASES=sqlite,postgresql $(BIN)/pytest -q

lint: install
	$(BIN)/ruff check medflow tests

bench: install
	$(BIN)/python tests/benchmarks/engine_bench.py

clean:
	rm -rf $(VENV) instance
