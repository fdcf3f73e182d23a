# Everything lives in .venv; the system's site-packages are never touched.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: stats test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# One stamp per set of dependencies, so a second run installs nothing.
$(VENV)/.runtime-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@ $(VENV)/.runtime-installed

## make stats: set up .venv and print the summary of the bundled registry
stats: $(VENV)/.runtime-installed
	$(BIN)/uzit stats

## make test: set up .venv with the dev tools, then lint, type-check and run every test
test: $(VENV)/.dev-installed
	$(BIN)/ruff check uzit_cli tests benchmarks
	$(BIN)/ruff format --check uzit_cli tests benchmarks
	$(BIN)/mypy --strict uzit_cli
	$(BIN)/pytest

## make bench: the speed and memory benchmarks (see benchmarks/README.md)
bench: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/diff_history.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
