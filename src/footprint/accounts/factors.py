"""Equivalence and yield factors implied by the accounts.

* equivalence factor ``EQF = BC_world / A_world`` (the world's yield factor is 1);
* yield factor ``YF = BC / (A · EQF)``.

:func:`equivalence_factors_from` and :func:`yield_factors_from` take the matrices themselves (for
callers that already hold them); :func:`equivalence_factors` and :func:`yield_factors` take the table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from footprint.accounts.matrix import country_matrix
from footprint.accounts.records import JAPAN_CODE, LAND_TYPES, WORLD_CODE

#: land types with biocapacity (carbon uptake land has none by convention)
_BIOPRODUCTIVE = list(LAND_TYPES[:5])


def equivalence_factors_from(bc: pd.DataFrame, area: pd.DataFrame) -> pd.DataFrame:
    """Equivalence factors (gha/ha) from the World's biocapacity (gha) and area (ha), year × land type.

    ``EQF = BC_world / A_world``. Built-up land takes the cropland factor (GFN convention: built-up
    land is assumed to occupy former cropland); carbon uptake land takes the forest factor. The
    column ``built_up_land_implied`` keeps the World's area-weighted built-up ratio for comparison.
    """
    eqf = bc[_BIOPRODUCTIVE] / area[_BIOPRODUCTIVE]
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


def yield_factors_from(bc: pd.DataFrame, area: pd.DataFrame, eqf: pd.DataFrame) -> pd.DataFrame:
    """Yield factors ``YF = BC / (A · EQF)`` from a country's biocapacity (gha) and area (ha), year × land type."""
    eqf = eqf.reindex(bc.index)
    with np.errstate(divide="ignore", invalid="ignore"):
        yf = bc[_BIOPRODUCTIVE] / (area[_BIOPRODUCTIVE] * eqf[_BIOPRODUCTIVE])
    yf.index.name = "year"
    return yf


def equivalence_factors(nfa: pd.DataFrame) -> pd.DataFrame:
    """Equivalence factors (gha/ha) implied by the World row: ``BC_world / A_world`` (YF = 1).

    Year × land type; see :func:`equivalence_factors_from`. The built-up ratio
    (``built_up_land_implied``) equals the cropland factor only from 2020 on.
    """
    bc = country_matrix(nfa, "biocapacity", WORLD_CODE, "total")
    area = country_matrix(nfa, "area", WORLD_CODE, "total")
    return equivalence_factors_from(bc, area)


def yield_factors(nfa: pd.DataFrame, country: str | int = JAPAN_CODE) -> pd.DataFrame:
    """Yield factors implied by a country's accounts: ``BC / (A · EQF)``, year × land type.

    Built-up land uses the cropland equivalence factor, so its yield factor is the one GFN
    assigns to built-up land (the cropland yield factor in GFN's convention, where the data
    follow it). Carbon has no biocapacity and no yield factor.
    """
    bc = country_matrix(nfa, "biocapacity", country, "total")
    area = country_matrix(nfa, "area", country, "total")
    return yield_factors_from(bc, area, equivalence_factors(nfa))
