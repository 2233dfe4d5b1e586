"""Sweeps without kernels: a topic's headline over a grid, streamed to one table, failed points recorded."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from footprint import city as C
from footprint.core.errors import ParameterError
from footprint.pipeline import cli, model
from footprint.pipeline.scenarios import Scenario
from footprint.pipeline.sweep import ESTIMATE_AFTER, cost_line, previous_cost, sweep

GRID = {"city": ["Osaka", "相模原市"], "year": [2013, 2022]}  # 2013: 相模原市's first year (C.city_years)


def _scenario(grid=GRID, **defaults):
    return Scenario(name="t", defaults={"draws": 50, **defaults}, sweep={"02_city_footprint": grid})


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    return sweep(_scenario(), jobs=2, reports=tmp_path_factory.mktemp("sweep"))


def test_one_row_per_point_with_its_parameters_and_intervals(local):
    df = pd.read_parquet(local / "results.parquet")
    assert len(df) == 4 and sorted(df["point"]) == [1, 2, 3, 4]
    csv = pd.read_csv(local / "results.csv", encoding="utf-8-sig")
    assert list(csv.columns) == list(df.columns) and len(csv) == 4
    ok = df[df["status"] == "ok"]
    assert {"ef_gha_per_cap_central", "ef_gha_per_cap_p05", "ef_gha_per_cap_p95",
            "ef_gha_per_cap_p05_parametric"} <= set(df.columns)
    assert (ok["ef_gha_per_cap_p05"] <= ok["ef_gha_per_cap_central"]).all()
    # the same number as the city model computes for that point (the compute function, not a copy of it)
    row = ok[(ok["param_city"] == "Osaka") & (ok["param_year"] == 2022)].iloc[0]
    head = C.headline_results(C.default_inputs(), "Osaka", 2022, 50, model.DEFAULTS["seed"]).set_index("indicator")
    assert row["ef_gha_per_cap_central"] == pytest.approx(head.loc["ef_gha_per_cap", "central"])


def test_a_failed_point_is_recorded_and_the_others_go_on(tmp_path, monkeypatch):
    """A fault in one point (here injected: every documented value is checked before a sweep starts) is that
    point's row, with its error; the other points are computed."""
    from footprint.pipeline import sweep as sweep_module

    real = C.headline_results

    def faulty(inputs, city, year, *args, **kwargs):
        if city == "相模原市" and year == 2013:
            raise MemoryError("injected fault in one point")
        return real(inputs, city, year, *args, **kwargs)

    monkeypatch.setattr(sweep_module.C, "headline_results", faulty)
    folder = sweep(_scenario(), jobs=1, reports=tmp_path)
    df = pd.read_parquet(folder / "results.parquet")
    failed = df[df["status"] == "failed"]
    assert len(failed) == 1 and failed["param_city"].iloc[0] == "相模原市" and failed["param_year"].iloc[0] == 2013
    assert "injected fault" in failed["error"].iloc[0]
    assert (df.loc[df["status"] == "ok", "ef_gha_per_cap_central"] > 0).all() and (df["status"] == "ok").sum() == 3
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["points"] == 4 and manifest["failed"] == 1 and manifest["topic"] == "city"
    assert (folder / "figures" / "sweep_summary.png").exists() and (folder / "figures" / "sweep_summary.pdf").exists()


def test_a_sweep_larger_than_the_limit_is_refused_before_it_starts(tmp_path):
    with pytest.raises(ParameterError, match=r"at most 3 points, found 4 .*--max-points 4"):
        sweep(_scenario(), max_points=3, reports=tmp_path)
    assert not (tmp_path / "sweeps").exists()


def test_a_bad_point_is_refused_before_it_starts(tmp_path):
    with pytest.raises(ParameterError, match=r"point 2 .*'year'.*1990"):
        sweep(_scenario({"year": [2022, 1990]}), reports=tmp_path)
    with pytest.raises(ParameterError, match=r"'wood_share': expected one of the swept results' parameters"):
        sweep(_scenario({"year": [2022]}, wood_share=0.3), reports=tmp_path)


def test_the_command_line(tmp_path, capsys):
    f = tmp_path / "s.yml"
    f.write_text("name: s\ndefaults: {draws: 20}\nsweep:\n  02_city_footprint: {seed: [1, 2]}\n", encoding="utf-8")
    assert cli.main(["sweep", str(f), "--reports", str(tmp_path / "r")]) == 0
    assert "2 points" in capsys.readouterr().out
    assert cli.main(["sweep", str(f), "--max-points", "1", "--reports", str(tmp_path / "r")]) == 2


@pytest.mark.xdist_group("dask")
def test_the_same_sweep_on_a_dask_cluster(local, tmp_path):
    pytest.importorskip("distributed")
    on_dask = sweep(_scenario(), engine="dask", jobs=2, reports=tmp_path)
    a = pd.read_parquet(local / "results.parquet").sort_values("point").drop(columns="duration_s")
    b = pd.read_parquet(on_dask / "results.parquet").sort_values("point").drop(columns="duration_s")
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def test_a_sweep_says_what_it_will_cost(tmp_path):
    """Measured after the first points, and before the next sweep of the same topic starts, from this one."""
    lines: list[str] = []
    seeds = {"seed": list(range(1, ESTIMATE_AFTER + 3))}
    first = sweep(_scenario(seeds, draws=20), jobs=1, reports=tmp_path, notice=lines.append)
    assert len(lines) == 1 and lines[0].startswith("2 points: about ")
    assert f"measured on the first {ESTIMATE_AFTER}" in lines[0] and "MB of results" in lines[0]
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    per_point, size = previous_cost(tmp_path, "city")
    assert per_point == pytest.approx(manifest["duration_s"] / manifest["points"])
    assert size == pytest.approx(sum((first / f).stat().st_size for f in ("results.csv", "results.parquet")) / 10)
    lines.clear()
    sweep(_scenario({"seed": [1, 2]}, draws=20), jobs=1, reports=tmp_path, notice=lines.append)
    assert lines == [cost_line(2, 1, per_point, size, "estimated from the latest sweep of the same topic")]
    assert previous_cost(tmp_path, "forest") is None
