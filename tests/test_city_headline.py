"""Notebook 02's headline.json is exactly what the package computes with the same parameters."""

from __future__ import annotations

import json

import pytest

from notebook_helpers import executed_tables

from footprint import city as C
from footprint.pipeline import runner

PARAMS = {"draws": 200, "lang": "ja"}


def test_headline_summary_of_the_package(nfa):
    inputs = C.load_inputs(nfa=nfa)
    h = C.headline(inputs, "Osaka", 2022, 200, 2026)
    assert h["city"] == C.OSAKA and h["draws"] == 200 and h["clum"] == "estimated (RAS)"
    ef = h["ef_gha_per_cap"]
    assert ef["p05"] <= ef["median"] <= ef["p95"]
    assert h["overshoot_date"]["p05"] <= h["overshoot_date"]["central"] <= h["overshoot_date"]["p95"]


@pytest.mark.notebook
@pytest.mark.xdist_group("pipeline")
def test_notebook_headline_json_equals_the_package_call(tmp_path, nfa):
    tables = executed_tables("02_city_footprint", PARAMS, tmp_path)
    written = json.loads((tables / "headline.json").read_text(encoding="utf-8"))
    defaults = runner.notebook_defaults(runner.find_notebook("02_city_footprint"))
    inputs = C.load_inputs(nfa=nfa)
    expected = C.headline(inputs, defaults["city"], defaults["year"], PARAMS["draws"], defaults["seed"],
                          defaults["clum_file"])
    assert written == json.loads(json.dumps(expected, default=str))
