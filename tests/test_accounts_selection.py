"""Selecting countries and years (footprint.accounts.selection)."""

from __future__ import annotations

import pytest

from footprint import accounts as A
from footprint.core.errors import ParameterError


def test_unknown_country_suggests_close_matches(nfa):
    with pytest.raises(ParameterError, match="Viet Nam"):
        A.resolve_countries(nfa, ["Vietnm"])
    with pytest.raises(ParameterError, match="Japan"):
        A.resolve_countries(nfa, ["Japn"])
    assert A.resolve_countries(nfa, ["Vietnam", "JP", 5001, "united kingdom"]) == [237, 110, 5001, 229]



def test_unknown_year_is_a_clear_error(nfa):
    with pytest.raises(ParameterError, match="2000–2024"):
        A.require_year(nfa, 1990)


def test_year_span_is_inclusive_and_checked(nfa):
    assert A.year_span(nfa, [2020, 2022]) == [2020, 2021, 2022]
    assert A.year_span(nfa, [2022]) == [2022]
    with pytest.raises(ParameterError, match="2000–2024"):
        A.year_span(nfa, [1990, 2000])


def test_country_names_in_the_order_given(nfa):
    codes = A.resolve_countries(nfa, ["World", "JP"])
    assert A.country_names(nfa, codes) == ["World", "Japan"]
