"""The city topic's one compute entry point: ``compute(params, inputs) -> Result``.

Everything notebook 02 shows, the brief cites and the forest and flows topics read about a city
is computed here once: the central estimate, the headline with its full and parametric 90 %
intervals, the time series, the 52-city comparison, the sensitivities, the validation table and,
for Osaka City, the per-year household figures the partnership ledger attributes trade with.
Tables use neutral labels (``city``, ``japan``, ``world``); the notebook puts names on them.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from footprint.accounts import LAND_TYPES
from footprint.city.categories import CLUM_SOURCE, HH_ROWS, OSAKA
from footprint.city.central import carbon_footprint, city_footprint, origin_table
from footprint.city.inputs import CityInputs
from footprint.city.item_inputs import read_published_footprints
from footprint.city.lookups import year_context
from footprint.city.results import compare_cities, headline_results, sensitivity, structural_sensitivity, time_series
from footprint.city.summaries import (
    abroad_share,
    clum_check,
    clum_shares,
    headline_summary,
    overshoot_days,
    rank_of,
    spending_ratio_table,
)
from footprint.city.validation import household_basis_table, validation_table
from footprint.core.errors import ParameterError
from footprint.core.results import Result
from footprint.core.units import carbon_uptake_intensity, load_carbon_uptake

#: Monte Carlo draws per year of the household figures behind the ledger's attribution share
SHARE_DRAWS = 500
NAMES = ("city", "japan", "world")  # neutral row labels of the city / Japan / world tables
PARAMETERS = ("city", "year", "draws", "seed", "clum_file", "land_use_file")


def household_by_year(inputs: CityInputs, city: str, draws: int = SHARE_DRAWS, seed: int = 2026) -> pd.DataFrame:
    """Per model year: ``population_persons``, ``japan_population_persons``, ``household_ratio`` (the city's
    per-person household footprint over Japan's) and ``ef_rel_spread`` (the relative Monte Carlo spread of
    the footprint per person, half the full 90 % width over 1.645 × the median)."""
    rows = []
    for y in inputs.years:
        try:
            fp = city_footprint(inputs, city, y)
        except ParameterError:  # a year without the survey window the city model needs
            continue
        hh, lts = list(HH_ROWS), list(LAND_TYPES)
        ratio = float(fp.clum_city.loc[hh, lts].to_numpy(float).sum() / fp.clum_national.loc[hh, lts].to_numpy(float).sum())
        h = headline_results(inputs, city, y, draws=draws, seed=seed).set_index("indicator")
        rel = float((h.loc["ef_gha_per_cap", "p95"] - h.loc["ef_gha_per_cap", "p05"])
                    / (2 * 1.6449 * h.loc["ef_gha_per_cap", "median"]))
        rows.append((int(y), fp.population, year_context(inputs, y).japan_population, ratio, rel))
    return pd.DataFrame(rows, columns=["year", "population_persons", "japan_population_persons", "household_ratio",
                                       "ef_rel_spread"]).assign(status="estimated")


def compute(params: Mapping[str, object], inputs: CityInputs, *, comparison_draws: int, series_draws: int,
            with_shares: bool = False, alternative: CityInputs | None = None) -> Result:
    """Every table and number of one city's footprint (``params``: ``city, year, draws, seed, clum_file,
    land_use_file``; ``inputs``: :func:`~footprint.city.inputs.load_inputs` of those files).

    ``comparison_draws`` and ``series_draws``: the draws of the 52-city comparison and sensitivity and of
    each year of the time series (capped by the run's model; recorded with the parameters).
    ``with_shares``: also the per-year household figures (:func:`household_by_year`) the ledger needs.
    ``alternative``: the SSDSE 10-category inputs, for the comparison column of the spending ratios.
    """
    missing = [n for n in PARAMETERS if n not in params]
    if missing:
        raise ParameterError(f"city.compute: expected the parameters {list(PARAMETERS)}, found no {missing}")
    draws, seed = int(params["draws"]), int(params["seed"])
    fp = city_footprint(inputs, str(params["city"]), int(params["year"]))
    ctx = year_context(inputs, fp.year)
    head = headline_results(inputs, fp.city, fp.year, draws=draws, seed=seed)
    ts = time_series(inputs, fp.city, draws=series_draws, seed=seed, clum_year=fp.year)
    cmp = compare_cities(inputs, fp.year, draws=comparison_draws, seed=seed)
    sens = sensitivity(inputs, fp.city, fp.year, draws=comparison_draws, seed=seed)
    ssens = structural_sensitivity(inputs, fp.city, fp.year)
    k = carbon_uptake_intensity(float(ctx.equivalence_factors[LAND_TYPES.index("carbon")]))
    valid = validation_table(inputs, read_published_footprints(), fp.year, k)
    hb = household_basis_table(inputs, [fp.city])
    lt = list(LAND_TYPES)
    japan_world = pd.DataFrame([fp.clum_city[lt].sum(axis=0).to_numpy(), ctx.ef_consumption_pc, ctx.world_ef_pc],
                               columns=lt, index=pd.Index(NAMES, name="place"))
    japan_world["bc_gha_per_cap"] = [fp.headline["bc_gha_per_cap"], ctx.japan_bc_pc, ctx.world_bc_pc]
    check = clum_check(fp, ctx)
    ratios = spending_ratio_table(fp)
    alt_ef = None
    if alternative is not None and fp.city in alternative.city_names and fp.year in alternative.years:
        alt = city_footprint(alternative, fp.city, fp.year)
        ratios["ratio_ssdse_alternative"] = alt.ratios.to_numpy()
        alt_ef = alt.headline["ef_gha_per_cap"]
    tables = {
        "headline": head,
        "clum_national": fp.clum_national,
        "clum_city": fp.clum_city,
        "clum_check": check,
        "clum_prior": inputs.prior[["status", "notes"]],
        "spending_ratios": ratios,
        "origin": fp.origin.assign(status="estimated"),
        "origin_table": origin_table(fp, "not_located"),
        "japan_world": japan_world,
        "overshoot_days": overshoot_days(head, ctx, NAMES).rename_axis("place"),
        "time_series": ts,
        "capital_cities": cmp,
        "sensitivity": sens,
        "structural_sensitivity": ssens,
        "validation": valid,
        "household_basis": hb,
    }
    if fp.biocapacity is not None:
        tables["biocapacity"] = fp.biocapacity.assign(status="estimated")
    if with_shares:
        tables["household_by_year"] = household_by_year(inputs, fp.city, seed=seed)
    eqf_forest = float(ctx.equivalence_factors[LAND_TYPES.index("carbon")])
    values = {
        "city": fp.city, "city_en": fp.city_en, "year": fp.year, "population_persons": fp.population,
        "area_ha": fp.area_ha, "window_years": list(fp.window_years),
        "clum_supplied": inputs.clum is not None, "clum_source": CLUM_SOURCE if inputs.clum is None else "user file",
        "clum_max_relative_difference": float(check["relative_difference"].abs().max()),
        "clum_shares": clum_shares(fp),
        "has_biocapacity": fp.biocapacity is not None,
        "abroad_share": abroad_share(fp),
        "central": fp.headline,
        "japan_ef_gha_per_cap": float(np.sum(ctx.ef_consumption_pc)),
        "rank": rank_of(cmp, fp.city), "n_cities": len(cmp),
        "carbon_footprint": carbon_footprint(fp, eqf_forest, load_carbon_uptake()),
        "headline_json": headline_summary(fp, head, str(params["clum_file"])),
        "comparison_draws": comparison_draws, "series_draws": series_draws,
        "is_osaka": fp.city == OSAKA,
        "ssdse_ef_gha_per_cap": alt_ef,
    }
    return Result("city", dict(params) | {"comparison_draws": comparison_draws, "series_draws": series_draws},
                  tables, values)


#: the tables notebook 02 writes (``biocapacity`` only where the city has land-use data)
OUTPUT_TABLES = ("headline", "clum_national", "clum_city", "spending_ratios", "origin", "time_series", "capital_cities",
                 "sensitivity", "biocapacity", "structural_sensitivity", "validation", "household_basis")


def result_tables(result: Result) -> dict[str, pd.DataFrame]:
    """The tables of a city result that notebook 02 writes, by file name (CLUMs with their row names)."""
    out = {}
    for name in OUTPUT_TABLES:
        if name in result.tables:
            df = result[name]
            out[name] = df.reset_index() if name in ("clum_national", "clum_city") else df
    return out
