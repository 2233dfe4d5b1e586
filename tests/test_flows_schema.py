"""Flow tables: the shipped seed, validation of a researcher's files, combining and selecting."""

from __future__ import annotations

import pytest
from strategies_flows import FLOWS_HEADER as HEADER

from footprint import flows as FL
from footprint.core import STATUSES
from footprint.core.errors import DataFileError, ParameterError


@pytest.fixture(scope="module")
def seed():
    return FL.load_seed()


def _write(tmp_path, text, name="extra.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# ------------------------------------------------------------------ seed data


def test_seed_loads_with_source_and_status_on_every_row(seed):
    for df in (seed.nodes, seed.flows, seed.parameters):
        assert df["source"].notna().all() and (df["source"].str.len() > 0).all()
        assert df["status"].isin(STATUSES).all()
    assert set(seed.flows["layer"]) == set(FL.LAYERS)
    partners = {"hcmc", "quezon_city", "thailand_eec", "greater_manchester"}
    assert partners <= set(seed.flows["source_id"]) | set(seed.flows["target_id"])


def test_seed_published_numbers(seed):
    """Spot checks against the fact sheet's sources (Osaka City FY2023 transfer tax, IO table 2015)."""
    f = seed.flows.set_index(["source_id", "target_id", "item", "year"])
    assert f.loc[("government_of_japan", "osaka_city", "forest_tax/transfer", 2023), "quantity"] == 310_620_000
    assert f.loc[("outside_osaka_pref", "osaka_pref", "goods_services/io_table", 2015), "quantity"] == 23.932e12
    assert f.loc[("osaka_pref", "outside_osaka_pref", "goods_services/io_table", 2018), "quantity"] == 26.571e12


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    "row, expected",
    [
        ("osaka_city,hcmcc,people,trainees,3,persons,2020,s,published,", r"row 2.*target_id.*'hcmcc'.*hcmc"),
        ("osaka_city,hcmc,people,trainees,3,person,2020,s,published,", r"row 2.*unit.*'person'.*persons"),
        ("osaka_city,hcmc,people,trainees,-3,persons,2020,s,published,", r"row 2.*quantity >= 0.*-3"),
        ("osaka_city,hcmc,people,trainees,3,persons,1850,s,published,", r"row 2.*year >= 1950.*1850"),
        ("osaka_city,hcmc,money,trainees,3,persons,2020,s,published,", r"row 2.*layer one of.*'money'"),
        ("osaka_city,osaka_city,people,trainees,3,persons,2020,s,published,", r"row 2.*to itself"),
        ("osaka_city,hcmc,people,trainees,3,persons,2020,s,guessed,", r"row 2.*status one of"),
    ],
)
def test_bad_rows_are_named(tmp_path, seed, row, expected):
    p = _write(tmp_path, HEADER + row + "\n")
    with pytest.raises(DataFileError, match=expected) as e:
        FL.read_flows_file(p, seed.nodes, seed.units)
    assert "extra.csv" in str(e.value)


def test_duplicate_row_names_both_lines(tmp_path, seed):
    row = "osaka_city,hcmc,people,trainees,3,persons,2020,s,published,\n"
    p = _write(tmp_path, HEADER + row + "osaka_city,hcmc,fund,x,1,JPY,2020,s,published,\n" + row)
    with pytest.raises(DataFileError, match=r"row 4.*duplicate of row 2"):
        FL.read_flows_file(p, seed.nodes, seed.units)


def test_extra_flows_duplicating_the_seed_are_refused(tmp_path, seed):
    p = _write(tmp_path, HEADER + "government_of_japan,osaka_city,fund,forest_tax/transfer,1,JPY,2023,s,published,\n")
    extra = FL.read_flows_file(p, seed.nodes, seed.units)
    with pytest.raises(DataFileError, match=r"extra.csv: row 2.*duplicate"):
        FL.combine(seed.flows, extra, p)


def test_extra_flows_in_cp932_are_added(tmp_path, seed):
    p = tmp_path / "sjis.csv"
    p.write_bytes((HEADER + "kawachinagano,osaka_city,resource,wood/sugi,12.5,m3,2024,自治体の使途公表,published,木材\n").encode("cp932"))
    extra = FL.read_flows_file(p, seed.nodes, seed.units)
    both = FL.combine(seed.flows, extra, p)
    assert len(both) == len(seed.flows) + 1
    assert both["note"].iloc[-1] == "木材"


def test_user_tables_add_nodes_and_flows(tmp_path, seed):
    nodes_p = _write(tmp_path, "id,name_ja,name_en,kind,iso3,muni_code,lat,lon,source,status\n"
                     "forest_town,森林町,Forest town,municipality,JPN,,,,s,illustrative\n", "n.csv")
    flows_p = _write(tmp_path, HEADER + "forest_town,osaka_city,resource,wood/sugi,3,m3,2024,s,illustrative,\n")
    nodes, flows, n_extra = FL.add_user_tables(seed.nodes, seed.flows, seed.units, extra_nodes_file=nodes_p,
                                               extra_flows_file=flows_p)
    assert len(nodes) == len(seed.nodes) + 1 and n_extra == 1 and len(flows) == len(seed.flows) + 1
    same = FL.add_user_tables(seed.nodes, seed.flows, seed.units)
    assert same[0] is seed.nodes and same[1] is seed.flows and same[2] == 0


def test_unknown_node_in_nodes_file(tmp_path):
    p = _write(tmp_path, "id,name_ja,name_en,kind,iso3,muni_code,lat,lon,source,status\nx,x,x,town,,,,,s,published\n", "n.csv")
    with pytest.raises(DataFileError, match=r"n.csv: row 2.*kind one of"):
        FL.read_nodes_file(p)


def test_year_outside_the_range_is_a_parameter_error():
    assert FL.check_year(2025) == 2025
    with pytest.raises(ParameterError, match="year: expected 1950-2100"):
        FL.check_year(1900)


def test_infinite_quantity_and_bad_iso3_are_named(tmp_path, seed):
    p = _write(tmp_path, HEADER + "osaka_city,hcmc,people,trainees,inf,persons,2020,s,published,\n")
    with pytest.raises(DataFileError, match=r"extra.csv: row 2.*finite quantity.*inf"):
        FL.read_flows_file(p, seed.nodes, seed.units)
    p = _write(tmp_path, "id,name_ja,name_en,kind,iso3,muni_code,lat,lon,source,status\nx,x,x,city,XX,,,,s,published\n", "n.csv")
    with pytest.raises(DataFileError, match=r"n.csv: row 2.*iso3.*XX"):
        FL.read_nodes_file(p)
