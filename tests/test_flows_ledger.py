"""The partnership ledger: published totals before attribution, shares within the whole, every cell
with source and status, the embodied method against the NFA, "not available" never zero, each
flow counted once in every view."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from strategies_flows import ledger_cells, ledger_rows

from footprint import flows as FL
from footprint import forest as F
from footprint.core.errors import DataFileError, ParameterError
from footprint.flows import ledger as L
from footprint.flows import partner_inputs as P
from footprint.flows import trade as T


@pytest.fixture(scope="module")
def partnership():
    seed = FL.load_seed()
    fund = F.osaka_fund_flows(range(2019, 2025), F.load_inputs())
    return FL.partnership_ledger(seed.flows, seed.nodes, fund, draws=400, seed=2026)


def test_national_totals_before_attribution_equal_the_published_values(partnership):
    # Trade Statistics of Japan, 2024, billion yen (data/raw/partners README samples)
    published = {("to_osaka", "VNM"): 4053.4, ("to_osaka", "THA"): 3738.3, ("to_osaka", "PHL"): 1435.0,
                 ("to_osaka", "GBR"): 1210.8, ("from_osaka", "VNM"): 2585.2, ("from_osaka", "THA"): 4021.9}
    led = partnership.ledger
    for (d, p), v in published.items():
        c = led[(led["partner"] == p) & (led["year"] == 2024) & (led["flow"] == "trade_goods")
                & (led["direction"] == d) & (led["currency"] == "amount_jpy")]
        assert len(c) == 1
        assert c["national"].iloc[0] / 1e9 == pytest.approx(v, abs=0.05)


def test_land_groups_partition_every_trade_total():
    trade = P.load_trade()
    g = T.land_groups(trade).groupby(["direction", "partner", "year"])["value_bn_jpy"].sum()
    tot = trade[trade["goods"] == T.TOTAL].set_index(["direction", "partner", "year"])["value_bn_jpy"]
    assert np.allclose(g.reindex(tot.index).to_numpy(), tot.to_numpy(), rtol=1e-9)


def test_land_groups_refuse_a_group_counted_twice():
    # a forest group larger than the total: nested goods counted twice leave a negative carbon rest
    rows = [("import", "AAA", T.TOTAL, 2020, 10.0), ("import", "AAA", "Wood", 2020, 8.0),
            ("import", "AAA", "Wood & Cork Manufactured", 2020, 8.0)]
    trade = pd.DataFrame(rows, columns=["direction", "partner", "goods", "year", "value_bn_jpy"])
    with pytest.raises(DataFileError, match="carbon"):
        T.land_groups(trade)


def test_attributed_shares_never_exceed_the_whole(partnership):
    led = partnership.ledger[partnership.ledger["available"]]
    assert (led["value"] <= led["national"] * (1 + 1e-12)).all()
    assert (led["share"].between(0, 1)).all()
    assert (partnership.shares["share"] < 1).all()


def test_attribution_refuses_a_share_above_one():
    with pytest.raises(ParameterError):
        T.attribution_shares([2020], {2020: 2e8}, {2020: 1.2e8}, {2020: 1.0}, {2020: 0.01})


def test_every_cell_keeps_source_and_status(partnership):
    led = partnership.ledger
    assert led["source"].notna().all() and (led["source"].astype(str).str.len() > 0).all()
    assert led["status"].isin(["published", "derived", "estimated", "illustrative", L.NOT_AVAILABLE]).all()
    assert (led.loc[led["flow"] == "trade_goods", "status"] == "estimated").where(led["available"], True).all()


def test_embodied_method_reproduces_japans_footprint_of_trade(partnership):
    # applied to all partners together (the world row), within 1e-9 relative, every NFA year and land type
    rep = partnership.reproduction
    assert len(rep) >= 5 * 15
    assert rep["rel_diff"].abs().max() < 1e-9


def test_partners_sum_to_less_than_the_world(partnership):
    e = partnership.embodied
    parts = e[e["partner"] != "WLD"].groupby(["direction", "year", "land_type"])["ef_gha"].sum()
    world = e[e["partner"] == "WLD"].set_index(["direction", "year", "land_type"])["ef_gha"]
    assert (parts <= world.reindex(parts.index) * (1 + 1e-9)).all()


def test_a_partner_with_no_data_shows_not_available_never_zero(partnership):
    led = partnership.ledger
    # Viet Nam exports are only reported from 2017; the UK is not listed in the residents table
    vn = led[(led["partner"] == "VNM") & (led["year"] == 2012) & (led["direction"] == "from_osaka")
             & (led["flow"] == "trade_goods")]
    uk = led[(led["partner"] == "GBR") & (led["flow"] == "residents")]
    for t in (vn, uk):
        assert len(t) and (~t["available"]).all()
        assert (t["status"] == L.NOT_AVAILABLE).all() and t["value"].isna().all()
        assert (L.display(led, t["partner"].iloc[0], int(t["year"].iloc[0])).to_numpy() == L.NOT_AVAILABLE).any()
    jcm_yen = led[(led["flow"] == "jcm_projects") & (led["currency"] == "amount_jpy")]
    assert (~jcm_yen["available"]).all()


def test_balance_is_not_available_when_a_direction_is_missing(partnership):
    b = partnership.balance
    vn = b[(b["partner"] == "VNM") & (b["year"] == 2012) & (b["currency"] == "amount_jpy")]
    assert (vn["status"] == L.NOT_AVAILABLE).all() and vn["balance_to_osaka"].isna().all()


@settings(max_examples=40)
@given(ledger_rows)
def test_a_flow_is_counted_once_in_every_view(rows):
    cells = ledger_cells(rows)
    if cells.empty:
        return
    grid = L.complete(cells, ["AAA", "BBB"], [2009, 2010, 2011, 2012],
                      [(f, "resource", d, "amount_jpy") for f in ("f1", "f2") for d in L.DIRECTIONS])
    led, bal = L.build_ledger(grid, draws=50, seed=1)
    total_in = float(cells["value"].sum())
    assert float(led["value"].sum()) == pytest.approx(total_in, rel=1e-12, abs=1e-6)
    ts = L.time_series(led, "amount_jpy")
    assert float(np.nansum(ts.to_numpy())) == pytest.approx(total_in, rel=1e-12, abs=1e-6)
    flows = L.magnitude_flows(led, "amount_jpy", 2010, {}, hub="osaka")
    assert float(flows["amount_jpy"].sum()) == pytest.approx(
        float(cells.loc[cells["year"] == 2010, "value"].sum()), rel=1e-12, abs=1e-6)
    # balance: to − from per partner and year, each flow once; not available when any cell of it is missing
    signed = led["value"] * np.where(led["direction"] == "to_osaka", 1.0, -1.0)
    g = led.assign(signed=signed).groupby(["partner", "year"])
    expected = g["signed"].sum()[g["available"].all()]
    got = bal[bal["status"] != L.NOT_AVAILABLE].set_index(["partner", "year"])["balance_to_osaka"]
    assert sorted(got.index) == sorted(expected.index)
    assert np.allclose(got.sort_index().to_numpy(), expected.sort_index().to_numpy(), rtol=1e-9, atol=1e-3)


def test_ledger_is_deterministic():
    cells = ledger_cells([("AAA", 2009, "f1", "to_osaka", 5.0), ("AAA", 2009, "f1", "from_osaka", 3.0)])
    a, _ = L.build_ledger(cells.assign(available=True), draws=100, seed=3)
    b, _ = L.build_ledger(cells.assign(available=True), draws=100, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert (a["p05"] <= a["median"]).all() and (a["median"] <= a["p95"]).all()


def test_city_layer_wording_for_carbon():
    origin = pd.DataFrame({"land_type": ["carbon", "cropland"], "origin": ["abroad", "abroad"], "ef_gha": [1.0, 2.0],
                           "status": "estimated", "source": "s"})
    f = FL.flows_from_origin_table(origin, 2022)
    assert "carbon: uptake land not located" in f.loc[f["item"] == "biocapacity/carbon", "note"].iloc[0]
    assert "not located" not in f.loc[f["item"] == "biocapacity/cropland", "note"].iloc[0]
