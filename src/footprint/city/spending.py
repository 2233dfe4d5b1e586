"""Household spending: the national stand-in, 3-year windows, city-to-nation ratios, sampling noise.

Survey values are JPY per household per month by the 10 categories of the 家計調査 by-purpose
classification (:data:`~footprint.city.categories.SURVEY_CATEGORIES`), for the 47 prefectural
capitals, two-or-more-person households.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from footprint.city.categories import (
    SURVEY_CATEGORIES,
    WINDOW_YEARS,
    mapping_matrix,
)


def national_standin(spending: pd.DataFrame) -> pd.DataFrame:
    """Unweighted mean of the 47 prefectural capitals per year and category (JPY/household/month).

    A stand-in for the national values, which are not public on the same basis for all 10
    categories. Against the published national values (2021, 2022; total, food, housing,
    recreation) it is within −2.5 … +5.6 %, closer than the mean weighted by prefecture
    population (+3 … +17 %), which over-weights the large cities.
    """
    return spending[list(SURVEY_CATEGORIES)].groupby(level="year").mean()


def national_spending(spending: pd.DataFrame, published: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """National spending per year × category: published where available, the stand-in elsewhere.

    Returns ``(values, status)``: two year × category tables; status is ``published`` or
    ``estimated`` per cell.
    """
    stand = national_standin(spending)
    pub = published.reindex(index=stand.index, columns=stand.columns)
    values = pub.where(pub.notna(), stand)
    status = pd.DataFrame(np.where(pub.notna(), "published", "estimated"), index=stand.index, columns=stand.columns)
    return values, status


def standin_error(spending: pd.DataFrame, published: pd.DataFrame) -> float:
    """Root-mean-square log difference between the stand-in and the published national values.

    ``sqrt(mean((log s − log p)²))`` over every (year, category) with a published value; used
    as the standard deviation of the stand-in's error in the Monte Carlo (derived).
    """
    stand = national_standin(spending)
    both = published.reindex(index=stand.index).stack().dropna()
    if both.empty:
        return 0.0
    s = stand.stack().reindex(both.index)
    return float(np.sqrt(np.mean(np.log(s / both) ** 2)))


def window(year: int, years: Iterable[int], width: int = WINDOW_YEARS) -> list[int]:
    """The survey years averaged for ``year``: ``year - width + 1 … year`` that have data."""
    ys = {int(y) for y in years}
    return [y for y in range(year - width + 1, year + 1) if y in ys]


def spending_ratios(city_spending, national_spending, city_household_size, national_household_size,
                    mapping=None) -> np.ndarray:
    """City-to-nation ratios of per-person spending for the five household CLUM rows.

    ``ratio = (e_city · M / n_city) / (e_nat · M / n_nat)`` per household row.

    Parameters
    ----------
    city_spending, national_spending : array (..., 10)
        Spending per household per month by survey category (e.g. 3-year means).
    city_household_size, national_household_size : float or array (...)
        Persons per household.
    mapping : array (10, 5), optional
        Survey-to-CLUM weights ``M`` (default :func:`~footprint.city.categories.mapping_matrix`).

    Returns
    -------
    array (..., 5)
    """
    m = mapping_matrix() if mapping is None else np.asarray(mapping, dtype=float)
    c = np.asarray(city_spending, dtype=float) @ m
    n = np.asarray(national_spending, dtype=float) @ m
    hc = np.asarray(city_household_size, dtype=float)[..., None]
    hn = np.asarray(national_household_size, dtype=float)[..., None]
    return (c / hc) / (n / hn)


def survey_noise(spending: pd.DataFrame) -> pd.DataFrame:
    """Standard deviation of the log of one year's spending around its smooth level (city × category).

    Two-way decomposition per category of ``log e[city, year]`` into a city level and a year
    effect common to all cities; the residual's standard deviation over the years is taken as the
    single-year sampling noise. It also holds genuine city-specific changes, so it is an upper
    bound of the sampling error (derived). A 3-year mean has ``σ / √3``.
    """
    lg = np.log(spending[list(SURVEY_CATEGORIES)].astype(float))
    city_mean = lg.groupby(level="city").transform("mean")
    year_mean = lg.groupby(level="year").transform("mean")
    resid = lg - city_mean - year_mean + lg.to_numpy().mean(axis=0)
    n_years = lg.groupby(level="city").size()
    return (resid**2).groupby(level="city").sum().div(n_years - 1, axis=0) ** 0.5
