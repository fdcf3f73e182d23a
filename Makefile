# Everything lives in .venv; the system's site-packages are never touched.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

# Python's bytecode caches (__pycache__/, ignored by git) are written even when the environment
# says PYTHONDONTWRITEBYTECODE: without them every `uzit` process a test or benchmark starts
# compiles the modules it imports again, and pytest rewrites every test module's asserts again
# in each worker (the whole suite in one process, two runs on a busy machine: 113 CPU s with
# the variable set, 103 without).
export PYTHONDONTWRITEBYTECODE :=

.PHONY: stats test test-thorough bench clean test-tools install catalogues

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# One stamp per set of dependencies, so a second run installs nothing. The packages are
# installed by uv (itself installed into .venv by pip, in 2 s): the dev install took 22 to 30 s
# with pip and takes about 3 s with uv. Where uv cannot be had, pip does it, with --no-compile:
# pip would compile every module of every package to bytecode; Python compiles the ones a run
# imports, once, when it first imports them (uv compiles none either).
PIP_INSTALL := $(BIN)/python -m pip install --quiet --no-compile --disable-pip-version-check
define install
	{ $(PIP_INSTALL) uv && $(BIN)/uv pip install --quiet --python $(BIN)/python $(1); } \
		|| $(PIP_INSTALL) $(1)
endef

$(VENV)/.runtime-installed: pyproject.toml | $(BIN)/python
	$(call install,-e .)
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(call install,-e '.[dev]')
	touch $@ $(VENV)/.runtime-installed

## make stats: set up .venv and print the summary of the bundled registry
stats: $(VENV)/.runtime-installed
	$(BIN)/uzit stats

## make test-tools: Debian's packages that tests drive from outside: chromium, chromium-driver and
## a CJK font (the report in a browser), LibreOffice Calc (the workbook in another spreadsheet
## program), zsh and fish (shell completion driven for real); installed only when missing and we
## are root (as in CI), else those tests skip
test-tools:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
		&& command -v soffice >/dev/null 2>&1 && command -v zsh >/dev/null 2>&1 \
		&& command -v fish >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		export DEBIAN_FRONTEND=noninteractive && { apt-get update -qq && \
		apt-get install -y -qq chromium chromium-driver fonts-noto-cjk zsh fish && \
		apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui || \
		echo "make: apt-get failed: the tests that need them will be skipped"; }; \
	else echo "make: not root: the browser, LibreOffice, zsh and fish tests will be skipped"; fi

## make install: put `uzit` on your PATH with pipx, else uv (each installs into its own venv)
install:
	@if command -v pipx >/dev/null 2>&1; then pipx install --force . ; \
	elif command -v uv >/dev/null 2>&1; then uv tool install --force . ; \
	else echo "make install needs pipx or uv; meanwhile run .venv/bin/uzit" >&2; exit 1; fi

## make test: set up .venv with the dev tools, then lint, type-check and run every test
test: $(VENV)/.dev-installed test-tools
	$(BIN)/ruff check uzit_cli tests benchmarks tools
	$(BIN)/ruff format --check uzit_cli tests benchmarks tools
	$(BIN)/mypy --strict uzit_cli
	$(BIN)/pytest

## make catalogues: after changing a message, bring uzit_cli/locale/ up to date (the template,
## every LANG.po and its compiled LANG.mo); translate what it leaves empty in each LANG.po
catalogues: $(VENV)/.dev-installed
	$(BIN)/python tools/catalogues.py

## make test-thorough: the tests with the randomised, ten times larger Hypothesis profile
test-thorough: $(VENV)/.dev-installed
	HYPOTHESIS_PROFILE=thorough $(BIN)/pytest

## make bench: the speed and memory benchmarks (see benchmarks/README.md)
bench: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/diff_history.py
	$(BIN)/python benchmarks/guards.py --check

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
