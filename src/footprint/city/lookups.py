"""A city's numbers looked up in the loaded inputs: its name, the year, population, land use, the
year's national context, survey-window means and household sizes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from footprint import accounts
from footprint.accounts import LAND_TYPES
from footprint.city.categories import DEFAULT_YEAR, NATIONAL, WINDOW_YEARS
from footprint.city.inputs import CityInputs
from footprint.city.national import YearContext
from footprint.city.spending import window
from footprint.core.errors import ParameterError
from footprint.core.schema import fold, suggest


def resolve_city(inputs: CityInputs | pd.DataFrame, name: str) -> str:
    """The Japanese name of a prefectural capital from its Japanese or English name or prefecture code.

    Names are compared folded (:func:`footprint.core.schema.fold`): ``Ｏｓａｋａ``, ``Ōsaka`` and ``osaka city``
    are Osaka; a prefecture code (``27``, ``"27"``, ``２７``) names the prefecture's capital.
    ``inputs``: the loaded inputs, or only their cities (:func:`footprint.city.inputs.survey_cities`)."""
    s = str(name).strip()
    cities = inputs if isinstance(inputs, pd.DataFrame) else inputs.cities
    if s in cities.index:
        return s
    f = fold(s)
    en = [fold(e) for e in cities["city_en"]]
    by_name = dict(zip(en, cities.index, strict=True))
    by_name.update(zip((e.removesuffix(" (23 wards)") for e in en), cities.index, strict=True))
    by_name.update((fold(c), c) for c in cities.index)
    by_code = dict(reversed(list(zip(cities["pref_code"], cities.index, strict=True))))  # a code names its capital
    for key in (f, f.removesuffix(" city"), f + "市"):
        if key in by_name:
            return by_name[key]
    if f.isdigit() and f.zfill(2) in by_code:
        return by_code[f.zfill(2)]
    valid = [f"{c} ({e})" for c, e in zip(cities.index, cities["city_en"], strict=True)]
    close = suggest(s, [*cities.index, *cities["city_en"]])
    raise ParameterError(
        f"unknown city {s!r}: expected a city of the household survey (47 capitals and 5 designated cities) "
        f"(close matches: {close or 'none'}); valid names: {', '.join(valid)}"
    )


def city_years(inputs: CityInputs, city: str) -> list[int]:
    """The years the model computes for ``city``: years with national accounts whose survey window
    (``year − 2 … year``) holds item-level data for the city (相模原市 joined the survey in 2010, 堺市 in 2007)."""
    d = inputs.items
    if d is None or city not in d.areas:
        return inputs.years
    ys = np.asarray(inputs.years)
    have = d.years[d.present[d.areas.index(city)]]
    covered = ((have[None, :] <= ys[:, None]) & (have[None, :] > ys[:, None] - WINDOW_YEARS)).any(axis=1)
    return [int(y) for y in ys[covered]]


def resolve_year(inputs: CityInputs, year: int | None) -> int:
    """``year`` checked against the years with survey data and national accounts (None: :data:`DEFAULT_YEAR`)."""
    if year is None:
        return DEFAULT_YEAR
    ys = inputs.years
    if int(year) not in ys:
        raise ParameterError(f"year {year}: expected a year with household-survey data and national accounts, "
                             f"{ys[0]}–{ys[-1]}")
    return int(year)


def population(inputs: CityInputs, city: str, year: int) -> float:
    """City population: census 2015 and 2020, linear in between, held at the nearest census outside.

    ``P(y) = P15 + t · (P20 − P15)`` with ``t = clip((y − 2015) / 5, 0, 1)``.
    """
    cities = inputs.cities
    p15, p20 = float(cities.at[city, "population_2015_persons"]), float(cities.at[city, "population_2020_persons"])
    t = min(max((year - 2015) / 5.0, 0.0), 1.0)
    return p15 + t * (p20 - p15)


def land_use_arrays(inputs: CityInputs, city: str) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(area, low, high) in ha by land type (6,; carbon 0) or None if the city has no land-use rows."""
    key = ("land_use", city)
    if key not in inputs.memo:
        lu = inputs.land_use[inputs.land_use["city"] == city]
        if lu.empty:
            inputs.memo[key] = None
        else:
            t = lu.set_index("land_type").reindex(list(LAND_TYPES)).fillna({"area_ha": 0.0, "area_ha_low": 0.0,
                                                                            "area_ha_high": 0.0})
            inputs.memo[key] = (t["area_ha"].to_numpy(dtype=float), t["area_ha_low"].to_numpy(dtype=float),
                                t["area_ha_high"].to_numpy(dtype=float))
    hit = inputs.memo[key]
    return None if hit is None else tuple(a.copy() for a in hit)


def year_context(inputs: CityInputs, year: int) -> YearContext:
    """One year's Japan and World numbers from the loaded inputs."""
    try:
        return inputs.national[int(year)]
    except KeyError:
        ys = sorted(inputs.national)
        raise ParameterError(f"year {year}: not in the national accounts ({accounts.NFA_EDITION}); "
                             f"available {ys[0]}–{ys[-1]}") from None


def window_means(inputs: CityInputs, city: str, year: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[int]]:
    """Mean spending over the survey window of ``year``: ``(city (10,), nation (10,), stand-in fraction (10,), years)``.

    The stand-in fraction is, per category, the share of the window's years whose national value
    is the capital-city stand-in (:func:`national_spending`).
    """
    memo = inputs.memo
    key = ("window", city, year)
    if key not in memo:
        ys_key = ("window_years", year)
        if ys_key not in memo:
            ys = window(year, inputs.spending.index.get_level_values("year").unique())
            if not ys:
                raise ParameterError(f"year {year}: no household-survey data in {year - WINDOW_YEARS + 1}–{year}")
            nat, status = inputs.national_values
            memo[ys_key] = (ys, nat.loc[ys].to_numpy(dtype=float).mean(axis=0),
                            (status.loc[ys] == "estimated").to_numpy().mean(axis=0))
        ys, e_nat, frac = memo[ys_key]
        rows, values = inputs.spending_rows
        pos = [rows.get((city, y)) for y in ys]
        if None in pos:  # a city or year without data: let pandas raise its error
            inputs.spending.loc[city].loc[ys]
        memo[key] = (values[pos].mean(axis=0), e_nat, frac, ys)
    e_city, e_nat, frac, ys = memo[key]
    return e_city.copy(), e_nat.copy(), frac.copy(), list(ys)


def household_sizes(inputs: CityInputs, city: str) -> tuple[float, float, bool]:
    """(city, national, published?) persons per two-or-more-person household (SSDSE-C, 2023–25 mean).

    Cities without a published value in the shipped file take the national value (assumed).
    """
    hs = inputs.household_size["household_size_persons"]
    nat = float(hs.loc[NATIONAL])
    if city in hs.index:
        return float(hs.loc[city]), nat, True
    return nat, nat, False
