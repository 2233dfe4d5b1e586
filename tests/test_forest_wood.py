"""Carbon in purchased wood and its first-order-decay stock: worked examples and properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from strategies_forest import half_lives, inflows

from footprint import forest as F


@pytest.fixture(scope="module")
def inputs():
    return F.load_inputs()


def test_plywood_worked_example():
    # softwood plywood 1.987 m3, D 0.542, Cf 0.493 -> 1.95 t-CO2 (guideline formula)
    assert F.stored_co2_t(1.987, 0.542, 0.493) == pytest.approx(1.95, abs=0.005)


def test_shipped_densities_reproduce_the_guideline_examples(inputs):
    d = inputs.carbon.densities.set_index(["product", "species"])
    ply = d.loc[("plywood", "softwood")]
    assert F.stored_co2_t(1.987, ply["density_t_per_m3"], ply["carbon_fraction"]) == pytest.approx(1.95, abs=0.005)
    sugi = d.loc[("sawnwood", "sugi")]
    # Niigata calculator (guideline sheet): post 0.0432 m3 -> 26.2 kg; house 24.9 m3 -> 15.11 t
    assert F.stored_co2_t(0.0432, sugi["density_t_per_m3"], sugi["carbon_fraction"]) * 1000 == pytest.approx(26.2, abs=0.1)
    assert F.stored_co2_t(24.9, sugi["density_t_per_m3"], sugi["carbon_fraction"]) == pytest.approx(15.11, rel=0.002)


def test_one_inflow_decays_to_half_after_one_half_life():
    for hl in (2, 25, 35):
        x = np.zeros(hl + 1)
        x[0] = 1.0
        s = F.fod_stock(x, hl)
        assert s[hl] == pytest.approx(s[0] / 2, rel=1e-12)
        assert s[0] == pytest.approx((1 - np.exp(-np.log(2) / hl)) / (np.log(2) / hl))


@settings(max_examples=50, deadline=None)
@given(inflows, half_lives)
def test_fod_closed_form_equals_the_ipcc_recursion(inflow, hl):
    k = np.log(2) / hl
    c, expected = 0.0, []
    for x in inflow:  # the recursion as written in IPCC 2006 Eq. 12.1
        c = np.exp(-k) * c + (1 - np.exp(-k)) / k * x
        expected.append(c)
    np.testing.assert_allclose(F.fod_stock(np.array(inflow), hl), expected, rtol=1e-9, atol=1e-9)


@settings(max_examples=30, deadline=None)
@given(inflows, half_lives)
def test_inflow_driven_stock_balances_its_mass(inflow, hl):
    """inflow − outflow − stock change = 0 every year, and nothing decays that never entered."""
    m = F.InflowDrivenStock(np.array(inflow)[:, None], F.FirstOrderDecay((hl,)))
    np.testing.assert_allclose(m.inflow - m.outflow - m.stock_change, 0.0, atol=1e-9)
    assert (m.outflow >= -1e-9).all()
    np.testing.assert_allclose(m.stock_change.cumsum(axis=0), m.stock, rtol=1e-9, atol=1e-9)


def test_wood_carbon_volumes_and_status(inputs):
    spend = pd.DataFrame({"fiscal_year": [2023, 2024], "receipts_jpy": [300e6, 320e6],
                          "receipts_status": ["published", "estimated"]})
    w = F.wood_carbon(spend, inputs.carbon.products, inputs.carbon.densities, wood_share=0.5)
    assert w.groupby("fiscal_year")["spend_jpy"].sum().tolist() == pytest.approx([150e6, 160e6])
    price = np.tile(inputs.carbon.products["price_jpy_per_m3"].to_numpy(), 2)
    np.testing.assert_allclose(w["volume_m3"] * price, w["spend_jpy"])
    np.testing.assert_allclose(w["co2_t"], w["volume_m3"] * w["density_t_per_m3"] * w["carbon_fraction"] * 44 / 12)
    assert set(w["status"]) == {"illustrative"}
    stock = F.hwp_stock(w, inputs.carbon.half_lives, until=2050)
    assert stock["year"].max() == 2050
    s = stock.pivot(index="year", columns="hwp_pool", values="stock_co2_t")
    assert (s.loc[2050] < s.loc[2024]).all()  # no inflow after 2024: every pool decays
    np.testing.assert_allclose(stock.groupby("year")["stock_change_co2_t"].sum().cumsum(),
                               stock.groupby("year")["stock_co2_t"].sum())
