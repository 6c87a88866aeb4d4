# Vitae — the few verbs a developer needs. Everything runs from .venv, made on demand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format bench eval

$(STAMP): pyproject.toml
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

test: install
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
