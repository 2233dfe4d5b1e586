"""The brief beside the table: partnerships chosen, and notebook 05's headline equal to the package's."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from notebook_helpers import executed_tables

from footprint import city as C
from footprint import forest as F
from footprint import sdgs as S
from footprint.core.errors import ParameterError
from footprint.pipeline import runner

NB = "05_local_sdgs_brief"
SMALL = {"draws": 200, "partnerships": ["hcmc", "forest_regions"]}


def test_select_partnerships():
    parts = S.load_partnerships()
    assert S.select_partnerships(parts, []) is parts
    assert S.select_partnerships(parts, ["hcmc"])["id"].tolist() == ["osaka_city", "hcmc"]
    with pytest.raises(ParameterError, match=r"unknown \['hcmcc'\]"):
        S.select_partnerships(parts, ["hcmcc"])


@pytest.mark.notebook
@pytest.mark.xdist_group("pipeline")
def test_notebook_headline_equals_the_package(tmp_path, nfa):
    tables = executed_tables(NB, SMALL, tmp_path)
    written = json.loads((tables / "brief_headline.json").read_text(encoding="utf-8"))
    table = pd.read_csv(tables / "sdg_indicators.csv")

    p = {**runner.notebook_defaults(runner.find_notebook("05")), **SMALL}
    ci = C.load_inputs(nfa=nfa)
    head = C.headline_results(ci, C.OSAKA, p["year"], p["draws"], p["seed"])
    sc = F.forest_scenario(F.load_inputs(), wood_share=p["wood_share"], supported_area_ha=p["supported_area_ha"])
    expected = S.brief_headline(p["year"], head, C.osaka_origin_table(p["year"], ci, carbon="not_located"), sc, table)
    assert written == json.loads(json.dumps(expected, sort_keys=True, default=str))
