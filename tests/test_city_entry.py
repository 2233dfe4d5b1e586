"""What other topics take from the city model: Osaka's origin table and carbon footprint."""

from __future__ import annotations

import pytest
from strategies_city import inputs_fixture  # noqa: F401 (fixtures)

from footprint import city as C
from footprint.accounts import LAND_TYPES
from footprint.core.units import gha_per_t_co2, load_carbon_uptake


def test_origin_table_interface(inputs):
    t = C.osaka_origin_table(2022)
    assert list(t.columns) == ["land_type", "origin", "ef_gha", "status", "source"]
    assert set(t["origin"]) == set(C.ORIGINS)
    fp = C.city_footprint(inputs, C.OSAKA, 2022)
    assert t["ef_gha"].sum() == pytest.approx(fp.headline["ef_gha"], rel=1e-12)
    carbon = t[(t["land_type"] == "carbon") & (t["origin"] == "city")]["ef_gha"].iloc[0]
    assert carbon == 0  # no forest in the city: no carbon uptake land inside it


def test_carbon_intensity_back_of_envelope():
    # footprint-method §1.2: EQF_forest 1.298, AFCS 0.73 t C/ha, S_ocean 0.28 → ≈ 0.35 gha per t CO2
    assert gha_per_t_co2(1.298, 0.73, 0.28) == pytest.approx(0.35, abs=0.005)


def test_carbon_footprint_interface():
    d = C.osaka_carbon_footprint(2022)
    assert {"ef_carbon_gha", "ef_carbon_gha_per_cap", "co2_t", "status", "source"} <= set(d)
    assert d["status"] == "estimated"
    assert d["co2_t"] == pytest.approx(d["ef_carbon_gha"] / d["intensity_gha_per_t_co2"])
    assert 0.3 < d["intensity_gha_per_t_co2"] < 0.4
    # per person a few t CO2, like Japan's consumption-based emissions (about 7-9 t CO2e)
    assert 5 < d["co2_t"] / d["population"] < 12


def test_carbon_footprint_uses_the_one_co2_conversion(inputs):
    fp = C.city_footprint(inputs, C.OSAKA, 2022)
    eqf = float(C.year_context(inputs, 2022).equivalence_factors[LAND_TYPES.index("carbon")])
    p = load_carbon_uptake()
    d = C.carbon_footprint(fp, eqf, p)
    assert d["intensity_gha_per_t_co2"] == gha_per_t_co2(eqf, p.afcs_t_c_per_ha, p.ocean_uptake_share, p.co2_per_c)
    assert d == C.osaka_carbon_footprint(2022, inputs)
