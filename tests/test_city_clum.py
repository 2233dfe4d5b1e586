"""Japan's CLUM: RAS (textbook case, margins as invariants, bad margins) and the estimate's published margins."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from strategies_city import (  # noqa: F401 (fixtures)
    clum_csv,
    good_clum_fixture,
    inputs_fixture,
    osaka_fixture,
    positive,
)

from footprint import city as C
from footprint.accounts import LAND_TYPES
from footprint.core.errors import ParameterError


def test_ras_textbook_independence_case():
    # a uniform prior balanced to margins gives the independence table r_i c_j / T
    out = C.ras(np.ones((2, 3)), [30.0, 70.0], [20.0, 30.0, 50.0])
    np.testing.assert_allclose(out, np.outer([30, 70], [20, 30, 50]) / 100, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    prior=arrays(float, (4, 5), elements=positive),
    rows=arrays(float, 4, elements=positive),
    cols=arrays(float, 5, elements=positive),
)
def test_ras_reproduces_both_margins(prior, rows, cols):
    cols = cols * rows.sum() / cols.sum()
    out = C.ras(prior, rows, cols)
    np.testing.assert_allclose(out.sum(axis=1), rows, rtol=1e-9)
    np.testing.assert_allclose(out.sum(axis=0), cols, rtol=1e-9)
    assert (out >= 0).all()


@settings(max_examples=40, deadline=None)
@given(prior=arrays(float, (3, 7, 6), elements=positive), seed=st.integers(0, 2**31 - 1))
def test_grouped_ras_batched_reproduces_group_and_column_margins(prior, seed):
    rng = np.random.default_rng(seed)
    cols = rng.uniform(0.1, 3, (3, 6))
    share = rng.uniform(0.2, 0.8, (3, 1))
    groups = np.array([0, 0, 0, 0, 0, 1, 2])
    tot = cols.sum(axis=1, keepdims=True)
    rows = np.hstack([share * tot, (1 - share) * tot * 0.3, (1 - share) * tot * 0.7])
    out = C.ras(prior, rows, cols, groups)
    np.testing.assert_allclose(out.sum(axis=-2), cols, rtol=1e-9)
    np.testing.assert_allclose(out[:, :5].sum(axis=(-2, -1)), rows[:, 0], rtol=1e-9)
    np.testing.assert_allclose(out[:, 5].sum(axis=-1), rows[:, 1], rtol=1e-9)


def test_ras_refuses_inconsistent_margins():
    with pytest.raises(ParameterError, match="same grand total"):
        C.ras(np.ones((2, 2)), [1.0, 1.0], [1.0, 2.0])
    with pytest.raises(ParameterError, match="non-negative"):
        C.ras(-np.ones((2, 2)), [1.0, 1.0], [1.0, 1.0])


def test_estimated_clum_meets_published_margins(inputs, osaka):
    ctx = C.year_context(inputs, 2022)
    clum = osaka.clum_national
    np.testing.assert_allclose(clum[list(LAND_TYPES)].sum(axis=0), ctx.ef_consumption_pc, rtol=1e-10)
    total = clum["total"].sum()
    assert total == pytest.approx(4.2644, abs=1e-3)  # Japan 2022, NFA 2025 edition
    hh = clum.loc[list(C.HH_ROWS), "total"].sum() / total
    assert hh == pytest.approx(0.66, abs=1e-9)  # WWF Japan 2012
    # food is the largest household category (WWF Japan 2012)
    assert clum.loc[list(C.HH_ROWS), "total"].idxmax() == "food"
    # government : capital formation as in 3EID (11 : 26)
    assert clum.loc["government", "total"] / clum.loc["gfcf", "total"] == pytest.approx(11 / 26, rel=1e-9)
    assert (clum["status"] == "estimated").all()
    assert C.clum_shares(osaka)["households"] == pytest.approx(hh, rel=1e-12)


def test_national_clum_of_user_inputs_is_the_file(tmp_path, good_clum, inputs):
    df = C.read_clum(clum_csv(tmp_path, good_clum))
    user = dataclasses.replace(inputs, clum=df)
    np.testing.assert_array_equal(C.national_clum(user, C.year_context(inputs, 2022)), df[list(LAND_TYPES)].to_numpy())


def test_column_check_reports_a_scaled_clum(tmp_path, good_clum, inputs):
    df = C.read_clum(clum_csv(tmp_path, good_clum))
    off = df[list(LAND_TYPES)].to_numpy() * 1.1
    chk = C.clum_column_check(off, C.year_context(inputs, 2022).ef_consumption_pc)
    np.testing.assert_allclose(chk["relative_difference"], 0.1, rtol=1e-9)
