"""Household spending: the national stand-in, the survey-to-CLUM mapping and the spending ratios."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies_city import (
    inputs_fixture,  # noqa: F401 (fixtures)
    spending_vectors,
)

from footprint import city as C
from footprint.core.errors import ParameterError


def test_standin_is_the_unweighted_capital_mean_documented_in_the_readme(inputs):
    stand = C.national_standin(inputs.spending)
    assert stand.loc[2021, "food"] == pytest.approx(74_946, abs=1)  # README: 74,946 vs 75,761 published
    assert stand.loc[2022, "housing"] == pytest.approx(19_244, abs=1)
    values, status = C.national_spending(inputs.spending, inputs.national_published)
    assert values.loc[2021, "food"] == 75_761 and status.loc[2021, "food"] == "published"
    assert status.loc[2021, "education"] == "estimated"
    # the stand-in differs from the published values by a few per cent (RMS of the log difference)
    assert 0.005 < C.standin_error(inputs.spending, inputs.national_published) < 0.06


@settings(max_examples=40, deadline=None)
@given(
    city=spending_vectors,
    nat=spending_vectors,
    k=st.integers(0, 9),
    factor=st.floats(0.5, 2.0).filter(lambda f: abs(f - 1) > 1e-3),
)
def test_changing_one_survey_category_moves_only_its_mapped_row(city, nat, k, factor):
    base = C.spending_ratios(city, nat, 2.9, 2.9)
    c2 = city.copy()
    c2[k] *= factor
    new = C.spending_ratios(c2, nat, 2.9, 2.9)
    target = C.HH_ROWS.index(next(iter(C.SURVEY_TO_CLUM[C.SURVEY_CATEGORIES[k]])))
    changed = np.flatnonzero(~np.isclose(new, base, rtol=1e-13, atol=0))
    assert changed.tolist() == [target]


def test_mapping_is_complete_and_each_category_sums_to_one():
    m = C.mapping_matrix()
    assert m.shape == (10, 5)
    np.testing.assert_allclose(m.sum(axis=1), 1.0)
    assert (m.sum(axis=0) > 0).all()  # every household row gets some spending
    with pytest.raises(ParameterError, match="education"):
        C.mapping_matrix({**C.SURVEY_TO_CLUM, "education": {"services": 0.5}})
    with pytest.raises(ParameterError, match="servces"):
        C.mapping_matrix({**C.SURVEY_TO_CLUM, "education": {"servces": 1.0}})


def test_window_takes_the_years_with_data():
    assert C.window(2014, range(2012, 2024)) == [2012, 2013, 2014]
    assert C.window(2012, range(2012, 2024)) == [2012]
