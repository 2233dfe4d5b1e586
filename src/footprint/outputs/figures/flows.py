"""Figures of the interregional flows (notebook 04).

Magnitudes come from the run's ``flows`` result (:func:`footprint.flows.compute`: the partnership
ledger) and the tables the notebook derives from it (:func:`footprint.flows.magnitude_flows`,
:func:`footprint.flows.magnitude_bonds`); ties (counts) from the notebook's
:class:`footprint.flows.FlowAnalysis` of the flow graph. Every word comes from the catalog
(``captions/<lang>/flows.yml``); the helpers here only choose what is drawn (the largest rows).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from footprint import flows as FL
from footprint.core import weakest_status
from footprint.core.results import Result
from footprint.flows.ledger import POOL
from footprint.outputs import maps
from footprint.outputs.catalog import text
from footprint.outputs.export import Figure
from footprint.outputs.labels import check_lang
from footprint.outputs.plots import flows as plots
from footprint.outputs.plots import ledger as ledger_plots

#: currencies the ledger's time series can be drawn in (others fall back to gha)
SERIES_CURRENCIES = ("ef_gha", "co2_t", "amount_jpy")
#: kinds of flow of the domestic map
DOMESTIC_FLOWS = ("freight", "migration")


def partner_names(lang: str, nodes: pd.DataFrame | None = None) -> dict[str, str]:
    """Names of the ledger's partners in ``lang``: the partner countries (:data:`footprint.flows.PARTNERS`),
    the national forest-tax pool and, given ``nodes`` (``id, name_en, name_ja``), every node."""
    i = 1 if check_lang(lang) == "ja" else 0
    names = {k: v[i] for k, v in FL.PARTNERS.items()} | {POOL: text("flows_partners.pool", lang)}
    return names if nodes is None else names | dict(plots.node_names(nodes, lang))


def ledger_partners(forest_layer: bool = True) -> list[str]:
    """The partners the ledger figures show: the partner countries, and the forest-tax pool with the forest layer."""
    return list(FL.PARTNERS) + ([POOL] if forest_layer else [])


def partnership_ledger(r: Result, lang: str, *, year: int, partners: Sequence[str] | None = None) -> Figure:
    """The ledger in four currencies: per partner, what flows to and from Osaka in ``year``."""
    partners = ledger_partners() if partners is None else list(partners)
    key = "flows_partnership_ledger"
    fig = ledger_plots.ledger_figure(r["ledger"], partners, year, names=partner_names(lang), lang=lang)
    return Figure(fig, "partnership_ledger", text(f"{key}.title", lang, year=year), text(f"{key}.caption", lang),
                  text("flows_sources.ledger", lang), "estimated", year)


def ledger_time_series(r: Result, lang: str, *, currency: str = "ef_gha",
                       partners: Sequence[str] | None = None) -> Figure:
    """Goods trade with each partner country over the years in ``currency`` (gha where the series has no such
    currency)."""
    partners = list(FL.PARTNERS) if partners is None else list(partners)
    shown = currency if currency in SERIES_CURRENCIES else "ef_gha"
    key = "flows_ledger_time_series"
    fig = ledger_plots.ledger_time_series(r["ledger"], partners, shown, names=partner_names(lang), lang=lang)
    goods = r["ledger"].loc[r["ledger"]["flow"] == "trade_goods", "year"]
    span = {"first": int(goods.min()), "last": int(goods.max())}
    return Figure(fig, "ledger_time_series", text(f"{key}.title", lang, **span), text(f"{key}.caption", lang),
                  text("flows_sources.trade", lang), "estimated", f"{span['first']}–{span['last']}")


def strongest_bonds(bonds: pd.DataFrame, partners: Sequence[str], n: int = 12) -> pd.DataFrame:
    """The rows of the magnitude bond chart: ``partners`` and every partner with a flow to Osaka, the ``n``
    largest flows to Osaka first."""
    keep = bonds["partner"].isin(list(partners)) | (bonds["to_osaka"].fillna(0) > 0)
    return bonds[keep].sort_values("to_osaka", ascending=False).head(n)


def magnitude_bonds(r: Result, bonds: pd.DataFrame, lang: str, *, currency: str, year: int,
                    partners: Sequence[str] | None = None) -> Figure:
    """Reciprocity and diversity of the magnitudes per partner; ``bonds`` from
    :func:`footprint.flows.magnitude_bonds` (``currency``, ``year``) of the result's ledger."""
    mb = strongest_bonds(bonds, ledger_partners() if partners is None else partners)
    fig = ledger_plots.magnitude_bond_chart(mb, names=partner_names(lang, r["nodes"]), lang=lang, currency=currency)
    key = "flows_magnitude_bonds"
    values = {"currency": ledger_plots.currency_label(currency, lang), "year": year}
    note = "" if mb["diversity"].notna().any() else text(f"{key}.no_diversity", lang, **values)
    return Figure(fig, "magnitude_bonds", text(f"{key}.title", lang, **values),
                  text(f"{key}.caption", lang, no_diversity=note),
                  text("flows_sources.this_ledger", lang),
                  weakest_status(mb.loc[mb["status"] != FL.NOT_AVAILABLE, "status"]), year)


