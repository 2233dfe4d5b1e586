"""The forest scenario written once: its tables (notebook 03's outputs are checked in tests/test_e2e_run.py)."""

from __future__ import annotations

import pytest

from footprint import forest as F
from footprint.core.errors import ParameterError
from footprint.pipeline.model import RunParameters


@pytest.fixture(scope="module")
def inputs():
    return F.load_inputs()


def defaults(**changed) -> dict:
    """The scenario's parameters at the run's defaults (the parameter model holds them, not the function)."""
    p = RunParameters()
    return {k: getattr(p, k) for k in F.SCENARIO_PARAMETERS} | changed


def test_scenario_tables_are_consistent(inputs):
    sc = F.forest_scenario(inputs, **defaults())
    assert sc.flows["fiscal_year"].tolist() == list(range(2019, 2026))
    assert set(sc.destinations["fiscal_year"]) == {2024, 2025}
    assert sc.destinations_in()["fiscal_year"].eq(2024).all()
    assert sc.stock_end_co2_t == pytest.approx(12868.9, abs=0.05)
    assert sc.sink_total_co2_t == pytest.approx(1964.1, abs=0.05)
    assert 0 < sc.levy_back_home_jpy() < sc.destinations_in()["amount_jpy"].sum()
    assert set(F.scenario_tables(sc, sc.flows)) >= {"osaka_fund_flows", "money_destinations", "wood_carbon_stock"}


def test_destination_year_needs_the_levy(inputs):
    with pytest.raises(ParameterError, match="destination_fy"):
        F.forest_scenario(inputs, **defaults(destination_fy=2023))
