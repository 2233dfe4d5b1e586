"""The flows notebook writes what the package computes: its headline.json equals a direct call."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from notebook_helpers import executed_tables

from footprint import accounts as A
from footprint import flows as FL
from footprint import forest as F

NOTEBOOK = "04_interregional_flows"
PARAMS = {"year": 2023, "partners": ["hcmc", "quezon_city", "greater_manchester"], "city_layer": False,
          "forest_layer": True, "lang": "ja", "draws": 200, "currency": "amount_jpy"}


@pytest.mark.notebook
def test_headline_equals_the_package_call(tmp_path):
    tables = executed_tables(NOTEBOOK, PARAMS, tmp_path)
    written = json.loads((tables / "headline.json").read_text(encoding="utf-8"))
    ledger = pd.read_csv(tables / "partnership_ledger.csv")
    assert {"partner", "direction", "currency", "value", "p05", "p95", "status", "source"} <= set(ledger.columns)
    assert (ledger.loc[~ledger["available"], "status"] == FL.NOT_AVAILABLE).all()

    year = PARAMS["year"]
    seed = FL.load_seed()
    fund = F.osaka_fund_flows(range(2019, year + 1), F.load_inputs())
    flows, _ = FL.with_model_layers(seed.flows, seed.nodes, seed.units, fund=fund)
    fy, eqf, y_w = FL.nfa_forest_factors(A.load_nfa(), year)
    factors = FL.conversion_table(seed.units, seed.parameters, seed.carbon_uptake, eqf_forest=eqf, world_yield_m3_per_ha=y_w, year=fy)
    analysis = FL.analyse_flows(flows, seed.nodes, factors, year=year, layers=list(FL.LAYERS), partners=PARAMS["partners"])
    assert written == FL.headline(year, analysis.converted, analysis.bonds, analysis.cycles)
