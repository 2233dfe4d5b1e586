"""City inputs as loaded (cross-checks against the fact sheets) and clear errors for bad files."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from strategies_city import (  # noqa: F401 (fixtures)
    clum_csv,
    good_clum_fixture,
    inputs_fixture,
    land_use_csv,
    osaka_fixture,
)

from footprint import city as C
from footprint.accounts import LAND_TYPES
from footprint.core import read_raw_csv
from footprint.core.errors import DataFileError, ParameterError


def test_osaka_population_and_area_match_census_and_ssdse(inputs):
    basics = read_raw_csv(C.OSAKA_BASICS_FILE).set_index("code")["value"]
    row = inputs.cities.loc[C.OSAKA]
    assert row["population_2020_persons"] == 2_752_412 == basics["A1101"]  # census 2020
    assert row["area_ha"] == pytest.approx(22_534) == basics["B1101"]  # 225.34 km² (SSDSE-A, in ha)
    assert C.population(inputs, C.OSAKA, 2020) == 2_752_412
    assert C.population(inputs, C.OSAKA, 2015) == 2_691_185
    assert len(inputs.cities) == 52  # 47 capitals + 5 designated cities of the item table


def test_osaka_constant_comes_from_the_places_module():
    from footprint.core.places import OSAKA

    assert C.OSAKA is OSAKA


def test_osaka_to_japan_household_ratios_as_published(inputs):
    # osaka-statistics §2.4, per household, both sides by purpose: 2022 total 0.912, food 1.044, housing 0.984
    osaka = inputs.spending.loc[C.OSAKA].loc[2022]
    nat = inputs.national_published.loc[2022]
    assert osaka["food"] / nat["food"] == pytest.approx(1.044, abs=5e-4)
    assert osaka["housing"] / nat["housing"] == pytest.approx(0.984, abs=5e-4)
    assert osaka.sum() / 290_865 == pytest.approx(0.912, abs=5e-4)


def test_user_clum_round_trip(tmp_path, good_clum, inputs):
    df = C.read_clum(clum_csv(tmp_path, good_clum))
    assert list(df.index) == list(C.CLUM_ROWS)
    user = dataclasses.replace(inputs, clum=df)
    fp = C.city_footprint(user, C.OSAKA, 2022)
    assert fp.headline["ef_gha_per_cap"] == pytest.approx(C.city_footprint(inputs, C.OSAKA, 2022)
                                                           .headline["ef_gha_per_cap"], rel=1e-9)
    assert (fp.clum_national["status"] == "published").all() and (fp.clum_national["source"] == "test").all()


@pytest.mark.parametrize("ending", [b"\r", b"\r\n"])
def test_any_line_ending_reads_as_the_clean_file(tmp_path, good_clum, ending):
    """CR-only (old Mac, some Excel exports) and CRLF files pass the pre-kernel checks and read as the LF file."""
    from footprint.pipeline.parameters import find_notebook, validate_parameters

    clean = clum_csv(tmp_path, good_clum)
    other = tmp_path / "other.csv"
    other.write_bytes(clean.read_bytes().replace(b"\n", ending))
    validate_parameters(find_notebook("02"), {"clum_file": str(other)})
    assert C.read_clum(other).equals(C.read_clum(clean))


def test_clum_of_the_wrong_shape_is_refused(tmp_path, good_clum):
    with pytest.raises(DataFileError, match=r"missing \['carbon'\]"):
        C.read_clum(clum_csv(tmp_path, good_clum.drop(columns="carbon")))
    with pytest.raises(DataFileError, match=r"missing \['gfcf'\]"):
        C.read_clum(clum_csv(tmp_path, good_clum.iloc[:6]))
    bad = good_clum.copy()
    bad.loc[3, "clum_row"] = "goodz"
    with pytest.raises(DataFileError, match=r"row 5.*'goodz'.*goods"):
        C.read_clum(clum_csv(tmp_path, bad))


def test_negative_clum_cell_is_refused_with_its_row(tmp_path, good_clum):
    bad = good_clum.copy()
    bad.loc[2, "forest_products"] = -0.1
    with pytest.raises(DataFileError, match=r"clum\.csv: row 4: expected forest_products >= 0, found -0\.1"):
        C.read_clum(clum_csv(tmp_path, bad))


def test_unknown_city_lists_valid_names(inputs):
    with pytest.raises(ParameterError) as e:
        C.resolve_city(inputs, "Osak")
    msg = str(e.value)
    assert "'Osak'" in msg and "Osaka" in msg and "大阪市" in msg and "那覇市 (Naha)" in msg


def test_any_capital_by_english_name_or_code(inputs):
    assert C.resolve_city(inputs, "tokyo") == "東京都区部"
    assert C.resolve_city(inputs, "27") == C.OSAKA
    assert C.resolve_city(inputs, "Sapporo") == "札幌市"


def test_bad_year(inputs):
    with pytest.raises(ParameterError, match="2007–2024"):
        C.city_footprint(inputs, C.OSAKA, 2005)


def test_bad_land_use_file(tmp_path):
    p = land_use_csv(tmp_path, "大阪市,built_up_land,100,150,200,x,estimated\n")
    with pytest.raises(DataFileError, match="row 2: expected area_ha_low <= area_ha <= area_ha_high"):
        C.read_land_use(str(p), user=True)


def test_user_land_use_gives_any_capital_a_biocapacity(tmp_path, inputs):
    p = land_use_csv(tmp_path, "京都市,forest_products,60000,55000,65000,test,illustrative\n"
                               "京都市,built_up_land,15000,14000,16000,test,illustrative\n")
    user = dataclasses.replace(inputs, land_use=C.read_land_use(str(p), user=True))
    fp = C.city_footprint(user, "Kyoto", 2022)
    ctx = C.year_context(inputs, 2022)
    i, j = LAND_TYPES.index("forest_products"), LAND_TYPES.index("built_up_land")
    expected = (60000 * ctx.yield_factors[i] * ctx.equivalence_factors[i]
                + 15000 * ctx.yield_factors[j] * ctx.equivalence_factors[j])
    assert fp.headline["bc_gha"] == pytest.approx(expected, rel=1e-12)
    assert 0 < fp.headline["share_outside_city"] < 1
    np.testing.assert_allclose(fp.biocapacity["bc_gha"].sum(), expected, rtol=1e-12)


def test_clum_with_a_unit_error_is_refused(tmp_path, good_clum):
    big = good_clum.copy()
    big[list(LAND_TYPES)] *= 1000
    with pytest.raises(DataFileError, match=r"about 1,000× .*too large"):
        C.read_clum(clum_csv(tmp_path, big))
    small = good_clum.copy()
    small[list(LAND_TYPES)] *= 0.001
    with pytest.raises(DataFileError, match="too small"):
        C.read_clum(clum_csv(tmp_path, small))
    inf = good_clum.copy()
    inf.loc[0, "carbon"] = np.inf
    with pytest.raises(DataFileError, match=r"row 2: expected a finite"):  # the schema or the CLUM check names it
        C.read_clum(clum_csv(tmp_path, inf))


def test_land_use_of_an_unknown_city_or_in_square_metres_is_refused(tmp_path, inputs):
    p = land_use_csv(tmp_path, "大坂市,built_up_land,20000,19000,21000,x,estimated\n")
    with pytest.raises(DataFileError, match=r"row 2.*'大坂市'.*大阪市"):
        C.check_land_use_cities(C.read_land_use(str(p), user=True), inputs.cities, p)
    p = land_use_csv(tmp_path, "大阪市,built_up_land,2e9,1.9e9,2.1e9,x,estimated\n")
    with pytest.raises(DataFileError, match="m²"):
        C.check_land_use_cities(C.read_land_use(str(p), user=True), inputs.cities, p)
    p = land_use_csv(tmp_path, "大阪市,built_up_land,inf,1,inf,x,estimated\n")
    with pytest.raises(DataFileError, match="finite"):
        C.read_land_use(str(p), user=True)
