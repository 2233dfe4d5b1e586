"""Every notebook: committed clean, paired with its py:percent source by jupytext, its parameters cell literal.

Execution is tested once, in the suite's shared run (``tests/test_e2e_run.py``)."""

from __future__ import annotations

import ast
import json
import subprocess
from pathlib import Path

import jupytext
import jupytext.config
from jupytext.paired_paths import paired_paths
import nbformat
import pytest

from footprint.pipeline import notebooks as nbtools
from footprint.pipeline import runner
from footprint.core import paths

NOTEBOOKS = runner.discover_notebooks()

def test_every_source_has_its_notebook_and_back():
    srcs = {p.stem for p in nbtools.sources()}
    assert srcs == {p.stem for p in NOTEBOOKS}
    assert len(NOTEBOOKS) >= 1


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_matches_its_source(nb):
    """Same cells (type, source, tags) as the paired py:percent source; outputs and ids do not count."""
    src = paths.NOTEBOOKS / "src" / f"{nb.stem}.py"
    assert nbtools.cells(nbformat.read(nb, as_version=4)) == nbtools.cells(nbtools.read_source(src)), (
        f"{nb.name} differs from notebooks/src/{src.name}: run `make notebooks` "
        "(python -m footprint.pipeline.notebooks)"
    )


def _committed(nb) -> str:
    """The notebook as git stores it (the index, i.e. what the next commit holds); the file outside git."""
    rel = nb.relative_to(paths.ROOT).as_posix()
    try:
        return subprocess.run(["git", "show", f":{rel}"], cwd=paths.ROOT, capture_output=True, text=True,
                              check=True, encoding="utf-8").stdout
    except (OSError, subprocess.CalledProcessError):
        return nb.read_text(encoding="utf-8")


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_and_with_the_project_kernel(nb):
    """What git holds has no outputs (JupyterLab may save outputs into the working copy: the clean
    filter keeps them out of the index; without the filter, this test stops the commit in CI)."""
    doc = json.loads(_committed(nb))
    assert doc["metadata"]["kernelspec"]["name"] == "footprint"  # installed into .venv by the make set-up
    for cell in doc["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("src", nbtools.sources(), ids=lambda p: p.stem)
def test_jupytext_round_trip_keeps_cells_and_the_parameters_tag(src, tmp_path):
    """py -> ipynb -> py through jupytext with the project's filters gives the same cells, tags included."""
    config = paths.NOTEBOOKS / "jupytext.toml"
    nb = nbtools.read_source(src)
    text = jupytext.writes(nb, fmt="py:percent", config=jupytext.config.load_jupytext_configuration_file(str(config)))
    back = jupytext.reads(text, fmt="py:percent")
    assert nbtools.cells(back) == nbtools.cells(nb)
    code = [c for c in back.cells if c.cell_type == "code"]
    assert code[0].metadata.get("tags") == ["parameters"]
    assert '# %% tags=["parameters"]' in text and "jupyter:" not in text  # no metadata header in the .py


def test_clean_filter_strips_what_jupyterlab_saves():
    """A notebook saved with outputs, counts, run metadata and another kernel name is stored canonical."""
    src = nbtools.sources()[0]
    nb = nbformat.read(nbtools.notebook_of(src), as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", []))
    code.outputs = [nbformat.v4.new_output("stream", text="hello")]
    code.execution_count = 7
    code.metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    code["id"] = "a-random-id"
    nb.metadata["kernelspec"]["name"] = "python3"  # saved by a Lab that ran another kernel
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.9"}
    cleaned = nbtools.clean(nbformat.writes(nb), src.stem)
    assert cleaned == nbtools.render(src)
    assert nbtools.clean(cleaned, src.stem) == cleaned  # idempotent


def test_notebooks_are_paired_by_the_jupytext_config():
    config = jupytext.config.load_jupytext_configuration_file(str(paths.NOTEBOOKS / "jupytext.toml"))
    for src in nbtools.sources():
        nb = nbtools.notebook_of(src)
        pairs = paired_paths(str(nb), "ipynb", config.default_formats(str(nb)))
        assert {Path(p) for p, _ in pairs} == {nb, src}
    attrs = (paths.ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert "notebooks/*.ipynb filter=footprint-notebook" in attrs
    assert "filter.footprint-notebook.clean" in (paths.ROOT / "Makefile").read_text(encoding="utf-8")


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_is_first_code_cell_and_literal(nb):
    doc = nbformat.read(nb, as_version=4)
    code = [c for c in doc.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    tree = ast.parse(code[0].source)
    for stmt in tree.body:
        assert isinstance(stmt, ast.Assign), f"{nb.stem}: only assignments in the parameters cell"
        ast.literal_eval(stmt.value)  # raises if a default is not a literal
    defaults = runner.notebook_defaults(nb)
    assert {"lang", "output_dir"} <= set(defaults), "every notebook takes lang and output_dir"
