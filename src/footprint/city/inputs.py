"""Inputs of the city calculation: file names, schemas, loaders and :class:`CityInputs`.

This is the only module of :mod:`footprint.city` that reads files. Raw files are read through
:func:`footprint.core.read_raw_csv` (checksum-verified); files a user supplies (a CLUM, land use)
through :func:`footprint.core.read_user_csv` / :func:`footprint.core.read_csv_text`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd

from footprint import accounts
from footprint.accounts import LAND_TYPES
from footprint.city.categories import CLUM_ROWS, NATIONAL, SURVEY_CATEGORIES
from footprint.city.item_inputs import ItemData, load_item_data, read_designated_cities
from footprint.city.national import YearContext, national_contexts
from footprint.city.spending import national_spending, standin_error, survey_noise
from footprint.core import paths
from footprint.core.errors import DataFileError, ParameterError
from footprint.core.io import read_csv_text, read_raw_csv, read_user_csv
from footprint.core.schema import (
    Column,
    check_rows,
    check_unique,
    first_bad_row,
    suggest,
    validate,
)
from footprint.core.status import STATUSES

KAKEI_FILE = "kakei/kakei_capital_cities_two_or_more_monthly_2012_2023.csv"
NATIONAL_SPENDING_FILE = "kakei/kakei_two_or_more_monthly_supplement_long.csv"
HOUSEHOLD_SIZE_FILE = "kakei/kakei_household_size_ssdse_c_2026.csv"
OSAKA_BASICS_FILE = "kakei/osaka_city_basics_ssdse_a_2026.csv"
CITIES_FILE = "kakei/capital_cities_census_population_area.csv"
LAND_USE_FILE = "kakei/osaka_land_use_estimate.csv"
PRIOR_FILE = "clum/clum_prior_profiles.csv"
SHARES_FILE = "clum/clum_margin_shares.csv"

#: plausible total of a national CLUM, gha per person (Japan 2022: 4.26; the world's countries 0.5-15)
CLUM_TOTAL_RANGE = (0.3, 30.0)
JAPAN_EF_GHA_PER_CAP = 4.26  # NFA 2025 edition, 2022: the scale a unit error is measured against

_SPENDING_SCHEMA = [
    Column("year", "int", min=2000, max=2100),
    Column("pref_code", "str"),
    Column("capital_city", "str"),
    *[Column(c, "float", min=0) for c in ("consumption_total", *SURVEY_CATEGORIES)],
    Column("prefecture_population", "float", min=0),
]
_NAT_SCHEMA = [Column("area", "str"), Column("year", "int", min=2000, max=2100), Column("item", "str"),
               Column("value", "float", min=0)]
_HH_SCHEMA = [Column("area", "str"), Column("household_size_persons", "float", min=1, max=10)]
_CITIES_SCHEMA = [
    Column("pref_code", "str"), Column("capital_city", "str"), Column("city_en", "str"), Column("code5", "str"),
    Column("population_2020_persons", "int", min=1), Column("population_2015_persons", "int", min=1),
    Column("area_km2", "float", min=0), Column("source", "str"), Column("status", "str"),
]
_LAND_SCHEMA = [
    Column("city", "str"), Column("land_type", "str", choices=tuple(LAND_TYPES[:5])),
    Column("area_ha", "float", min=0), Column("area_ha_low", "float", min=0), Column("area_ha_high", "float", min=0),
    Column("source", "str"), Column("status", "str", choices=STATUSES),
]
_PRIOR_SCHEMA = [Column("clum_row", "str"), *[Column(lt, "float", min=0) for lt in LAND_TYPES],
                 Column("source", "str"), Column("status", "str")]
_SHARES_SCHEMA = [Column("item", "str"), Column("clum_row", "str", allow_na=True), Column("share_pct", "float", min=0),
                  Column("low_pct", "float", min=0, allow_na=True), Column("high_pct", "float", min=0, allow_na=True),
                  Column("basis", "str"), Column("source", "str"), Column("status", "str")]
_CLUM_SCHEMA = [Column("clum_row", "str"), *[Column(lt, "float", min=0) for lt in LAND_TYPES],
                Column("source", "str"), Column("status", "str", choices=STATUSES)]


@dataclass(frozen=True)
class CityInputs:
    """Every input of the city calculation, loaded and validated (tables are not modified)."""

    spending: pd.DataFrame  # index (city, year); columns SURVEY_CATEGORIES; JPY per household per month
    national_published: pd.DataFrame  # index year; columns SURVEY_CATEGORIES (NaN = not published)
    household_size: pd.DataFrame  # index area ("全国", "大阪市"): household_size_persons
    cities: pd.DataFrame  # index city (Japanese name): city_en, population_*_persons, area_ha, status, source
    land_use: pd.DataFrame  # city, land_type, area_ha, area_ha_low, area_ha_high, source, status
    national: dict[int, YearContext]  # Japan and World per year (national_contexts of the NFA table)
    prior: pd.DataFrame  # index clum_row; land-type profile (percent) + source, status, notes
    shares: pd.DataFrame  # margin shares (household share, 3EID GHG shares)
    clum: pd.DataFrame | None = None  # a user-supplied CLUM (validate_clum), or None for the estimate
    clum_file: str = ""
    land_use_file: str = LAND_USE_FILE
    items: ItemData | None = None  # the item-level survey model's inputs (the default spending source)

    @property
    def city_names(self) -> list[str]:
        return self.cities.index.tolist()

    @property
    def years(self) -> list[int]:
        """Years with both survey data (the item table by default) and national accounts."""
        sy = (set(self.spending.index.get_level_values("year").unique()) if self.items is None
              else {int(y) for y in self.items.years})
        return sorted(int(y) for y in sy & set(self.national))

    # Derived tables, computed on first use from this object's own tables. A copy made with
    # dataclasses.replace starts without them, so old and new inputs never mix.
    @cached_property
    def national_values(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """:func:`~footprint.city.spending.national_spending` of these inputs: (values, status)."""
        return national_spending(self.spending, self.national_published)

    @cached_property
    def noise(self) -> pd.DataFrame:
        """:func:`~footprint.city.spending.survey_noise` of these inputs."""
        return survey_noise(self.spending)

    @cached_property
    def standin_sd(self) -> float:
        """:func:`~footprint.city.spending.standin_error` of these inputs."""
        return standin_error(self.spending, self.national_published)

    @cached_property
    def memo(self) -> dict:
        """Lookups derived from these inputs, filled on first use (window means, land use, the central CLUM)."""
        return {}

    @cached_property
    def spending_rows(self) -> tuple[dict[tuple[str, int], int], np.ndarray]:
        """``({(city, year): row}, spending as a float array)``: per-city windows without pandas lookups."""
        idx = self.spending.index
        keys = zip(idx.get_level_values("city"), idx.get_level_values("year").astype(int), strict=True)
        return {k: i for i, k in enumerate(keys)}, self.spending.to_numpy(dtype=float)


def read_spending(relpath: str = KAKEI_FILE) -> pd.DataFrame:
    """The 47-capital survey file as a (city, year) × category table (JPY per household per month)."""
    df = read_raw_csv(relpath, _SPENDING_SCHEMA, dtype={"pref_code": str})
    check_unique(df, ["capital_city", "year"], relpath)
    return df.rename(columns={"capital_city": "city"}).set_index(["city", "year"]).sort_index()[list(SURVEY_CATEGORIES)]


def read_national_spending(relpath: str = NATIONAL_SPENDING_FILE) -> pd.DataFrame:
    """Published national (全国) values by year × category (only the categories SSDSE-E carries)."""
    df = read_raw_csv(relpath, _NAT_SCHEMA)
    nat = df[df["area"] == NATIONAL]
    nat = nat[nat["item"].isin(SURVEY_CATEGORIES)]
    return nat.pivot_table(index="year", columns="item", values="value", aggfunc="first").reindex(
        columns=list(SURVEY_CATEGORIES))


def read_household_size(relpath: str = HOUSEHOLD_SIZE_FILE) -> pd.DataFrame:
    """Persons per two-or-more-person household by area (全国 and the cities SSDSE-C carries)."""
    return read_raw_csv(relpath, _HH_SCHEMA).set_index("area")


def read_cities(relpath: str = CITIES_FILE) -> pd.DataFrame:
    """The 47 prefectural capitals: census populations 2015 and 2020, area (``area_ha`` added from km²)."""
    df = read_raw_csv(relpath, _CITIES_SCHEMA, dtype={"pref_code": str, "code5": str})
    check_unique(df, ["capital_city"], relpath)
    df["area_ha"] = df["area_km2"] * 100.0
    return df.rename(columns={"capital_city": "city"}).set_index("city")


def read_land_use(path: str = LAND_USE_FILE, user: bool = False) -> pd.DataFrame:
    """Land-use areas by city and land type (ha, with a low-high range). ``user``: a file outside data/raw."""
    df = read_user_csv(path, _LAND_SCHEMA) if user else read_raw_csv(path, _LAND_SCHEMA)
    check_unique(df, ["city", "land_type"], path)
    areas = df[["area_ha", "area_ha_low", "area_ha_high"]].to_numpy(dtype=float)
    check_rows(df, ~np.isfinite(areas).all(axis=1), path, "finite areas in area_ha, area_ha_low, area_ha_high")
    bad = (df["area_ha_low"] > df["area_ha"]) | (df["area_ha"] > df["area_ha_high"])
    check_rows(df, bad.to_numpy(), path, "area_ha_low <= area_ha <= area_ha_high")
    return df


def read_prior(relpath: str = PRIOR_FILE) -> pd.DataFrame:
    """The prior land-type profile of every CLUM row (indexed by ``clum_row`` in :data:`CLUM_ROWS` order)."""
    df = read_raw_csv(relpath, _PRIOR_SCHEMA)
    check_unique(df, ["clum_row"], relpath)
    missing = [r for r in CLUM_ROWS if r not in set(df["clum_row"])]
    if missing:
        raise DataFileError(relpath, f"a profile for every CLUM row {list(CLUM_ROWS)}", f"missing {missing}")
    check_rows(df, (df[list(LAND_TYPES)].sum(axis=1) <= 0).to_numpy(), relpath, "a positive profile in every row",
               column="clum_row")
    return df.set_index("clum_row").loc[list(CLUM_ROWS)]


def read_shares(relpath: str = SHARES_FILE) -> pd.DataFrame:
    """The margins of the CLUM estimate: household share of the footprint, 3EID GHG shares by row."""
    return read_raw_csv(relpath, _SHARES_SCHEMA, keep_default_na=False, na_values=[""])


def validate_clum(df: pd.DataFrame, file: str | os.PathLike[str]) -> pd.DataFrame:
    """Check a CLUM table: the 7 rows once each, the 6 land-type columns, non-negative numbers.

    Format (CSV, UTF-8 or cp932): columns ``clum_row, cropland, grazing_land, forest_products,
    fishing_grounds, built_up_land, carbon, source, status``; rows ``food, housing,
    personal_transport, goods, services, government, gfcf``; cells in gha per person (national
    averages). Returns the table indexed by ``clum_row`` in the canonical row order.
    """
    missing_cols = [c.name for c in _CLUM_SCHEMA if c.name not in df.columns]
    if missing_cols:
        raise DataFileError(file, f"a CLUM with columns {[c.name for c in _CLUM_SCHEMA]}",
                            f"columns {list(df.columns)}; missing {missing_cols}",
                            hint=f"shape {df.shape[0]} rows × {df.shape[1]} columns")
    out = validate(df, _CLUM_SCHEMA, file)
    unknown = ~out["clum_row"].isin(CLUM_ROWS).to_numpy()
    i = first_bad_row(unknown)
    if i is not None:
        check_rows(out, unknown, file, f"clum_row one of {list(CLUM_ROWS)}", column="clum_row",
                   hint=f"close: {suggest(out['clum_row'].iloc[i], CLUM_ROWS)}")
    check_unique(out, ["clum_row"], file)
    absent = [r for r in CLUM_ROWS if r not in set(out["clum_row"])]
    if absent:
        raise DataFileError(file, f"{len(CLUM_ROWS)} rows {list(CLUM_ROWS)}", f"{len(out)} rows; missing {absent}")
    cells = out[list(LAND_TYPES)].to_numpy(dtype=float)
    bad_col = ~np.isfinite(cells).all(axis=0)
    if bad_col.any():
        col = LAND_TYPES[int(np.flatnonzero(bad_col)[0])]
        check_rows(out, ~np.isfinite(out[col].to_numpy(dtype=float)), file, f"a finite number in column {col!r}",
                   column=col)
    check_clum_total(float(cells.sum()), file)
    return out.set_index("clum_row").loc[list(CLUM_ROWS)]


def check_clum_total(total_gha_per_cap: float, file: str | os.PathLike[str]) -> None:
    """Refuse a CLUM whose total is implausible for a national footprint per person (a unit error, most often).

    The total must lie in :data:`CLUM_TOTAL_RANGE`; a total about 1,000× or 1,000,000× Japan's
    (:data:`JAPAN_EF_GHA_PER_CAP`) is named as such (kgha or total gha instead of gha per person).
    """
    lo, hi = CLUM_TOTAL_RANGE
    if lo <= total_gha_per_cap <= hi:
        return
    ratio = total_gha_per_cap / JAPAN_EF_GHA_PER_CAP
    if total_gha_per_cap > hi:
        scale = next((f"about {k:,}× Japan's footprint per person" for k in (1_000, 1_000_000)
                      if k / 3 <= ratio <= k * 3), f"{ratio:,.0f}× Japan's footprint per person")
        raise DataFileError(file, f"a national CLUM in gha per person (total {lo:g}–{hi:g}; Japan 2022: "
                            f"{JAPAN_EF_GHA_PER_CAP:g})", f"a total of {total_gha_per_cap:,.4g}, {scale}: too large",
                            hint="a unit error? cells are gha per person, not kgha or total gha")
    raise DataFileError(file, f"a national CLUM in gha per person (total {lo:g}–{hi:g}; Japan 2022: "
                        f"{JAPAN_EF_GHA_PER_CAP:g})", f"a total of {total_gha_per_cap:.4g}: too small",
                        hint="a unit error? cells are gha per person")


def check_land_use_cities(land_use: pd.DataFrame, cities: pd.DataFrame, file: str | os.PathLike[str]) -> None:
    """Refuse land-use rows of an unknown city, or whose areas exceed the city's area (m² given as ha?)."""
    known = land_use["city"].isin(cities.index).to_numpy()
    i = first_bad_row(~known)
    if i is not None:
        name = land_use["city"].iloc[i]
        check_rows(land_use, ~known, file, "a city among the 47 prefectural capitals (Japanese name, e.g. 大阪市)",
                   column="city", hint=f"close: {suggest(name, cities.index)}")
    total = land_use.groupby("city")["area_ha"].transform("sum").to_numpy(dtype=float)
    city_area = cities["area_ha"].reindex(land_use["city"]).to_numpy(dtype=float)
    too_big = total > 1.05 * city_area
    i = first_bad_row(too_big)
    if i is not None:
        hint = "m² instead of ha? 1 ha = 10,000 m²" if total[i] / city_area[i] > 1_000 else None
        check_rows(land_use, too_big, file, f"area_ha summing to at most the city's area ({city_area[i]:,.0f} ha)",
                   column="area_ha", hint=hint or "areas of the city's land only")


