"""Carbon stored in wood and absorbed by partner forests, against Osaka's emissions and carbon footprint.

Osaka City's own emissions total is not published in our sources: by default it is Osaka
Prefecture's FY2021 greenhouse-gas emissions × the city's share of the prefecture's population
(an ESTIMATE). The carbon footprint is an argument (:class:`CarbonFootprint`), obtained from
:func:`footprint.city.osaka_carbon_footprint` by the caller; its gha ↔ t-CO2 intensity is the one
conversion of :mod:`footprint.core.units`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from footprint.core.errors import ParameterError
from footprint.core.places import OSAKA_CODE, OSAKA_PREF_CODE

#: how the city module's result is named in tables and captions
CITY_METHOD = "footprint.city.osaka_carbon_footprint (city downscaling)"


@dataclass(frozen=True)
class CarbonFootprint:
    """A city's carbon footprint in gha and t-CO2, with the intensity that links them."""

    ef_carbon_gha: float
    co2_t: float
    gha_per_t_co2: float
    year: int
    status: str
    source: str
    method: str


@dataclass(frozen=True)
class Emissions:
    """A city's CO2 emissions a year, with their status and how they were obtained."""

    co2_t: float
    status: str
    note: str
    source: str


def carbon_footprint_from_city(result: Mapping) -> CarbonFootprint:
    """:class:`CarbonFootprint` from the mapping :func:`footprint.city.osaka_carbon_footprint` returns
    (``ef_carbon_gha``, ``co2_t``, ``intensity_gha_per_t_co2``, ``year``, ``status``, ``source``)."""
    return CarbonFootprint(
        ef_carbon_gha=float(result["ef_carbon_gha"]),
        co2_t=float(result["co2_t"]),
        gha_per_t_co2=float(result["intensity_gha_per_t_co2"]),
        year=int(result["year"]),
        status=str(result["status"]),
        source=str(result["source"]),
        method=CITY_METHOD,
    )


def carbon_footprint_estimate(carbon_gha_per_cap: float, population: float) -> float:
    """A city's carbon footprint as the national carbon footprint per person × its population (ESTIMATE)."""
    return float(carbon_gha_per_cap) * float(population)


def national_carbon_footprint(carbon_gha_per_cap: float, population: float, *, year: int, gha_per_t_co2: float,
                              source: str) -> CarbonFootprint:
    """A city's carbon footprint from the nation's per person (accounts) × its population (ESTIMATE).

    ``co2_t = gha / gha_per_t_co2`` with ``gha_per_t_co2`` from
    :func:`footprint.core.units.carbon_uptake_intensity` and the year's forest EQF.
    """
    if gha_per_t_co2 <= 0:
        raise ParameterError(f"gha_per_t_co2: expected > 0, found {gha_per_t_co2}")
    gha = carbon_footprint_estimate(carbon_gha_per_cap, population)
    return CarbonFootprint(gha, gha / gha_per_t_co2, float(gha_per_t_co2), int(year), "estimated", source,
                           "national carbon footprint per person × population")


def estimate_city_emissions(pref_emissions_t: float, city_population: float, pref_population: float) -> float:
    """City emissions as the prefecture's emissions × the city's population share (ESTIMATE)."""
    if pref_population <= 0 or city_population < 0 or city_population > pref_population:
        raise ParameterError(f"emissions estimate: expected 0 <= city population <= prefecture population, found "
                             f"{city_population} and {pref_population}")
    return float(pref_emissions_t) * city_population / pref_population


def osaka_emissions(municipalities: pd.DataFrame, constants: pd.DataFrame, emissions_co2_t: float = 0.0) -> Emissions:
    """Osaka City's emissions a year: ``emissions_co2_t`` when > 0, else the prefecture's FY2021 GHG ×
    the city's share of the prefecture's 2020 population (:func:`estimate_city_emissions`)."""
    row = constants.loc["osaka_pref_ghg_t_co2e"]
    if emissions_co2_t > 0:
        # a value the user passes is not checked against a publication: never labelled published
        return Emissions(float(emissions_co2_t), "estimated", "parameter emissions_co2_t (user-supplied, unverified)",
                         "parameter emissions_co2_t (user-supplied)")
    pop_osaka = float(municipalities.set_index("code5").loc[OSAKA_CODE, "pop_2020_persons"])
    pop_pref = float(municipalities.loc[municipalities["pref_code"] == OSAKA_PREF_CODE, "pop_2020_persons"].sum())
    return Emissions(estimate_city_emissions(row["value"], pop_osaka, pop_pref), "estimated",
                     "Osaka Prefecture FY2021 GHG × city population share (estimate)", str(row["source"]))


def offsets(
    hwp: pd.DataFrame,
    sink_co2_t_per_yr: float,
    *,
    emissions_co2_t: float,
    footprint_gha: float,
    gha_per_t_co2: float,
    sink_from_year: int | None = None,
    years: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Carbon stored (net addition to the wood stock) plus absorbed, per year, against emissions and footprint.

    ``total = Δstock + sink``, ``share_of_emissions = total / emissions``,
    ``share_of_footprint = total × gha_per_t_co2 / footprint_gha``.

    Returns ``year, wood_stored_co2_t, forest_sink_co2_t, total_co2_t, total_gha, emissions_co2_t,
    footprint_gha, footprint_co2_t, share_of_emissions, share_of_footprint``.
    """
    if gha_per_t_co2 <= 0 or emissions_co2_t <= 0 or footprint_gha <= 0:
        raise ParameterError("offsets: expected positive emissions, footprint and gha per t-CO2")
    by_year = hwp.groupby("year")["stock_change_co2_t"].sum()
    yrs = np.asarray(years if years is not None else by_year.index.to_numpy(), dtype=int)
    wood = by_year.reindex(yrs, fill_value=0.0).to_numpy()
    start = sink_from_year if sink_from_year is not None else int(yrs.min())
    sink = np.where(yrs >= start, sink_co2_t_per_yr, 0.0)
    total = wood + sink
    return pd.DataFrame(
        {
            "year": yrs,
            "wood_stored_co2_t": wood,
            "forest_sink_co2_t": sink,
            "total_co2_t": total,
            "total_gha": total * gha_per_t_co2,
            "emissions_co2_t": emissions_co2_t,
            "footprint_gha": footprint_gha,
            "footprint_co2_t": footprint_gha / gha_per_t_co2,
            "share_of_emissions": total / emissions_co2_t,
            "share_of_footprint": total * gha_per_t_co2 / footprint_gha,
        }
    )
