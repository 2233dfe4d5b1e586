"""The central estimate of one city and year (all inputs at their central values, no Monte Carlo).

:func:`city_footprint` chains the steps: Japan's CLUM (:mod:`~footprint.city.clum`), spending
ratios (:mod:`~footprint.city.spending`), downscaling, biocapacity, origin and indicators
(:mod:`~footprint.city.footprint`). :func:`origin_table` and :func:`carbon_footprint` turn a
:class:`CityFootprint` into the tables other topics use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from footprint.accounts import LAND_TYPES
from footprint.city.categories import (
    CARBON_SOURCE,
    HH_ROWS,
    HONEST_ORIGINS,
    ORIGIN_SOURCE,
    ORIGINS,
    OSAKA,
    SOURCE,
    mapping_matrix,
)
from footprint.city.clum import (
    clum_frame,
    national_clum,
    national_clum_source,
    national_clum_status,
)
from footprint.city.footprint import (
    city_biocapacity,
    downscale,
    honest_origin_split,
    import_shares,
    indicators,
    origin_split,
)
from footprint.city.inputs import CityInputs
from footprint.city.lookups import (
    household_sizes,
    land_use_arrays,
    population,
    resolve_city,
    resolve_year,
    window_means,
    year_context,
)
from footprint.city.model import (
    DEFAULT_STRUCTURE,
    Structure,
    city_clum_draws,
    default_choice,
    national_clum_variants,
    row_ratios,
    window_years,
)
from footprint.city.national import YearContext
from footprint.city.spending import spending_ratios
from footprint.core.errors import ParameterError
from footprint.core.units import CarbonUptake, gha_per_t_co2


@dataclass(frozen=True)
class CityFootprint:
    """Central estimate for one city and year (no Monte Carlo).

    ``clum_national`` and ``clum_city``: CLUM row × land type, gha per person; ``ratios``: the
    household-row spending ratios; ``biocapacity``: land type × (area_ha, yield_factor,
    equivalence_factor, bc_gha); ``origin``: land type × origin (gha); ``headline``: indicators.
    """

    city: str
    city_en: str
    year: int
    population: float
    area_ha: float
    window_years: tuple[int, ...]
    clum_national: pd.DataFrame
    clum_city: pd.DataFrame
    ratios: pd.Series
    biocapacity: pd.DataFrame | None
    origin: pd.DataFrame
    headline: dict[str, float]
    status: str = "estimated"
    ratio_status: pd.Series = field(default_factory=pd.Series)
    origin_legacy: pd.DataFrame | None = None  # carbon split by I/(P+I) like other land (3 origins)


def biocapacity_table(area: tuple[np.ndarray, np.ndarray, np.ndarray], ctx: YearContext, population_persons: float,
                      ) -> pd.DataFrame:
    """The city's biocapacity by land type: areas (central, low, high), YF, EQF, ``bc_gha``, ``bc_gha_per_cap``."""
    bc = city_biocapacity(area[0], ctx.yield_factors, ctx.equivalence_factors)
    t = pd.DataFrame({"land_type": list(LAND_TYPES), "area_ha": area[0], "area_ha_low": area[1],
                      "area_ha_high": area[2], "yield_factor": ctx.yield_factors,
                      "equivalence_factor": ctx.equivalence_factors, "bc_gha": bc})
    t["bc_gha_per_cap"] = t["bc_gha"] / population_persons
    return t


def origin_frame(split: np.ndarray) -> pd.DataFrame:
    """A (6 land types × 3 or 4 origins) origin split as a long table ``land_type, origin, ef_gha``."""
    origins = ORIGINS if split.shape[-1] == len(ORIGINS) else HONEST_ORIGINS
    return pd.DataFrame({
        "land_type": np.repeat(list(LAND_TYPES), len(origins)),
        "origin": list(origins) * len(LAND_TYPES),
        "ef_gha": split.reshape(-1),
    })


def item_central(inputs: CityInputs, city: str, year: int, ctx: YearContext, structure: Structure,
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[int]]:
    """Item-level model at one structure: ``(national CLUM, city CLUM, row ratios, window years)``."""
    d = inputs.items
    ch = default_choice(1, structure)
    nat = national_clum_variants(inputs, ctx, ch, None, None, None, {}, None)
    city_pc = city_clum_draws(d, [d.index(city)], year, nat, ch)[0, 0]
    pos = window_years(d, year)
    ys = [int(y) for y in d.years[pos][d.present[d.index(city), pos]]]
    return np.asarray(nat[0]), city_pc, row_ratios(city_pc, nat[0]), ys


