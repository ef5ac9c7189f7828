# summitry — set-up and everyday commands. Needs only Python 3.11 on the machine.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := examples/demo.duckdb

.PHONY: setup demo test lint check eval bench clean lock train cv

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock requirements-embed.txt
	$(PY) -c 'import sys; assert sys.version_info[:2] == (3, 11), "summitry needs Python 3.11"'
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --require-hashes -r requirements.lock
	$(BIN)/python -m pip install -q -r requirements-embed.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB).wal $(DEMO_DB).snapshot
	$(BIN)/summitry run examples/docs --db $(DEMO_DB)
	$(BIN)/summitry events --db $(DEMO_DB)

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

check: lint test

eval: setup
	$(BIN)/summitry eval --gold ../shared/eval/dev/gold.jsonl --docs ../shared/eval/dev/docs

# The learned event decision: needs the labelled pages in ../shared/eval (real + train).
train: setup
	$(BIN)/summitry train

cv: setup
	$(BIN)/summitry cv

bench: setup
	$(BIN)/python bench/run.py

# Regenerate the hash-pinned lock file from pyproject.toml (needs network to PyPI).
lock:
	$(BIN)/python -m pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra spark --generate-hashes \
		--python-version 3.11 \
		--no-header -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB) $(DEMO_DB).wal \
		$(DEMO_DB).snapshot
