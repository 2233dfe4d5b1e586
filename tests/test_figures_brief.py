"""Figure functions of the local-SDGs brief (footprint.outputs.figures.brief): every figure in English and
Japanese has its title and caption from the catalog, placeholders filled, and quotes the results' numbers."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from footprint import accounts as A
from footprint import flows as FL
from footprint import forest as F
from footprint import sdgs as S
from footprint.outputs.export import Figure
from footprint.outputs.figures import brief as figures
from footprint.outputs.style import setup_style
from footprint.pipeline import model

NB = "05_local_sdgs_brief"
SMALL = {"draws": 30, "fiscal_years": [2023, 2024], "purchase_years": [2023, 2030], "horizon_year": 2035,
         "flows_year": 2023, "partnerships": ["hcmc", "forest_regions"]}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def brief(nfa):
    """The run's results the brief reads (computed once, small) and the tables notebook 05 builds from them."""
    R = model.notebook_results(NB, SMALL)
    p = model.RunParameters(**SMALL)
    all_parts = S.load_partnerships()
    parts = S.select_partnerships(all_parts, p.partnerships)
    countries = S.partner_countries(parts)
    national = A.summary(nfa, countries, [p.year])
    forest = F.scenario_of(R["forest"])
    origin = R["osaka"]["origin_table"]
    seed = FL.load_seed()
    graph, _ = FL.with_model_layers(seed.flows, seed.nodes, seed.units, origin=origin, origin_year=p.year,
                                    fund=forest.flows)
    bonds = FL.bond_metrics(FL.snapshot(graph, p.flows_year), seed.nodes)
    table = S.indicator_table([
        S.load_published(all_parts),
        S.national_rows(national, parts, p.year, A.NFA_SOURCE),
        S.city_rows(R["osaka"]["headline"], R["osaka"].value("carbon_footprint"), origin),
        S.forest_rows(forest, R["forest"]["published"], {"wood": F.SOURCES["guideline"], "sink": F.SOURCES["sink"]}),
        S.flow_rows(graph, bonds, parts, p.flows_year),
    ], all_parts)
    table = table[table["partnership"].isin(parts["id"])].reset_index(drop=True)
    return dict(R=R, p=p, parts=parts, countries=countries, national=national, table=table,
                cov=S.coverage(table, parts))


def _figures(b, lang: str) -> dict[str, Figure]:
    R, p = b["R"], b["p"]
    names = dict(zip(b["parts"]["id"], b["parts"][f"name_{lang}"], strict=True))
    return {
        "earths": figures.earths(R["osaka"], b["national"], b["countries"], lang),
        "dependence": figures.dependence(R["osaka"], lang),
        "forest_money": figures.forest_money(R["forest"], lang),
        "offsets_scale": figures.offsets_scale(b["table"], R["osaka"], R["forest"], lang),
        "sdg_coverage": figures.sdg_coverage(b["cov"], names, R["osaka"], p.flows_year, lang),
        "partnership_ledger": figures.partnership_ledger(R["flows"], lang),
    }


@pytest.fixture(scope="module", params=["en", "ja"])
def drawn(request, brief):
    setup_style()  # the project's fonts (Japanese glyphs), as a notebook has them
    figs = _figures(brief, request.param)
    yield request.param, figs
    for f in figs.values():
        plt.close(f.fig)


def test_every_figure_has_its_text_in_the_language(drawn):
    lang, figs = drawn
    for key, f in figs.items():
        assert isinstance(f, Figure) and f.name == f"brief_{key}"
        assert f.title.strip() and f.caption.strip() and f.source.strip(), key
        for s in (f.title, f.caption, str(f.year)):
            assert "{" not in s and "}" not in s, (key, s)
        assert bool(JAPANESE.search(f.title + f.caption)) == (lang == "ja"), key
        assert f.status in ("published", "derived", "estimated", "illustrative")
        words = [t.get_text() for ax in f.fig.axes for t in ax.texts + [ax.title, ax.xaxis.label]]
        assert all("{" not in w for w in words), (key, words)


def test_captions_quote_the_results_numbers(drawn, brief):
    lang, figs = drawn
    R, p = brief["R"], brief["p"]
    h = R["osaka"]["headline"].set_index("indicator")
    assert f"{h.loc['earths', 'central']:.2f}" in figs["earths"].caption
    assert f"{h.loc['earths', 'p95_parametric']:.2f}" in figs["earths"].caption
    assert figs["earths"].year == p.year
    # the dependence is quoted for located land, carbon apart (issue 19: 99.4 % counted carbon as "outside")
    assert f"{float(h.loc['land_share_outside_city', 'central']):.0%}" in figs["dependence"].fig.axes[0].get_title()
    assert f"{float(h.loc['share_outside_city', 'central']):.1%}" not in figs["dependence"].fig.axes[0].get_title()
    assert f"{float(h.loc['carbon_share', 'central']):.0%}" in figs["dependence"].caption
    assert f"{S.share_abroad(R['osaka']['origin_table']):.0%}" in figs["dependence"].caption
    fl = F.scenario_of(R["forest"]).flows
    assert f"{float(fl['net_outflow_jpy'].iloc[-1]) / 1e6:,.0f}" in figs["forest_money"].caption
    assert str(p.fiscal_years[-1]) in figs["forest_money"].year
    sc = F.scenario_of(R["forest"])
    ratio = S.footprint_to_sink_ratio(float(R["osaka"].value("carbon_footprint")["co2_t"]), sc)
    assert f"{ratio:,.0f}" in figs["offsets_scale"].caption
    assert str(S.partnerships_measured(brief["cov"])) in figs["sdg_coverage"].caption
    assert str(p.flows_year) in figs["sdg_coverage"].year
    assert str(FL.ledger_latest_year(FL.partnership_of(R["flows"]).ledger)) in figs["partnership_ledger"].title


