"""Common currencies: conversion factors (published worked examples) and their application."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from strategies_flows import seed_factors

from footprint import accounts as A
from footprint import flows as FL
from footprint.core import gha_per_t_co2


@pytest.fixture(scope="module")
def seed():
    return FL.load_seed()


@pytest.fixture(scope="module")
def factors(seed, nfa):
    return seed_factors(seed, nfa)


def test_carbon_uptake_intensity_matches_the_published_example():
    """Footprint-method fact sheet §1.2: EQF_forest 1.298, AFCS 0.73 t C/ha, S_ocean 0.28 → ≈ 0.35 gha/t CO2,
    by the one conversion of footprint.core.units (CO2/C = 3.664)."""
    v = gha_per_t_co2(1.298, 0.73, 0.28)
    assert v == pytest.approx(0.35, abs=0.005)
    assert v == pytest.approx(0.72 / (0.73 * 3.664) * 1.298, rel=1e-12)


def test_carbon_intensity_with_nfa_eqf(factors, seed, nfa):
    row = factors[(factors["unit"] == "t-CO2") & (factors["currency"] == "ef_gha")]
    assert row["factor"].item() == pytest.approx(0.35, abs=0.005)
    assert row["status"].item() == "estimated"
    eqf = FL.nfa_forest_factors(nfa, 2022)[1]
    cu = seed.carbon_uptake
    assert row["factor"].item() == gha_per_t_co2(eqf, cu.afcs_t_c_per_ha, cu.ocean_uptake_share, cu.co2_per_c)


def test_nfa_forest_factors_use_the_latest_year_at_most(nfa):
    fy, eqf, yf = FL.nfa_forest_factors(nfa, 2100)
    assert fy <= 2100 and eqf > 0 and yf > 0
    assert FL.nfa_forest_factors(nfa, 2022)[0] == 2022


def test_wood_factor_follows_the_gfn_convention(factors, nfa):
    """m3 of wood -> gha = EQF_forest / Y_W (world average forest yield), not a local stand's increment."""
    fy, eqf, y_w = FL.nfa_forest_factors(nfa, 2022)
    # Y_W = 4.0e9 m3 (FAO 2024) x EQF / EF_production,forest(World, 2022): about 2.4 m3 per ha and year
    assert y_w == pytest.approx(2.36, abs=0.02)
    f = FL.conversion_table(FL.load_seed().units, FL.load_seed().parameters, FL.load_seed().carbon_uptake,
                            eqf_forest=eqf, world_yield_m3_per_ha=y_w, year=fy)
    wood = f[(f["unit"] == "m3") & (f["item"] == "wood")]["factor"].item()
    assert wood == pytest.approx(eqf / y_w)
    # the world's roundwood then takes exactly the World's production footprint of forest products
    ef_world = A.country_matrix(nfa, "ef_production", "World", basis="total").loc[fy, "forest_products"]
    assert 4.0e9 * wood == pytest.approx(ef_world)


def test_convert_keeps_every_flow_and_its_unit(seed, factors):
    c = FL.convert(seed.flows, factors)
    assert len(c) == len(seed.flows)
    pd.testing.assert_frame_equal(c[seed.flows.columns], seed.flows)
    gbp = c[c["unit"] == "GBP"]
    assert len(gbp) > 0 and gbp[list(FL.CURRENCIES)].isna().all().all()  # no exchange rate: kept, unconverted
    k = c[c["unit"] == "thousand JPY"]
    assert (k["amount_jpy"] == k["quantity"] * 1000).all()
    co2 = c[c["unit"] == "t-CO2"]
    assert (co2["co2_t"] == co2["quantity"]).all()
    assert (co2["converted_status"] == "estimated").all()  # gha from CO2 is an estimate
    counts = FL.conversion_counts(c)
    assert counts["flows"] == len(c) == counts["converted"] + counts["without_quantity"] + counts["own_units"]
    assert "GBP" in counts["units_kept"]


def test_converted_status_is_the_weakest_of_flow_and_factors(factors):
    flows = pd.DataFrame({"source_id": ["a"] * 3, "target_id": ["b"] * 3, "layer": ["resource"] * 3,
                          "item": ["wood/sugi", "x", "x"], "quantity": [1.0, 1.0, None], "unit": ["m3", "JPY", "t-CO2"],
                          "year": [2022] * 3, "source": ["s"] * 3, "status": ["published", "derived", "published"]})
    c = FL.convert(flows, factors)
    assert c["converted_status"].tolist() == ["estimated", "derived", "published"]  # no quantity: no factor applied


def test_item_specific_factor_wins(factors):
    flows = pd.DataFrame({"source_id": ["a", "a"], "target_id": ["b", "b"], "layer": ["resource"] * 2,
                          "item": ["wood/sugi", "water/yodo"], "quantity": [9.7, 9.7], "unit": ["m3", "m3"],
                          "year": [2022, 2022], "source": ["s", "s"], "status": ["published"] * 2})
    c = FL.convert(flows, factors)
    wood = factors.loc[factors["item"] == "wood", "factor"].item()
    assert c["ef_gha"].iloc[0] == pytest.approx(9.7 * wood)
    assert math.isnan(c["ef_gha"].iloc[1])  # water has no gha factor
