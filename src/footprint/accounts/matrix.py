"""Records of the tidy table as (country, year) × land type matrices."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from footprint.accounts.records import COLUMNS
from footprint.accounts.selection import select


def matrix(nfa: pd.DataFrame, record: str, basis: str = "per_cap", **sel) -> pd.DataFrame:
    """One record as a (country, year) × land type matrix (six land types plus ``total``).

    ``sel``: ``countries=``, ``years=`` as in :func:`~footprint.accounts.selection.select`.
    """
    rows = select(nfa, records=[record], basis=basis, **sel)
    m = rows.pivot_table(
        index=["country_code", "country", "year"], columns="land_type", values="value", observed=True, aggfunc="first"
    )
    m.columns = m.columns.astype(str)
    m.columns.name = None
    return m[list(COLUMNS)]


def country_matrix(nfa: pd.DataFrame, record: str, country: str | int, basis: str = "per_cap",
                   years: Sequence[int] | None = None) -> pd.DataFrame:
    """One record of one country as a year × land type matrix."""
    return matrix(nfa, record, basis, countries=[country], years=years).droplevel(["country_code", "country"])


def year_matrix(nfa: pd.DataFrame, record: str, countries: Sequence[str | int], year: int,
                basis: str = "per_cap") -> pd.DataFrame:
    """One record of some countries in one year as a country name × land type matrix."""
    return matrix(nfa, record, basis, countries=countries, years=[year]).droplevel(["country_code", "year"])


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
    cols = pd.Index(COLUMNS)
    values = w[cols].to_numpy(dtype=float)
    years = w.index.get_level_values("year")
    codes, keys = w.index.droplevel("year").factorize()  # rows are sorted, so each key's rows are in year order
    out = {}
    for i, (c, r, b) in enumerate(keys):  # one entry per country × record × basis (a few dozen)
        pos = np.flatnonzero(codes == i)
        out[(int(c), str(r), str(b))] = pd.DataFrame(values[pos], index=years[pos], columns=cols)
    return out


def land_type_table(nfa: pd.DataFrame, country: str | int, year: int, basis: str = "per_cap") -> pd.DataFrame:
    """The account of one country and year: records × land types (like GFN's country sheet)."""
    rows = select(nfa, countries=[country], years=[year], basis=basis)
    t = rows.pivot_table(index="record", columns="land_type", values="value", observed=True, aggfunc="first")
    t.columns = t.columns.astype(str)
    order = ["ef_production", "ef_imports", "ef_exports", "ef_consumption", "biocapacity", "area"]
    return t.reindex([r for r in order if r in t.index])[list(COLUMNS)]
