"""Charts of the partnership ledger and of the bonds per partner: tables in, matplotlib ``Figure`` out.

Magnitudes (the ledger: gha, t-CO₂, yen, persons, tonnes, with 90 % intervals and statuses) and
counts (the ties: numbers of flows, agreements, meetings) never share an axis: the count charts
(:func:`partner_layer_heatmap`, :func:`bond_profiles`) say "number of flows" on their axes.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from footprint.flows import HUB, LAYERS, hub_links
from footprint.outputs.catalog import has, text
from footprint.outputs.labels import check_lang
from footprint.outputs.plots.flows import LAYER_COLOURS, layer_label, node_names

STATUS_HATCH = {"published": "", "derived": "..", "estimated": "///", "illustrative": "xx"}
TO_COLOUR, FROM_COLOUR = "#c62828", "#455a64"


def _name(section: str, key: str, lang: str) -> str:
    """``key``'s name in the catalog ``section``, or ``key`` itself when the catalog has none."""
    check_lang(lang)
    return text(f"{section}.{key}", lang) if has(f"{section}.{key}", lang) else key


def currency_label(currency: str, lang: str) -> str:
    """Name of a currency (``ef_gha``, ``co2_t``, …) in ``lang`` (catalog section ``flows_currencies``)."""
    return _name("flows_currencies", currency, lang)


def flow_label(flow: str, lang: str) -> str:
    """Name of a kind of flow (``trade_goods``, ``visitors``, …) in ``lang`` (catalog section ``flows_kinds``)."""
    return _name("flows_kinds", flow, lang)


def _fmt(v: float, lang: str = "en") -> str:
    """A tick value as a reader says it: k, M, bn (en) or 万, 億, 兆 (ja); never the SI "G" of "100G" yen."""
    a = abs(v)
    steps = ((1e12, "兆"), (1e8, "億"), (1e4, "万")) if lang == "ja" else ((1e9, " bn"), (1e6, " M"), (1e3, " k"))
    div, suf = next(((d, w) for d, w in steps if a >= d), (1.0, ""))
    r = float(f"{v / div:.3g}")  # three significant digits, written out (1,000億, never 1e+03億)
    return (f"{int(r):,}" if r.is_integer() else f"{r:g}") + suf


