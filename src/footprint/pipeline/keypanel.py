"""The top of the brief: the key numbers of the run's Osaka result and three findings drawn from them.

The numbers are the rows of ``tables/key_numbers.csv`` that notebook 05 writes from the run's Osaka
result (:func:`footprint.city.key_numbers`): the same numbers, intervals and statuses as notebook 02
of the same run. Words come from the caption catalog (``brief_key_numbers``, ``brief_findings``).
Numbers are shown to three significant digits (:func:`sig`); the overshoot day as a date, by the
GFN convention of :func:`footprint.accounts.overshoot_date`. The findings state what the numbers
say and nothing they do not: no advice.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence

import pandas as pd

from footprint import accounts as A
from footprint.core.numbers import sig
from footprint.outputs.catalog import text
from footprint.pipeline.glossary import status_word

def overshoot_text(day: float, year: int, lang: str) -> str:
    """The overshoot day ``day`` of ``year`` as a date in ``lang`` (``–`` if there is no overshoot)."""
    d = A.overshoot_date(day, year)
    if d is None:
        return "–"
    month = calendar.month_name[d.month] if lang == "en" else str(d.month)
    return text("brief_key_numbers.date", lang, day=d.day, month=month)


def _value(row: Mapping, v: float, lang: str) -> str:
    key, year = row["key"], int(str(row["year"]).split("–")[-1])
    if key == "overshoot_day":
        return overshoot_text(v, year, lang)
    if row["unit"] == "fraction":
        return text("brief_key_numbers.percent", lang, value=sig(100 * v))
    if row["unit"] == "gha per person":
        return text("brief_key_numbers.gha_per_person", lang, value=sig(v))
    if key == "ratio_to_japan":
        return text("brief_key_numbers.times", lang, value=sig(v))
    return sig(v)


def _interval(row: Mapping, lang: str) -> str:
    if pd.isna(row["p05"]) or pd.isna(row["p95"]):
        return text("brief_key_numbers.central_only", lang)
    if row["key"] == "overshoot_day":  # a larger footprint comes first: the later day is the lower bound's
        lo, hi = sorted((row["p05"], row["p95"]))
        return text("brief_key_numbers.interval", lang, p05=_value(row, lo, lang), p95=_value(row, hi, lang))
    scale = 100 if row["unit"] == "fraction" else 1  # the bounds in the value's unit, said once by the value
    return text("brief_key_numbers.interval", lang, p05=sig(scale * row["p05"]), p95=sig(scale * row["p95"]))


def key_number_items(keys: pd.DataFrame, lang: str) -> list[dict[str, str]]:
    """The panel's items: label, value, interval and status of each key number (rows of ``keys``)."""
    items = []
    for row in keys.to_dict("records"):
        since = str(row["year"]).split("–")[0]
        items.append({"key": row["key"], "label": text(f"brief_key_numbers.{row['key']}", lang, since=since),
                      "value": _value(row, row["central"], lang), "interval": _interval(row, lang),
                      "status": str(row["status"]), "status_word": status_word(str(row["status"]), lang)})
    return items


def findings(keys: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """Three findings as ``(text, figure name)``: the footprint, the dependence, the trend."""
    k = keys.set_index("key")
    year = int(k.loc["ef_gha_per_cap", "year"])
    since = str(k.loc["change_since", "year"]).split("–")[0]
    ef, bc = k.loc["ef_gha_per_cap"], k.loc["bc_gha_per_cap"]
    return [
        (text("brief_findings.footprint", lang, ef=sig(ef["central"]), ef_p05=sig(ef["p05"]), ef_p95=sig(ef["p95"]),
              ratio=sig(k.loc["ratio_to_japan", "central"]), earths=sig(k.loc["earths", "central"]),
              date=overshoot_text(k.loc["overshoot_day", "central"], year, lang)), str(ef["figure"])),
        (text("brief_findings.dependence", lang, land_share=sig(100 * k.loc["land_share_outside_city", "central"]),
              bc=sig(bc["central"]), times=sig(ef["central"] / bc["central"], 2),
              carbon_share=sig(100 * k.loc["carbon_share", "central"])), str(k.loc["land_share_outside_city", "figure"])),
        (text("brief_findings.trend", lang, since=since, year=year, change=sig(100 * k.loc["change_since", "central"])),
         "city_footprint_time_series"),
    ]


def panel_html(keys: pd.DataFrame, lang: str, figure_numbers: Mapping[str, int], esc,
               elsewhere: Mapping[str, str] | None = None) -> str:
    """The key-numbers panel and the findings as HTML. ``figure_numbers``: the brief's figures by name
    (a finding links to its figure); ``elsewhere``: figures of other notebooks of the run, by name, as
    relative links; ``esc``: the page's escaping function."""
    year = int(str(keys.set_index("key").loc["ef_gha_per_cap", "year"]))
    cells = "".join(
        f'<div class="key"><div class="label">{esc(i["label"])}</div><div class="value">{esc(i["value"])}</div>'
        f'<div class="interval">{esc(i["interval"])} · <span class="status {esc(i["status"])}">'
        f'{esc(i["status_word"])}</span></div></div>'
        for i in key_number_items(keys, lang) if i["key"] not in ("land_share_outside_city", "carbon_share"))
    items = []
    for words, figure in findings(keys, lang):
        if figure in figure_numbers:
            ref = (f' <a href="#fig-{esc(figure)}">'
                   f'({esc(text("brief_findings.see_figure", lang, n=figure_numbers[figure]))})</a>')
        elif elsewhere and figure in elsewhere:
            ref = f' <a href="{esc(elsewhere[figure])}">({esc(text("brief_findings.see_city_figure", lang))})</a>'
        else:
            ref = ""
        items.append(f"<li>{esc(words)}{ref}</li>")
    return (f'<section id="key-numbers"><h2>{esc(text("brief_key_numbers.heading", lang))}</h2>'
            f'<p>{esc(text("brief_key_numbers.intro", lang, year=year))}</p><div class="keys">{cells}</div></section>'
            f'<section id="findings"><h2>{esc(text("brief_findings.heading", lang))}</h2><ol>{"".join(items)}</ol>'
            "</section>")


def figure_numbers(figures: Sequence[Mapping]) -> dict[str, int]:
    """Figure numbers of the brief, in the order its figures are shown (1, 2, …)."""
    return {f["name"]: i for i, f in enumerate(figures, start=1)}