def _status(flows: pd.DataFrame, empty: str) -> str:
    return weakest_status(flows["status"]) if len(flows) else empty


#: the units a world-map panel falls back to, in this order, when its layer has no flow abroad in the asked one
PANEL_CURRENCIES = ("ef_gha", "co2_t", "amount_jpy", "persons")


def world_layer_flows(ledger: pd.DataFrame, currency: str, year: int, node_of: Mapping[str, str],
                      nodes: pd.DataFrame, points: pd.DataFrame,
                      layers: Sequence[str] = FL.LAYERS) -> tuple[pd.DataFrame, dict[str, str]]:
    """What the world map draws: per layer, the located flows abroad (:func:`plots.map_scope`) in ``currency``
    where the layer has any, else in the first of :data:`PANEL_CURRENCIES` that has some (funds abroad are JCM
    reductions in t-CO₂, their yen amounts unpublished; people are persons), else none. Returns the flows of
    every layer (:func:`footprint.flows.magnitude_flows` rows, each layer with its own currency column) and
    the currency of each layer."""
    by_currency: dict[str, pd.DataFrame] = {}
    parts, weights = [], {}
    for layer in layers:
        weights[layer] = currency
        for cur in dict.fromkeys((currency, *PANEL_CURRENCIES)):
            if cur not in by_currency:
                f = FL.magnitude_flows(ledger, cur, year, dict(node_of))
                by_currency[cur] = plots.map_scope(f, nodes, points).international
            f = by_currency[cur][by_currency[cur]["layer"] == layer]
            if len(f):
                weights[layer] = cur
                parts.append(f)
                break
    cols = ["source_id", "target_id", "layer", "item", "status", "source"]
    return (pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=cols)), weights


def world_flow_map(flows: pd.DataFrame, nodes: pd.DataFrame, points: pd.DataFrame, countries, lang: str, *,
                   currency: str, year: int, layers: Sequence[str] = FL.LAYERS,
                   weights: Mapping[str, str] | None = None) -> Figure:
    """Flows between Osaka and its partners abroad (``flows`` and ``weights`` from :func:`world_layer_flows`),
    one panel per layer in ``currency`` or, where ``weights`` says so, in the layer's own unit."""
    weights = {x: (weights or {}).get(x, currency) for x in layers}
    fig = plots.world_flow_map(flows, nodes, points, countries, layers=layers, lang=lang, weight=currency,
                               weights=weights)
    key = "flows_world_flow_map"
    label = ledger_plots.currency_label(currency, lang)
    own = [x for x in FL.LAYERS if x in weights and weights[x] != currency]
    note = "" if not own else text(f"{key}.own_unit_note", lang, currency=label, layers=text(
        "flows_chart.list_sep", lang).join(plots.layer_label(x, lang).lower() for x in own))
    values = {"currency": label, "year": year}
    return Figure(fig, "world_flow_map", text(f"{key}.title", lang, **values),
                  text(f"{key}.caption", lang, **values, own_unit_note=note),
                  text("flows_sources.this_ledger", lang), _status(flows, "estimated"), year,
                  credit=maps.credit("natural_earth", lang=lang))


def domestic_flows(ledger: pd.DataFrame, currency: str, year: int, node_of: Mapping[str, str],
                   n: int = 8) -> tuple[pd.DataFrame, str]:
    """What the domestic map draws: the freight and migration flows of the ``n`` largest domestic partners in
    ``currency`` where domestic flows have it, else in tonnes of freight (FY2022); and that currency. The
    rows carry the year of the data they show (``year``)."""
    domestic = ledger[(ledger["currency"] == currency) & ledger["flow"].isin(DOMESTIC_FLOWS)]
    shown = currency if domestic.size else "mass_t"
    data_year = 2022 if shown == "mass_t" else year
    f = FL.magnitude_flows(ledger, shown, data_year, dict(node_of))
    f = f[f["item"].isin(DOMESTIC_FLOWS)].assign(year=data_year)
    partner = f["source_id"].where(f["target_id"] == "osaka_city", f["target_id"])
    return f[partner.isin(f.groupby(partner)[shown].sum().nlargest(n).index)], shown


