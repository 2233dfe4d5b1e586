"""The brief's choice of partnerships (notebook 05's outputs are checked in tests/test_e2e_run.py)."""

from __future__ import annotations

import pytest

from footprint import sdgs as S
from footprint.core.errors import ParameterError


def test_select_partnerships():
    parts = S.load_partnerships()
    assert S.select_partnerships(parts, []) is parts
    assert S.select_partnerships(parts, ["hcmc"])["id"].tolist() == ["osaka_city", "hcmc"]
    with pytest.raises(ParameterError, match=r"unknown \['hcmcc'\]"):
        S.select_partnerships(parts, ["hcmcc"])
