"""Equivalence and yield factors (footprint.accounts.factors)."""

from __future__ import annotations

import numpy as np
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


def test_world_yield_factors_are_one(nfa):
    """GFN's definition: a yield factor compares a country's yield with the world average, so the World's
    own yield factors are 1 in every year and land type (a wrong normalisation fails here)."""
    yf = A.yield_factors(nfa, "World")
    cols = [c for c in A.LAND_TYPES[:4] if c in yf.columns]
    np.testing.assert_allclose(yf[cols].to_numpy(dtype=float), 1.0, rtol=1e-9)
