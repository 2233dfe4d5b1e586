"""Offsets against Osaka's emissions and carbon footprint: arithmetic and where the footprint comes from."""

from __future__ import annotations

import pandas as pd
import pytest

from footprint import accounts as A
from footprint import city as C
from footprint import forest as F
from footprint.core.units import carbon_uptake_intensity


def test_offsets_arithmetic():
    hwp = pd.DataFrame({"year": [2024, 2025], "stock_change_co2_t": [100.0, 50.0]})
    o = F.offsets(hwp, 10.0, emissions_co2_t=1e6, footprint_gha=7e5, gha_per_t_co2=0.35, sink_from_year=2025)
    assert o["forest_sink_co2_t"].tolist() == [0.0, 10.0]
    assert o["total_co2_t"].tolist() == [100.0, 60.0]
    assert o["share_of_emissions"].iloc[0] == pytest.approx(1e-4)
    assert o["share_of_footprint"].iloc[1] == pytest.approx(60 * 0.35 / 7e5)
    assert o["footprint_co2_t"].iloc[0] == pytest.approx(2e6)


def test_carbon_footprint_from_the_city_model():
    res = C.osaka_carbon_footprint(2022)
    cf = F.carbon_footprint_from_city(res)
    assert cf.method == F.CITY_METHOD and cf.status == "estimated" and cf.year == 2022
    assert cf.co2_t == pytest.approx(cf.ef_carbon_gha / cf.gha_per_t_co2)
    assert 0.3 < cf.gha_per_t_co2 < 0.4  # the one CO2 -> gha conversion: about 0.35 gha per t CO2


def test_national_carbon_footprint_fed_with_the_accounts(nfa):
    """Japan's carbon footprint per person × Osaka's population, converted with the year's forest EQF."""
    per_cap = A.matrix(nfa, "ef_consumption", countries=[A.JAPAN_CODE], years=[2022])["carbon"].iloc[0]
    k = carbon_uptake_intensity(float(A.equivalence_factors(nfa).loc[2022, "forest_products"]))
    cf = F.national_carbon_footprint(per_cap, 2_752_412, year=2022, gha_per_t_co2=k, source=A.NFA_SOURCE)
    assert cf.status == "estimated"
    assert cf.ef_carbon_gha == pytest.approx(per_cap * 2_752_412)
    assert cf.co2_t == pytest.approx(cf.ef_carbon_gha / k)


def test_osaka_emissions_estimated_from_the_prefecture():
    inputs = F.load_inputs()
    e = F.osaka_emissions(inputs.municipalities, inputs.constants)
    assert e.status == "estimated" and e.co2_t == pytest.approx(13_261_132, abs=1)
    given = F.osaka_emissions(inputs.municipalities, inputs.constants, 1.5e7)
    assert given.co2_t == 1.5e7 and given.status == "estimated"  # a user's number is not a checked publication
