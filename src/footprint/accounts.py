"""National Ecological Footprint and Biocapacity Accounts (Global Footprint Network method).

Pure functions over the NFA table shipped in ``data/raw/gfn_nfa/`` (2025 edition, 2000–2024).

Method (Borucke et al. 2013, *Ecol. Indic.* 24:518; Lin et al. 2018, *Resources* 7:58):

* footprint of consumption ``EF_C = EF_P + EF_I − EF_E`` per land type;
* biocapacity ``BC = A · YF · EQF`` (carbon biocapacity is 0 by convention);
* number of Earths ``EF_C,pc / BC_world,pc``;
* country overshoot day ``365 · BC_world,pc / EF_C,pc`` (GFN's convention).

Tables are tidy: one row per country × year × record × land type, with columns
``country_code, country, iso2, year, record, basis, land_type, value, unit``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from footprint.core import Column, read_raw_csv, suggest, verify_raw
from footprint.core.errors import DataFileError, ParameterError

NFA_FILE = "gfn_nfa/nfa2025_api_all_countries_2000_2024.csv.gz"
NFA_EDITION = "NFA 2025 edition (GFN API snapshot 2025-12-01)"
NFA_SOURCE = "Lo et al. (2025), National Ecological Footprint and Biocapacity Accounts, 2025 Edition; FoDaFo/GFN, CC BY-SA 4.0"

LAND_TYPES: tuple[str, ...] = (
    "cropland",
    "grazing_land",
    "forest_products",
    "fishing_grounds",
    "built_up_land",
    "carbon",
)
WORLD_CODE = 5001
JAPAN_CODE = 110

#: API record prefix -> (record name in this package, unit)
RECORDS: dict[str, tuple[str, str]] = {
    "EFProd": ("ef_production", "gha"),
    "EFImports": ("ef_imports", "gha"),
    "EFExports": ("ef_exports", "gha"),
    "EFCons": ("ef_consumption", "gha"),
    "Biocap": ("biocapacity", "gha"),
    "Area": ("area", "ha"),
}
_BASIS = {"PerCap": "per_cap", "TotHA": "total", "TotGHA": "total"}

_ALIASES = {
    "vietnam": "Viet Nam",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "korea": "Korea, Republic of",
    "south korea": "Korea, Republic of",
    "usa": "United States of America",
    "united states": "United States of America",
    "us": "United States of America",
}

_NFA_SCHEMA = [
    Column("year", "int", min=1961, max=2100),
    Column("gfn_country_code", "int", min=0),
    Column("country", "str"),
    Column("isoa2", "str", allow_na=True),
    Column("record", "str"),
    *[Column(lt, "float", allow_na=True) for lt in LAND_TYPES],
    Column("total", "float", allow_na=True),
]


# --------------------------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------------------------


def load_nfa_wide(relpath: str = NFA_FILE) -> pd.DataFrame:
    """The NFA file as shipped (one row per year × country × record), checksum-verified and validated."""
    return read_raw_csv(relpath, _NFA_SCHEMA, keep_default_na=True, na_values=[""])


def tidy_nfa(wide: pd.DataFrame) -> pd.DataFrame:
    """Reshape the wide NFA table to tidy form, keeping only the footprint and biocapacity records.

    Rows: country × year × record × basis × land type (the six land types plus ``total``).
    ``Population`` is carried as its own column so that per-capita and total values can be
    reconciled.
    """
    # the regular expression runs once per distinct record name (17), not once per row
    rec_codes, rec_names = pd.factorize(wide["record"].astype(str))
    parts = pd.Series(rec_names, dtype=str).str.extract(
        r"^(EFProd|EFImports|EFExports|EFCons|Biocap|Area)(PerCap|TotHA|TotGHA)$"
    )
    keep = parts[0].notna().to_numpy()[rec_codes]
    w = wide.loc[keep]
    pop = (
        wide.loc[(rec_names == "Population")[rec_codes], ["gfn_country_code", "year", "total"]]
        .drop_duplicates(["gfn_country_code", "year"])
        .set_index(["gfn_country_code", "year"])["total"]
    )
    # row-major reshape (each source row followed by its seven land-type cells): the input order
    # (country, year, record) is kept without a sort; text columns are built as string arrays and
    # repeated by position (no per-cell type inference on the long table)
    lt_cols = [*LAND_TYPES, "total"]
    k = len(lt_cols)
    n = len(w)
    rows = np.repeat(np.arange(n), k)
    per_record = np.repeat(rec_codes[keep], k)
    text = lambda values: pd.array(np.asarray(values, dtype=object), dtype="str")  # noqa: E731
    pop_vals = pop.reindex(pd.MultiIndex.from_arrays([w["gfn_country_code"], w["year"]])).to_numpy()
    long = pd.DataFrame(
        {
            "country_code": w["gfn_country_code"].to_numpy()[rows],
            "country": text(w["country"]).take(rows),
            "iso2": text(w["isoa2"]).take(rows),
            "year": w["year"].to_numpy()[rows],
            "record": text(parts[0].map({k_: v[0] for k_, v in RECORDS.items()})).take(per_record),
            "basis": text(parts[1].map(_BASIS)).take(per_record),
            "land_type": pd.Categorical.from_codes(np.tile(np.arange(k), n), categories=lt_cols, ordered=True),
            "value": w[lt_cols].to_numpy(dtype=float).reshape(-1),
            "unit": text(parts[0].map({k_: v[1] for k_, v in RECORDS.items()})).take(per_record),
            "population": pop_vals[rows],
        }
    )
    return long


def load_nfa(relpath: str = NFA_FILE) -> pd.DataFrame:
    """Checksum-verified, validated, tidy NFA table.

    Parsed once per process and file version (several modules read the accounts in one notebook);
    every call verifies the checksum again and returns its own copy.
    """
    p = verify_raw(relpath)
    st = p.stat()
    return _load_nfa(relpath, str(p), st.st_mtime_ns, st.st_size).copy()


@lru_cache(maxsize=2)
def _load_nfa(relpath: str, path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    return tidy_nfa(load_nfa_wide(relpath))


# --------------------------------------------------------------------------------------------
# selecting countries
# --------------------------------------------------------------------------------------------


def countries(nfa: pd.DataFrame) -> pd.DataFrame:
    """The entities in the table: code, name, ISO2 (regions and groups have none)."""
    first = ~nfa["country_code"].duplicated().to_numpy()  # the first row of each code, as drop_duplicates keeps
    return nfa.loc[first, ["country_code", "country", "iso2"]].sort_values("country_code").reset_index(drop=True)


def resolve_countries(nfa: pd.DataFrame, names: Iterable[str | int]) -> list[int]:
    """Map names, ISO2 codes or GFN codes to GFN country codes; unknown names suggest close matches."""
    c = countries(nfa)
    by_name = {n.lower(): int(k) for n, k in zip(c["country"], c["country_code"], strict=True)}
    by_iso = {str(i).upper(): int(k) for i, k in zip(c["iso2"], c["country_code"], strict=True) if isinstance(i, str)}
    codes = set(c["country_code"].astype(int))
    out = []
    for name in names:
        if isinstance(name, (int, np.integer)) and int(name) in codes:
            out.append(int(name))
            continue
        s = str(name).strip()
        key = _ALIASES.get(s.lower(), s).lower()
        if key in by_name:
            out.append(by_name[key])
        elif s.upper() in by_iso and len(s) == 2:
            out.append(by_iso[s.upper()])
        elif s.isdigit() and int(s) in codes:
            out.append(int(s))
        else:
            close = suggest(s, c["country"].tolist())
            raise ParameterError(
                f"unknown country {s!r} in the NFA table ({NFA_EDITION}); "
                f"did you mean: {', '.join(close) if close else 'no close match'}?"
            )
    return out


def select(
    nfa: pd.DataFrame,
    *,
    countries: Sequence[str | int] | None = None,
    years: Sequence[int] | None = None,
    records: Sequence[str] | None = None,
    basis: str | None = None,
) -> pd.DataFrame:
    """Rows of the tidy table for the given countries, years, records and basis."""
    mask = np.ones(len(nfa), dtype=bool)
    if countries is not None:
        mask &= nfa["country_code"].isin(resolve_countries(nfa, countries)).to_numpy()
    if years is not None:
        available = set(nfa["year"].unique())
        missing = sorted(set(years) - available)
        if missing:
            raise ParameterError(
                f"years {missing} are not in the NFA table; available {min(available)}–{max(available)}"
            )
        mask &= nfa["year"].isin(years).to_numpy()
    if records is not None:
        unknown = sorted(set(records) - {r for r, _ in RECORDS.values()})
        if unknown:
            raise ParameterError(f"unknown records {unknown}; expected some of {[r for r, _ in RECORDS.values()]}")
        _narrow(mask, nfa["record"], lambda v: v.isin(records))
    if basis is not None:
        if basis not in ("per_cap", "total"):
            raise ParameterError(f"basis must be 'per_cap' or 'total', got {basis!r}")
        _narrow(mask, nfa["basis"], lambda v: v == basis)
    return nfa.loc[mask]


def _narrow(mask: np.ndarray, column: pd.Series, test) -> None:
    """``mask &= test(column)``, evaluating the (text) test only on the rows still selected."""
    if mask.all():
        mask &= test(column).to_numpy()
        return
    rows = np.flatnonzero(mask)
    mask[rows] = test(column.take(rows)).to_numpy()


def matrix(nfa: pd.DataFrame, record: str, basis: str = "per_cap", **sel) -> pd.DataFrame:
    """One record as a (country, year) × land type matrix (six land types plus ``total``)."""
    rows = select(nfa, records=[record], basis=basis, **sel)
    m = rows.pivot_table(
        index=["country_code", "country", "year"], columns="land_type", values="value", observed=True, aggfunc="first"
    )
    m.columns = m.columns.astype(str)
    m.columns.name = None
    return m[[*LAND_TYPES, "total"]]


def matrices(nfa: pd.DataFrame, countries: Sequence[str | int]) -> dict[tuple[int, str, str], pd.DataFrame]:
    """Every record of some countries as year × land type matrices, from one pivot of the table.

    ``{(country_code, record, basis): matrix}``, each equal to
    ``matrix(nfa, record, basis, countries=[code]).droplevel(["country_code", "country"])``;
    cheaper than one :func:`matrix` call per record when many records are needed.
    """
    rows = select(nfa, countries=countries)
    w = rows.pivot_table(
        index=["country_code", "record", "basis", "year"], columns="land_type", values="value", observed=True,
        aggfunc="first",
    )
    w.columns = w.columns.astype(str)
    w.columns.name = None
    cols = pd.Index([*LAND_TYPES, "total"])
    values = w[cols].to_numpy(dtype=float)
    years = w.index.get_level_values("year")
    codes, keys = w.index.droplevel("year").factorize()  # rows are sorted, so each key's rows are in year order
    out = {}
    for i, (c, r, b) in enumerate(keys):  # one entry per country × record × basis (a few dozen)
        pos = np.flatnonzero(codes == i)
        out[(int(c), str(r), str(b))] = pd.DataFrame(values[pos], index=years[pos], columns=cols)
    return out


# --------------------------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------------------------


def overshoot_day(ef_per_cap, world_bc_per_cap):
    """Country overshoot day as the day of the year (GFN convention): ``365 · BC_world / EF``.

    Values of 365 or more mean the country's demand fits within the world's per-person
    biocapacity: it is not in overshoot. Works element-wise on arrays.
    """
    ef = np.asarray(ef_per_cap, dtype=float)
    bc = np.asarray(world_bc_per_cap, dtype=float)
    if np.any(ef <= 0):
        raise ParameterError("the footprint per person must be positive to compute an overshoot day")
    return 365.0 * (bc / ef)


def overshoot_date(day_of_year: float, year: int) -> _dt.date | None:
    """Calendar date of an overshoot day: the resources run out during day ``ceil(day)``.

    Returns ``None`` if the day lies beyond the end of the year (no overshoot).
    """
    if not np.isfinite(day_of_year) or day_of_year >= 365:
        return None
    n = max(1, int(np.ceil(day_of_year)))
    return _dt.date(year, 1, 1) + _dt.timedelta(days=n - 1)


def summary(nfa: pd.DataFrame, countries: Sequence[str | int] | None = None, years: Sequence[int] | None = None) -> pd.DataFrame:
    """Headline numbers per country and year.

    Columns: population, ``ef_consumption_gha_per_cap``, ``biocapacity_gha_per_cap``,
    ``reserve_gha_per_cap`` (biocapacity − footprint; negative means a deficit),
    ``earths`` (footprint ÷ world biocapacity per person), ``countries_needed`` (footprint ÷ own
    biocapacity), ``overshoot_day`` (day of year; ≥ 365 means no overshoot), ``overshoot_date``.
    """
    pc = select(nfa, countries=countries, years=years, basis="per_cap", records=["ef_consumption", "biocapacity"])
    tot = pc[pc["land_type"] == "total"]
    wide = tot.pivot_table(
        index=["country_code", "country", "year"], columns="record", values="value", observed=True, aggfunc="first"
    )
    pop = tot.drop_duplicates(["country_code", "year"]).set_index(["country_code", "country", "year"])["population"]
    world = select(nfa, countries=[WORLD_CODE], basis="per_cap", records=["biocapacity"])
    world_bc = world[world["land_type"] == "total"].set_index("year")["value"]
    out = pd.DataFrame(
        {
            "population": pop.reindex(wide.index).to_numpy(),
            "ef_consumption_gha_per_cap": wide["ef_consumption"].to_numpy(),
            "biocapacity_gha_per_cap": wide["biocapacity"].to_numpy(),
        },
        index=wide.index,
    )
    years_idx = out.index.get_level_values("year")
    out["world_biocapacity_gha_per_cap"] = world_bc.reindex(years_idx).to_numpy()
    out["reserve_gha_per_cap"] = out["biocapacity_gha_per_cap"] - out["ef_consumption_gha_per_cap"]
    out["earths"] = out["ef_consumption_gha_per_cap"] / out["world_biocapacity_gha_per_cap"]
    with np.errstate(divide="ignore"):
        out["countries_needed"] = out["ef_consumption_gha_per_cap"] / out["biocapacity_gha_per_cap"]
    ef = out["ef_consumption_gha_per_cap"].to_numpy()
    valid = ef > 0
    day = np.full(len(out), np.nan)
    day[valid] = overshoot_day(ef[valid], out["world_biocapacity_gha_per_cap"].to_numpy()[valid])
    out["overshoot_day"] = day
    out["overshoot_date"] = [
        (d.isoformat() if (d := overshoot_date(x, int(y))) else "none")
        for x, y in zip(day, years_idx, strict=True)
    ]
    return out.reset_index()


@dataclass(frozen=True)
class IdentityCheck:
    """Result of checking ``EF_C = EF_P + EF_I − EF_E``."""

    residuals: pd.DataFrame  # country, year, land_type, basis, residual (gha or gha/person)
    tolerance: float

    @property
    def failures(self) -> pd.DataFrame:
        return self.residuals[self.residuals["residual"].abs() > self.tolerance]

    def by_country(self) -> pd.DataFrame:
        """Largest absolute residual per country, with the number of cells over tolerance."""
        r = self.residuals.assign(abs_residual=self.residuals["residual"].abs())
        g = r.groupby(["country_code", "country"], sort=True)
        return pd.DataFrame(
            {
                "max_abs_residual": g["abs_residual"].max(),
                "cells_over_tolerance": g["abs_residual"].agg(lambda s: int((s > self.tolerance).sum())),
            }
        ).reset_index()


def identity_check(nfa: pd.DataFrame, basis: str = "per_cap", tolerance: float = 1e-9) -> IdentityCheck:
    """Residual of ``EF_C − (EF_P + EF_I − EF_E)`` for every country, year and land type.

    For the World row the identity does not hold by construction: GFN sets the World's
    consumption equal to its production, and world imports and exports do not cancel (a
    statistical discrepancy of up to about 0.015 gha per person). It is reported, not hidden.
    """
    rows = select(nfa, basis=basis, records=["ef_production", "ef_imports", "ef_exports", "ef_consumption"])
    w = rows.pivot_table(
        index=["country_code", "country", "year", "land_type"], columns="record", values="value", observed=True,
        aggfunc="first",
    ).dropna()
    resid = w["ef_consumption"] - (w["ef_production"] + w["ef_imports"] - w["ef_exports"])
    out = resid.rename("residual").reset_index()
    out["basis"] = basis
    return IdentityCheck(out, tolerance)


def equivalence_factors(nfa: pd.DataFrame) -> pd.DataFrame:
    """Equivalence factors (gha/ha) implied by the World row: ``BC_world / A_world`` (YF = 1).

    Year × land type. Built-up land takes the cropland factor (GFN convention: built-up land is
    assumed to occupy former cropland); carbon uptake land takes the forest factor. The
    column ``built_up_land_implied`` keeps the World's area-weighted built-up ratio for
    comparison: it equals the cropland factor only from 2020 on.
    """
    bc = matrix(nfa, "biocapacity", "total", countries=[WORLD_CODE]).droplevel(["country_code", "country"])
    area = matrix(nfa, "area", "total", countries=[WORLD_CODE]).droplevel(["country_code", "country"])
    return _equivalence_factors(bc, area)


def _equivalence_factors(bc: pd.DataFrame, area: pd.DataFrame) -> pd.DataFrame:
    """:func:`equivalence_factors` from the World's biocapacity and area matrices (year × land type)."""
    eqf = bc[list(LAND_TYPES[:5])] / area[list(LAND_TYPES[:5])]
    out = pd.DataFrame(index=eqf.index)
    out["cropland"] = eqf["cropland"]
    out["grazing_land"] = eqf["grazing_land"]
    out["forest_products"] = eqf["forest_products"]
    out["fishing_grounds"] = eqf["fishing_grounds"]
    out["built_up_land"] = eqf["cropland"]
    out["carbon"] = eqf["forest_products"]
    out["built_up_land_implied"] = eqf["built_up_land"]
    out.index.name = "year"
    return out


