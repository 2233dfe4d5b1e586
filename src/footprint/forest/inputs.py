"""Forest Environment Transfer Tax (森林環境譲与税), carbon stored in purchased wood, forest sinks.

Pure functions over tables; the loaders (``load_*``) are the only functions that read files.

Allocation (森林環境税及び森林環境譲与税に関する法律, 平成31年法律第3号, 第28条)::

    amount_m(FY) = pool_tier(FY) × [w_A·A_m/ΣA + w_W·W_m/ΣW + w_P·P_m/ΣP]

``A`` private planted-forest area (ha) corrected by the forest ratio (林野率; multipliers
unverified), ``W`` forestry workers, ``P`` census population. Weights 50/20/30 up to FY2023 and
55/20/25 from FY2024; pools by fiscal year (``data/raw/forest/transfer_tax_*.csv``).

Carbon stored in wood (Forestry Agency guideline, 2021-10-01, 3林政産第85号)::

    Cs [t-CO2] = W [m3] × D [t/m3] × Cf × 44/12

Harvested-wood-product stock (IPCC 2006 GL Vol. 4 Eq. 12.1)::

    C(i+1) = e^(−k)·C(i) + [(1 − e^(−k))/k]·Inflow(i),   k = ln 2 / half-life

Forest sink (Forestry Agency; NIR)::

    ΔCO2 [t/yr] = ΔV [m3/yr] × BEF × (1 + R) × D × CF × 44/12

Every table carries ``status`` (published / derived / estimated / illustrative) and ``source``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from footprint.core import Column, check_unique, read_raw_csv, read_user_csv, suggest, weakest_status
from footprint.core.errors import DataFileError, ParameterError

CO2_PER_C = 44.0 / 12.0
STATUS_ORDER = ("published", "derived", "estimated", "illustrative")
OSAKA_CODE = "27100"
OSAKA_PREF_CODE = "27"

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


# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------


def _weakest_rowwise(*cols: pd.Series | np.ndarray | str) -> np.ndarray:
    """Row-wise weakest status of several status columns (vectorised)."""
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    n = max((len(c) for c in cols if not isinstance(c, str)), default=1)
    ranks = np.zeros(n, dtype=int)
    for c in cols:  # a handful of columns, not rows
        r = np.full(n, rank[c]) if isinstance(c, str) else pd.Series(c).map(rank).fillna(0).to_numpy(dtype=int)
        ranks = np.maximum(ranks, r)
    return np.asarray(STATUS_ORDER, dtype=object)[ranks]


def _as_years(fiscal_years) -> np.ndarray:
    if isinstance(fiscal_years, (int, np.integer)):
        fiscal_years = [fiscal_years]
    fy = np.asarray(list(fiscal_years))
    if fy.size == 0:
        raise ParameterError("fiscal_years: expected at least one fiscal year, found none")
    if not np.issubdtype(fy.dtype, np.integer):
        raise ParameterError(f"fiscal_years: expected whole years such as 2019, found {list(fy)!r}")
    return fy.astype(int)


def year_span(first_last: Sequence[int]) -> list[int]:
    """``[first, last]`` (a notebook parameter) as the list of years ``first … last``."""
    if len(first_last) != 2 or int(first_last[1]) < int(first_last[0]):
        raise ParameterError(f"expected [first, last] with first <= last, found {list(first_last)!r}")
    return list(range(int(first_last[0]), int(first_last[1]) + 1))


# --------------------------------------------------------------------------------------------
# loaders (the only functions that read files)
# --------------------------------------------------------------------------------------------

_STATUS = Column("status", "str", choices=STATUS_ORDER)
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


def _raw(key: str, schema) -> pd.DataFrame:
    return read_raw_csv(FILES[key], schema, dtype=_STR_COLS, keep_default_na=True)


def _check_periods(df: pd.DataFrame, file: str) -> pd.DataFrame:
    """Periods ``fy_from … fy_to`` (empty = open-ended) must be ordered and must not overlap."""
    df = df.sort_values("fy_from", kind="stable").reset_index(drop=True)
    to = df["fy_to"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
    frm = df["fy_from"].to_numpy(dtype=float)
    bad = np.flatnonzero(to < frm)
    if bad.size:
        raise DataFileError(file, "fy_to >= fy_from", f"{int(to[bad[0]])} < {int(frm[bad[0]])}", row=int(bad[0]) + 2)
    overlap = np.flatnonzero(frm[1:] <= to[:-1])
    if overlap.size:
        i = int(overlap[0]) + 1
        raise DataFileError(file, "periods that do not overlap", f"FY{int(frm[i])} already covered", row=i + 2)
    return df


@dataclass(frozen=True, eq=False)
class AllocationParams:
    """Pools, weights and forest-ratio correction of the transfer tax (tables as loaded)."""

    pools: pd.DataFrame
    weights: pd.DataFrame
    forest_ratio: pd.DataFrame


def load_allocation_params() -> AllocationParams:
    """Pools, weights and the forest-ratio correction from ``data/raw/forest/`` (checksum-verified)."""
    pools = _check_periods(_raw("pools", _POOL_SCHEMA), FILES["pools"])
    gap = np.abs(pools["municipal_pool_jpy"] + pools["prefectural_pool_jpy"] - pools["total_pool_jpy"]).to_numpy()
    if (gap > 0.5).any():
        i = int(np.flatnonzero(gap > 0.5)[0])
        raise DataFileError(FILES["pools"], "municipal + prefectural = total", f"a difference of {gap[i]:g} yen", row=i + 2)
    weights = _check_periods(_raw("weights", _WEIGHT_SCHEMA), FILES["weights"])
    s = (weights["w_area"] + weights["w_workers"] + weights["w_population"]).to_numpy()
    if (np.abs(s - 1) > 1e-9).any():
        i = int(np.flatnonzero(np.abs(s - 1) > 1e-9)[0])
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
    if unknown.any():
        i = int(np.flatnonzero(unknown)[0])
        close = suggest(codes.iloc[i], known.tolist(), n=3)
        raise DataFileError(
            file, f"a 5-digit municipality code of {FILES['municipalities']}", repr(codes.iloc[i]), row=i + 2,
            hint=f"close codes: {close}" if close else None,
        )
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


def municipality_indicators(
    municipalities: pd.DataFrame,
    workers: pd.DataFrame | None = None,
    planted: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The allocation table: municipalities with ``forestry_workers_persons``, ``planted_forest_area_ha``
    and ``forest_ratio`` joined from supplied tables (absent = 0; no table = NaN, i.e. unknown)."""
    out = municipalities.copy()
    if workers is not None:
        w = workers.set_index("code5")["forestry_workers_persons"]
        out["forestry_workers_persons"] = out["code5"].map(w).fillna(0).astype("int64")
    else:
        out["forestry_workers_persons"] = np.nan
    if planted is not None:
        p = planted.set_index("code5")
        out["planted_forest_area_ha"] = out["code5"].map(p["planted_forest_area_ha"]).fillna(0.0)
        out["forest_ratio"] = out["code5"].map(p["forest_ratio"]) if "forest_ratio" in p else np.nan
    else:
        out["planted_forest_area_ha"] = np.nan
        out["forest_ratio"] = np.nan
    return out


