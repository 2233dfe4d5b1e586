"""Conversion factors between the project's currencies, each defined once.

CO₂ → carbon-uptake land (gha) by the National Footprint Accounts' method (Borucke et al. 2013;
Mancini et al. 2016)::

    gha per t CO₂ = EQF_forest · (1 − S_ocean) / (AFCS · CO₂/C)

with the forest equivalence factor of the year (from the accounts), the average forest carbon
sequestration ``AFCS`` (t C per ha and year), the ocean uptake share ``S_ocean`` and the mass
ratio ``CO₂/C``. The parameters live in one raw file, ``data/raw/units/carbon_uptake.csv``, and
the conversion carries that file's weakest status. With the 2022 forest EQF of 1.298, AFCS 0.73
and S_ocean 0.28 it gives about 0.35 gha per t CO₂.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from footprint.core.errors import DataFileError, ParameterError
from footprint.core.io import read_raw_csv
from footprint.core.schema import Column, check_unique
from footprint.core.status import STATUSES, weakest_status

CARBON_UPTAKE_FILE = "units/carbon_uptake.csv"
CARBON_UPTAKE_KEYS = ("afcs_t_c_per_ha", "ocean_uptake_share", "co2_per_c")
_SCHEMA = [
    Column("parameter", "str", choices=CARBON_UPTAKE_KEYS),
    Column("value", "float", min=0),
    Column("low", "float", min=0),
    Column("high", "float", min=0),
    Column("unit", "str"),
    Column("source", "str"),
    Column("status", "str", choices=STATUSES),
    Column("notes", "str", required=False, allow_na=True),
]


@dataclass(frozen=True)
class CarbonUptake:
    """The parameters of the CO₂ → gha conversion: central values, ranges, sources and status."""

    afcs_t_c_per_ha: float
    ocean_uptake_share: float
    co2_per_c: float
    ocean_uptake_share_range: tuple[float, float]
    status: str
    source: str


def load_carbon_uptake() -> CarbonUptake:
    """Read ``data/raw/units/carbon_uptake.csv`` (checksum-verified, validated)."""
    df = read_raw_csv(CARBON_UPTAKE_FILE, _SCHEMA)
    check_unique(df, ["parameter"], CARBON_UPTAKE_FILE)
    missing = sorted(set(CARBON_UPTAKE_KEYS) - set(df["parameter"]))
    if missing:
        raise DataFileError(CARBON_UPTAKE_FILE, f"rows {list(CARBON_UPTAKE_KEYS)}", f"missing {missing}")
    p = df.set_index("parameter")
    return CarbonUptake(
        afcs_t_c_per_ha=float(p.loc["afcs_t_c_per_ha", "value"]),
        ocean_uptake_share=float(p.loc["ocean_uptake_share", "value"]),
        co2_per_c=float(p.loc["co2_per_c", "value"]),
        ocean_uptake_share_range=(float(p.loc["ocean_uptake_share", "low"]), float(p.loc["ocean_uptake_share", "high"])),
        status=weakest_status(p["status"]),
        source="; ".join(dict.fromkeys(p["source"])),
    )


def gha_per_t_co2(eqf_forest, afcs_t_c_per_ha, ocean_uptake_share, co2_per_c: float = 3.664):
    """Global hectares of carbon-uptake land per tonne of CO₂: ``EQF·(1 − S_ocean)/(AFCS·CO₂/C)``.

    Vectorised over any argument (numpy broadcasting), so Monte Carlo draws of the ocean share
    go through the same formula. Raises :class:`ParameterError` on a non-positive AFCS, CO₂/C or
    EQF, or an ocean share outside [0, 1).
    """
    eqf, afcs, s, k = (np.asarray(v, dtype=float) for v in (eqf_forest, afcs_t_c_per_ha, ocean_uptake_share, co2_per_c))
    if (afcs <= 0).any() or (eqf <= 0).any() or (k <= 0).any() or ((s < 0) | (s >= 1)).any() or not all(
        np.isfinite(v).all() for v in (eqf, afcs, s, k)
    ):
        raise ParameterError(
            "gha_per_t_co2: expected finite EQF > 0, AFCS > 0, CO2/C > 0 and 0 <= ocean share < 1, "
            f"found EQF {eqf_forest}, AFCS {afcs_t_c_per_ha}, ocean share {ocean_uptake_share}, CO2/C {co2_per_c}"
        )
    out = eqf * (1.0 - s) / (afcs * k)
    return float(out) if out.ndim == 0 else out


def carbon_uptake_intensity(eqf_forest: float, params: CarbonUptake | None = None) -> float:
    """:func:`gha_per_t_co2` with the central parameters of the raw file (loaded when not given)."""
    p = params or load_carbon_uptake()
    return gha_per_t_co2(eqf_forest, p.afcs_t_c_per_ha, p.ocean_uptake_share, p.co2_per_c)


# --- wood → global hectares (GFN convention) ------------------------------------------------------
#
# A volume of wood is converted to gha like any primary product in the National Footprint Accounts:
#
#     gha = production (m³) ÷ world average forest yield Y_W (m³ per ha and year) × EQF_forest
#
# (Borucke et al. 2013; the production footprint uses world yields, so the national yield factor
# cancels). Y_W is not published on its own: it follows from the accounts' own identity for the
# World, ``EF_production,forest = P_W / Y_W · EQF_forest``, hence
#
#     Y_W = P_W · EQF_forest / EF_production,forest(World)
#
# with ``EF_production,forest(World)`` (gha, total) and ``EQF_forest`` of the year read through the
# accounts' public API (``accounts.country_matrix(nfa, "ef_production", "World", basis="total")
# ["forest_products"]`` and ``accounts.equivalence_factors(nfa)["forest_products"]``) and ``P_W``
# the world's roundwood production of that year (m³, FAOSTAT) passed by the caller. A stand's own
# increment (e.g. sugi) is *not* the yield of this convention: it would give a local hectare, not
# a global one.


def world_forest_yield(world_roundwood_m3, world_ef_production_forest_gha, eqf_forest):
    """World average forest yield ``Y_W = P_W · EQF_forest / EF_P,forest(World)`` (m³ per ha and year).

    Raises :class:`ParameterError` for a non-positive production, footprint or EQF.
    """
    p, ef, eqf = (np.asarray(x, dtype=float) for x in (world_roundwood_m3, world_ef_production_forest_gha,
                                                      eqf_forest))
    if np.any(p <= 0) or np.any(ef <= 0) or np.any(eqf <= 0):
        raise ParameterError("world_forest_yield: expected a positive world roundwood production (m³), world "
                             f"forest production footprint (gha) and forest EQF; found {p}, {ef}, {eqf}")
    return p * eqf / ef


def wood_gha(volume_m3, world_yield_m3_per_ha, eqf_forest):
    """Global hectares of a wood volume by the GFN convention: ``volume ÷ Y_W × EQF_forest``.

    ``volume_m3`` in m³ of roundwood equivalent (a product's volume times its extraction rate is
    the caller's business); ``world_yield_m3_per_ha`` from :func:`world_forest_yield`.
    """
    y = np.asarray(world_yield_m3_per_ha, dtype=float)
    if np.any(y <= 0):
        raise ParameterError(f"wood_gha: expected a positive world forest yield (m³ per ha), found {y}")
    return np.asarray(volume_m3, dtype=float) / y * np.asarray(eqf_forest, dtype=float)


WORLD_ROUNDWOOD_FILE = "units/world_roundwood.csv"
_ROUNDWOOD_SCHEMA = [
    Column("year", "int", min=1961, max=2100),
    Column("roundwood_m3", "float", min=1e8, max=1e11),
    Column("source", "str"),
    Column("status", "str", choices=STATUSES),
    Column("note", "str", required=False, allow_na=True),
]


@dataclass(frozen=True)
class WorldRoundwood:
    """World roundwood production of a year (m³), with the year it was read for, source and status."""

    year: int
    roundwood_m3: float
    source_year: int
    status: str
    source: str


def load_world_roundwood(year: int) -> WorldRoundwood:
    """The world's roundwood production for ``year`` from ``data/raw/units/world_roundwood.csv``; a year
    without a value takes the nearest year's, labelled ``estimated``."""
    df = read_raw_csv(WORLD_ROUNDWOOD_FILE, _ROUNDWOOD_SCHEMA)
    check_unique(df, ["year"], WORLD_ROUNDWOOD_FILE)
    i = int(np.argmin(np.abs(df["year"].to_numpy() - int(year))))
    row = df.iloc[i]
    status = str(row["status"]) if int(row["year"]) == int(year) else weakest_status([str(row["status"]), "estimated"])
    return WorldRoundwood(int(year), float(row["roundwood_m3"]), int(row["year"]), status, str(row["source"]))
