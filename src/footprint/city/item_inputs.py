"""Loaders of the item-level model (with :mod:`~footprint.city.inputs`, the only modules that read files).

:func:`load_item_data` reads the item-level 家計調査 table, the bridge, the direct-energy shares,
the regional price index, the utility CO₂ factors, the city → utility map, household sizes and
the one-person margin (all checksum-verified raw files) and returns :class:`ItemData`: arrays
over (areas, years, components) that the model indexes without pandas.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from footprint.city.adjust import grid_factors, price_levels
from footprint.city.categories import NATIONAL
from footprint.city.items import (
    BRIDGE_VARIANTS,
    COMPONENTS,
    component_matrix,
    component_spending,
    item_noise,
)
from footprint.core.errors import DataFileError
from footprint.core.io import read_raw_csv
from footprint.core.schema import Column

ITEMS_FILE = "kakei_items/fies_2plus_annual_all_items_national_52cities_2007_2024.csv.gz"
BRIDGE_FILE = "bridge/kakei_item_to_clum.csv"
ENERGY_SHARES_FILE = "bridge/direct_energy_shares.csv"
PRICES_FILE = "prices/regional_price_index_2013_2025.csv"
GRID_FILE = "electricity/utility_co2_factors.csv"
UTILITY_MAP_FILE = "electricity/city_utility_area.csv"
HOUSEHOLD_SIZES_FILE = "kakei/kakei_household_size_47_capitals_ssdse_c_2026.csv"
ONE_PERSON_FILE = "kakei/one_person_households.csv"
DESIGNATED_FILE = "kakei_items/designated_cities_census_population_area.csv"
ITEMS_SOURCE = ("Statistics Bureau of Japan, Family Income and Expenditure Survey, 品目分類, two-or-more-person "
                "households, annual (e-Stat 0003125169): 全国 and 52 cities; bridge to the CLUM by the footprint "
                "project; 消費者物価地域差指数 (総務省); utility CO2 factors (環境省・経済産業省)")

_BRIDGE_SCHEMA = [Column("item_code", "str"), Column("clum_row", "str"), Column("alt_clum_row", "str"),
                  Column("energy_carrier", "str", allow_na=True), Column("scales_carbon", "str", choices=("yes", "no")),
                  Column("status", "str")]
_SHARES_SCHEMA = [Column("parameter", "str"), Column("clum_row", "str"), Column("value", "float", min=0, max=1),
                  Column("low", "float", min=0, max=1), Column("high", "float", min=0, max=1), Column("status", "str")]


@dataclass(frozen=True)
class ItemData:
    """The item-level inputs as arrays. Areas: 全国 and the 52 cities (names as in the survey)."""

    areas: tuple[str, ...]
    years: np.ndarray  # (Y,) survey years
    spend: np.ndarray  # (variants, areas, Y, K) JPY per household per year by component
    present: np.ndarray  # (areas, Y) bool
    price: np.ndarray  # (areas, Y, K) city ÷ nation price level
    price_status: np.ndarray  # (areas, Y)
    grid: np.ndarray  # (areas, Y) utility ÷ national CO2 factor
    grid_status: np.ndarray  # (areas, Y)
    utility: tuple[str, ...]
    household_size: np.ndarray  # (areas,) persons per two-or-more-person household
    household_size_published: np.ndarray  # (areas,) bool
    one_person_share: np.ndarray  # (areas,) share of persons living alone (NaN unknown)
    one_person_rho: float  # one-person households' spending per person ÷ two-or-more households'
    energy_shares: pd.DataFrame  # index (parameter, clum_row): value, low, high, status
    noise: np.ndarray  # (areas, K) single-year log noise
    bridge: pd.DataFrame

    def index(self, area: str) -> int:
        return self.areas.index(area)


def read_bridge(relpath: str = BRIDGE_FILE) -> pd.DataFrame:
    """The bridge table item → CLUM row (with its variant, energy carrier and whether it scales carbon)."""
    df = read_raw_csv(relpath, _BRIDGE_SCHEMA, dtype={"item_code": str}, keep_default_na=False, na_values=[""])
    dup = df["item_code"].duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise DataFileError(relpath, "every item code once", f"{df['item_code'].iloc[i]!r} twice", row=i + 2)
    return df


def read_energy_shares(relpath: str = ENERGY_SHARES_FILE) -> pd.DataFrame:
    """Direct-energy shares of the housing and transport rows' carbon, and electricity's share (central, low, high)."""
    df = read_raw_csv(relpath, _SHARES_SCHEMA)
    bad = ~((df["low"] <= df["value"]) & (df["value"] <= df["high"]))
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataFileError(relpath, "low <= value <= high", f"{df.iloc[i][['low', 'value', 'high']].tolist()}",
                            row=i + 2)
    return df.set_index(["parameter", "clum_row"])


def read_items(relpath: str = ITEMS_FILE) -> pd.DataFrame:
    """The item-level survey table (long: ``cat01_code, area_code, city, year, value``)."""
    return read_raw_csv(relpath, dtype={"cat01_code": str, "area_code": str},
                        usecols=["cat01_code", "area_code", "city", "year", "value"])


def read_one_person(relpath: str = ONE_PERSON_FILE) -> tuple[dict[str, float], float]:
    """``({area: share of persons living alone}, rho)`` of the household-basis margin."""
    df = read_raw_csv(relpath)
    share = df[df["parameter"] == "persons_share_one_person"].set_index("area")["value"].astype(float).to_dict()
    rho = df.loc[df["parameter"] == "one_person_spending_per_person_ratio", "value"].astype(float)
    if len(rho) != 1:
        raise DataFileError(relpath, "one row one_person_spending_per_person_ratio", f"{len(rho)} rows")
    return share, float(rho.iloc[0])


def read_designated_cities(relpath: str = DESIGNATED_FILE) -> pd.DataFrame:
    """Population and area of the five designated cities of the item table, in the capitals' schema."""
    df = read_raw_csv(relpath, dtype={"pref_code": str, "code5": str})
    df["area_ha"] = df["area_km2"] * 100.0
    return df.set_index("city")


