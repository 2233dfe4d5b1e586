"""Data for the city tests and benchmarks: loaded inputs, hypothesis strategies, tiny synthetic tables.

Test modules import the fixtures by their function names (``inputs_fixture`` …); pytest knows
them by their ``name`` (``inputs``, ``osaka``, ``good_clum``).
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from footprint import city as C
from footprint.accounts import LAND_TYPES

#: positive cell values of priors and margins
positive = st.floats(0.05, 20.0, allow_nan=False)

#: a 7 × 6 CLUM with some zero cells (gha per person)
clum_matrices = arrays(float, (7, 6), elements=st.one_of(st.just(0.0), st.floats(1e-6, 2.0)))

#: household-row ratios (5)
hh_ratios = arrays(float, 5, elements=st.floats(0.3, 3.0))

#: spending per household per month by survey category (10)
spending_vectors = arrays(float, 10, elements=st.floats(1e3, 1e5))

LAND_USE_HEADER = "city,land_type,area_ha,area_ha_low,area_ha_high,source,status\n"


@pytest.fixture(scope="module", name="inputs")
def inputs_fixture(nfa):
    """The shipped inputs (with the session's NFA table)."""
    return C.load_inputs(nfa=nfa)


@pytest.fixture(scope="module", name="osaka")
def osaka_fixture(inputs):
    """Osaka's central estimate, 2022."""
    return C.city_footprint(inputs, C.OSAKA, 2022)


@pytest.fixture(name="good_clum")
def good_clum_fixture(osaka):
    """Japan's estimated CLUM of 2022 in the user-file format (status published, source test)."""
    t = osaka.clum_national.reset_index()[["clum_row", *LAND_TYPES]]
    t["source"] = "test"
    t["status"] = "published"
    return t


def clum_csv(tmp_path, clum: pd.DataFrame, name="clum.csv"):
    """Write a CLUM table as a user CSV and return its path."""
    p = tmp_path / name
    clum.to_csv(p, index=False)
    return p


def land_use_csv(tmp_path, rows: str, name="land.csv"):
    """Write land-use rows (CSV lines without the header) as a user CSV and return its path."""
    p = tmp_path / name
    p.write_text(LAND_USE_HEADER + rows, encoding="utf-8")
    return p
