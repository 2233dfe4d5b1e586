"""City footprint by downscaling the national consumption land-use matrix (CLUM).

The recipe of the Kyoto 2016 study and of Baabou et al. 2017 (*Env. Sci. & Policy* 69:94):

* a national **CLUM** for Japan (rows: household food, housing, personal transport, goods,
  services, government, gross fixed capital formation; columns: the six land types; gha per
  person). GFN's own Japanese CLUM is licensed, so the default here is **estimated** by
  biproportional balancing (:func:`ras`) of a documented prior structure to published margins
  (:func:`estimate_clum`); a user may supply a CLUM file instead (:func:`read_clum`);
* each household row is scaled by the city-to-nation ratio of per-person consumption
  expenditure of that row (家計調査, two-or-more-person households, 3-year means;
  :func:`spending_ratios`, mapping :data:`SURVEY_TO_CLUM`); government and capital formation
  keep their national per-person values (:func:`downscale`);
* city biocapacity = Σ area × Japan's yield factor × equivalence factor (:func:`city_biocapacity`);
* where the footprint lands (city / rest of Japan / abroad, :func:`origin_split`): the part
  imported is the national import share ``I / (P + I)`` of each land type (exports drawn
  proportionally from production and imports); the domestic rest is met first by the city's
  own biocapacity (an upper bound of the city's share), the remainder by the rest of Japan;
* uncertainty by a seeded, vectorised Monte Carlo (:func:`simulate`) over the CLUM prior and
  shares, survey sampling noise, the national stand-in, household size and land-use areas.

Everything here is pure: tables and parameters in, arrays, tables or frozen results out. The
loaders (:func:`load_inputs` and the ``read_*`` functions) are the only functions that read files;
:func:`osaka_origin_table`, :func:`osaka_carbon_footprint` and :func:`osaka_headline` are
convenience entry points for other modules that load the shipped inputs first.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd

from footprint import accounts
from footprint.accounts import LAND_TYPES
from footprint.core import Column, check_unique, read_raw_csv, read_user_csv, suggest, validate
from footprint.core.errors import DataFileError, ParameterError

# --------------------------------------------------------------------------------------------
# constants: rows, categories, files
# --------------------------------------------------------------------------------------------

HH_ROWS: tuple[str, ...] = ("food", "housing", "personal_transport", "goods", "services")
CLUM_ROWS: tuple[str, ...] = (*HH_ROWS, "government", "gfcf")
ORIGINS: tuple[str, ...] = ("city", "rest_of_japan", "abroad")

#: the 10 major categories of the 家計調査 by-purpose classification (用途分類), in survey order
SURVEY_CATEGORIES: tuple[str, ...] = (
    "food",
    "housing",
    "fuel_light_water",
    "furniture_household",
    "clothing_footwear",
    "medical_care",
    "transport_communication",
    "education",
    "culture_recreation",
    "other",
)

#: survey category -> {household CLUM row: weight}; the weights of each category sum to 1.
#: GFN's Housing row includes household energy and water, so 光熱・水道 goes there. Known
#: approximations: 交通・通信 includes communication (a service) and goes wholly to personal
#: transport; 保健医療 and 教養娯楽 include some goods and go to services; その他の消費支出
#: (personal care, pocket money, gifts, remittances) goes to services.
SURVEY_TO_CLUM: dict[str, dict[str, float]] = {
    "food": {"food": 1.0},
    "housing": {"housing": 1.0},
    "fuel_light_water": {"housing": 1.0},
    "furniture_household": {"goods": 1.0},
    "clothing_footwear": {"goods": 1.0},
    "medical_care": {"services": 1.0},
    "transport_communication": {"personal_transport": 1.0},
    "education": {"services": 1.0},
    "culture_recreation": {"services": 1.0},
    "other": {"services": 1.0},
}

OSAKA = "大阪市"
NATIONAL = "全国"
DEFAULT_YEAR = 2022  # latest year of the NFA 2025 edition that is not a nowcast
DEFAULT_SEED = 2026
WINDOW_YEARS = 3

KAKEI_FILE = "kakei/kakei_capital_cities_two_or_more_monthly_2012_2023.csv"
NATIONAL_SPENDING_FILE = "kakei/kakei_two_or_more_monthly_supplement_long.csv"
HOUSEHOLD_SIZE_FILE = "kakei/kakei_household_size_ssdse_c_2026.csv"
OSAKA_BASICS_FILE = "kakei/osaka_city_basics_ssdse_a_2026.csv"
CITIES_FILE = "kakei/capital_cities_census_population_area.csv"
LAND_USE_FILE = "kakei/osaka_land_use_estimate.csv"
PRIOR_FILE = "clum/clum_prior_profiles.csv"
SHARES_FILE = "clum/clum_margin_shares.csv"
CARBON_FILE = "clum/carbon_uptake_parameters.csv"

KAKEI_SOURCE = (
    "Statistics Bureau of Japan, Family Income and Expenditure Survey (two-or-more-person households, by purpose) "
    "via NSTAC SSDSE-B-2026 / SSDSE-E; MIC settlement cards FY2023 (census 2015, 2020)"
)
CLUM_SOURCE = (
    "CLUM estimated by RAS: prior from GFN (2012) Philippines CLUM 2008; margins from Lo et al. (2025) NFA 2025 "
    "edition, WWF Japan (2012) household share, Nansai et al. (2020) 3EID GHG shares"
)
SOURCE = f"{CLUM_SOURCE}; {KAKEI_SOURCE}"

# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------


def mapping_matrix(mapping: Mapping[str, Mapping[str, float]] = SURVEY_TO_CLUM) -> np.ndarray:
    """The survey-to-CLUM mapping as a (10 categories × 5 household rows) matrix.

    Raises :class:`ParameterError` if a category is missing or unknown, a row is unknown, a
    weight is negative, or a category's weights do not sum to 1.
    """
    unknown = sorted(set(mapping) - set(SURVEY_CATEGORIES))
    missing = [c for c in SURVEY_CATEGORIES if c not in mapping]
    if unknown or missing:
        raise ParameterError(f"survey mapping: expected the categories {list(SURVEY_CATEGORIES)}; "
                             f"unknown {unknown}, missing {missing}")
    m = np.zeros((len(SURVEY_CATEGORIES), len(HH_ROWS)))
    for i, cat in enumerate(SURVEY_CATEGORIES):
        for row, w in mapping[cat].items():
            if row not in HH_ROWS:
                raise ParameterError(f"survey mapping, category {cat!r}: expected a row among {list(HH_ROWS)}, "
                                     f"found {row!r} (close: {suggest(row, HH_ROWS)})")
            if w < 0:
                raise ParameterError(f"survey mapping, category {cat!r}: expected weights >= 0, found {w}")
            m[i, HH_ROWS.index(row)] = w
    bad = np.flatnonzero(np.abs(m.sum(axis=1) - 1.0) > 1e-9)
    if bad.size:
        cat = SURVEY_CATEGORIES[bad[0]]
        raise ParameterError(f"survey mapping, category {cat!r}: expected weights summing to 1, found {m[bad[0]].sum():g}")
    return m


def _group_matrix() -> np.ndarray:
    """CLUM rows (7) × margin groups (households, government, capital formation)."""
    g = np.zeros((len(CLUM_ROWS), 3))
    g[: len(HH_ROWS), 0] = 1.0
    g[CLUM_ROWS.index("government"), 1] = 1.0
    g[CLUM_ROWS.index("gfcf"), 2] = 1.0
    return g


def _quantiles(a: np.ndarray, axis: int = -1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    q = np.nanquantile(a, [0.5, 0.05, 0.95], axis=axis)
    return q[0], q[1], q[2]


# --------------------------------------------------------------------------------------------
# RAS / iterative proportional fitting
# --------------------------------------------------------------------------------------------


def ras(
    prior,
    row_totals,
    col_totals,
    groups: Sequence[int] | np.ndarray | None = None,
    *,
    tol: float = 1e-12,
    max_iter: int = 2000,
) -> np.ndarray:
    """Biproportional balancing (RAS, iterative proportional fitting) of ``prior`` to two margins.

    Parameters
    ----------
    prior : array (..., R, L)
        Non-negative prior matrix (any leading batch dimensions, e.g. Monte Carlo draws).
    row_totals : array (..., G)
        Target sums of the row groups (with ``groups=None`` every row is its own group, G = R).
    col_totals : array (..., L) or (L,)
        Target column sums.
    groups : sequence of R ints in ``0..G-1``, optional
        Row groups whose *sum* is constrained (the rows inside a group keep the prior's relative
        structure as far as the column margins allow).
    tol : float
        Convergence tolerance on the largest relative margin error.

    Returns
    -------
    array (..., R, L)
        The matrix closest to ``prior`` (minimum information distance) with the given margins.
        Zero cells of the prior stay zero.

    Raises
    ------
    ParameterError
        Negative cells or targets, margins whose grand totals differ, a positive target on a
        row group or column whose prior is all zero, or no convergence.
    """
    x = np.array(prior, dtype=float, copy=True)
    if x.ndim < 2:
        raise ParameterError(f"RAS: expected a matrix (..., rows, columns), found shape {x.shape}")
    n_rows, n_cols = x.shape[-2:]
    grp = np.arange(n_rows) if groups is None else np.asarray(groups, dtype=int)
    if grp.shape != (n_rows,) or grp.min() < 0:
        raise ParameterError(f"RAS: expected {n_rows} group indices >= 0, found {grp.tolist()}")
    n_groups = int(grp.max()) + 1
    gmat = np.zeros((n_rows, n_groups))
    gmat[np.arange(n_rows), grp] = 1.0
    r = np.broadcast_to(np.asarray(row_totals, dtype=float), (*x.shape[:-2], n_groups))
    c = np.broadcast_to(np.asarray(col_totals, dtype=float), (*x.shape[:-2], n_cols))
    if np.any(x < 0) or np.any(r < 0) or np.any(c < 0):
        raise ParameterError("RAS: expected a non-negative prior and non-negative margins, found a negative value")
    total = c.sum(axis=-1)
    if np.any(np.abs(r.sum(axis=-1) - total) > 1e-9 * np.maximum(total, 1e-300)):
        raise ParameterError(
            f"RAS: expected row and column margins with the same grand total, found {float(np.ravel(r.sum(-1))[0]):.6g} "
            f"and {float(np.ravel(total)[0]):.6g}"
        )
    if np.any((x.sum(axis=-1) @ gmat == 0) & (r > 0)) or np.any((x.sum(axis=-2) == 0) & (c > 0)):
        raise ParameterError("RAS: a row group or column with a positive target has an all-zero prior")
    scale = np.maximum(total, 1e-300)[..., None]
    for it in range(1, max_iter + 1):
        gs = x.sum(axis=-1) @ gmat
        f = np.divide(r, gs, out=np.ones_like(gs), where=gs > 0)
        x *= (f @ gmat.T)[..., None]
        cs = x.sum(axis=-2)
        f = np.divide(c, cs, out=np.ones_like(cs), where=cs > 0)
        x *= f[..., None, :]
        err = np.abs(x.sum(axis=-1) @ gmat - r) / scale
        if it % 5 == 0 or it == 1:
            if float(err.max(initial=0.0)) < tol:
                return x
    raise ParameterError(f"RAS did not converge in {max_iter} iterations (largest relative error {err.max():.2e})")


# --------------------------------------------------------------------------------------------
# the national CLUM
# --------------------------------------------------------------------------------------------


def clum_row_weights(shares: pd.DataFrame) -> pd.Series:
    """Row weights of the prior: Japan's consumption-based GHG shares (3EID) summed per CLUM row.

    Items without a CLUM row (その他) are dropped and the rest renormalised to sum to 1.
    """
    ghg = shares[shares["basis"] == "consumption-based GHG"]
    ghg = ghg[ghg["clum_row"].notna() & (ghg["clum_row"] != "")]
    w = ghg.groupby("clum_row")["share_pct"].sum().reindex(list(CLUM_ROWS))
    if w.isna().any():
        raise DataFileError(SHARES_FILE, f"a GHG share for every CLUM row {list(CLUM_ROWS)}",
                            f"none for {w.index[w.isna()].tolist()}")
    return w / w.sum()


def household_share(shares: pd.DataFrame) -> tuple[float, float, float]:
    """Household share of Japan's footprint: (central, low, high) as fractions."""
    hit = shares[shares["clum_row"] == "household"]
    if len(hit) != 1:
        raise DataFileError(SHARES_FILE, "one row with clum_row 'household'", f"{len(hit)} rows")
    row = hit.iloc[0]
    return float(row["share_pct"]) / 100, float(row["low_pct"]) / 100, float(row["high_pct"]) / 100


