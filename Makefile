# Vitae — the few verbs a developer needs. Everything runs from .venv, made on demand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian's Chromium drives the browser tests (tests/e2e), which read this path too.
export CHROMIUM ?= /usr/bin/chromium
# What the tests need beyond Python: the browser, its fonts, a Redis they start themselves,
# and BibTeX with plain.bst (our .bib exports are compiled by the real thing).
TEST_PACKAGES := chromium fonts-liberation redis-server texlive-binaries texlive-base
FONTS := /usr/share/fonts/truetype/liberation

.PHONY: install run test lint format bench eval test-deps

# $(call apt,PACKAGES,WHY): installs Debian packages when make runs as root, else stops
# at once with the one command to run.
apt = { if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
	  echo "make: installing $(1) ($(2))"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	else \
	  echo "make: $(1) missing ($(2)); run: sudo apt-get install -y $(1)" >&2; exit 1; \
	fi; }

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -c "import ensurepip" 2>/dev/null \
	  || $(call apt,python3-venv,a virtual environment)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_samples
	# The background worker parses uploaded CVs (django-tasks database backend); it stops with the server.
	$(BIN)/python manage.py worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Checked before the install, so that anything missing stops the run at once.
test-deps:
	@{ test -x "$(CHROMIUM)" && test -d $(FONTS) && command -v redis-server >/dev/null \
	  && command -v bibtex >/dev/null && kpsewhich plain.bst >/dev/null; } \
	  || $(call apt,$(TEST_PACKAGES),for the tests)
	@test -x "$(CHROMIUM)" || { echo "make: no Chromium at $(CHROMIUM)" >&2; exit 1; }

# The real CVs some tests read live in ../shared beside the project (README, Tests).
test: test-deps install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n 2

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The parser on the 22 real CVs in ../shared, learned parts measured leave-one-document-out,
# then fictional CVs in the layouts users upload (Chromium prints the PDFs).
eval: install
	$(BIN)/python benchmarks/eval.py
	$(BIN)/python benchmarks/layouts.py

bench: install
	$(BIN)/python benchmarks/parse.py
	$(BIN)/python benchmarks/import.py
	# Pages against a trivial view: on DATABASE_URL if set (filled by benchmarks/generate.py),
	# else on 300 people generated into a temporary SQLite file.
	$(BIN)/python benchmarks/pages.py --people 300 --repeat 10
