"""Records as matrices (footprint.accounts.matrix)."""

from __future__ import annotations

import pandas as pd
import pytest

from footprint import accounts as A


def test_japan_carbon_and_nowcast(nfa):
    m = A.matrix(nfa, "ef_consumption", countries=["Japan"], years=[2022, 2024])
    assert m.loc[(A.JAPAN_CODE, "Japan", 2022), "carbon"] == pytest.approx(3.211, abs=5e-4)
    assert m.loc[(A.JAPAN_CODE, "Japan", 2024), "total"] == pytest.approx(4.036, abs=5e-4)


def test_country_and_year_matrices_are_slices_of_matrix(nfa):
    m = A.matrix(nfa, "biocapacity", countries=["Japan", "World"], years=[2021])
    y = A.year_matrix(nfa, "biocapacity", ["Japan", "World"], 2021)
    assert list(y.index) == ["Japan", "World"] and y.loc["Japan", "total"] == m.loc[(A.JAPAN_CODE, "Japan", 2021), "total"]
    c = A.country_matrix(nfa, "biocapacity", "Japan", years=[2021])
    assert c.loc[2021, "total"] == y.loc["Japan", "total"]


def test_matrices_equal_one_matrix_per_record(nfa):
    ms = A.matrices(nfa, ["Japan"])
    one = A.matrix(nfa, "area", "total", countries=["Japan"]).droplevel(["country_code", "country"])
    pd.testing.assert_frame_equal(ms[(A.JAPAN_CODE, "area", "total")], one, check_names=False, check_index_type=False)
