"""The national accounts' one compute entry point: countries and years in, a :class:`Result` out.

    from footprint import accounts as A
    r = A.compute(["Japan", "World"], [2000, 2024])
    r["summary"], r.values["headline"]["japan"]["earths"]

Tables: ``summary`` (:func:`~footprint.accounts.summary.summary`), ``year_summary`` (its last
year, by country name in the order asked), ``ef_last`` and ``bc_last`` (country × land type, gha
per person, last year), ``japan_ef`` and ``japan_bc`` (year × land type over the span),
``identity_check_by_country``, ``identity_failing``, ``equivalence_factors``,
``japan_yield_factors`` and ``japan_account_latest``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from footprint.accounts.checks import identity_check
from footprint.accounts.factors import equivalence_factors, yield_factors
from footprint.accounts.inputs import NFA_EDITION, load_nfa
from footprint.accounts.matrix import country_matrix, land_type_table, year_matrix
from footprint.accounts.records import JAPAN_CODE, LAST_REPORTED_YEAR, WORLD_CODE
from footprint.accounts.selection import country_names, resolve_countries
from footprint.accounts.summary import headline, summary, year_span, year_summary
from footprint.core.results import Result

#: tables of the result that notebook 01 writes (name in the result → file name)
OUTPUT_TABLES = {
    "summary": "national_summary",
    "identity_check_by_country": "identity_check_by_country",
    "equivalence_factors": "equivalence_factors",
    "japan_yield_factors": "japan_yield_factors",
    "japan_account_latest": "japan_account_latest",
}


def compute(countries: Sequence[str | int], years: Sequence[int], *, nfa: pd.DataFrame | None = None) -> Result:
    """Footprint, biocapacity, Earths and overshoot days of ``countries`` over ``years`` (first, last)."""
    nfa = load_nfa() if nfa is None else nfa
    span = year_span(nfa, years)
    first, last = int(span[0]), int(span[-1])
    codes = resolve_countries(nfa, countries)
    order = country_names(nfa, codes)
    table = summary(nfa, codes, span)
    check = identity_check(nfa, basis="per_cap", tolerance=1e-9)
    by_country = check.by_country()
    eqf, yf = equivalence_factors(nfa), yield_factors(nfa, "Japan")
    tables = {
        "summary": table,
        "year_summary": year_summary(table, last, order),
        "ef_last": year_matrix(nfa, "ef_consumption", codes, last).loc[order],
        "bc_last": year_matrix(nfa, "biocapacity", codes, last).loc[order],
        "japan_ef": country_matrix(nfa, "ef_consumption", "Japan", years=span),
        "japan_bc": country_matrix(nfa, "biocapacity", "Japan", years=span),
        "identity_check_by_country": by_country,
        "identity_failing": check.failing_countries(),
        "equivalence_factors": eqf.reset_index(),
        "japan_yield_factors": yf.reset_index(),
        "japan_account_latest": land_type_table(nfa, "Japan", last).reset_index(),
    }
    values = {
        "first": first,
        "last": last,
        "countries": list(order),
        "edition": NFA_EDITION,
        # years after the last reported year are GFN nowcasts: a figure showing them is an estimate
        "nowcast": last > LAST_REPORTED_YEAR,
        "last_reported_year": LAST_REPORTED_YEAR,
        "headline": headline(nfa, countries, years),
        "japan_max_residual": float(check.max_residual(JAPAN_CODE)),
        "world_max_residual": float(check.max_residual(WORLD_CODE)),
        "n_failing": int(len(check.failing_countries())),
        "n_entities": int(len(by_country)),
    }
    return Result("national", {"countries": list(countries), "years": list(years)}, tables, values)


def output_tables(result: Result) -> dict[str, pd.DataFrame]:
    """The tables notebook 01 writes, under their file names."""
    return {file: result[name] for name, file in OUTPUT_TABLES.items()}
