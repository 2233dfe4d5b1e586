"""Japan's and the World's numbers of one year that the city calculation needs (from the NFA table)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from footprint import accounts
from footprint.accounts import LAND_TYPES


@dataclass(frozen=True)
class YearContext:
    """National and world numbers of one year, as arrays over the six land types.

    ``*_pc`` are gha per person; ``yield_factors`` are Japan's (carbon NaN); ``equivalence_factors``
    gha per ha; ``japan_population`` persons.
    """

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
    """Japan's and the World's numbers for every year of the NFA table, ``{year: YearContext}``.

    Equivalence factors ``EQF = BC_world / A_world`` and Japan's yield factors
    ``YF = BC_japan / (A_japan · EQF)`` (:func:`footprint.accounts.equivalence_factors_from`,
    :func:`footprint.accounts.yield_factors_from`); footprints and biocapacity per person as published.
    """
    codes = [accounts.JAPAN_CODE, accounts.WORLD_CODE]
    sub = nfa[nfa["country_code"].isin(codes)]
    lt = list(LAND_TYPES)
    mats = accounts.matrices(sub, codes)  # one pivot for every record
    jp = {r: mats[(accounts.JAPAN_CODE, r, "per_cap")]
          for r in ("ef_consumption", "ef_production", "ef_imports", "biocapacity")}
    world = {r: mats[(accounts.WORLD_CODE, r, "per_cap")] for r in ("ef_consumption", "biocapacity")}
    eqf_all = accounts.equivalence_factors_from(mats[(accounts.WORLD_CODE, "biocapacity", "total")],
                                                mats[(accounts.WORLD_CODE, "area", "total")])
    yf = accounts.yield_factors_from(mats[(accounts.JAPAN_CODE, "biocapacity", "total")],
                                     mats[(accounts.JAPAN_CODE, "area", "total")], eqf_all).reindex(columns=lt)
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