def yield_factors(nfa: pd.DataFrame, country: str | int = JAPAN_CODE) -> pd.DataFrame:
    """Yield factors implied by a country's accounts: ``BC / (A · EQF)``, year × land type.

    Built-up land uses the cropland equivalence factor, so its yield factor is the one GFN
    assigns to built-up land (the cropland yield factor in GFN's convention, where the data
    follow it). Carbon has no biocapacity and no yield factor.
    """
    code = resolve_countries(nfa, [country])[0]
    bc = matrix(nfa, "biocapacity", "total", countries=[code]).droplevel(["country_code", "country"])
    area = matrix(nfa, "area", "total", countries=[code]).droplevel(["country_code", "country"])
    return _yield_factors(bc, area, equivalence_factors(nfa))


def _yield_factors(bc: pd.DataFrame, area: pd.DataFrame, eqf: pd.DataFrame) -> pd.DataFrame:
    """:func:`yield_factors` from a country's biocapacity and area matrices and the equivalence factors."""
    eqf = eqf.reindex(bc.index)
    cols = list(LAND_TYPES[:5])
    with np.errstate(divide="ignore", invalid="ignore"):
        yf = bc[cols] / (area[cols] * eqf[cols])
    yf.index.name = "year"
    return yf


def land_type_table(nfa: pd.DataFrame, country: str | int, year: int, basis: str = "per_cap") -> pd.DataFrame:
    """The account of one country and year: records × land types (like GFN's country sheet)."""
    code = resolve_countries(nfa, [country])[0]
    rows = select(nfa, countries=[code], years=[year], basis=basis)
    t = rows.pivot_table(index="record", columns="land_type", values="value", observed=True, aggfunc="first")
    t.columns = t.columns.astype(str)
    order = ["ef_production", "ef_imports", "ef_exports", "ef_consumption", "biocapacity", "area"]
    return t.reindex([r for r in order if r in t.index])[[*LAND_TYPES, "total"]]


