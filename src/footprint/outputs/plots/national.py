"""Charts of the national accounts (:mod:`footprint.accounts`)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from footprint.accounts import LAND_TYPES
from footprint.outputs.export import table_figure
from footprint.outputs.catalog import text
from footprint.outputs.labels import label
from footprint.outputs.style import PALETTE


def footprint_vs_biocapacity(ef: pd.DataFrame, bc: pd.DataFrame, lang: str = "en", title: str = ""):
    """Stacked bars per country: footprint by land type (left) beside biocapacity (right).

    ``ef`` and ``bc``: country name × land type (gha per person), same row order.
    """
    fig, ax = plt.subplots(figsize=(9.5, 5.0))
    x = np.arange(len(ef))
    w = 0.38
    for bars, offset, hatch in ((ef, -w / 2 - 0.01, None), (bc, w / 2 + 0.01, "//")):
        bottom = np.zeros(len(bars))
        for lt in LAND_TYPES:
            v = bars[lt].fillna(0).to_numpy()
            ax.bar(x + offset, v, w, bottom=bottom, color=PALETTE[lt], hatch=hatch, edgecolor="white", linewidth=0.5,
                   label=label(lt, lang) if offset < 0 else None)
            bottom += v
        for xi, tot in zip(x + offset, bottom, strict=True):
            ax.text(xi, tot + 0.05, f"{tot:.2f}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, [f"{label(c, lang)}" for c in ef.index])
    ax.set_ylabel(label("gha_per_cap", lang))
    ax.set_ylim(0, ax.get_ylim()[1] * 1.25)
    ax.legend(ncols=3, fontsize=8, loc="upper right")
    ax.text(0.01, 0.98, text("national.bars_key", lang),
            transform=ax.transAxes, fontsize=8, va="top")
    ax.grid(axis="x", visible=False)
    if title:
        ax.set_title(title)
    return fig


def time_series(ef: pd.DataFrame, bc: pd.Series, lang: str = "en", title: str = "", nowcast_from: int | None = None):
    """Stacked area of the footprint by land type over time, with the biocapacity line. Years from
    ``nowcast_from`` on (GFN nowcasts, estimates) are shaded and labelled, so that the published years
    before them read as published."""
    fig, ax = plt.subplots(figsize=(9, 4.8))
    years = ef.index.to_numpy()
    ax.stackplot(years, *[ef[lt].to_numpy() for lt in LAND_TYPES], colors=[PALETTE[lt] for lt in LAND_TYPES],
                 labels=[label(lt, lang) for lt in LAND_TYPES], alpha=0.9)
    ax.plot(years, bc.to_numpy(), color="black", lw=2.2, label=label("biocapacity", lang))
    ax.set_xlim(years.min(), years.max())
    if nowcast_from is not None and nowcast_from <= years.max():
        start = max(nowcast_from - 1, years.min())  # from the last published year: the band covers the segments
        ax.axvspan(start, years.max(), facecolor="white", alpha=0.45, hatch="//", edgecolor="#777777", lw=0)
        ax.text((start + years.max()) / 2, 0.02, label("nowcast_band", lang), transform=ax.get_xaxis_transform(),
                ha="center", va="bottom", fontsize=7, color="#444444", rotation=90)
    ax.set_ylabel(label("gha_per_cap", lang))
    ax.legend(ncols=2, fontsize=8, loc="upper right")
    if title:
        ax.set_title(title)
    return fig


def earths_table(year_summary: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Footprint, biocapacity, Earths, own biocapacities needed and overshoot day, formatted for reading.

    ``year_summary``: rows of :func:`footprint.accounts.summary` for one year, indexed by country name
    (:func:`footprint.accounts.year_summary`). Overshoot days are shown as month-day; ``—`` = none.
    """
    s = year_summary
    table = pd.DataFrame(
        {
            "ef": s["ef_consumption_gha_per_cap"].map("{:.2f}".format),
            "bc": s["biocapacity_gha_per_cap"].map("{:.2f}".format),
            "earths": s["earths"].map("{:.2f}".format),
            "needed": s["countries_needed"].map("{:.1f}".format),
            "day": s["overshoot_date"].str.slice(5).where(s["overshoot_date"] != "none", "—"),
        }
    )
    table.index = [label(c, lang) for c in table.index]
    return table


def earths_table_labels(lang: str = "en") -> list[str]:
    """Column headings of :func:`earths_table`."""
    return [text("national.col_ef", lang), text("national.col_bc", lang), label("earths", lang),
            text("national.col_needed", lang), text("national.col_day", lang)]


def earths_and_overshoot_days(year_summary: pd.DataFrame, lang: str = "en", title: str = ""):
    """:func:`earths_table` drawn as a citable table figure."""
    return table_figure(earths_table(year_summary, lang), col_labels=earths_table_labels(lang), title=title)
