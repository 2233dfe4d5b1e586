"""Charts of the city footprint: tables in, matplotlib figures out.

Every word drawn comes from the caption catalog (``captions/<lang>/city.yml``: sections ``city_rows``,
``city_origins``, ``city_choices``, ``city_options``, ``city_groups``, ``city_plots``; names of land
types, places and units from ``labels.yml``).
"""

from __future__ import annotations

import datetime as _dt

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from footprint.accounts import LAND_TYPES
from footprint.city.categories import CARBON_NOT_LOCATED
from footprint.outputs.catalog import check_lang, section, text
from footprint.outputs.labels import label
from footprint.outputs.plots import interval_bars
from footprint.outputs.style import PALETTE

def _pairs(table: str) -> dict[str, tuple[str, str]]:
    """``{key: (english, japanese)}`` of a catalog section (the tuples this module used to define inline)."""
    en, ja = section(table, "en"), section(table, "ja")
    return {k: (en[k], ja.get(k, en[k])) for k in en}


# The names below live in the catalog (captions/<lang>/city.yml); these (en, ja) tables stay for callers.
ROW_LABELS = _pairs("city_rows")
ORIGIN_LABELS = _pairs("city_origins")
ORIGIN_COLORS = {"city": PALETTE["biocapacity"], "rest_of_japan": "#7986cb", "abroad": PALETTE["footprint"],
                 CARBON_NOT_LOCATED: "#bdbdbd"}
CHOICE_LABELS = _pairs("city_choices")
OPTION_LABELS = _pairs("city_options")
GROUP_LABELS = _pairs("city_groups")


def _lab(table: str, key: str, lang: str) -> str:
    """The name of ``key`` in the catalog section ``table``; unknown keys are returned unchanged."""
    return section(table, check_lang(lang)).get(key, key)


def _t(key: str, lang: str, /, **values) -> str:
    """Chart text of this module (``city_plots.<key>``)."""
    return text(f"city_plots.{key}", lang, **values)


def row_label(row: str, lang: str = "en") -> str:
    """The label of a CLUM row (``food``, ``housing``, …) in ``lang``."""
    return _lab("city_rows", row, lang)


def group_label(group: str, lang: str = "en") -> str:
    """The label of a Monte Carlo input group (``clum_profiles``, ``land_use``, …) in ``lang``."""
    return _lab("city_groups", group, lang)


def choice_label(choice: str, lang: str = "en") -> str:
    """The label of a structural choice (``prior``, ``household``, …) in ``lang``."""
    return _lab("city_choices", choice, lang)


def option_label(option: str, lang: str = "en") -> str:
    """The label of a structural choice's option (``low``, ``alternative``, ``False``, …) in ``lang``."""
    return _lab("city_options", str(option), lang)


def _title(ax, title: str | None) -> None:
    if title is not None:
        ax.set_title(title)


def category_land_type(clum_city: pd.DataFrame, clum_national: pd.DataFrame, city_label: str, lang: str = "en",
                       title: str | None = None):
    """Horizontal stacked bars: the city's footprint per person by CLUM row and land type.

    A black tick marks Japan's value of the same row. ``title``: drawn above the axes (default:
    the city's footprint per person by consumption category and land type).
    """
    fig, ax = plt.subplots(figsize=(9.0, 4.8))
    rows = list(clum_city.index)[::-1]
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    for lt in LAND_TYPES:
        v = clum_city.loc[rows, lt].to_numpy(dtype=float)
        ax.barh(y, v, left=left, color=PALETTE[lt], edgecolor="white", linewidth=0.5, label=label(lt, lang))
        left += v
    nat = clum_national.loc[rows, list(LAND_TYPES)].sum(axis=1).to_numpy()
    ax.scatter(nat, y, marker="|", s=260, color="black", linewidths=2, zorder=3,
               label=_t("japan_same_row", lang))
    pad = 0.01 * max(left.max(), nat.max())
    for yi, tot in zip(y, left, strict=True):  # the value labels the city's bar, at its end
        ax.text(tot + pad, yi + 0.22, f"{tot:.2f}", va="bottom", ha="left", fontsize=8, gid="city_value")
    ax.set_yticks(y, [row_label(r, lang) for r in rows])
    ax.set_xlabel(label("gha_per_cap", lang))
    ax.set_xlim(0, max(left.max(), nat.max()) * 1.12)
    ax.set_title(title if title is not None else _t("category_title", lang, city=city_label))
    ax.legend(ncols=2, fontsize=8, loc="center right", bbox_to_anchor=(1.0, 0.45))
    ax.grid(axis="y", visible=False)
    return fig


