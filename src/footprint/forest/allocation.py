"""Allocation of the Forest Environment Transfer Tax (森林環境譲与税) among recipients.

法第28条 (森林環境税及び森林環境譲与税に関する法律, 平成31年法律第3号)::

    amount_m(FY) = pool_tier(FY) × [w_A·A_m/ΣA + w_W·W_m/ΣW + w_P·P_m/ΣP]

``A`` private planted-forest area (ha) corrected by the forest ratio (林野率; multipliers
unverified), ``W`` forestry workers, ``P`` census population. Weights 50/20/30 up to FY2023 and
55/20/25 from FY2024; pools by fiscal year. Also: each prefecture region's share of the pool
(:func:`region_shares`), used to follow Osaka's levy to where it is spent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from footprint.core import suggest
from footprint.core.errors import ParameterError
from footprint.core.schema import first_bad_row
from footprint.core.status import weakest_status_rows
from footprint.forest.inputs import FILES, SOURCES, AllocationParams


def as_years(fiscal_years) -> np.ndarray:
    """Fiscal years (an int or an iterable of ints) as a non-empty integer array."""
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


def _period_rows(table: pd.DataFrame, fiscal_years: np.ndarray, what: str, file: str) -> np.ndarray:
    frm = table["fy_from"].to_numpy(dtype=float)
    to = table["fy_to"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
    inside = (frm[:, None] <= fiscal_years[None, :]) & (fiscal_years[None, :] <= to[:, None])
    i = first_bad_row(~inside.any(axis=0))
    if i is not None:
        spans = ", ".join(f"FY{int(a)}–" + ("" if np.isinf(b) else f"FY{int(b)}") for a, b in zip(frm, to, strict=True))
        raise ParameterError(f"data/raw/{file}: fiscal year {int(fiscal_years[i])}: expected a fiscal year covered by "
                             f"the {what} table ({spans}), found none")
    return inside.argmax(axis=0)


def fiscal_year_parameters(params: AllocationParams, fiscal_years) -> pd.DataFrame:
    """Pools and weights for each fiscal year (one row per year), with the weakest status of the two."""
    fy = as_years(fiscal_years)
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
            "status": weakest_status_rows(p["status"], w["status"]),
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


def _indicator(municipalities: pd.DataFrame, col: str, key_col: str) -> np.ndarray:
    if col not in municipalities.columns:
        close = suggest(col, municipalities.columns)
        raise ParameterError(f"municipalities: expected a column {col!r}, found columns {list(municipalities.columns)}"
                             + (f"; close: {close}" if close else ""))
    v = pd.to_numeric(municipalities[col], errors="coerce").to_numpy(dtype=float)
    i = first_bad_row(np.isnan(v) | (v < 0))
    if i is not None:
        key = municipalities[key_col].iloc[i] if key_col in municipalities.columns else i
        raise ParameterError(f"municipalities: {key_col} {key!r}: expected {col} >= 0, found {municipalities[col].iloc[i]!r}")
    return v


def _shares(v: np.ndarray, weight: np.ndarray, what: str) -> np.ndarray:
    total = v.sum(axis=0)
    if np.any((total <= 0) & (np.atleast_1d(weight) > 0)):
        raise ParameterError(f"allocation: indicator {what} sums to zero, so its weight cannot be shared; supply it "
                             "(see load_forestry_workers / load_planted_forest)")
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, v / np.where(total > 0, total, 1.0), 0.0)


def largest_remainder(exact: np.ndarray, pools: np.ndarray) -> np.ndarray:
    """Round each column to whole yen so that it sums exactly to its pool (largest remainder)."""
    floor = np.floor(exact)
    short = np.rint(pools - floor.sum(axis=0)).astype(np.int64)
    order = np.argsort(-(exact - floor), axis=0, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.broadcast_to(np.arange(exact.shape[0])[:, None], order.shape), axis=0)
    return floor.astype(np.int64) + (ranks < short[None, :])


def _population_matrix(municipalities: pd.DataFrame, fy: np.ndarray, population_columns, key: str) -> np.ndarray:
    """Recipients × fiscal years: the census column that applies in each year."""
    if population_columns is None:
        col = "population_persons" if "population_persons" in municipalities.columns else "pop_2020_persons"
        population_columns = {int(fy.min()): col}
    starts = np.array(sorted(population_columns), dtype=int)
    if fy.min() < starts[0]:
        starts[0] = fy.min()  # the first column applies to every earlier year
    pops = np.column_stack([_indicator(municipalities, population_columns[k], key) for k in sorted(population_columns)])
    return pops[:, np.searchsorted(starts, fy, side="right") - 1]


def _check_recipients(municipalities: pd.DataFrame, key: str, tier: str) -> None:
    if tier not in ("municipal", "prefectural"):
        raise ParameterError(f"tier: expected 'municipal' or 'prefectural', found {tier!r}")
    if key not in municipalities.columns:
        raise ParameterError(f"municipalities: expected a key column {key!r}, found {list(municipalities.columns)}")
    i = first_bad_row(municipalities[key].duplicated().to_numpy())
    if i is not None:
        raise ParameterError(f"municipalities: {key} {municipalities[key].iloc[i]!r}: expected one row per recipient, "
                             "found a duplicate")


def allocate(
    municipalities: pd.DataFrame,
    fiscal_years,
    params: AllocationParams,
    *,
    tier: str = "municipal",
    population_columns: Mapping[int, str] | None = None,
    key: str = "code5",
    rounding: bool = True,
) -> pd.DataFrame:
    """Allocate the transfer tax among municipalities (or prefectures) for several fiscal years.

    ``amount = pool × [w_A·A/ΣA + w_W·W/ΣW + w_P·P/ΣP]`` per recipient and year.

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
        :class:`AllocationParams` (:func:`footprint.forest.load_allocation_params`).
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
    _check_recipients(municipalities, key, tier)
    fy = as_years(fiscal_years)
    fyp = fiscal_year_parameters(params, fy)
    P = _population_matrix(municipalities, fy, population_columns, key)  # N × F
    area = _indicator(municipalities, "planted_forest_area_ha", key)
    workers = _indicator(municipalities, "forestry_workers_persons", key)
    ratio = municipalities["forest_ratio"].to_numpy(dtype=float) if "forest_ratio" in municipalities else np.nan
    area_adj = area * forest_ratio_multiplier(ratio, params.forest_ratio)

    wA, wW, wP = (fyp[c].to_numpy() for c in ("w_area", "w_workers", "w_population"))
    pool = fyp[f"{tier}_pool_jpy"].to_numpy()
    parts_a = pool * wA * _shares(area_adj, wA, "planted_forest_area_ha")[:, None]
    parts_w = pool * wW * _shares(workers, wW, "forestry_workers_persons")[:, None]
    parts_p = pool * wP * _shares(P, wP, "population")
    exact = parts_a + parts_w + parts_p
    amount = largest_remainder(exact, pool) if rounding else exact

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


