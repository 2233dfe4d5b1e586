"""Common currencies: the conversion factors of every unit and their application to the flows.

A flow whose unit (and item) has a factor gets the columns ``ef_gha``, ``co2_t``, ``amount_jpy``
and ``persons``; a flow without one keeps its quantity and unit and gets empty currency columns:
nothing is dropped. Carbon dioxide is turned into carbon-uptake land by the one conversion of
:mod:`footprint.core.units`, ``gha/t CO₂ = EQF_forest · (1 − S_ocean) / (AFCS · CO₂/C)``, and
wood into forest land by the GFN convention of :mod:`footprint.core.units`,
``gha/m³ = EQF_forest / Y_W`` with the world average forest yield ``Y_W`` derived from the accounts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from footprint import accounts as A
from footprint.core import (
    CarbonUptake,
    gha_per_t_co2,
    weakest_status,
    weakest_status_rows,
)
from footprint.core.units import load_world_roundwood, wood_gha, world_forest_yield
from footprint.flows.schema import CURRENCIES
from footprint.flows.selection import item_category


def nfa_forest_factors(nfa: pd.DataFrame, year: int) -> tuple[int, float, float]:
    """``(year used, EQF_forest, world average forest yield Y_W in m³ per ha and year)``.

    The year used is ``year`` or the accounts' latest year, whichever is earlier.
    ``Y_W = P_W · EQF_forest / EF_production,forest(World)`` (:func:`footprint.core.units.world_forest_yield`)
    with the World's production footprint of forest products from the accounts and the world's
    roundwood production ``P_W`` of ``data/raw/units/world_roundwood.csv``.
    """
    fy = min(int(year), A.latest_year(nfa))
    eqf = float(A.equivalence_factors(nfa).loc[fy, "forest_products"])
    ef_world = float(A.country_matrix(nfa, "ef_production", "World", basis="total").loc[fy, "forest_products"])
    y_w = float(world_forest_yield(load_world_roundwood(fy).roundwood_m3, ef_world, eqf))
    return fy, eqf, y_w


def conversion_table(
    units: pd.DataFrame,
    parameters: pd.DataFrame,
    carbon_uptake: CarbonUptake,
    *,
    eqf_forest: float,
    world_yield_m3_per_ha: float,
    year: int,
    nfa_source: str = "NFA 2025 edition (Lo et al. 2025)",
) -> pd.DataFrame:
    """Every conversion factor: ``unit, item, currency, factor, source, status, note``.

    ``item`` empty = any item in that unit; an item category (``"wood"``) = only those flows.
    Rows: the unit registry's identity and scale factors, ``t-CO2 → ef_gha`` by
    :func:`footprint.core.units.gha_per_t_co2` with ``carbon_uptake`` (the parameters of
    ``data/raw/units/carbon_uptake.csv``) and ``m3 of wood → ef_gha`` by
    :func:`footprint.core.units.wood_gha` with the world average forest yield (``nfa_forest_factors``).
    ``parameters`` (the flows' conversion parameters) is kept for factors other than these two.
    """
    base = units[units["currency"].notna()]
    base = pd.DataFrame({
        "unit": base["unit"], "item": "", "currency": base["currency"], "factor": base["factor"].astype(float),
        "source": base["source"], "status": base["status"], "note": base.get("note", pd.Series("", index=base.index)),
    })
    cu = carbon_uptake
    co2 = gha_per_t_co2(eqf_forest, cu.afcs_t_c_per_ha, cu.ocean_uptake_share, cu.co2_per_c)
    wood = float(wood_gha(1.0, world_yield_m3_per_ha, eqf_forest))
    derived = pd.DataFrame({
        "unit": ["t-CO2", "m3"],
        "item": ["", "wood"],
        "currency": ["ef_gha", "ef_gha"],
        "factor": [co2, wood],
        "source": [
            f"{cu.source}; EQF forest {year}: {nfa_source}",
            f"FAO (2024) world roundwood production; EQF and the World's production footprint of forest products "
            f"{year}: {nfa_source}",
        ],
        "status": [weakest_status([cu.status, "derived"]), "estimated"],
        "note": [
            (f"carbon-uptake land: (1 - {cu.ocean_uptake_share:g}) / ({cu.afcs_t_c_per_ha:g} t C/ha x "
             f"{cu.co2_per_c:g} t CO2/t C) x EQF {eqf_forest:.4f}"),
            (f"forest land by the GFN convention: EQF {eqf_forest:.4f} / world average forest yield "
             f"{world_yield_m3_per_ha:.3f} m3/ha/yr (roundwood equivalent)"),
        ],
    })
    return pd.concat([base, derived], ignore_index=True)


def convert(flows: pd.DataFrame, factors: pd.DataFrame) -> pd.DataFrame:
    """Add ``ef_gha, co2_t, amount_jpy, persons`` (and ``converted_status``) to every flow.

    ``value_currency = quantity · factor(unit, item category, currency)``. An item-specific
    factor (``item`` = the flow's item category) wins over a generic one (``item`` empty). Flows
    without a factor, or without a quantity, keep their ``quantity`` and ``unit`` and get empty
    currency columns: the result has exactly the rows of ``flows``. ``converted_status`` is the
    weakest status of the flow and the factors applied.
    """
    f = flows.reset_index(drop=True)
    cat = item_category(f["item"]) if len(f) else pd.Series([], dtype=object)
    fac = factors.assign(item=factors["item"].fillna(""))
    specific, generic = fac[fac["item"] != ""], fac[fac["item"] == ""]
    spec = specific.pivot_table(index=["unit", "item"], columns="currency", values="factor", aggfunc="first")
    gen = generic.pivot_table(index="unit", columns="currency", values="factor", aggfunc="first")
    spec_s = specific.groupby(["unit", "item", "currency"])["status"].agg(weakest_status).unstack("currency")
    gen_s = generic.groupby(["unit", "currency"])["status"].agg(weakest_status).unstack("currency")
    key2 = pd.MultiIndex.from_arrays([f["unit"], cat])
    out = f.copy()
    q = f["quantity"].to_numpy(dtype=float)
    none = np.full(len(f), np.nan)
    applied = []
    for cur in CURRENCIES:
        s = spec[cur].reindex(key2).to_numpy() if cur in spec.columns else none
        g = gen[cur].reindex(f["unit"]).to_numpy() if cur in gen.columns else none
        ss = spec_s[cur].reindex(key2).to_numpy() if cur in spec_s.columns else np.full(len(f), None, dtype=object)
        gs = gen_s[cur].reindex(f["unit"]).to_numpy() if cur in gen_s.columns else np.full(len(f), None, dtype=object)
        specific_hit = ~np.isnan(s)
        val = q * np.where(specific_hit, s, g)
        out[cur] = val
        applied.append(np.where(np.isnan(val), None, np.where(specific_hit, ss, gs)))
    out["converted_status"] = weakest_status_rows(f["status"], *applied)
    out.index = flows.index
    return out


def conversion_counts(converted: pd.DataFrame) -> dict:
    """How the flows fared in :func:`convert`: ``flows, converted`` (to at least one currency),
    ``without_quantity`` (documented links), ``own_units`` (a quantity but no factor) and
    ``units_kept`` (sorted units of the latter)."""
    unconverted = converted[converted[list(CURRENCIES)].isna().all(axis=1)]
    no_qty = unconverted["quantity"].isna()
    return {
        "flows": len(converted),
        "converted": int(len(converted) - len(unconverted)),
        "without_quantity": int(no_qty.sum()),
        "own_units": int((~no_qty).sum()),
        "units_kept": sorted(unconverted.loc[~no_qty, "unit"].unique()),
    }
