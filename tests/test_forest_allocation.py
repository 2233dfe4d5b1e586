"""Transfer-tax allocation: pools and weights by fiscal year, properties of the shares, clear errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies_forest import fiscal_years, indicator_table

from footprint import forest as F
from footprint.core.errors import ParameterError


@pytest.fixture(scope="module")
def inputs():
    return F.load_inputs()


@pytest.fixture(scope="module")
def params(inputs):
    return inputs.allocation


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_allocations_sum_exactly_to_the_pool(params, data):
    n = data.draw(st.integers(2, 40))
    draw = lambda: data.draw(st.lists(st.floats(0, 1e6), min_size=n, max_size=n).filter(lambda v: sum(v) > 0))  # noqa: E731
    ratio = data.draw(st.lists(st.floats(0, 1), min_size=n, max_size=n))
    t = indicator_table(draw(), draw(), draw(), ratio)
    fys = data.draw(fiscal_years)
    for tier in ("municipal", "prefectural"):
        a = F.allocate(t, fys, params, tier=tier)
        sums = a.groupby("fiscal_year")["amount_jpy"].sum()
        pools = F.fiscal_year_parameters(params, sorted(fys)).set_index("fiscal_year")[f"{tier}_pool_jpy"]
        assert (sums == pools.astype("int64")).all()
        assert (a["amount_jpy"] >= 0).all()


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_allocation_rises_with_each_indicator(params, data):
    n = data.draw(st.integers(2, 20))
    vals = lambda: data.draw(st.lists(st.floats(1, 1e5), min_size=n, max_size=n))  # noqa: E731
    t = indicator_table(vals(), vals(), vals())
    i = data.draw(st.integers(0, n - 1))
    col = data.draw(st.sampled_from(["planted_forest_area_ha", "forestry_workers_persons", "population_persons"]))
    factor = data.draw(st.floats(1.01, 10))
    fy = data.draw(st.sampled_from([2019, 2023, 2024]))
    before = F.allocate(t, [fy], params, rounding=False)["amount_jpy"].to_numpy()
    t2 = t.copy()
    t2.loc[i, col] *= factor
    after = F.allocate(t2, [fy], params, rounding=False)["amount_jpy"].to_numpy()
    assert after[i] > before[i]
    others = np.delete(np.arange(n), i)
    assert (after[others] <= before[others] + 1e-6).all()


def test_forest_ratio_correction_raises_the_area_indicator(params):
    t = indicator_table([100.0, 100.0, 100.0], [1, 1, 1], [10, 10, 10], ratio=[0.5, 0.8, 0.9])
    a = F.allocate(t, [2023], params, rounding=False)
    parts = a["area_part_jpy"].to_numpy()
    assert parts[1] / parts[0] == pytest.approx(1.3) and parts[2] / parts[0] == pytest.approx(1.5)
    assert set(params.forest_ratio["status"]) == {"estimated"}  # multipliers flagged unverified


def test_weights_and_pools_by_fiscal_year(params):
    fyp = F.fiscal_year_parameters(params, range(2019, 2026)).set_index("fiscal_year")
    assert tuple(fyp.loc[2023, ["w_area", "w_workers", "w_population"]]) == (0.5, 0.2, 0.3)
    assert tuple(fyp.loc[2024, ["w_area", "w_workers", "w_population"]]) == (0.55, 0.2, 0.25)
    assert fyp.loc[2019, "municipal_pool_jpy"] == 16e9 and fyp.loc[2021, "municipal_pool_jpy"] == 34e9
    assert fyp.loc[2024, "pool_status"] == "derived"  # FY2024 split inferred
    assert fyp.loc[2023, "status"] == "published"


def test_population_parts_match_the_fact_sheet(inputs):
    # FY2023 population parts with the 2020 census: Osaka 288.01 M, Yokohama 395.28 M (derived, fact sheet 3.4)
    m = inputs.municipalities
    for code, expected in (("27100", 288.01e6), ("14100", 395.28e6)):
        s = F.population_shares(m, code, [2023], F.census_columns())[0]
        assert 44e9 * 0.3 * s == pytest.approx(expected, abs=0.01e6)
    assert m["pop_2020_persons"].sum() == 126_146_099 and len(m) == 1741


def test_prefectural_receipts_consistent_with_the_weights(inputs, params):
    p = inputs.prefectures
    assert p["receipts_fy2023_jpy"].sum() == pytest.approx(6e9)
    shares = F.region_shares(p, params, [2023])  # raises if a population part exceeds a receipt
    osaka = shares.set_index("pref_code").loc["27"]
    residual = osaka["other_share"] * (p["receipts_fy2023_jpy"].sum() - 6e9 * 0.3)
    assert residual == pytest.approx(17.4e6, abs=0.1e6)  # fact sheet 3.4: Osaka Prefecture residual 17.4 M
    assert shares["share"].sum() == pytest.approx(1.0)


def test_fiscal_year_outside_the_table(params):
    t = indicator_table([1.0, 2.0], [1, 1], [1, 1])
    with pytest.raises(ParameterError, match=r"data/raw/forest/transfer_tax_pools.csv: fiscal year 2018: .*FY2019"):
        F.allocate(t, [2018, 2019], params)


def test_negative_area_in_a_table(params):
    t = indicator_table([1.0, -5.0], [1, 1], [1, 1])
    with pytest.raises(ParameterError, match=r"code5 '00001'.*planted_forest_area_ha >= 0.*-5"):
        F.allocate(t, [2023], params)


def test_indicator_with_a_weight_but_no_data(params, inputs):
    m = inputs.municipalities.assign(planted_forest_area_ha=0.0, forestry_workers_persons=0)
    with pytest.raises(ParameterError, match=r"planted_forest_area_ha sums to zero"):
        F.allocate(m, [2023], params, population_columns={2019: "pop_2020_persons"})
