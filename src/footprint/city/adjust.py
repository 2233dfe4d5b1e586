"""Regional prices and grids: the factors that correct a city's spending ratios (maths over tables, no I/O).

* :func:`price_levels` — the city's price level relative to the nation (消費者物価地域差指数 ÷ 100,
  全国 = 100 every year) by spending component; years outside the index carry the nearest year
  (status ``estimated``); the index of a prefecture is surveyed in its capital, so a designated
  city takes its prefecture's index (``estimated``).
* :func:`grid_factors` — the supplying utility's CO₂ factor ÷ the national average factor, by
  fiscal year (taken as the survey's calendar year). Years without a utility value carry the
  nearest year; years without a published national average take the mean of the ten utilities
  scaled by the mean published ratio (both ``estimated``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from footprint.city.items import COMPONENTS, PRICE_CATEGORY

__all__ = ["grid_factors", "national_grid_factor", "nearest_fill", "price_levels"]


def nearest_fill(values: np.ndarray, years: np.ndarray, target_years) -> tuple[np.ndarray, np.ndarray]:
    """Columns of ``values`` (…, len(years)) at ``target_years``: the value of the nearest year with a finite value.

    Returns ``(filled (…, T), carried (…, T) bool)``; ``carried`` is True where a nearer year was used.
    Ties go to the earlier year. All-NaN rows stay NaN.
    """
    v = np.asarray(values, dtype=float)
    ys = np.asarray(years, dtype=float)
    tgt = np.asarray(list(target_years), dtype=float)
    ok = np.isfinite(v)
    dist = np.abs(tgt[:, None] - ys[None, :])  # (T, Y)
    d = np.where(ok[..., None, :], dist, np.inf)  # (…, T, Y)
    pick = np.argmin(d, axis=-1)
    out = np.take_along_axis(v[..., None, :].repeat(len(tgt), axis=-2), pick[..., None], axis=-1)[..., 0]
    carried = ys[pick] != tgt
    out = np.where(np.isfinite(d.min(axis=-1)), out, np.nan)
    return out, carried


def price_levels(prices: pd.DataFrame, pref_codes, years, exact) -> tuple[np.ndarray, np.ndarray]:
    """City ÷ nation price level by component: ``(levels (cities, years, K), status (cities, years))``.

    ``prices``: long table ``pref_code, year, category, index``; ``pref_codes``: one per city (the
    nation's code ``"00"`` gives 1); ``exact``: per city, True if the index was surveyed in that
    city (a prefectural capital). Status ``derived`` (the verified index), ``estimated`` where a
    year is carried or the city is not the surveyed capital.
    """
    cats = sorted(set(PRICE_CATEGORY.values()))
    piv = prices[prices["category"].isin(cats)].pivot_table(index=["pref_code", "category"], columns="year",
                                                            values="index", aggfunc="first")
    pys = np.array(piv.columns, dtype=int)
    codes = [str(c) for c in pref_codes]
    idx = pd.MultiIndex.from_product([codes, cats])
    arr = piv.reindex(idx).to_numpy(dtype=float).reshape(len(codes), len(cats), len(pys))
    filled, carried = nearest_fill(arr, pys, years)  # (cities, cats, T)
    nat = np.array([c == "00" for c in codes])
    filled[nat] = 100.0
    carried[nat] = False
    comp_cat = [cats.index(PRICE_CATEGORY[k]) for k in COMPONENTS]
    levels = filled[:, comp_cat, :].transpose(0, 2, 1) / 100.0  # (cities, T, K)
    est = carried.any(axis=1) | ~np.asarray(exact, dtype=bool)[:, None]
    est[nat] = False
    status = np.where(est, "estimated", "derived")
    return levels, status


def national_grid_factor(wide: pd.DataFrame, utilities) -> tuple[pd.Series, pd.Series]:
    """The national average factor per year: published where present, else estimated (module docstring).

    ``wide``: year × utility (kg CO₂/kWh, NaN where unknown). Returns ``(factor, status)``.
    """
    ten = wide[list(utilities)].mean(axis=1, skipna=False)
    nat = wide.get("national_average", pd.Series(np.nan, index=wide.index))
    scale = float((nat / ten).dropna().mean())
    est = ten * scale
    out = nat.where(nat.notna(), est)
    status = pd.Series(np.where(nat.notna(), "published", "estimated"), index=wide.index)
    return out, status


def grid_factors(factors: pd.DataFrame, utility_of_city, years) -> tuple[np.ndarray, np.ndarray]:
    """Utility ÷ national CO₂ factor per city and year: ``(g (cities, years), status (cities, years))``.

    ``factors``: long ``utility, fiscal_year, kg_co2_per_kwh, basis, status`` (the ``actual``
    basis is used); ``utility_of_city``: one utility key per city (``national_average`` → 1).
    Status: the row's status where the year is in the table, ``estimated`` where carried.
    """
    act = factors[factors["basis"] == "actual"]
    wide = act.pivot_table(index="fiscal_year", columns="utility", values="kg_co2_per_kwh", aggfunc="first")
    st = act.pivot_table(index="fiscal_year", columns="utility", values="status", aggfunc="first")
    utils = [u for u in wide.columns if u not in ("national_average", "fepc_industry_average")]
    nat, nat_status = national_grid_factor(wide, utils)
    ratio = wide[utils].div(nat, axis=0)
    fys = np.array(wide.index, dtype=int)
    keys = [str(u) for u in utility_of_city]
    arr = ratio.reindex(columns=keys).to_numpy(dtype=float).T  # (cities, FY)
    g, carried = nearest_fill(arr, fys, years)
    st_arr = st.reindex(columns=keys).reindex(index=list(years)).T.to_numpy(dtype=object)
    nat_est = nat_status.reindex(list(years)).fillna("estimated").to_numpy() == "estimated"
    est = carried | (st_arr != "published") | nat_est[None, :]
    is_nat = np.array([k == "national_average" for k in keys])
    g[is_nat] = 1.0
    est[is_nat] = False
    return g, np.where(est, "estimated", "derived")
