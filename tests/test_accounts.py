"""National accounts: published values of the NFA 2025 edition, identities, factors, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from footprint import accounts as A
from footprint.core.errors import ParameterError


def _total(nfa, country, year, record):
    m = A.matrix(nfa, record, "per_cap", countries=[country], years=[year])
    return float(m["total"].iloc[0])


def test_published_values_japan_2022(nfa):
    # GFN data API, NFA 2025 edition (footprint-method fact sheet, key anchors)
    s = A.summary(nfa, ["Japan"], [2022]).iloc[0]
    assert s["ef_consumption_gha_per_cap"] == pytest.approx(4.264, abs=5e-4)
    assert s["biocapacity_gha_per_cap"] == pytest.approx(0.620, abs=5e-4)
    assert s["earths"] == pytest.approx(2.835, abs=5e-4)
    assert _total(nfa, "World", 2022, "biocapacity") == pytest.approx(1.504, abs=5e-4)
    assert s["countries_needed"] == pytest.approx(6.87, abs=5e-3)


def test_japan_carbon_and_nowcast(nfa):
    m = A.matrix(nfa, "ef_consumption", countries=["Japan"], years=[2022, 2024])
    assert m.loc[(A.JAPAN_CODE, "Japan", 2022), "carbon"] == pytest.approx(3.211, abs=5e-4)
    assert m.loc[(A.JAPAN_CODE, "Japan", 2024), "total"] == pytest.approx(4.036, abs=5e-4)


def test_earths_equals_api_record(nfa):
    """Our Earths (EF / world BC) equals the API's own `Earths` record for every country-year."""
    wide = A.load_nfa_wide()
    api = wide[wide["record"] == "Earths"][["gfn_country_code", "year", "total"]].rename(
        columns={"gfn_country_code": "country_code", "total": "api_earths"}
    )
    ours = A.summary(nfa)[["country_code", "year", "earths"]]
    j = ours.merge(api, on=["country_code", "year"]).dropna()
    assert len(j) > 4000
    np.testing.assert_allclose(j["earths"], j["api_earths"], rtol=1e-9)


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


def test_unknown_country_suggests_close_matches(nfa):
    with pytest.raises(ParameterError, match="Viet Nam"):
        A.resolve_countries(nfa, ["Vietnm"])
    with pytest.raises(ParameterError, match="Japan"):
        A.resolve_countries(nfa, ["Japn"])
    assert A.resolve_countries(nfa, ["Vietnam", "JP", 5001, "united kingdom"]) == [237, 110, 5001, 229]


def test_unknown_year_is_a_clear_error(nfa):
    with pytest.raises(ParameterError, match="2000–2024"):
        A.require_year(nfa, 1990)


def test_tidy_table_shape(nfa):
    assert set(nfa["land_type"].cat.categories) == {*A.LAND_TYPES, "total"}
    assert set(nfa["record"]) == {"ef_production", "ef_imports", "ef_exports", "ef_consumption", "biocapacity", "area"}
    assert not nfa.duplicated(["country_code", "year", "record", "basis", "land_type"]).any()
    carbon_bc = A.select(nfa, records=["biocapacity"])
    assert (carbon_bc.loc[carbon_bc["land_type"] == "carbon", "value"].fillna(0) == 0).all()
    assert isinstance(nfa, pd.DataFrame)
