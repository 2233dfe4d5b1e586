"""Loading and reshaping the NFA table (footprint.accounts.inputs)."""

from __future__ import annotations

import pandas as pd
import pytest

from footprint import accounts as A


def test_tidy_table_shape(nfa):
    assert set(nfa["land_type"].cat.categories) == {*A.LAND_TYPES, "total"}
    assert set(nfa["record"]) == {"ef_production", "ef_imports", "ef_exports", "ef_consumption", "biocapacity", "area"}
    assert not nfa.duplicated(["country_code", "year", "record", "basis", "land_type"]).any()
    carbon_bc = A.select(nfa, records=["biocapacity"])
    assert (carbon_bc.loc[carbon_bc["land_type"] == "carbon", "value"].fillna(0) == 0).all()
    assert isinstance(nfa, pd.DataFrame)