def load_published_receipts() -> pd.DataFrame:
    return _raw("published_receipts", _RECEIPT_SCHEMA)


def load_constants() -> pd.DataFrame:
    """Key-value constants (levy, payers, Osaka GHG, gha per t-CO2), indexed by ``key``."""
    df = _raw("constants", _CONST_SCHEMA)
    check_unique(df, ["key"], FILES["constants"])
    return df.set_index("key")


@dataclass(frozen=True, eq=False)
class CarbonParams:
    """Parameter tables of the wood-carbon and forest-sink models (as loaded)."""

    densities: pd.DataFrame
    half_lives: pd.DataFrame
    species: pd.DataFrame
    increments: pd.DataFrame
    products: pd.DataFrame


def load_carbon_params() -> CarbonParams:
    dens = _raw("densities", _DENSITY_SCHEMA)
    check_unique(dens, ["product", "species"], FILES["densities"])
    hl = _raw("half_lives", _HL_SCHEMA)
    check_unique(hl, ["hwp_pool"], FILES["half_lives"])
    sp = _raw("species", _SPECIES_SCHEMA)
    check_unique(sp, ["species"], FILES["species"])
    inc = _raw("increments", _INCREMENT_SCHEMA)
    bad = np.flatnonzero((inc["age_to"] < inc["age_from"]).to_numpy())
    if bad.size:
        raise DataFileError(FILES["increments"], "age_to >= age_from", f"{inc['age_to'].iloc[bad[0]]}", row=int(bad[0]) + 2)
    prod = _raw("wood_products", _PRODUCT_SCHEMA)
    return CarbonParams(dens, hl, sp, inc, prod)


# --------------------------------------------------------------------------------------------
# allocation
# --------------------------------------------------------------------------------------------


