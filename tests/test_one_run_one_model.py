"""One run, one model: one definition of every parameter, a value given once reaching every notebook, and
the run's results computed once and read by every notebook."""

from __future__ import annotations

import json

import nbformat
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from notebook_helpers import SMALL_RUN, result_of

from footprint.core.errors import FootprintError, ParameterError
from footprint.core.results import Result
from footprint.pipeline import cli, model, runner

NOTEBOOKS = runner.discover_notebooks()


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_is_the_models(nb):
    """The literal cell (for papermill and JupyterLab) is the model's defaults and docs, name by name."""
    cell = next(c for c in nbformat.read(nb, as_version=4).cells if c.cell_type == "code").source
    names = [line.split(" = ", 1)[0] for line in cell.splitlines() if " = " in line]
    unknown = [n for n in names if n not in model.FIELDS]
    assert not unknown, f"{nb.stem}: parameters not in the model: {unknown}"
    assert cell == model.parameters_cell(names)


def test_footprint_params_shows_the_models_defaults_and_docs(capsys):
    assert cli.main(["params"]) == 0
    out = capsys.readouterr().out
    for nb in NOTEBOOKS:
        for name in runner.notebook_defaults(nb):
            assert f"  {name} = {model.literal(model.DEFAULTS[name])}    # {model.DOCS[name]}" in out


def test_every_parameter_is_documented_and_its_default_is_valid():
    assert all(model.DOCS[k] for k in model.FIELDS)
    params = model.validate({})
    assert params.comparison_draws == min(params.draws, model.COMPARISON_DRAWS_CAP)


def test_wrong_type_and_bounds_say_which_parameter():
    with pytest.raises(ParameterError, match=r"parameter 'year': expected int like 2022, found str '2020'"):
        model.validate({"year": "2020"})
    with pytest.raises(ParameterError, match=r"'wood_share': expected a value between 0 and 1, found 1.5"):
        model.validate({"wood_share": 1.5})


def test_a_scenario_gives_each_value_once(tmp_path):
    sc = runner.Scenario(name="two", notebooks={"03_forest_tax_timber_sinks": {"wood_share": 0.5},
                                                  "05_local_sdgs_brief": {"wood_share": 0.7}})
    with pytest.raises(ParameterError, match=r"'wood_share' given twice with different values"):
        runner.plan(sc, run_dir=tmp_path)


def test_a_value_given_once_reaches_every_notebook_that_declares_it(tmp_path):
    sc = runner.Scenario(name="once", notebooks={"03_forest_tax_timber_sinks": {"wood_share": 0.7},
                                                  "05_local_sdgs_brief": {}, "02_city_footprint": {}})
    tasks = {t.run_label: t for t in runner.plan(sc, overrides={"draws": 300}, run_dir=tmp_path)}
    assert tasks["05_local_sdgs_brief"].parameters["wood_share"] == 0.7
    assert tasks["02_city_footprint"].parameters["draws"] == tasks["05_local_sdgs_brief"].parameters["draws"] == 300
    assert all(t.model["wood_share"] == 0.7 for t in tasks.values())  # the run's results use it too


def test_a_value_only_the_results_use_is_checked_and_reaches_them(tmp_path):
    """`payers_persons` is not in the brief's cell, but the forest result the brief reads depends on it."""
    tasks = runner.plan(notebooks=["05"], overrides={"payers_persons": 1e6}, run_dir=tmp_path)
    assert tasks[0].model["payers_persons"] == 1e6 and "payers_persons" not in tasks[0].parameters
    with pytest.raises(ParameterError, match="payers_persons"):
        runner.plan(notebooks=["05"], overrides={"payers_persons": -1.0}, run_dir=tmp_path)


@given(st.dictionaries(st.sampled_from(["a", "b", "c"]), st.floats(allow_nan=False, allow_infinity=False), max_size=3),
       st.lists(st.text(max_size=5), max_size=4))
