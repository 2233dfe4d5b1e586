"""Loaders of the forest topic: the shipped tables of ``data/raw/forest`` and ``data/raw/municipal``
and a researcher's own forestry-worker and planted-forest tables (the only functions that read files).

Every table is validated against its schema; periods of the pools and weights must be ordered and
must not overlap; a researcher's municipality codes must be known (leading zeros restored).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

from footprint.core import Column, check_unique, read_raw_csv, read_user_csv, suggest
from footprint.core.errors import DataFileError
from footprint.core.schema import check_rows, first_bad_row
from footprint.core.status import STATUSES

FILES = {
    "municipalities": "municipal/municipalities_census2020_population.csv",
    "prefectures": "municipal/prefectures_fy2023_forest_env_transfer_tax.csv",
    "pools": "forest/transfer_tax_pools.csv",
    "weights": "forest/transfer_tax_weights.csv",
    "forest_ratio": "forest/forest_ratio_correction.csv",
    "published_receipts": "forest/published_receipts.csv",
    "densities": "forest/wood_densities.csv",
    "half_lives": "forest/hwp_half_lives.csv",
    "species": "forest/forest_species_params.csv",
    "increments": "forest/forest_increments.csv",
    "wood_products": "forest/wood_products_scenario.csv",
    "constants": "forest/constants.csv",
}

#: citations used in the ``source`` column of derived tables
SOURCES = {
    "census": "MIC (総務省) FY2023 settlement cards (census 2020 and 2015 population), via zaisei-kakushin-kai/contents",
    "pools": "Forestry Agency press release 2023-08-23 (pools FY2019–FY2023); 住宅産業新聞 2020-02-10 and 朝日新聞 "
    "2024-06 (FY2024 total; split inferred)",
    "weights": "日経クロステック 森林環境税解説 (50/20/30); J-FIC 林政ニュース 2023-12 (55/20/25 from FY2024)",
    "osaka_fy2023": "朝日新聞 2024-06 (Osaka City FY2023 receipts 310.62 M yen; via japantoday.jp)",
    "levy": "森林環境税及び森林環境譲与税に関する法律 (1,000 yen per payer from FY2024); 日経クロステック (about "
    "62 million payers)",
    "prefectures": "MIC (総務省) 令和5年度 決算カード (prefectural FY2023 receipts), via zaisei-kakushin-kai/contents",
    "guideline": "林野庁 建築物に利用した木材に係る炭素貯蔵量の表示に関するガイドライン (2021)",
    "ipcc": "IPCC 2006 GL Vol. 4 Ch. 12 Eq. 12.1; half-lives IPCC 2019 Refinement Table 12.3",
    "sink": "林野庁 森林はどのぐらいの量の二酸化炭素を吸収しているの?; NIR (GIO/NIES) LULUCF parameters",
}

_STATUS = Column("status", "str", choices=STATUSES)
_SOURCE = Column("source", "str")

_MUNI_SCHEMA = [
    Column("code5", "str"),
    Column("pref_code", "str"),
    Column("pref_name", "str"),
    Column("name", "str"),
    Column("pop_census_2020", "int", min=0),
    Column("pop_census_2015", "int", min=0),
    Column("area_km2", "float", min=0),
]
_PREF_SCHEMA = [
    Column("pref_code", "str"),
    Column("pref_name", "str"),
    Column("pop_census_2020", "int", min=0),
    Column("pop_census_2015", "int", min=0),
    Column("forest_env_transfer_tax_fy2023_settled_thousand_yen", "float", min=0),
]
_POOL_SCHEMA = [
    Column("fy_from", "int", min=2019, max=2100),
    Column("fy_to", "int", min=2019, max=2100, allow_na=True),
    Column("total_pool_jpy", "float", min=0),
    Column("municipal_pool_jpy", "float", min=0),
    Column("prefectural_pool_jpy", "float", min=0),
    _SOURCE,
    _STATUS,
]
_WEIGHT_SCHEMA = [
    Column("fy_from", "int", min=2019, max=2100),
    Column("fy_to", "int", min=2019, max=2100, allow_na=True),
    Column("w_area", "float", min=0, max=1),
    Column("w_workers", "float", min=0, max=1),
    Column("w_population", "float", min=0, max=1),
    _SOURCE,
    _STATUS,
]
_RATIO_SCHEMA = [
    Column("forest_ratio_min", "float", min=0, max=1),
    Column("forest_ratio_max", "float", min=0, max=1),
    Column("multiplier", "float", min=0),
    _SOURCE,
    _STATUS,
]
_RECEIPT_SCHEMA = [
    Column("code5", "str"),
    Column("name", "str"),
    Column("fiscal_year", "int", min=2019, max=2100),
    Column("part", "str", choices=("first_tranche", "full_year")),
    Column("amount_jpy", "float", min=0),
    _SOURCE,
    _STATUS,
]
_DENSITY_SCHEMA = [
    Column("product", "str"),
    Column("species", "str"),
    Column("density_t_per_m3", "float", min=0.05, max=1.5),
    Column("carbon_fraction", "float", min=0.3, max=0.6),
    _SOURCE,
    _STATUS,
]
_HL_SCHEMA = [Column("hwp_pool", "str"), Column("half_life_y", "float", min=0.1, max=1000), _SOURCE, _STATUS]
_SPECIES_SCHEMA = [
    Column("species", "str"),
    Column("bef_le20", "float", min=1, max=3),
    Column("bef_gt20", "float", min=1, max=3),
    Column("root_shoot", "float", min=0, max=1),
    Column("basic_density_t_per_m3", "float", min=0.1, max=1.2),
    Column("carbon_fraction", "float", min=0.3, max=0.6),
    _SOURCE,
    _STATUS,
]
_INCREMENT_SCHEMA = [
    Column("species", "str"),
    Column("age_from", "int", min=0, max=500),
    Column("age_to", "int", min=0, max=500),
    Column("increment_m3_per_ha_yr", "float", min=0, max=100),
    _SOURCE,
    _STATUS,
]
_PRODUCT_SCHEMA = [
    Column("product", "str"),
    Column("species", "str"),
    Column("hwp_pool", "str"),
    Column("spend_share", "float", min=0, max=1),
    Column("price_jpy_per_m3", "float", min=1),
    _SOURCE,
    _STATUS,
]
_CONST_SCHEMA = [Column("key", "str"), Column("value", "float"), Column("unit", "str"), _SOURCE, _STATUS]

#: columns a researcher's forestry-worker table must have (UTF-8 or cp932 CSV)
WORKERS_SCHEMA = [Column("code5", "str"), Column("forestry_workers_persons", "int", min=0)]
#: columns a researcher's planted-forest table must have; ``forest_ratio`` (0–1) is optional
PLANTED_SCHEMA = [
    Column("code5", "str"),
    Column("planted_forest_area_ha", "float", min=0),
    Column("forest_ratio", "float", min=0, max=1, required=False, allow_na=True),
]

_STR_COLS = {"code5": str, "code6": str, "pref_code": str}


@dataclass(frozen=True, eq=False)
class AllocationParams:
    """Pools, weights and forest-ratio correction of the transfer tax (tables as loaded)."""

    pools: pd.DataFrame
    weights: pd.DataFrame
    forest_ratio: pd.DataFrame


@dataclass(frozen=True, eq=False)
class CarbonParams:
    """Parameter tables of the wood-carbon and forest-sink models (as loaded)."""

    densities: pd.DataFrame
    half_lives: pd.DataFrame
    species: pd.DataFrame
    increments: pd.DataFrame
    products: pd.DataFrame


@dataclass(frozen=True, eq=False)
class ForestInputs:
    """Every shipped table the forest model reads (see :func:`load_inputs`)."""

    municipalities: pd.DataFrame
    prefectures: pd.DataFrame
    allocation: AllocationParams
    published: pd.DataFrame
    constants: pd.DataFrame
    carbon: CarbonParams


def _raw(key: str, schema) -> pd.DataFrame:
    return read_raw_csv(FILES[key], schema, dtype=_STR_COLS, keep_default_na=True)


def _check_periods(df: pd.DataFrame, file: str) -> pd.DataFrame:
    """Periods ``fy_from … fy_to`` (empty = open-ended) must be ordered and must not overlap."""
    df = df.sort_values("fy_from", kind="stable").reset_index(drop=True)
    to = df["fy_to"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
    frm = df["fy_from"].to_numpy(dtype=float)
    i = first_bad_row(to < frm)
    if i is not None:
        raise DataFileError(file, "fy_to >= fy_from", f"{int(to[i])} < {int(frm[i])}", row=i + 2)
    j = first_bad_row(frm[1:] <= to[:-1])
    if j is not None:
        raise DataFileError(file, "periods that do not overlap", f"FY{int(frm[j + 1])} already covered", row=j + 3)
    return df


def load_allocation_params() -> AllocationParams:
    """Pools, weights and the forest-ratio correction from ``data/raw/forest/`` (checksum-verified)."""
    pools = _check_periods(_raw("pools", _POOL_SCHEMA), FILES["pools"])
    gap = np.abs(pools["municipal_pool_jpy"] + pools["prefectural_pool_jpy"] - pools["total_pool_jpy"]).to_numpy()
    i = first_bad_row(gap > 0.5)
    if i is not None:
        raise DataFileError(FILES["pools"], "municipal + prefectural = total", f"a difference of {gap[i]:g} yen", row=i + 2)
    weights = _check_periods(_raw("weights", _WEIGHT_SCHEMA), FILES["weights"])
    s = (weights["w_area"] + weights["w_workers"] + weights["w_population"]).to_numpy()
    i = first_bad_row(np.abs(s - 1) > 1e-9)
    if i is not None:
        raise DataFileError(FILES["weights"], "weights summing to 1", f"a sum of {s[i]:g}", row=i + 2)
    ratio = _raw("forest_ratio", _RATIO_SCHEMA).sort_values("forest_ratio_min", ignore_index=True)
    return AllocationParams(pools, weights, ratio)


def load_municipalities() -> pd.DataFrame:
    """All 1,741 municipalities with census population (2020 and 2015) and codes.

    Columns: ``code5, pref_code, pref_name, name, pop_2020_persons, pop_2015_persons, area_ha``.
    Forestry workers and planted-forest area are not in the shipped data (see
    :func:`load_forestry_workers`, :func:`load_planted_forest`).
    """
    df = _raw("municipalities", _MUNI_SCHEMA)
    check_unique(df, ["code5"], FILES["municipalities"])
    return pd.DataFrame(
        {
            "code5": df["code5"],
            "pref_code": df["pref_code"],
            "pref_name": df["pref_name"],
            "name": df["name"],
            "pop_2020_persons": df["pop_census_2020"].astype("int64"),
            "pop_2015_persons": df["pop_census_2015"].astype("int64"),
            "area_ha": df["area_km2"] * 100.0,
        }
    )


def load_prefectures() -> pd.DataFrame:
    """The 47 prefectures: census population and FY2023 transfer-tax receipts (``receipts_fy2023_jpy``)."""
    df = _raw("prefectures", _PREF_SCHEMA)
    return pd.DataFrame(
        {
            "pref_code": df["pref_code"],
            "pref_name": df["pref_name"],
            "pop_2020_persons": df["pop_census_2020"].astype("int64"),
            "pop_2015_persons": df["pop_census_2015"].astype("int64"),
            "receipts_fy2023_jpy": df["forest_env_transfer_tax_fy2023_settled_thousand_yen"] * 1000.0,
            "status": "published",
            "source": SOURCES["prefectures"],
        }
    )


def _check_codes(df: pd.DataFrame, known: pd.Series, file: str) -> pd.DataFrame:
    codes = df["code5"].astype(str).str.strip().str.zfill(5)  # Excel drops leading zeros
    unknown = ~codes.isin(set(known)).to_numpy()
    i = first_bad_row(unknown)
    close = suggest(codes.iloc[i], known.tolist(), n=3) if i is not None else None
    check_rows(df.assign(code5=codes.to_numpy()), unknown, file,
               f"a 5-digit municipality code of {FILES['municipalities']}", "code5",
               hint=f"close codes: {close}" if close else None)
    out = df.assign(code5=codes.to_numpy())
    check_unique(out, ["code5"], file)
    return out


def load_forestry_workers(path: str | os.PathLike[str], municipalities: pd.DataFrame) -> pd.DataFrame:
    """A researcher's table of forestry workers by municipality (UTF-8 or cp932 CSV).

    Required columns: ``code5`` (5-digit local-government code without check digit, e.g.
    ``27100``; leading zeros may be missing) and ``forestry_workers_persons`` (census 林業就業者数).
    Optional ``source`` and ``status`` columns are kept. Municipalities absent from the table
    count as 0 workers.
    """
    df = read_user_csv(path, WORKERS_SCHEMA, dtype={"code5": str})
    return _check_codes(df, municipalities["code5"], str(path))


def load_planted_forest(path: str | os.PathLike[str], municipalities: pd.DataFrame) -> pd.DataFrame:
    """A researcher's table of private planted-forest area (私有林人工林面積) by municipality.

    Required columns: ``code5`` and ``planted_forest_area_ha`` (>= 0); optional ``forest_ratio``
    (林野率, 0–1) for the correction. UTF-8 or cp932. Absent municipalities count as 0 ha.
    """
    df = read_user_csv(path, PLANTED_SCHEMA, dtype={"code5": str})
    return _check_codes(df, municipalities["code5"], str(path))


def load_published_receipts() -> pd.DataFrame:
    """Published transfer-tax receipts (full years and first tranches) of a few municipalities."""
    return _raw("published_receipts", _RECEIPT_SCHEMA)


def load_constants() -> pd.DataFrame:
    """Key-value constants (levy per payer, national payers, Osaka Prefecture's GHG), indexed by ``key``."""
    df = _raw("constants", _CONST_SCHEMA)
    check_unique(df, ["key"], FILES["constants"])
    return df.set_index("key")


def load_carbon_params() -> CarbonParams:
    """Wood densities, HWP half-lives, species parameters, increments and the wood-product mix."""
    dens = _raw("densities", _DENSITY_SCHEMA)
    check_unique(dens, ["product", "species"], FILES["densities"])
    hl = _raw("half_lives", _HL_SCHEMA)
    check_unique(hl, ["hwp_pool"], FILES["half_lives"])
    sp = _raw("species", _SPECIES_SCHEMA)
    check_unique(sp, ["species"], FILES["species"])
    inc = _raw("increments", _INCREMENT_SCHEMA)
    check_rows(inc, (inc["age_to"] < inc["age_from"]).to_numpy(), FILES["increments"], "age_to >= age_from", "age_to")
    prod = _raw("wood_products", _PRODUCT_SCHEMA)
    return CarbonParams(dens, hl, sp, inc, prod)


def load_inputs() -> ForestInputs:
    """Load and validate every table of ``data/raw/municipal`` and ``data/raw/forest``."""
    return ForestInputs(load_municipalities(), load_prefectures(), load_allocation_params(),
                        load_published_receipts(), load_constants(), load_carbon_params())


def load_supplied_indicators(forestry_workers_file: str | os.PathLike[str], planted_forest_file: str | os.PathLike[str],
                             municipalities: pd.DataFrame) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """A researcher's forestry-worker and planted-forest tables; an empty path gives ``None`` (not supplied)."""
    workers = load_forestry_workers(forestry_workers_file, municipalities) if forestry_workers_file else None
    planted = load_planted_forest(planted_forest_file, municipalities) if planted_forest_file else None
    return workers, planted
