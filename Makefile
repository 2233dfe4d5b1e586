# The project's front door. `make run` executes every notebook; `make test` runs the test suite.
# Both create .venv on first use and install the package with its pinned-by-range dependencies
# from pyproject.toml (the single source of dependencies).

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.footprint-installed
JOBS   ?= 2

.PHONY: run test bench lab clean help

help:
	@echo "make run    execute every notebook with papermill -> reports/<run>/ (figures, tables, manifest)"
	@echo "make test   run the whole test suite (executes every notebook with small parameters)"
	@echo "make bench  benchmarks: notebook wall time against the kernel-start floor, kernels of the maths"
	@echo "make lab    JupyterLab on notebooks/ with the project's kernel"

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

run: $(STAMP)
	$(PY) -m footprint run --jobs $(JOBS)

test: $(STAMP)
	$(PY) -m pytest -n $(JOBS) --dist loadgroup

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

lab: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,lab]'
	$(PY) -m ipykernel install --sys-prefix --name footprint --display-name "Python 3 (footprint)"
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

clean:
	rm -rf reports/runs reports/interactive reports/cache reports/latest reports/LATEST reports/bench.json .pytest_cache
	find data/processed -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} +
