"""Consistency checks: the consumption identity and land-type totals (footprint.accounts.checks)."""

from __future__ import annotations

import pytest

from footprint import accounts as A


def test_identity_holds_for_japan_every_year(nfa):
    for basis in ("per_cap", "total"):
        tol = 1e-9 if basis == "per_cap" else 1e-9 * 5e8  # totals are ~5e8 gha: same relative precision
        r = A.identity_check(nfa, basis=basis, tolerance=tol)
        jp = r.residuals[r.residuals["country_code"] == A.JAPAN_CODE]
        assert len(jp) == 25 * 7  # 25 years x (6 land types + total)
        assert jp["residual"].abs().max() <= tol



def test_identity_does_not_hold_for_world_and_is_reported(nfa):
    r = A.identity_check(nfa)
    world = r.by_country().set_index("country_code").loc[A.WORLD_CODE]
    assert world["max_abs_residual"] > 1e-3  # statistical discrepancy of world trade
    assert world["max_abs_residual"] < 0.05
    assert world["cells_over_tolerance"] > 0
    assert A.WORLD_CODE in set(r.failures["country_code"])



def test_land_types_add_up_to_total(nfa):
    assert A.check_totals(nfa).empty


def test_failing_countries_are_sorted_and_over_tolerance(nfa):
    r = A.identity_check(nfa)
    f = r.failing_countries()
    assert (f["cells_over_tolerance"] > 0).all() and f["max_abs_residual"].is_monotonic_decreasing
    assert r.max_residual(A.WORLD_CODE) == pytest.approx(f.set_index("country_code").loc[A.WORLD_CODE, "max_abs_residual"])
