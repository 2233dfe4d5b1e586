"""Forest environment transfer tax, carbon in wood, forest sinks: worked examples, properties, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footprint import forest as F
from footprint.core.errors import DataFileError, ParameterError


@pytest.fixture(scope="module")
def inputs():
    return F.load_inputs()


@pytest.fixture(scope="module")
def params(inputs):
    return inputs.allocation


# --------------------------------------------------------------------------------------------
# published worked examples of the formulas
# --------------------------------------------------------------------------------------------


def test_sugi_increment_worked_example():
    # Forestry Agency: 36-40-year sugi, 9.7 m3/ha/yr -> 8.8 t-CO2/ha/yr
    assert F.sink_co2_t(9.7, 1.23, 0.25, 0.314, 0.51) == pytest.approx(8.8, abs=0.05)


def test_plywood_worked_example():
    # softwood plywood 1.987 m3, D 0.542, Cf 0.493 -> 1.95 t-CO2 (guideline formula)
    assert F.stored_co2_t(1.987, 0.542, 0.493) == pytest.approx(1.95, abs=0.005)


def test_hinoki_certification_example():
    # 9.6 m3 x BEF(1+R) 1.56 x D 0.407 x CF 0.5 x 44/12 = 11.17 t-CO2
    assert F.sink_co2_t(9.6, 1.56, 0.0, 0.407, 0.5) == pytest.approx(11.17, abs=0.005)


def test_shipped_tables_reproduce_the_worked_examples(inputs):
    c = inputs.carbon
    sp = c.species.set_index("species").loc["sugi"]
    assert F.sink_co2_t(9.7, sp["bef_gt20"], sp["root_shoot"], sp["basic_density_t_per_m3"],
                        sp["carbon_fraction"]) == pytest.approx(8.8, abs=0.05)
    d = c.densities.set_index(["product", "species"])
    ply = d.loc[("plywood", "softwood")]
    assert F.stored_co2_t(1.987, ply["density_t_per_m3"], ply["carbon_fraction"]) == pytest.approx(1.95, abs=0.005)
    sugi = d.loc[("sawnwood", "sugi")]
    # Niigata calculator (guideline sheet): post 0.0432 m3 -> 26.2 kg; house 24.9 m3 -> 15.11 t
    assert F.stored_co2_t(0.0432, sugi["density_t_per_m3"], sugi["carbon_fraction"]) * 1000 == pytest.approx(26.2, abs=0.1)
    assert F.stored_co2_t(24.9, sugi["density_t_per_m3"], sugi["carbon_fraction"]) == pytest.approx(15.11, rel=0.002)


def test_forest_sink_of_a_sugi_stand_from_the_tables(inputs, params):
    stands = pd.DataFrame({"species": ["sugi"], "age_y": [38], "area_ha": [1.0]})
    out = F.forest_sink(stands, inputs.carbon.species, inputs.carbon.increments)
    assert out["increment_m3_per_ha_yr"].iloc[0] == 9.7  # narrowest class 36-40, not the 1-100 mean
    assert out["co2_t"].iloc[0] == pytest.approx(8.8, abs=0.05)
    assert out["status"].iloc[0] == "published"
    hinoki = F.forest_sink(pd.DataFrame({"species": ["hinoki"], "age_y": [25], "area_ha": [2.0]}),
                           inputs.carbon.species, inputs.carbon.increments)
    assert hinoki["status"].iloc[0] == "estimated"  # unverified species flagged
    assert hinoki["bef"].iloc[0] == 1.24


def test_one_inflow_decays_to_half_after_one_half_life():
    for hl in (2, 25, 35):
        x = np.zeros(hl + 1)
        x[0] = 1.0
        s = F.fod_stock(x, hl)
        assert s[hl] == pytest.approx(s[0] / 2, rel=1e-12)
        assert s[0] == pytest.approx((1 - np.exp(-np.log(2) / hl)) / (np.log(2) / hl))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1e4), min_size=1, max_size=40), st.floats(0.5, 100))
def test_fod_closed_form_equals_the_ipcc_recursion(inflow, hl):
    k = np.log(2) / hl
    c, expected = 0.0, []
    for x in inflow:  # the recursion as written in IPCC 2006 Eq. 12.1
        c = np.exp(-k) * c + (1 - np.exp(-k)) / k * x
        expected.append(c)
    np.testing.assert_allclose(F.fod_stock(np.array(inflow), hl), expected, rtol=1e-9, atol=1e-9)


# --------------------------------------------------------------------------------------------
# allocation
# --------------------------------------------------------------------------------------------


def _table(area, workers, pop, ratio=None):
    n = len(area)
    return pd.DataFrame({"code5": [f"{i:05d}" for i in range(n)], "planted_forest_area_ha": area,
                         "forestry_workers_persons": workers, "population_persons": pop,
                         "forest_ratio": ratio if ratio is not None else [np.nan] * n})


_vals = st.lists(st.floats(0, 1e6, allow_nan=False), min_size=2, max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_allocations_sum_exactly_to_the_pool(params, data):
    n = data.draw(st.integers(2, 40))
    draw = lambda: data.draw(st.lists(st.floats(0, 1e6), min_size=n, max_size=n).filter(lambda v: sum(v) > 0))  # noqa: E731
    ratio = data.draw(st.lists(st.floats(0, 1), min_size=n, max_size=n))
    t = _table(draw(), draw(), draw(), ratio)
    fys = data.draw(st.lists(st.integers(2019, 2030), min_size=1, max_size=5, unique=True))
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
    t = _table(vals(), vals(), vals())
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
    t = _table([100.0, 100.0, 100.0], [1, 1, 1], [10, 10, 10], ratio=[0.5, 0.8, 0.9])
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


# --------------------------------------------------------------------------------------------
# Osaka City against published figures
# --------------------------------------------------------------------------------------------


def test_osaka_fy2023_reproduced_and_fy2019_within_ten_percent(inputs):
    flows = F.osaka_fund_flows(range(2019, 2026), inputs).set_index("fiscal_year")
    model = flows["receipts_model_jpy"]
    assert model[2023] == pytest.approx(310.62e6, rel=0.01)
    first_tranche = 54.8e6  # FY2019, first of two tranches
    assert model[2019] == pytest.approx(2 * first_tranche, rel=0.10)
    # fact-sheet model estimates (derived): FY2020-21 about 240 M, FY2024- about 324 M
    assert model[2020] == pytest.approx(240e6, rel=0.05)
    assert model[2024] == pytest.approx(324e6, rel=0.02)
    assert flows.loc[2019, "status"] == "estimated" and flows.loc[2023, "status"] == "published"
    assert (flows.loc[:2023, "payments_jpy"] == 0).all() and (flows.loc[2024:, "payments_jpy"] > 0).all()
    assert flows.loc[2024, "payments_status"] == "estimated"


def test_osaka_fund_flows_contract(inputs):
    flows = F.osaka_fund_flows(inputs=inputs)
    assert list(flows.columns[:6]) == ["fiscal_year", "receipts_jpy", "payments_jpy", "net_outflow_jpy", "status",
                                       "source"]
    assert flows["fiscal_year"].tolist() == list(range(2019, 2026))
    np.testing.assert_allclose(flows["net_outflow_jpy"], flows["payments_jpy"] - flows["receipts_jpy"])
    # levy: about 62 million payers x 1,000 yen, Osaka by its 2020 population share
    assert flows["payments_jpy"].iloc[-1] == pytest.approx(62e6 * 1000 * 2752412 / 126146099)


def test_population_parts_match_the_fact_sheet(inputs, params):
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


def test_money_destinations_add_up_to_the_payments(inputs, params):
    flows = F.osaka_fund_flows(inputs=inputs)
    dest = F.money_destinations(flows, F.region_shares(inputs.prefectures, params, flows["fiscal_year"]))
    by_year = dest.groupby("fiscal_year")["amount_jpy"].sum()
    np.testing.assert_allclose(by_year, flows.set_index("fiscal_year").loc[by_year.index, "payments_jpy"])
    assert set(dest["status"]) == {"estimated"}


# --------------------------------------------------------------------------------------------
# wood, stock, offsets
# --------------------------------------------------------------------------------------------


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


def test_offsets_arithmetic():
    hwp = pd.DataFrame({"year": [2024, 2025], "stock_change_co2_t": [100.0, 50.0]})
    o = F.offsets(hwp, 10.0, emissions_co2_t=1e6, footprint_gha=7e5, gha_per_t_co2=0.35, sink_from_year=2025)
    assert o["forest_sink_co2_t"].tolist() == [0.0, 10.0]
    assert o["total_co2_t"].tolist() == [100.0, 60.0]
    assert o["share_of_emissions"].iloc[0] == pytest.approx(1e-4)
    assert o["share_of_footprint"].iloc[1] == pytest.approx(60 * 0.35 / 7e5)
    assert o["footprint_co2_t"].iloc[0] == pytest.approx(2e6)


# --------------------------------------------------------------------------------------------
# bad input gives one clear error
# --------------------------------------------------------------------------------------------


def test_fiscal_year_outside_the_table(params):
    t = _table([1.0, 2.0], [1, 1], [1, 1])
    with pytest.raises(ParameterError, match=r"data/raw/forest/transfer_tax_pools.csv: fiscal year 2018: .*FY2019"):
        F.allocate(t, [2018, 2019], params)


def test_negative_area_in_a_table(params):
    t = _table([1.0, -5.0], [1, 1], [1, 1])
    with pytest.raises(ParameterError, match=r"code5 '00001'.*planted_forest_area_ha >= 0.*-5"):
        F.allocate(t, [2023], params)


def test_negative_area_in_a_supplied_file(tmp_path, inputs):
    f = tmp_path / "planted.csv"
    f.write_text("code5,planted_forest_area_ha\n27100,0\n27216,-3\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"planted.csv: row 3: expected planted_forest_area_ha >= 0, found -3"):
        F.load_planted_forest(f, inputs.municipalities)


def test_unknown_municipality_code_in_a_supplied_file(tmp_path, inputs):
    f = tmp_path / "workers.csv"
    f.write_text("code5,forestry_workers_persons\n27100,10\n27999,4\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"workers.csv: row 3: expected a 5-digit municipality code.*'27999'"):
        F.load_forestry_workers(f, inputs.municipalities)


def test_supplied_cp932_tables_are_used(tmp_path, inputs, params):
    f = tmp_path / "workers_cp932.csv"
    f.write_bytes("code5,forestry_workers_persons,備考\n1100,40,札幌市\n27100,120,大阪市\n22130,900,浜松市\n"
                  .encode("cp932"))
    w = F.load_forestry_workers(f, inputs.municipalities)
    assert w["code5"].tolist() == ["01100", "27100", "22130"]  # leading zero restored
    m = F.municipality_indicators(inputs.municipalities, workers=w)
    shares = F.osaka_shares(m, params, inputs.published)
    assert shares.workers_share == pytest.approx(120 / 1060) and shares.workers_status == "derived"


def test_unknown_partner_and_species(inputs):
    with pytest.raises(ParameterError, match=r"partner municipality code '27999'"):
        F.stands_table(["27999"], 10.0, [["sugi", 38, 1.0]], inputs.municipalities)
    with pytest.raises(ParameterError, match=r"species 'sugii'.*close: \['sugi'\]"):
        F.forest_sink(pd.DataFrame({"species": ["sugii"], "age_y": [38], "area_ha": [1.0]}),
                      inputs.carbon.species, inputs.carbon.increments)
    with pytest.raises(ParameterError, match=r"age 60.*forest_increments"):
        F.forest_sink(pd.DataFrame({"species": ["hinoki"], "age_y": [60], "area_ha": [1.0]}),
                      inputs.carbon.species, inputs.carbon.increments)
    with pytest.raises(ParameterError, match=r"supported area: expected >= 0 ha"):
        F.stands_table(["27216"], -1.0, [["sugi", 38, 1.0]], inputs.municipalities)


def test_indicator_with_a_weight_but_no_data(params, inputs):
    m = inputs.municipalities.assign(planted_forest_area_ha=0.0, forestry_workers_persons=0)
    with pytest.raises(ParameterError, match=r"planted_forest_area_ha sums to zero"):
        F.allocate(m, [2023], params, population_columns={2019: "pop_2020_persons"})


def test_carbon_footprint_falls_back_to_the_national_accounts(monkeypatch):
    import sys

    from footprint import accounts as A

    import footprint

    monkeypatch.setitem(sys.modules, "footprint.city", None)  # as if the city module had not landed
    monkeypatch.delattr(footprint, "city", raising=False)
    cf = F.load_osaka_carbon_footprint(2022, 2_752_412, 0.35)
    assert cf["method"].startswith("fallback") and cf["status"] == "estimated"
    nfa = A.load_nfa()
    per_cap = A.matrix(nfa, "ef_consumption", countries=[A.JAPAN_CODE], years=[2022])["carbon"].iloc[0]
    assert cf["ef_carbon_gha"] == pytest.approx(per_cap * 2_752_412)
    assert cf["co2_t"] == pytest.approx(cf["ef_carbon_gha"] / 0.35)
