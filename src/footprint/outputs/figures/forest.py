"""Figures of the forest tax, timber and sinks (notebook 03), from :func:`footprint.forest.compute`'s result.

Each function takes the run's forest :class:`~footprint.core.results.Result` and a language, draws
via :mod:`footprint.outputs.plots.forest` and takes its words from the catalog (``captions/<lang>/
forest.yml``); the numbers it quotes are the result's tables and values.
"""

from __future__ import annotations

import pandas as pd

from footprint import forest as F
from footprint.core import weakest_status
from footprint.core.results import Result
from footprint.outputs import maps
from footprint.outputs.catalog import text
from footprint.outputs.export import Figure
from footprint.outputs.plots import forest as plots

#: the year whose offsets the offsets caption quotes (the last year of the table if it is not there)
OFFSETS_YEAR = 2030


def _fiscal_years(r: Result, lang: str) -> str:
    first, last = r.parameters["fiscal_years"]
    return text("forest.fiscal_years", lang, first=first, last=last)


def receipts_vs_payments(r: Result, lang: str) -> Figure:
    """Osaka City's transfer-tax receipts and levy payments per fiscal year, net outflow as a line."""
    flows = r["flows"]
    key = "forest_receipts_vs_payments"
    fig = plots.receipts_vs_payments(flows, r["published"], lang)
    caption = text(f"{key}.caption", lang, net_last=flows["net_outflow_jpy"].iloc[-1] / 1e6)
    s = F.SOURCES
    source = f"{s['pools']}; {s['weights']}; {s['osaka_fy2023']}; {s['levy']}; {s['census']}"
    return Figure(fig, "receipts_vs_payments", text(f"{key}.title", lang), caption, source,
                  weakest_status(flows["status"]), _fiscal_years(r, lang))


def top_regions(r: Result, n: int = 3) -> pd.DataFrame:
    """The ``n`` regions receiving most of the levy in the result's destination fiscal year."""
    return F.scenario_of(r).destinations_in().head(n)


def money_destinations(r: Result, lang: str) -> Figure:
    """Where Osaka City's levy goes in the destination fiscal year (million yen by region)."""
    sc = F.scenario_of(r)
    fy, back = sc.destination_fy, sc.levy_back_home_jpy()
    key = "forest_money_destinations"
    names = text("forest.list_separator", lang).join(plots.region_names(top_regions(r), lang))
    caption = text(f"{key}.caption", lang, names=names, back_m=back / 1e6,
                   share=back / sc.destinations_in()["amount_jpy"].sum())
    fig = plots.money_destinations_bar(sc.destinations, fy, lang)
    return Figure(fig, "money_destinations", text(f"{key}.title", lang, fiscal_year=fy), caption,
                  f"{F.SOURCES['prefectures']}; {F.SOURCES['weights']}; {F.SOURCES['levy']}", "estimated",
                  text("forest.fiscal_year", lang, year=fy))


def money_map(r: Result, lang: str) -> Figure:
    """Map of the levy by receiving region, with Osaka City and the partner municipalities (inset)."""
    fy = int(r.values["destination_fy"])
    key = "forest_money_map"
    fig = plots.money_map_with_partners(r["destinations"], fy, r.parameters["partner_codes"], lang)
    return Figure(fig, "money_map", text(f"{key}.title", lang, fiscal_year=fy), text(f"{key}.caption", lang),
                  f"{F.SOURCES['prefectures']}; {F.SOURCES['weights']}", "estimated",
                  text("forest.fiscal_year", lang, year=fy), credit=maps.credit("mlit", lang=lang))