def city_footprint(inputs: CityInputs, city: str = OSAKA, year: int | None = None,
                   structure: Structure = DEFAULT_STRUCTURE) -> CityFootprint:
    """Central estimate of a city's footprint, biocapacity, origin split and headline numbers.

    With item-level inputs (the default) the model of :mod:`~footprint.city.model` at ``structure``;
    with the SSDSE alternative the 10-category downscaling (``structure`` ignored).
    """
    city = resolve_city(inputs, city)
    year = resolve_year(inputs, year)
    ctx = year_context(inputs, year)
    if inputs.items is not None:
        clum, city_pc, ratios, ys = item_central(inputs, city, year, ctx, structure)
        used_standin = np.zeros(len(HH_ROWS), dtype=bool)
    else:
        clum = national_clum(inputs, ctx)
        e_city, e_nat, standin_frac, ys = window_means(inputs, city, year)
        hc, hn, _ = household_sizes(inputs, city)
        ratios = spending_ratios(e_city, e_nat, hc, hn)
        city_pc = downscale(clum, ratios)
        used_standin = (standin_frac[:, None] * mapping_matrix()).max(axis=0) > 0
    pop = population(inputs, city, year)
    area = float(inputs.cities.loc[city, "area_ha"])
    lu = land_use_arrays(inputs, city)
    bc_table = None if lu is None else biocapacity_table(lu, ctx, pop)
    bc = np.full(len(LAND_TYPES), np.nan) if bc_table is None else bc_table["bc_gha"].to_numpy()
    a = import_shares(ctx.ef_production_pc, ctx.ef_imports_pc)
    ef_lt = city_pc.sum(axis=0)
    ind = indicators(ef_lt, bc, pop, area, ctx.world_bc_pc, a)
    return CityFootprint(
        city=city,
        city_en=str(inputs.cities.loc[city, "city_en"]),
        year=year,
        population=pop,
        area_ha=area,
        window_years=tuple(ys),
        clum_national=clum_frame(clum, national_clum_status(inputs), national_clum_source(inputs)),
        clum_city=clum_frame(city_pc, "estimated", SOURCE),
        ratios=pd.Series(ratios, index=pd.Index(HH_ROWS, name="clum_row"), name="ratio"),
        biocapacity=bc_table,
        origin=origin_frame(honest_origin_split(ef_lt * pop, bc, a)),
        origin_legacy=origin_frame(origin_split(ef_lt * pop, bc, a)),
        headline={k: float(v) for k, v in ind.items()},
        ratio_status=pd.Series(np.where(used_standin, "estimated", "published"), index=list(HH_ROWS)),
    )


def origin_table(fp: CityFootprint, carbon: str = "not_located") -> pd.DataFrame:
    """Where a city's footprint lands: ``land_type, origin, ef_gha, status, source`` (central estimate).

    ``origin`` is ``city`` (met by the city's own biocapacity, at most that biocapacity),
    ``rest_of_japan`` or ``abroad`` (Japan's import share of that land type); with
    ``carbon="not_located"`` (default) carbon's whole footprint has origin
    :data:`~footprint.city.categories.CARBON_NOT_LOCATED`; ``carbon="by_production"`` splits
    carbon by I/(P+I) like the other land types (where CO₂ is emitted, not where uptake land lies:
    kept only for callers that cannot yet take the fourth origin). Totals per land type equal the
    city's footprint. Status ``estimated``.
    """
    if carbon not in ("not_located", "by_production"):
        raise ParameterError(f"carbon: expected 'not_located' or 'by_production', found {carbon!r}")
    out = (fp.origin if carbon == "not_located" else fp.origin_legacy).copy()
    out["status"] = "estimated"
    out["source"] = ORIGIN_SOURCE
    return out


def carbon_footprint(fp: CityFootprint, eqf_forest: float, uptake: CarbonUptake) -> dict:
    """A city's carbon footprint in gha and t CO₂.

    ``co2_t = EF_carbon / k`` with ``k = EQF_forest · (1 − S_ocean) / (AFCS · CO₂/C)`` gha per
    t CO₂ (:func:`footprint.core.units.gha_per_t_co2`, the central parameters of ``uptake``).
    Returns ``year, population, ef_carbon_gha, ef_carbon_gha_per_cap, intensity_gha_per_t_co2,
    co2_t, status, source``.
    """
    k = gha_per_t_co2(eqf_forest, uptake.afcs_t_c_per_ha, uptake.ocean_uptake_share, uptake.co2_per_c)
    ef_c_pc = float(fp.clum_city["carbon"].sum())
    return {
        "year": fp.year,
        "population": fp.population,
        "ef_carbon_gha": ef_c_pc * fp.population,
        "ef_carbon_gha_per_cap": ef_c_pc,
        "intensity_gha_per_t_co2": k,
        "co2_t": ef_c_pc * fp.population / k,
        "status": "estimated",
        "source": CARBON_SOURCE,
    }
