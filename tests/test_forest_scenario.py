"""The forest scenario written once: its tables, and notebook 03's headline equal to the package's."""

from __future__ import annotations

import json

import pytest

from notebook_helpers import executed_tables

from footprint import city as C
from footprint import forest as F
from footprint.core.errors import ParameterError
from footprint.pipeline import runner

NB = "03_forest_tax_timber_sinks"
SMALL = {"fiscal_years": [2023, 2024], "purchase_years": [2023, 2030], "horizon_year": 2035, "lang": "ja"}


@pytest.fixture(scope="module")
def inputs():
    return F.load_inputs()


def _package_headline(inputs, params: dict) -> dict:
    p = {**runner.notebook_defaults(runner.find_notebook("03")), **params}
    workers, planted = F.load_supplied_indicators(p["forestry_workers_file"], p["planted_forest_file"],
                                                  inputs.municipalities)
    sc = F.forest_scenario(
        inputs, fiscal_years=p["fiscal_years"], census_2020_from_fy=p["census_2020_from_fy"],
        payers_persons=p["payers_persons"], forestry_workers=workers, planted_forest=planted,
        destination_fy=p["destination_fy"], wood_share=p["wood_share"], purchase_years=p["purchase_years"],
        horizon_year=p["horizon_year"], partner_codes=p["partner_codes"], supported_area_ha=p["supported_area_ha"],
        stand_mix=p["stand_mix"],
    )
    emissions = F.osaka_emissions(inputs.municipalities, inputs.constants, p["emissions_co2_t"])
    cf = F.carbon_footprint_from_city(C.osaka_carbon_footprint(p["footprint_year"]))
    return json.loads(json.dumps(F.headline(sc, emissions, cf), sort_keys=True, default=str))


def test_scenario_tables_are_consistent(inputs):
    sc = F.forest_scenario(inputs)
    assert sc.flows["fiscal_year"].tolist() == list(range(2019, 2026))
    assert set(sc.destinations["fiscal_year"]) == {2024, 2025}
    assert sc.destinations_in()["fiscal_year"].eq(2024).all()
    assert sc.stock_end_co2_t == pytest.approx(12868.9, abs=0.05)
    assert sc.sink_total_co2_t == pytest.approx(1964.1, abs=0.05)
    assert 0 < sc.levy_back_home_jpy() < sc.destinations_in()["amount_jpy"].sum()
    assert set(F.scenario_tables(sc, sc.flows)) >= {"osaka_fund_flows", "money_destinations", "wood_carbon_stock"}


def test_destination_year_needs_the_levy(inputs):
    with pytest.raises(ParameterError, match="destination_fy"):
        F.forest_scenario(inputs, destination_fy=2023)


@pytest.mark.notebook
@pytest.mark.xdist_group("pipeline")
def test_notebook_headline_equals_the_package(inputs, tmp_path):
    written = json.loads((executed_tables(NB, SMALL, tmp_path) / "headline.json").read_text(encoding="utf-8"))
    assert written == _package_headline(inputs, SMALL)
