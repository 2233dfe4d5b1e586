"""Results with intervals: the headline table, sensitivity, the 47 capitals, the time series.

Each function runs :func:`~footprint.city.uncertainty.simulate` beside the central estimate
(:func:`~footprint.city.central.city_footprint`) and returns a tidy table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from footprint.accounts import LAND_TYPES
from footprint.city.categories import DEFAULT_SEED, HOUSEHOLD_BASIS, OSAKA, SOURCE
from footprint.city.central import city_footprint
from footprint.city.clum import national_clum
from footprint.city.footprint import INDICATORS, downscale
from footprint.city.inputs import CityInputs
from footprint.city.lookups import (
    city_years,
    household_sizes,
    resolve_city,
    resolve_year,
    window_means,
    year_context,
)
from footprint.city.model import STRUCTURAL_CHOICES, Structure
from footprint.city.spending import spending_ratios
from footprint.city.uncertainty import (
    DEFAULT_UNCERTAINTY,
    INPUT_GROUPS,
    Uncertainty,
    quantiles,
    simulate,
)
from footprint.core.errors import ParameterError

INTERVAL_FULL = "full 90 % interval (structural ensemble and parametric Monte Carlo)"
INTERVAL_PARAMETRIC = "parametric 90 % interval (Monte Carlo of the inputs, structural choices fixed)"


def headline_results(
    inputs: CityInputs,
    city: str = OSAKA,
    year: int | None = None,
    draws: int = 2000,
    seed: int = DEFAULT_SEED,
    uncertainty: Uncertainty = DEFAULT_UNCERTAINTY,
) -> pd.DataFrame:
    """The headline numbers of a city with their 90 % intervals (the table briefs cite).

    One row per indicator: ``ef_gha_per_cap`` (footprint per person), ``ef_gha`` (total),
    ``bc_gha`` and ``bc_gha_per_cap`` (biocapacity), ``deficit_gha``, ``earths``,
    ``times_biocapacity``, ``times_area``, ``overshoot_day`` (day of the year, GFN convention) and
    ``share_outside_city``. Columns: ``indicator, unit, central`` (all inputs at their central
    values), ``median, p05, p95`` (Monte Carlo), ``city, year, draws, seed, status, source``.
    Every number is an estimate (status ``estimated``).
    """
    fp = city_footprint(inputs, city, year)
    structural = list(STRUCTURAL_CHOICES) if inputs.items is not None else []
    sim = simulate(inputs, fp.city, fp.year, draws, seed, uncertainty=uncertainty, structural=structural)
    par = simulate(inputs, fp.city, fp.year, draws, seed, uncertainty=uncertainty).summary()
    s = sim.summary().drop(columns="city")
    s.insert(2, "central", [fp.headline[k] for k in s["indicator"]])
    s["p05_parametric"] = par["p05"].to_numpy()
    s["p95_parametric"] = par["p95"].to_numpy()
    s["interval"] = INTERVAL_FULL if structural else INTERVAL_PARAMETRIC
    s["household_basis"] = HOUSEHOLD_BASIS[0]
    s["city"] = fp.city
    s["year"] = fp.year
    s["draws"] = sim.draws
    s["seed"] = sim.seed
    s["status"] = "estimated"
    s["source"] = SOURCE
    return s


def sensitivity(
    inputs: CityInputs,
    city: str = OSAKA,
    year: int | None = None,
    draws: int = 1000,
    seed: int = DEFAULT_SEED,
    indicator: str = "ef_gha_per_cap",
    uncertainty: Uncertainty = DEFAULT_UNCERTAINTY,
) -> pd.DataFrame:
    """One-at-a-time sensitivity (tornado): the 90 % range of ``indicator`` when one input group varies.

    Columns: ``input, p05, p95, width, central``; sorted by width, largest first.
    """
    if indicator not in INDICATORS:
        raise ParameterError(f"indicator: expected one of {list(INDICATORS)}, found {indicator!r}")
    central = city_footprint(inputs, city, year).headline[indicator]
    rows = []
    for g in INPUT_GROUPS:  # one Monte Carlo per input group (11)
        v = simulate(inputs, city, year, draws, seed, vary=(g,), uncertainty=uncertainty).values[indicator][0]
        lo, hi = (np.nanquantile(v, [0.05, 0.95]) if np.isfinite(v).any() else (np.nan, np.nan))
        rows.append({"input": g, "p05": float(lo), "p95": float(hi), "width": float(hi - lo), "central": central})
    return pd.DataFrame(rows).sort_values("width", ascending=False, kind="stable").reset_index(drop=True)


def compare_cities(
    inputs: CityInputs,
    year: int | None = None,
    draws: int = 1000,
    seed: int = DEFAULT_SEED,
    uncertainty: Uncertainty = DEFAULT_UNCERTAINTY,
) -> pd.DataFrame:
    """Footprint per person of every city of the survey (52 with the item table) with 90 % intervals; a city
    without survey data in the year's window (相模原市 before 2013) is left out.

    Columns: ``city, city_en, central, median, p05, p95`` (full interval), ``p05_parametric,
    p95_parametric``, ``japan_gha_per_cap``, ``ratio_to_japan`` (central ÷ Japan) and the ratio's
    intervals, ``rank``, ``year``, ``interval``, ``status``; sorted by the central value, largest first.
    """
    year = resolve_year(inputs, year)
    names = inputs.city_names if inputs.items is None else [a for a in inputs.items.areas if a in inputs.cities.index
                                                            and year in city_years(inputs, a)]
    structural = list(STRUCTURAL_CHOICES) if inputs.items is not None else []
    sim = simulate(inputs, names, year, draws, seed, uncertainty=uncertainty, structural=structural)
    par = simulate(inputs, names, year, draws, seed, uncertainty=uncertainty)
    ctx = year_context(inputs, year)
    if inputs.items is None:
        clum = national_clum(inputs, ctx)
        e = np.array([window_means(inputs, c, year)[0] for c in names])
        _, e_nat, _, _ = window_means(inputs, names[0], year)
        hh = np.array([household_sizes(inputs, c)[0] for c in names])
        hn = household_sizes(inputs, names[0])[1]
        central = downscale(clum, spending_ratios(e, e_nat, hh, hn)).sum(axis=(-2, -1))
    else:
        central = np.array([city_footprint(inputs, c, year).headline["ef_gha_per_cap"] for c in names])
    med, lo, hi = quantiles(sim.values["ef_gha_per_cap"], axis=1)
    _, plo, phi = quantiles(par.values["ef_gha_per_cap"], axis=1)
    jp = float(ctx.ef_consumption_pc.sum())
    out = pd.DataFrame({"city": names, "city_en": inputs.cities.loc[names, "city_en"].to_numpy(),
                        "central": central, "median": med, "p05": lo, "p95": hi, "p05_parametric": plo,
                        "p95_parametric": phi, "japan_gha_per_cap": jp})
    out["ratio_to_japan"] = out["central"] / jp
    for k in ("p05", "p95", "p05_parametric", "p95_parametric"):
        out[f"ratio_{k}"] = out[k] / jp
    out = out.sort_values("central", ascending=False, kind="stable").reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    out["year"] = year
    out["interval"] = INTERVAL_FULL if structural else INTERVAL_PARAMETRIC
    out["household_basis"] = HOUSEHOLD_BASIS[0]
    out["status"] = "estimated"
    return out


def structural_sensitivity(inputs: CityInputs, city: str = OSAKA, year: int | None = None,
                           indicator: str = "ef_gha_per_cap") -> pd.DataFrame:
    """What each structural choice does to the central value: one row per non-default option.

    Columns ``choice, option, value, central, change`` (value − central) and ``relative_change``;
    sorted by the absolute change, largest first.
    """
    base = city_footprint(inputs, city, year)
    rows = []
    for k, opts in STRUCTURAL_CHOICES.items():  # 6 choices, 1-2 alternatives each
        for o in opts[1:]:
            v = city_footprint(inputs, base.city, base.year, Structure(**{k: o})).headline[indicator]
            rows.append({"choice": k, "option": str(o), "value": v, "central": base.headline[indicator]})
    out = pd.DataFrame(rows)
    out["change"] = out["value"] - out["central"]
    out["relative_change"] = out["change"] / out["central"]
    return out.reindex(out["change"].abs().sort_values(ascending=False, kind="stable").index).reset_index(drop=True)


def user_clum_for_year(inputs: CityInputs, year: int, anchor: int) -> CityInputs:
    """The inputs with a user CLUM (taken as the CLUM of ``anchor``) scaled per land type to ``year``.

    ``clum[r, l] · EF_year[l] / EF_anchor[l]``; inputs without a user CLUM are returned as they are.
    """
    if inputs.clum is None or year == anchor:
        return inputs
    base = year_context(inputs, anchor).ef_consumption_pc
    now = year_context(inputs, year).ef_consumption_pc
    f = np.divide(now, base, out=np.ones_like(now), where=base > 0)
    clum = inputs.clum.copy()
    clum[list(LAND_TYPES)] = clum[list(LAND_TYPES)].to_numpy(dtype=float) * f
    return replace(inputs, clum=clum)


def time_series(
    inputs: CityInputs,
    city: str = OSAKA,
    years: Sequence[int] | None = None,
    draws: int = 500,
    seed: int = DEFAULT_SEED,
    uncertainty: Uncertainty = DEFAULT_UNCERTAINTY,
    clum_year: int | None = None,
) -> pd.DataFrame:
    """The city's footprint per person (central, median, 90 % interval) for every year with data
    (default: the city's years, :func:`~footprint.city.lookups.city_years`).

    With a user-supplied CLUM (taken as the CLUM of ``clum_year``, default
    :data:`~footprint.city.categories.DEFAULT_YEAR`), other years use the file's structure scaled
    per land type to that year's national footprint (:func:`user_clum_for_year`).
    Columns: ``year, central, median, p05, p95`` (full interval with item-level inputs),
    ``p05_parametric, p95_parametric, interval, japan_gha_per_cap, world_gha_per_cap,
    bc_gha_per_cap, window_years, status``.
    """
    city = resolve_city(inputs, city)
    ys = list(years) if years is not None else city_years(inputs, city)
    rows = []
    for y in ys:  # one Monte Carlo per year
        inp = user_clum_for_year(inputs, y, resolve_year(inputs, clum_year))
        fp = city_footprint(inp, city, y)
        structural = list(STRUCTURAL_CHOICES) if inp.items is not None else []
        sim = simulate(inp, city, y, draws, seed, uncertainty=uncertainty, structural=structural)
        med, lo, hi = quantiles(sim.values["ef_gha_per_cap"][0])
        _, plo, phi = quantiles(simulate(inp, city, y, draws, seed, uncertainty=uncertainty).values["ef_gha_per_cap"][0])
        ctx = year_context(inputs, fp.year)
        rows.append({"year": fp.year, "central": fp.headline["ef_gha_per_cap"], "median": float(med),
                     "p05": float(lo), "p95": float(hi), "p05_parametric": float(plo), "p95_parametric": float(phi),
                     "interval": INTERVAL_FULL if structural else INTERVAL_PARAMETRIC,
                     "japan_gha_per_cap": float(ctx.ef_consumption_pc.sum()),
                     "world_gha_per_cap": float(ctx.world_ef_pc.sum()),
                     "bc_gha_per_cap": fp.headline["bc_gha_per_cap"],
                     "window_years": f"{fp.window_years[0]}–{fp.window_years[-1]}"})
    out = pd.DataFrame(rows)
    out["household_basis"] = HOUSEHOLD_BASIS[0]
    out["status"] = "estimated"
    return out
