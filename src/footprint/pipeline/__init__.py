"""The pipeline: notebooks in, run folders out. Modules, bottom to top (each imports only those above it):

* ``parameters`` — notebook discovery, defaults (``papermill.inspect_notebook``), validation, overrides;
* ``cache`` — reuse of executions whose inputs have not changed (keys, store, lookup, restore);
* ``execute`` — ``Task``, ``run_one`` (never raises), ``run_tasks`` in processes or on Dask;
* ``scenarios`` — ``Scenario``, ``load_scenario`` (YAML), ``plan`` (validated tasks);
* ``runs`` — run folders, ``reports/latest``, the git commit;
* ``brief`` — the run's figure index, HTML report and figure pack;
* ``run`` — a whole run and its manifest;
* ``cli`` — ``python -m footprint run`` / ``params``;
* ``notebooks`` — the jupytext pairing of ``notebooks/*.ipynb`` with ``notebooks/src/*.py``;
* ``runner`` — the public names above re-exported for scripts and benchmarks.

File and folder names inside a run folder come from :mod:`footprint.core.layout`.
"""

import sys

# papermill imports nbformat, which imports jsonschema, whose optional IRI format checker (rfc3987_syntax) builds 39
# parsers at import time: 1.5-2 s in every runner and worker process (python-jsonschema/jsonschema#1428). nbformat
# never checks that format, so the pipeline's processes tell jsonschema the checker is absent (ImportError, which
# jsonschema handles by not offering the "iri" format). A process that imported it before keeps it.
sys.modules.setdefault("rfc3987_syntax", None)