def estimate_clum(profiles, row_weights, hh_share, col_totals) -> np.ndarray:
    """Estimated CLUM (gha per person) by grouped RAS of a prior to published margins.

    Prior cell ``X0[r, l] = g[r] · p[r, l] / p[r, carbon]``: the carbon cell of each row is its
    share ``g`` of Japan's consumption-based GHG (3EID, the best published proxy for the carbon
    column) and the row's other cells follow its land-type profile ``p`` relative to carbon.
    Margins: the column totals are Japan's footprint of consumption by land type; the row groups
    are households (``hh_share`` of the total), government and capital formation (the rest,
    split in proportion to their row weights). Inside the household group the split among the
    five categories is left to the prior (no Japanese footprint shares by category are public).

    Parameters
    ----------
    profiles : array (..., 7, 6)
        Land-type profile of each CLUM row (any positive scale per row).
    row_weights : array (..., 7)
        Shares of consumption-based GHG by CLUM row (any scale).
    hh_share : float or array (...)
        Households' share of the total footprint.
    col_totals : array (6,) or (..., 6)
        National footprint of consumption by land type (gha per person).
    """
    p = np.asarray(profiles, dtype=float)
    w = np.asarray(row_weights, dtype=float)
    c = np.asarray(col_totals, dtype=float)
    h = np.asarray(hh_share, dtype=float)
    ic = LAND_TYPES.index("carbon")
    if np.any(p[..., ic] <= 0):
        raise ParameterError("estimate_clum: expected a positive carbon share in every row profile")
    prior = w[..., :, None] * p / p[..., ic : ic + 1]
    total = c.sum(axis=-1)
    ig, ik = CLUM_ROWS.index("government"), CLUM_ROWS.index("gfcf")
    gov_frac = w[..., ig] / (w[..., ig] + w[..., ik])
    rest = (1 - h) * total
    row_totals = np.stack(np.broadcast_arrays(h * total, rest * gov_frac, rest * (1 - gov_frac)), axis=-1)
    groups = np.argmax(_group_matrix(), axis=1)
    return ras(prior, row_totals, c, groups)


def clum_frame(matrix, status: str = "estimated", source: str = CLUM_SOURCE) -> pd.DataFrame:
    """A (7 × 6) CLUM array as a table: ``clum_row`` × land types (gha per person), ``total``, status, source."""
    df = pd.DataFrame(np.asarray(matrix, dtype=float), index=pd.Index(CLUM_ROWS, name="clum_row"),
                      columns=list(LAND_TYPES))
    df["total"] = df[list(LAND_TYPES)].sum(axis=1)
    df["status"] = status
    df["source"] = source
    return df