def domestic_partner_map(flows: pd.DataFrame, nodes: pd.DataFrame, points: pd.DataFrame, prefectures,
                         municipalities, lang: str, *, currency: str, asked: str | None = None) -> Figure:
    """Osaka Prefecture and its largest domestic partners in ``currency`` (``flows`` and ``currency`` from
    :func:`domestic_flows`); ``asked``: the currency of the notebook, named when the map shows another."""
    # the statistics are Osaka Prefecture's: the hub is labelled so; the MLIT credit is in the figure's
    # source line, not over the map
    fig = plots.domestic_map(flows, nodes, points, prefectures, municipalities, lang=lang, weight=currency,
                             credit=False, hub_name=text("flows_partners.osaka_prefecture", lang))
    key = "flows_domestic_partner_map"
    label = ledger_plots.currency_label(currency, lang)
    asked = currency if asked is None else asked
    note = "" if asked == currency else text(f"{key}.tonnes_note", lang,
                                             asked=ledger_plots.currency_label(asked, lang))
    return Figure(fig, "domestic_partner_map", text(f"{key}.title", lang, currency=label),
                  text(f"{key}.caption", lang, currency=label, tonnes_note=note), text("flows_sources.domestic", lang),
                  _status(flows, "published"), int(flows["year"].iloc[0]) if len(flows) and "year" in flows else None,
                  credit=maps.credit("mlit", lang=lang))


def alluvial_by_layer(flows: pd.DataFrame, nodes: pd.DataFrame, lang: str, *, currency: str, year: int,
                      layers: Sequence[str] = FL.LAYERS) -> Figure:
    """Origin → layer → destination, band widths in ``currency`` (``flows`` from
    :func:`footprint.flows.magnitude_flows`); the caption names the ``layers`` that have no value in it."""
    fig = plots.alluvial(flows, nodes, lang=lang, weight=currency)
    key = "flows_alluvial_by_layer"
    label = ledger_plots.currency_label(currency, lang)
    drawn = set(flows["layer"])
    missing = [x for x in FL.LAYERS if x in layers and x not in drawn]
    join = text("flows_chart.list_sep", lang).join
    note = "" if not missing else text(f"{key}.missing_note", lang, currency=label, layers=join(
        plots.layer_label(x, lang).lower() for x in missing))
    values = {"currency": label, "year": year}
    return Figure(fig, "alluvial_by_layer", text(f"{key}.title", lang, **values),
                  text(f"{key}.caption", lang, **values, missing_note=note), text("flows_sources.this_ledger", lang),
                  _status(flows, "estimated"), year)


def _ties_source(lang: str, added: Mapping[str, int] | Sequence[str]) -> str:
    return plots.flow_sources(lang, added)[1]


def partner_layer_heatmap(res: FL.FlowAnalysis, nodes: pd.DataFrame, lang: str, *, year: int,
                          added: Mapping[str, int] | Sequence[str] = ()) -> Figure:
    """Ties: number of flows between each partner and Osaka per layer (``res`` of
    :func:`footprint.flows.analyse_flows` for ``year``; ``added``: the model layers in the flows)."""
    bonds = res.bonds
    fig = ledger_plots.partner_layer_heatmap(res.converted, nodes, lang=lang, partners=list(bonds["partner"]))
    key = "flows_partner_layer_heatmap"
    caption = text(f"{key}.caption", lang, multi=int((bonds["n_layers"] >= 2).sum()), partners=len(bonds))
    return Figure(fig, "partner_layer_heatmap", text(f"{key}.title", lang, year=year), caption,
                  _ties_source(lang, added), weakest_status(FL.hub_links(res.converted)["status"]), year)


def bond_profiles(res: FL.FlowAnalysis, nodes: pd.DataFrame, lang: str, *, year: int,
                  added: Mapping[str, int] | Sequence[str] = ()) -> Figure:
    """Ties: flows from and to Osaka per layer for every partner, with its diversity and reciprocity."""
    fig = ledger_plots.bond_profiles(res.converted, res.bonds, nodes, lang=lang)
    key = "flows_bond_profiles"
    return Figure(fig, "bond_profiles", text(f"{key}.title", lang, year=year), text(f"{key}.caption", lang),
                  _ties_source(lang, added), weakest_status(FL.hub_links(res.converted)["status"]), year)