def ledger_figure(ledger: pd.DataFrame, partners: Sequence[str], year: int, *, names: dict | None = None,
                  currencies: Sequence[str] = ("ef_gha", "co2_t", "amount_jpy", "persons"), lang: str = "en"):
    """Small multiples: one row per partner, one column per currency; in each panel one bar per kind of
    flow, to Osaka to the right and from Osaka to the left (linear axis), the 90 % interval as a whisker,
    the status as hatching (none = published, dots = derived, /// = estimated) and "n/a" where a defined
    cell has no data. Empty panels say that the currency is not defined for that partner's flows."""
    names = names or {}
    fig, axes = plt.subplots(len(partners), len(currencies), figsize=(2.55 * len(currencies) + 0.6, 1.55 * len(partners) + 0.9),
                             squeeze=False)
    shown = ledger[ledger["partner"].isin(partners) & (ledger["year"] == year) & ledger["currency"].isin(currencies)]
    # kinds of flow with no data in any cell of the figure are said once in the key, not as rows of "n/a"
    never = sorted(set(shown["flow"]) - set(shown.loc[shown["available"].astype(bool), "flow"]))
    blank = False
    for i, p in enumerate(partners):
        for j, cur in enumerate(currencies):
            ax = axes[i, j]
            d = ledger[(ledger["partner"] == p) & (ledger["year"] == year) & (ledger["currency"] == cur)]
            d = d[~d["flow"].isin(never)]
            flows = sorted(d["flow"].unique())
            ax.axvline(0, color="black", lw=0.6)
            lim = float(np.nanmax(d["p95"].to_numpy(float), initial=0.0)) if len(d) else 0.0
            lim = lim if lim > 0 else 1.0
            for k, f in enumerate(flows):
                for direction, sign, colour in (("to_osaka", 1, TO_COLOUR), ("from_osaka", -1, FROM_COLOUR)):
                    c = d[(d["flow"] == f) & (d["direction"] == direction)]
                    if not len(c):
                        continue
                    r = c.iloc[0]
                    if not r["available"]:
                        ax.text(sign * 0.04 * lim, k, text("flows_chart.not_available", lang), ha="left" if sign > 0 else "right", va="center",
                                fontsize=6.5, color="#777777")
                        continue
                    ax.barh(k, sign * r["value"], height=0.6, color=colour, alpha=0.75,
                            hatch=STATUS_HATCH.get(r["status"], ""), edgecolor="white", linewidth=0)
                    ax.plot([sign * r["p05"], sign * r["p95"]], [k, k], color="black", lw=0.8)
            ax.set_xlim(-1.1 * lim, 1.1 * lim)
            ax.set_ylim(-0.7, max(len(flows), 1) - 0.3)
            ax.set_yticks(range(len(flows)), [flow_label(f, lang) for f in flows], fontsize=7.5)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=3, symmetric=True))  # few ticks: readable at this size
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: _fmt(abs(v), lang)))
            ax.tick_params(axis="x", labelsize=7)
            ax.grid(axis="y", visible=False)
            if i == 0:
                ax.set_title(currency_label(cur, lang), fontsize=9)
            if j == 0:
                ax.set_ylabel(names.get(p, p), fontsize=8.5)
            if not flows:  # the currency is not defined for this partner's flows: a blank panel, said in the key
                blank = True
                ax.set_xticks([])
                ax.set_yticks([])
                for side in ax.spines.values():
                    side.set_visible(False)
                for line in ax.get_lines():
                    line.set_visible(False)
    key = text("flows_chart.ledger_key", lang, year=year)
    if never:
        key += text("flows_chart.ledger_no_data", lang, flows=", ".join(flow_label(f, lang) for f in never))
    if blank:
        key += text("flows_chart.ledger_blank", lang)
    fig.text(0.5, 0.005, key, ha="center", va="bottom", fontsize=7)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def ledger_time_series(ledger: pd.DataFrame, partners: Sequence[str], currency: str, *, names: dict | None = None,
                       flow: str = "trade_goods", lang: str = "en"):
    """One panel per partner: ``flow`` to and from Osaka over the years in ``currency`` with its 90 % band;
    years without data leave a gap (not available, never zero)."""
    names = names or {}
    fig, axes = plt.subplots(1, len(partners), figsize=(2.6 * len(partners) + 0.4, 2.8), squeeze=False, sharey=True)
    for ax, p in zip(axes[0], partners, strict=True):
        d = ledger[(ledger["partner"] == p) & (ledger["currency"] == currency) & (ledger["flow"] == flow)]
        for direction, colour, lab in (("to_osaka", TO_COLOUR, text("flows_chart.to_osaka", lang)),
                                       ("from_osaka", FROM_COLOUR, text("flows_chart.from_osaka", lang))):
            s = d[d["direction"] == direction].sort_values("year")
            ax.plot(s["year"], s["value"], color=colour, lw=1.5, label=lab)
            ax.fill_between(s["year"], s["p05"], s["p95"], color=colour, alpha=0.2, lw=0)
        ax.set_title(names.get(p, p), fontsize=9)
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: _fmt(v, lang)))
        # whole years only (the automatic ticks were 2010.0, 2012.5, … and ran together)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:.0f}"))
        ax.tick_params(labelsize=7)
    axes[0, 0].set_ylabel(text("flows_chart.series_axis", lang, flow=flow_label(flow, lang),
                               unit=currency_label(currency, lang)), fontsize=8)
    axes[0, 0].legend(fontsize=7, frameon=False, loc="upper left")
    fig.tight_layout()
    return fig