def clum_column_check(clum, national_ef) -> pd.DataFrame:
    """Column totals of a CLUM against the national footprint by land type (gha per person).

    Returns one row per land type (and ``total``) with ``clum_gha_per_cap``,
    ``national_gha_per_cap``, ``difference_gha_per_cap`` and ``relative_difference``.
    """
    m = np.asarray(clum, dtype=float)
    nat = np.asarray(national_ef, dtype=float)
    col = m.sum(axis=0)
    out = pd.DataFrame({"land_type": [*LAND_TYPES, "total"],
                        "clum_gha_per_cap": [*col, col.sum()],
                        "national_gha_per_cap": [*nat, nat.sum()]})
    out["difference_gha_per_cap"] = out["clum_gha_per_cap"] - out["national_gha_per_cap"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["relative_difference"] = out["difference_gha_per_cap"] / out["national_gha_per_cap"]
    return out


_CLUM_SCHEMA = [Column("clum_row", "str"), *[Column(lt, "float", min=0) for lt in LAND_TYPES],
                Column("source", "str"), Column("status", "str", choices=("published", "derived", "estimated",
                                                                          "illustrative"))]


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
    rows = out["clum_row"].tolist()
    unknown = [(i, r) for i, r in enumerate(rows) if r not in CLUM_ROWS]
    if unknown:
        i, r = unknown[0]
        raise DataFileError(file, f"clum_row one of {list(CLUM_ROWS)}", repr(r), row=i + 2,
                            hint=f"close: {suggest(r, CLUM_ROWS)}")
    check_unique(out, ["clum_row"], file)
    absent = [r for r in CLUM_ROWS if r not in rows]
    if absent:
        raise DataFileError(file, f"{len(CLUM_ROWS)} rows {list(CLUM_ROWS)}", f"{len(rows)} rows; missing {absent}")
    return out.set_index("clum_row").loc[list(CLUM_ROWS)]


def read_clum(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read and validate a CLUM supplied by the user (see :func:`validate_clum` for the format)."""
    from footprint.core import paths

    p = paths.resolve(path)
    from footprint.core import read_csv_text

    return validate_clum(read_csv_text(p), p)


# --------------------------------------------------------------------------------------------
# household spending: national stand-in, 3-year ratios, sampling noise
# --------------------------------------------------------------------------------------------


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

    Used as the standard deviation of the stand-in's error in the Monte Carlo (derived).
    """
    stand = national_standin(spending)
    both = published.reindex(index=stand.index).stack().dropna()
    if both.empty:
        return 0.0
    s = stand.stack().reindex(both.index)
    return float(np.sqrt(np.mean(np.log(s / both) ** 2)))


def window(year: int, years: Iterable[int], width: int = WINDOW_YEARS) -> list[int]:
    """The survey years averaged for ``year``: ``year - width + 1 … year`` that have data."""
    ys = set(int(y) for y in years)
    return [y for y in range(year - width + 1, year + 1) if y in ys]


def spending_ratios(city_spending, national_spending, city_household_size, national_household_size,
                    mapping=None) -> np.ndarray:
    """City-to-nation ratios of per-person spending for the five household CLUM rows.

    Parameters
    ----------
    city_spending, national_spending : array (..., 10)
        Spending per household per month by survey category (e.g. 3-year means).
    city_household_size, national_household_size : float or array (...)
        Persons per household.
    mapping : array (10, 5), optional
        Survey-to-CLUM weights (:func:`mapping_matrix`).

    Returns
    -------
    array (..., 5)
        ``(e_city · M / n_city) / (e_nat · M / n_nat)`` per household row.
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
    sd = (resid**2).groupby(level="city").sum().div(n_years - 1, axis=0) ** 0.5
    return sd


# --------------------------------------------------------------------------------------------
# downscaling, biocapacity, origin, indicators
# --------------------------------------------------------------------------------------------


def downscale(clum, hh_ratios) -> np.ndarray:
    """City CLUM per person: household rows × their ratio; government and capital formation unchanged.

    ``clum``: (..., 7, 6) gha per person; ``hh_ratios``: (..., 5). Returns (..., 7, 6).
    """
    m = np.asarray(clum, dtype=float)
    r = np.asarray(hh_ratios, dtype=float)
    full = np.concatenate([r, np.ones((*r.shape[:-1], len(CLUM_ROWS) - len(HH_ROWS)))], axis=-1)
    return m * full[..., :, None]


def city_biocapacity(area_ha, yield_factors, equivalence_factors) -> np.ndarray:
    """Biocapacity (gha) by land type: ``A · YF · EQF``; carbon uptake land has none (0).

    Arrays over the six land types (carbon's area, YF or EQF may be anything: its BC is 0).
    """
    a = np.asarray(area_ha, dtype=float)
    yf = np.nan_to_num(np.asarray(yield_factors, dtype=float))
    eqf = np.asarray(equivalence_factors, dtype=float)
    bc = a * yf * eqf
    bc[..., LAND_TYPES.index("carbon")] = 0.0
    return bc


def import_shares(ef_production, ef_imports) -> np.ndarray:
    """Share of each land type's consumption footprint met abroad: ``I / (P + I)`` (0 where both are 0)."""
    p = np.asarray(ef_production, dtype=float)
    i = np.asarray(ef_imports, dtype=float)
    s = p + i
    return np.divide(i, s, out=np.zeros_like(s), where=s > 0)


def origin_split(ef_gha, bc_gha, abroad_share) -> np.ndarray:
    """Split a city's footprint by land type into city / rest of Japan / abroad (gha).

    ``ef_gha``, ``bc_gha``: (..., 6); ``abroad_share``: (6,). The abroad part is
    ``EF · a``; the domestic part ``EF · (1 − a)`` is met by the city's own biocapacity first
    (at most its biocapacity), the rest by the rest of Japan. Returns (..., 6, 3) with the last
    axis in :data:`ORIGINS` order; it sums to ``ef_gha``.
    """
    ef = np.asarray(ef_gha, dtype=float)
    bc = np.asarray(bc_gha, dtype=float)
    a = np.asarray(abroad_share, dtype=float)
    abroad = ef * a
    domestic = ef - abroad
    city = np.minimum(np.nan_to_num(bc), domestic)
    return np.stack([city, domestic - city, abroad], axis=-1)


@dataclass(frozen=True)
class YearContext:
    """National and world numbers of one year that the city calculation needs (land-type arrays)."""

    year: int
    ef_consumption_pc: np.ndarray  # (6,) Japan, gha per person
    ef_production_pc: np.ndarray
    ef_imports_pc: np.ndarray
    yield_factors: np.ndarray  # (6,) Japan; carbon NaN
    equivalence_factors: np.ndarray  # (6,)
    japan_population: float
    japan_bc_pc: float
    world_ef_pc: np.ndarray  # (6,)
    world_bc_pc: float


def national_contexts(nfa: pd.DataFrame) -> dict[int, YearContext]:
    """Japan's and the World's numbers for every year of the NFA table (one pass; a few ms)."""
    sub = nfa[nfa["country_code"].isin([accounts.JAPAN_CODE, accounts.WORLD_CODE])]
    lt = list(LAND_TYPES)
    mats = accounts.matrices(sub, [accounts.JAPAN_CODE, accounts.WORLD_CODE])  # one pivot for every record

    def rec(code, record, basis="per_cap"):
        return mats[(code, record, basis)]

    jp = {r: rec(accounts.JAPAN_CODE, r) for r in ("ef_consumption", "ef_production", "ef_imports", "biocapacity")}
    world = {r: rec(accounts.WORLD_CODE, r) for r in ("ef_consumption", "biocapacity")}
    eqf_all = accounts._equivalence_factors(rec(accounts.WORLD_CODE, "biocapacity", "total"),
                                            rec(accounts.WORLD_CODE, "area", "total"))
    yf = accounts._yield_factors(rec(accounts.JAPAN_CODE, "biocapacity", "total"),
                                 rec(accounts.JAPAN_CODE, "area", "total"), eqf_all).reindex(columns=lt)
    eqf = eqf_all[lt]
    pop = (sub[(sub["country_code"] == accounts.JAPAN_CODE) & (sub["record"] == "ef_consumption")]
           .drop_duplicates("year").set_index("year")["population"])
    years = sorted(set(jp["ef_consumption"].index) & set(world["biocapacity"].index) & set(eqf.index))

    def by_year(frame, cols):  # rows of ``years`` as one array (one lookup per table, not per year)
        return frame.loc[years, cols].to_numpy(dtype=float)

    ef_c, ef_p, ef_i = (by_year(jp[r], lt) for r in ("ef_consumption", "ef_production", "ef_imports"))
    yf_a, eqf_a, w_ef = by_year(yf, yf.columns), by_year(eqf, eqf.columns), by_year(world["ef_consumption"], lt)
    jp_bc, w_bc = by_year(jp["biocapacity"], ["total"])[:, 0], by_year(world["biocapacity"], ["total"])[:, 0]
    pop_a = pop.loc[years].to_numpy(dtype=float)
    return {
        int(y): YearContext(
            year=int(y),
            ef_consumption_pc=ef_c[i].copy(),
            ef_production_pc=ef_p[i].copy(),
            ef_imports_pc=ef_i[i].copy(),
            yield_factors=yf_a[i].copy(),
            equivalence_factors=eqf_a[i].copy(),
            japan_population=float(pop_a[i]),
            japan_bc_pc=float(jp_bc[i]),
            world_ef_pc=w_ef[i].copy(),
            world_bc_pc=float(w_bc[i]),
        )
        for i, y in enumerate(years)
    }


def year_context(inputs: CityInputs, year: int) -> YearContext:
    """One year's Japan and World numbers."""
    try:
        return inputs.national[int(year)]
    except KeyError:
        ys = sorted(inputs.national)
        raise ParameterError(f"year {year}: not in the national accounts ({accounts.NFA_EDITION}); "
                             f"available {ys[0]}–{ys[-1]}") from None


INDICATORS: dict[str, str] = {
    "ef_gha_per_cap": "gha per person",
    "ef_gha": "gha",
    "bc_gha": "gha",
    "bc_gha_per_cap": "gha per person",
    "deficit_gha": "gha",
    "earths": "Earths",
    "times_biocapacity": "× city biocapacity",
    "times_area": "gha per ha of city area",
    "overshoot_day": "day of year",
    "share_outside_city": "fraction",
}


def indicators(ef_lt_pc, bc_lt_gha, population, area_ha, world_bc_pc, abroad_share) -> dict[str, np.ndarray]:
    """Headline numbers from the footprint and biocapacity by land type (vectorised over draws).

    ``ef_lt_pc``: (..., 6) gha per person; ``bc_lt_gha``: (..., 6) gha (NaN if unknown).
    Earths = EF per person ÷ world biocapacity per person; overshoot day = 365 × world
    biocapacity per person ÷ EF per person (GFN's convention); ``times_area`` compares gha
    with physical hectares (the convention behind Tokyo's "125×"); ``share_outside_city`` =
    1 − (part met by the city's biocapacity, :func:`origin_split`) ÷ EF.
    """
    ef_pc_lt = np.asarray(ef_lt_pc, dtype=float)
    bc = np.asarray(bc_lt_gha, dtype=float)
    pop = np.asarray(population, dtype=float)
    ef_pc = ef_pc_lt.sum(axis=-1)
    ef = ef_pc * pop
    bc_tot = bc.sum(axis=-1)
    split = origin_split(ef_pc_lt * pop[..., None], bc, abroad_share)
    inside = split[..., 0].sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            "ef_gha_per_cap": ef_pc,
            "ef_gha": ef,
            "bc_gha": bc_tot,
            "bc_gha_per_cap": bc_tot / pop,
            "deficit_gha": ef - bc_tot,
            "earths": ef_pc / world_bc_pc,
            "times_biocapacity": ef / bc_tot,
            "times_area": ef / np.asarray(area_ha, dtype=float),
            "overshoot_day": 365.0 * world_bc_pc / ef_pc,
            "share_outside_city": np.where(np.isnan(bc_tot), np.nan, 1.0 - inside / ef),
        }


# --------------------------------------------------------------------------------------------
# inputs: loaders (the only I/O of this module)
# --------------------------------------------------------------------------------------------

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
    Column("source", "str"), Column("status", "str", choices=("published", "derived", "estimated", "illustrative")),
]
_PRIOR_SCHEMA = [Column("clum_row", "str"), *[Column(lt, "float", min=0) for lt in LAND_TYPES],
                 Column("source", "str"), Column("status", "str")]
_SHARES_SCHEMA = [Column("item", "str"), Column("clum_row", "str", allow_na=True), Column("share_pct", "float", min=0),
                  Column("low_pct", "float", min=0, allow_na=True), Column("high_pct", "float", min=0, allow_na=True),
                  Column("basis", "str"), Column("source", "str"), Column("status", "str")]
_CARBON_SCHEMA = [Column("parameter", "str"), Column("value", "float", min=0), Column("low", "float", min=0),
                  Column("high", "float", min=0), Column("source", "str"), Column("status", "str")]


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
    carbon: pd.DataFrame  # index parameter: value, low, high
    clum: pd.DataFrame | None = None  # a user-supplied CLUM (validate_clum), or None for the estimate
    clum_file: str = ""
    land_use_file: str = LAND_USE_FILE

    # convenient views -----------------------------------------------------------------------
    @property
    def city_names(self) -> list[str]:
        return self.cities.index.tolist()

    # derived tables, computed on first use from this object's own (immutable) tables; a copy made
    # with dataclasses.replace starts without them, so old and new inputs never mix
    @cached_property
    def national_values(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """:func:`national_spending` of these inputs: (values, status)."""
        return national_spending(self.spending, self.national_published)

    @cached_property
    def noise(self) -> pd.DataFrame:
        """:func:`survey_noise` of these inputs."""
        return survey_noise(self.spending)

    @cached_property
    def standin_sd(self) -> float:
        """:func:`standin_error` of these inputs."""
        return standin_error(self.spending, self.national_published)

    @cached_property
    def _memo(self) -> dict:
        """Lookups derived from these inputs, filled on first use (window means, land use, the central CLUM)."""
        return {}

    @cached_property
    def _spending_rows(self) -> tuple[dict[tuple[str, int], int], np.ndarray]:
        """``({(city, year): row}, spending as a float array)``: per-city windows without pandas lookups."""
        idx = self.spending.index
        keys = zip(idx.get_level_values("city"), idx.get_level_values("year").astype(int), strict=True)
        return {k: i for i, k in enumerate(keys)}, self.spending.to_numpy(dtype=float)

    @property
    def years(self) -> list[int]:
        """Years with both survey data and national accounts."""
        sy = set(self.spending.index.get_level_values("year").unique())
        ny = set(self.national)
        return sorted(int(y) for y in sy & ny)


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
    df = read_raw_csv(relpath, _HH_SCHEMA)
    return df.set_index("area")


def read_cities(relpath: str = CITIES_FILE) -> pd.DataFrame:
    df = read_raw_csv(relpath, _CITIES_SCHEMA, dtype={"pref_code": str, "code5": str})
    check_unique(df, ["capital_city"], relpath)
    df["area_ha"] = df["area_km2"] * 100.0
    return df.rename(columns={"capital_city": "city"}).set_index("city")


def read_land_use(path: str = LAND_USE_FILE, user: bool = False) -> pd.DataFrame:
    """Land-use areas by city and land type (ha, with a low-high range). ``user``: a file outside data/raw."""
    df = read_user_csv(path, _LAND_SCHEMA) if user else read_raw_csv(path, _LAND_SCHEMA)
    check_unique(df, ["city", "land_type"], path)
    bad = (df["area_ha_low"] > df["area_ha"]) | (df["area_ha"] > df["area_ha_high"])
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataFileError(path, "area_ha_low <= area_ha <= area_ha_high",
                            f"{df['area_ha_low'].iloc[i]:g}, {df['area_ha'].iloc[i]:g}, {df['area_ha_high'].iloc[i]:g}",
                            row=i + 2)
    return df


def read_prior(relpath: str = PRIOR_FILE) -> pd.DataFrame:
    df = read_raw_csv(relpath, _PRIOR_SCHEMA)
    check_unique(df, ["clum_row"], relpath)
    missing = [r for r in CLUM_ROWS if r not in set(df["clum_row"])]
    if missing:
        raise DataFileError(relpath, f"a profile for every CLUM row {list(CLUM_ROWS)}", f"missing {missing}")
    df = df.set_index("clum_row").loc[list(CLUM_ROWS)]
    if (df[list(LAND_TYPES)].sum(axis=1) <= 0).any():
        raise DataFileError(relpath, "a positive profile in every row", "a row of zeros")
    return df


def read_shares(relpath: str = SHARES_FILE) -> pd.DataFrame:
    return read_raw_csv(relpath, _SHARES_SCHEMA, keep_default_na=False, na_values=[""])


def read_carbon_parameters(relpath: str = CARBON_FILE) -> pd.DataFrame:
    return read_raw_csv(relpath, _CARBON_SCHEMA).set_index("parameter")


def load_inputs(clum_file: str = "", land_use_file: str = "", nfa: pd.DataFrame | None = None) -> CityInputs:
    """Load and validate every input (checksum-verified raw files; optional user CLUM and land-use files).

    ``clum_file``: empty = the estimated default CLUM; otherwise a CSV in the format of
    :func:`validate_clum`. ``land_use_file``: empty = the shipped Osaka estimate; otherwise a CSV
    with columns ``city, land_type, area_ha, area_ha_low, area_ha_high, source, status``.
    """
    return CityInputs(
        spending=read_spending(),
        national_published=read_national_spending(),
        household_size=read_household_size(),
        cities=read_cities(),
        land_use=read_land_use(land_use_file, user=True) if land_use_file else read_land_use(),
        national=national_contexts(accounts.load_nfa() if nfa is None else nfa),
        prior=read_prior(),
        shares=read_shares(),
        carbon=read_carbon_parameters(),
        clum=read_clum(clum_file) if clum_file else None,
        clum_file=str(clum_file),
        land_use_file=str(land_use_file or LAND_USE_FILE),
    )


@lru_cache(maxsize=1)
def default_inputs() -> CityInputs:
    """The shipped inputs, loaded once per process on first use (nothing is loaded at import)."""
    return load_inputs()


# --------------------------------------------------------------------------------------------
# resolving names and years
# --------------------------------------------------------------------------------------------


def resolve_city(inputs: CityInputs, name: str) -> str:
    """The Japanese name of a prefectural capital from its Japanese or English name or prefecture code."""
    s = str(name).strip()
    cities = inputs.cities
    if s in cities.index:
        return s
    by_en = {str(e).lower(): c for c, e in zip(cities.index, cities["city_en"], strict=True)}
    by_en.update({str(e).lower().removesuffix(" (23 wards)"): c for c, e in zip(cities.index, cities["city_en"],
                                                                                 strict=True)})
    by_code = dict(zip(cities["pref_code"], cities.index, strict=True))
    for key in (s.lower(), s.lower().removesuffix(" city"), s + "市"):
        if key in by_en:
            return by_en[key]
        if key in cities.index:
            return key
    if s.zfill(2) in by_code and s.isdigit():
        return by_code[s.zfill(2)]
    valid = [f"{c} ({e})" for c, e in zip(cities.index, cities["city_en"], strict=True)]
    close = suggest(s, [*cities.index, *cities["city_en"]])
    raise ParameterError(
        f"unknown city {s!r}: expected one of the 47 prefectural capitals of the household survey "
        f"(close matches: {close or 'none'}); valid names: {', '.join(valid)}"
    )


def resolve_year(inputs: CityInputs, year: int | None) -> int:
    if year is None:
        return DEFAULT_YEAR
    ys = inputs.years
    if int(year) not in ys:
        raise ParameterError(f"year {year}: expected a year with household-survey data and national accounts, "
                             f"{ys[0]}–{ys[-1]}")
    return int(year)


def population(inputs: CityInputs, city: str, year: int) -> float:
    """City population: census 2015 and 2020, linear in between, held at the nearest census outside."""
    cities = inputs.cities
    p15, p20 = float(cities.at[city, "population_2015_persons"]), float(cities.at[city, "population_2020_persons"])
    t = min(max((year - 2015) / 5.0, 0.0), 1.0)
    return p15 + t * (p20 - p15)


# --------------------------------------------------------------------------------------------
# central estimate
# --------------------------------------------------------------------------------------------


def default_clum(inputs: CityInputs, ctx: YearContext) -> np.ndarray:
    """The central CLUM of the year (gha per person): the user's file, or the RAS estimate."""
    if inputs.clum is not None:
        return inputs.clum[list(LAND_TYPES)].to_numpy(dtype=float)
    key = ("clum", ctx.ef_consumption_pc.tobytes())  # the estimate depends on the year only through this
    if key not in inputs._memo:
        profiles = inputs.prior[list(LAND_TYPES)].to_numpy(dtype=float)
        weights, (h, _, _) = _clum_margins(inputs)
        inputs._memo[key] = estimate_clum(profiles, weights, h, ctx.ef_consumption_pc)
    return inputs._memo[key].copy(order="K")  # same memory layout as the estimate (sums depend on it)


def _clum_margins(inputs: CityInputs) -> tuple[np.ndarray, tuple[float, float, float]]:
    """:func:`clum_row_weights` (as an array) and :func:`household_share` of the inputs' shares (memoised)."""
    if "margins" not in inputs._memo:
        inputs._memo["margins"] = (clum_row_weights(inputs.shares).to_numpy(), household_share(inputs.shares))
    w, h = inputs._memo["margins"]
    return w.copy(), h


def clum_status(inputs: CityInputs) -> str:
    if inputs.clum is None:
        return "estimated"
    order = ("published", "derived", "estimated", "illustrative")
    return max(inputs.clum["status"], key=order.index)


def _window_means(inputs: CityInputs, city: str, year: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[int]]:
    """3-year mean spending of the city and the nation (10,), the stand-in fraction per category, the years."""
    memo = inputs._memo
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
        rows, values = inputs._spending_rows
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


def land_use_arrays(inputs: CityInputs, city: str) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(area, low, high) in ha by land type (6,; carbon 0) or None if the city has no land-use rows."""
    key = ("land_use", city)
    if key not in inputs._memo:
        lu = inputs.land_use[inputs.land_use["city"] == city]
        if lu.empty:
            inputs._memo[key] = None
        else:
            t = lu.set_index("land_type").reindex(list(LAND_TYPES)).fillna({"area_ha": 0.0, "area_ha_low": 0.0,
                                                                            "area_ha_high": 0.0})
            inputs._memo[key] = (t["area_ha"].to_numpy(dtype=float), t["area_ha_low"].to_numpy(dtype=float),
                                 t["area_ha_high"].to_numpy(dtype=float))
    hit = inputs._memo[key]
    return None if hit is None else tuple(a.copy() for a in hit)


@dataclass(frozen=True)
class CityFootprint:
    """Central estimate for one city and year (no Monte Carlo).

    ``clum_national`` and ``clum_city``: CLUM row × land type, gha per person; ``ratios``: the
    household-row spending ratios; ``biocapacity``: land type × (area_ha, yield_factor,
    equivalence_factor, bc_gha); ``origin``: land type × origin (gha); ``headline``: indicators.
    """

    city: str
    city_en: str
    year: int
    population: float
    area_ha: float
    window_years: tuple[int, ...]
    clum_national: pd.DataFrame
    clum_city: pd.DataFrame
    ratios: pd.Series
    biocapacity: pd.DataFrame | None
    origin: pd.DataFrame
    headline: dict[str, float]
    status: str = "estimated"
    ratio_status: pd.Series = field(default_factory=pd.Series)


def city_footprint(inputs: CityInputs, city: str = OSAKA, year: int | None = None) -> CityFootprint:
    """Central estimate of a city's footprint, biocapacity, origin split and headline numbers."""
    city = resolve_city(inputs, city)
    year = resolve_year(inputs, year)
    ctx = year_context(inputs, year)
    clum = default_clum(inputs, ctx)
    e_city, e_nat, standin_frac, ys = _window_means(inputs, city, year)
    hc, hn, _ = household_sizes(inputs, city)
    ratios = spending_ratios(e_city, e_nat, hc, hn)
    city_pc = downscale(clum, ratios)
    pop = population(inputs, city, year)
    area = float(inputs.cities.loc[city, "area_ha"])
    lu = land_use_arrays(inputs, city)
    if lu is None:
        bc = np.full(len(LAND_TYPES), np.nan)
        bc_table = None
    else:
        bc = city_biocapacity(lu[0], ctx.yield_factors, ctx.equivalence_factors)
        bc_table = pd.DataFrame({"land_type": list(LAND_TYPES), "area_ha": lu[0], "area_ha_low": lu[1],
                                 "area_ha_high": lu[2], "yield_factor": ctx.yield_factors,
                                 "equivalence_factor": ctx.equivalence_factors, "bc_gha": bc})
        bc_table["bc_gha_per_cap"] = bc_table["bc_gha"] / pop
    a = import_shares(ctx.ef_production_pc, ctx.ef_imports_pc)
    ef_lt = city_pc.sum(axis=0)
    split = origin_split(ef_lt * pop, bc, a)
    origin = pd.DataFrame({
        "land_type": np.repeat(list(LAND_TYPES), len(ORIGINS)),
        "origin": list(ORIGINS) * len(LAND_TYPES),
        "ef_gha": split.reshape(-1),
    })
    ind = indicators(ef_lt, bc, pop, area, ctx.world_bc_pc, a)
    mapping = mapping_matrix()
    used_standin = (standin_frac[:, None] * mapping).max(axis=0) > 0
    return CityFootprint(
        city=city,
        city_en=str(inputs.cities.loc[city, "city_en"]),
        year=year,
        population=pop,
        area_ha=area,
        window_years=tuple(ys),
        clum_national=clum_frame(clum, clum_status(inputs), CLUM_SOURCE if inputs.clum is None else
                                 "; ".join(sorted(set(inputs.clum["source"])))),
        clum_city=clum_frame(city_pc, "estimated", SOURCE),
        ratios=pd.Series(ratios, index=pd.Index(HH_ROWS, name="clum_row"), name="ratio"),
        biocapacity=bc_table,
        origin=origin,
        headline={k: float(v) for k, v in ind.items()},
        ratio_status=pd.Series(np.where(used_standin, "estimated", "published"), index=list(HH_ROWS)),
    )


# --------------------------------------------------------------------------------------------
# Monte Carlo
# --------------------------------------------------------------------------------------------

#: input groups that the Monte Carlo varies (and the sensitivity analysis varies one at a time)
GROUPS: tuple[str, ...] = (
    "clum_profiles",
    "clum_row_weights",
    "household_share",
    *(f"survey_{r}" for r in HH_ROWS),
    "national_standin",
    "household_size",
    "land_use",
)


@dataclass(frozen=True)
class Uncertainty:
    """Spreads of the uncertain inputs that have no published error (illustrative defaults).

    Log-normal, median-preserving: a spread σ multiplies a value by ``exp(σ z)``.
    ``prior_profile_sigma`` applies to each cell of the prior profile, ``row_weight_sigma`` to
    each row weight; household sizes get ``household_size_sigma_published`` where SSDSE-C gives
    the city's value and ``household_size_sigma_assumed`` where the national value stands in.
    Survey noise and the national stand-in error are derived from the data
    (:func:`survey_noise`, :func:`standin_error`); the household share and land-use areas are
    drawn uniformly between their published or estimated low and high values.
    """

    prior_profile_sigma: float = 0.30
    row_weight_sigma: float = 0.25
    household_size_sigma_published: float = 0.02
    household_size_sigma_assumed: float = 0.05
    survey_noise_scale: float = 1.0


@dataclass(frozen=True)
class Simulation:
    """Monte Carlo draws for one or more cities in one year.

    Arrays have shape (cities, draws, …): ``ef_lt_pc`` (…, 6) gha per person by land type,
    ``ef_row_pc`` (…, 7) gha per person by CLUM row, ``bc_lt_gha`` (…, 6) gha (NaN where the
    city has no land-use data). ``values`` holds :func:`indicators` per city and draw.
    """

    cities: tuple[str, ...]
    year: int
    draws: int
    seed: int
    vary: tuple[str, ...]
    ef_lt_pc: np.ndarray
    ef_row_pc: np.ndarray
    bc_lt_gha: np.ndarray
    population: np.ndarray
    values: dict[str, np.ndarray]

    def summary(self) -> pd.DataFrame:
        """Median, 5th and 95th percentile of every indicator per city (long table)."""
        rows = []
        for k, v in self.values.items():
            med, lo, hi = _quantiles(v, axis=1) if np.isfinite(v).any() else (np.full(len(self.cities), np.nan),) * 3
            rows.append(pd.DataFrame({"city": self.cities, "indicator": k, "unit": INDICATORS[k],
                                      "median": med, "p05": lo, "p95": hi}))
        return pd.concat(rows, ignore_index=True)


def _check_draws(draws: int) -> int:
    if int(draws) < 1:
        raise ParameterError(f"draws: expected a positive number of Monte Carlo draws, found {draws}")
    return int(draws)


def simulate(
    inputs: CityInputs,
    cities: Sequence[str] | str = OSAKA,
    year: int | None = None,
    draws: int = 2000,
    seed: int = DEFAULT_SEED,
    vary: Iterable[str] = GROUPS,
    uncertainty: Uncertainty = Uncertainty(),
) -> Simulation:
    """Seeded, vectorised Monte Carlo of the city footprint for one or more cities.

    The national CLUM draws are shared by all cities of a call (the nation is the same for all);
    survey noise, household size and land use are drawn per city. All random numbers are drawn
    in a fixed order whatever ``vary`` holds, so a group left out is simply held at its central
    value: the sensitivity analysis (:func:`sensitivity`) compares like with like.
    """
    names = [cities] if isinstance(cities, str) else list(cities)
    names = [resolve_city(inputs, c) for c in names]
    year = resolve_year(inputs, year)
    n = _check_draws(draws)
    vary = tuple(vary)
    unknown = sorted(set(vary) - set(GROUPS))
    if unknown:
        raise ParameterError(f"vary: unknown input groups {unknown}; expected some of {list(GROUPS)}")
    on = {g: (g in vary) for g in GROUPS}
    ctx = year_context(inputs, year)
    rng = np.random.default_rng(seed)
    n_c, n_r, n_l, n_k = len(names), len(CLUM_ROWS), len(LAND_TYPES), len(SURVEY_CATEGORIES)
    z_prof = rng.standard_normal((n, n_r, n_l))
    z_w = rng.standard_normal((n, n_r))
    u_h = rng.random(n)
    z_nat = rng.standard_normal((n, n_k))
    z_sv = rng.standard_normal((n_c, n, n_k))
    z_hh = rng.standard_normal((n_c, n))
    u_land = rng.random((n_c, n, n_l))

    # national CLUM draws (n, 7, 6)
    if inputs.clum is not None:
        clum = np.broadcast_to(default_clum(inputs, ctx), (n, n_r, n_l))
    else:
        prof = inputs.prior[list(LAND_TYPES)].to_numpy(dtype=float)
        w, (h0, h_lo, h_hi) = _clum_margins(inputs)
        if on["clum_profiles"] or on["clum_row_weights"] or on["household_share"]:
            prof_d = prof * np.exp(uncertainty.prior_profile_sigma * on["clum_profiles"] * z_prof)
            w_d = w * np.exp(uncertainty.row_weight_sigma * on["clum_row_weights"] * z_w)
            h_d = h_lo + (h_hi - h_lo) * u_h if on["household_share"] else np.full(n, h0)
            clum = estimate_clum(prof_d, w_d, h_d, ctx.ef_consumption_pc)
        else:
            clum = np.broadcast_to(estimate_clum(prof, w, h0, ctx.ef_consumption_pc), (n, n_r, n_l))

    # spending ratios (c, n, 5)
    mapping = mapping_matrix()
    noise = inputs.noise * uncertainty.survey_noise_scale
    sd_nat = inputs.standin_sd
    row_of_cat = np.argmax(mapping, axis=1)  # dominant row of each survey category
    sv_on = np.array([on[f"survey_{HH_ROWS[r]}"] for r in row_of_cat], dtype=float)
    e_city, sig_city, hc, hc_sd = [], [], [], []
    for c in names:  # one entry per city (47 at most), not per row of data
        ec, en, frac, ys = _window_means(inputs, c, year)
        e_city.append(ec)
        sig_city.append(noise.loc[c].to_numpy(dtype=float) / np.sqrt(len(ys)))
        size_c, size_n, published = household_sizes(inputs, c)
        hc.append(size_c)
        hc_sd.append(uncertainty.household_size_sigma_published if published else
                     uncertainty.household_size_sigma_assumed)
    e_city, sig_city = np.array(e_city), np.array(sig_city)
    hc, hc_sd = np.array(hc), np.array(hc_sd)
    _, e_nat, frac, _ = _window_means(inputs, names[0], year)
    city_d = e_city[:, None, :] * np.exp(sig_city[:, None, :] * sv_on * z_sv)
    nat_d = e_nat * np.exp(sd_nat * frac * on["national_standin"] * z_nat)
    hc_d = hc[:, None] * np.exp(hc_sd[:, None] * on["household_size"] * z_hh)
    ratios = spending_ratios(city_d, nat_d[None], hc_d, size_n, mapping)

    # city footprint per person: rows and land types
    full = np.concatenate([ratios, np.ones((n_c, n, n_r - len(HH_ROWS)))], axis=-1)  # (c, n, 7)
    ef_row_pc = full * clum.sum(axis=-1)[None]
    ef_lt_pc = np.einsum("cnr,nrl->cnl", full, clum)

    # biocapacity (c, n, 6)
    bc = np.full((n_c, n, n_l), np.nan)
    for i, c in enumerate(names):
        lu = land_use_arrays(inputs, c)
        if lu is None:
            continue
        area = lu[1] + (lu[2] - lu[1]) * u_land[i] if on["land_use"] else np.broadcast_to(lu[0], (n, n_l))
        bc[i] = city_biocapacity(area, ctx.yield_factors, ctx.equivalence_factors)
    pop = np.array([population(inputs, c, year) for c in names])
    area_ha = inputs.cities.loc[names, "area_ha"].to_numpy(dtype=float)
    a = import_shares(ctx.ef_production_pc, ctx.ef_imports_pc)
    vals = indicators(ef_lt_pc, bc, pop[:, None], area_ha[:, None], ctx.world_bc_pc, a)
    return Simulation(tuple(names), year, n, int(seed), vary, ef_lt_pc, ef_row_pc, bc, pop, vals)


def headline_results(
    inputs: CityInputs,
    city: str = OSAKA,
    year: int | None = None,
    draws: int = 2000,
    seed: int = DEFAULT_SEED,
    uncertainty: Uncertainty = Uncertainty(),
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
    sim = simulate(inputs, fp.city, fp.year, draws, seed, uncertainty=uncertainty)
    s = sim.summary().drop(columns="city")
    s.insert(2, "central", [fp.headline[k] for k in s["indicator"]])
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
    uncertainty: Uncertainty = Uncertainty(),
) -> pd.DataFrame:
    """One-at-a-time sensitivity (tornado): the 90 % range of ``indicator`` when one input group varies.

    Columns: ``input, p05, p95, width, central``; sorted by width, largest first.
    """
    if indicator not in INDICATORS:
        raise ParameterError(f"indicator: expected one of {list(INDICATORS)}, found {indicator!r}")
    central = city_footprint(inputs, city, year).headline[indicator]
    rows = []
    for g in GROUPS:
        v = simulate(inputs, city, year, draws, seed, vary=(g,), uncertainty=uncertainty).values[indicator][0]
        lo, hi = (np.nanquantile(v, [0.05, 0.95]) if np.isfinite(v).any() else (np.nan, np.nan))
        rows.append({"input": g, "p05": float(lo), "p95": float(hi), "width": float(hi - lo), "central": central})
    return pd.DataFrame(rows).sort_values("width", ascending=False, kind="stable").reset_index(drop=True)


def compare_cities(
    inputs: CityInputs,
    year: int | None = None,
    draws: int = 1000,
    seed: int = DEFAULT_SEED,
    uncertainty: Uncertainty = Uncertainty(),
) -> pd.DataFrame:
    """Footprint per person of all 47 prefectural capitals with 90 % intervals.

    Columns: ``city, city_en, central, median, p05, p95`` (gha per person), ``japan_gha_per_cap``,
    ``ratio_to_japan`` (central ÷ Japan), ``status``; sorted by the central value, largest first.
    """
    year = resolve_year(inputs, year)
    names = inputs.city_names
    sim = simulate(inputs, names, year, draws, seed, uncertainty=uncertainty)
    ctx = year_context(inputs, year)
    clum = default_clum(inputs, ctx)
    e = np.array([_window_means(inputs, c, year)[0] for c in names])
    _, e_nat, _, _ = _window_means(inputs, names[0], year)
    hh = np.array([household_sizes(inputs, c)[0] for c in names])
    hn = household_sizes(inputs, names[0])[1]
    central = downscale(clum, spending_ratios(e, e_nat, hh, hn)).sum(axis=(-2, -1))
    med, lo, hi = _quantiles(sim.values["ef_gha_per_cap"], axis=1)
    jp = float(ctx.ef_consumption_pc.sum())
    out = pd.DataFrame({"city": names, "city_en": inputs.cities.loc[names, "city_en"].to_numpy(),
                        "central": central, "median": med, "p05": lo, "p95": hi, "japan_gha_per_cap": jp})
    out["ratio_to_japan"] = out["central"] / jp
    out["year"] = year
    out["status"] = "estimated"
    return out.sort_values("central", ascending=False, kind="stable").reset_index(drop=True)


def time_series(
    inputs: CityInputs,
    city: str = OSAKA,
    years: Sequence[int] | None = None,
    draws: int = 500,
    seed: int = DEFAULT_SEED,
    uncertainty: Uncertainty = Uncertainty(),
    clum_year: int | None = None,
) -> pd.DataFrame:
    """The city's footprint per person (central, median, 90 % interval) for every year with data.

    With a user-supplied CLUM (taken as the CLUM of ``clum_year``, default :data:`DEFAULT_YEAR`),
    other years use the file's structure scaled per land type to that year's national footprint.
    Columns: ``year, central, median, p05, p95, japan_gha_per_cap, world_gha_per_cap,
    bc_gha_per_cap, window_years``.
    """
    city = resolve_city(inputs, city)
    ys = list(years) if years is not None else inputs.years
    rows = []
    for y in ys:  # one entry per year
        inp = _user_clum_for_year(inputs, y, resolve_year(inputs, clum_year))
        fp = city_footprint(inp, city, y)
        sim = simulate(inp, city, y, draws, seed, uncertainty=uncertainty)
        med, lo, hi = _quantiles(sim.values["ef_gha_per_cap"][0])
        ctx = year_context(inputs, fp.year)
        rows.append({"year": fp.year, "central": fp.headline["ef_gha_per_cap"], "median": float(med),
                     "p05": float(lo), "p95": float(hi), "japan_gha_per_cap": float(ctx.ef_consumption_pc.sum()),
                     "world_gha_per_cap": float(ctx.world_ef_pc.sum()),
                     "bc_gha_per_cap": fp.headline["bc_gha_per_cap"],
                     "window_years": f"{fp.window_years[0]}–{fp.window_years[-1]}"})
    out = pd.DataFrame(rows)
    out["status"] = "estimated"
    return out


def _user_clum_for_year(inputs: CityInputs, year: int, anchor: int) -> CityInputs:
    if inputs.clum is None or year == anchor:
        return inputs
    base = year_context(inputs, anchor).ef_consumption_pc
    now = year_context(inputs, year).ef_consumption_pc
    f = np.divide(now, base, out=np.ones_like(now), where=base > 0)
    clum = inputs.clum.copy()
    clum[list(LAND_TYPES)] = clum[list(LAND_TYPES)].to_numpy(dtype=float) * f
    from dataclasses import replace

    return replace(inputs, clum=clum)


# --------------------------------------------------------------------------------------------
# carbon footprint in t CO2
# --------------------------------------------------------------------------------------------


def carbon_intensity(eqf_forest: float, afcs_t_c_per_ha: float, ocean_share: float, co2_per_c: float = 3.664) -> float:
    """gha of carbon uptake land per t CO₂: ``EQF_forest · (1 − S_ocean) / (AFCS · CO2/C)``.

    The NFA carbon footprint is ``P_C · (1 − S_ocean) / AFCS · EQF_forest`` (Borucke et al. 2013;
    Mancini et al. 2016). With the 2022 forest EQF of 1.298, AFCS 0.73 t C/ha and S_ocean 0.28
    this is about 0.35 gha per t CO₂.
    """
    if afcs_t_c_per_ha <= 0 or not 0 <= ocean_share < 1:
        raise ParameterError("carbon intensity: expected AFCS > 0 and 0 <= ocean share < 1")
    return eqf_forest * (1.0 - ocean_share) / (afcs_t_c_per_ha * co2_per_c)


# --------------------------------------------------------------------------------------------
# entry points for other modules (load the shipped inputs)
# --------------------------------------------------------------------------------------------


def osaka_origin_table(year: int | None = None, inputs: CityInputs | None = None) -> pd.DataFrame:
    """Where Osaka's footprint lands: ``land_type, origin, ef_gha, status, source`` (central estimate).

    ``origin`` is ``city`` (met by the city's own biocapacity, at most that biocapacity),
    ``rest_of_japan`` or ``abroad`` (Japan's import share of that land type). Totals per land
    type equal Osaka's footprint. Status ``estimated``.
    """
    fp = city_footprint(inputs or default_inputs(), OSAKA, year)
    out = fp.origin.copy()
    out["status"] = "estimated"
    out["source"] = SOURCE + "; origin from Japan's production and imports by land type (NFA 2025 edition)"
    return out


def osaka_carbon_footprint(year: int | None = None, inputs: CityInputs | None = None) -> dict:
    """Osaka's carbon footprint: ``ef_carbon_gha``, ``ef_carbon_gha_per_cap``, ``co2_t``, ``status``, ``source``.

    ``co2_t`` = carbon footprint ÷ the carbon-uptake intensity (gha per t CO₂) implied by the
    national accounts' forest equivalence factor of that year, the average forest carbon
    sequestration and the ocean uptake share (:func:`carbon_intensity`; central values of
    ``data/raw/clum/carbon_uptake_parameters.csv``). Also returns ``intensity_gha_per_t_co2``,
    ``year`` and ``population``. ``inputs``: loaded inputs to reuse (default: the shipped ones).
    """
    inputs = inputs or default_inputs()
    fp = city_footprint(inputs, OSAKA, year)
    ctx = year_context(inputs, fp.year)
    cp = inputs.carbon["value"]
    k = carbon_intensity(float(ctx.equivalence_factors[LAND_TYPES.index("carbon")]), float(cp["afcs_t_c_per_ha"]),
                         float(cp["ocean_uptake_share"]), float(cp["co2_per_c"]))
    ef_c_pc = float(fp.clum_city["carbon"].sum())
    return {
        "year": fp.year,
        "population": fp.population,
        "ef_carbon_gha": ef_c_pc * fp.population,
        "ef_carbon_gha_per_cap": ef_c_pc,
        "intensity_gha_per_t_co2": k,
        "co2_t": ef_c_pc * fp.population / k,
        "status": "estimated",
        "source": SOURCE + "; intensity: NFA 2025 forest EQF, Mancini et al. (2016) AFCS and ocean share",
    }


def osaka_headline(year: int | None = None, draws: int = 2000, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """:func:`headline_results` for Osaka City with the shipped inputs (what briefs cite)."""
    return headline_results(default_inputs(), OSAKA, year, draws, seed)


__all__ = [
    "CLUM_ROWS", "GROUPS", "HH_ROWS", "INDICATORS", "ORIGINS", "OSAKA", "SURVEY_CATEGORIES", "SURVEY_TO_CLUM",
    "CityFootprint", "CityInputs", "Simulation", "Uncertainty", "YearContext",
    "carbon_intensity", "city_biocapacity", "city_footprint", "clum_column_check", "clum_frame", "clum_row_weights",
    "compare_cities", "default_inputs", "downscale", "estimate_clum", "headline_results", "household_share",
    "import_shares", "indicators", "load_inputs", "mapping_matrix", "national_spending", "national_standin",
    "origin_split", "osaka_carbon_footprint", "osaka_headline", "osaka_origin_table", "ras", "read_clum",
    "resolve_city", "sensitivity", "simulate", "spending_ratios", "standin_error", "survey_noise", "time_series",
    "validate_clum", "window", "year_context",
]
