"""Charts and maps of the interregional flow graph: tables in, matplotlib ``Figure`` out.

Maps take boundaries from :mod:`footprint.outputs.maps` (passed in, so that a notebook reads each file
once and only what it draws) and node positions from :func:`node_points`; :func:`map_scope` says
which flows each map draws, so that captions and statuses describe exactly what is drawn.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import FancyArrowPatch, PathPatch
from matplotlib.path import Path

from footprint.core.numbers import readable
from footprint.flows import HUB, LAYERS
from footprint.outputs import maps
from footprint.outputs.catalog import text

LAYER_COLOURS = {"resource": "#2e7d32", "fund": "#e6a532", "people": "#3f6fc5"}
TO_HUB, FROM_HUB = "#c62828", "#455a64"
#: prefectures around Osaka drawn on the domestic map besides those of the nodes
KANSAI_PREF_CODES = ("25", "26", "27", "28", "29", "30")


def flow_sources(lang: str, added: Mapping[str, int] | Sequence[str] = ()) -> tuple[str, str]:
    """Source lines of the flow figures: ``(seed, seed and model layers)``; ``added`` names the
    model layers present (``"city"``, ``"forest"``)."""
    seed = text("flows_sources.seed", lang)
    layers = seed + (text("flows_sources.city_layer", lang) if "city" in added else "") + (
        text("flows_sources.forest_layer", lang) if "forest" in added else "")
    return seed, layers


def map_prefecture_codes(nodes: pd.DataFrame) -> list[str]:
    """Prefecture codes whose municipalities the domestic map needs: those of the nodes and Kansai."""
    return sorted({str(c)[:2] for c in nodes["muni_code"].dropna()} | set(KANSAI_PREF_CODES))


@dataclass(frozen=True)
class MapScope:
    """Which flows the maps draw: ``not_drawn`` (an end without a location), ``international``
    (world map: both ends located, not both in Japan) and ``domestic`` (domestic map: both ends in
    Japan and located by coordinates or boundaries, not by a country centroid)."""

    not_drawn: pd.DataFrame
    international: pd.DataFrame
    domestic: pd.DataFrame


def map_scope(flows: pd.DataFrame, nodes: pd.DataFrame, points: pd.DataFrame) -> MapScope:
    """Split ``flows`` by the map that draws them (:class:`MapScope`); ``points`` from :func:`node_points`."""
    located = set(points.loc[points["lon"].notna(), "id"])
    src_in, tgt_in = flows["source_id"].isin(located), flows["target_id"].isin(located)
    iso = nodes.set_index("id")["iso3"]
    in_japan = (flows["source_id"].map(iso) == "JPN") & (flows["target_id"].map(iso) == "JPN")
    rough = set(points.loc[points["located_by"] == "country_of_organisation", "id"])
    precise = ~flows["source_id"].isin(rough) & ~flows["target_id"].isin(rough)
    return MapScope(not_drawn=flows[~src_in | ~tgt_in], international=flows[src_in & tgt_in & ~in_japan],
                    domestic=flows[src_in & tgt_in & in_japan & precise])


def layer_label(layer: str, lang: str) -> str:
    """Name of a layer in ``lang`` (catalog section ``flows_layers``; other names unchanged)."""
    return text(f"flows_layers.{layer}", lang) if layer in LAYERS else layer


def node_names(nodes: pd.DataFrame, lang: str) -> pd.Series:
    """Display name of every node (index = id) in ``lang``."""
    col = "name_ja" if lang == "ja" else "name_en"
    return nodes.set_index("id")[col]


def node_points(nodes: pd.DataFrame, countries=None, municipalities=None, prefectures=None) -> pd.DataFrame:
    """Where each node is drawn: its own ``lat``/``lon``; else the centroid of its municipality
    (``muni_code``), of its prefecture (code ending in ``000``), or, for ``kind == "country"``,
    of its country (``iso3``); organisations and regions with only a country are put at that
    country's centroid (``located_by = "country_of_organisation"``; the domestic map leaves them
    out). Columns ``id, lon, lat, located_by`` (empty where none applies)."""
    out = nodes[["id", "lon", "lat"]].copy()
    out["located_by"] = np.where(out["lon"].notna() & out["lat"].notna(), "coordinates", None)

    def fill(mask, keys, gdf, key_col):
        if gdf is None or not mask.any():
            return
        pts = gdf.geometry.representative_point()
        lut = pd.DataFrame({"lon": pts.x.to_numpy(), "lat": pts.y.to_numpy()}, index=gdf[key_col].to_numpy())
        lut = lut[~lut.index.duplicated()]
        hit = lut.reindex(keys[mask])
        ok = hit["lon"].notna().to_numpy()
        idx = out.index[mask][ok]
        out.loc[idx, "lon"] = hit["lon"].to_numpy()[ok]
        out.loc[idx, "lat"] = hit["lat"].to_numpy()[ok]
        out.loc[idx, "located_by"] = key_col

    code = nodes["muni_code"].astype("string").fillna("")
    free = out["located_by"].isna()
    fill(free & (code != "") & ~code.str.endswith("000"), code, municipalities, "code")
    free = out["located_by"].isna()
    fill(free & code.str.endswith("000"), code.str[:2], prefectures, "pref_code")
    free = out["located_by"].isna()
    fill(free & (nodes["kind"] == "country"), nodes["iso3"].astype("string").fillna(""), countries, "iso3")
    free = out["located_by"].isna()
    fill(free & nodes["kind"].isin(["organisation", "region"]), nodes["iso3"].astype("string").fillna(""), countries,
         "iso3")
    out.loc[free & out["lon"].notna(), "located_by"] = "country_of_organisation"
    return out


def _pair_table(flows: pd.DataFrame, points: pd.DataFrame, hub: Sequence[str], weight: str | None = None) -> pd.DataFrame:
    """Distinct (source, target, layer) with flow counts, the sum ``w`` of the ``weight`` column (the count
    when None) and coordinates; direction w.r.t. hub."""
    gb = flows.groupby(["source_id", "target_id", "layer"])
    g = gb.size().rename("n_flows").reset_index()
    g["w"] = gb[weight].sum().to_numpy(dtype=float) if weight else g["n_flows"].to_numpy(dtype=float)
    p = points.set_index("id")
    g = g.join(p[["lon", "lat"]], on="source_id").join(p[["lon", "lat"]].add_suffix("_t"), on="target_id")
    g["to_hub"] = g["target_id"].isin(list(hub))
    g["from_hub"] = g["source_id"].isin(list(hub))
    return g


def _widths(w: pd.Series, weight: str | None) -> np.ndarray:
    """Line widths: log of the number of flows, or proportional to the square root of the size in ``weight``."""
    w = w.to_numpy(dtype=float)
    if weight is None:
        return 0.8 + 1.2 * np.log1p(w)
    return 0.6 + 5.0 * np.sqrt(w / w.max()) if len(w) and w.max() > 0 else np.full(len(w), 0.6)


def _arrow(ax, x0, y0, x1, y1, colour, lw, rad=0.25, alpha=0.85, ls="-"):
    a = FancyArrowPatch((x0, y0), (x1, y1), connectionstyle=f"arc3,rad={rad}", arrowstyle="-|>",
                        mutation_scale=6 + 2 * lw, lw=lw, color=colour, alpha=alpha, zorder=4, ls=ls)
    ax.add_patch(a)


def _place_labels(ax, pts: pd.DataFrame, names: pd.Series, *, fontsize: float = 7, deg_per_pt: float = 0.27,
                  right_of: float = 125.0, left_of: float = 110.0):
    """Label points without overlaps: left of points east of ``right_of``, else right of them;
    and west of ``left_of`` (where the map has room), else right of them; a label that would
    overlap one already placed moves down a line (greedy, a few labels). Parenthesised parts of
    long names are left out."""
    placed: list[tuple[float, float, float, float]] = []
    line = 1.25 * fontsize * deg_per_pt
    for nid, p in pts.sort_values("lat", ascending=False).iterrows():
        name = str(names.get(nid, nid))
        if len(name) > 22:
            name = name.split(" (")[0].split("（")[0]
        w = sum(1.0 if ord(ch) > 0x2E80 else 0.58 for ch in name) * fontsize * deg_per_pt
        left = p["lon"] > right_of or p["lon"] < left_of
        x0 = p["lon"] - 4 * deg_per_pt - w if left else p["lon"] + 4 * deg_per_pt
        y = p["lat"] + 0.3 * line
        for _ in range(8):
            if not any(x0 < b[1] and b[0] < x0 + w and abs(y - b[2]) < line for b in placed):
                break
            y -= line
        placed.append((x0, x0 + w, y, 0.0))
        ax.annotate(name, (p["lon"], p["lat"]), xytext=(x0 + (w if left else 0), y), textcoords="data",
                    fontsize=fontsize, ha="right" if left else "left", va="center", zorder=6,
                    arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.4} if abs(y - p["lat"]) > line else None,
                    bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 0.4})


def unit_text(value: float, unit: str, lang: str, n: int = 3) -> str:
    """``value`` as a reader says it (:func:`footprint.core.numbers.readable`) with the name of ``unit`` (a
    ledger currency) to ``n`` significant digits, without a space before a Japanese unit ("1.2億円", "45,000 gha")."""
    name = text(f"flows_currencies.{unit}", lang)
    return readable(value, lang, n) + ("" if ord(name[0]) > 0x2E80 else " ") + name


def _nice(v: float) -> float:
    """The largest of 1, 2 or 5 × 10ᵏ that is at most ``v`` (a round value for a width key)."""
    k = 10.0 ** np.floor(np.log10(v))
    return float(max(m * k for m in (1, 2, 5) if m * k <= v * (1 + 1e-9)))


def _width_key(pairs: pd.DataFrame, weight: str | None, lang: str) -> list:
    """Legend entries for line widths that are sizes in ``weight``: two round sizes (the largest round value
    under the largest pair, and a tenth of it) at the widths :func:`_widths` gives them; none for counts."""
    from matplotlib.lines import Line2D

    wmax = float(pairs["w"].max()) if len(pairs) else 0.0
    if not weight or wmax <= 0:
        return []
    refs = sorted({_nice(wmax), _nice(wmax / 10)}, reverse=True)
    return [Line2D([], [], color="#999999", lw=float(_widths(pd.Series([v, wmax]), weight)[0]),
                   label=unit_text(v, weight, lang, n=1)) for v in refs]  # round values: one digit


def _legend(ax, lang, pairs: pd.DataFrame, weight: str | None, loc="lower left"):
    """One key per panel: the directions drawn (to Osaka, from Osaka, between others; only those drawn)
    and, when widths are sizes, two round sizes in ``weight`` at the widths :func:`_widths` gives them."""
    from matplotlib.lines import Line2D

    h = [Line2D([], [], color=c, lw=2, ls=ls, label=text(f"flows_chart.{key}", lang))
         for c, ls, key, drawn in ((TO_HUB, "-", "to_osaka", pairs["to_hub"].any()),
                                   (FROM_HUB, "-", "from_osaka", pairs["from_hub"].any()),
                                   ("#777777", ":", "between_others", (~pairs["to_hub"] & ~pairs["from_hub"]).any()))
         if drawn]
    h += _width_key(pairs, weight, lang)
    if h:
        ax.legend(handles=h, loc=loc, fontsize=7, frameon=True, framealpha=0.85)


def world_flow_map(flows: pd.DataFrame, nodes: pd.DataFrame, points: pd.DataFrame, countries, *,
                   layers: Sequence[str] = LAYERS, lang: str = "en", hub: Sequence[str] = HUB,
                   extent=(-15, 150, -8, 62), credit: bool = True, weight: str | None = None,
                   weights: Mapping[str, str] | None = None):
    """One world panel per layer: arrows between located nodes outside Japan and Osaka.

    Line width grows with the number of flows on a pair, or with the size in the ``weight`` column
    (a common currency); ``weights`` gives a layer its own column (funds abroad in t-CO₂, people in
    persons), named in its panel's title. Widths are scaled within a panel, and each panel's key shows
    two round sizes. Every panel carries a scale bar. Pairs with both ends in Japan are left to the
    domestic map; pairs with an unlocated end are not drawn (:func:`map_scope` counts them). Partner
    countries are shaded in the layer's colour; ``credit`` adds the Natural Earth credit to the last panel.
    """
    layers = [x for x in LAYERS if x in layers]
    weights = {x: (weights or {}).get(x, weight) for x in layers}
    fig, axes = plt.subplots(len(layers), 1, figsize=(8.6, 3.2 * len(layers) + 0.3), squeeze=False)
    names = node_names(nodes, lang)
    iso = nodes.set_index("id")["iso3"]
    x0, x1, y0, y1 = extent
    for ax, layer in zip(axes[:, 0], layers, strict=True):
        w_col = weights[layer]
        d = _pair_table(flows[flows["layer"] == layer], points, hub, w_col)
        domestic = (d["source_id"].map(iso) == "JPN") & (d["target_id"].map(iso) == "JPN")
        d = d[~domestic & d[["lon", "lat", "lon_t", "lat_t"]].notna().all(axis=1)]
        d = d.assign(lw=_widths(d["w"], w_col))
        ends = set(d["source_id"]) | set(d["target_id"])
        partner_iso = set(iso.reindex(list(ends)).dropna()) - {"JPN"}
        fill = np.where(countries["iso3"] == "JPN", "#bbbbbb",
                        np.where(countries["iso3"].isin(partner_iso), LAYER_COLOURS[layer], "#eeeeee"))
        countries.plot(ax=ax, color=fill, edgecolor="#bbbbbb", linewidth=0.3, alpha=0.8)
        for r in d.itertuples(index=False):  # one arrow per drawn pair (a handful), not per flow
            colour = TO_HUB if r.to_hub else (FROM_HUB if r.from_hub else "#777777")
            _arrow(ax, r.lon, r.lat, r.lon_t, r.lat_t, colour, lw=r.lw,
                   rad=0.2, ls="-" if (r.to_hub or r.from_hub) else ":")  # same rad: A→B and B→A bow apart
        pts = points.set_index("id").reindex(sorted(ends))
        ax.scatter(pts["lon"], pts["lat"], s=14, color="black", zorder=5)
        _place_labels(ax, pts, names)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.grid(False)
        unit = text(f"flows_currencies.{w_col}", lang) if w_col else text("flows_chart.count_unit", lang)
        drawn = "flows_chart.pairs_drawn" + ("_one" if len(d) == 1 else "")
        ax.set_title(text(drawn, lang, layer=layer_label(layer, lang), unit=unit, n=len(d)), loc="left", fontsize=10)
        if not len(d):
            ax.text(0.5, 0.5, text("flows_chart.no_located_flow", lang),
                    transform=ax.transAxes, ha="center", fontsize=9, color="#666666")
        _legend(ax, lang, d, w_col)
        maps.add_scale_bar(ax, lang=lang, anchor=(0.72, 0.06))
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.96, hspace=0.12)
    if credit:
        maps.add_credit(fig.axes[-1], "natural_earth", lang=lang)
    return fig


def _domestic_frame(pts: pd.DataFrame, margin: float) -> tuple[float, float, float, float]:
    """``(x0, x1, y0, y1)`` of the domestic map: the points plus ``margin`` degrees (Kansai when
    there is none), widened to a landscape frame with room for labels."""
    if len(pts):
        x0, x1 = pts["lon"].min() - margin, pts["lon"].max() + margin
        y0, y1 = pts["lat"].min() - margin, pts["lat"].max() + margin
    else:
        x0, x1, y0, y1 = 134.8, 136.4, 34.0, 35.5
    coslat = np.cos(np.deg2rad((y0 + y1) / 2))
    if (x1 - x0) * coslat < 1.2 * (y1 - y0):
        pad = (1.2 * (y1 - y0) / coslat - (x1 - x0)) / 2
        x0, x1 = x0 - pad, x1 + pad
    return x0, x1, y0, y1


def domestic_map(flows: pd.DataFrame, nodes: pd.DataFrame, points: pd.DataFrame, prefectures, municipalities, *,
                 lang: str = "en", hub: Sequence[str] = HUB, margin: float = 0.35, credit: bool = True,
                 weight: str | None = None, hub_name: str | None = None):
    """Domestic partners: arrows between located nodes in Japan over prefecture and municipality
    boundaries; municipalities that are nodes are shaded. ``credit`` adds the MLIT credit. Line width:
    the number of flows, or the size in ``weight`` (two round sizes in the key). The legend lists only the
    styles drawn; a scale bar. ``hub_name``: the hub's label when the data are not the city's own (the
    freight and migration statistics are Osaka Prefecture's)."""
    iso = nodes.set_index("id")["iso3"]
    names = node_names(nodes, lang)
    if hub_name:
        names = names.copy()
        names[names.index.isin(list(hub))] = hub_name
    pairs = _pair_table(flows, points, hub, weight)
    dom = pairs[(pairs["source_id"].map(iso) == "JPN") & (pairs["target_id"].map(iso) == "JPN")]
    dom = dom[dom[["lon", "lat", "lon_t", "lat_t"]].notna().all(axis=1)]
    rough = set(points.loc[points["located_by"].isin(["iso3", "country_of_organisation"]), "id"])
    dom = dom[~dom["source_id"].isin(rough) & ~dom["target_id"].isin(rough)]
    ends = sorted(set(dom["source_id"]) | set(dom["target_id"]))
    pts = points.set_index("id").reindex(ends)
    dom = dom.assign(lw=_widths(dom["w"], weight) if weight else 1.6)
    fig, ax = plt.subplots(figsize=(7.6, 6.4))
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.98)
    x0, x1, y0, y1 = _domestic_frame(pts, margin)
    municipalities.plot(ax=ax, color="#f4f4f4", edgecolor="#cccccc", linewidth=0.3)
    codes = nodes.set_index("id").reindex(ends)["muni_code"].dropna()
    mine = municipalities["code"].isin(set(codes))
    if mine.any():
        municipalities[mine].plot(ax=ax, color=LAYER_COLOURS["resource"], alpha=0.3, edgecolor="#777777", linewidth=0.5)
    prefectures.boundary.plot(ax=ax, color="#777777", linewidth=0.8)
    for r in dom.itertuples(index=False):
        colour = TO_HUB if r.to_hub else (FROM_HUB if r.from_hub else "#888888")
        ls = {"resource": "-", "fund": "--", "people": ":"}[r.layer]
        a = FancyArrowPatch((r.lon, r.lat), (r.lon_t, r.lat_t), connectionstyle="arc3,rad=0.2", arrowstyle="-|>",
                            mutation_scale=12, lw=r.lw, color=colour, ls=ls, zorder=4, shrinkA=4, shrinkB=4)
        ax.add_patch(a)
    ax.scatter(pts["lon"], pts["lat"], s=18, color="black", zorder=5)
    _place_labels(ax, pts, names, fontsize=8, deg_per_pt=(y1 - y0) / (6.0 * 72), right_of=999, left_of=-999)
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color="#555555", ls={"resource": "-", "fund": "--", "people": ":"}[x], lw=1.6,
                      label=layer_label(x, lang)) for x in LAYERS if x in set(dom["layer"])]
    handles += [Line2D([], [], color=c, lw=2, label=lab) for c, lab, drawn in (
        (TO_HUB, text("flows_chart.to_osaka", lang), dom["to_hub"].any()),
        (FROM_HUB, text("flows_chart.from_osaka", lang), dom["from_hub"].any()),
        ("#888888", text("flows_chart.between_others", lang), (~dom["to_hub"] & ~dom["from_hub"]).any())) if drawn]
    handles += _width_key(dom, weight, lang)
    if handles:
        ax.legend(handles=handles, loc="upper left", fontsize=7, frameon=True, framealpha=0.85)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1 / np.cos(np.deg2rad((y0 + y1) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    maps.add_scale_bar(ax, lang=lang, anchor=(0.70, 0.13))  # above the credit line, clear of the legend
    ratio = (y1 - y0) / ((x1 - x0) * np.cos(np.deg2rad((y0 + y1) / 2)))
    fig.set_size_inches(7.6, float(np.clip(7.4 * ratio + 0.3, 3.6, 9.0)))  # the frame's shape, no empty band
    if credit:
        maps.add_credit(ax, "mlit", lang=lang)
    return fig


def _band(ax, x0, y0a, y0b, x1, y1a, y1b, colour, alpha=0.55):
    """A band from the vertical segment (x0, y0a..y0b) to (x1, y1a..y1b) with smooth edges."""
    xm = (x0 + x1) / 2
    verts = [(x0, y0a), (xm, y0a), (xm, y1a), (x1, y1a), (x1, y1b), (xm, y1b), (xm, y0b), (x0, y0b), (x0, y0a)]
    codes = [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.LINETO, Path.CURVE4, Path.CURVE4, Path.CURVE4,
             Path.CLOSEPOLY]
    ax.add_patch(PathPatch(Path(verts, codes), facecolor=colour, edgecolor="none", alpha=alpha))


def _stack(values: pd.Series, gap: float) -> pd.DataFrame:
    """Bottom and top of each block of a column stacked from the top, with gaps."""
    v = values.to_numpy(dtype=float)
    tops = 1.0 - (np.concatenate([[0], np.cumsum(v)[:-1]]) + gap * np.arange(len(v)))
    return pd.DataFrame({"top": tops, "bottom": tops - v}, index=values.index)


def _alluvial_table(flows: pd.DataFrame, weight: str | None, max_nodes: int) -> pd.DataFrame:
    """The flows with a positive weight ``w`` (1 each, or the ``weight`` column) and their
    ``left``/``right`` node; nodes beyond the ``max_nodes`` largest on a side become ``"__other__"``."""
    w = flows[weight].astype(float) if weight else pd.Series(1.0, index=flows.index)
    f = flows.assign(w=w)
    f = f[f["w"].notna() & (f["w"] > 0)]

    def top(col):
        tot = f.groupby(col)["w"].sum().sort_values(ascending=False)
        keep = set(tot.index[:max_nodes])
        return f[col].where(f[col].isin(keep), "__other__")

    return f.assign(left=top("source_id"), right=top("target_id"))


def _draw_blocks(ax, x: float, blocks: pd.DataFrame, ha: str, bw: float, names: pd.Series, lang: str,
                 values: pd.Series | None = None, unit: str | None = None) -> None:
    """The blocks of one column of the alluvial chart with their labels (``ha="center"``: the
    layer column, labels rotated inside the blocks); ``values`` (in ``unit``) are written after the names."""
    for k, b in blocks.iterrows():
        colour = LAYER_COLOURS.get(k, "#555555")
        ax.add_patch(plt.Rectangle((x, b["bottom"]), bw, b["top"] - b["bottom"], color=colour, zorder=3))
        name = text("flows_chart.others", lang) if k == "__other__" else (layer_label(k, lang) if k in LAYERS else names.get(k, k))
        name = textwrap.shorten(name, width=34, placeholder="…") if len(name) > 34 else name
        if values is not None:
            amount = unit_text(float(values[k]), unit, lang) if unit else readable(float(values[k]), lang)
            name = f"{name} · {amount}"
        if ha != "center":
            tx = x - 0.008 if ha == "right" else x + bw + 0.008
            ax.text(tx, (b["top"] + b["bottom"]) / 2, name, ha=ha, va="center", fontsize=7.5)
        else:
            ax.text(x + bw / 2, (b["top"] + b["bottom"]) / 2, name, ha="center", va="center", fontsize=8.5,
                    weight="bold", rotation=90, zorder=5,
                    bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1.0})


def alluvial(flows: pd.DataFrame, nodes: pd.DataFrame, *, lang: str = "en", weight: str | None = None,
             max_nodes: int = 12):
    """Static alluvial chart: origin node → layer → destination node.

    Band widths are numbers of flows (``weight=None``, comparable across layers whatever their
    units) or a common-currency column; every block is labelled with its size. Nodes beyond the
    ``max_nodes`` largest on each side are grouped as "others".
    """
    names = node_names(nodes, lang)
    f = _alluvial_table(flows, weight, max_nodes)
    total = f["w"].sum()
    if total <= 0:
        raise ValueError("alluvial: nothing to draw")
    gap = 0.012
    lefts = f.groupby("left")["w"].sum().sort_values(ascending=False) / total
    mids = f.groupby("layer")["w"].sum().reindex([x for x in LAYERS if x in set(f["layer"])]) / total
    rights = f.groupby("right")["w"].sum().sort_values(ascending=False) / total
    scale = 1.0 / (1 + gap * max(len(lefts), len(rights)))
    L, M, R = _stack(lefts * scale, gap), _stack(mids * scale, gap), _stack(rights * scale, gap)
    fig, ax = plt.subplots(figsize=(9.5, 6.2))
    xs = (0.0, 0.45, 0.9)
    bw = 0.025
    # left -> layer bands, ordered so that they do not cross within a block
    lm = f.groupby(["left", "layer"])["w"].sum() / total * scale
    ml = f.groupby(["layer", "right"])["w"].sum() / total * scale
    lcur = L["top"].copy()
    mcur_in = M["top"].copy()
    for (lk, layer), v in lm.sort_index(key=lambda i: i.map({**{k: n for n, k in enumerate(L.index)},
                                                             **{k: n for n, k in enumerate(M.index)}})).items():
        _band(ax, xs[0] + bw, lcur[lk], lcur[lk] - v, xs[1], mcur_in[layer], mcur_in[layer] - v, LAYER_COLOURS[layer])
        lcur[lk] -= v
        mcur_in[layer] -= v
    mcur_out = M["top"].copy()
    rcur = R["top"].copy()
    rorder = {k: n for n, k in enumerate(R.index)}
    for (layer, rk), v in sorted(ml.items(), key=lambda kv: (list(M.index).index(kv[0][0]), rorder[kv[0][1]])):
        _band(ax, xs[1] + bw, mcur_out[layer], mcur_out[layer] - v, xs[2], rcur[rk], rcur[rk] - v, LAYER_COLOURS[layer])
        mcur_out[layer] -= v
        rcur[rk] -= v
    for x, blocks, ha, share in ((xs[0], L, "right", lefts), (xs[1], M, "center", mids), (xs[2], R, "left", rights)):
        _draw_blocks(ax, x, blocks, ha, bw, names, lang, values=share * total, unit=weight)
    ax.set_xlim(-0.42, 1.32)
    ax.set_ylim(min(L["bottom"].min(), R["bottom"].min(), M["bottom"].min()) - 0.02, 1.05)
    ax.axis("off")
    ax.text(xs[0] + bw / 2, 1.04, text("flows_chart.alluvial_from", lang), ha="center", fontsize=9)
    ax.text(xs[2] + bw / 2, 1.04, text("flows_chart.alluvial_to", lang), ha="center", fontsize=9)
    return fig
