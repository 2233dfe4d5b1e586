# The project's front door. `make run` executes every notebook; `make test` runs the test suite.
# Both create .venv on first use and install the package with its pinned-by-range dependencies
# from pyproject.toml (the single source of dependencies).

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.footprint-installed
JOBS   ?= 2
KERNEL := footprint
# options for `make lab`, e.g. LAB_ARGS="--port=8899 --no-browser --ip=127.0.0.1 --IdentityProvider.token=secret"
LAB_ARGS ?=

.PHONY: run test bench lab notebooks git-setup clean help

help:
	@echo "make run    execute every notebook with papermill -> reports/<run>/ (figures, tables, manifest)"
	@echo "make test   run the whole test suite (executes every notebook with small parameters)"
	@echo "make bench  benchmarks: notebook wall time against the kernel-start floor, kernels of the maths"
	@echo "make lab    JupyterLab on notebooks/ with the project's kernel (notebooks paired with notebooks/src/*.py);"
	@echo "            options in LAB_ARGS, e.g. make lab LAB_ARGS=\"--port=8899 --no-browser --ip=127.0.0.1\""
	@echo "make notebooks  rebuild notebooks/*.ipynb from notebooks/src/*.py (jupytext)"

# Committed notebooks carry no outputs: .gitattributes sends notebooks/*.ipynb through this clean
# filter, which stores the canonical form (no outputs, see footprint.pipeline.notebooks). Every
# target sets it (idempotent, local to this clone), so a fresh clone needs no manual step.
git-setup:
	@git rev-parse --git-dir >/dev/null 2>&1 && \
	  git config filter.footprint-notebook.clean '$(PY) -m footprint.pipeline.notebooks --clean %f' || true

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python 3 (footprint)" >/dev/null
	@touch $@

run: $(STAMP) git-setup
	$(PY) -m footprint run --jobs $(JOBS)

test: $(STAMP) git-setup
	$(PY) -m pytest -n $(JOBS) --dist loadgroup

bench: $(STAMP) git-setup
	$(PY) benchmarks/run_all.py

notebooks: $(STAMP) git-setup
	$(PY) -m footprint.pipeline.notebooks

lab: $(STAMP) git-setup
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

clean:
	rm -rf reports/runs reports/interactive reports/cache reports/latest reports/LATEST reports/bench.json .pytest_cache
	find data/processed -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} +