def census_columns(census_2020_from_fy: int = 2022) -> dict[int, str]:
    """Population column by fiscal year: 2015 census before ``census_2020_from_fy``, 2020 census from it.

    The switch year is not confirmed (the 2020 census final results appeared in late 2021).
    """
    return {2019: "pop_2015_persons", int(census_2020_from_fy): "pop_2020_persons"}


def population_shares(municipalities: pd.DataFrame, code: str, fiscal_years, columns: Mapping[int, str]) -> np.ndarray:
    """Share of ``code`` in the national population, per fiscal year (census column per ``columns``):
    ``P_code / ΣP``."""
    fy = as_years(fiscal_years)
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
    """A recipient's receipts from its indicator shares, per fiscal year: ``pool × Σ w_i·s_i``.

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


def region_shares(prefectures: pd.DataFrame, params: AllocationParams, fiscal_years, *,
                  base_fy: int = 2023, population_column: str = "pop_2020_persons") -> pd.DataFrame:
    """Each prefecture region's share of the national pool (prefecture + its municipalities), an ESTIMATE.

    ``share = w_P·s_pop + (1 − w_P)·s_other``. Per-municipality receipts are not published in
    machine-readable form, so the non-population part (area + workers) ``s_other`` is distributed
    as the prefectures' own FY2023 receipts minus their population part (the same weights apply to
    both tiers and a prefecture's indicators are the sums of its municipalities'); the population
    part by census. The area:worker mix of FY2024 (55:20) differs slightly from FY2023's (50:20):
    an approximation.

    Returns ``fiscal_year, pref_code, pref_name, share, population_share, other_share, status``.
    """
    fy = as_years(fiscal_years)
    base = fiscal_year_parameters(params, [base_fy]).iloc[0]
    pool = float(base["prefectural_pool_jpy"])
    pop = prefectures[population_column].to_numpy(dtype=float)
    s_pop = pop / pop.sum()
    residual = prefectures["receipts_fy2023_jpy"].to_numpy(dtype=float) - pool * base["w_population"] * s_pop
    i = first_bad_row(residual < 0)
    if i is not None:
        raise ParameterError(f"prefecture {prefectures['pref_code'].iloc[i]!r}: expected FY{base_fy} receipts above "
                             f"the population part, found a residual of {residual[i]:,.0f} yen")
    s_other = residual / residual.sum()
    wP = fiscal_year_parameters(params, fy)["w_population"].to_numpy()
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
