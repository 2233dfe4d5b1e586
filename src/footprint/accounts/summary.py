"""Headline numbers per country and year: footprint, biocapacity, reserve, Earths, overshoot day.

* number of Earths ``EF_C,pc / BC_world,pc``;
* own biocapacities needed ``EF_C,pc / BC_pc``;
* ecological reserve ``BC_pc − EF_C,pc`` (negative: a deficit);
* overshoot day ``365 · BC_world,pc / EF_C,pc`` (:mod:`footprint.accounts.overshoot`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from footprint.accounts.inputs import NFA_EDITION
from footprint.accounts.overshoot import overshoot_date, overshoot_day
from footprint.accounts.records import JAPAN_CODE, WORLD_CODE, year_status
from footprint.accounts.selection import country_names, require_year, resolve_countries, select


def summary(nfa: pd.DataFrame, countries: Sequence[str | int] | None = None, years: Sequence[int] | None = None) -> pd.DataFrame:
    """Headline numbers per country and year.

    Columns: population, ``ef_consumption_gha_per_cap``, ``biocapacity_gha_per_cap``,
    ``world_biocapacity_gha_per_cap``, ``reserve_gha_per_cap`` (biocapacity − footprint; negative
    means a deficit), ``earths`` (footprint ÷ world biocapacity per person), ``countries_needed``
    (footprint ÷ own biocapacity), ``overshoot_day`` (day of year; ≥ 365 means no overshoot),
    ``overshoot_date`` (ISO date, or ``none``), ``status`` (``published`` for reported years,
    ``estimated`` for the edition's nowcast years after :data:`~footprint.accounts.records.LAST_REPORTED_YEAR`)
    and ``nowcast``.
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
    out["overshoot_date"] = [  # one date per row of a small table (countries × years)
        (d.isoformat() if (d := overshoot_date(x, int(y))) else "none")
        for x, y in zip(day, years_idx, strict=True)
    ]
    out["status"] = year_status(years_idx)
    out["nowcast"] = out["status"] == "estimated"
    return out.reset_index()


def year_span(nfa: pd.DataFrame, years: Sequence[int]) -> list[int]:
    """Every year from ``years[0]`` to ``years[-1]`` (inclusive), both checked against the table."""
    first, last = (require_year(nfa, int(y)) for y in (years[0], years[-1]))
    return list(range(first, last + 1))


def year_summary(table: pd.DataFrame, year: int, countries: Sequence[str]) -> pd.DataFrame:
    """Rows of a :func:`summary` table for one year, indexed by country name in the order of ``countries``."""
    return table[table["year"] == year].set_index("country").loc[list(countries)]


HEADLINE_COLUMNS = (
    "ef_consumption_gha_per_cap",
    "biocapacity_gha_per_cap",
    "world_biocapacity_gha_per_cap",
    "earths",
    "countries_needed",
    "overshoot_day",
    "overshoot_date",
)


def headline(nfa: pd.DataFrame, countries: Sequence[str | int], years: Sequence[int]) -> dict:
    """The national accounts' headline numbers for the last of ``years`` (what notebook 01 writes).

    ``{"edition", "first_year", "year", "japan": {...}, "countries": {name: {...}}}`` with the
    :data:`HEADLINE_COLUMNS` of :func:`summary` for Japan and for every country asked for.
    """
    span = year_span(nfa, years)
    last = span[-1]
    codes = resolve_countries(nfa, countries)
    rows = year_summary(summary(nfa, codes, [last]), last, country_names(nfa, codes))
    japan = summary(nfa, [JAPAN_CODE], [last])
    cols = list(HEADLINE_COLUMNS)
    return {
        "edition": NFA_EDITION,
        "first_year": span[0],
        "year": last,
        "japan": japan[cols].to_dict(orient="records")[0],
        "countries": rows[cols].to_dict(orient="index"),
    }