def load_item_data() -> ItemData:
    """Read and assemble every item-level input (see the module docstring)."""
    umap = read_raw_csv(UTILITY_MAP_FILE, dtype={"area_code": str, "pref_code": str})
    items = read_items()
    bridge = read_bridge()
    codes = umap["area_code"].tolist()
    areas = tuple(umap["city_ja"])
    years = np.arange(int(items["year"].min()), int(items["year"].max()) + 1)
    sub = items[items["cat01_code"].isin(bridge["item_code"])]
    piv = sub.pivot_table(index=["area_code", "year"], columns="cat01_code", values="value", aggfunc="first")
    full = pd.MultiIndex.from_product([codes, years], names=["area_code", "year"])
    vals = piv.reindex(index=full, columns=bridge["item_code"]).to_numpy(dtype=float)
    totals = items[items["cat01_code"] == "001100000"].set_index(["area_code", "year"])["value"]
    present = totals.reindex(full).notna().to_numpy().reshape(len(codes), len(years))
    spend = np.stack([component_spending(vals, component_matrix(bridge, v, BRIDGE_FILE))
                      .reshape(len(codes), len(years), len(COMPONENTS)) for v in BRIDGE_VARIANTS])
    spend[:, ~present] = np.nan
    prices = read_raw_csv(PRICES_FILE, dtype={"pref_code": str})
    pref = ["00" if a == NATIONAL else str(p).zfill(2) for a, p in zip(areas, umap["pref_code"], strict=True)]
    exact = umap["area_code"].str.endswith("003").to_numpy(copy=True)  # capitals: code ..003, and 福岡 (40004)
    exact = exact | umap["city_ja"].isin(["福岡市"]).to_numpy()
    price, price_status = price_levels(prices, pref, years, exact)
    grid, grid_status = grid_factors(read_raw_csv(GRID_FILE), umap["utility"], years)
    hs = read_raw_csv(HOUSEHOLD_SIZES_FILE).set_index("area")["household_size_persons"].astype(float)
    nat_size = float(hs.loc[NATIONAL])
    size = np.array([hs.get(a, nat_size) for a in areas], dtype=float)
    share, rho = read_one_person()
    noise = item_noise(spend[0], present)
    return ItemData(
        areas=areas, years=years, spend=spend, present=present, price=price, price_status=price_status,
        grid=grid, grid_status=grid_status, utility=tuple(umap["utility"]), household_size=size,
        household_size_published=np.array([a in hs.index for a in areas]),
        one_person_share=np.array([share.get(a, np.nan) for a in areas], dtype=float), one_person_rho=rho,
        energy_shares=read_energy_shares(), noise=noise, bridge=bridge,
    )


PUBLISHED_FILE = "validation/published_city_footprints.csv"


def read_published_footprints(relpath: str = PUBLISHED_FILE) -> pd.DataFrame:
    """Published city footprints that were actually read (place, publication, year, method, value, unit, status)."""
    return read_raw_csv(relpath, keep_default_na=False, na_values=[""])
