# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
STAMP  := $(VENV)/.installed
TESTTMP ?= $(or $(TMPDIR),/tmp)/sicrm-tests

.PHONY: run test test-sqlite test-postgresql bench translations screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

# The web server and, beside it, the scheduler (alarms, outbox, digests); stopping
# one (Ctrl-C) stops both.
run: $(STAMP)
	$(BIN)/sicrm db upgrade
	$(BIN)/sicrm demo --if-empty
	$(BIN)/sicrm scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null; wait $$scheduler' EXIT INT TERM; \
	$(BIN)/sicrm run --host 127.0.0.1 --port $(PORT)

# The whole suite on SQLite (with the browser tests), and again on a throwaway
# PostgreSQL cluster when PostgreSQL's server binaries are installed.
# The two runs go side by side (one per CPU); each prints its report when it ends.
test: $(STAMP)
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgresql

test-sqlite: $(STAMP)
	mkdir -p $(TESTTMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider --basetemp=$(TESTTMP)/sqlite

test-postgresql: $(STAMP)
	mkdir -p $(TESTTMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider --basetemp=$(TESTTMP)/postgresql \
	    -m "not browser" --db=postgresql

bench: $(STAMP)
	$(BIN)/python bench/generate.py --scale $${SCALE:-small} --db bench/bench.db
	$(BIN)/python bench/serve_bench.py --db bench/bench.db

translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 -k lazy_pgettext:1c,2 -o sicrm/translations/messages.pot .
	$(BIN)/pybabel update -i sicrm/translations/messages.pot -d sicrm/translations --no-fuzzy-matching
	$(BIN)/pybabel compile -d sicrm/translations

# PNGs of the main pages (English and Chinese, 1366 and 390 px wide) from a throwaway
# demo instance, into screenshots/ (or OUT=dir)
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py --out $${OUT:-screenshots}

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
