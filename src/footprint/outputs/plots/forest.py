"""Charts of the forest environment transfer tax, carbon in purchased wood and partner-forest sinks."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from footprint.core.places import OSAKA_CODE, OSAKA_PREF_CODE
from footprint.forest import LEVY_FROM_FY
from footprint.outputs import maps
from footprint.outputs.catalog import section, text
from footprint.outputs.style import PALETTE, log_dots

RECEIPTS = "#1b9e77"
PAYMENTS = "#d95f02"
NET = "#333333"
POOL_COLOURS = {"sawnwood": "#8d6e63", "panels": "#e6a532", "paper": "#9e9e9e"}


def _subplots(*args, **kwargs):
    """``plt.subplots`` at the export resolution, so that text measured for the tight bounding box
    has the width it is drawn with (hinted text is a few per cent wider at 150 dpi than at 100 dpi,
    which otherwise cuts the end of long caption and credit lines)."""
    dpi = matplotlib.rcParams["savefig.dpi"]
    kwargs.setdefault("dpi", dpi if isinstance(dpi, (int, float)) else matplotlib.rcParams["figure.dpi"])
    return plt.subplots(*args, **kwargs)


def _m(v) -> np.ndarray:
    return np.asarray(v, dtype=float) / 1e6


def receipts_vs_payments(flows: pd.DataFrame, published: pd.DataFrame, lang: str = "en", title: str | None = None):
    """Bars of receipts and levy payments per fiscal year (million yen), net outflow as a line.

    ``flows``: :func:`footprint.forest.osaka_fund_flows`; estimated bars are hatched. Published
    receipts (FY2023 full year; FY2019 first tranche × 2) are drawn as markers. ``title``: default
    names the fiscal years shown.
    """
    fig, ax = _subplots(figsize=(9, 4.8))
    fy = flows["fiscal_year"].to_numpy()
    x = np.arange(len(fy))
    w = 0.38
    est_r = (flows["receipts_status"] != "published").to_numpy()
    est_p = (flows["payments_status"] != "published").to_numpy()
    for xs, vals, est, colour, lab in (
        (x - w / 2, _m(flows["receipts_jpy"]), est_r, RECEIPTS, text("forest_receipts_vs_payments.receipts", lang)),
        (x + w / 2, _m(flows["payments_jpy"]), est_p, PAYMENTS, text("forest_receipts_vs_payments.payments", lang)),
    ):
        ax.bar(xs, vals, w, color=colour, label=lab, edgecolor="white",
               hatch=[("///" if e else None) for e in est], linewidth=0.5)
        for xi, v in zip(xs, vals, strict=True):
            if v > 0:
                ax.annotate(f"{v:,.0f}", (xi, v), xytext=(0, 8), textcoords="offset points", ha="center",
                            va="bottom", fontsize=7.5)
    # the net flow as two lines: receipts only before the levy, receipts and levy from FY2024 (a line
    # across the change of law would suggest a trend between two regimes)
    net = _m(flows["net_outflow_jpy"])
    for k, part in enumerate((fy < LEVY_FROM_FY, fy >= LEVY_FROM_FY)):
        if part.any():
            ax.plot(x[part], net[part], color=NET, marker="o", lw=1.5,
                    label=text("forest_receipts_vs_payments.net_outflow", lang) if k == 0 or not (~part).any() else None)
    if (fy < LEVY_FROM_FY).any() and (fy >= LEVY_FROM_FY).any():
        ax.axvline(int(np.argmax(fy >= LEVY_FROM_FY)) - 0.5, color="#999999", lw=0.8, ls=":")
    ax.axhline(0, color="black", lw=0.8)
    pub = published[(published["code5"] == OSAKA_CODE)]
    pos = {y: i for i, y in enumerate(fy)}
    full = pub[(pub["part"] == "full_year") & pub["fiscal_year"].isin(pos)]
    first = pub[(pub["part"] == "first_tranche") & pub["fiscal_year"].isin(pos)]
    if len(full):
        ax.scatter([pos[y] - w / 2 for y in full["fiscal_year"]], _m(full["amount_jpy"]), marker="D", s=36, zorder=5,
                   color="black", label=text("forest_receipts_vs_payments.published_full_year", lang))
    if len(first):
        ax.scatter([pos[y] - w / 2 for y in first["fiscal_year"]], 2 * _m(first["amount_jpy"]), marker="x", s=40,
                   zorder=5, color="black", label=text("forest_receipts_vs_payments.published_first_tranche", lang))
    ax.set_xticks(x, [text("forest.fiscal_year", lang, year=y) for y in fy])
    ax.set_ylabel(text("forest_receipts_vs_payments.ylabel", lang))
    handles, labels = ax.get_legend_handles_labels()
    handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="///"))
    labels.append(text("forest_receipts_vs_payments.hatched", lang))
    ax.legend(handles, labels, fontsize=8, loc="upper left", ncols=2)
    lo, hi = ax.get_ylim()
    ax.set_ylim(lo, hi * 1.3)
    low = float(np.nanmin(net, initial=0.0))
    if low < 0:  # down to the tick below the lowest net flow, so that negative values can be read
        ticks = ax.get_yticks()
        step = float(ticks[1] - ticks[0])
        ax.set_ylim(step * np.floor(low / step), hi * 1.3)
    ax.grid(axis="x", visible=False)
    first, last = int(fy[0]), int(fy[-1])
    ax.set_title(title if title is not None
                 else text("forest_receipts_vs_payments.plot_title", lang, first=first, last=last))
    return fig


def money_destinations_bar(dest: pd.DataFrame, fiscal_year: int, lang: str = "en", top: int = 10,
                           home: str = OSAKA_PREF_CODE, title: str | None = None):
    """Horizontal bars: where Osaka City's levy goes in ``fiscal_year`` (million yen by region).

    The ``top`` regions, then the home region (Osaka Prefecture, highlighted) and the rest.
    """
    d = dest[dest["fiscal_year"] == fiscal_year].sort_values("amount_jpy", ascending=False)
    head = d.head(top)
    home_rows = d[(d["pref_code"] == home) & ~d["pref_code"].isin(head["pref_code"])]
    rest = d[~d["pref_code"].isin(head["pref_code"]) & (d["pref_code"] != home)]
    shown = pd.concat([head, home_rows])
    names = region_names(shown, lang)
    vals = _m(shown["amount_jpy"]).tolist()
    colours = [PALETTE["highlight"] if c == home else PALETTE["forest_products"] for c in shown["pref_code"]]
    if len(rest):
        names.append(text("forest_money_destinations.other", lang, n=len(rest)))
        vals.append(float(_m(rest["amount_jpy"].sum())))
        colours.append(PALETTE["muted"])
    fig, ax = _subplots(figsize=(8, 5.4))
    y = np.arange(len(vals))[::-1]
    ax.barh(y, vals, color=colours)
    for yi, v in zip(y, vals, strict=True):
        ax.text(v, yi, f" {v:,.1f}", va="center", fontsize=8)
    ax.set_yticks(y, names)
    ax.set_xlabel(text("forest_money_destinations.xlabel", lang))
    ax.set_xlim(0, max(vals) * 1.15)
    ax.grid(axis="y", visible=False)
    total = _m(d["amount_jpy"].sum())
    ax.text(0.98, 0.97, text("forest_money_destinations.levy_box", lang, fiscal_year=fiscal_year, total=total),
            transform=ax.transAxes, ha="right", va="top", fontsize=8.5,
            bbox={"facecolor": "white", "edgecolor": "#cccccc", "pad": 3})
    ax.set_title(title if title is not None
                 else text("forest_money_destinations.plot_title", lang, fiscal_year=fiscal_year))
    return fig


def money_map(prefs_gdf, dest: pd.DataFrame, fiscal_year: int, partners_gdf=None, osaka_gdf=None,
              region_gdf=None, lang: str = "en", title: str | None = None):
    """Choropleth of Osaka City's levy by receiving region (million yen), with an inset on Osaka.

    ``prefs_gdf``: :func:`footprint.outputs.maps.japan_prefectures`; ``partners_gdf``, ``osaka_gdf`` and
    ``region_gdf`` (the municipalities drawn in the inset): from
    :func:`footprint.outputs.maps.japan_municipalities`. Returns ``(fig, main axes)``.
    """
    d = dest[dest["fiscal_year"] == fiscal_year].set_index("pref_code")["amount_jpy"] / 1e6
    g = prefs_gdf.assign(amount_m=prefs_gdf["pref_code"].map(d))
    fig, ax = _subplots(figsize=(8, 7.6))
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.94)
    vmin, vmax = float(g["amount_m"].min()), float(g["amount_m"].max())
    g.plot(column="amount_m", cmap="YlGn", vmin=vmin, vmax=vmax, linewidth=0.3, edgecolor="#777777", ax=ax)
    ax.set_xlim(127.4, 146.2)
    ax.set_ylim(26.0, 45.8)
    ax.set_aspect(1.22)  # about 1 / cos(35 degrees)
    ax.set_axis_off()
    cax = ax.inset_axes([0.60, 0.20, 0.36, 0.025])
    sm = plt.cm.ScalarMappable(cmap="YlGn", norm=plt.Normalize(vmin, vmax))
    cb = fig.colorbar(sm, cax=cax, orientation="horizontal")
    cb.set_label(text("forest_money_map.colorbar", lang, fiscal_year=fiscal_year), fontsize=8)
    cb.ax.tick_params(labelsize=7)
    # inset: Osaka City and the partner municipalities
    ins = ax.inset_axes([0.0, 0.56, 0.40, 0.42])
    if region_gdf is not None and len(region_gdf):
        region_gdf.plot(ax=ins, color="#f2f2f2", edgecolor="#999999", linewidth=0.3)
    handles = []
    if osaka_gdf is not None and len(osaka_gdf):
        for a in (ax, ins):
            osaka_gdf.plot(ax=a, color=PALETTE["highlight"], edgecolor=PALETTE["highlight"], linewidth=0.6)
        handles.append(Patch(color=PALETTE["highlight"], label=text("forest_money_map.osaka", lang)))
    if partners_gdf is not None and len(partners_gdf):
        partners_gdf.plot(ax=ins, color="#b3cde3", edgecolor="#1f4e9c", linewidth=1.2)
        handles.append(Patch(facecolor="#b3cde3", edgecolor="#1f4e9c",
                             label=text("forest_money_map.partners", lang)))
    focus = [x for x in (osaka_gdf, partners_gdf) if x is not None and len(x)]
    if focus:
        b = np.array([f.total_bounds for f in focus])  # minx, miny, maxx, maxy per layer
        x0, y0, x1, y1 = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
        pad = max(x1 - x0, y1 - y0) * 0.35 + 0.05
        ins.set_xlim(x0 - pad, x1 + pad)
        ins.set_ylim(y0 - pad, y1 + pad)
        ax.indicate_inset_zoom(ins, edgecolor="#555555")
    ins.set_aspect(1.22)
    ins.set_xticks([])
    ins.set_yticks([])
    ins.set_xlabel("")
    ins.set_ylabel("")
    ins.grid(False)
    for s in ins.spines.values():
        s.set_visible(True)
        s.set_color("#555555")
    if handles:
        ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(0.99, 0.26), fontsize=8)
    # the lower left of Japan's frame holds Okinawa and the lower right the credit: the bar sits in the sea
    maps.add_scale_bar(ax, lang=lang, anchor=(0.62, 0.09))
    maps.add_scale_bar(ins, lang=lang, loc="lower right", fraction=0.3)
    ax.set_title(title if title is not None else text("forest_money_map.plot_title", lang, fiscal_year=fiscal_year))
    return fig, ax


def money_map_with_partners(dest: pd.DataFrame, fiscal_year: int, partner_codes, lang: str = "en",
                            title: str | None = None):
    """:func:`money_map` with the shipped boundaries: prefectures, Osaka City and the partner municipalities
    (inset), with the MLIT credit drawn on the map."""
    codes = [str(c).zfill(5) for c in partner_codes]
    munis_gdf = maps.japan_municipalities(prefectures=sorted({c[:2] for c in [*codes, OSAKA_CODE]}))
    fig, ax = money_map(maps.japan_prefectures(), dest, fiscal_year, munis_gdf[munis_gdf["code"].isin(codes)],
                        munis_gdf[munis_gdf["code"] == OSAKA_CODE], munis_gdf, lang, title=title)
    maps.add_credit(ax, "mlit", lang=lang)
    return fig


def wood_stock(stock: pd.DataFrame, lang: str = "en", title: str | None = None):
    """Stacked area of the carbon stock in purchased wood by HWP pool (t-CO2), inflow bars beneath."""
    s = stock.pivot(index="year", columns="hwp_pool", values="stock_co2_t").fillna(0.0)
    inflow = stock.groupby("year")["inflow_co2_t"].sum()
    pools = [p for p in ("sawnwood", "panels", "paper") if p in s.columns] + [p for p in s.columns
                                                                           if p not in POOL_COLOURS]
    pool_names = section("forest_pools", lang)
    fig, ax = _subplots(figsize=(9, 4.8))
    ax.stackplot(s.index, *[s[p].to_numpy() for p in pools], colors=[POOL_COLOURS.get(p, "#607d8b") for p in pools],
                 labels=[pool_names.get(p, p) for p in pools], alpha=0.9)
    ax.bar(inflow.index, inflow.to_numpy(), width=0.6, color="none", edgecolor="black", linewidth=0.7,
           label=text("forest_wood_carbon_stock.inflow", lang))
    last = s.index.max()
    total_last = float(s.loc[last].sum())
    ax.annotate(f"{total_last:,.0f} t-CO₂", (last, total_last), xytext=(-10, 8), textcoords="offset points",
                ha="right", fontsize=9, weight="bold")
    ax.set_xlim(s.index.min() - 0.5, last + 0.5)
    ax.set_ylabel(text("forest_wood_carbon_stock.ylabel", lang))
    ax.legend(fontsize=8, loc="upper left")
    ax.set_ylim(0, (max(total_last, float(s.sum(axis=1).max())) or 1.0) * 1.2)  # wood_share 0: no stock, an empty axis
    ax.set_title(title if title is not None else text("forest_wood_carbon_stock.plot_title", lang, last=last))
    return fig


def partner_sink(sink: pd.DataFrame, lang: str = "en", title: str | None = None):
    """Bars of the annual sink of supported stands by partner and species (t-CO2/yr)."""
    t = sink.assign(partner=sink["code5"].map(section("forest_partners", lang)).fillna(sink["name"]))
    species = section("forest_species", lang)
    piv = t.pivot_table(index="partner", columns="species", values="co2_t", aggfunc="sum", sort=False).fillna(0.0)
    area = t.groupby("partner", sort=False)["area_ha"].sum()
    fig, ax = _subplots(figsize=(8, 4.6))
    colours = {"sugi": "#2e7d32", "hinoki": "#81c784", "nara": "#a1887f"}
    left = np.zeros(len(piv))
    y = np.arange(len(piv))[::-1]
    for sp in piv.columns:
        v = piv[sp].to_numpy()
        ax.barh(y, v, left=left, color=colours.get(sp, "#607d8b"), label=species.get(sp, sp),
                edgecolor="white")
        left += v
    for yi, tot, a in zip(y, left, area.loc[piv.index], strict=True):
        ax.text(tot, yi, text("forest_partner_forest_sink.bar_label", lang, total=tot, area=a), va="center",
                fontsize=8.5)
    ax.set_yticks(y, piv.index)
    ax.set_xlim(0, (left.max() or 1.0) * 1.45)  # no area supported (0 ha): an empty axis, not a singular one
    ax.set_xlabel(text("forest_partner_forest_sink.xlabel", lang))
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(axis="y", visible=False)
    ax.set_title(title if title is not None else text("forest_partner_forest_sink.plot_title", lang))
    return fig


def offsets_chart(off: pd.DataFrame, lang: str = "en", marks=(2030, 2050),
                  panel_titles: tuple[str, str] | None = None):
    """Left: stored + absorbed per year (t-CO2). Right: dots against emissions and footprint on a log
    scale, each offset annotated with its fraction of the emissions (no bars on the log axis).

    ``panel_titles``: the two panels' titles (default: what each panel shows).
    """
    fig, (a1, a2) = _subplots(1, 2, figsize=(11, 4.6), gridspec_kw={"width_ratios": [1.25, 1]})
    yrs = off["year"].to_numpy()
    a1.bar(yrs, off["wood_stored_co2_t"], color=POOL_COLOURS["sawnwood"],
           label=text("forest_offsets_vs_emissions.wood", lang))
    a1.bar(yrs, off["forest_sink_co2_t"], bottom=off["wood_stored_co2_t"].clip(lower=0), color="#2e7d32",
           label=text("forest_offsets_vs_emissions.sink", lang))
    a1.axhline(0, color="black", lw=0.8)
    a1.set_ylabel(text("forest_offsets_vs_emissions.ylabel", lang))
    a1.legend(fontsize=8, loc="upper left")
    a1.set_ylim(min(0, off["wood_stored_co2_t"].min() * 1.2), off["total_co2_t"].max() * 1.35)
    marks = [m for m in marks if m in set(yrs)]
    rows = off.set_index("year")
    names = [text("forest_offsets_vs_emissions.emissions", lang), text("forest_offsets_vs_emissions.footprint", lang)]
    vals = [float(rows["emissions_co2_t"].iloc[0]), float(rows["footprint_co2_t"].iloc[0])]
    colours = ["#455a64", PALETTE["footprint"]]
    for m in marks:
        names.append(text("forest_offsets_vs_emissions.mark", lang, year=m))
        vals.append(max(float(rows.loc[m, "total_co2_t"]), 1e-3))
        colours.append("#2e7d32")
    # dots, not bars: on a log axis a bar's length starts at an arbitrary floor and hides a 10,000× gap
    log_dots(a2, vals, names, colours, ref=0,
             ratio_label=lambda r: text("forest_offsets_vs_emissions.ratio", lang, ratio=r))
    a2.set_xlabel(text("forest_offsets_vs_emissions.xlabel", lang))
    fig.tight_layout()
    left, right = panel_titles if panel_titles is not None else (text("forest_offsets_vs_emissions.left_title", lang),
                                                                  text("forest_offsets_vs_emissions.right_title", lang))
    a1.set_title(left)
    a2.set_title(right)
    return fig


def region_names(dest: pd.DataFrame, lang: str = "en") -> list[str]:
    """Names of the receiving regions of ``dest`` rows, by prefecture code from the catalog
    (``forest_prefectures``), else the table's ``pref_name``."""
    names = section("forest_prefectures", lang)
    return [names.get(code, name) for code, name in zip(dest["pref_code"], dest["pref_name"], strict=True)]
