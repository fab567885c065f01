# The two set-up commands of the README are `make lab` and `make test`.
# Both create .venv with the machine's python3 (3.10 or newer) when it is missing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
# pytest-xdist workers; nbval needs --dist loadscope so a notebook's cells share a kernel.
WORKERS ?= 2

.PHONY: help lab test test-unit test-notebooks fuzz notebooks check-data handouts app bench lint clean

help:
	@echo "make lab         create .venv, install the kit, open JupyterLab at the first notebook"
	@echo "make test        create .venv if needed, run unit tests, notebooks (nbval) and browser tests"
	@echo "make notebooks   re-execute every notebook and store its outputs"
	@echo "make check-data  validate every data file"
	@echo "make fuzz        long property-based runs of every loader and parser"
	@echo "make handouts    build routine cards and principle sheets (HTML + PDF) into build/handouts"
	@echo "make app         serve the routine builder as a Voila page on http://127.0.0.1:8866"
	@echo "make bench       benchmarks: ratios measured side by side, written to bench/results.*"
	@echo "make lint        ruff, the import-linter layer contracts and mypy over src/"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.lab-installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e ".[lab]"
	@touch $@

$(VENV)/.test-installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e ".[lab,test]"
	@touch $@

lab: $(VENV)/.lab-installed
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/00_start_here.ipynb

test: $(VENV)/.test-installed
	$(PY) -m pytest -n $(WORKERS) --dist loadscope --nbval \
		--nbval-sanitize-with tests/nbval_sanitize.cfg tests notebooks

test-unit: $(VENV)/.test-installed
	$(PY) -m pytest -n $(WORKERS) --dist loadscope tests

test-notebooks: $(VENV)/.test-installed
	$(PY) -m pytest -n $(WORKERS) --dist loadscope --nbval \
		--nbval-sanitize-with tests/nbval_sanitize.cfg notebooks

fuzz: $(VENV)/.test-installed
	COURSEKIT_FUZZ_EXAMPLES=5000 $(PY) -m pytest -m fuzz tests

notebooks: $(VENV)/.test-installed
	$(PY) tools/run_notebooks.py notebooks/*.ipynb

check-data: $(VENV)/.lab-installed
	$(BIN)/coursekit check-data data

handouts: $(VENV)/.lab-installed
	$(BIN)/coursekit handouts --out build/handouts

app: $(VENV)/.lab-installed
	$(BIN)/voila app/routine_builder.ipynb --port=8866 --no-browser --Voila.ip=127.0.0.1

bench: $(VENV)/.test-installed
	$(PY) bench/run.py

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests tools bench
	$(BIN)/ruff format --check src tests tools bench
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

clean:
	rm -rf build dist .pytest_cache .hypothesis .ruff_cache
