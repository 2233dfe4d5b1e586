"""Figures of the local-SDGs brief (notebook 05), from the run's ``osaka``, ``forest`` and ``flows`` results.

Each function draws one chart of the brief (:mod:`footprint.outputs.plots.sdgs`, ``forest``, ``ledger``)
and takes its title, caption and year label from the catalog (``captions/<lang>/brief.yml``). The
numbers they quote are the results' (and the indicator table's, which the notebook builds from them);
nothing is recomputed here, only chosen and arranged for a chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from footprint import accounts as A
from footprint import flows as FL
from footprint import forest as F
from footprint import sdgs as S
from footprint.core.results import Result
from footprint.outputs.catalog import text
from footprint.outputs.export import Figure
from footprint.outputs.labels import label
from footprint.outputs.plots import forest as forest_plots
from footprint.outputs.plots import ledger as ledger_plots
from footprint.outputs.plots import sdgs as plots
from footprint.outputs.style import ratio_text

#: the ledger's partners shown in the brief: the international partners and the national forest-tax pool
LEDGER_PARTNERS: tuple[str, ...] = (*FL.PARTNERS, "government_of_japan")

SOURCES = {
    "earths": f"{A.NFA_SOURCE}; city: footprint.city (estimated CLUM, household survey)",
    "dependence": f"{A.NFA_SOURCE}; footprint.city (estimated)",
    "forest_money": f"{F.SOURCES['osaka_fy2023']}; {F.SOURCES['pools']}; {F.SOURCES['levy']}",
    "offsets": f"footprint.city (estimated); {F.SOURCES['sink']}; {F.SOURCES['guideline']}; "
               "JCM: flow seed data (sources per row)",
    "coverage": "footprint indicator table (sources per row)",
    "ledger": "Trade Statistics of Japan (MOF); NFA 2025 edition; footprint.city; JNTO; Osaka Convention & "
              "Tourism Bureau; MOEJ JCM; footprint.forest",
}


def _year(osaka: Result) -> int:
    """The footprint year of the city model (the run's ``year``)."""
    return int(osaka.parameters["year"])


def _headline(osaka: Result) -> pd.DataFrame:
    return osaka["headline"].set_index("indicator")


def earths(osaka: Result, national: pd.DataFrame, countries: Sequence[str], lang: str) -> Figure:
    """Earths needed: Osaka City (estimate, 90 % interval) beside Japan and the partners' countries.

    ``national``: :func:`footprint.accounts.summary` of ``countries`` in the run's year (published)."""
    year, e = _year(osaka), _headline(osaka).loc["earths"]
    c = dict(year=year, earths=float(e["central"]), p05=e["p05"], p95=e["p95"], p05_parametric=e["p05_parametric"],
             p95_parametric=e["p95_parametric"])
    key = "brief_earths"
    rows = S.earths_rows(osaka["headline"], national, countries, name=lambda k: label(k, lang))
    fig = plots.earths_bar(rows, label("Osaka", lang), lang, title=text(f"{key}.plot_title", lang, **c), year=year)
    return Figure(fig, key, text(f"{key}.title", lang, **c), text(f"{key}.caption", lang, **c), SOURCES["earths"],
                  "estimated", year, A.NFA_EDITION)


def dependence(osaka: Result, lang: str) -> Figure:
    """Where Osaka City's footprint lands: the city, the rest of Japan, abroad, carbon not located."""
    origin = osaka["origin_table"]
    h = _headline(osaka)
    # the share of the footprint on located land met outside the city; carbon, which has no place, is
    # said apart (counting it as "outside" gave 99.4 %, which a reader would quote as the dependence)
    c = dict(year=_year(osaka), land_share_outside=float(h.loc["land_share_outside_city", "central"]),
             carbon_share=float(h.loc["carbon_share", "central"]), share_abroad=S.share_abroad(origin))
    key = "brief_dependence"
    fig = plots.dependence_bar(origin, lang, title=text(f"{key}.plot_title", lang, **c))
    return Figure(fig, key, text(f"{key}.title", lang, **c), text(f"{key}.caption", lang, **c),
                  SOURCES["dependence"], "estimated", c["year"], A.NFA_EDITION)


def forest_money(forest: Result, lang: str) -> Figure:
    """Forest-tax receipts and levy payments of Osaka City, with the net flow to forest regions."""
    fl = F.scenario_of(forest).flows
    c = dict(net_m_jpy=float(fl["net_outflow_jpy"].iloc[-1]) / 1e6, fy_first=int(fl["fiscal_year"].iloc[0]),
             fy_last=int(fl["fiscal_year"].iloc[-1]))
    key = "brief_forest_money"
    fig = forest_plots.receipts_vs_payments(fl, forest["published"], lang, title=text(f"{key}.plot_title", lang, **c))
    return Figure(fig, key, text(f"{key}.title", lang, **c), text(f"{key}.caption", lang, **c),
                  SOURCES["forest_money"], "estimated", text(f"{key}.year", lang, **c))


def offset_rows(table: pd.DataFrame, osaka: Result, forest: Result, lang: str) -> tuple[pd.DataFrame, int]:
    """The rows of the offsets chart (annual flows only) and the year of the wood row.

    :func:`footprint.sdgs.offset_magnitudes` without the wood-carbon stock at the horizon (a stock is
    not comparable with a year's footprint), with instead the stock's net addition in one year (2030, or
    the horizon year when 2030 is not modelled); zero rows dropped."""
    sc = F.scenario_of(forest)
    wood_year = 2030 if 2030 in set(sc.stock["year"]) else sc.horizon_year
    wood_added = float(sc.stock.loc[sc.stock["year"] == wood_year, "stock_change_co2_t"].sum())
    mag = S.offset_magnitudes(table, float(osaka.value("carbon_footprint")["co2_t"]), sc)
    mag = mag[mag["item"] != "wood_stock"].assign(name=lambda t: [text(f"brief_offsets_items.{i}", lang,
                                                                       horizon_year=sc.horizon_year)
                                                                  for i in t["item"]])
    wood = dict(item="wood_added", name=text("brief_offsets_scale.wood_added", lang, wood_year=wood_year),
                co2_t=wood_added, status="illustrative")
    mag = pd.concat([mag, pd.DataFrame([wood])], ignore_index=True)
    return mag[mag["co2_t"] > 0].reset_index(drop=True), wood_year


def offsets_scale(table: pd.DataFrame, osaka: Result, forest: Result, lang: str) -> Figure:
    """Osaka City's carbon footprint beside JCM reductions, the wood-carbon addition and the partner sink.

    ``table``: the brief's indicator table (:func:`footprint.sdgs.indicator_table`), for the JCM rows."""
    sc = F.scenario_of(forest)
    cf_t = float(osaka.value("carbon_footprint")["co2_t"])
    mag, wood_year = offset_rows(table, osaka, forest, lang)
    others = mag["co2_t"].iloc[1:]
    by_item = dict(zip(mag["item"], mag["co2_t"], strict=True))
    gap = {k: ratio_text(cf_t / by_item[k]) if by_item.get(k) else "–" for k in ("jcm_reductions", "wood_added")}
    c = dict(smallest=ratio_text(cf_t / others.max()), largest=ratio_text(cf_t / others.min()),
             footprint_mt=cf_t / 1e6, ratio=S.footprint_to_sink_ratio(cf_t, sc), area_ha=sc.supported_area_ha,
             wood_year=wood_year, jcm_ratio=gap["jcm_reductions"], wood_ratio=gap["wood_added"])
    key = "brief_offsets_scale"
    fig = plots.magnitudes(mag, lang, ref_label=text(f"{key}.ref_label", lang),
                           title=text(f"{key}.plot_title", lang, **c))
    return Figure(fig, key, text(f"{key}.title", lang, **c), text(f"{key}.caption", lang, **c), SOURCES["offsets"],
                  "illustrative", _year(osaka))


def sdg_coverage(cov: pd.DataFrame, names: Mapping[str, str], osaka: Result, flows_year: int, lang: str) -> Figure:
    """Indicators per partnership and SDG (``cov``: :func:`footprint.sdgs.coverage`; ``names``: by id)."""
    c = dict(n_partnerships=S.partnerships_measured(cov), year=_year(osaka), flows_year=flows_year)
    key = "brief_sdg_coverage"
    fig = plots.coverage_heatmap(cov, [names[p] for p in cov.index], lang)
    return Figure(fig, key, text(f"{key}.title", lang, **c), text(f"{key}.caption", lang, **c), SOURCES["coverage"],
                  "derived", text(f"{key}.year", lang, **c))


def ledger_names(lang: str) -> dict[str, str]:
    """Names of :data:`LEDGER_PARTNERS` in ``lang`` (the partners' own from :data:`footprint.flows.PARTNERS`)."""
    own = {k: v[1] if lang == "ja" else v[0] for k, v in FL.PARTNERS.items()}
    return own | {"government_of_japan": text("brief_partnership_ledger.government_of_japan", lang)}


def partnership_ledger(flows: Result, lang: str) -> Figure:
    """The partnership ledger of notebook 04 in four currencies, the ledger's latest year."""
    ledger = FL.partnership_of(flows).ledger
    year = FL.ledger_latest_year(ledger)
    key = "brief_partnership_ledger"
    fig = ledger_plots.ledger_figure(ledger, list(LEDGER_PARTNERS), year, names=ledger_names(lang), lang=lang)
    return Figure(fig, key, text(f"{key}.title", lang, year=year), text(f"{key}.caption", lang), SOURCES["ledger"],
                  "estimated", year)
