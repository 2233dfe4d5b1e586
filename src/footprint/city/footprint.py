"""The array maths of a city footprint: downscaling, biocapacity, origin split and indicators.

Every function is vectorised over leading axes (Monte Carlo draws, cities); the last axis is the
six land types of :data:`footprint.accounts.LAND_TYPES` or the CLUM rows.
"""

from __future__ import annotations

import numpy as np

from footprint.accounts import LAND_TYPES
from footprint.city.categories import CLUM_ROWS, HH_ROWS

INDICATORS: dict[str, str] = {
    "ef_gha_per_cap": "gha per person",
    "ef_gha": "gha",
    "bc_gha": "gha",
    "bc_gha_per_cap": "gha per person",
    "deficit_gha": "gha",
    "earths": "Earths",
    "times_biocapacity": "× city biocapacity",
    "times_area": "gha per ha of city area",
    "overshoot_day": "day of year",
    "share_outside_city": "fraction",
    "land_share_outside_city": "fraction",
    "carbon_share": "fraction",
}


def full_row_ratios(hh_ratios) -> np.ndarray:
    """Ratios of all 7 CLUM rows: the 5 household ratios, then 1 for government and capital formation."""
    r = np.asarray(hh_ratios, dtype=float)
    return np.concatenate([r, np.ones((*r.shape[:-1], len(CLUM_ROWS) - len(HH_ROWS)))], axis=-1)


def downscale(clum, hh_ratios) -> np.ndarray:
    """City CLUM per person: household rows × their ratio; government and capital formation unchanged.

    ``city[r, l] = clum[r, l] · ratio[r]`` with ``ratio = 1`` for government and capital formation.
    ``clum``: (..., 7, 6) gha per person; ``hh_ratios``: (..., 5). Returns (..., 7, 6).
    """
    m = np.asarray(clum, dtype=float)
    return m * full_row_ratios(hh_ratios)[..., :, None]


def city_biocapacity(area_ha, yield_factors, equivalence_factors) -> np.ndarray:
    """Biocapacity (gha) by land type: ``BC = A · YF · EQF``; carbon uptake land has none (0).

    Arrays over the six land types (carbon's area, YF or EQF may be anything: its BC is 0).
    """
    a = np.asarray(area_ha, dtype=float)
    yf = np.nan_to_num(np.asarray(yield_factors, dtype=float))
    eqf = np.asarray(equivalence_factors, dtype=float)
    bc = a * yf * eqf
    bc[..., LAND_TYPES.index("carbon")] = 0.0
    return bc


def import_shares(ef_production, ef_imports) -> np.ndarray:
    """Share of each land type's consumption footprint met abroad: ``I / (P + I)`` (0 where both are 0)."""
    p = np.asarray(ef_production, dtype=float)
    i = np.asarray(ef_imports, dtype=float)
    s = p + i
    return np.divide(i, s, out=np.zeros_like(s), where=s > 0)


def origin_split(ef_gha, bc_gha, abroad_share) -> np.ndarray:
    """Split a city's footprint by land type into city / rest of Japan / abroad (gha).

    ``abroad = EF · a``; ``city = min(BC, EF · (1 − a))`` (the domestic part is met by the
    city's own biocapacity first, at most its biocapacity); ``rest_of_japan`` = the remainder.
    ``ef_gha``, ``bc_gha``: (..., 6); ``abroad_share``: (6,). Returns (..., 6, 3) with the last
    axis in :data:`~footprint.city.categories.ORIGINS` order; it sums to ``ef_gha``.
    """
    ef = np.asarray(ef_gha, dtype=float)
    bc = np.asarray(bc_gha, dtype=float)
    a = np.asarray(abroad_share, dtype=float)
    abroad = ef * a
    domestic = ef - abroad
    city = np.minimum(np.nan_to_num(bc), domestic)
    return np.stack([city, domestic - city, abroad], axis=-1)


def honest_origin_split(ef_gha, bc_gha, abroad_share) -> np.ndarray:
    """:func:`origin_split` for the non-carbon land types; carbon wholly in a fourth origin, not located.

    Returns (..., 6, 4) in :data:`~footprint.city.categories.HONEST_ORIGINS` order; carbon's row
    is ``[0, 0, 0, EF_carbon]`` and every other row is that of :func:`origin_split` with 0 last.
    I/(P+I) says where production happens, which for carbon is where CO₂ is emitted, not where
    uptake land lies; the method locates no uptake land, so carbon is shown apart.
    """
    split = origin_split(ef_gha, bc_gha, abroad_share)
    out = np.concatenate([split, np.zeros((*split.shape[:-1], 1))], axis=-1)
    ic = LAND_TYPES.index("carbon")
    ef = np.asarray(ef_gha, dtype=float)
    out[..., ic, :3] = 0.0
    out[..., ic, 3] = ef[..., ic]
    return out


def indicators(ef_lt_pc, bc_lt_gha, population, area_ha, world_bc_pc, abroad_share) -> dict[str, np.ndarray]:
    """Headline numbers from the footprint and biocapacity by land type (vectorised over draws).

    ``ef_lt_pc``: (..., 6) gha per person; ``bc_lt_gha``: (..., 6) gha (NaN if unknown).
    Earths = EF per person ÷ world biocapacity per person; overshoot day = 365 × world
    biocapacity per person ÷ EF per person (GFN's convention); ``times_area`` compares gha
    with physical hectares (the convention behind Tokyo's "125×"); ``share_outside_city`` =
    1 − (part met by the city's biocapacity, :func:`origin_split`) ÷ EF. That share counts carbon,
    whose uptake land lies nowhere (:func:`honest_origin_split`), as met outside; what a reader can
    quote is ``land_share_outside_city``, the share of the footprint on located land (every land type
    but carbon) met outside the city, with ``carbon_share`` (carbon's share of the footprint) beside
    it. Keys and units: :data:`INDICATORS`.
    """
    ef_pc_lt = np.asarray(ef_lt_pc, dtype=float)
    bc = np.asarray(bc_lt_gha, dtype=float)
    pop = np.asarray(population, dtype=float)
    ef_pc = ef_pc_lt.sum(axis=-1)
    ef = ef_pc * pop
    bc_tot = bc.sum(axis=-1)
    split = origin_split(ef_pc_lt * pop[..., None], bc, abroad_share)
    inside = split[..., 0].sum(axis=-1)
    ic = LAND_TYPES.index("carbon")
    land = np.delete(split, ic, axis=-2)  # (..., 5, 3): the land types with a place
    ef_carbon = ef_pc_lt[..., ic] * pop
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            "ef_gha_per_cap": ef_pc,
            "ef_gha": ef,
            "bc_gha": bc_tot,
            "bc_gha_per_cap": bc_tot / pop,
            "deficit_gha": ef - bc_tot,
            "earths": ef_pc / world_bc_pc,
            "times_biocapacity": ef / bc_tot,
            "times_area": ef / np.asarray(area_ha, dtype=float),
            "overshoot_day": 365.0 * world_bc_pc / ef_pc,
            "share_outside_city": np.where(np.isnan(bc_tot), np.nan, 1.0 - inside / ef),
            "land_share_outside_city": np.where(np.isnan(bc_tot), np.nan,
                                                1.0 - land[..., 0].sum(axis=-1) / land.sum(axis=(-1, -2))),
            "carbon_share": ef_carbon / ef,
        }
