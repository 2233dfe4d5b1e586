"""End to end: the suite's one shared run of every notebook (``shared_run`` in ``conftest.py``).

Put a test here when it needs executed notebooks: it reads the shared run's folder instead of executing
notebooks again. Each check compares what a notebook wrote with the run's stored results and with the
topic compute functions the notebooks call (nothing here re-implements a notebook).
"""

from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest

from notebook_helpers import SMALL_RUN, result_of, shared_scenario

from footprint import accounts as A
from footprint import flows as FL
from footprint.core import paths
from footprint.pipeline import model, runner

pytestmark = [pytest.mark.notebook, pytest.mark.xdist_group("pipeline")]
NOTEBOOKS = runner.discover_notebooks()


def _tables(run, nb):
    r = next(x for x in run.results if x["notebook"] == nb)
    return run.run_dir / r["label"] / "tables"


def _json(run, nb, name):
    return json.loads((_tables(run, nb) / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes_through_the_runner(shared_run, nb):
    res = next(r for r in shared_run.results if r["notebook"] == nb.stem)
    assert res["status"] == "ok", res["error"]
    folder = shared_run.run_dir / res["label"]
    figs = sorted((folder / "figures").glob("*.png"))
    assert figs, f"{nb.stem} exported no figure"
    for png in figs:
        for ext in ("svg", "pdf", "json"):
            assert png.with_suffix(f".{ext}").exists()
    assert list((folder / "tables").glob("*.csv")), f"{nb.stem} wrote no table"
    executed = nbformat.read(shared_run.run_dir / res["executed_notebook"], as_version=4)
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors


def test_pipeline_manifest_index_and_brief(shared_run):
    manifest = json.loads(shared_run.manifest.read_text(encoding="utf-8"))
    assert manifest["status"] == "complete" and len(manifest["notebooks"]) == len(NOTEBOOKS)
    assert manifest["inputs"] and manifest["package"]["version"]
    n_figs = len(list(shared_run.run_dir.glob("*/figures/*.png")))
    index = (shared_run.run_dir / "index.md").read_text(encoding="utf-8")
    assert index.count("- **Cite as:**") == n_figs >= 3 * len(NOTEBOOKS)
    brief = shared_run.run_dir / "05_local_sdgs_brief"
    assert (brief / "05_local_sdgs_brief.html").stat().st_size > 10_000
    assert (brief / "figure_pack.zip").exists() and (brief / "index.md").exists()
    assert (shared_run.run_dir.parent.parent / "latest").resolve() == shared_run.run_dir.resolve()


def test_the_model_is_computed_once_and_every_notebook_reads_it(shared_run):
    """One compute task, three stored results (Osaka's city model, forest, flows); no notebook computes them."""
    manifest = json.loads(shared_run.manifest.read_text(encoding="utf-8"))
    assert len(manifest["model"]) == 1
    topics = sorted(info["topic"] for info in manifest["model"][0]["results"].values())
    assert topics == ["flows", "forest", "osaka"]
    assert manifest["model"][0]["parameters"]["derived"] == {"comparison_draws": 200, "series_draws": 200, "ledger_draws": 200}
    folders = {}
    for r in manifest["notebooks"]:
        folders[r["notebook"]] = r["parameters"].get("results", {})
    assert folders["05_local_sdgs_brief"]["osaka"] == folders["03_forest_tax_timber_sinks"]["osaka"] \
        == folders["02_city_footprint"]["city"]
    assert folders["05_local_sdgs_brief"]["flows"] == folders["04_interregional_flows"]["flows"]


def test_one_footprint_per_run_in_notebook_02_and_the_brief(shared_run):
    city = _json(shared_run, "02_city_footprint", "headline")
    brief = _json(shared_run, "05_local_sdgs_brief", "brief_headline")
    ef = city["ef_gha_per_cap"]
    assert brief["osaka_ef_gha_per_cap"] == [round(ef["central"], 3), round(ef["p05"], 3), round(ef["p95"], 3)]
    assert city["draws"] == SMALL_RUN["draws"]


def test_written_tables_are_the_stored_results_and_the_compute_functions(shared_run):
    """What notebooks 02, 03 and 04 wrote is the run's stored result, which is what the topic compute
    functions give for the run's values (the same code, called again here)."""
    osaka, forest, flows = (result_of(shared_run, t) for t in ("osaka", "forest", "flows"))
    assert _json(shared_run, "02_city_footprint", "headline") == osaka.value("headline_json")
    assert _json(shared_run, "03_forest_tax_timber_sinks", "headline") == forest.value("headline_json")
    written = pd.read_csv(_tables(shared_run, "04_interregional_flows") / "partnership_ledger.csv")
    assert len(written) == len(flows["ledger"])
    assert {"partner", "direction", "currency", "value", "p05", "p95", "status", "source"} <= set(written.columns)
    assert (written.loc[~written["available"], "status"] == FL.NOT_AVAILABLE).all()
    params = model.validate({k: v for k, v in SMALL_RUN.items() if k in model.FIELDS})
    again = model.compute("forest", params, {"osaka": osaka})
    assert again.values == forest.values
    for name, df in forest.tables.items():
        pd.testing.assert_frame_equal(df, again[name], check_dtype=False, check_index_type=False,
                                      check_column_type=False)


def test_sidecars_record_the_models_values(shared_run):
    params = model.validate({k: v for k, v in SMALL_RUN.items() if k in model.FIELDS})
    for sidecar in shared_run.run_dir.glob("*/figures/*.json"):
        rec = json.loads(sidecar.read_text(encoding="utf-8"))
        got = rec["parameters"]
        for name, value in got.items():
            if name == "derived":
                assert value == params.derived(), sidecar
            else:
                assert value == getattr(params, name), (sidecar.name, name)
        nb = sidecar.parent.parent.name
        declared = set(runner.notebook_defaults(runner.find_notebook(nb))) - set(model.RUNNER_ONLY)
        assert set(got) - {"derived"} == declared, sidecar


def _files(folder, parts=("figures", "tables")):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for part in parts for p in sorted((folder / part).rglob("*")) if p.is_file()}


def test_unchanged_rerun_reuses_every_notebook_and_reproduces_the_pack(shared_run):
    reports = shared_run.run_dir.parent.parent
    warm = runner.run(shared_scenario(), jobs=2, reports=reports, publish=True)
    assert warm.ok and all(r["cache"]["reused"] for r in warm.results)
    manifest = json.loads(warm.manifest.read_text(encoding="utf-8"))
    assert all(info["reused"] for m in manifest["model"] for info in m["results"].values())
    for r in shared_run.results:
        assert _files(warm.run_dir / r["label"]) == _files(shared_run.run_dir / r["label"])
    # a reused run publishes every table of the run, as an executed one would
    prov = json.loads((paths.PROCESSED / "provenance.json").read_text(encoding="utf-8"))
    tables = {f"{r['notebook']}/{p.name}" for r in warm.results for p in (warm.run_dir / r["label"] / "tables").iterdir()}
    assert prov["run"] == warm.run_dir.name and set(prov["files"]) == tables
    # the reader's files are the same bytes: the figure pack, the notebook pages, and the brief and index
    # pages apart from their header or colophon (which name the run)
    nb = "05_local_sdgs_brief"
    assert (warm.run_dir / nb / "figure_pack.zip").read_bytes() == (shared_run.run_dir / nb / "figure_pack.zip").read_bytes()
    strip = lambda s: re.sub(r'<header>.*?</header>|<section id="colophon">.*?</section>', "",  # noqa: E731
                             re.sub(r"<title>.*?</title>", "", s), flags=re.S)
    for page in (f"{nb}/{nb}.html", "index.html"):
        assert strip((warm.run_dir / page).read_text(encoding="utf-8")) == strip((shared_run.run_dir / page).read_text(encoding="utf-8"))
    for page in shared_run.run_dir.glob("*/*.notebook.html"):
        assert (warm.run_dir / page.relative_to(shared_run.run_dir)).read_bytes() == page.read_bytes(), page.name


def test_executing_again_reproduces_the_reused_outputs(shared_run):
    """The cache key is complete only if an execution with the same key gives the same files: notebooks 01
    (no results) and 03 (reads the run's results, themselves computed again) executed once more."""
    reports = shared_run.run_dir.parent.parent
    nbs = ["01_national_accounts", "03_forest_tax_timber_sinks"]
    names = set().union(*(runner.notebook_defaults(runner.find_notebook(n)) for n in nbs)) | model.result_parameters(nbs)
    again = runner.run(notebooks=nbs, overrides={k: v for k, v in SMALL_RUN.items() if k in names}, reports=reports,
                       reuse=False, latest=False)
    assert again.ok
    for r in again.results:
        assert r["cache"]["reused"] is False
        first = next(x for x in shared_run.results if x["notebook"] == r["notebook"])
        assert r["cache"]["key"] == first["cache"]["key"]
        assert _files(again.run_dir / r["label"]) == _files(shared_run.run_dir / first["label"])


def test_national_headline_is_the_package_call(shared_run, nfa):
    """headline.json of notebook 01 is `A.headline` called with the run's values."""
    nb = "01_national_accounts"
    params = {**runner.notebook_defaults(runner.find_notebook(nb)), **{k: SMALL_RUN[k] for k in ("years",)}}
    got = _json(shared_run, nb, "headline")
    want = json.loads(json.dumps(A.headline(nfa, params["countries"], params["years"]), default=str))
    assert got == want
