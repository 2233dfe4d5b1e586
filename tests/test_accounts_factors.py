"""Equivalence and yield factors (footprint.accounts.factors)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from footprint import accounts as A


def test_equivalence_factors_2022(nfa):
    eqf = A.equivalence_factors(nfa).loc[2022]
    assert eqf["cropland"] == pytest.approx(2.529, abs=1e-3)
    assert eqf["grazing_land"] == pytest.approx(0.452, abs=1e-3)
    assert eqf["forest_products"] == pytest.approx(1.298, abs=1e-3)
    assert eqf["fishing_grounds"] == pytest.approx(0.364, abs=1e-3)
    # built-up takes the cropland factor; the implied aggregate matches from 2020 on only
    e = A.equivalence_factors(nfa)
    np.testing.assert_allclose(e.loc[2020:, "built_up_land_implied"], e.loc[2020:, "cropland"], rtol=1e-6)
    assert abs(e.loc[2000, "built_up_land_implied"] - e.loc[2000, "cropland"]) > 0.1



def test_japan_yield_factors_2022(nfa):
    yf = A.yield_factors(nfa, "Japan").loc[2022]
    assert yf["cropland"] == pytest.approx(1.36, abs=5e-3)
    assert yf["grazing_land"] == pytest.approx(2.16, abs=5e-3)
    assert yf["forest_products"] == pytest.approx(1.37, abs=5e-3)
    assert yf["fishing_grounds"] == pytest.approx(0.79, abs=5e-3)



def test_biocapacity_reconstructed_from_area_yf_eqf(nfa):
    """BC = A x YF x EQF by construction of the derived factors: a round trip for every year."""
    yf = A.yield_factors(nfa, "Japan")
    eqf = A.equivalence_factors(nfa)
    area = A.matrix(nfa, "area", "total", countries=["Japan"]).droplevel(["country_code", "country"])
    bc = A.matrix(nfa, "biocapacity", "total", countries=["Japan"]).droplevel(["country_code", "country"])
    cols = list(A.LAND_TYPES[:5])
    rebuilt = (area[cols] * yf[cols] * eqf.loc[area.index, cols]).sum(axis=1)
    np.testing.assert_allclose(rebuilt, bc["total"], rtol=1e-9)


def test_matrix_forms_equal_the_table_forms(nfa):
    """The pure forms (matrices in) give what the table forms give (other topics call them)."""
    world_bc = A.country_matrix(nfa, "biocapacity", A.WORLD_CODE, "total")
    world_area = A.country_matrix(nfa, "area", A.WORLD_CODE, "total")
    eqf = A.equivalence_factors_from(world_bc, world_area)
    pd.testing.assert_frame_equal(eqf, A.equivalence_factors(nfa))
    jp_bc = A.country_matrix(nfa, "biocapacity", "Japan", "total")
    jp_area = A.country_matrix(nfa, "area", "Japan", "total")
    pd.testing.assert_frame_equal(A.yield_factors_from(jp_bc, jp_area, eqf), A.yield_factors(nfa, "Japan"))
