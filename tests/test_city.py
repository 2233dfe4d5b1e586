"""City downscaling: published worked examples, invariants (hypothesis) and clear errors."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from footprint import city as C
from footprint.accounts import LAND_TYPES
from footprint.core import read_raw_csv
from footprint.core.errors import DataFileError, ParameterError


@pytest.fixture(scope="module")
def inputs(nfa):
    return C.load_inputs(nfa=nfa)


@pytest.fixture(scope="module")
def osaka(inputs):
    return C.city_footprint(inputs, C.OSAKA, 2022)


# --------------------------------------------------------------------------------------------
# data as loaded: cross-checks against the fact sheets
# --------------------------------------------------------------------------------------------


def test_osaka_population_and_area_match_census_and_ssdse(inputs):
    basics = read_raw_csv(C.OSAKA_BASICS_FILE).set_index("code")["value"]
    row = inputs.cities.loc[C.OSAKA]
    assert row["population_2020_persons"] == 2_752_412 == basics["A1101"]  # census 2020
    assert row["area_ha"] == pytest.approx(22_534) == basics["B1101"]  # 225.34 km² (SSDSE-A, in ha)
    assert C.population(inputs, C.OSAKA, 2020) == 2_752_412
    assert C.population(inputs, C.OSAKA, 2015) == 2_691_185
    assert len(inputs.cities) == 47


def test_osaka_to_japan_household_ratios_as_published(inputs):
    # osaka-statistics §2.4, per household, both sides by purpose: 2022 total 0.912, food 1.044, housing 0.984
    osaka = inputs.spending.loc[C.OSAKA].loc[2022]
    nat = inputs.national_published.loc[2022]
    assert osaka["food"] / nat["food"] == pytest.approx(1.044, abs=5e-4)
    assert osaka["housing"] / nat["housing"] == pytest.approx(0.984, abs=5e-4)
    assert osaka.sum() / 290_865 == pytest.approx(0.912, abs=5e-4)


def test_standin_is_the_unweighted_capital_mean_documented_in_the_readme(inputs):
    stand = C.national_standin(inputs.spending)
    assert stand.loc[2021, "food"] == pytest.approx(74_946, abs=1)  # README: 74,946 vs 75,761 published
    assert stand.loc[2022, "housing"] == pytest.approx(19_244, abs=1)
    values, status = C.national_spending(inputs.spending, inputs.national_published)
    assert values.loc[2021, "food"] == 75_761 and status.loc[2021, "food"] == "published"
    assert status.loc[2021, "education"] == "estimated"
    # the stand-in differs from the published values by a few per cent (RMS of the log difference)
    assert 0.005 < C.standin_error(inputs.spending, inputs.national_published) < 0.06


# --------------------------------------------------------------------------------------------
# formulas against published worked examples
# --------------------------------------------------------------------------------------------


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


def test_carbon_intensity_back_of_envelope():
    # footprint-method §1.2: EQF_forest 1.298, AFCS 0.73 t C/ha, S_ocean 0.28 → ≈ 0.35 gha per t CO2
    assert C.carbon_intensity(1.298, 0.73, 0.28) == pytest.approx(0.35, abs=0.005)


def test_ras_textbook_independence_case():
    # a uniform prior balanced to margins gives the independence table r_i c_j / T
    out = C.ras(np.ones((2, 3)), [30.0, 70.0], [20.0, 30.0, 50.0])
    np.testing.assert_allclose(out, np.outer([30, 70], [20, 30, 50]) / 100, rtol=1e-12)


# --------------------------------------------------------------------------------------------
# invariants
# --------------------------------------------------------------------------------------------

positive = st.floats(0.05, 20.0, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    prior=arrays(float, (4, 5), elements=positive),
    rows=arrays(float, 4, elements=positive),
    cols=arrays(float, 5, elements=positive),
)
def test_ras_reproduces_both_margins(prior, rows, cols):
    cols = cols * rows.sum() / cols.sum()
    out = C.ras(prior, rows, cols)
    np.testing.assert_allclose(out.sum(axis=1), rows, rtol=1e-9)
    np.testing.assert_allclose(out.sum(axis=0), cols, rtol=1e-9)
    assert (out >= 0).all()


@settings(max_examples=40, deadline=None)
@given(prior=arrays(float, (3, 7, 6), elements=positive), seed=st.integers(0, 2**31 - 1))
def test_grouped_ras_batched_reproduces_group_and_column_margins(prior, seed):
    rng = np.random.default_rng(seed)
    cols = rng.uniform(0.1, 3, (3, 6))
    share = rng.uniform(0.2, 0.8, (3, 1))
    groups = np.array([0, 0, 0, 0, 0, 1, 2])
    tot = cols.sum(axis=1, keepdims=True)
    rows = np.hstack([share * tot, (1 - share) * tot * 0.3, (1 - share) * tot * 0.7])
    out = C.ras(prior, rows, cols, groups)
    np.testing.assert_allclose(out.sum(axis=-2), cols, rtol=1e-9)
    np.testing.assert_allclose(out[:, :5].sum(axis=(-2, -1)), rows[:, 0], rtol=1e-9)
    np.testing.assert_allclose(out[:, 5].sum(axis=-1), rows[:, 1], rtol=1e-9)


def test_estimated_clum_meets_published_margins(inputs, osaka):
    ctx = C.year_context(inputs, 2022)
    clum = osaka.clum_national
    np.testing.assert_allclose(clum[list(LAND_TYPES)].sum(axis=0), ctx.ef_consumption_pc, rtol=1e-10)
    total = clum["total"].sum()
    assert total == pytest.approx(4.2644, abs=1e-3)  # Japan 2022, NFA 2025 edition
    hh = clum.loc[list(C.HH_ROWS), "total"].sum() / total
    assert hh == pytest.approx(0.66, abs=1e-9)  # WWF Japan 2012
    # food is the largest household category (WWF Japan 2012)
    assert clum.loc[list(C.HH_ROWS), "total"].idxmax() == "food"
    # government : capital formation as in 3EID (11 : 26)
    assert clum.loc["government", "total"] / clum.loc["gfcf", "total"] == pytest.approx(11 / 26, rel=1e-9)
    assert (clum["status"] == "estimated").all()


def test_city_equal_to_nation_reproduces_the_national_footprint_exactly(inputs):
    # every capital spends like the nation, so the stand-in (their mean) is the nation as well
    values, _ = C.national_spending(inputs.spending, inputs.national_published)
    spending = inputs.spending.copy()
    spending[list(C.SURVEY_CATEGORIES)] = values.reindex(spending.index.get_level_values("year")).to_numpy()
    hh = inputs.household_size.copy()
    hh.loc[C.OSAKA, "household_size_persons"] = hh.loc[C.NATIONAL, "household_size_persons"]
    same = dataclasses.replace(inputs, spending=spending, household_size=hh)
    for year in (2014, 2022):
        fp = C.city_footprint(same, C.OSAKA, year)
        np.testing.assert_array_equal(fp.ratios.to_numpy(), np.ones(5))
        ctx = C.year_context(inputs, year)
        np.testing.assert_allclose(fp.clum_city[list(LAND_TYPES)].sum(axis=0), ctx.ef_consumption_pc, rtol=1e-12)
        assert fp.headline["ef_gha_per_cap"] == pytest.approx(ctx.ef_consumption_pc.sum(), rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    ratios=arrays(float, 5, elements=st.floats(0.3, 3.0)),
    row=st.integers(0, 4),
    factor=st.floats(0.2, 5.0).filter(lambda f: abs(f - 1) > 1e-3),
    clum=arrays(float, (7, 6), elements=st.one_of(st.just(0.0), st.floats(1e-6, 2.0))),
)
def test_changing_one_category_ratio_changes_only_that_row(ratios, row, factor, clum):
    base = C.downscale(clum, ratios)
    changed = ratios.copy()
    changed[row] *= factor
    new = C.downscale(clum, changed)
    others = [r for r in range(7) if r != row]
    np.testing.assert_array_equal(new[others], base[others])
    np.testing.assert_allclose(new[row], base[row] * factor, rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    city=arrays(float, 10, elements=st.floats(1e3, 1e5)),
    nat=arrays(float, 10, elements=st.floats(1e3, 1e5)),
    k=st.integers(0, 9),
    factor=st.floats(0.5, 2.0).filter(lambda f: abs(f - 1) > 1e-3),
)
def test_changing_one_survey_category_moves_only_its_mapped_row(city, nat, k, factor):
    base = C.spending_ratios(city, nat, 2.9, 2.9)
    c2 = city.copy()
    c2[k] *= factor
    new = C.spending_ratios(c2, nat, 2.9, 2.9)
    target = C.HH_ROWS.index(next(iter(C.SURVEY_TO_CLUM[C.SURVEY_CATEGORIES[k]])))
    changed = np.flatnonzero(~np.isclose(new, base, rtol=1e-13, atol=0))
    assert changed.tolist() == [target]


def test_mapping_is_complete_and_each_category_sums_to_one():
    m = C.mapping_matrix()
    assert m.shape == (10, 5)
    np.testing.assert_allclose(m.sum(axis=1), 1.0)
    assert (m.sum(axis=0) > 0).all()  # every household row gets some spending
    with pytest.raises(ParameterError, match="education"):
        C.mapping_matrix({**C.SURVEY_TO_CLUM, "education": {"services": 0.5}})
    with pytest.raises(ParameterError, match="servces"):
        C.mapping_matrix({**C.SURVEY_TO_CLUM, "education": {"servces": 1.0}})


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


# --------------------------------------------------------------------------------------------
# Osaka results
# --------------------------------------------------------------------------------------------


def test_osaka_per_person_footprint_within_published_band(inputs, osaka):
    japan = C.year_context(inputs, 2022).ef_consumption_pc.sum()
    assert 0.85 * japan <= osaka.headline["ef_gha_per_cap"] <= 1.15 * japan
    h = C.headline_results(inputs, C.OSAKA, 2022, draws=2000).set_index("indicator")
    ef = h.loc["ef_gha_per_cap"]
    assert 0.85 * japan <= ef["p05"] <= ef["median"] <= ef["p95"] <= 1.15 * japan
    assert ef["p05"] <= ef["central"] <= ef["p95"]
    assert (h["status"] == "estimated").all()
    assert 0.95 < h.loc["share_outside_city", "median"] < 1.0


def test_monte_carlo_is_seeded_and_central_without_variation(inputs, osaka):
    a = C.simulate(inputs, C.OSAKA, 2022, draws=300, seed=7)
    b = C.simulate(inputs, C.OSAKA, 2022, draws=300, seed=7)
    np.testing.assert_array_equal(a.values["ef_gha_per_cap"], b.values["ef_gha_per_cap"])
    fixed = C.simulate(inputs, C.OSAKA, 2022, draws=50, seed=7, vary=())
    np.testing.assert_allclose(fixed.values["ef_gha_per_cap"], osaka.headline["ef_gha_per_cap"], rtol=1e-12)
    np.testing.assert_allclose(fixed.values["bc_gha"], osaka.headline["bc_gha"], rtol=1e-12)


def test_sensitivity_ranks_inputs_and_land_use_does_not_move_the_footprint(inputs):
    t = C.sensitivity(inputs, C.OSAKA, 2022, draws=300)
    assert set(t["input"]) == set(C.GROUPS)
    assert (t["width"].diff().dropna() <= 1e-12).all()
    assert t.set_index("input").loc["land_use", "width"] == pytest.approx(0, abs=1e-12)
    assert t["width"].iloc[0] > 0


def test_origin_table_interface(inputs):
    t = C.osaka_origin_table(2022)
    assert list(t.columns) == ["land_type", "origin", "ef_gha", "status", "source"]
    assert set(t["origin"]) == set(C.ORIGINS)
    fp = C.city_footprint(inputs, C.OSAKA, 2022)
    assert t["ef_gha"].sum() == pytest.approx(fp.headline["ef_gha"], rel=1e-12)
    carbon = t[(t["land_type"] == "carbon") & (t["origin"] == "city")]["ef_gha"].iloc[0]
    assert carbon == 0  # no forest in the city: no carbon uptake land inside it


def test_carbon_footprint_interface():
    d = C.osaka_carbon_footprint(2022)
    assert {"ef_carbon_gha", "ef_carbon_gha_per_cap", "co2_t", "status", "source"} <= set(d)
    assert d["status"] == "estimated"
    assert d["co2_t"] == pytest.approx(d["ef_carbon_gha"] / d["intensity_gha_per_t_co2"])
    assert 0.3 < d["intensity_gha_per_t_co2"] < 0.4
    # per person a few t CO2, like Japan's consumption-based emissions (about 7-9 t CO2e)
    assert 5 < d["co2_t"] / d["population"] < 12


def test_all_capitals_compare(inputs):
    t = C.compare_cities(inputs, 2022, draws=200)
    assert len(t) == 47 and C.OSAKA in set(t["city"])
    assert (t["p05"] <= t["p95"]).all()
    assert t["central"].is_monotonic_decreasing
    assert ((t["ratio_to_japan"] > 0.6) & (t["ratio_to_japan"] < 1.4)).all()


def test_any_capital_by_english_name_and_missing_land_use(inputs):
    fp = C.city_footprint(inputs, "Sapporo", 2020)
    assert fp.city == "札幌市" and fp.biocapacity is None
    assert np.isnan(fp.headline["bc_gha"]) and np.isnan(fp.headline["share_outside_city"])
    assert C.resolve_city(inputs, "tokyo") == "東京都区部"
    assert C.resolve_city(inputs, "27") == C.OSAKA


def test_time_series_covers_every_year_with_data(inputs):
    ts = C.time_series(inputs, C.OSAKA, draws=50)
    assert ts["year"].tolist() == list(range(2012, 2024))
    assert (ts["p05"] <= ts["p95"]).all()
    assert ts["window_years"].iloc[0] == "2012–2012"


# --------------------------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------------------------


def _clum_csv(tmp_path, clum: pd.DataFrame, name="clum.csv"):
    p = tmp_path / name
    clum.to_csv(p, index=False)
    return p


@pytest.fixture
def good_clum(osaka):
    t = osaka.clum_national.reset_index()[["clum_row", *LAND_TYPES]]
    t["source"] = "test"
    t["status"] = "published"
    return t


def test_user_clum_round_trip_and_column_check(tmp_path, good_clum, inputs):
    p = _clum_csv(tmp_path, good_clum)
    df = C.read_clum(p)
    assert list(df.index) == list(C.CLUM_ROWS)
    user = dataclasses.replace(inputs, clum=df)
    fp = C.city_footprint(user, C.OSAKA, 2022)
    assert fp.headline["ef_gha_per_cap"] == pytest.approx(C.city_footprint(inputs, C.OSAKA, 2022)
                                                           .headline["ef_gha_per_cap"], rel=1e-9)
    off = df[list(LAND_TYPES)].to_numpy() * 1.1
    chk = C.clum_column_check(off, C.year_context(inputs, 2022).ef_consumption_pc)
    np.testing.assert_allclose(chk["relative_difference"], 0.1, rtol=1e-9)


def test_clum_of_the_wrong_shape_is_refused(tmp_path, good_clum):
    with pytest.raises(DataFileError, match=r"missing \['carbon'\]"):
        C.read_clum(_clum_csv(tmp_path, good_clum.drop(columns="carbon")))
    with pytest.raises(DataFileError, match=r"missing \['gfcf'\]"):
        C.read_clum(_clum_csv(tmp_path, good_clum.iloc[:6]))
    bad = good_clum.copy()
    bad.loc[3, "clum_row"] = "goodz"
    with pytest.raises(DataFileError, match=r"row 5.*'goodz'.*goods"):
        C.read_clum(_clum_csv(tmp_path, bad))


def test_negative_clum_cell_is_refused_with_its_row(tmp_path, good_clum):
    bad = good_clum.copy()
    bad.loc[2, "forest_products"] = -0.1
    with pytest.raises(DataFileError, match=r"clum\.csv: row 4: expected forest_products >= 0, found -0\.1"):
        C.read_clum(_clum_csv(tmp_path, bad))


def test_unknown_city_lists_valid_names(inputs):
    with pytest.raises(ParameterError) as e:
        C.resolve_city(inputs, "Osak")
    msg = str(e.value)
    assert "'Osak'" in msg and "Osaka" in msg and "大阪市" in msg and "那覇市 (Naha)" in msg


def test_bad_year_and_draws(inputs):
    with pytest.raises(ParameterError, match="2012–2023"):
        C.city_footprint(inputs, C.OSAKA, 2005)
    with pytest.raises(ParameterError, match="draws"):
        C.simulate(inputs, C.OSAKA, 2022, draws=0)
    with pytest.raises(ParameterError, match="vary"):
        C.simulate(inputs, C.OSAKA, 2022, draws=5, vary=("clum",))


def test_bad_land_use_file(tmp_path, inputs):
    p = tmp_path / "land.csv"
    p.write_text("city,land_type,area_ha,area_ha_low,area_ha_high,source,status\n"
                 "大阪市,built_up_land,100,150,200,x,estimated\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="row 2: expected area_ha_low <= area_ha <= area_ha_high"):
        C.read_land_use(str(p), user=True)


def test_ras_refuses_inconsistent_margins():
    with pytest.raises(ParameterError, match="same grand total"):
        C.ras(np.ones((2, 2)), [1.0, 1.0], [1.0, 2.0])
    with pytest.raises(ParameterError, match="non-negative"):
        C.ras(-np.ones((2, 2)), [1.0, 1.0], [1.0, 1.0])


def test_user_land_use_gives_any_capital_a_biocapacity(tmp_path, inputs):
    p = tmp_path / "land.csv"
    p.write_text("city,land_type,area_ha,area_ha_low,area_ha_high,source,status\n"
                 "京都市,forest_products,60000,55000,65000,test,illustrative\n"
                 "京都市,built_up_land,15000,14000,16000,test,illustrative\n", encoding="utf-8")
    user = dataclasses.replace(inputs, land_use=C.read_land_use(str(p), user=True))
    fp = C.city_footprint(user, "Kyoto", 2022)
    ctx = C.year_context(inputs, 2022)
    i, j = LAND_TYPES.index("forest_products"), LAND_TYPES.index("built_up_land")
    expected = (60000 * ctx.yield_factors[i] * ctx.equivalence_factors[i]
                + 15000 * ctx.yield_factors[j] * ctx.equivalence_factors[j])
    assert fp.headline["bc_gha"] == pytest.approx(expected, rel=1e-12)
    assert 0 < fp.headline["share_outside_city"] < 1
