"""Figure functions of the city footprint (footprint.outputs.figures.city): every figure of notebook 02
gets its title and caption from the catalog in the language asked, with the Result's numbers filled in."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import re

import matplotlib.pyplot as plt
import pytest
from strategies_city import inputs_fixture  # noqa: F401

from footprint import accounts as A
from footprint import city as C
from footprint.outputs import catalog as K
from footprint.outputs import fastexport
from footprint.outputs.style import setup_style
from footprint.outputs.export import Figure
from footprint.outputs.figures import city as figures
from footprint.outputs.plots import city as city_plots
from footprint.pipeline import model

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
FIGURES = {
    "city_footprint_by_category": figures.footprint_by_category,
    "city_japan_world": figures.japan_world,
    "city_footprint_origin": figures.origin,
    "city_footprint_time_series": figures.time_series,
    "capital_cities_comparison": figures.capital_cities,
    "city_overshoot_day": figures.overshoot_day,
    "city_sensitivity_tornado": figures.sensitivity_tornado,
    "city_structural_sensitivity": figures.structural_sensitivity,
}


@pytest.fixture(scope="module", name="result")
def result_fixture(inputs):
    """Osaka's city result with few draws (the numbers differ from a run's; the text must not care)."""
    params = {"city": C.OSAKA, "year": 2022, "draws": 40, "seed": 1, "clum_file": "", "land_use_file": ""}
    return C.compute(params, inputs, comparison_draws=10, series_draws=5)


@pytest.fixture(scope="module", name="specs")
def specs_fixture(result):
    """Every figure in both languages, drawn once."""
    out = {(name, lang): make(result, lang) for name, make in FIGURES.items() for lang in K.LANGS}
    yield out
    plt.close("all")


@pytest.mark.parametrize("lang", K.LANGS)
@pytest.mark.parametrize("name", list(FIGURES))
def test_figure_has_its_title_and_caption_in_the_language(specs, name, lang):
    spec = specs[name, lang]
    assert isinstance(spec, Figure) and spec.name == name and spec.status == "estimated"
    assert spec.source.startswith(C.SOURCE)
    for words in (spec.title, spec.caption):
        assert words.strip()
        assert "{" not in words and "}" not in words  # every placeholder filled
        assert bool(JAPANESE.search(words)) == (lang == "ja")
    chart = [t.get_text() for ax in spec.fig.axes for t in (ax.title, ax.xaxis.label, ax.yaxis.label) if t.get_text()]
    assert chart and all("{" not in t for t in chart)
    if lang == "ja":  # the chart's own words are Japanese too (axis label or title)
        assert any(JAPANESE.search(t) for t in chart)


def test_captions_quote_the_results_numbers(result, specs):
    v = result.values
    ef = C.headline_row(result["headline"], "ef_gha_per_cap")
    for lang in K.LANGS:
        cap = specs["city_japan_world", lang].caption
        assert f"{ef['central']:.2f} gha" in cap and f"{ef['p05']:.2f}–{ef['p95']:.2f}" in cap
        assert f"{ef['central'] / v['japan_ef_gha_per_cap']:.2f}" in cap
        assert f"{v['central']['bc_gha_per_cap']:.3f} gha" in cap
        assert f"{v['abroad_share']:.0%}" in specs["city_footprint_origin", lang].caption
        outside = C.headline_row(result["headline"], "share_outside_city")["central"]
        assert f"{outside:.1%}" in specs["city_footprint_origin", lang].caption
        assert str(v["rank"]) in specs["capital_cities_comparison", lang].caption
        assert str(v["n_cities"]) in specs["capital_cities_comparison", lang].title
        earths = C.headline_row(result["headline"], "earths")["central"]
        assert f"{earths:.2f}" in specs["city_overshoot_day", lang].caption
        assert str(v["year"]) in specs["city_footprint_by_category", lang].title
    assert specs["city_footprint_by_category", "en"].caption.endswith(
        f"Largest row: {city_plots.row_label(result['clum_city']['total'].idxmax())}.")
    assert "Osaka" in specs["city_japan_world", "en"].title and "大阪市" in specs["city_japan_world", "ja"].title


def test_overshoot_statement_is_the_caption_of_the_overshoot_figure(result, specs):
    dates = C.overshoot_dates(result["headline"], result.values["year"])
    en, ja = figures.overshoot_statement(result, "en"), figures.overshoot_statement(result, "ja")
    assert f"{dates['central']:%d %B}" in en
    assert f"{dates['central'].month}月{dates['central'].day}日" in ja
    assert specs["city_overshoot_day", "en"].caption == en + " Whiskers: full 90 % interval."
    assert specs["city_overshoot_day", "ja"].caption.startswith(ja)


def test_city_names_and_labels_come_from_the_catalog():
    assert K.problems() == []
    for i, lang in enumerate(K.LANGS):  # the origin label of the tables and the figures' legend agree
        assert K.text("city_origins.carbon_not_located", lang) == C.CARBON_NOT_LOCATED_LABEL[i]
    assert city_plots.ROW_LABELS["food"] == ("Food", "食料")  # the (en, ja) tables stay for callers
    assert city_plots.OPTION_LABELS["False"] == ("off", "なし")
    assert city_plots.choice_label("household", "ja") == "世帯の範囲"
    assert city_plots.group_label("no_such_group", "ja") == "no_such_group"  # unknown names stay readable


def test_tornado_names_the_unit_in_the_language(result):
    sens = result["sensitivity"]
    central = result.values["central"]["ef_gha_per_cap"]
    ja = city_plots.tornado(sens, central, "ja").axes[0].get_xlabel()
    en = city_plots.tornado(sens, central, "en").axes[0].get_xlabel()
    custom = city_plots.tornado(sens, central, "en", "t CO2").axes[0].get_xlabel()
    assert ja == "1人当たりフットプリント（gha/人、棒：5–95パーセンタイル）"
    assert en == "footprint per person, gha per person (bar: 5th–95th percentile)"
    assert custom.startswith("footprint per person, t CO2 ")
    plt.close("all")


def test_tornado_labels_say_each_side_of_a_lopsided_range():
    """Issue 19: one-sided bars were labelled "±" half their width."""
    import pandas as pd

    sens = pd.DataFrame({"input": ["clum", "spending"], "p05": [3.80, 3.90], "p95": [4.10, 3.90 + 0.05],
                         "width": [0.30, 0.05], "central": [3.90, 3.90]})
    fig = city_plots.tornado(sens, 3.90, "en")
    words = [t.get_text() for t in fig.axes[0].texts]
    assert not any("±" in w for w in words)
    assert "−0.100 / +0.200" in words and "+0.000 / +0.050" in words
    plt.close(fig)


def test_a_supplied_clum_is_named_in_the_caption_not_called_estimated(result, tmp_path):
    from strategies_city import clum_csv

    clum = result["clum_national"].reset_index()[["clum_row", *A.LAND_TYPES]].assign(source="test", status="published")
    (tmp_path / "my data").mkdir()
    path = clum_csv(tmp_path / "my data", clum, name="my_clum.csv")
    supplied = model.compute("city", model.RunParameters(draws=20, seed=1, clum_file=str(path)))
    assert supplied.values["clum_supplied"]
    for lang in K.LANGS:
        caption = figures.footprint_by_category(supplied, lang).caption
        assert "my_clum.csv" in caption and "my data" not in caption  # the file by its name, never its folder
        assert K.text("city.clum_national_estimated", lang) not in caption
        assert K.text("city.clum_national_estimated", lang) in figures.footprint_by_category(result, lang).caption


def _export_all(result, name, lang, out_dir):
    setup_style()  # as a notebook's outputs do: the SVG's ids are salted by the project's style
    spec = FIGURES[name](result, lang)  # drawn anew: an export adds the title, tag and caption
    from footprint.outputs.export import save_figure

    save_figure(spec.fig, out_dir, spec.name, lang=lang, **spec.export())
    return {p.suffix: p for p in (out_dir / "figures").glob(f"{spec.name}.*")}


@pytest.mark.skipif(not fastexport._AVAILABLE, reason="matplotlib version without verified export hooks")
@pytest.mark.parametrize("lang", K.LANGS)
def test_export_hooks_change_no_pixel_and_no_byte(result, lang, tmp_path, monkeypatch):
    """The hooks of footprint.outputs.fastexport (layouts, metrics and font subsets made once) give the
    files matplotlib gives without them: the same PNG pixels and the same SVG and PDF bytes. The figures
    with the most text: long tick labels, Japanese credit lines, a table of cities."""
    from PIL import Image

    for name in ("capital_cities_comparison", "city_footprint_origin", "city_sensitivity_tornado"):
        monkeypatch.setenv("FOOTPRINT_PLAIN_EXPORT", "1")
        plain = _export_all(result, name, lang, tmp_path / "plain")
        monkeypatch.delenv("FOOTPRINT_PLAIN_EXPORT")
        assert fastexport.enabled()
        fast = _export_all(result, name, lang, tmp_path / "fast")
        assert set(plain) == set(fast) == {".png", ".svg", ".pdf", ".json"}
        for ext in (".svg", ".pdf", ".json"):
            assert plain[ext].read_bytes() == fast[ext].read_bytes(), (name, ext)
        a, b = Image.open(plain[".png"]), Image.open(fast[".png"])
        assert a.size == b.size and a.tobytes() == b.tobytes() and a.text == b.text, name


def test_export_hooks_stay_off_on_an_unverified_matplotlib(monkeypatch):
    monkeypatch.setattr(matplotlib, "__version__", "3.99.0")
    assert not fastexport._available()
    monkeypatch.setattr(fastexport, "_AVAILABLE", False)
    assert not fastexport.enabled()


def test_the_comparison_says_where_the_full_interval_is_not_wider(result, specs):
    """Issue 19: in 18 cities the parametric bar poked outside the full interval with no word why."""
    cmp = result["capital_cities"]
    inside = ((cmp["p05"] > cmp["p05_parametric"]) | (cmp["p95"] < cmp["p95_parametric"])).sum()
    for lang in K.LANGS:
        caption = specs["capital_cities_comparison", lang].caption
        assert (f"In {inside} of " if lang == "en" else f"市中{inside}市") in caption