def _period_rows(table: pd.DataFrame, fiscal_years: np.ndarray, what: str, file: str) -> np.ndarray:
    frm = table["fy_from"].to_numpy(dtype=float)
    to = table["fy_to"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
    inside = (frm[:, None] <= fiscal_years[None, :]) & (fiscal_years[None, :] <= to[:, None])
    missing = ~inside.any(axis=0)
    if missing.any():
        fy = int(fiscal_years[np.flatnonzero(missing)[0]])
        spans = ", ".join(f"FY{int(a)}–" + ("" if np.isinf(b) else f"FY{int(b)}") for a, b in zip(frm, to, strict=True))
        raise ParameterError(f"data/raw/{file}: fiscal year {fy}: expected a fiscal year covered by the {what} table ({spans}), "
                             f"found none")
    return inside.argmax(axis=0)


def fiscal_year_parameters(params: AllocationParams, fiscal_years) -> pd.DataFrame:
    """Pools and weights for each fiscal year (one row per year), with the weakest status of the two."""
    fy = _as_years(fiscal_years)
    p = params.pools.iloc[_period_rows(params.pools, fy, "pools", FILES["pools"])].reset_index(drop=True)
    w = params.weights.iloc[_period_rows(params.weights, fy, "weights", FILES["weights"])].reset_index(drop=True)
    return pd.DataFrame(
        {
            "fiscal_year": fy,
            "municipal_pool_jpy": p["municipal_pool_jpy"].to_numpy(),
            "prefectural_pool_jpy": p["prefectural_pool_jpy"].to_numpy(),
            "w_area": w["w_area"].to_numpy(),
            "w_workers": w["w_workers"].to_numpy(),
            "w_population": w["w_population"].to_numpy(),
            "pool_status": p["status"].to_numpy(),
            "weights_status": w["status"].to_numpy(),
            "status": _weakest_rowwise(p["status"], w["status"]),
        }
    )


def forest_ratio_multiplier(forest_ratio, correction: pd.DataFrame) -> np.ndarray:
    """Multiplier of the planted-forest area by forest ratio (0–1; NaN = no correction).

    Bands ``[forest_ratio_min, forest_ratio_max)`` from the correction table (the last band
    includes its upper bound). The shipped multipliers are UNVERIFIED (status ``estimated``).
    """
    r = np.asarray(forest_ratio, dtype=float)
    lo = correction["forest_ratio_min"].to_numpy(dtype=float)
    mult = correction["multiplier"].to_numpy(dtype=float)
    idx = np.searchsorted(lo, np.nan_to_num(r, nan=-1.0), side="right") - 1
    return np.where(np.isnan(r) | (idx < 0), 1.0, mult[np.clip(idx, 0, len(mult) - 1)])


def _indicator(municipalities: pd.DataFrame, col: str, key_col: str) -> np.ndarray:
    if col not in municipalities.columns:
        raise ParameterError(
            f"municipalities: expected a column {col!r}, found columns {list(municipalities.columns)}"
            + (f"; close: {suggest(col, municipalities.columns)}" if suggest(col, municipalities.columns) else "")
        )
    v = pd.to_numeric(municipalities[col], errors="coerce").to_numpy(dtype=float)
    bad = np.isnan(v) | (v < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        key = municipalities[key_col].iloc[i] if key_col in municipalities.columns else i
        found = municipalities[col].iloc[i]
        raise ParameterError(f"municipalities: {key_col} {key!r}: expected {col} >= 0, found {found!r}")
    return v


def _shares(v: np.ndarray, weight: np.ndarray, what: str) -> np.ndarray:
    total = v.sum(axis=0)
    if np.any((total <= 0) & (np.atleast_1d(weight) > 0)):
        raise ParameterError(f"allocation: indicator {what} sums to zero, so its weight cannot be shared; supply it "
                             "(see load_forestry_workers / load_planted_forest)")
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, v / np.where(total > 0, total, 1.0), 0.0)


def _largest_remainder(exact: np.ndarray, pools: np.ndarray) -> np.ndarray:
    """Round each column to whole yen so that it sums exactly to its pool (largest remainder)."""
    floor = np.floor(exact)
    short = np.rint(pools - floor.sum(axis=0)).astype(np.int64)
    order = np.argsort(-(exact - floor), axis=0, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.broadcast_to(np.arange(exact.shape[0])[:, None], order.shape), axis=0)
    return floor.astype(np.int64) + (ranks < short[None, :])


def allocate(
    municipalities: pd.DataFrame,
    fiscal_years,
    params: AllocationParams | None = None,
    *,
    tier: str = "municipal",
    population_columns: Mapping[int, str] | None = None,
    key: str = "code5",
    rounding: bool = True,
) -> pd.DataFrame:
    """Allocate the transfer tax among municipalities (or prefectures) for several fiscal years.

    Parameters
    ----------
    municipalities
        One row per recipient with ``key`` (default ``code5``), ``planted_forest_area_ha``,
        ``forestry_workers_persons``, a population column and optionally ``forest_ratio``
        (0–1; NaN = no correction). Every recipient of the tier should be present: shares are
        taken of the column sums.
    fiscal_years
        Fiscal years (each must be covered by the pools and weights tables).
    params
        :class:`AllocationParams`; ``None`` loads the shipped tables (:func:`load_allocation_params`).
        Pass them explicitly when calling in a loop.
    tier
        ``"municipal"`` or ``"prefectural"`` pool.
    population_columns
        ``{first fiscal year: column}``: which population column applies from which year, e.g.
        ``{2019: "pop_2015_persons", 2022: "pop_2020_persons"}``. Default: ``population_persons``
        if present, else ``pop_2020_persons``, for every year.
    rounding
        Round to whole yen so that each year's amounts sum exactly to the pool.

    Returns
    -------
    DataFrame
        One row per recipient × fiscal year: ``key``, ``name`` (if given), ``fiscal_year``,
        ``tier``, ``area_part_jpy``, ``workers_part_jpy``, ``population_part_jpy`` (unrounded
        components), ``amount_jpy`` and ``status`` (weakest of pools and weights).
    """
    if tier not in ("municipal", "prefectural"):
        raise ParameterError(f"tier: expected 'municipal' or 'prefectural', found {tier!r}")
    params = params if params is not None else load_allocation_params()
    fy = _as_years(fiscal_years)
    fyp = fiscal_year_parameters(params, fy)
    if key not in municipalities.columns:
        raise ParameterError(f"municipalities: expected a key column {key!r}, found {list(municipalities.columns)}")
    dup = municipalities[key].duplicated().to_numpy()
    if dup.any():
        raise ParameterError(f"municipalities: {key} {municipalities[key].iloc[np.flatnonzero(dup)[0]]!r}: expected "
                             "one row per recipient, found a duplicate")
    if population_columns is None:
        col = "population_persons" if "population_persons" in municipalities.columns else "pop_2020_persons"
        population_columns = {int(fy.min()): col}
    starts = np.array(sorted(population_columns), dtype=int)
    if fy.min() < starts[0]:
        starts[0] = fy.min()  # the first column applies to every earlier year
    pop_cols = [population_columns[k] for k in sorted(population_columns)]
    pops = np.column_stack([_indicator(municipalities, c, key) for c in pop_cols])  # N × columns
    which = np.searchsorted(starts, fy, side="right") - 1
    P = pops[:, which]  # N × F

    area = _indicator(municipalities, "planted_forest_area_ha", key)
    workers = _indicator(municipalities, "forestry_workers_persons", key)
    ratio = municipalities["forest_ratio"].to_numpy(dtype=float) if "forest_ratio" in municipalities else np.nan
    area_adj = area * forest_ratio_multiplier(ratio, params.forest_ratio)

    wA, wW, wP = (fyp[c].to_numpy() for c in ("w_area", "w_workers", "w_population"))
    pool = fyp[f"{tier}_pool_jpy"].to_numpy()
    sA = _shares(area_adj, wA, "planted_forest_area_ha")[:, None]
    sW = _shares(workers, wW, "forestry_workers_persons")[:, None]
    sP = _shares(P, wP, "population")
    parts_a, parts_w, parts_p = pool * wA * sA, pool * wW * sW, pool * wP * sP
    exact = parts_a + parts_w + parts_p
    amount = _largest_remainder(exact, pool) if rounding else exact

    n, f = exact.shape
    out = {key: np.repeat(municipalities[key].to_numpy(), f)}
    if "name" in municipalities.columns:
        out["name"] = np.repeat(municipalities["name"].to_numpy(), f)
    out.update(
        fiscal_year=np.tile(fy, n),
        tier=tier,
        area_part_jpy=np.broadcast_to(parts_a, (n, f)).ravel(),
        workers_part_jpy=np.broadcast_to(parts_w, (n, f)).ravel(),
        population_part_jpy=parts_p.ravel(),
        amount_jpy=amount.ravel(),
        status=np.tile(fyp["status"].to_numpy(), n),
    )
    return pd.DataFrame(out)


def synthetic_indicators(municipalities: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """ILLUSTRATIVE forestry-worker and planted-forest values for benchmarks and demonstrations.

    Random draws (``numpy.random.default_rng(seed)``) of plausible magnitude: about 44,000
    workers and 6 M ha nationally. Not data: never use them for results. Adds ``status`` =
    ``illustrative``.
    """
    rng = np.random.default_rng(seed)
    n = len(municipalities)
    area = rng.lognormal(mean=7.0, sigma=1.6, size=n)
    workers = rng.poisson(lam=np.maximum(area / area.sum() * 44_000, 0.1))
    return municipalities.assign(
        planted_forest_area_ha=area / area.sum() * 6.0e6,
        forestry_workers_persons=workers.astype("int64"),
        forest_ratio=rng.uniform(0.0, 0.95, size=n),
        status="illustrative",
    )


# --------------------------------------------------------------------------------------------
# Osaka City: receipts from its indicator shares, the levy, the net fund flow
# --------------------------------------------------------------------------------------------


def census_columns(census_2020_from_fy: int = 2022) -> dict[int, str]:
    """Population column by fiscal year: 2015 census before ``census_2020_from_fy``, 2020 census from it.

    The switch year is not confirmed (the 2020 census final results appeared in late 2021).
    """
    return {2019: "pop_2015_persons", int(census_2020_from_fy): "pop_2020_persons"}


def population_shares(municipalities: pd.DataFrame, code: str, fiscal_years, columns: Mapping[int, str]) -> np.ndarray:
    """Share of ``code`` in the national population, per fiscal year (census column per ``columns``)."""
    fy = _as_years(fiscal_years)
    hit = (municipalities["code5"] == code).to_numpy()
    if not hit.any():
        raise ParameterError(f"municipality code {code!r}: expected one of the 1,741 codes, found none; close: "
                             f"{suggest(str(code), municipalities['code5'].tolist(), n=3)}")
    starts = np.array(sorted(columns), dtype=int)
    cols = [columns[k] for k in sorted(columns)]
    sums = np.array([municipalities[c].sum() for c in cols], dtype=float)
    own = np.array([municipalities.loc[hit, c].iloc[0] for c in cols], dtype=float)
    which = np.clip(np.searchsorted(starts, fy, side="right") - 1, 0, len(cols) - 1)
    return (own / sums)[which]


def receipts_from_shares(shares: pd.DataFrame, params: AllocationParams, tier: str = "municipal") -> pd.DataFrame:
    """A recipient's receipts from its indicator shares, per fiscal year.

    ``shares``: ``fiscal_year, area_share, workers_share, population_share`` (fractions of the
    national totals of the corrected area, forestry workers and population). Returns the same
    rows with ``area_part_jpy, workers_part_jpy, population_part_jpy, receipts_jpy``.
    """
    fyp = fiscal_year_parameters(params, shares["fiscal_year"].to_numpy())
    pool = fyp[f"{tier}_pool_jpy"].to_numpy()
    out = shares.reset_index(drop=True).copy()
    out["area_part_jpy"] = pool * fyp["w_area"].to_numpy() * out["area_share"].to_numpy()
    out["workers_part_jpy"] = pool * fyp["w_workers"].to_numpy() * out["workers_share"].to_numpy()
    out["population_part_jpy"] = pool * fyp["w_population"].to_numpy() * out["population_share"].to_numpy()
    out["receipts_jpy"] = out["area_part_jpy"] + out["workers_part_jpy"] + out["population_part_jpy"]
    out["params_status"] = fyp["status"].to_numpy()
    return out


def calibrate_workers_share(
    amount_jpy: float,
    fiscal_year: int,
    population_share: float,
    params: AllocationParams,
    *,
    area_share: float = 0.0,
    tier: str = "municipal",
) -> float:
    """The forestry-worker share that reproduces a published receipt (an ESTIMATE, not data).

    ``s_W = (amount / pool − w_A·s_A − w_P·s_P) / w_W``. Raises if the population and area parts
    alone already exceed the published amount.
    """
    fyp = fiscal_year_parameters(params, [fiscal_year]).iloc[0]
    pool = float(fyp[f"{tier}_pool_jpy"])
    rest = amount_jpy / pool - fyp["w_area"] * area_share - fyp["w_population"] * population_share
    if rest < 0 or fyp["w_workers"] <= 0:
        raise ParameterError(
            f"calibration FY{fiscal_year}: expected a published amount above the population and area parts "
            f"({(amount_jpy / pool - rest) * pool:,.0f} yen), found {amount_jpy:,.0f} yen"
        )
    return float(rest / fyp["w_workers"])


@dataclass(frozen=True)
class OsakaShares:
    """Osaka City's indicator shares and where each comes from."""

    workers_share: float
    workers_status: str
    workers_note: str
    area_share: float = 0.0
    area_status: str = "published"
    census_2020_from_fy: int = 2022
    calibration: dict = field(default_factory=dict)


def osaka_shares(
    municipalities: pd.DataFrame,
    params: AllocationParams,
    published: pd.DataFrame,
    *,
    census_2020_from_fy: int = 2022,
    calibration_fy: int = 2023,
    code: str = OSAKA_CODE,
) -> OsakaShares:
    """Osaka City's shares: population exact; area 0 ha unless supplied; forestry workers from
    supplied data (``forestry_workers_persons`` present and known) or calibrated on a published year.
    """
    cols = census_columns(census_2020_from_fy)
    hit = municipalities["code5"] == code
    area_share, area_status = 0.0, "published"  # Osaka City: 0 ha private planted forest (朝日新聞 2024)
    if "planted_forest_area_ha" in municipalities and municipalities["planted_forest_area_ha"].notna().all():
        adj = municipalities["planted_forest_area_ha"].to_numpy(dtype=float) * forest_ratio_multiplier(
            municipalities.get("forest_ratio", pd.Series(np.nan, index=municipalities.index)).to_numpy(dtype=float),
            params.forest_ratio,
        )
        area_share = float(adj[hit.to_numpy()].sum() / adj.sum()) if adj.sum() > 0 else 0.0
        area_status = "derived"
    if "forestry_workers_persons" in municipalities and municipalities["forestry_workers_persons"].notna().all():
        w = municipalities["forestry_workers_persons"].to_numpy(dtype=float)
        return OsakaShares(float(w[hit.to_numpy()].sum() / w.sum()), "derived", "supplied forestry-worker table",
                           area_share, area_status, census_2020_from_fy)
    pub = published[(published["code5"] == code) & (published["fiscal_year"] == calibration_fy)
                    & (published["part"] == "full_year")]
    if pub.empty:
        raise ParameterError(f"calibration_fy {calibration_fy}: expected a published full-year receipt of {code} in "
                             f"{FILES['published_receipts']}, found none")
    amount = float(pub["amount_jpy"].iloc[0])
    s_p = float(population_shares(municipalities, code, [calibration_fy], cols)[0])
    s_w = calibrate_workers_share(amount, calibration_fy, s_p, params, area_share=area_share)
    return OsakaShares(
        s_w, "estimated", f"calibrated on the published FY{calibration_fy} receipt ({amount / 1e6:.2f} M yen)",
        area_share, area_status, census_2020_from_fy,
        calibration={"fiscal_year": calibration_fy, "amount_jpy": amount, "population_share": s_p},
    )


def osaka_receipts(
    municipalities: pd.DataFrame,
    params: AllocationParams,
    shares: OsakaShares,
    fiscal_years,
    published: pd.DataFrame | None = None,
    *,
    code: str = OSAKA_CODE,
) -> pd.DataFrame:
    """Osaka City's receipts per fiscal year from its shares (model), beside published full-year values.

    ``receipts_jpy`` is the published full-year amount where one exists, else the model
    (``receipts_model_jpy``); ``receipts_status`` says which.
    """
    fy = _as_years(fiscal_years)
    s_p = population_shares(municipalities, code, fy, census_columns(shares.census_2020_from_fy))
    tab = receipts_from_shares(
        pd.DataFrame({"fiscal_year": fy, "area_share": shares.area_share, "workers_share": shares.workers_share,
                      "population_share": s_p}),
        params,
    )
    tab = tab.rename(columns={"receipts_jpy": "receipts_model_jpy"})
    model_status = _weakest_rowwise(tab["params_status"], shares.workers_status, shares.area_status)
    pub = pd.Series(dtype=float)
    if published is not None:
        p = published[(published["code5"] == code) & (published["part"] == "full_year")]
        pub = p.set_index("fiscal_year")["amount_jpy"]
    published_amount = tab["fiscal_year"].map(pub)
    has = published_amount.notna().to_numpy()
    tab["published_jpy"] = published_amount.to_numpy()
    tab["receipts_jpy"] = np.where(has, published_amount.to_numpy(), tab["receipts_model_jpy"].to_numpy())
    tab["receipts_status"] = np.where(has, "published", model_status)
    tab["receipts_source"] = np.where(
        has, SOURCES["osaka_fy2023"],
        f"model: {SOURCES['pools']}; {SOURCES['weights']}; {SOURCES['census']}; workers share {shares.workers_note}",
    )
    return tab.drop(columns=["params_status"])


def receipt_checks(flows: pd.DataFrame, published: pd.DataFrame, code: str = OSAKA_CODE) -> pd.DataFrame:
    """Model receipts against published ones: a full-year figure as is, a first tranche × 2.

    Returns ``fiscal_year, part, target_jpy, model_jpy, difference`` (model / target − 1).
    """
    pub = published[published["code5"] == code]
    target = pub["amount_jpy"].to_numpy() * np.where(pub["part"] == "first_tranche", 2.0, 1.0)
    model = pub["fiscal_year"].map(flows.set_index("fiscal_year")["receipts_model_jpy"]).to_numpy(dtype=float)
    out = pd.DataFrame({"fiscal_year": pub["fiscal_year"].to_numpy(), "part": pub["part"].to_numpy(),
                        "target_jpy": target, "model_jpy": model, "difference": model / target - 1})
    return out[~np.isnan(model)].reset_index(drop=True)


def levy_payments(
    fiscal_years,
    payers_persons: float,
    *,
    levy_jpy_per_payer: float = 1000.0,
    levy_from_fy: int = 2024,
) -> np.ndarray:
    """Levy paid by a municipality's residents per fiscal year: ``payers × levy`` from ``levy_from_fy``, else 0."""
    fy = _as_years(fiscal_years)
    if payers_persons < 0 or levy_jpy_per_payer < 0:
        raise ParameterError(f"levy: expected payers >= 0 and levy >= 0, found {payers_persons}, {levy_jpy_per_payer}")
    return np.where(fy >= levy_from_fy, payers_persons * levy_jpy_per_payer, 0.0)


def estimate_payers(national_payers: float, population_share: float) -> float:
    """Payers of the per-capita residential tax in a municipality, by its population share (ESTIMATE)."""
    return float(national_payers) * float(population_share)


def fund_flows(receipts: pd.DataFrame, payments_jpy: np.ndarray, payments_status: str, *,
               levy_from_fy: int = 2024) -> pd.DataFrame:
    """Receipts against levy payments: ``fiscal_year, receipts_jpy, payments_jpy, net_outflow_jpy, status, source``.

    ``net_outflow_jpy`` = payments − receipts (positive: money leaves the city towards forest regions).
    """
    fy = receipts["fiscal_year"].to_numpy()
    pay = np.asarray(payments_jpy, dtype=float)
    pay_status = np.where(fy >= levy_from_fy, payments_status, "published")  # no levy before FY2024 (law)
    return pd.DataFrame(
        {
            "fiscal_year": fy,
            "receipts_jpy": receipts["receipts_jpy"].to_numpy(dtype=float),
            "payments_jpy": pay,
            "net_outflow_jpy": pay - receipts["receipts_jpy"].to_numpy(dtype=float),
            "status": _weakest_rowwise(receipts["receipts_status"], pay_status),
            "source": receipts["receipts_source"].to_numpy() + "; levy: " + SOURCES["levy"],
            "receipts_status": receipts["receipts_status"].to_numpy(),
            "payments_status": pay_status,
        }
    )


@dataclass(frozen=True, eq=False)
class ForestInputs:
    """Every shipped table the forest model reads (see :func:`load_inputs`)."""

    municipalities: pd.DataFrame
    prefectures: pd.DataFrame
    allocation: AllocationParams
    published: pd.DataFrame
    constants: pd.DataFrame
    carbon: CarbonParams


def load_inputs() -> ForestInputs:
    """Load and validate every table of ``data/raw/municipal`` and ``data/raw/forest``."""
    return ForestInputs(load_municipalities(), load_prefectures(), load_allocation_params(),
                        load_published_receipts(), load_constants(), load_carbon_params())


def osaka_fund_flows(
    fiscal_years=range(2019, 2026),
    inputs: ForestInputs | None = None,
    *,
    municipalities: pd.DataFrame | None = None,
    census_2020_from_fy: int = 2022,
    payers_persons: float | None = None,
) -> pd.DataFrame:
    """Osaka City's transfer-tax receipts against its residents' levy payments, per fiscal year.

    Parameters
    ----------
    fiscal_years
        Default FY2019–FY2025; later years use the open-ended FY2024 pool and weights.
    inputs
        :func:`load_inputs` result (``None`` loads it).
    municipalities
        Allocation table with supplied ``forestry_workers_persons`` / ``planted_forest_area_ha``
        (:func:`municipality_indicators`); default: the shipped census table (workers share then
        calibrated on FY2023, an ESTIMATE).
    payers_persons
        Osaka City's levy payers; default: national payers × population share (ESTIMATE).

    Returns
    -------
    DataFrame
        ``fiscal_year, receipts_jpy, payments_jpy, net_outflow_jpy, status, source`` plus
        ``receipts_status``, ``payments_status``, ``receipts_model_jpy``, the three parts and the
        shares.
    """
    inputs = inputs if inputs is not None else load_inputs()
    munis = municipalities if municipalities is not None else inputs.municipalities
    shares = osaka_shares(munis, inputs.allocation, inputs.published, census_2020_from_fy=census_2020_from_fy)
    rec = osaka_receipts(munis, inputs.allocation, shares, fiscal_years, inputs.published)
    c = inputs.constants
    if payers_persons is None:
        s_p = float(population_shares(munis, OSAKA_CODE, [2024], census_columns(census_2020_from_fy))[0])
        payers_persons, pay_status = estimate_payers(c.loc["national_levy_payers", "value"], s_p), "estimated"
    else:
        pay_status = "published"
    pay = levy_payments(rec["fiscal_year"], payers_persons, levy_jpy_per_payer=c.loc["levy_jpy_per_payer", "value"])
    flows = fund_flows(rec, pay, pay_status)
    extra = rec[["receipts_model_jpy", "published_jpy", "area_part_jpy", "workers_part_jpy", "population_part_jpy",
                 "area_share", "workers_share", "population_share"]]
    out = pd.concat([flows, extra.reset_index(drop=True)], axis=1)
    out["payers_persons"] = np.where(out["fiscal_year"] >= 2024, payers_persons, 0.0)
    return out


# --------------------------------------------------------------------------------------------
# where the money goes: regions (prefecture + its municipalities) receiving the pool
# --------------------------------------------------------------------------------------------


def region_shares(prefectures: pd.DataFrame, params: AllocationParams, fiscal_years, *,
                  base_fy: int = 2023, population_column: str = "pop_2020_persons") -> pd.DataFrame:
    """Each prefecture region's share of the national pool (prefecture + its municipalities), an ESTIMATE.

    Per-municipality receipts are not published in machine-readable form, so the non-population
    part (area + workers) is distributed as the prefectures' own FY2023 receipts minus their
    population part (the same weights apply to both tiers and a prefecture's indicators are the
    sums of its municipalities'); the population part by census. The area:worker mix of FY2024
    (55:20) differs slightly from FY2023's (50:20): an approximation.

    Returns ``fiscal_year, pref_code, pref_name, share, population_share, other_share, status``.
    """
    fy = _as_years(fiscal_years)
    base = fiscal_year_parameters(params, [base_fy]).iloc[0]
    pool = float(base["prefectural_pool_jpy"])
    pop = prefectures[population_column].to_numpy(dtype=float)
    s_pop = pop / pop.sum()
    residual = prefectures["receipts_fy2023_jpy"].to_numpy(dtype=float) - pool * base["w_population"] * s_pop
    if (residual < 0).any():
        i = int(np.flatnonzero(residual < 0)[0])
        raise ParameterError(f"prefecture {prefectures['pref_code'].iloc[i]!r}: expected FY{base_fy} receipts above "
                             f"the population part, found a residual of {residual[i]:,.0f} yen")
    s_other = residual / residual.sum()
    fyp = fiscal_year_parameters(params, fy)
    wP = fyp["w_population"].to_numpy()
    share = wP[None, :] * s_pop[:, None] + (1 - wP[None, :]) * s_other[:, None]  # regions × years
    n, f = share.shape
    return pd.DataFrame(
        {
            "fiscal_year": np.tile(fy, n),
            "pref_code": np.repeat(prefectures["pref_code"].to_numpy(), f),
            "pref_name": np.repeat(prefectures["pref_name"].to_numpy(), f),
            "share": share.ravel(),
            "population_share": np.repeat(s_pop, f),
            "other_share": np.repeat(s_other, f),
            "status": "estimated",
            "source": SOURCES["prefectures"] + "; " + SOURCES["weights"],
        }
    )


def money_destinations(flows: pd.DataFrame, shares: pd.DataFrame) -> pd.DataFrame:
    """Where Osaka City's levy payments go: payments × each region's share of the pool, per year.

    Returns ``fiscal_year, pref_code, pref_name, amount_jpy, share, status`` (years with payments only).
    """
    pay = flows.set_index("fiscal_year")["payments_jpy"]
    pay_status = flows.set_index("fiscal_year")["status"]
    s = shares[shares["fiscal_year"].isin(pay.index[pay > 0])].reset_index(drop=True)
    amount = s["fiscal_year"].map(pay).to_numpy() * s["share"].to_numpy()
    return s.assign(amount_jpy=amount, status=_weakest_rowwise(s["status"], s["fiscal_year"].map(pay_status)))[
        ["fiscal_year", "pref_code", "pref_name", "amount_jpy", "share", "status", "source"]
    ]


# --------------------------------------------------------------------------------------------
# carbon stored in wood
# --------------------------------------------------------------------------------------------


def stored_co2_t(volume_m3, density_t_per_m3, carbon_fraction):
    """Carbon stored in wood, Forestry Agency guideline (2021): ``Cs = W × D × Cf × 44/12`` (t-CO2)."""
    return np.asarray(volume_m3, dtype=float) * density_t_per_m3 * carbon_fraction * CO2_PER_C


def wood_carbon(
    spending: pd.DataFrame,
    products: pd.DataFrame,
    densities: pd.DataFrame,
    *,
    wood_share: float,
    wood_share_status: str = "illustrative",
) -> pd.DataFrame:
    """Wood bought with the transfer tax → volume → carbon stored (guideline formula).

    Parameters
    ----------
    spending
        ``fiscal_year, receipts_jpy`` (and optionally ``receipts_status``).
    products
        Purchase mix: ``product, species, hwp_pool, spend_share`` (sums to 1), ``price_jpy_per_m3``,
        ``status``.
    densities
        ``product, species, density_t_per_m3, carbon_fraction, status``.
    wood_share
        Share of receipts spent on wood products (0–1).

    Returns
    -------
    DataFrame
        One row per year × product: ``fiscal_year, product, species, hwp_pool, spend_jpy,
        volume_m3, density_t_per_m3, carbon_fraction, co2_t, status, source``.
    """
    if not 0 <= wood_share <= 1:
        raise ParameterError(f"wood_share: expected a share between 0 and 1, found {wood_share}")
    total = float(products["spend_share"].sum())
    if abs(total - 1) > 1e-6:
        raise ParameterError(f"wood products: expected spend_share summing to 1, found {total:g}")
    keyed = products.merge(densities[["product", "species", "density_t_per_m3", "carbon_fraction", "status"]],
                           on=["product", "species"], how="left", suffixes=("", "_density"))
    missing = keyed["density_t_per_m3"].isna().to_numpy()
    if missing.any():
        i = int(np.flatnonzero(missing)[0])
        known = (densities["product"] + "/" + densities["species"]).tolist()
        raise ParameterError(
            f"wood products: product/species {keyed['product'].iloc[i]}/{keyed['species'].iloc[i]}: expected one with "
            f"a density in {FILES['densities']}, found none; known: {known}"
        )
    n_y, n_p = len(spending), len(keyed)
    rec_status = spending["receipts_status"] if "receipts_status" in spending else pd.Series(["published"] * n_y)
    spend = (spending["receipts_jpy"].to_numpy(dtype=float)[:, None] * wood_share
             * keyed["spend_share"].to_numpy()[None, :])
    volume = spend / keyed["price_jpy_per_m3"].to_numpy()[None, :]
    co2 = stored_co2_t(volume, keyed["density_t_per_m3"].to_numpy()[None, :], keyed["carbon_fraction"].to_numpy()[None, :])
    rep = lambda c: np.tile(keyed[c].to_numpy(), n_y)  # noqa: E731
    status = _weakest_rowwise(np.repeat(rec_status.to_numpy(), n_p), rep("status"), rep("status_density"),
                              wood_share_status)
    return pd.DataFrame(
        {
            "fiscal_year": np.repeat(spending["fiscal_year"].to_numpy(), n_p),
            "product": rep("product"),
            "species": rep("species"),
            "hwp_pool": rep("hwp_pool"),
            "spend_jpy": spend.ravel(),
            "volume_m3": volume.ravel(),
            "density_t_per_m3": rep("density_t_per_m3"),
            "carbon_fraction": rep("carbon_fraction"),
            "co2_t": co2.ravel(),
            "status": status,
            "source": SOURCES["guideline"],
        }
    )


def decay_constant(half_life_y):
    """``k = ln 2 / half-life`` (1/yr)."""
    hl = np.asarray(half_life_y, dtype=float)
    if np.any(hl <= 0):
        raise ParameterError(f"half-life: expected > 0 years, found {hl}")
    return np.log(2.0) / hl


def fod_stock(inflow: np.ndarray, half_life_y) -> np.ndarray:
    """IPCC first-order decay: stock at the end of each year from yearly inflows (same unit).

    ``inflow``: years × pools (or a 1-D series); ``half_life_y``: one per pool. Closed form of
    ``C(i+1) = e^(−k)·C(i) + [(1 − e^(−k))/k]·Inflow(i)`` with ``C = 0`` before the first year,
    computed as a lower-triangular matrix product (no loop over years).
    """
    x = np.asarray(inflow, dtype=float)
    one_d = x.ndim == 1
    x = x[:, None] if one_d else x
    k = np.broadcast_to(decay_constant(half_life_y), (x.shape[1],))
    n = x.shape[0]
    lag = np.arange(n)[:, None] - np.arange(n)[None, :]  # n − i
    decay = np.where(lag[None, :, :] >= 0, np.exp(-k[:, None, None] * np.maximum(lag, 0)[None]), 0.0)
    f = (1 - np.exp(-k)) / k
    stock = np.einsum("pni,ip->np", decay, x) * f[None, :]
    return stock[:, 0] if one_d else stock


def hwp_stock(wood: pd.DataFrame, half_lives: pd.DataFrame, until: int = 2050) -> pd.DataFrame:
    """Carbon stock in purchased wood by HWP pool through ``until`` (IPCC first-order decay).

    ``wood``: ``fiscal_year, hwp_pool, co2_t`` (inflows; :func:`wood_carbon`). Returns one row per
    year × pool: ``year, hwp_pool, half_life_y, inflow_co2_t, stock_co2_t`` (end of year),
    ``stock_change_co2_t``, ``status``.
    """
    pools = sorted(wood["hwp_pool"].unique())
    hl = half_lives.set_index("hwp_pool")
    unknown = [p for p in pools if p not in hl.index]
    if unknown:
        raise ParameterError(f"HWP pools {unknown}: expected among {list(hl.index)} ({FILES['half_lives']})")
    first = int(wood["fiscal_year"].min())
    if until < first:
        raise ParameterError(f"until: expected a year >= {first}, found {until}")
    years = np.arange(first, until + 1)
    m = wood.pivot_table(index="fiscal_year", columns="hwp_pool", values="co2_t", aggfunc="sum").reindex(
        index=years, columns=pools, fill_value=0.0).fillna(0.0)
    stock = fod_stock(m.to_numpy(), hl.loc[pools, "half_life_y"].to_numpy())
    prev = np.vstack([np.zeros((1, len(pools))), stock[:-1]])
    status = weakest_status([*wood["status"], *hl.loc[pools, "status"]])
    n, p = stock.shape
    return pd.DataFrame(
        {
            "year": np.repeat(years, p),
            "hwp_pool": np.tile(pools, n),
            "half_life_y": np.tile(hl.loc[pools, "half_life_y"].to_numpy(), n),
            "inflow_co2_t": m.to_numpy().ravel(),
            "stock_co2_t": stock.ravel(),
            "stock_change_co2_t": (stock - prev).ravel(),
            "status": status,
            "source": SOURCES["ipcc"],
        }
    )


# --------------------------------------------------------------------------------------------
# forest sink of partner forests
# --------------------------------------------------------------------------------------------


def sink_co2_t(delta_v_m3, bef, root_shoot, density_t_per_m3, carbon_fraction):
    """Annual CO2 removal: ``ΔV × BEF × (1 + R) × D × CF × 44/12`` (t-CO2/yr)."""
    return np.asarray(delta_v_m3, dtype=float) * bef * (1.0 + np.asarray(root_shoot)) * density_t_per_m3 \
        * carbon_fraction * CO2_PER_C


def stands_table(partner_codes: Sequence[str], area_ha_per_partner: float, stand_mix: Sequence[Sequence],
                 municipalities: pd.DataFrame, *, status: str = "illustrative") -> pd.DataFrame:
    """Supported stands: each partner × each ``[species, age_y, fraction]`` of ``stand_mix``.

    Returns ``code5, name, pref_name, species, age_y, area_ha, status``.
    """
    codes = [str(c).zfill(5) for c in partner_codes]
    known = set(municipalities["code5"])
    for c in codes:  # a few parameters, not data rows
        if c not in known:
            raise ParameterError(f"partner municipality code {c!r}: expected one of the 1,741 codes of "
                                 f"{FILES['municipalities']}, found none; close: {suggest(c, sorted(known), n=3)}")
    if area_ha_per_partner < 0:
        raise ParameterError(f"supported area: expected >= 0 ha, found {area_ha_per_partner}")
    mix = pd.DataFrame([list(m) for m in stand_mix], columns=["species", "age_y", "fraction"])
    if (mix["fraction"] < 0).any() or abs(mix["fraction"].sum() - 1) > 1e-6:
        raise ParameterError(f"stand_mix: expected fractions >= 0 summing to 1, found {mix['fraction'].tolist()}")
    m = municipalities.set_index("code5").loc[codes, ["name", "pref_name"]].reset_index()
    t = m.merge(mix, how="cross")
    t["area_ha"] = area_ha_per_partner * t["fraction"]
    t["status"] = status
    return t.drop(columns="fraction")


def forest_sink(stands: pd.DataFrame, species: pd.DataFrame, increments: pd.DataFrame) -> pd.DataFrame:
    """Annual sink of supported stands by species and age (t-CO2/yr).

    ``stands``: ``species, age_y, area_ha`` (+ any id columns, + optional ``status``). The
    increment is the narrowest age class of the species that contains ``age_y``; BEF is the
    ≤ 20-year or > 20-year value. Returns the stands with ``increment_m3_per_ha_yr``,
    ``volume_m3`` (annual stem-volume increment), ``bef, root_shoot, density_t_per_m3,
    carbon_fraction, co2_t, co2_t_per_ha, status, source``.
    """
    st = stands.reset_index(drop=True).copy()
    st["_row"] = np.arange(len(st))
    if (st["area_ha"] < 0).any():
        i = int(np.flatnonzero((st["area_ha"] < 0).to_numpy())[0])
        raise ParameterError(f"stands row {i + 1}: expected area_ha >= 0, found {st['area_ha'].iloc[i]}")
    unknown = sorted(set(st["species"]) - set(species["species"]))
    if unknown:
        raise ParameterError(f"species {unknown[0]!r}: expected one of {sorted(species['species'])} "
                             f"({FILES['species']}); close: {suggest(unknown[0], species['species'])}")
    cand = st[["_row", "species", "age_y"]].merge(increments, on="species", how="left")
    cand = cand[(cand["age_from"] <= cand["age_y"]) & (cand["age_y"] <= cand["age_to"])]
    cand = cand.assign(width=cand["age_to"] - cand["age_from"]).sort_values(["_row", "width"], kind="stable")
    inc = cand.drop_duplicates("_row").set_index("_row")
    missing = ~st["_row"].isin(inc.index).to_numpy()
    if missing.any():
        i = int(np.flatnonzero(missing)[0])
        rows = increments[increments["species"] == st["species"].iloc[i]]
        spans = [f"{a}-{b}" for a, b in zip(rows["age_from"], rows["age_to"], strict=True)]
        raise ParameterError(f"stand {i + 1} ({st['species'].iloc[i]}, age {st['age_y'].iloc[i]}): expected an age "
                             f"covered by {FILES['increments']} ({spans}), found none")
    sp = species.set_index("species").loc[st["species"]]
    age = st["age_y"].to_numpy(dtype=float)
    bef = np.where(age <= 20, sp["bef_le20"].to_numpy(), sp["bef_gt20"].to_numpy())
    inc_v = inc.loc[st["_row"], "increment_m3_per_ha_yr"].to_numpy()
    volume = inc_v * st["area_ha"].to_numpy()
    co2 = sink_co2_t(volume, bef, sp["root_shoot"].to_numpy(), sp["basic_density_t_per_m3"].to_numpy(),
                     sp["carbon_fraction"].to_numpy())
    stand_status = st["status"] if "status" in st else "published"
    out = st.drop(columns=["_row"]).assign(
        increment_m3_per_ha_yr=inc_v,
        volume_m3=volume,
        bef=bef,
        root_shoot=sp["root_shoot"].to_numpy(),
        density_t_per_m3=sp["basic_density_t_per_m3"].to_numpy(),
        carbon_fraction=sp["carbon_fraction"].to_numpy(),
        co2_t=co2,
        co2_t_per_ha=np.divide(co2, st["area_ha"].to_numpy(), out=np.zeros_like(co2), where=st["area_ha"].to_numpy() > 0),
        increment_status=inc.loc[st["_row"], "status"].to_numpy(),
        species_status=sp["status"].to_numpy(),
        source=SOURCES["sink"],
    )
    out["status"] = _weakest_rowwise(out["increment_status"], out["species_status"], stand_status)
    return out


# --------------------------------------------------------------------------------------------
# offsets against Osaka's emissions and footprint
# --------------------------------------------------------------------------------------------


def estimate_city_emissions(pref_emissions_t: float, city_population: float, pref_population: float) -> float:
    """City emissions as the prefecture's emissions × the city's population share (ESTIMATE)."""
    if pref_population <= 0 or city_population < 0 or city_population > pref_population:
        raise ParameterError(f"emissions estimate: expected 0 <= city population <= prefecture population, found "
                             f"{city_population} and {pref_population}")
    return float(pref_emissions_t) * city_population / pref_population


def carbon_footprint_estimate(carbon_gha_per_cap: float, population: float) -> float:
    """A city's carbon footprint as the national carbon footprint per person × its population (ESTIMATE)."""
    return float(carbon_gha_per_cap) * float(population)


def offsets(
    hwp: pd.DataFrame,
    sink_co2_t_per_yr: float,
    *,
    emissions_co2_t: float,
    footprint_gha: float,
    gha_per_t_co2: float,
    sink_from_year: int | None = None,
    years: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Carbon stored (net addition to the wood stock) plus absorbed, per year, against emissions and footprint.

    Returns ``year, wood_stored_co2_t, forest_sink_co2_t, total_co2_t, total_gha, emissions_co2_t,
    footprint_gha, footprint_co2_t, share_of_emissions, share_of_footprint``.
    """
    if gha_per_t_co2 <= 0 or emissions_co2_t <= 0 or footprint_gha <= 0:
        raise ParameterError("offsets: expected positive emissions, footprint and gha per t-CO2")
    by_year = hwp.groupby("year")["stock_change_co2_t"].sum()
    yrs = np.asarray(years if years is not None else by_year.index.to_numpy(), dtype=int)
    wood = by_year.reindex(yrs, fill_value=0.0).to_numpy()
    start = sink_from_year if sink_from_year is not None else int(yrs.min())
    sink = np.where(yrs >= start, sink_co2_t_per_yr, 0.0)
    total = wood + sink
    fp_co2 = footprint_gha / gha_per_t_co2
    return pd.DataFrame(
        {
            "year": yrs,
            "wood_stored_co2_t": wood,
            "forest_sink_co2_t": sink,
            "total_co2_t": total,
            "total_gha": total * gha_per_t_co2,
            "emissions_co2_t": emissions_co2_t,
            "footprint_gha": footprint_gha,
            "footprint_co2_t": fp_co2,
            "share_of_emissions": total / emissions_co2_t,
            "share_of_footprint": total * gha_per_t_co2 / footprint_gha,
        }
    )


def load_osaka_carbon_footprint(year: int, population: float, gha_per_t_co2: float) -> dict:
    """Osaka City's carbon footprint for the offsets comparison, and which method gave it.

    Uses ``footprint.city.osaka_carbon_footprint(year)`` when that module is available; otherwise
    Japan's carbon footprint per person (NFA 2025 edition, :mod:`footprint.accounts`) × Osaka's
    population (an ESTIMATE). Returns ``ef_carbon_gha, co2_t, gha_per_t_co2, year, status,
    source, method``. Reads files (a loader, not maths).
    """
    from footprint.core.errors import FootprintError

    reason = ""
    try:
        from footprint import city

        res = city.osaka_carbon_footprint(year)
        k = float(res.get("intensity_gha_per_t_co2", gha_per_t_co2))
        return {
            "ef_carbon_gha": float(res["ef_carbon_gha"]),
            "co2_t": float(res.get("co2_t", float(res["ef_carbon_gha"]) / k)),
            "gha_per_t_co2": k,
            "year": int(res.get("year", year)),
            "status": str(res.get("status", "estimated")),
            "source": str(res.get("source", "footprint.city")),
            "method": "footprint.city.osaka_carbon_footprint (city downscaling)",
        }
    except (ImportError, AttributeError, KeyError, FootprintError) as e:
        reason = f" (footprint.city not used: {type(e).__name__}: {e})"
    from footprint import accounts as A

    nfa = A.load_nfa()
    y = A.require_year(nfa, int(year))
    per_cap = float(A.matrix(nfa, "ef_consumption", countries=[A.JAPAN_CODE], years=[y])["carbon"].iloc[0])
    gha = carbon_footprint_estimate(per_cap, population)
    return {
        "ef_carbon_gha": gha,
        "co2_t": gha / gha_per_t_co2,
        "gha_per_t_co2": gha_per_t_co2,
        "year": y,
        "status": "estimated",
        "source": A.NFA_SOURCE + " (Japan carbon footprint per person) × Osaka City census 2020 population",
        "method": "fallback: Japan's carbon footprint per person × Osaka population" + reason,
    }
