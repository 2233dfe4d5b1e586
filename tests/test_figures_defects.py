"""Regression tests for figure defects a policy reader found (issue 13): each would fail if the defect came back."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Rectangle

from footprint.outputs.export import drawn_titles, save_figure
from footprint.outputs.plots import forest as forest_plots
from footprint.outputs.plots import sdgs as sdgs_plots
from footprint.outputs.style import setup_style
from footprint.outputs.text import NO_LINE_START


@pytest.fixture(autouse=True)
def _style():
    setup_style()
    yield
    plt.close("all")


def _log_axes(fig):
    return [ax for ax in fig.axes if "log" in (ax.get_xscale(), ax.get_yscale())]


def _bars(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def _offsets_table():
    years = np.arange(2019, 2051)
    wood = np.linspace(200.0, 300.0, len(years))
    sink = np.where(years >= 2024, 1964.0, 0.0)
    return pd.DataFrame({"year": years, "wood_stored_co2_t": wood, "forest_sink_co2_t": sink,
                         "total_co2_t": wood + sink, "emissions_co2_t": 1.3e7, "footprint_co2_t": 2.3e7})


def _magnitude_rows():
    return pd.DataFrame({"name": ["footprint", "JCM", "sink", "wood"], "co2_t": [2.3e7, 1.2e4, 1964.0, 463.0],
                         "status": ["estimated", "published", "illustrative", "illustrative"]})


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_bars_on_log_axes(lang):
    """offsets_vs_emissions and brief_offsets_scale drew bars on a log axis, which understated a 10,000× gap."""
    for fig in (forest_plots.offsets_chart(_offsets_table(), lang), sdgs_plots.magnitudes(_magnitude_rows(), lang)):
        logs = _log_axes(fig)
        assert logs, "the comparison keeps its log axis (dots on it)"
        for ax in logs:
            assert not _bars(ax), f"bars on a log axis: {ax.get_title()!r}"
            assert ax.collections, "the quantities are drawn as dots"


def test_gaps_are_written_as_ratios():
    fig = sdgs_plots.magnitudes(_magnitude_rows(), "en", ref_label="the footprint")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("1/50,000 of the footprint" in t for t in texts), texts  # 2.3e7 / 463 = 49,676 -> 50,000
    assert not any("of the footprint" in t for t in texts if t.startswith("22,"))  # the reference has no ratio


def _earths_rows():
    return pd.DataFrame({"name": ["Osaka City", "Japan", "Viet Nam", "Philippines"],
                         "earths": [2.58, 2.83, 1.73, 0.84], "p05": [2.43, np.nan, np.nan, np.nan],
                         "p95": [2.74, np.nan, np.nan, np.nan],
                         "status": ["estimated", "published", "published", "published"]})


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_brief_earths_labels_stay_off_the_one_earth_line(lang):
    """brief_earths drew its 1-Earth line through a value label (Philippines, 0.84)."""
    fig = sdgs_plots.earths_bar(_earths_rows(), "Osaka City", lang, title="t", year=2022)
    ax = fig.axes[0]
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    line_x = ax.transData.transform([[1.0, 0.0]])[0, 0]
    for t in ax.texts:
        bb = t.get_window_extent(r)
        assert not bb.x0 < line_x < bb.x1, f"{t.get_text()!r} sits on the 1-Earth line"
    label = next(t for t in ax.texts if t.get_gid() == "one_earth_label")
    lb = label.get_window_extent(r)
    for bar in _bars(ax):
        assert not lb.overlaps(bar.get_window_extent(r)), "the 1-Earth label overlaps a bar"
    assert "2022" in ax.get_xlabel(), "the year of every value is on the figure"


def test_a_figure_without_a_title_gets_one_and_every_figure_a_year_and_status_tag(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    rec = save_figure(fig, tmp_path, "f", title="Osaka City's footprint", caption="c", source="s", status="estimated",
                      year=2022, close=False)
    titles = [t.get_text() for t in drawn_titles(fig)]
    assert titles == ["Osaka City's footprint"]
    tags = [t.get_text() for t in fig.texts if t.get_gid() == "status_tag"]
    assert tags == ["2022 · Estimate"]
    side = json.loads((tmp_path / "figures" / "f.json").read_text(encoding="utf-8"))
    assert side["year"] == "2022" and rec.year == "2022"
    # a figure with its own title keeps it (no second title)
    fig2, ax2 = plt.subplots()
    ax2.set_title("One message")
    save_figure(fig2, tmp_path, "g", title="Metadata title", caption="c", source="s", year="FY2024", lang="ja",
                close=False)
    assert [t.get_text() for t in drawn_titles(fig2)] == ["One message"]
    assert [t.get_text() for t in fig2.texts if t.get_gid() == "status_tag"] == ["FY2024 · 公表値"]


def test_tag_and_title_do_not_overlap_the_plot(tmp_path):
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    save_figure(fig, tmp_path, "f", title="A title", caption="c", source="s", year=2022, close=False)
    r = fig.canvas.get_renderer()
    tag = next(t for t in fig.texts if t.get_gid() == "status_tag").get_window_extent(r)
    title = drawn_titles(fig)[0].get_window_extent(r)
    assert not tag.overlaps(title) and not tag.overlaps(ax.get_window_extent(r))
    assert not title.overlaps(ax.get_window_extent(r))


CAPTION_JA = ("世界中の人が大阪市民と同じ暮らしをすると地球2.58個分が必要（90%区間2.43–2.74、国の勘定から按分した推計）。"
              "日本と連携先の国の値は公表値（NFA 2025年版）。大阪市の暮らしは市外の生物生産力に大きく依存している。")


@pytest.mark.parametrize("width", [4.0, 5.3, 6.4, 7.1, 8.0, 9.5, 11.0])
def test_japanese_captions_never_start_a_line_with_a_closing_mark_or_particle(tmp_path, width):
    """Captions broke lines before 「。」 and 「に」 (textwrap counts characters, not 禁則 rules)."""
    fig, ax = plt.subplots(figsize=(width, 3))
    ax.set_title("t")
    save_figure(fig, tmp_path, "j", title="t", caption=CAPTION_JA, source="出典の名前（2025）", lang="ja",
                status="estimated", close=False)
    caption = next(t for t in fig.texts if "世界中" in t.get_text()).get_text()
    lines = caption.split("\n")
    assert all(ln[0] not in NO_LINE_START and not ln.startswith("に") for ln in lines), lines
    assert "2.58" in caption and "2.43–2.74" in caption  # numbers are never split
    assert caption.replace("\n", "").replace(" ", "") == ("【推計値】" + CAPTION_JA).replace(" ", "")  # a break drops a space


def test_japanese_titles_are_drawn_in_one_weight(tmp_path):
    """Digits of bold Japanese titles were bold (DejaVu Sans Bold) while kana were regular (IPAexGothic has no bold)."""
    fig, ax = plt.subplots()
    ax.set_title("大阪市の暮らしには地球2.58個分が必要", fontweight="bold")
    ax.set_xlabel("Earths", fontweight="bold")
    save_figure(fig, tmp_path, "w", title="t", caption="c", source="s", lang="ja", close=False)
    assert ax.title.get_fontweight() in ("normal", 400)
    assert ax.xaxis.label.get_fontweight() == "bold"  # Latin-only text keeps its weight


def test_long_titles_are_wrapped_to_the_figure(tmp_path):
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_title("大阪市民の森林環境税はどこへ行くのか：都道府県と市町村の受け手地域（2024年度、推計）")
    save_figure(fig, tmp_path, "l", title="t", caption="c", source="s", lang="ja", close=False)
    r = fig.canvas.get_renderer()
    assert "\n" in ax.get_title()
    assert ax.title.get_window_extent(r).width <= fig.get_figwidth() * fig.dpi
    assert all(ln[0] not in NO_LINE_START for ln in ax.get_title().split("\n"))


def test_dpi_option_sets_the_png_resolution(tmp_path):
    from PIL import Image

    def export(out, dpi):
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.set_title("t")
        save_figure(fig, out, "d", title="t", caption="c", source="s", dpi=dpi)
        return Image.open(out / "figures" / "d.png")

    low, high = export(tmp_path / "a", None), export(tmp_path / "b", 300)
    assert round(high.info["dpi"][0]) == 300 and round(low.info["dpi"][0]) == 150
    assert abs(high.size[0] / low.size[0] - 2) < 0.05  # same layout, twice the pixels
    again = export(tmp_path / "c", 300)
    assert (tmp_path / "b" / "figures" / "d.png").read_bytes() == (tmp_path / "c" / "figures" / "d.png").read_bytes()
    assert again.size == high.size
    with pytest.raises(ValueError, match="dpi"):
        save_figure(plt.figure(), tmp_path, "x", title="t", caption="c", source="s", dpi=5)


def test_forest_money_map_has_a_scale_bar_on_the_map_and_its_inset():
    from footprint.outputs import maps

    prefs = maps.japan_prefectures()
    codes = sorted(prefs["pref_code"])
    dest = pd.DataFrame({"fiscal_year": 2024, "pref_code": codes, "amount_jpy": np.arange(1, len(codes) + 1) * 1e6})
    munis = maps.japan_municipalities(prefectures=["27"])
    fig, ax = forest_plots.money_map(prefs, dest, 2024, munis[munis["code"] == "27216"], munis[munis["code"] == "27100"]
                                     if (munis["code"] == "27100").any() else munis.head(1), munis, "en")
    axes_with_bar = [a for a in [*fig.axes, *ax.child_axes] if any(ln.get_gid() == "scale_bar" for ln in a.lines)]
    assert ax in axes_with_bar and len(axes_with_bar) == 2  # the map and its inset
    assert any(t.get_text().endswith("km (along 36° N)") for t in ax.texts)


def test_japanese_table_headers_are_drawn_in_one_weight(tmp_path):
    """The earths table drew 「(gha/人)」 bold under a regular 「フットプリント」."""
    from footprint.outputs.export import table_figure

    fig = table_figure(pd.DataFrame({"a": ["4.04"]}, index=["日本"]), col_labels=["フットプリント\n(gha/人)"])
    save_figure(fig, tmp_path, "t", title="t", caption="c", source="s", lang="ja", close=False)
    header = fig.axes[0].tables[0].get_celld()[(0, 0)].get_text()
    assert header.get_fontweight() in ("normal", 400)


def test_caption_starts_below_tick_labels_that_reach_under_the_figure(tmp_path):
    fig, ax = plt.subplots(figsize=(5, 2))
    ax.set_title("t")
    ax.set_xticks([0, 1], ["SDG 6\n安全な水と\nトイレを\n世界中に\n" * 2, "b"])
    save_figure(fig, tmp_path, "c", title="t", caption="キャプション。", source="s", lang="ja", close=False)
    r = fig.canvas.get_renderer()
    caption = next(t for t in fig.texts if "キャプション" in t.get_text()).get_window_extent(r)
    ticks = min(t.get_window_extent(r).y0 for t in ax.get_xticklabels() if t.get_text())
    assert caption.y1 <= ticks


def test_small_multiples_with_panel_headers_still_get_the_figure_title(tmp_path):
    import matplotlib.pyplot as plt

    from footprint.outputs.export import save_figure

    fig, axes = plt.subplots(1, 3)
    for ax, name in zip(axes, ("gha", "t-CO2", "yen"), strict=True):
        ax.set_title(name)  # panel headers, not a title
    save_figure(fig, tmp_path, "multi", title="What flows to and from Osaka", caption="c", source="s",
                status="estimated", year=2024, formats=("png",))
    assert fig._suptitle is not None and "What flows" in fig._suptitle.get_text()
    plt.close(fig)
