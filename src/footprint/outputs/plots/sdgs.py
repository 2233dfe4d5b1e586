"""Brief-ready charts: one message each, large type, few colours."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from footprint.outputs.labels import label, pick
from footprint.outputs.style import PALETTE, plain_log_ticks
from footprint.sdgs import SDGS

_STATUS_COLOUR = {"published": "#1b9e77", "derived": "#7570b3", "estimated": "#d95f02", "illustrative": "#9e9e9e"}


def earths_bar(rows: pd.DataFrame, highlight: str, lang: str = "en", title: str | None = None):
    """Earths needed per person: horizontal bars with the 90 % interval where known, 1 Earth marked.

    ``rows``: ``name, earths, p05, p95, status`` (one row per place, drawn top to bottom).
    """
    fig, ax = plt.subplots(figsize=(8.5, 0.55 * len(rows) + 1.4))
    y = np.arange(len(rows))[::-1]
    colours = [PALETTE["highlight"] if n == highlight else PALETTE["muted"] for n in rows["name"]]
    ax.barh(y, rows["earths"], color=colours, height=0.62)
    has = rows["p05"].notna().to_numpy()
    err = np.vstack([(rows["earths"] - rows["p05"]).to_numpy(), (rows["p95"] - rows["earths"]).to_numpy()])
    ax.errorbar(rows["earths"].to_numpy()[has], y[has], xerr=err[:, has], fmt="none", ecolor="black", capsize=4, lw=1.2)
    right = np.where(has, rows["p95"].to_numpy(), rows["earths"].to_numpy())
    for yi, v, r, s in zip(y, rows["earths"], right, rows["status"], strict=True):
        tag = "" if s == "published" else pick(lang, " (estimate)", "（推計）")
        ax.text(r + 0.05, yi, f"{v:.2f}{tag}", va="center", fontsize=9)
    ax.axvline(1.0, color="black", lw=1, ls="--")
    ax.text(1.02, y.max() + 0.45, pick(lang, "1 Earth", "地球1個"), fontsize=8)
    ax.set_yticks(y, rows["name"])
    ax.set_xlabel(pick(lang, "Earths needed if everyone lived like this", "全員が同じ暮らしをした場合に必要な地球の数"))
    ax.set_xlim(0, float(np.nanmax(rows[["earths", "p95"]].to_numpy())) * 1.25)
    ax.grid(axis="y", visible=False)
    if title is not None:
        ax.set_title(title)
    return fig


def dependence_bar(origin: pd.DataFrame, lang: str = "en", title: str | None = None):
    """Where the footprint lands: one stacked bar (city / rest of Japan / abroad) with shares."""
    order = ["city", "rest_of_japan", "abroad"]
    names = {"city": pick(lang, "Inside the city", "市内"), "rest_of_japan": pick(lang, "Rest of Japan", "国内（市外）"),
             "abroad": pick(lang, "Abroad", "海外")}
    colours = {"city": PALETTE["highlight"], "rest_of_japan": "#7fa7c9", "abroad": "#2c5d8a"}
    tot = origin.groupby("origin")["ef_gha"].sum().reindex(order).fillna(0.0)
    share = tot / tot.sum()
    fig, ax = plt.subplots(figsize=(9, 2.6))
    left = 0.0
    for o in order:
        ax.barh(0, share[o], left=left, color=colours[o], height=0.5)
        if share[o] > 0.08:
            ax.text(left + share[o] / 2, 0, f"{names[o]}\n{share[o]:.1%}", ha="center", va="center", color="white",
                    fontsize=11, weight="bold")
        else:  # a sliver: label it above the bar
            ax.annotate(f"{names[o]} {share[o]:.1%}", xy=(left + share[o] / 2, 0.25), xytext=(left + 0.02, 0.42),
                        fontsize=10, color=colours[o], weight="bold", arrowprops=dict(arrowstyle="-", color=colours[o]))
        left += share[o]
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.35, 0.55)
    ax.set_yticks([])
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.grid(False)
    if title is not None:
        ax.set_title(title)
    return fig


def magnitudes(rows: pd.DataFrame, lang: str = "en", title: str | None = None):
    """Quantities of very different size on one log axis (t-CO2 a year), coloured by status.

    ``rows``: ``name, co2_t, status``.
    """
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(rows) + 1.5))
    y = np.arange(len(rows))[::-1]
    ax.barh(y, rows["co2_t"], color=[_STATUS_COLOUR[s] for s in rows["status"]], height=0.6)
    ax.set_xscale("log")
    for yi, v in zip(y, rows["co2_t"], strict=True):
        ax.text(v * 1.15, yi, f"{v:,.0f}", va="center", fontsize=9)
    ax.set_yticks(y, rows["name"])
    ax.set_xlim(rows["co2_t"].min() / 3, rows["co2_t"].max() * 12)
    plain_log_ticks(ax.xaxis)
    ax.set_xlabel(pick(lang, "t-CO₂ (log scale)", "t-CO₂（対数目盛）"))
    handles = [plt.Rectangle((0, 0), 1, 1, color=_STATUS_COLOUR[s]) for s in _STATUS_COLOUR if s in set(rows["status"])]
    ax.legend(handles, [label(s, lang) if s != "published" else pick(lang, "Published", "公表値")
                        for s in _STATUS_COLOUR if s in set(rows["status"])], loc="lower right", fontsize=8)
    ax.grid(axis="y", visible=False)
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
    width = 6 if lang == "ja" else 14
    ax.set_xticks(range(cov.shape[1]), [f"SDG {c}\n" + "\n".join(textwrap.wrap(SDGS[c][1 if lang == "ja" else 0], width))
                                        for c in cov.columns], fontsize=7)
    ax.set_yticks(range(cov.shape[0]), names)
    ax.grid(False)
    ax.tick_params(length=0)
    for s in ax.spines.values():
        s.set_visible(False)
    fig.colorbar(im, ax=ax, shrink=0.8, label=pick(lang, "indicators", "指標数"))
    ax.set_title(title if title is not None else pick(lang, "Indicators per partnership and SDG", "連携・SDG別の指標数"))
    return fig
