"""Brief-ready charts: one message each, large type, few colours."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from footprint.city import CARBON_NOT_LOCATED
from footprint.outputs.catalog import text
from footprint.outputs.labels import label
from footprint.outputs.plots import interval_bars
from footprint.outputs.style import PALETTE, log_dots

_STATUS_COLOUR = {"published": "#1b9e77", "derived": "#7570b3", "estimated": "#d95f02", "illustrative": "#9e9e9e"}
_T = "brief_plots"  # the catalog section of the words these charts draw (captions/<lang>/brief.yml)


def earths_bar(rows: pd.DataFrame, highlight: str, lang: str = "en", title: str | None = None,
               year: int | None = None):
    """Earths needed per person: horizontal bars with the 90 % interval where known, 1 Earth marked.

    ``rows``: ``name, earths, p05, p95, status`` (one row per place, drawn top to bottom); ``year``
    (of every value) goes into the axis label, so that a value is never read against another year's.
    No value label crosses the 1-Earth line and the line's own label sits above the bars.
    """
    fig, ax = plt.subplots(figsize=(8.5, 0.55 * len(rows) + 1.6))
    y = np.arange(len(rows))[::-1]
    colours = [PALETTE["highlight"] if n == highlight else PALETTE["muted"] for n in rows["name"]]
    ax.barh(y, rows["earths"], color=colours, height=0.62)
    has = rows["p05"].notna().to_numpy()
    interval_bars(ax, y[has], rows["p05"].to_numpy()[has], rows["p95"].to_numpy()[has], horizontal=True,
                  ecolor="black", capsize=4, lw=1.2)
    ax.axvline(1.0, color="black", lw=1, ls="--", gid="one_earth")
    ax.set_xlim(0, float(np.nanmax(rows[["earths", "p95"]].to_numpy())) * 1.25)
    ax.set_ylim(-0.6, y.max() + 1.0)
    ax.text(1.02, y.max() + 0.5, text(f"{_T}.one_earth", lang), fontsize=8, va="bottom", ha="left", gid="one_earth_label")
    right = np.where(has, rows["p95"].to_numpy(), rows["earths"].to_numpy())
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    for yi, v, r, s in zip(y, rows["earths"], right, rows["status"], strict=True):
        tag = "" if s == "published" else text(f"{_T}.estimate_tag", lang)
        t = ax.text(r + 0.05, yi, f"{v:.2f}{tag}", va="center", fontsize=9)
        bb = t.get_window_extent(renderer)
        x0, x1 = to_data.transform([[bb.x0, 0], [bb.x1, 0]])[:, 0]
        if x0 < 1.0 < x1:  # the label would sit on the 1-Earth line: move it just past the line
            t.set_x(1.0 + 0.05)
    ax.set_yticks(y, rows["name"])
    ax.set_xlabel(text(f"{_T}.earths_axis", lang) if year is None else text(f"{_T}.earths_axis_year", lang, year=year))
    ax.grid(axis="y", visible=False)
    if title is not None:
        ax.set_title(title)
    return fig


def dependence_bar(origin: pd.DataFrame, lang: str = "en", title: str | None = None):
    """Where the footprint lands: one stacked bar (city / rest of Japan / abroad / carbon not located) with shares.

    Carbon-uptake land is a hypothetical area, not a place: it gets its own, hatched part of the bar.
    """
    order = ["city", "rest_of_japan", "abroad", CARBON_NOT_LOCATED]
    names = {o: text(f"{_T}.{o}", lang) for o in order}
    colours = {"city": PALETTE["highlight"], "rest_of_japan": "#7fa7c9", "abroad": "#2c5d8a",
               CARBON_NOT_LOCATED: PALETTE["carbon"]}
    tot = origin.groupby("origin")["ef_gha"].sum().reindex(order).fillna(0.0)
    share = tot / tot.sum()
    fig, ax = plt.subplots(figsize=(9, 3.2))
    starts = share.cumsum() - share
    narrow = [o for o in order if 0 < share[o] <= 0.2]
    for o in order:
        ax.barh(0, share[o], left=starts[o], color=colours[o], height=0.5,
                hatch="//" if o == CARBON_NOT_LOCATED else None, edgecolor="white", linewidth=0)
        if share[o] > 0.2:
            ax.text(starts[o] + share[o] / 2, 0, f"{names[o]}\n{share[o]:.1%}", ha="center", va="center",
                    color="white", fontsize=11, weight="bold",
                    bbox=dict(boxstyle="round,pad=0.2", fc=colours[o], ec="none"))
    # narrow parts are labelled above the bar, the leftmost highest: each leader line rises straight up from its
    # part and its label starts at the line, so no line crosses another part's label
    for level, o in enumerate(reversed(narrow)):
        x, y = starts[o] + share[o] / 2, 0.36 + 0.17 * level
        ax.plot([x, x], [0.25, y], color=colours[o], lw=1.2, solid_capstyle="butt")
        ax.text(x + 0.004, y, f"{names[o]} {share[o]:.1%}", fontsize=10, color=colours[o], weight="bold",
                ha="left", va="center")
    above = len(narrow)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.35, 0.6 + 0.17 * max(above - 1, 0))
    ax.set_yticks([])
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.grid(False)
    if title is not None:
        ax.set_title(title)
    return fig


def magnitudes(rows: pd.DataFrame, lang: str = "en", title: str | None = None, ref: int | None = 0,
               ref_label: str | None = None):
    """Quantities of very different size (t-CO2 a year) as dots on one log axis, coloured by status.

    ``rows``: ``name, co2_t, status``, all of one kind (annual flows; a stock is not comparable).
    Every row smaller than row ``ref`` carries its fraction of it (``= 1/9,600 of <ref_label>``;
    default: the row's name), so the gap is read as a number; no bars on the log axis.
    """
    fig, ax = plt.subplots(figsize=(9, 0.65 * len(rows) + 1.5))
    ref_name = ref_label or (str(rows["name"].iloc[ref]) if ref is not None else "")
    log_dots(ax, rows["co2_t"], rows["name"], [_STATUS_COLOUR[s] for s in rows["status"]], ref=ref,
             ratio_label=lambda r: text(f"{_T}.ratio", lang, ratio=r, ref=ref_name))
    ax.set_xlabel(text(f"{_T}.co2_axis", lang))
    statuses = [s for s in _STATUS_COLOUR if s in set(rows["status"])]
    handles = [plt.Line2D([], [], ls="", marker="o", markersize=8, markerfacecolor=_STATUS_COLOUR[s],
                          markeredgecolor="black", markeredgewidth=0.5) for s in statuses]
    ax.legend(handles, [label(s, lang) if s != "published" else text(f"{_T}.published", lang) for s in statuses],
              loc="lower right", fontsize=8, title=text(f"{_T}.status", lang), title_fontsize=8)
    if title is not None:
        ax.set_title(title)
    return fig


def coverage_heatmap(cov: pd.DataFrame, names: list[str], lang: str = "en", title: str | None = None):
    """Indicators per partnership × SDG (default title says so)."""
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(cov) + 1.6))
    data = cov.to_numpy()
    im = ax.imshow(np.ma.masked_equal(data, 0), cmap="Greens", vmin=0, vmax=max(1, data.max()), aspect="auto")
    for (i, j), v in np.ndenumerate(data):
        if v:
            ax.text(j, i, str(v), ha="center", va="center", color="white" if v > data.max() / 2 else "black",
                    fontsize=10)
    # each name broken where its words break (the catalog's lines), never inside a word
    ax.set_xticks(range(cov.shape[1]), [f"SDG {c}\n" + text(f"brief_sdg_lines.{c}", lang) for c in cov.columns],
                  fontsize=7)
    ax.set_yticks(range(cov.shape[0]), names)
    ax.grid(False)
    ax.tick_params(length=0)
    for s in ax.spines.values():
        s.set_visible(False)
    fig.colorbar(im, ax=ax, shrink=0.8, label=text(f"{_T}.indicators", lang))
    ax.set_title(title if title is not None else text(f"{_T}.coverage_title", lang))
    return fig
