"""Selection of flows: snapshot of a year, layers and partners."""

from __future__ import annotations

import pytest

from footprint import flows as FL
from footprint.core.errors import ParameterError


@pytest.fixture(scope="module")
def seed():
    return FL.load_seed()


def test_select_rejects_unknown_partner(seed):
    with pytest.raises(ParameterError, match="hcmc"):
        FL.select(seed.flows, partners=["hcm"], nodes=seed.nodes)
    with pytest.raises(ParameterError, match="layers"):
        FL.select(seed.flows, layers=["money"])


def test_snapshot_keeps_latest_of_each_series(seed):
    s = FL.snapshot(seed.flows, 2022)
    jcm = s[(s["target_id"] == "hcmc") & (s["item"] == "low_carbon_technology/jcm_projects")]
    assert jcm["year"].tolist() == [2021] and jcm["quantity"].tolist() == [12]
    s = FL.snapshot(seed.flows, 2025)
    jcm = s[(s["target_id"] == "hcmc") & (s["item"] == "low_carbon_technology/jcm_projects")]
    assert jcm["quantity"].tolist() == [13]
    assert (s["year"] <= 2025).all()
    assert not s.duplicated(list(FL.SERIES_KEY)).any()