def city_japan_world(ef: pd.DataFrame, bc: pd.Series, interval: tuple[float, float], lang: str = "en",
                     title: str | None = None):
    """Stacked footprint bars (land types) with the biocapacity beside each bar.

    ``ef``: entity label × land type (gha per person), first row the city; ``bc``: entity →
    biocapacity per person; ``interval``: the city's 90 % interval of the total; ``title``:
    drawn above the axes.
    """
    fig, ax = plt.subplots(figsize=(8.0, 4.8))
    x = np.arange(len(ef))
    w = 0.5
    bottom = np.zeros(len(ef))
    for lt in LAND_TYPES:
        v = ef[lt].to_numpy(dtype=float)
        ax.bar(x - 0.15, v, w, bottom=bottom, color=PALETTE[lt], edgecolor="white", linewidth=0.5,
               label=label(lt, lang))
        bottom += v
    bcv = bc.reindex(ef.index).to_numpy(dtype=float)
    ax.bar(x + 0.25, np.nan_to_num(bcv), 0.18, color=PALETTE["biocapacity"], hatch="//",
           edgecolor="white", label=label("biocapacity", lang))
    lo, hi = interval
    interval_bars(ax, x[0] - 0.15, lo, hi, color="black", capsize=5, lw=1.5)
    tops = bottom.copy()
    tops[0] = max(bottom[0], hi)
    for xi, tot, top, b in zip(x, bottom, tops, bcv, strict=True):
        ax.text(xi - 0.15, top + 0.1, f"{tot:.2f}", ha="center", fontsize=9)
        txt = _t("not_available", lang) if np.isnan(b) else (f"{b:.2f}" if b >= 0.1 else f"{b:.3f}")
        ax.text(xi + 0.25, np.nan_to_num(b) + 0.05, txt, ha="center", fontsize=8, color=PALETTE["biocapacity"])
    ax.set_xticks(x, list(ef.index))
    ax.set_ylabel(label("gha_per_cap", lang))
    ax.set_ylim(0, bottom.max() * 1.45)
    ax.legend(ncols=3, fontsize=8, loc="upper right")
    ax.grid(axis="x", visible=False)
    _title(ax, title)
    return fig


def origin_split(origin: pd.DataFrame, city_label: str, lang: str = "en", title: str | None = None):
    """Horizontal stacked bars per land type: where the city's footprint lands (million gha).

    ``title``: drawn above the axes (default: where the city's footprint lands).
    """
    t = origin.pivot_table(index="land_type", columns="origin", values="ef_gha", aggfunc="sum", observed=True)
    t = t.reindex(index=list(LAND_TYPES)[::-1], columns=["city", "rest_of_japan", "abroad", CARBON_NOT_LOCATED]
                  ).fillna(0) / 1e6
    fig, ax = plt.subplots(figsize=(9.0, 4.6))
    y = np.arange(len(t))
    left = np.zeros(len(t))
    for o in t.columns:
        v = t[o].to_numpy()
        ax.barh(y, v, left=left, color=ORIGIN_COLORS[o], edgecolor="white", label=_lab("city_origins", o, lang))
        left += v
    for yi, tot, ab, nl in zip(y, left, t["abroad"].to_numpy(), t[CARBON_NOT_LOCATED].to_numpy(), strict=True):
        share = ab / tot if tot > 0 else 0
        txt = (_t("origin_not_located", lang, total=tot) if nl > 0
               else _t("origin_abroad", lang, total=tot, share=share))
        ax.text(tot + 0.05, yi, txt, va="center", fontsize=8)
    ax.set_yticks(y, [label(lt, lang) for lt in t.index])
    ax.set_xlabel(_t("million_gha", lang))
    ax.set_xlim(0, left.max() * 1.35)
    ax.set_title(title if title is not None else _t("origin_title", lang, city=city_label))
    ax.legend(fontsize=8, loc="upper right")
    ax.grid(axis="y", visible=False)
    return fig


