"""The overshoot day, the one definition (footprint.accounts.overshoot)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from footprint import accounts as A
from footprint.core.errors import ParameterError


def test_overshoot_day_japan_2022(nfa):
    s = A.summary(nfa, ["Japan"], [2022]).iloc[0]
    assert s["overshoot_day"] == pytest.approx(365 * 1.504322 / 4.264384, rel=1e-5)
    assert s["overshoot_date"] == "2022-05-09"



def test_overshoot_date_edges():
    assert A.overshoot_date(0.2, 2023).isoformat() == "2023-01-01"
    assert A.overshoot_date(31.0, 2023).isoformat() == "2023-01-31"
    assert A.overshoot_date(365.0, 2023) is None
    with pytest.raises(ParameterError):
        A.overshoot_day(0.0, 1.5)



@given(
    ef=st.floats(min_value=0.05, max_value=20),
    bc=st.floats(min_value=0.05, max_value=5),
    k=st.floats(min_value=1.01, max_value=5),
)
def test_overshoot_day_properties(ef, bc, k):
    d = float(A.overshoot_day(ef, bc))
    assert float(A.overshoot_day(ef * k, bc)) < d  # a larger footprint overshoots earlier
    assert (d < 365) == (ef > bc)  # overshoot iff footprint exceeds world biocapacity per person
    assert d * ef / bc == pytest.approx(365)