def magnitude_bond_chart(bonds: pd.DataFrame, *, names: dict | None = None, lang: str = "en",
                         currency: str | None = None):
    """Bond metrics on magnitudes (one currency) per partner: the sizes to and from Osaka (a dot each,
    joined), reciprocity on [0, 1], and diversity on [0, 1] only when some partner has two kinds of flow
    in the currency (else it is 0/0 for every partner and the panel is left out). Grey: not defined."""
    names = names or {}
    cols = [("reciprocity", text("flows_chart.reciprocity_axis", lang))]
    if bonds["diversity"].notna().any():
        cols.append(("diversity", text("flows_chart.diversity_axis", lang)))
    fig, axes = plt.subplots(1, 1 + len(cols), figsize=(3.0 + 3.0 * len(cols), 0.45 * len(bonds) + 1.3),
                             sharey=True, squeeze=False)
    axes = axes[0]
    y = np.arange(len(bonds))
    to, fr = bonds["to_osaka"].to_numpy(float), bonds["from_osaka"].to_numpy(float)
    ax = axes[0]
    ax.hlines(y, np.fmin(to, fr), np.fmax(to, fr), color="#bbbbbb", lw=2, zorder=2)
    ax.scatter(to, y, color=TO_COLOUR, zorder=3, label=text("flows_chart.to_osaka", lang))
    ax.scatter(fr, y, color=FROM_COLOUR, zorder=3, label=text("flows_chart.from_osaka", lang))
    ax.set_xlim(left=0)
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _fmt(v, lang)))
    unit = currency_label(currency, lang) if currency else ""
    ax.set_xlabel(text("flows_chart.sizes_axis", lang, unit=unit), fontsize=8)
    ax.legend(loc="lower right", fontsize=7, frameon=True, framealpha=0.85)
    for ax, (col, lab) in zip(axes[1:], cols, strict=True):
        v = bonds[col].to_numpy(float)
        ax.scatter(np.nan_to_num(v), y, color=np.where(np.isnan(v), "#bbbbbb", "#2e7d32"), zorder=3)
        ax.set_xlim(-0.05, 1.05)
        ax.set_xlabel(lab, fontsize=8)
    axes[0].set_yticks(y, [names.get(p, p) for p in bonds["partner"]], fontsize=8)
    axes[0].invert_yaxis()
    fig.tight_layout()
    return fig


def partner_layer_heatmap(flows: pd.DataFrame, nodes: pd.DataFrame, *, lang: str = "en", hub: Sequence[str] = HUB,
                          partners: Sequence[str] | None = None):
    """Partner × layer: number of flows with Osaka (both ways); ⇄ marks layers with flows both ways."""
    f = hub_links(flows, hub)
    counts = f.pivot_table(index="partner", columns="layer", values="year", aggfunc="size", fill_value=0)
    counts = counts.reindex(columns=list(LAYERS), fill_value=0)
    dirs = f.groupby(["partner", "layer"])["direction"].nunique().unstack().reindex(columns=list(LAYERS)).fillna(0)
    order = partners if partners else counts.sum(axis=1).sort_values(ascending=False).index
    counts = counts.reindex(order).fillna(0)
    dirs = dirs.reindex(order).fillna(0)
    names = node_names(nodes, lang)
    fig, ax = plt.subplots(figsize=(6.8, 0.42 * len(counts) + 1.4))
    im = ax.imshow(counts.to_numpy(dtype=float), cmap="Blues", aspect="auto", vmin=0)
    vmax = max(float(counts.to_numpy().max()), 1.0)
    for i in range(counts.shape[0]):
        for j in range(counts.shape[1]):
            n = int(counts.iat[i, j])
            if n:
                mark = " ⇄" if dirs.iat[i, j] == 2 else ""
                ax.text(j, i, f"{n}{mark}", ha="center", va="center", fontsize=8,
                        color="white" if n > 0.6 * vmax else "black")
    ax.set_xticks(range(len(LAYERS)), [layer_label(x, lang) for x in LAYERS])
    ax.set_yticks(range(len(counts)), [names.get(p, p) for p in counts.index])
    ax.grid(False)
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    cb = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    cb.set_label(text("flows_chart.heatmap_colourbar", lang), fontsize=8)
    return fig


