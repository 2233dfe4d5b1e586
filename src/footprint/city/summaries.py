"""The tables and numbers the city notebook shows and writes, assembled from the results.

:func:`headline_summary` builds the ``headline.json`` a brief cites; :func:`headline` computes it
from the inputs in one call (the notebook and its test call the same code).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from footprint import accounts
from footprint.accounts import LAND_TYPES
from footprint.city.categories import HH_ROWS, HOUSEHOLD_BASIS
from footprint.city.central import CityFootprint, city_footprint
from footprint.city.clum import clum_column_check
from footprint.city.inputs import CityInputs
from footprint.city.national import YearContext
from footprint.city.results import headline_results


def clum_check(fp: CityFootprint, ctx: YearContext) -> pd.DataFrame:
    """Column totals of the national CLUM against Japan's footprint by land type (:func:`~footprint.city.clum.clum_column_check`)."""
    return clum_column_check(fp.clum_national[list(LAND_TYPES)].to_numpy(), ctx.ef_consumption_pc)


def clum_shares(fp: CityFootprint) -> dict[str, float]:
    """Shares of the national CLUM's total: ``households`` (the five household rows) and ``carbon``."""
    total = fp.clum_national["total"].sum()
    return {"households": fp.clum_national.loc[list(HH_ROWS), "total"].sum() / total,
            "carbon": fp.clum_national["carbon"].sum() / total}


def spending_ratio_table(fp: CityFootprint) -> pd.DataFrame:
    """``clum_row, ratio, national_side, household_basis``: the effective city ÷ nation ratio of each household row.

    ``national_side``: ``published`` (the 全国 series of the same table) or ``estimated`` (the
    capital-city stand-in of the SSDSE alternative).
    """
    return pd.DataFrame({"clum_row": fp.ratios.index, "ratio": fp.ratios.to_numpy(),
                         "national_side": fp.ratio_status.to_numpy(), "household_basis": HOUSEHOLD_BASIS[0]})


def city_japan_world(fp: CityFootprint, ctx: YearContext, names: tuple[str, str, str],
                     ) -> tuple[pd.DataFrame, pd.Series]:
    """Footprint per person by land type (rows: city, Japan, World, labelled by ``names``) and biocapacity per person."""
    lt = list(LAND_TYPES)
    ef = pd.DataFrame([fp.clum_city[lt].sum(axis=0).to_numpy(), ctx.ef_consumption_pc, ctx.world_ef_pc],
                      columns=lt, index=list(names))
    bc = pd.Series([fp.headline["bc_gha_per_cap"], ctx.japan_bc_pc, ctx.world_bc_pc], index=ef.index)
    return ef, bc


def abroad_share(fp: CityFootprint) -> float:
    """Share of the city's footprint met abroad (central estimate)."""
    return fp.origin.loc[fp.origin["origin"] == "abroad", "ef_gha"].sum() / fp.headline["ef_gha"]


def rank_of(capitals: pd.DataFrame, city: str) -> int:
    """1-based rank of ``city`` in :func:`~footprint.city.results.compare_cities` (largest footprint first)."""
    return int(np.flatnonzero(capitals["city"] == city)[0]) + 1


def headline_row(head: pd.DataFrame, indicator: str) -> pd.Series:
    """One indicator's row of :func:`~footprint.city.results.headline_results`."""
    return head.set_index("indicator").loc[indicator]


def overshoot_days(head: pd.DataFrame, ctx: YearContext, names: tuple[str, str, str]) -> pd.DataFrame:
    """Overshoot day (day of the year) of the city (with its 90 % interval), Japan and the World."""
    day = headline_row(head, "overshoot_day")
    jp_day = float(accounts.overshoot_day(ctx.ef_consumption_pc.sum(), ctx.world_bc_pc))
    world_day = float(accounts.overshoot_day(ctx.world_ef_pc.sum(), ctx.world_bc_pc))
    return pd.DataFrame({"day": [day["central"], jp_day, world_day], "p05": [day["p05"], np.nan, np.nan],
                         "p95": [day["p95"], np.nan, np.nan]}, index=list(names))


def overshoot_dates(head: pd.DataFrame, year: int) -> dict:
    """The city's overshoot date: ``{"central", "p05", "p95"}`` as :class:`datetime.date`."""
    day = headline_row(head, "overshoot_day")
    return {k: accounts.overshoot_date(day[k], year) for k in ("central", "p05", "p95")}


def headline_summary(fp: CityFootprint, head: pd.DataFrame, clum_file: str = "") -> dict:
    """The numbers a brief cites (``headline.json``): footprint per person, overshoot date, share outside the city."""
    ef = headline_row(head, "ef_gha_per_cap")
    outside = headline_row(head, "share_outside_city")
    dates = overshoot_dates(head, fp.year)
    return {
        "city": fp.city, "city_en": fp.city_en, "year": fp.year, "draws": int(head["draws"].iloc[0]),
        "seed": int(head["seed"].iloc[0]), "status": "estimated",
        "interval": str(ef["interval"]) if "interval" in ef else "", "household_basis": HOUSEHOLD_BASIS[0],
        "ef_gha_per_cap": {k: float(ef[k]) for k in ("central", "median", "p05", "p95")},
        "ef_gha_per_cap_parametric": {k: float(ef[f"{k}_parametric"]) for k in ("p05", "p95")
                                      if f"{k}_parametric" in ef},
        "overshoot_date": {k: str(v) for k, v in dates.items()},
        "share_outside_city": {k: float(outside[k]) for k in ("central", "median", "p05", "p95")},
        "clum": "estimated (RAS)" if not clum_file else clum_file,
    }


def headline(inputs: CityInputs, city: str, year: int | None, draws: int, seed: int, clum_file: str = "") -> dict:
    """:func:`headline_summary` computed from the inputs (what notebook 02 writes as ``headline.json``)."""
    fp = city_footprint(inputs, city, year)
    return headline_summary(fp, headline_results(inputs, fp.city, fp.year, draws=draws, seed=seed), clum_file)


def output_tables(fp: CityFootprint, head: pd.DataFrame, series: pd.DataFrame, capitals: pd.DataFrame,
                  sens: pd.DataFrame, extra: dict[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """Every table notebook 02 writes, by file name (``biocapacity`` only where the city has land-use data).

    ``extra``: further tables by name (structural sensitivity, validation, household basis, …).
    """
    tables = {
        "headline": head,
        "clum_national": fp.clum_national.reset_index(),
        "clum_city": fp.clum_city.reset_index(),
        "spending_ratios": spending_ratio_table(fp),
        "origin": fp.origin.assign(status="estimated"),
        "time_series": series,
        "capital_cities": capitals,
        "sensitivity": sens,
    }
    if fp.biocapacity is not None:
        tables["biocapacity"] = fp.biocapacity.assign(status="estimated")
    tables.update(extra or {})
    return tables