def read_clum(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read and validate a CLUM supplied by the user (see :func:`validate_clum` for the format)."""
    p = paths.resolve(path)
    return validate_clum(read_csv_text(p), p)


def load_inputs(clum_file: str = "", land_use_file: str = "", nfa: pd.DataFrame | None = None,
                spending_source: str = "items") -> CityInputs:
    """Load and validate every input (checksum-verified raw files; optional user CLUM and land-use files).

    ``clum_file``: empty = the estimated CLUM; otherwise a CSV in the format of
    :func:`validate_clum`. ``land_use_file``: empty = the shipped Osaka estimate; otherwise a CSV
    with columns ``city, land_type, area_ha, area_ha_low, area_ha_high, source, status``.
    ``nfa``: the national accounts table already loaded (default: :func:`footprint.accounts.load_nfa`).
    ``spending_source``: ``items`` (default: the item-level 家計調査 table, 全国 + 52 cities,
    2007–2024) or ``ssdse`` (the 10-category SSDSE-B table of the 47 capitals, with the capitals'
    mean standing in for the nation where SSDSE-E has no value; kept for comparison).
    """
    if spending_source not in ("items", "ssdse"):
        raise ParameterError(f"spending_source: expected 'items' or 'ssdse', found {spending_source!r}")
    cities = survey_cities().copy() if spending_source == "items" else read_cities()
    land_use = read_land_use(land_use_file, user=True) if land_use_file else read_land_use()
    check_land_use_cities(land_use, cities, land_use_file or LAND_USE_FILE)
    return CityInputs(
        spending=read_spending(),
        national_published=read_national_spending(),
        household_size=read_household_size(),
        cities=cities,
        land_use=land_use,
        national=national_contexts(accounts.load_nfa() if nfa is None else nfa),
        prior=read_prior(),
        shares=read_shares(),
        clum=read_clum(clum_file) if clum_file else None,
        clum_file=str(clum_file),
        land_use_file=str(land_use_file or LAND_USE_FILE),
        items=load_item_data() if spending_source == "items" else None,
    )


@lru_cache(maxsize=1)
def survey_cities() -> pd.DataFrame:
    """The 52 cities of the household survey (47 capitals, then 5 designated cities), read once per
    process: what naming a city needs, without loading the survey itself."""
    cities = read_cities()
    designated = read_designated_cities()
    return pd.concat([cities, designated[cities.columns]])


@lru_cache(maxsize=1)
def default_inputs() -> CityInputs:
    """The shipped inputs, loaded once per process on first use (nothing is loaded at import)."""
    return load_inputs()