def bond_profiles(flows: pd.DataFrame, metrics: pd.DataFrame, nodes: pd.DataFrame, *, lang: str = "en",
                  hub: Sequence[str] = HUB):
    """Bond profile of every partner in one chart: per layer, flows from Osaka (left) and to Osaka
    (right); beside each partner its number of flows, Shannon diversity of items (H) and
    reciprocity (share of its layers with flows both ways)."""
    f = hub_links(flows, hub)
    c = f.groupby(["partner", "layer", "direction"]).size()
    partners = list(metrics["partner"])
    n = len(partners)
    names = node_names(nodes, lang)
    height = max(2.8, 0.5 * n + 1.3)
    fig, ax = plt.subplots(figsize=(8.6, height))
    fig.subplots_adjust(bottom=0.75 / height, top=1 - 0.45 / height)  # room for the x label above the caption
    h = 0.26
    idx = pd.MultiIndex.from_product([partners, list(LAYERS)])
    to = c.xs("to_hub", level=2).reindex(idx, fill_value=0) if len(c) else pd.Series(0, index=idx)
    fr = c.xs("from_hub", level=2).reindex(idx, fill_value=0) if len(c) else pd.Series(0, index=idx)
    base = np.arange(n)
    present = np.column_stack([(to.xs(x, level=1).reindex(partners) + fr.xs(x, level=1).reindex(partners)).to_numpy() > 0
                               for x in LAYERS])  # partners × layers with a bar
    rank = np.cumsum(present, axis=1) - 1
    offset = (rank - (present.sum(axis=1, keepdims=True) - 1) / 2) * h  # bars centred on the partner's label
    for j, layer in enumerate(LAYERS):
        y = base + offset[:, j]
        t = to.xs(layer, level=1).reindex(partners).to_numpy()
        r = fr.xs(layer, level=1).reindex(partners).to_numpy()
        ax.barh(y, t, height=h * 0.92, color=LAYER_COLOURS[layer], label=layer_label(layer, lang))
        ax.barh(y, -r, height=h * 0.92, color=LAYER_COLOURS[layer], alpha=0.55, hatch="///", edgecolor="white",
                linewidth=0)
    lim = max(1, int(max(to.max(), fr.max())))
    ax.set_xlim(-lim * 1.15, lim * 1.15)
    ax.axvline(0, color="black", lw=0.7)
    ax.set_yticks(base, [names.get(p, p) for p in partners], fontsize=8)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    for k, m in enumerate(metrics.itertuples(index=False)):  # one line of text per partner
        # diversity as the effective number of kinds of flow (exp of the Shannon index in nats: Hill's N1),
        # a number a reader can picture, instead of "H=" in nats
        ax.annotate(text("flows_chart.bond_line", lang, n=m.n_flows, kinds=float(np.exp(m.shannon_items)),
                         reciprocity=m.reciprocity),
                    (1.01, k), xycoords=("axes fraction", "data"), fontsize=7.5, va="center", annotation_clip=False)
    ax.set_xlabel(text("flows_chart.bond_axis", lang), fontsize=8)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{abs(v):g}"))
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=3, fontsize=7.5, frameon=False)
    return fig


def partner_summary(bonds: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The partners with their bond metrics for the closing note, names in ``lang``."""
    return bonds.assign(name=bonds["name_ja"] if lang == "ja" else bonds["name_en"])[
        ["name", "layers", "n_flows", "n_items", "shannon_items", "reciprocity", "status"]]
