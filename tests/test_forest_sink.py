"""Partner-forest sink: published worked examples, the shipped tables, clear errors."""

from __future__ import annotations

import pandas as pd
import pytest

from footprint import forest as F
from footprint.core.errors import ParameterError


@pytest.fixture(scope="module")
def inputs():
    return F.load_inputs()


def test_sugi_increment_worked_example():
    # Forestry Agency: 36-40-year sugi, 9.7 m3/ha/yr -> 8.8 t-CO2/ha/yr
    assert F.sink_co2_t(9.7, 1.23, 0.25, 0.314, 0.51) == pytest.approx(8.8, abs=0.05)


def test_hinoki_certification_example():
    # 9.6 m3 x BEF(1+R) 1.56 x D 0.407 x CF 0.5 x 44/12 = 11.17 t-CO2
    assert F.sink_co2_t(9.6, 1.56, 0.0, 0.407, 0.5) == pytest.approx(11.17, abs=0.005)


def test_shipped_species_reproduce_the_sugi_example(inputs):
    sp = inputs.carbon.species.set_index("species").loc["sugi"]
    assert F.sink_co2_t(9.7, sp["bef_gt20"], sp["root_shoot"], sp["basic_density_t_per_m3"],
                        sp["carbon_fraction"]) == pytest.approx(8.8, abs=0.05)


def test_forest_sink_of_a_sugi_stand_from_the_tables(inputs):
    stands = pd.DataFrame({"species": ["sugi"], "age_y": [38], "area_ha": [1.0]})
    out = F.forest_sink(stands, inputs.carbon.species, inputs.carbon.increments)
    assert out["increment_m3_per_ha_yr"].iloc[0] == 9.7  # narrowest class 36-40, not the 1-100 mean
    assert out["co2_t"].iloc[0] == pytest.approx(8.8, abs=0.05)
    assert out["status"].iloc[0] == "published"
    hinoki = F.forest_sink(pd.DataFrame({"species": ["hinoki"], "age_y": [25], "area_ha": [2.0]}),
                           inputs.carbon.species, inputs.carbon.increments)
    assert hinoki["status"].iloc[0] == "estimated"  # unverified species flagged
    assert hinoki["bef"].iloc[0] == 1.24


def test_unknown_partner_and_species(inputs):
    with pytest.raises(ParameterError, match=r"partner municipality code '27999'"):
        F.stands_table(["27999"], 10.0, [["sugi", 38, 1.0]], inputs.municipalities)
    with pytest.raises(ParameterError, match=r"species 'sugii'.*close: \['sugi'\]"):
        F.forest_sink(pd.DataFrame({"species": ["sugii"], "age_y": [38], "area_ha": [1.0]}),
                      inputs.carbon.species, inputs.carbon.increments)
    with pytest.raises(ParameterError, match=r"age 60.*forest_increments"):
        F.forest_sink(pd.DataFrame({"species": ["hinoki"], "age_y": [60], "area_ha": [1.0]}),
                      inputs.carbon.species, inputs.carbon.increments)
    with pytest.raises(ParameterError, match=r"supported area: expected >= 0 ha"):
        F.stands_table(["27216"], -1.0, [["sugi", 38, 1.0]], inputs.municipalities)
