"""The item-level city model: bridge, prices, grid, structural ensemble, honest origin, wood in gha."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from strategies_city import inputs_fixture  # noqa: F401

from footprint import accounts as A
from footprint import city as C
from footprint.accounts import LAND_TYPES
from footprint.city.adjust import grid_factors, nearest_fill, price_levels
from footprint.city.items import COMPONENTS, PRICE_CATEGORY, component_matrix
from footprint.core.errors import ParameterError
from footprint.core.io import read_raw_csv
from footprint.core.units import wood_gha, world_forest_yield


def test_bridge_maps_every_item_once_and_preserves_the_national_total(inputs):
    d = inputs.items
    b = d.bridge
    assert not b["item_code"].duplicated().any()
    for v in range(2):
        m = component_matrix(b, ("default", "alternative")[v])
        assert (m.sum(axis=1) == 1).all()  # each item in exactly one component
    items = read_raw_csv("kakei_items/fies_2plus_annual_all_items_national_52cities_2007_2024.csv.gz",
                         dtype={"cat01_code": str, "area_code": str})
    tot = items[(items["cat01_code"] == "001100000") & (items["area_code"] == "00000")].set_index("year")["value"]
    nat = d.spend[:, d.index(C.NATIONAL)].sum(axis=-1)  # (variants, years)
    np.testing.assert_allclose(nat, np.broadcast_to(tot.reindex(d.years).to_numpy(), nat.shape), rtol=1e-5)


def test_rent_never_scales_carbon(inputs):
    d = inputs.items
    j = list(C.model.STRUCTURAL_CHOICES)  # noqa: F841 (the choices exist)
    clum = np.ones((7, 6))
    r = np.ones(9)
    base = C.city_clum(clum, r, 0.7, 0.4, 0.7)
    r2 = r.copy()
    r2[1] = 2.0  # housing_land (rent + other) doubles; housing_other itself unchanged
    out = C.city_clum(clum, r2, 0.7, 0.4, 0.7)
    ih, ic = C.CLUM_ROWS.index("housing"), LAND_TYPES.index("carbon")
    assert out[ih, ic] == base[ih, ic]
    assert out[ih, 0] == 2 * base[ih, 0]
    assert "housing_rent" in COMPONENTS and d.bridge.set_index("item_code").loc["020100000", "scales_carbon"] == "no"


def test_city_spending_like_the_nation_reproduces_the_national_footprint(inputs):
    d = inputs.items
    i, n = d.index(C.OSAKA), d.index(C.NATIONAL)
    spend = d.spend.copy()
    spend[:, i] = spend[:, n]
    size = d.household_size.copy()
    size[i] = size[n]
    price, grid = d.price.copy(), d.grid.copy()
    price[i], grid[i] = 1.0, 1.0
    same = dataclasses.replace(inputs, items=dataclasses.replace(d, spend=spend, household_size=size, price=price,
                                                                 grid=grid))
    fp = C.city_footprint(same, C.OSAKA, 2022)
    ctx = C.year_context(inputs, 2022)
    np.testing.assert_allclose(fp.ratios.to_numpy(), 1.0, rtol=1e-12)
    assert fp.headline["ef_gha_per_cap"] == pytest.approx(ctx.ef_consumption_pc.sum(), rel=1e-9)


def test_price_deflation_divides_by_the_price_level_and_carries_the_nearest_year():
    cats = sorted(set(PRICE_CATEGORY.values()))
    prices = pd.DataFrame({"pref_code": "27", "year": np.repeat([2013, 2014], len(cats)), "category": cats * 2,
                           "index": 100.0})
    prices.loc[prices["category"] == "food", "index"] = [110.0, 120.0]
    lv, st = price_levels(prices, ["27", "00"], [2012, 2013, 2014, 2016], [True, True])
    food = COMPONENTS.index("food")
    assert lv[0, :, food].tolist() == pytest.approx([1.1, 1.1, 1.2, 1.2])
    assert st[0].tolist() == ["estimated", "derived", "derived", "estimated"]
    assert (lv[1] == 1).all() and (st[1] == "derived").all()
    v, carried = nearest_fill(np.array([[np.nan, 2.0, 3.0]]), np.array([1, 2, 3]), [1, 2, 5])
    assert v.tolist() == [[2.0, 2.0, 3.0]] and carried.tolist() == [[True, False, True]]


def test_price_correction_moves_the_ratio_by_the_price_level(inputs):
    on = C.city_footprint(inputs, "東京都区部", 2022)
    off = C.city_footprint(inputs, "東京都区部", 2022, C.Structure(prices=False))
    # Tokyo is dearer than the nation: deflating lowers its food ratio by its food price level
    d = inputs.items
    p = d.price[d.index("東京都区部"), list(d.years).index(2022), COMPONENTS.index("food")]
    assert p > 1
    assert on.ratios["food"] == pytest.approx(off.ratios["food"] / p, rel=1e-9)


def test_grid_scaling_is_the_utility_over_the_national_factor():
    f = pd.DataFrame({"utility": ["kansai", "kansai", "national_average", "national_average", "tokyo", "tokyo"],
                      "fiscal_year": [2018, 2019] * 3, "kg_co2_per_kwh": [0.35, 0.36, 0.46, np.nan, 0.47, 0.46],
                      "basis": "actual", "status": ["published", "estimated", "published", "estimated",
                                                    "published", "published"]})
    g, st = grid_factors(f, ["kansai", "national_average"], [2017, 2018, 2019])
    assert g[0, 1] == pytest.approx(0.35 / 0.46)
    assert g[1].tolist() == [1.0, 1.0, 1.0]
    assert st[0].tolist() == ["estimated", "derived", "estimated"]  # carried, published, interpolated


def test_grid_scaling_changes_only_housing_carbon(inputs):
    on = C.city_footprint(inputs, C.OSAKA, 2022)
    off = C.city_footprint(inputs, C.OSAKA, 2022, C.Structure(grid=False))
    diff = on.clum_city[list(LAND_TYPES)].to_numpy() - off.clum_city[list(LAND_TYPES)].to_numpy()
    ih, ic = C.CLUM_ROWS.index("housing"), LAND_TYPES.index("carbon")
    mask = np.zeros_like(diff, dtype=bool)
    mask[ih, ic] = True
    assert np.all(diff[~mask] == 0) and diff[ih, ic] < 0  # Kansai's grid is cleaner than the average in 2022


def test_structural_choices_switched_off_reproduce_the_parametric_result(inputs):
    par = C.simulate(inputs, [C.OSAKA, "前橋市"], 2022, draws=300, seed=5)
    none = C.simulate(inputs, [C.OSAKA, "前橋市"], 2022, draws=300, seed=5, structural=())
    full = C.simulate(inputs, [C.OSAKA, "前橋市"], 2022, draws=300, seed=5, structural=list(C.STRUCTURAL_CHOICES))
    np.testing.assert_array_equal(par.ef_lt_pc, none.ef_lt_pc)
    assert not np.array_equal(par.ef_lt_pc, full.ef_lt_pc)
    nothing = C.simulate(inputs, C.OSAKA, 2022, draws=10, seed=5, vary=())
    fp = C.city_footprint(inputs, C.OSAKA, 2022)
    np.testing.assert_allclose(nothing.values["ef_gha_per_cap"][0], fp.headline["ef_gha_per_cap"], rtol=1e-12)
    with pytest.raises(ParameterError, match="structural"):
        C.simulate(inputs, C.OSAKA, 2022, draws=5, structural=("prices_off",))


def test_full_interval_is_wider_and_every_table_says_which(inputs):
    h = C.headline_results(inputs, C.OSAKA, 2022, draws=400, seed=3).set_index("indicator").loc["ef_gha_per_cap"]
    assert h["p95"] - h["p05"] > h["p95_parametric"] - h["p05_parametric"]
    assert h["interval"] == C.INTERVAL_FULL
    assert "two-or-more-person" in h["household_basis"]  # the survey's basis is stated in the table


def test_carbon_is_never_assigned_to_a_place(inputs):
    fp = C.city_footprint(inputs, C.OSAKA, 2022)
    o = C.origin_table(fp)
    carbon = o[o["land_type"] == "carbon"].set_index("origin")["ef_gha"]
    assert (carbon[["city", "rest_of_japan", "abroad"]] == 0).all()
    assert carbon[C.CARBON_NOT_LOCATED] == pytest.approx(fp.clum_city["carbon"].sum() * fp.population)
    other = o[(o["land_type"] != "carbon")]
    assert (other.loc[other["origin"] == C.CARBON_NOT_LOCATED, "ef_gha"] == 0).all()
    assert o["ef_gha"].sum() == pytest.approx(fp.headline["ef_gha"], rel=1e-12)
    split = C.honest_origin_split(np.ones((4, 6)), np.zeros(6), np.full(6, 0.5))
    assert (split[:, LAND_TYPES.index("carbon"), :3] == 0).all()


def test_wood_in_gha_by_the_gfn_convention_worked_example(nfa):
    # World 2022 from the accounts; world roundwood about 4 billion m3 a year (FAO, The State of the
    # World's Forests 2024, section 2.3), an input of the example
    ef = A.country_matrix(nfa, "ef_production", "World", basis="total").loc[2022, "forest_products"]
    eqf = A.equivalence_factors(nfa).loc[2022, "forest_products"]
    y = world_forest_yield(4.0e9, ef, eqf)
    assert y == pytest.approx(4.0e9 * eqf / ef)
    assert 1.0 < y < 5.0  # m3 per ha and year: a world average, well below a sugi stand's ~10
    assert wood_gha(4.0e9, y, eqf) == pytest.approx(ef)  # the accounts' identity holds
    assert wood_gha(1.0, y, eqf) == pytest.approx(ef / 4.0e9)
    # a stand increment of 10 m3/ha would give about a quarter of the GFN value
    assert wood_gha(1.0, 10.0, eqf) < 0.5 * wood_gha(1.0, y, eqf)
    with pytest.raises(ParameterError, match="yield"):
        wood_gha(1.0, 0.0, eqf)


def test_one_person_margin_raises_osaka_where_the_share_is_known(inputs):
    d = inputs.items
    m = C.model.household_margin(d, np.array([d.index(C.OSAKA), d.index("前橋市")]))
    assert m[0] > 1 and m[1] == 1.0