def check_totals(nfa: pd.DataFrame, tolerance: float = 1e-6) -> pd.DataFrame:
    """Rows whose six land types do not add up to ``total`` (relative tolerance); empty if all do."""
    w = nfa.pivot_table(
        index=["country_code", "country", "year", "record", "basis"], columns="land_type", values="value",
        observed=True, aggfunc="first",
    )
    w.columns = w.columns.astype(str)
    parts = w[list(LAND_TYPES)]
    complete = parts.notna().all(axis=1) & w["total"].notna()
    s = parts.sum(axis=1)
    rel = (s - w["total"]).abs() / w["total"].abs().clip(lower=1e-12)
    bad = complete & (rel > tolerance)
    return w.loc[bad, ["total"]].assign(sum_of_land_types=s[bad], relative_difference=rel[bad]).reset_index()


def require_year(nfa: pd.DataFrame, year: int) -> int:
    years = sorted(nfa["year"].unique())
    if year not in years:
        raise ParameterError(f"year {year} is not in the NFA table ({NFA_EDITION}); available {years[0]}–{years[-1]}")
    return int(year)


def latest_year(nfa: pd.DataFrame) -> int:
    return int(nfa["year"].max())


__all__ = [
    "LAND_TYPES",
    "NFA_EDITION",
    "NFA_FILE",
    "NFA_SOURCE",
    "DataFileError",
    "IdentityCheck",
    "check_totals",
    "countries",
    "equivalence_factors",
    "identity_check",
    "land_type_table",
    "latest_year",
    "load_nfa",
    "load_nfa_wide",
    "matrices",
    "matrix",
    "overshoot_date",
    "overshoot_day",
    "require_year",
    "resolve_countries",
    "select",
    "summary",
    "tidy_nfa",
    "yield_factors",
]