def time_series(ts: pd.DataFrame, city_label: str, lang: str = "en", title: str | None = None):
    """The city's footprint per person (median and 90 % band) against Japan and the world; ``title`` above the axes."""
    fig, ax = plt.subplots(figsize=(9.0, 4.6))
    x = ts["year"].to_numpy()
    ax.fill_between(x, ts["p05"], ts["p95"], color=PALETTE["footprint"], alpha=0.25,
                    label=_t("band_full" if "p05_parametric" in ts else "band", lang, city=city_label))
    ax.plot(x, ts["central"], color=PALETTE["footprint"], lw=2.2, marker="o", ms=4,
            label=_t("central", lang, city=city_label))
    ax.plot(x, ts["japan_gha_per_cap"], color="black", lw=1.8, ls="--", label=label("Japan", lang))
    ax.plot(x, ts["world_gha_per_cap"], color=PALETTE["muted"], lw=1.8, ls=":", label=label("World", lang))
    ax.set_ylabel(label("gha_per_cap", lang))
    ax.set_ylim(0, max(ts["p95"].max(), ts["japan_gha_per_cap"].max()) * 1.25)
    ax.set_xticks(x, [str(v) for v in x], rotation=0, fontsize=8)
    ax.legend(ncols=2, fontsize=8, loc="lower left")
    _title(ax, title)
    return fig


def city_comparison(cmp: pd.DataFrame, highlight: str, japan: float, lang: str = "en", title: str | None = None):
    """All capitals' footprint per person with 90 % intervals, sorted; one city highlighted; ``title`` above the axes."""
    t = cmp.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8.0, 9.0))
    y = np.arange(len(t))
    hi = (t["city"] == highlight).to_numpy()
    col = np.where(hi, PALETTE["highlight"], "#546e7a")
    ax.hlines(y, t["p05"], t["p95"], color=col, lw=1.2, alpha=0.6)
    if "p05_parametric" in t:  # the parametric interval as a thicker line inside the full one
        ax.hlines(y, t["p05_parametric"], t["p95_parametric"], color=col, lw=3.2, alpha=0.9)
    ax.scatter(t["central"], y, color=col, s=np.where(hi, 60, 22), zorder=3)
    ax.axvline(japan, color="black", ls="--", lw=1.2)
    ax.text(japan, len(t) - 0.2, " " + _t("japan_value", lang, japan=japan), fontsize=8, va="bottom")
    names = t["city"] if lang == "ja" else t["city_en"]
    ax.set_yticks(y, names, fontsize=7.5)
    for tick, h in zip(ax.get_yticklabels(), hi, strict=True):
        if h:
            tick.set_color(PALETTE["highlight"])
            tick.set_fontweight("bold")
    ax.set_ylim(-0.8, len(t) + 0.6)
    full = "p05_parametric" in t
    ax.set_xlabel(_t("comparison_axis_full" if full else "comparison_axis", lang))
    ax.grid(axis="y", visible=False)
    _title(ax, title)
    return fig


def overshoot_calendar(days: pd.DataFrame, year: int, lang: str = "en", title: str | None = None):
    """A one-year calendar strip with the overshoot days of the city, Japan and the world.

    ``days``: index = entity label; columns ``day`` (day of year), optional ``p05``/``p95``;
    ``title``: drawn above the axes.
    """
    fig, ax = plt.subplots(figsize=(9.0, 3.2))
    ax.set_xlim(0, 366)
    ax.set_ylim(-0.5, len(days) - 0.5)
    month_starts = [(_dt.date(year, m, 1) - _dt.date(year, 1, 1)).days for m in range(1, 13)]
    ax.set_xticks(month_starts, [_t("month", lang, date=_dt.date(year, m, 1)) for m in range(1, 13)])
    ax.grid(axis="y", visible=False)
    colors = [PALETTE["highlight"], "black", PALETTE["muted"]]
    for i, (name, row) in enumerate(days.iterrows()):
        yi = len(days) - 1 - i
        c = colors[i % len(colors)]
        ax.barh(yi, row["day"], color=c, alpha=0.18, height=0.5)
        if "p05" in row and np.isfinite(row.get("p05", np.nan)):
            interval_bars(ax, yi, row["p05"], row["p95"], horizontal=True, color=c, capsize=6, lw=1.8)
        ax.plot([row["day"]], [yi], marker="D", color=c, ms=7)
        date = _dt.date(year, 1, 1) + _dt.timedelta(days=max(1, int(np.ceil(row["day"]))) - 1)
        txt = _t("overshoot_date", lang, name=name, date=date)
        ax.text(min(row["day"], 366) + 4, yi + 0.28, txt, fontsize=9, va="center", color=c)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    _title(ax, title)
    return fig


