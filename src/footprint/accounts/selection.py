"""Selecting rows of the tidy NFA table: countries by name, ISO2 or code; years; records; basis."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from footprint.accounts.inputs import NFA_EDITION
from footprint.accounts.records import RECORD_NAMES
from footprint.core import suggest
from footprint.core.errors import ParameterError

#: common names -> the NFA's country names
ALIASES = {
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
    for name in names:  # a handful of names given by a person
        if isinstance(name, (int, np.integer)) and int(name) in codes:
            out.append(int(name))
            continue
        s = str(name).strip()
        key = ALIASES.get(s.lower(), s).lower()
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


def country_names(nfa: pd.DataFrame, codes: Sequence[int]) -> list[str]:
    """The NFA names of ``codes``, in the order given."""
    return list(countries(nfa).set_index("country_code").loc[list(codes), "country"])


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
        unknown = sorted(set(records) - set(RECORD_NAMES))
        if unknown:
            raise ParameterError(f"unknown records {unknown}; expected some of {list(RECORD_NAMES)}")
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


def require_year(nfa: pd.DataFrame, year: int) -> int:
    """``year`` if the table has it, else a :class:`ParameterError` naming the available range."""
    years = sorted(nfa["year"].unique())
    if year not in years:
        raise ParameterError(f"year {year} is not in the NFA table ({NFA_EDITION}); available {years[0]}–{years[-1]}")
    return int(year)


def latest_year(nfa: pd.DataFrame) -> int:
    return int(nfa["year"].max())
