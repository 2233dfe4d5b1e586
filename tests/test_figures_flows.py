"""The figures of notebook 04 (footprint.outputs.figures.flows): every figure function returns a Figure whose
title and caption come from the catalog in the language asked, placeholders filled, numbers as the results
hold them; the plot modules draw their words from the catalog too."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from footprint import accounts as A
from footprint import flows as FL
from footprint.core import STATUSES
from footprint.outputs import maps
from footprint.outputs.catalog import text
from footprint.outputs.export import Figure, has_cjk
from footprint.outputs.figures import flows as figures
from footprint.outputs.plots import flows as flows_plots
from footprint.outputs.plots import ledger as ledger_plots
from footprint.outputs.style import setup_style
from footprint.pipeline.model import RunParameters, compute

LEDGER_YEAR, FLOWS_YEAR = 2024, 2025


@pytest.fixture(scope="module")
def run():
    """The run's osaka, forest and flows results (few draws) and the notebook's analysis of the flow graph."""
    setup_style()  # the project's fonts (Japanese glyphs), as a notebook has them
    params = RunParameters(draws=50)
    up: dict = {}
    up["osaka"] = compute("osaka", params, up)
    up["forest"] = compute("forest", params, up)
    r = compute("flows", params, up)
    seed = FL.load_seed()
    flows, added = FL.with_model_layers(seed.flows, seed.nodes, seed.units, origin=up["osaka"]["origin_table"],
                                        origin_year=2022, fund=up["forest"]["flows"])
    fy, eqf, y_w = FL.nfa_forest_factors(A.load_nfa(), FLOWS_YEAR)
    factors = FL.conversion_table(seed.units, seed.parameters, seed.carbon_uptake, eqf_forest=eqf,
                                  world_yield_m3_per_ha=y_w, year=fy)
    res = FL.analyse_flows(flows, seed.nodes, factors, year=FLOWS_YEAR)
    return {"flows": r, "nodes": seed.nodes, "res": res, "added": added}


@pytest.fixture(scope="module")
def geo(run):
    """Nodes, points and boundaries of the maps, as the notebook reads them."""
    r = run["flows"]
    p = FL.partnership_of(r)
    mnodes = pd.concat([run["nodes"], p.nodes], ignore_index=True)
    countries, prefs = maps.world_countries(), maps.japan_prefectures()
    munis = maps.japan_municipalities(prefectures=flows_plots.map_prefecture_codes(mnodes))
    points = flows_plots.node_points(mnodes, countries=countries, municipalities=munis, prefectures=prefs)
    return {"nodes": mnodes, "countries": countries, "prefs": prefs, "munis": munis, "points": points, "p": p}


def _world(geo, currency: str):
    p = geo["p"]
    return figures.world_layer_flows(p.ledger, currency, LEDGER_YEAR, p.node_of, geo["nodes"], geo["points"])


def _specs(run, geo, lang: str, currency: str = "ef_gha") -> dict[str, Figure]:
    r, res, p = run["flows"], run["res"], geo["p"]
    mflows = FL.magnitude_flows(p.ledger, currency, LEDGER_YEAR, p.node_of)
    dflows, dom = figures.domestic_flows(p.ledger, currency, LEDGER_YEAR, p.node_of)
    mbonds = FL.magnitude_bonds(p.ledger, currency, LEDGER_YEAR)
    return {
        "partnership_ledger": figures.partnership_ledger(r, lang, year=LEDGER_YEAR),
        "ledger_time_series": figures.ledger_time_series(r, lang, currency=currency),
        "magnitude_bonds": figures.magnitude_bonds(r, mbonds, lang, currency=currency, year=LEDGER_YEAR),
        "world_flow_map": figures.world_flow_map(*_world(geo, currency)[:1], geo["nodes"], geo["points"],
                                                 geo["countries"], lang, currency=currency, year=LEDGER_YEAR,
                                                 weights=_world(geo, currency)[1]),
        "domestic_partner_map": figures.domestic_partner_map(dflows, geo["nodes"], geo["points"], geo["prefs"],
                                                             geo["munis"], lang, currency=dom, asked=currency),
        "alluvial_by_layer": figures.alluvial_by_layer(mflows, geo["nodes"], lang, currency=currency,
                                                       year=LEDGER_YEAR),
        "partner_layer_heatmap": figures.partner_layer_heatmap(res, run["nodes"], lang, year=FLOWS_YEAR,
                                                               added=run["added"]),
        "bond_profiles": figures.bond_profiles(res, run["nodes"], lang, year=FLOWS_YEAR, added=run["added"]),
    }


@pytest.fixture(scope="module", params=["en", "ja"])
def specs(request, run, geo):
    out = _specs(run, geo, request.param)
    yield request.param, out
    for s in out.values():
        plt.close(s.fig)


def test_every_figure_has_its_name_title_and_caption_in_the_language(specs):
    lang, out = specs
    assert len(out) == 8
    # every figure names the year of its data (the domestic map's sidecar had none: issue 19)
    assert all(s.year not in (None, "") for s in out.values()), {n: s.year for n, s in out.items()}
    for name, s in out.items():
        assert isinstance(s, Figure) and s.name == name
        assert s.title.strip() and s.caption.strip() and s.source.strip(), name
        assert s.status in STATUSES, (name, s.status)
        for t in (s.title, s.caption, s.source, s.credit):
            assert "{" not in t and "}" not in t, (name, t)
        if lang == "ja":
            assert has_cjk(s.title) and has_cjk(s.caption), name
        else:
            assert not has_cjk(s.title) and not has_cjk(s.caption), name
    assert out["world_flow_map"].credit == maps.credit("natural_earth", lang=lang)
    assert out["domestic_partner_map"].credit == maps.credit("mlit", lang=lang)


def test_captions_quote_the_numbers_of_the_results(specs, run):
    lang, out = specs
    head = FL.headline(FLOWS_YEAR, run["res"].converted, run["res"].bonds, run["res"].cycles)
    cap = out["partner_layer_heatmap"].caption
    assert cap == text("flows_partner_layer_heatmap.caption", lang, multi=head["partners_multi_layer"],
                       partners=head["partners"])
    for n in (head["partners_multi_layer"], head["partners"]):
        assert re.search(rf"(?<!\d){n}(?!\d)", cap), (n, cap)
    assert str(FLOWS_YEAR) in out["bond_profiles"].title
    assert str(LEDGER_YEAR) in out["partnership_ledger"].title
    assert ledger_plots.currency_label("ef_gha", lang) in out["world_flow_map"].caption


def test_ties_sources_name_the_model_layers_added(specs, run):
    lang, out = specs
    src = out["bond_profiles"].source
    assert src.startswith(text("flows_sources.seed", lang))
    assert text("flows_sources.city_layer", lang) in src and text("flows_sources.forest_layer", lang) in src


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_domestic_map_says_when_it_shows_tonnes_instead(run, geo, lang):
    p = geo["p"]
    dflows, dom = figures.domestic_flows(p.ledger, "co2_t", LEDGER_YEAR, p.node_of)
    assert dom == "mass_t" and set(dflows["item"]) <= {"freight", "migration"}
    partners = set(dflows["source_id"]) | set(dflows["target_id"])
    assert len(partners - {"osaka_city"}) <= 8
    s = figures.domestic_partner_map(dflows, geo["nodes"], geo["points"], geo["prefs"], geo["munis"], lang,
                                     currency=dom, asked="co2_t")
    plt.close(s.fig)
    note = text("flows_domestic_partner_map.tonnes_note", lang, asked="t-CO₂")
    assert s.caption.endswith(note) and ledger_plots.currency_label("mass_t", lang) in s.title
    same, cur = figures.domestic_flows(p.ledger, "persons", LEDGER_YEAR, p.node_of)
    assert cur == "persons"
    s = figures.domestic_partner_map(same, geo["nodes"], geo["points"], geo["prefs"], geo["munis"], lang,
                                     currency=cur, asked="persons")
    plt.close(s.fig)
    assert note not in s.caption


def test_partner_names_are_in_the_language_nodes_included(run):
    nodes = FL.partnership_of(run["flows"]).nodes
    en, ja = figures.partner_names("en", nodes), figures.partner_names("ja", nodes)
    assert en["VNM"] == "Viet Nam" and ja["VNM"] == "ベトナム"
    assert en["government_of_japan"] == "National forest-tax pool" and has_cjk(ja["government_of_japan"])
    tokyo = nodes.loc[nodes["name_en"] == "Tokyo", "id"].iloc[0]
    assert en[tokyo] == "Tokyo" and ja[tokyo] == "東京"  # English names in English figures
    assert figures.ledger_partners(False) == list(FL.PARTNERS)
    assert figures.ledger_partners()[-1] == "government_of_japan"


def test_the_time_series_falls_back_to_gha_for_a_currency_it_does_not_have(run):
    s = figures.ledger_time_series(run["flows"], "en", currency="persons")
    assert "(gha)" in s.fig.axes[0].get_ylabel()
    plt.close(s.fig)


def test_chart_words_come_from_the_catalog_in_japanese(run):
    led = run["flows"]["ledger"]
    fig = ledger_plots.ledger_figure(led, figures.ledger_partners(), LEDGER_YEAR, lang="ja")
    words = [t.get_text() for t in fig.texts]
    assert any(w.startswith(text("flows_chart.ledger_key", "ja", year=LEDGER_YEAR)) for w in words)
    plt.close(fig)
    assert flows_plots.layer_label("people", "ja") == "人・知識" and flows_plots.layer_label("other", "ja") == "other"
    assert ledger_plots.flow_label("trade_goods", "ja") == "財の貿易" and ledger_plots.flow_label("x", "en") == "x"
    assert ledger_plots.currency_label("amount_jpy", "en") == "yen"


def test_ledger_time_series_ticks_are_whole_years_that_do_not_run_together(specs):
    """Issue 19: the automatic ticks were fractional years ("2010.02012.52015.0")."""
    _lang, out = specs
    fig = out["ledger_time_series"].fig
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        labels = [t for t in ax.get_xticklabels() if t.get_text() and t.get_visible()]
        lo, hi = ax.get_xlim()
        labels = [t for t in labels if lo <= t.get_position()[0] <= hi]
        assert labels and all(re.fullmatch(r"\d{4}", t.get_text()) for t in labels), [t.get_text() for t in labels]
        boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.x0)
        assert all(a.x1 <= b.x0 for a, b in zip(boxes, boxes[1:])), "tick labels overlap"


def test_bond_profiles_say_diversity_as_kinds_of_flow_not_nats(specs, run):
    """Issue 19: the labels read "n= H= recip." (H in nats)."""
    lang, out = specs
    words = [t.get_text() for ax in out["bond_profiles"].fig.axes for t in ax.texts]
    assert words and not any("H=" in w or "n=" in w for w in words)
    assert all(("kinds in effect" if lang == "en" else "種類") in w for w in words if w.strip())


def test_no_figure_cites_this_notebook(specs):
    """Issue 19: a figure handed on alone cited "(this notebook)"; every source names what it is."""
    _lang, out = specs
    assert not [n for n, s in out.items() if "this notebook" in s.source or "このノートブック" in s.source]


def test_ledger_ticks_say_large_numbers_as_readers_do():
    """Issue 19: yen axes read "100G" (SI giga) and used k/M/G in Japanese too."""
    from footprint.outputs.plots.ledger import _fmt

    assert _fmt(1.0e11, "en") == "100 bn" and _fmt(2.5e6, "en") == "2.5 M" and _fmt(3200, "en") == "3.2 k"
    assert _fmt(1.0e11, "ja") == "1,000億" and _fmt(0.5, "en") == "0.5" and _fmt(0, "ja") == "0"
    assert _fmt(3.0e8, "ja") == "3億" and _fmt(5.0e4, "ja") == "5万" and _fmt(2.0e12, "ja") == "2兆"
    assert not any(_fmt(v, lang).endswith("G") for v in (1e9, 5e10, 1e11) for lang in ("en", "ja"))


def test_the_ledger_shows_defined_cells_and_says_once_what_is_missing(run):
    """Issue 19: three of four forest-tax panels said "not defined" and residents were n/a in every panel."""
    led = run["flows"]["ledger"]
    partners = figures.ledger_partners()
    shown = led[led["partner"].isin(partners) & (led["year"] == LEDGER_YEAR)]
    never = set(shown["flow"]) - set(shown.loc[shown["available"].astype(bool), "flow"])
    for lang in ("en", "ja"):
        fig = ledger_plots.ledger_figure(led, partners, LEDGER_YEAR, lang=lang)
        panel_words = [t.get_text() for ax in fig.axes for t in ax.texts]
        rows = {t.get_text() for ax in fig.axes for t in ax.get_yticklabels()}
        assert text("flows_chart.not_defined", lang) not in panel_words
        assert not rows & {ledger_plots.flow_label(f, lang) for f in never}
        key = next(t.get_text() for t in fig.texts if t.get_text().startswith(text("flows_chart.ledger_key", lang,
                                                                                  year=LEDGER_YEAR)))
        assert all(ledger_plots.flow_label(f, lang) in key for f in never)
        plt.close(fig)
    assert never  # the seed data has such a kind (residents): the test checks something


def test_no_world_map_panel_is_empty_when_its_layer_has_flows_abroad_in_another_unit(specs, geo):
    """Issue 19: in gha, the funds and people panels were empty ("0 pairs drawn") and the legend listed
    "between others", never drawn, with no key for line width. Now each layer falls back to its own unit."""
    lang, out = specs
    flows, units = _world(geo, "ef_gha")
    assert units == {"resource": "ef_gha", "fund": "co2_t", "people": "persons"}  # JCM reductions, visitors
    assert (flows.groupby("layer")[["ef_gha", "co2_t", "persons"]].count() > 0).sum(axis=1).eq(1).all()
    fig = out["world_flow_map"].fig
    for ax, layer in zip(fig.axes, FL.LAYERS, strict=True):
        title = ax.get_title(loc="left")
        assert flows_plots.layer_label(layer, lang) in title
        assert ledger_plots.currency_label(units[layer], lang) in title
        assert not any(t.get_text() == text("flows_chart.no_located_flow", lang) for t in ax.texts), title
        keys = [t.get_text() for t in ax.get_legend().get_texts()]
        assert text("flows_chart.between_others", lang) not in keys
        sizes = [k for k in keys if k.endswith(ledger_plots.currency_label(units[layer], lang))]
        assert len(sizes) == 2, keys  # two round sizes: the width key
    for name in ("funds", "people") if lang == "en" else ("資金", "人・知識"):
        assert name in out["world_flow_map"].caption
    # a currency every layer has abroad keeps it: no fallback note
    assert set(_world(geo, "co2_t")[1].values()) <= {"co2_t", "persons"}


def test_the_alluvial_labels_every_block_with_its_size_and_names_the_layers_it_leaves_out(specs):
    """Issue 19: "by layer" with one layer drawn, and no values or scale."""
    lang, out = specs
    s = out["alluvial_by_layer"]
    unit = ledger_plots.currency_label("ef_gha", lang)
    labels = [t.get_text() for t in s.fig.axes[0].texts if "·" in t.get_text()]
    assert len(labels) >= 3 and all(lab.endswith(unit) and re.search(r"\d", lab) for lab in labels), labels
    sep = text("flows_chart.list_sep", lang)
    layers = sep.join(flows_plots.layer_label(x, lang).lower() for x in ("fund", "people"))
    missing = text("flows_alluvial_by_layer.missing_note", lang, currency=unit, layers=layers)
    assert missing in s.caption


def test_magnitude_bonds_leave_out_a_diversity_panel_that_is_empty_for_every_partner(specs):
    """Issue 19: the diversity panel was all grey dots at 0 (one kind of flow per partner in gha)."""
    lang, out = specs
    fig = out["magnitude_bonds"].fig
    xlabels = [ax.get_xlabel() for ax in fig.axes]
    assert len(fig.axes) == 2 and text("flows_chart.diversity_axis", lang) not in xlabels
    assert ledger_plots.currency_label("ef_gha", lang) in xlabels[0]
    assert text("flows_magnitude_bonds.no_diversity", lang, currency=ledger_plots.currency_label("ef_gha", lang)) \
        in out["magnitude_bonds"].caption


def test_the_domestic_map_names_its_hub_osaka_prefecture_keeps_the_credit_off_the_map_and_keys_widths(specs):
    """Issue 19: prefectural freight drawn to a hub labelled "Osaka City", the MLIT credit over the map, no key
    for line width."""
    lang, out = specs
    s = out["domestic_partner_map"]
    ax = s.fig.axes[0]
    words = [t.get_text() for t in ax.texts]
    assert text("flows_partners.osaka_prefecture", lang) in words
    assert not any(w in words for w in ("Osaka City", "大阪市"))
    assert not any("MLIT" in w or "国土" in w for w in words) and s.credit == maps.credit("mlit", lang=lang)
    unit = ledger_plots.currency_label("mass_t", lang)
    keys = [t.get_text() for t in ax.get_legend().get_texts()]
    assert sum(k.endswith(unit) for k in keys) == 2, keys
