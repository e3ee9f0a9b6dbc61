# Two commands matter on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo run test lint bench bench-intake bench-bulletin

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install  ## play the whole scenario offline against the local Bot API emulator
	$(BIN)/danvan demo --db data/demo.sqlite3

run: install  ## run the bot against Telegram (TELEGRAM_BOT_TOKEN in the environment or .env)
	$(BIN)/danvan run

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint  ## formatting, lint, types, then the test suite
	$(BIN)/pytest -q -n 2

bench: install  ## messages per second and latency through emulator + PTB + SQLite
	$(BIN)/python bench/messages.py

bench-intake: install  ## citizens filing reports through the whole intake conversation
	$(BIN)/python bench/intake.py

bench-bulletin: install  ## a bulletin to 100,000 subscribers at 500/s through the emulator (~4 min)
	$(BIN)/python bench/bulletin.py