def test_a_result_reads_back_as_written(values, names):
    df = pd.DataFrame({"name": names, "ef_gha": np.arange(len(names), dtype=float), "status": "estimated"})
    r = Result("t", {"draws": 3, "years": (2019, 2020)}, {"x": df}, {"v": values, "pair": (1, 2)})
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        back = Result.load(r.save(f"{d}/t"))
    assert back.parameters == r.parameters == {"draws": 3, "years": [2019, 2020]}
    assert back.values == r.values
    pd.testing.assert_frame_equal(back["x"], df, check_dtype=False)
    assert r.units() == {"x": ["ef_gha"]} and r.statuses() == {"x": ["estimated"] if names else []}


def test_a_missing_result_is_one_clear_line(tmp_path):
    with pytest.raises(FootprintError, match=r"expected a computed result \(result.json\), found none"):
        Result.load(tmp_path / "nothing")


@pytest.mark.notebook
@pytest.mark.xdist_group("pipeline")
def test_a_notebook_refuses_a_result_computed_with_other_values(shared_run):
    folders = json.loads(shared_run.manifest.read_text(encoding="utf-8"))["notebooks"]
    brief = next(r for r in folders if r["notebook"] == "05_local_sdgs_brief")
    results = {k: str(shared_run.run_dir / "results" / v.rsplit("/", 1)[-1]) for k, v in brief["parameters"]["results"].items()}
    with pytest.raises(FootprintError, match=r"'wood_share' is 0.9 but the run's forest result was computed with 0.5"):
        model.notebook_results("05_local_sdgs_brief", {"results": results, "wood_share": 0.9})


@pytest.mark.notebook
@pytest.mark.xdist_group("pipeline")
def test_a_user_clum_and_wood_share_given_once_reach_the_brief(shared_run, tmp_path):
    """The issue's case: the shipped national CLUM with 10 % more carbon and another wood share, given once.
    Notebook 02 and the brief quote the same footprint and interval, notebook 03 and the brief the same wood
    stock, and both differ from the shared run's (the shipped CLUM, wood share 0.5)."""
    clum = result_of(shared_run, "osaka")["clum_national"].reset_index()
    clum["carbon"] *= 1.1
    clum[["clum_row", "cropland", "grazing_land", "forest_products", "fishing_grounds", "built_up_land", "carbon",
          "source", "status"]].assign(source="test: estimated CLUM with 10 % more carbon", status="illustrative") \
        .to_csv(tmp_path / "my_clum.csv", index=False)
    nbs = ["02_city_footprint", "03_forest_tax_timber_sinks", "05_local_sdgs_brief"]
    names = set().union(*(runner.notebook_defaults(runner.find_notebook(n)) for n in nbs)) | model.result_parameters(nbs)
    values = {k: v for k, v in SMALL_RUN.items() if k in names}
    res = runner.run(notebooks=nbs, overrides={**values, "clum_file": str(tmp_path / "my_clum.csv"), "wood_share": 0.7},
                     reports=shared_run.run_dir.parent.parent, latest=False, jobs=2)
    assert res.ok, res.failed

    def read(run, nb, name):
        r = next(x for x in run.results if x["notebook"] == nb)
        return json.loads((run.run_dir / r["label"] / "tables" / f"{name}.json").read_text(encoding="utf-8"))

    city, brief = read(res, nbs[0], "headline"), read(res, nbs[2], "brief_headline")
    ef = city["ef_gha_per_cap"]
    assert brief["osaka_ef_gha_per_cap"] == [round(ef["central"], 3), round(ef["p05"], 3), round(ef["p95"], 3)]
    base = read(shared_run, nbs[2], "brief_headline")["osaka_ef_gha_per_cap"]
    assert brief["osaka_ef_gha_per_cap"][0] > base[0] * 1.03  # carbon is about three quarters of the footprint
    forest = read(res, nbs[1], "headline")
    table = pd.read_csv(res.run_dir / nbs[2] / "tables" / "sdg_indicators.csv")
    wood = table.loc[table["indicator"] == "wood_carbon_stock", "value"].astype(float)
    assert len(wood) == 1 and wood.iloc[0] == pytest.approx(list(forest["wood_stock_co2_t"].values())[0], rel=1e-3)
    assert forest["wood_stock_co2_t"] != read(shared_run, nbs[1], "headline")["wood_stock_co2_t"]
