"""Consistency checks of the accounts: the consumption identity and the land-type totals."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from footprint.accounts.records import LAND_TYPES
from footprint.accounts.selection import select


@dataclass(frozen=True)
class IdentityCheck:
    """Result of checking ``EF_C = EF_P + EF_I − EF_E``."""

    residuals: pd.DataFrame  # country, year, land_type, basis, residual (gha or gha/person)
    tolerance: float

    @property
    def failures(self) -> pd.DataFrame:
        return self.residuals[self.residuals["residual"].abs() > self.tolerance]

    def by_country(self) -> pd.DataFrame:
        """Largest absolute residual per country, with the number of cells over tolerance."""
        r = self.residuals.assign(abs_residual=self.residuals["residual"].abs())
        g = r.groupby(["country_code", "country"], sort=True)
        return pd.DataFrame(
            {
                "max_abs_residual": g["abs_residual"].max(),
                "cells_over_tolerance": g["abs_residual"].agg(lambda s: int((s > self.tolerance).sum())),
            }
        ).reset_index()

    def failing_countries(self) -> pd.DataFrame:
        """:meth:`by_country` rows with at least one cell over tolerance, largest residual first."""
        b = self.by_country()
        return b[b["cells_over_tolerance"] > 0].sort_values("max_abs_residual", ascending=False)

    def max_residual(self, country_code: int) -> float:
        """Largest absolute residual of one country (gha, or gha per person on that basis)."""
        r = self.residuals
        return float(r.loc[r["country_code"] == country_code, "residual"].abs().max())


def identity_check(nfa: pd.DataFrame, basis: str = "per_cap", tolerance: float = 1e-9) -> IdentityCheck:
    """Residual of ``EF_C − (EF_P + EF_I − EF_E)`` for every country, year and land type.

    For the World row the identity does not hold by construction: GFN sets the World's
    consumption equal to its production, and world imports and exports do not cancel (a
    statistical discrepancy of up to about 0.015 gha per person). It is reported, not hidden.
    """
    rows = select(nfa, basis=basis, records=["ef_production", "ef_imports", "ef_exports", "ef_consumption"])
    w = rows.pivot_table(
        index=["country_code", "country", "year", "land_type"], columns="record", values="value", observed=True,
        aggfunc="first",
    ).dropna()
    resid = w["ef_consumption"] - (w["ef_production"] + w["ef_imports"] - w["ef_exports"])
    out = resid.rename("residual").reset_index()
    out["basis"] = basis
    return IdentityCheck(out, tolerance)


def check_totals(nfa: pd.DataFrame, tolerance: float = 1e-6) -> pd.DataFrame:
    """Rows whose six land types do not add up to ``total`` (relative tolerance); empty if all do."""
    w = nfa.pivot_table(
        index=["country_code", "country", "year", "record", "basis"], columns="land_type", values="value",
        observed=True, aggfunc="first",
    )
    w.columns = w.columns.astype(str)
    parts = w[list(LAND_TYPES)]
    complete = parts.notna().all(axis=1) & w["total"].notna()
    s = parts.sum(axis=1)
    rel = (s - w["total"]).abs() / w["total"].abs().clip(lower=1e-12)
    bad = complete & (rel > tolerance)
    return w.loc[bad, ["total"]].assign(sum_of_land_types=s[bad], relative_difference=rel[bad]).reset_index()
