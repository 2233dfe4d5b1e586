"""The brief's key numbers and findings (footprint.city.key_numbers, footprint.pipeline.keypanel) and the
Japanese font its page embeds (footprint.outputs.webfont): the numbers are notebook 02's, the overshoot
date follows GFN's convention, three significant digits by one rule, Japanese glyphs carried by the page."""

from __future__ import annotations

import io
import math
import re

import pandas as pd
import pytest
from fontTools.ttLib import TTFont
from hypothesis import given
from hypothesis import strategies as st

from footprint import city as C
from footprint.outputs import webfont
from footprint.core.numbers import readable, sig
from footprint.pipeline import keypanel, model
from footprint.pipeline.report import page


@pytest.fixture(scope="module")
def osaka():
    return model.compute("osaka", model.RunParameters(draws=40))


def test_key_numbers_are_the_results_own(osaka):
    keys = C.key_numbers(osaka).set_index("key")
    head = osaka["headline"].set_index("indicator")
    for key in ("ef_gha_per_cap", "earths", "bc_gha_per_cap", "overshoot_day", "land_share_outside_city",
                "carbon_share"):
        for col in ("central", "p05", "p95"):
            assert keys.loc[key, col] == head.loc[key, col], (key, col)
    japan = osaka.values["japan_ef_gha_per_cap"]
    assert keys.loc["ratio_to_japan", "central"] == pytest.approx(head.loc["ef_gha_per_cap", "central"] / japan)
    ts = osaka["time_series"].set_index("year")["central"]
    assert keys.loc["change_since", "central"] == pytest.approx(ts[2022] / ts[C.TREND_FROM] - 1)
    assert math.isnan(keys.loc["change_since", "p05"])  # two central estimates: no interval is claimed
    assert set(keys["status"]) == {"estimated"}


def test_the_overshoot_date_follows_gfn_earth_overshoot_day_2022():
    """GFN: humanity used 1.75 Earths in 2022 and Earth Overshoot Day fell on 28 July (365 / 1.75 = 208.6:
    the budget runs out during day 209)."""
    assert keypanel.overshoot_text(365 / 1.75, 2022, "en") == "28 July"
    assert keypanel.overshoot_text(365 / 1.75, 2022, "ja") == "7月28日"
    assert keypanel.overshoot_text(141.24, 2022, "en") == "22 May"  # the city's figure says the same day
    assert keypanel.overshoot_text(400.0, 2022, "en") == "–"  # no overshoot within the year


@given(st.floats(min_value=1e-6, max_value=1e12) | st.floats(min_value=-1e12, max_value=-1e-6))
def test_three_significant_digits(x):
    s = sig(x)
    back = float(s.replace(",", "").replace("−", "-"))
    assert abs(back - x) <= 0.5 * 10 ** (math.floor(math.log10(abs(back))) - 2) * 1.0000001 + 1e-15
    digits = re.sub(r"^0+", "", s.replace(",", "").replace("−", "").replace(".", ""))
    assert len(digits.rstrip("0")) <= 3 and (len(digits) >= 3 or back == int(back))


@given(st.floats(min_value=1.0, max_value=1e12), st.sampled_from(["en", "ja"]))
def test_large_numbers_in_words_say_the_same_number(x, lang):
    s = readable(x, lang)
    scale = {"億": 1e8, "万": 1e4, " billion": 1e9, " million": 1e6}
    unit = next((u for u in scale if s.endswith(u)), None)
    back = float(s.removesuffix(unit or "").replace(",", "")) * (scale[unit] if unit else 1)
    assert back == pytest.approx(x, rel=5.01e-3)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_findings_fill_every_number_and_point_to_figures(osaka, lang):
    keys = C.key_numbers(osaka)
    found = keypanel.findings(keys, lang)
    assert len(found) == 3
    k = keys.set_index("key")
    assert sig(k.loc["ef_gha_per_cap", "central"]) in found[0][0]
    assert sig(100 * k.loc["land_share_outside_city", "central"]) in found[1][0]
    assert sig(100 * k.loc["carbon_share", "central"]) in found[1][0]
    counted_carbon = osaka["headline"].set_index("indicator").loc["share_outside_city", "central"]
    assert sig(100 * counted_carbon) not in found[1][0]  # 99.4 %: carbon counted as "outside"
    for words, figure in found:
        assert "{" not in words and figure
    html = keypanel.panel_html(keys, lang, {"brief_earths": 2, "brief_dependence": 1}, str)
    assert html.index('id="key-numbers"') < html.index('id="findings"')
    assert 'href="#fig-brief_earths"' in html and 'href="#fig-brief_dependence"' in html
    # the overshoot interval reads from the earlier date to the later one
    dates = re.findall(r"(\d+ [A-Z][a-z]+|\d+月\d+日)", html)
    assert dates


def test_a_japanese_page_carries_the_glyphs_it_uses():
    text = "大阪市のエコロジカル・フットプリント：3.89 gha（90 %区間）– ×"
    html = page("タイトル", f"<p>{text}</p>", "ja")
    m = re.search(r"font-family:'IPAexGothic Embedded';src:url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", html)
    assert m, "no embedded font"
    import base64

    font = TTFont(io.BytesIO(base64.b64decode(m.group(1))))
    cmap = font.getBestCmap()
    wanted = {c for c in "タイトル" + text if webfont._is_cjk(c)}
    assert wanted and all(ord(c) in cmap for c in wanted)
    assert not any(ord(c) in cmap for c in "3.89 gha%–×")  # Latin text and signs keep the Latin font
    assert html == page("タイトル", f"<p>{text}</p>", "ja")  # the same bytes each time
    assert "@font-face" not in page("Title", "<p>Latin only, 3.89 gha</p>", "en")
    # the embedded family comes first: listed after a Latin font, Chromium drew some runs as boxes
    family = re.search(r"body\{font-family:([^;]+);", html).group(1)
    assert family.startswith("'IPAexGothic Embedded'")


@pytest.mark.notebook
@pytest.mark.xdist_group("pipeline")
def test_the_brief_quotes_notebook_02s_headline_of_the_same_run(shared_run):
    """Issue 19: the key numbers of the brief equal notebook 02's headline of the same run."""
    run = shared_run.run_dir
    label = {r["notebook"]: r["label"] for r in shared_run.results}
    head = pd.read_csv(run / label["02_city_footprint"] / "tables" / "headline.csv").set_index("indicator")
    keys = pd.read_csv(run / label["05_local_sdgs_brief"] / "tables" / "key_numbers.csv",
                       encoding="utf-8-sig").set_index("key")
    for key in ("ef_gha_per_cap", "earths", "bc_gha_per_cap", "overshoot_day"):
        for col in ("central", "p05", "p95"):
            assert keys.loc[key, col] == pytest.approx(head.loc[key, col], rel=1e-12), (key, col)
    brief = (run / label["05_local_sdgs_brief"] / "05_local_sdgs_brief.html").read_text(encoding="utf-8")
    lang = next(r for r in shared_run.results if r["notebook"] == "05_local_sdgs_brief")["parameters"].get("lang", "en")
    items = {i["key"]: i for i in keypanel.key_number_items(keys.reset_index(), lang)}
    top = brief[:brief.index('<section id="figures">')]
    for key in ("ef_gha_per_cap", "earths", "overshoot_day", "change_since"):
        assert items[key]["value"] in top, key
    assert sig(head.loc["ef_gha_per_cap", "central"]) in top
    assert brief.index('id="key-numbers"') < brief.index('id="findings"') < brief.index('id="figures"') \
        < brief.index('id="colophon"')
