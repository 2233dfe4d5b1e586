"""Downscaling, biocapacity, origin and indicators: published worked examples and invariants."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from strategies_city import clum_matrices, hh_ratios, inputs_fixture, osaka_fixture  # noqa: F401 (fixtures)

from footprint import city as C
from footprint.accounts import LAND_TYPES


def test_biocapacity_worked_example_from_the_fact_sheet():
    # footprint-method §5.2: 20,300 ha built-up × YF 1.36 × EQF 2.529 ≈ 70,000 gha
    area = np.array([0, 0, 0, 0, 20_300, 0.0])
    yf = np.array([1.36, 2.16, 1.37, 0.79, 1.36, np.nan])
    eqf = np.array([2.529, 0.452, 1.298, 0.364, 2.529, 1.298])
    bc = C.city_biocapacity(area, yf, eqf)
    assert bc.sum() == pytest.approx(69_822, rel=1e-3)
    assert bc[LAND_TYPES.index("carbon")] == 0


def test_headline_formulas_worked_example():
    # footprint-method §5.1/§5.2: Osaka = Japan 2022 (4.2644 gha/person), 2.75 M people, 22,500 ha,
    # BC ≈ 70,000 gha → 2.835 Earths, ≈ 520 gha per ha of city, EF/BC ≈ 170
    ef = np.zeros(6)
    ef[LAND_TYPES.index("carbon")] = 4.2644
    bc = np.zeros(6)
    bc[LAND_TYPES.index("built_up_land")] = 70_000
    v = C.indicators(ef, bc, 2.75e6, 22_500, 1.5043, np.zeros(6))
    assert v["earths"] == pytest.approx(2.835, abs=1e-3)
    assert v["ef_gha"] == pytest.approx(11.7e6, rel=3e-3)
    assert v["times_area"] == pytest.approx(520, rel=3e-3)
    assert v["times_biocapacity"] == pytest.approx(170, rel=0.02)
    assert v["overshoot_day"] == pytest.approx(365 * 1.5043 / 4.2644)


def test_city_equal_to_nation_reproduces_the_national_footprint_exactly(inputs):
    # every capital spends like the nation, so the stand-in (their mean) is the nation as well
    values, _ = C.national_spending(inputs.spending, inputs.national_published)
    spending = inputs.spending.copy()
    spending[list(C.SURVEY_CATEGORIES)] = values.reindex(spending.index.get_level_values("year")).to_numpy()
    hh = inputs.household_size.copy()
    hh.loc[C.OSAKA, "household_size_persons"] = hh.loc[C.NATIONAL, "household_size_persons"]
    same = dataclasses.replace(inputs, spending=spending, household_size=hh, items=None)  # the SSDSE alternative
    for year in (2014, 2022):
        fp = C.city_footprint(same, C.OSAKA, year)
        np.testing.assert_array_equal(fp.ratios.to_numpy(), np.ones(5))
        ctx = C.year_context(inputs, year)
        np.testing.assert_allclose(fp.clum_city[list(LAND_TYPES)].sum(axis=0), ctx.ef_consumption_pc, rtol=1e-12)
        assert fp.headline["ef_gha_per_cap"] == pytest.approx(ctx.ef_consumption_pc.sum(), rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    ratios=hh_ratios,
    row=st.integers(0, 4),
    factor=st.floats(0.2, 5.0).filter(lambda f: abs(f - 1) > 1e-3),
    clum=clum_matrices,
)
def test_changing_one_category_ratio_changes_only_that_row(ratios, row, factor, clum):
    base = C.downscale(clum, ratios)
    changed = ratios.copy()
    changed[row] *= factor
    new = C.downscale(clum, changed)
    others = [r for r in range(7) if r != row]
    np.testing.assert_array_equal(new[others], base[others])
    np.testing.assert_allclose(new[row], base[row] * factor, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    ef=arrays(float, 6, elements=st.floats(0, 1e6)),
    bc=arrays(float, 6, elements=st.floats(0, 1e6)),
    a=arrays(float, 6, elements=st.floats(0, 1)),
)
def test_origin_split_counts_every_gha_once(ef, bc, a):
    s = C.origin_split(ef, bc, a)
    np.testing.assert_allclose(s.sum(axis=-1), ef, rtol=1e-12, atol=1e-6)
    assert (s >= -1e-9).all()
    assert (s[:, 0] <= bc + 1e-9).all()


def test_osaka_central_footprint_within_published_band(inputs, osaka):
    japan = C.year_context(inputs, 2022).ef_consumption_pc.sum()
    assert 0.85 * japan <= osaka.headline["ef_gha_per_cap"] <= 1.15 * japan
    assert osaka.origin["ef_gha"].sum() == pytest.approx(osaka.headline["ef_gha"], rel=1e-12)


def test_capital_without_land_use_has_no_biocapacity(inputs):
    fp = C.city_footprint(inputs, "Sapporo", 2020)
    assert fp.city == "札幌市" and fp.biocapacity is None
    assert np.isnan(fp.headline["bc_gha"]) and np.isnan(fp.headline["share_outside_city"])
    assert "biocapacity" not in C.output_tables(fp, *([None] * 4))
