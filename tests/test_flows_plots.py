"""Regression tests of notebook 04's figures (issue 13): bars centred on their labels, a legend that
lists only what is drawn, a scale bar on every map, alluvial widths in a common currency, the ledger
figure with "n/a" where a cell has no data."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Rectangle
from strategies_flows import ledger_cells

from footprint import flows as FL
from footprint.flows import ledger as L
from footprint.outputs.plots import flows as flows_plots
from footprint.outputs.plots import ledger as ledger_plots


@pytest.fixture(scope="module")
def seed_analysis():
    seed = FL.load_seed()
    res = FL.analyse_flows(seed.flows, seed.nodes, _factors(seed), year=2025)
    return seed, res


def _factors(seed):
    from footprint import accounts as A

    fy, eqf, y_w = FL.nfa_forest_factors(A.load_nfa(), 2025)
    return FL.conversion_table(seed.units, seed.parameters, seed.carbon_uptake, eqf_forest=eqf, world_yield_m3_per_ha=y_w, year=fy)


def test_bond_profile_bars_are_centred_on_their_labels(seed_analysis):
    seed, res = seed_analysis
    fig = ledger_plots.bond_profiles(res.converted, res.bonds, seed.nodes)
    ax = fig.axes[0]
    ticks = ax.get_yticks()
    centres = np.array([b.get_y() + b.get_height() / 2 for b in ax.patches if isinstance(b, Rectangle) and b.get_width() != 0])
    # every partner's bars are symmetric around its tick: their mean centre is the tick
    nearest = ticks[np.abs(centres[:, None] - ticks[None, :]).argmin(axis=1)]
    for t in np.unique(nearest):
        rows = np.unique(np.round(centres[nearest == t], 9))  # one row of bars per layer drawn
        assert rows.mean() == pytest.approx(t, abs=1e-9)


def _points_and_flows():
    nodes = pd.DataFrame({"id": ["osaka_city", "kyoto", "nara"], "name_ja": ["大阪市", "京都", "奈良"],
                          "name_en": ["Osaka City", "Kyoto", "Nara"], "kind": "city", "iso3": "JPN", "muni_code": None,
                          "lat": [34.69, 35.01, 34.68], "lon": [135.50, 135.77, 135.83], "source": "t", "status": "published"})
    points = nodes[["id", "lon", "lat"]].assign(located_by="coordinates")
    flows = pd.DataFrame({"source_id": ["kyoto", "osaka_city"], "target_id": ["osaka_city", "nara"], "layer": "resource",
                          "item": "freight", "mass_t": [3.0, 1.0], "status": "published", "source": "t"})
    return nodes, points, flows


def _empty_boundaries():
    import geopandas as gpd
    from shapely.geometry import box

    return gpd.GeoDataFrame({"code": ["27000"]}, geometry=[box(135.0, 34.0, 136.0, 35.5)], crs="EPSG:4326")


def test_domestic_legend_lists_only_the_styles_drawn_and_the_map_has_a_scale_bar():
    nodes, points, flows = _points_and_flows()
    b = _empty_boundaries()
    fig = flows_plots.domestic_map(flows, nodes, points, b, b, weight="mass_t", credit=False)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Resources" in labels or any("esource" in x for x in labels)
    assert not any(x.startswith(("Funds", "People")) for x in labels)  # layers not drawn are not listed
    assert "between others" not in labels
    assert any("km" in t.get_text() for t in ax.texts)


def test_world_map_has_a_scale_bar_on_every_panel_and_widths_follow_the_currency():
    nodes, points, _flows = _points_and_flows()
    nodes = pd.concat([nodes, pd.DataFrame({"id": ["bangkok"], "name_ja": ["バンコク"], "name_en": ["Bangkok"], "kind": "city",
                                            "iso3": "THA", "muni_code": None, "lat": [13.75], "lon": [100.5],
                                            "source": "t", "status": "published"})], ignore_index=True)
    points = nodes[["id", "lon", "lat"]].assign(located_by="coordinates")
    f = pd.DataFrame({"source_id": ["bangkok", "osaka_city"], "target_id": ["osaka_city", "bangkok"], "layer": "resource",
                      "item": "trade_goods", "ef_gha": [100.0, 1.0], "status": "estimated", "source": "t"})
    world = _empty_boundaries().assign(iso3="THA")
    fig = flows_plots.world_flow_map(f, nodes, points, world, layers=["resource", "fund"], weight="ef_gha", credit=False)
    for ax in fig.axes:
        assert any("km" in t.get_text() for t in ax.texts)
    widths = sorted(p.get_linewidth() for p in fig.axes[0].patches if p.__class__.__name__ == "FancyArrowPatch")
    assert widths[-1] / widths[0] > 3  # 100 gha against 1 gha: not equal widths as counts would give


def test_alluvial_widths_are_sizes_in_the_currency():
    nodes, _, _ = _points_and_flows()
    f = pd.DataFrame({"source_id": ["kyoto", "nara"], "target_id": ["osaka_city", "osaka_city"], "layer": "resource",
                      "item": "x", "ef_gha": [3.0, 1.0]})
    fig = flows_plots.alluvial(f, nodes, weight="ef_gha")
    ax = fig.axes[0]
    blocks = {t.get_text(): t for t in ax.texts}
    rects = [p for p in ax.patches if isinstance(p, Rectangle)]
    left = sorted((r.get_height() for r in rects if r.get_x() < 0.1), reverse=True)
    assert left[0] / left[1] == pytest.approx(3.0, rel=1e-6)
    assert {"Kyoto · 3 gha", "Nara · 1 gha", "Osaka City · 4 gha", "Resources · 4 gha"} <= set(blocks)  # sizes


def test_ledger_figure_says_na_where_a_cell_has_no_data_and_uses_linear_axes():
    cells = ledger_cells([("AAA", 2024, "trade_goods", "to_osaka", 5.0)])
    grid = L.complete(cells, ["AAA"], [2024], [("trade_goods", "resource", d, "amount_jpy") for d in L.DIRECTIONS])
    led, _ = L.build_ledger(grid, draws=50, seed=1)
    fig = ledger_plots.ledger_figure(led, ["AAA"], 2024, currencies=["amount_jpy", "persons"])
    ax = fig.axes[0]
    assert any(t.get_text() == "n/a" for t in ax.texts)  # from Osaka: not available, no zero bar
    assert ax.get_xscale() == "linear"
    # persons are not defined for these flows: a blank panel, said once in the key
    assert not fig.axes[1].texts and not len(fig.axes[1].get_xticks()) and not len(fig.axes[1].get_yticks())
    assert any("blank panel" in t.get_text() for t in fig.texts)


def test_magnitude_bonds_reciprocity_and_not_available():
    rows = [("AAA", 2024, "f1", "to_osaka", 4.0), ("AAA", 2024, "f1", "from_osaka", 2.0), ("BBB", 2024, "f1", "to_osaka", 1.0)]
    grid = L.complete(ledger_cells(rows), ["AAA", "BBB"], [2024], [("f1", "resource", d, "amount_jpy") for d in L.DIRECTIONS])
    led, _ = L.build_ledger(grid, draws=20, seed=1)
    b = FL.magnitude_bonds(led, "amount_jpy", 2024).set_index("partner")
    assert b.loc["AAA", "reciprocity"] == pytest.approx(0.5)
    assert b.loc["AAA", "balance"] == pytest.approx(2.0)
    assert np.isnan(b.loc["BBB", "reciprocity"]) and np.isnan(b.loc["BBB", "from_osaka"])


def test_magnitude_bond_chart_draws_diversity_only_when_a_partner_has_two_kinds():
    rows = [("AAA", 2024, "f1", "to_osaka", 4.0), ("AAA", 2024, "f2", "to_osaka", 4.0),
            ("AAA", 2024, "f1", "from_osaka", 2.0), ("BBB", 2024, "f1", "to_osaka", 1.0)]
    flows = [(f, "resource", d, "amount_jpy") for f in ("f1", "f2") for d in L.DIRECTIONS]
    grid = L.complete(ledger_cells(rows), ["AAA", "BBB"], [2024], flows)
    led, _ = L.build_ledger(grid, draws=20, seed=1)
    b = FL.magnitude_bonds(led, "amount_jpy", 2024)
    assert b.set_index("partner").loc["AAA", "diversity"] == pytest.approx(
        -(0.6 * np.log(0.6) + 0.4 * np.log(0.4)) / np.log(2))  # f1: 4 + 2, f2: 4
    fig = ledger_plots.magnitude_bond_chart(b, currency="amount_jpy")
    assert len(fig.axes) == 3 and "yen" in fig.axes[0].get_xlabel()
    one = FL.magnitude_bonds(led[led["flow"] == "f1"], "amount_jpy", 2024)
    assert one["diversity"].isna().all() and len(ledger_plots.magnitude_bond_chart(one).axes) == 2


def test_world_map_panels_take_their_own_unit_and_key():
    nodes, points, _flows = _points_and_flows()
    nodes = pd.concat([nodes, pd.DataFrame({"id": ["bangkok"], "name_ja": ["バンコク"], "name_en": ["Bangkok"], "kind": "city",
                                            "iso3": "THA", "muni_code": None, "lat": [13.75], "lon": [100.5],
                                            "source": "t", "status": "published"})], ignore_index=True)
    points = nodes[["id", "lon", "lat"]].assign(located_by="coordinates")
    f = pd.DataFrame({"source_id": ["bangkok", "bangkok"], "target_id": ["osaka_city", "osaka_city"],
                      "layer": ["resource", "people"], "item": ["trade_goods", "visitors"],
                      "ef_gha": [100.0, np.nan], "persons": [np.nan, 2500.0], "status": "estimated", "source": "t"})
    world = _empty_boundaries().assign(iso3="THA")
    fig = flows_plots.world_flow_map(f, nodes, points, world, layers=["resource", "people"], weight="ef_gha",
                                     weights={"people": "persons"}, credit=False)
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert titles == ["Resources in gha: 1 pair drawn", "People and knowledge in persons: 1 pair drawn"]
    keys = [[t.get_text() for t in ax.get_legend().get_texts()] for ax in fig.axes]
    assert keys == [["to Osaka", "100 gha", "10 gha"], ["to Osaka", "2,000 persons", "200 persons"]]
