"""The city and forest layers' tables as flows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from footprint import flows as FL
from footprint.core.errors import DataFileError, ParameterError


@pytest.fixture(scope="module")
def seed():
    return FL.load_seed()


def test_origin_table_adapter():
    origin = pd.DataFrame({"land_type": ["cropland", "cropland", "carbon"], "origin": ["city", "abroad", "rest_of_japan"],
                           "ef_gha": [1.0, 2.0, 3.0], "status": ["estimated"] * 3, "source": ["city model"] * 3})
    f = FL.flows_from_origin_table(origin, 2022)
    assert f["source_id"].tolist() == ["abroad", "rest_of_japan"]
    assert (f["target_id"] == "osaka_city").all() and (f["unit"] == "gha").all()
    assert f["quantity"].sum() == 5.0  # the city's own biocapacity is not a flow
    with pytest.raises(DataFileError, match="origin one of"):
        FL.flows_from_origin_table(origin.assign(origin=["city", "mars", "abroad"]), 2022)
    with pytest.raises(DataFileError, match="missing"):
        FL.flows_from_origin_table(origin.drop(columns="ef_gha"), 2022)


def test_origin_year_for():
    assert FL.origin_year_for([2015, 2020, 2022], 2021) == 2020
    assert FL.origin_year_for([2015, 2020, 2022], 2030) == 2022
    assert FL.origin_year_for([2015, 2020, 2022], 2000) == 2015


def test_fund_flows_adapter(seed):
    fund = pd.DataFrame({"fiscal_year": [2024], "receipts_jpy": [3.2e8], "payments_jpy": [np.nan],
                         "net_outflow_jpy": [np.nan], "status": ["estimated"], "source": ["forest model"]})
    f = FL.flows_from_fund_flows(fund)
    assert len(f) == 2 and f["quantity"].isna().sum() == 1  # an unknown amount stays, unquantified
    FL.validate_flows(f, seed.nodes, seed.units, "adapter")


def test_with_model_layers_keeps_published_seed_rows(seed):
    """Model layers are added once; a model row duplicating a seed row leaves the seed row in place."""
    origin = pd.DataFrame({"land_type": ["cropland", "carbon"], "origin": ["abroad", "rest_of_japan"],
                           "ef_gha": [2.0, 3.0], "status": ["estimated"] * 2, "source": ["city model"] * 2})
    fund = pd.DataFrame({"fiscal_year": [2023, 2024], "receipts_jpy": [999.0, 3.2e8], "payments_jpy": [0.0, 1.3e9],
                         "net_outflow_jpy": [-999.0, 9.8e8], "status": ["estimated"] * 2, "source": ["forest model"] * 2})
    out, added = FL.with_model_layers(seed.flows, seed.nodes, seed.units, origin=origin, origin_year=2022, fund=fund)
    assert added["city"] == 2
    assert len(out) == len(seed.flows) + added["city"] + added["forest"]
    fy23 = out[(out["item"] == "forest_tax/transfer") & (out["year"] == 2023) & (out["target_id"] == "osaka_city")]
    assert fy23["quantity"].tolist() == [310620000.0]  # the published seed value, not the model's 999
    same, none = FL.with_model_layers(seed.flows, seed.nodes, seed.units)
    assert none == {} and len(same) == len(seed.flows)
    with pytest.raises(ParameterError, match="origin_year"):
        FL.with_model_layers(seed.flows, seed.nodes, seed.units, origin=origin)


def test_allocation_adapter():
    alloc = pd.DataFrame({"code": ["27100", "22130", "27100"], "fiscal_year": [2023, 2023, 2024],
                          "amount_jpy": [310.62e6, 325.71e6, 3.2e8]})
    nodes, flows = FL.flows_from_allocation(alloc)
    assert nodes["id"].tolist() == ["muni_27100", "muni_22130"]
    assert flows["quantity"].sum() == pytest.approx(310.62e6 + 325.71e6 + 3.2e8)
    assert (flows["status"] == "estimated").all()
