"""Common currencies: the conversion factors of every unit and their application to the flows.

A flow whose unit (and item) has a factor gets the columns ``ef_gha``, ``co2_t``, ``amount_jpy``
and ``persons``; a flow without one keeps its quantity and unit and gets empty currency columns:
nothing is dropped. Carbon dioxide is turned into carbon-uptake land by the one conversion of
:mod:`footprint.core.units`, ``gha/t CO₂ = EQF_forest · (1 − S_ocean) / (AFCS · CO₂/C)``, and
wood into forest land, ``gha/m³ = YF_forest · EQF_forest / increment``.
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
from footprint.core.errors import DataFileError, ParameterError
from footprint.flows.schema import CURRENCIES, PARAMETERS_FILE
from footprint.flows.selection import item_category


def nfa_forest_factors(nfa: pd.DataFrame, year: int) -> tuple[int, float, float]:
    """``(year used, EQF_forest, Japan's YF_forest)`` from the national accounts.

    The year used is ``year`` or the accounts' latest year, whichever is earlier.
    """
    fy = min(int(year), A.latest_year(nfa))
    eqf = A.equivalence_factors(nfa).loc[fy, "forest_products"]
    yf = A.yield_factors(nfa, "Japan").loc[fy, "forest_products"]
    return fy, eqf, yf


def wood_forest_intensity(eqf_forest: float, yf_forest: float, increment_m3_per_ha_yr: float) -> float:
    """Global hectares of forest land per m³ of wood: ``YF_forest · EQF_forest / increment``.

    The wood takes ``1/increment`` hectares of the supplying forest for a year; the national yield
    factor and the equivalence factor turn those hectares into global hectares.
    """
    if increment_m3_per_ha_yr <= 0 or eqf_forest <= 0 or yf_forest <= 0:
        raise ParameterError("wood_forest_intensity: expected positive EQF, yield factor and increment, "
                             f"found {eqf_forest}, {yf_forest}, {increment_m3_per_ha_yr}")
    return yf_forest * eqf_forest / increment_m3_per_ha_yr


def conversion_table(
    units: pd.DataFrame,
    parameters: pd.DataFrame,
    carbon_uptake: CarbonUptake,
    *,
    eqf_forest: float,
    yf_forest: float,
    year: int,
    nfa_source: str = "NFA 2025 edition (Lo et al. 2025)",
) -> pd.DataFrame:
    """Every conversion factor: ``unit, item, currency, factor, source, status, note``.

    ``item`` empty = any item in that unit; an item category (``"wood"``) = only those flows.
    Rows: the unit registry's identity and scale factors, ``t-CO2 → ef_gha`` by
    :func:`footprint.core.units.gha_per_t_co2` with ``carbon_uptake`` (the parameters of
    ``data/raw/units/carbon_uptake.csv``) and ``m3 of wood → ef_gha`` by
    :func:`wood_forest_intensity` with the wood increment of ``parameters``; the equivalence and
    yield factors are those of ``year`` in the national accounts.
    """
    p = parameters.set_index("key")
    need = ["sugi_increment_m3_per_ha_yr"]
    missing = [k for k in need if k not in p.index]
    if missing:
        raise DataFileError(PARAMETERS_FILE, f"keys {need}", f"missing {missing}")
    base = units[units["currency"].notna()]
    base = pd.DataFrame({
        "unit": base["unit"], "item": "", "currency": base["currency"], "factor": base["factor"].astype(float),
        "source": base["source"], "status": base["status"], "note": base.get("note", pd.Series("", index=base.index)),
    })
    cu = carbon_uptake
    co2 = gha_per_t_co2(eqf_forest, cu.afcs_t_c_per_ha, cu.ocean_uptake_share, cu.co2_per_c)
    increment = p.loc["sugi_increment_m3_per_ha_yr", "value"]
    wood = wood_forest_intensity(eqf_forest, yf_forest, increment)
    derived = pd.DataFrame({
        "unit": ["t-CO2", "m3"],
        "item": ["", "wood"],
        "currency": ["ef_gha", "ef_gha"],
        "factor": [co2, wood],
        "source": [
            f"{cu.source}; EQF forest {year}: {nfa_source}",
            p.loc["sugi_increment_m3_per_ha_yr", "source"] + f"; EQF and Japan's forest yield factor {year}: {nfa_source}",
        ],
        "status": [weakest_status([cu.status, "derived"]), "estimated"],
        "note": [
            (f"carbon-uptake land: (1 - {cu.ocean_uptake_share:g}) / ({cu.afcs_t_c_per_ha:g} t C/ha x "
             f"{cu.co2_per_c:g} t CO2/t C) x EQF {eqf_forest:.4f}"),
            (f"forest land: YF {yf_forest:.4f} x EQF {eqf_forest:.4f} / {increment:g} "
             "m3/ha/yr (assumes the supplying forest grows like a mid-age sugi stand)"),
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
