"""Figure functions of notebook 03 (footprint.outputs.figures.forest): every figure in English and Japanese has
its title and caption from the catalog, placeholders filled, and quotes the forest result's numbers."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pytest

from footprint import forest as F
from footprint.outputs import catalog as K
from footprint.outputs.export import Figure
from footprint.outputs.figures import forest as figures
from footprint.outputs.plots import forest as plots
from footprint.outputs.style import setup_style
from footprint.pipeline import model

NB = "03_forest_tax_timber_sinks"
SMALL = {"draws": 20}  # few Monte Carlo draws of the Osaka city model whose carbon footprint the offsets read
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
NAMES = ("receipts_vs_payments", "money_destinations", "money_map", "wood_carbon_stock", "partner_forest_sink",
         "offsets_vs_emissions")


@pytest.fixture(scope="module")
def forest():
    """The run's forest result as notebook 03 reads it (computed once, cheap parameters)."""
    return model.notebook_results(NB, SMALL)["forest"]


@pytest.fixture(scope="module", params=["en", "ja"])
def drawn(request, forest):
    setup_style()  # the project's fonts (Japanese glyphs), as a notebook has them
    figs = {f.__name__: f(forest, request.param) for f in figures.FIGURES}
    yield request.param, figs
    for f in figs.values():
        plt.close(f.fig)


def test_every_figure_has_its_words_in_the_language(drawn):
    lang, figs = drawn
    assert tuple(figs) == NAMES
    for fn, f in figs.items():
        assert isinstance(f, Figure) and f.name == fn
        for part in (f.title, f.caption, f.source, str(f.year)):
            assert part and "{" not in part and "}" not in part, (fn, part)
        assert f.status in ("published", "derived", "estimated", "illustrative")
        if lang == "ja":
            assert JAPANESE.search(f.title) and JAPANESE.search(f.caption), fn
        else:
            assert not JAPANESE.search(f.title + f.caption), fn


def test_titles_and_years_are_the_catalogs(drawn, forest):
    lang, figs = drawn
    fy = forest.values["destination_fy"]
    assert figs["money_destinations"].title == K.text("forest_money_destinations.title", lang, fiscal_year=fy)
    assert figs["money_map"].year == K.text("forest.fiscal_year", lang, year=fy)
    assert figs["money_map"].credit  # the boundary data's credit
    first, last = forest.parameters["fiscal_years"]
    assert figs["receipts_vs_payments"].year == K.text("forest.fiscal_years", lang, first=first, last=last)
    axes_title = figs["receipts_vs_payments"].fig.axes[0].get_title()
    assert axes_title == K.text("forest_receipts_vs_payments.plot_title", lang, first=first, last=last)


def test_captions_quote_the_results_numbers(drawn, forest):
    lang, figs = drawn
    sc = F.scenario_of(forest)
    net_last = forest["flows"]["net_outflow_jpy"].iloc[-1] / 1e6
    assert f"{net_last:,.0f}" in figs["receipts_vs_payments"].caption
    assert f"{sc.stock_end_co2_t:,.0f}" in figs["wood_carbon_stock"].caption
    assert f"{forest['sink']['co2_t'].sum():,.0f}" in figs["partner_forest_sink"].caption
    back = sc.levy_back_home_jpy()
    assert f"{back / 1e6:,.0f}" in figs["money_destinations"].caption
    row = forest["offsets"].set_index("year").loc[2030]
    caption = figs["offsets_vs_emissions"].caption
    assert f"{row['share_of_emissions']:.4%}" in caption and f"{row['share_of_footprint']:.4%}" in caption
    top = plots.region_names(figures.top_regions(forest), lang)
    assert all(name in figs["money_destinations"].caption for name in top)


def test_names_come_from_the_catalog(forest):
    dest = F.scenario_of(forest).destinations_in()
    assert plots.region_names(dest, "ja") == dest["pref_name"].tolist()  # the catalog's names are the table's
    assert "Hokkaido" in plots.region_names(dest, "en")
    unknown = dest.head(1).assign(pref_code="99", pref_name="どこか")
    assert plots.region_names(unknown, "en") == ["どこか"]  # a code the catalog lacks keeps the table's name


def test_closing_note_in_the_language(forest):
    for lang in ("en", "ja"):
        note = figures.closing_note(forest, lang)
        assert K.text("forest_summary.heading", lang) in note and "{" not in note
        assert f"{F.scenario_of(forest).sink_total_co2_t:,.0f}" in note
    assert "受取" in figures.closing_note(forest, "ja")


def test_the_net_flow_is_not_drawn_across_the_levys_start_and_its_negative_years_have_ticks(forest):
    """Issue 19: one line ran across the FY2024 change of law, and the axis had no tick under zero."""
    setup_style()
    fl = F.scenario_of(forest).flows
    fig = plots.receipts_vs_payments(fl, forest["published"], "en")
    ax = fig.axes[0]
    fy = fl["fiscal_year"].to_numpy()
    lines = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
    assert len(lines) == 2
    for ln in lines:  # each segment lies on one side of the change
        years = fy[ln.get_xdata().astype(int)]
        assert (years < F.LEVY_FROM_FY).all() or (years >= F.LEVY_FROM_FY).all()
    if (fl["net_outflow_jpy"] < 0).any():
        lo, _hi = ax.get_ylim()
        assert any(lo <= t < 0 for t in ax.get_yticks()), ax.get_yticks()
    plt.close(fig)
