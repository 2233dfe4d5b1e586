"""Every notebook: committed clean, paired with its py:percent source by jupytext, and executed by papermill."""

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

from footprint import accounts as A
from footprint.pipeline import notebooks as nbtools
from footprint.pipeline import runner
from footprint.core import paths

NOTEBOOKS = runner.discover_notebooks()

#: small parameters so that the suite stays fast; every other parameter keeps its default
SMALL: dict[str, dict] = {
    "01_national_accounts": {"years": [2018, 2022], "lang": "ja"},
    "02_city_footprint": {"draws": 200, "lang": "ja"},
    "03_forest_tax_timber_sinks": {"fiscal_years": [2023, 2024], "purchase_years": [2023, 2030], "horizon_year": 2035, "lang": "ja"},
    "05_local_sdgs_brief": {"draws": 200, "partnerships": ["hcmc", "forest_regions"]},
    "04_interregional_flows": {"year": 2023, "partners": ["hcmc", "quezon_city", "greater_manchester"], "city_layer": False, "lang": "ja"},
}


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


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    """Every notebook through the runner, as a scenario with small parameters (one run, two processes)."""
    reports = tmp_path_factory.mktemp("reports")
    scenario = runner.Scenario(name="small", notebooks=SMALL)
    return runner.run(scenario, jobs=2, reports=reports)


def test_small_parameters_cover_every_notebook():
    assert set(SMALL) == {nb.stem for nb in NOTEBOOKS}


@pytest.mark.notebook
@pytest.mark.xdist_group("pipeline")
@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes_through_the_runner(small_run, nb):
    res = next(r for r in small_run.results if r["notebook"] == nb.stem)
    assert res["status"] == "ok", res["error"]
    folder = small_run.run_dir / res["label"]
    figs = sorted((folder / "figures").glob("*.png"))
    assert figs, f"{nb.stem} exported no figure"
    for png in figs:
        for ext in ("svg", "pdf", "json"):
            assert png.with_suffix(f".{ext}").exists()
    assert list((folder / "tables").glob("*.csv")), f"{nb.stem} wrote no table"
    executed = nbformat.read(small_run.run_dir / res["executed_notebook"], as_version=4)
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors


@pytest.mark.notebook
@pytest.mark.xdist_group("pipeline")
def test_pipeline_manifest_index_and_brief(small_run):
    manifest = json.loads(small_run.manifest.read_text(encoding="utf-8"))
    assert manifest["status"] == "complete" and len(manifest["notebooks"]) == len(NOTEBOOKS)
    assert manifest["inputs"] and manifest["package"]["version"]
    n_figs = len(list(small_run.run_dir.glob("*/figures/*.png")))
    index = (small_run.run_dir / "index.md").read_text(encoding="utf-8")
    assert index.count("- **Cite as:**") == n_figs >= 3 * len(NOTEBOOKS)
    brief = small_run.run_dir / "05_local_sdgs_brief"
    assert (brief / "05_local_sdgs_brief.html").stat().st_size > 10_000
    assert (brief / "figure_pack.zip").exists() and (brief / "index.md").exists()
    assert (small_run.run_dir.parent.parent / "latest").resolve() == small_run.run_dir.resolve()


def _files(folder, parts=("figures", "tables")):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for part in parts for p in sorted((folder / part).rglob("*")) if p.is_file()}


@pytest.mark.notebook
@pytest.mark.xdist_group("pipeline")
def test_unchanged_rerun_reuses_every_notebook_and_reproduces_the_pack(small_run):
    reports = small_run.run_dir.parent.parent
    scenario = runner.Scenario(name="small", notebooks=SMALL)
    warm = runner.run(scenario, jobs=2, reports=reports)
    assert warm.ok and all(r["cache"]["reused"] for r in warm.results)
    for r in small_run.results:
        assert _files(warm.run_dir / r["label"]) == _files(small_run.run_dir / r["label"])
    # a reused run publishes every table of the run, as an executed one would
    prov = json.loads((paths.PROCESSED / "provenance.json").read_text(encoding="utf-8"))
    tables = {f"{r['notebook']}/{p.name}" for r in warm.results for p in (warm.run_dir / r["label"] / "tables").iterdir()}
    assert prov["run"] == warm.run_dir.name and set(prov["files"]) == tables
    brief = warm.run_dir / "05_local_sdgs_brief"
    assert (brief / "figure_pack.zip").read_bytes() == (small_run.run_dir / "05_local_sdgs_brief" / "figure_pack.zip").read_bytes()
    assert (warm.run_dir / "index.md").exists()


@pytest.mark.notebook
@pytest.mark.xdist_group("pipeline")
def test_executing_again_reproduces_the_reused_outputs(small_run):
    """The cache key is complete only if an execution with the same key gives the same files."""
    reports = small_run.run_dir.parent.parent
    nb = "01_national_accounts"
    scenario = runner.Scenario(name="again", notebooks={nb: SMALL[nb]}, publish=False)
    again = runner.run(scenario, reports=reports, reuse=False, latest=False)
    assert again.ok and again.results[0]["cache"]["reused"] is False
    assert again.results[0]["cache"]["key"] == next(r for r in small_run.results if r["notebook"] == nb)["cache"]["key"]
    assert _files(again.run_dir / nb) == _files(small_run.run_dir / nb)


@pytest.mark.notebook
@pytest.mark.xdist_group("pipeline")
def test_national_headline_is_the_package_call(small_run, nfa):
    """headline.json of notebook 01 is `A.headline` called with the notebook's parameters."""
    nb = "01_national_accounts"
    params = {**runner.notebook_defaults(runner.find_notebook(nb)), **SMALL[nb]}
    got = json.loads((small_run.run_dir / nb / "tables" / "headline.json").read_text(encoding="utf-8"))
    want = json.loads(json.dumps(A.headline(nfa, params["countries"], params["years"]), default=str))
    assert got == want