def tornado(sens: pd.DataFrame, central: float, lang: str = "en", unit: str | None = None,
            title: str | None = None):
    """One-at-a-time sensitivity: the 90 % range of the footprint when each input varies alone; ``title`` above the axes.

    Inputs whose range is zero (they do not move this indicator, e.g. land use for the footprint)
    get no row; a note under the axes names them. The legend explains the two colours. ``unit``: the
    unit named on the axis (default: gha per person in ``lang``).
    """
    zero = (sens["p95"] - sens["p05"]).abs() <= 1e-9
    t = sens[~zero].iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9.0, 4.8))
    y = np.arange(len(t))
    ax.barh(y, t["p95"] - central, left=central, color=PALETTE["footprint"], alpha=0.85, height=0.6,
            label=_t("to_p95", lang))
    ax.barh(y, t["p05"] - central, left=central, color=PALETTE["fishing_grounds"], alpha=0.85, height=0.6,
            label=_t("from_p05", lang))
    ax.axvline(central, color="black", lw=1, label=_t("central_value", lang, central=central))
    for yi, (lo, hi) in enumerate(zip(t["p05"], t["p95"], strict=True)):
        # each side as it is: a one-sided or lopsided range is not "±" half its width
        words = f"{lo - central:+.3f} / {hi - central:+.3f}".replace("-", "−")
        ax.text(max(hi, central) + 0.003, yi, words, va="center", fontsize=8)
    ax.set_yticks(y, [group_label(g, lang) for g in t["input"]], fontsize=8)
    span = max(float(np.abs(t["p95"].to_numpy() - central).max(initial=0)),
               float(np.abs(central - t["p05"].to_numpy()).max(initial=0)), 1e-3)
    ax.set_xlim(central - span * 1.3, central + span * 1.5)
    ax.set_xlabel(_t("tornado_axis", lang, unit=label("gha_per_cap", lang) if unit is None else unit))
    ax.legend(fontsize=8, loc="lower right")
    if zero.any():
        names = ", ".join(group_label(g, lang) for g in sens.loc[zero, "input"])
        fig.text(0.01, 0.01, _t("no_effect", lang, names=names),
                 fontsize=7.5, color=PALETTE["muted"])
    ax.grid(axis="y", visible=False)
    _title(ax, title)
    return fig


def structural_sensitivity(sens: pd.DataFrame, city_label: str, lang: str = "en", title: str | None = None):
    """Change of the central footprint per person when one structural choice takes another option (percent).

    ``sens``: :func:`footprint.city.structural_sensitivity` (``choice, option, relative_change``).
    Bars right: the option raises the footprint; left: lowers it. ``title`` above the axes.
    """
    t = sens.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9.0, 4.4))
    y = np.arange(len(t))
    v = 100 * t["relative_change"].to_numpy(dtype=float)
    up = v >= 0
    ax.barh(y[up], v[up], color=PALETTE["footprint"], height=0.6, label=_t("raises", lang))
    ax.barh(y[~up], v[~up], color=PALETTE["fishing_grounds"], height=0.6, label=_t("lowers", lang))
    ax.axvline(0, color="black", lw=1)
    for yi, val in zip(y, v, strict=True):
        ax.text(val + (0.05 if val >= 0 else -0.05), yi, f"{val:+.1f} %", va="center",
                ha="left" if val >= 0 else "right", fontsize=8)
    labels = [_t("choice_option", lang, choice=choice_label(c, lang), option=option_label(o, lang))
              for c, o in zip(t["choice"], t["option"], strict=True)]
    ax.set_yticks(y, labels, fontsize=8)
    span = max(float(np.abs(v).max(initial=0)), 0.5)
    ax.set_xlim(-span * 1.5, span * 1.5)
    ax.set_xlabel(_t("structural_axis", lang, city=city_label))
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(axis="y", visible=False)
    _title(ax, title)
    return fig
