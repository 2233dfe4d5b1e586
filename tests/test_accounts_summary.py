"""Headline numbers: published values of the NFA 2025 edition (footprint.accounts.summary)."""

from __future__ import annotations

import numpy as np
import pytest

from footprint import accounts as A


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


def test_headline_quotes_the_summary_of_the_last_year(nfa):
    h = A.headline(nfa, ["Japan", "Viet Nam", "World"], [2000, 2022])
    assert (h["first_year"], h["year"], h["edition"]) == (2000, 2022, A.NFA_EDITION)
    assert list(h["countries"]) == ["Japan", "Viet Nam", "World"]  # the order asked for
    assert h["japan"] == h["countries"]["Japan"]
    assert h["japan"]["ef_consumption_gha_per_cap"] == pytest.approx(4.264, abs=5e-4)
    assert h["japan"]["overshoot_date"] == "2022-05-09"
    # the caption of notebook 01 quotes countries_needed as footprint / biocapacity of the same matrices
    ef = A.country_matrix(nfa, "ef_consumption", "Japan", years=[2022]).loc[2022, "total"]
    bc = A.country_matrix(nfa, "biocapacity", "Japan", years=[2022]).loc[2022, "total"]
    assert h["japan"]["countries_needed"] == ef / bc


def test_headline_has_japan_even_when_not_asked_for(nfa):
    h = A.headline(nfa, ["Thailand"], [2010, 2020])
    assert list(h["countries"]) == ["Thailand"] and h["japan"]["earths"] > 1


def test_year_summary_keeps_the_order_given(nfa):
    s = A.summary(nfa, ["Japan", "Thailand"], [2020, 2021])
    assert list(A.year_summary(s, 2021, ["Thailand", "Japan"]).index) == ["Thailand", "Japan"]