def wood_carbon_stock(r: Result, lang: str) -> Figure:
    """Carbon stock in wood bought with the receipts, by product pool, to the horizon year."""
    sc = F.scenario_of(r)
    first, last = sc.purchase_years
    key = "forest_wood_carbon_stock"
    caption = text(f"{key}.caption", lang, wood_share=sc.wood_share, first=first, last=last,
                   volume=sc.wood_volume_m3, horizon=sc.horizon_year, stock=sc.stock_end_co2_t)
    source = text(f"{key}.source", lang, guideline=F.SOURCES["guideline"], ipcc=F.SOURCES["ipcc"])
    return Figure(plots.wood_stock(sc.stock, lang), "wood_carbon_stock",
                  text(f"{key}.title", lang, horizon=sc.horizon_year), caption, source,
                  weakest_status([*sc.stock["status"], "illustrative"]), f"{first}–{sc.horizon_year}")


def partner_forest_sink(r: Result, lang: str) -> Figure:
    """Annual CO2 sink of the supported stands by partner municipality and species."""
    sc = F.scenario_of(r)
    key = "forest_partner_forest_sink"
    caption = text(f"{key}.caption", lang, area=sc.supported_area_ha, sink_total=sc.sink_total_co2_t)
    return Figure(plots.partner_sink(sc.sink, lang), "partner_forest_sink", text(f"{key}.title", lang), caption,
                  text(f"{key}.source", lang, sink=F.SOURCES["sink"]), "illustrative",
                  text(f"{key}.year", lang, year=r.values["sink_from_year"]))


def offsets_row(r: Result) -> pd.Series:
    """The row of the offsets table the caption quotes: :data:`OFFSETS_YEAR`, else the last year."""
    off = r["offsets"]
    years = set(off["year"])
    return off.set_index("year").loc[OFFSETS_YEAR if OFFSETS_YEAR in years else int(off["year"].max())]


def offsets_vs_emissions(r: Result, lang: str) -> Figure:
    """Wood stored and partner sink per year against Osaka City's emissions and carbon footprint."""
    off, row = r["offsets"], offsets_row(r)
    emissions, cf = F.emissions_of(r), F.carbon_footprint_of(r)
    key = "forest_offsets_vs_emissions"
    caption = text(f"{key}.caption", lang, year=int(row.name), wood=row["wood_stored_co2_t"],
                   sink=row["forest_sink_co2_t"], share_emissions=row["share_of_emissions"],
                   emissions_mt=emissions.co2_t / 1e6, share_footprint=row["share_of_footprint"],
                   footprint_mgha=cf.ef_carbon_gha / 1e6, method=cf.method.split(" (")[0])
    source = text(f"{key}.source", lang, guideline=F.SOURCES["guideline"], sink=F.SOURCES["sink"],
                  emissions=emissions.source, footprint=cf.source)
    return Figure(plots.offsets_chart(off, lang), "offsets_vs_emissions", text(f"{key}.title", lang), caption,
                  source, "illustrative", f"{int(off['year'].min())}–{int(off['year'].max())}")


def closing_note(r: Result, lang: str) -> str:
    """The notebook's closing text: Osaka City's money per fiscal year (million yen), the wood stock,
    the partner sink and the carbon footprint used."""
    sc, cf = F.scenario_of(r), F.carbon_footprint_of(r)
    flows = sc.flows
    table = (flows.set_index("fiscal_year")[["receipts_jpy", "payments_jpy", "net_outflow_jpy"]] / 1e6).round(1)
    table.columns = [text(f"forest_summary.{c}", lang) for c in ("receipts", "payments", "net_outflow")]
    table[text("forest_summary.status", lang)] = flows["status"].to_numpy()
    return "\n".join([
        text("forest_summary.heading", lang), table.to_string(),
        text("forest_summary.wood_stock", lang, horizon=sc.horizon_year, stock=sc.stock_end_co2_t),
        text("forest_summary.partner_sink", lang, sink_total=sc.sink_total_co2_t),
        text("forest_summary.footprint_method", lang, method=cf.method),
    ])


#: the figure functions in the notebook's order
FIGURES = (receipts_vs_payments, money_destinations, money_map, wood_carbon_stock, partner_forest_sink,
           offsets_vs_emissions)