def test_offsets_chart_shows_annual_flows_only(brief):
    """The wood-carbon stock at the horizon is replaced by one year's net addition (a stock is no flow)."""
    R = brief["R"]
    sc = F.scenario_of(R["forest"])
    rows, wood_year = figures.offset_rows(brief["table"], R["osaka"], R["forest"], "en")
    assert sc.stock_end_co2_t not in set(rows["co2_t"])
    assert (rows["co2_t"] > 0).all()
    assert rows["name"].iloc[-1] == f"Net addition to the carbon in purchased wood ({wood_year})"


def test_offsets_scale_says_each_gap_and_leaves_no_empty_decades(drawn, brief):
    """Issue 19: the caption called a 25x gap "the same small order", and the log axis had two empty decades."""
    lang, figs = drawn
    spec = figs["offsets_scale"]
    assert "same small order" not in spec.caption and "同じく小さく" not in spec.caption
    R = brief["R"]
    cf = float(R["osaka"].value("carbon_footprint")["co2_t"])
    ax = spec.fig.axes[0]
    xs = np.concatenate([c.get_offsets()[:, 0] for c in ax.collections])
    lo, hi = ax.get_xlim()
    assert hi <= max(xs) * 3.01  # the largest dot's label sits to its left
    second = np.sort(xs)[-2]
    assert hi <= max(max(xs) * 3.01, second * 201)
    assert cf == pytest.approx(max(xs))


def test_offsets_dots_carry_three_significant_digits(drawn):
    """Issue 19: the footprint's dot read 22,585,391."""
    _lang, figs = drawn
    words = [t.get_text().split("\n")[0] for t in figs["offsets_scale"].fig.axes[0].texts]
    assert words and all(len(re.sub(r"[^0-9]", "", w).rstrip("0")) <= 3 for w in words), words


def test_sdg_names_break_between_words():
    """Issue 19: the coverage chart wrapped Japanese SDG names by width (「エネルギーをみ/んなに」). The lines come
    from the catalog and join back to the SDG's name."""
    from footprint.outputs.catalog import text
    from footprint.outputs.plots import sdgs as sdg_plots
    from footprint.sdgs.schema import SDGS

    for c, (en, ja) in SDGS.items():
        assert text(f"brief_sdg_lines.{c}", "en").replace("\n", " ") == en
        assert text(f"brief_sdg_lines.{c}", "ja").replace("\n", "") == ja.replace(" ", "")
    setup_style()
    cov = pd.DataFrame([[1, 2, 0, 1, 1, 1, 3]], columns=list(SDGS), index=["hcmc"])
    fig = sdg_plots.coverage_heatmap(cov, ["ホーチミン市"], "ja")
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert "SDG 7\nエネルギーをみんなに\nそしてクリーンに" in ticks
    plt.close(fig)


def test_indicator_rows_use_names_and_units_a_reader_knows(brief):
    """Issue 19: rows read "node hcmc", and units read "nats" and "layers (of 3)"."""
    t = brief["table"]
    assert not t["unit"].isin(["nats", "layers (of 3)"]).any()
    assert not t["note"].fillna("").str.contains(r"\bnode \w+").any()
    kinds = t[t["indicator"] == "bond_kinds"]
    assert len(kinds) and (kinds["value"] >= 1).all() and (kinds["unit"] == "kinds of flow").all()


def test_dependence_leader_lines_cross_no_label(drawn):
    """Issue 19: the leader lines of the narrow parts ran through the other parts' labels."""
    _lang, figs = drawn
    fig = figs["dependence"].fig
    ax = fig.axes[0]
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    lines = [ln for ln in ax.lines if len(ln.get_xdata()) == 2]
    labels = [t for t in ax.texts if "%" in t.get_text() and "\n" not in t.get_text()]  # the labels above the bar
    assert len(lines) == len(labels) >= 2
    for ln in lines:
        (x0, y0), (x1, y1) = ax.transData.transform(np.column_stack([ln.get_xdata(), ln.get_ydata()]))
        for t in labels:
            b = t.get_window_extent(r)
            if t.get_color() == ln.get_color():
                continue  # its own label starts where the line ends
            crosses = b.x0 <= x0 <= b.x1 and min(y0, y1) <= b.y1 and b.y0 <= max(y0, y1)
            assert not crosses, (t.get_text(), ln.get_color())
    boxes = [t.get_window_extent(r) for t in labels]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
