"""Local-SDGs indicator table: every row sourced and labelled, coverage, clear errors."""

from __future__ import annotations

import pandas as pd
import pytest

from footprint import accounts as A
from footprint import city as C
from footprint import flows as FL
from footprint import forest as F
from footprint import sdgs as S
from footprint.pipeline.model import RunParameters
from footprint.core.errors import DataFileError
from footprint.core.status import STATUSES


@pytest.fixture(scope="module")
def parts():
    return S.load_partnerships()


@pytest.fixture(scope="module")
def table(parts, nfa):
    national = A.summary(nfa, ["Japan", "Viet Nam", "Philippines", "Thailand", "United Kingdom", "World"], [2022])
    ci = C.load_inputs(nfa=nfa)
    head = C.headline_results(ci, C.OSAKA, 2022, 200, 1)
    fi = F.load_inputs()
    p = RunParameters()
    sc = F.forest_scenario(fi, **{k: getattr(p, k) for k in F.SCENARIO_PARAMETERS})
    seed = FL.load_seed()
    flows, _ = FL.with_model_layers(seed.flows, seed.nodes, seed.units, origin=C.osaka_origin_table(2022),
                                    origin_year=2022, fund=sc.flows)
    bonds = FL.bond_metrics(FL.snapshot(flows, 2025), seed.nodes)
    return S.indicator_table([
        S.load_published(parts),
        S.national_rows(national, parts, 2022, A.NFA_SOURCE),
        S.city_rows(head, C.osaka_carbon_footprint(2022), C.osaka_origin_table(2022)),
        S.forest_rows(sc, fi.published, {"wood": "guideline", "sink": "sink"}),
        S.flow_rows(flows, bonds, parts, 2025),
    ], parts)


def test_every_row_has_value_unit_year_source_status(table):
    assert len(table) >= 40
    for col in ("value", "unit", "year", "source", "status"):
        assert table[col].notna().all(), col
    assert (table["source"].str.len() > 3).all()
    assert set(table["status"]) <= set(STATUSES)
    assert not table.duplicated(["partnership", "indicator", "year"]).any()


def test_required_sdgs_and_every_partnership_covered(table, parts):
    assert S.missing_required(table) == []
    cov = S.coverage(table, parts)
    assert (cov.sum(axis=1) >= 2).all(), cov
    assert cov.loc["forest_regions", 15] >= 2 and cov.loc["hcmc", 17] >= 3


def test_city_rows_are_estimates_with_intervals(table):
    osaka = table[(table["partnership"] == "osaka_city") & table["indicator"].str.startswith("osaka_")]
    with_interval = osaka[osaka["p05"].notna()]
    assert set(with_interval["indicator"]) == {"osaka_ef_gha_per_cap", "osaka_earths", "osaka_land_share_outside_city",
                                               "osaka_carbon_share", "osaka_gha_per_ha_city", "osaka_overshoot_day"}
    assert (with_interval["status"] == "estimated").all()
    assert ((with_interval["p05"] <= with_interval["value"]) & (with_interval["value"] <= with_interval["p95"])).all()


def test_published_values_reach_the_table_unchanged(table):
    t = table.set_index(["partnership", "indicator"])
    assert t.loc[("forest_regions", "osaka_transfer_tax_receipts_fy2023"), "value"] == pytest.approx(310.62)
    assert t.loc[("greater_manchester", "gm_carbon_neutral_year"), "value"] == 2038
    assert t.loc[("hcmc", "country_ef_gha_per_cap"), "value"] == pytest.approx(2.598, abs=1e-3)  # Viet Nam 2022
    # layers are counted over the partnership's nodes: HCMC resource + people, Quezon City resource + people,
    # Greater Manchester people only
    assert t.loc[("hcmc", "bond_layers"), "value"] == 2
    assert t.loc[("quezon_city", "bond_layers"), "value"] == 2
    assert t.loc[("greater_manchester", "bond_layers"), "value"] == 1
    # HCMC: Thu Duc inverters 11,000 + green hospitals 574 t-CO2 a year (published seed rows)
    assert t.loc[("hcmc", "jcm_expected_reduction"), "value"] == pytest.approx(11574)


def test_display_table_shortens_sources_only(table, parts):
    names = dict(zip(parts["id"], parts["name_en"], strict=True))
    show = S.display_table(table, names)
    assert len(show) == len(table) and (show["source"].str.len() <= 70).all()
    assert show["partnership"].notna().all()


def test_unknown_partnership_in_a_table_is_a_clear_error(parts):
    bad = pd.DataFrame([dict(partnership="hcmcc", sdg=13, indicator="x", label_en="x", label_ja="x", value=1.0,
                             unit="t", year=2020, source="s", status="published", note=None)])
    with pytest.raises(DataFileError, match=r"row 2: expected a partnership id.*'hcmcc'.*close: \['hcmc'\]"):
        S.indicator_table([bad], parts)
    bad2 = bad.assign(partnership="hcmc", sdg=5)
    with pytest.raises(DataFileError, match="an SDG among"):
        S.indicator_table([bad2], parts)
    bad3 = bad.assign(partnership="hcmc", status="guess")
    with pytest.raises(DataFileError, match="status one of"):
        S.indicator_table([bad3], parts)


def test_format_value():
    assert S.format_value(2038, "year") == "2038"
    assert S.format_value(23354162.0, "t-CO2") == "23.4 million"  # three significant digits, not false precision
    assert S.format_value(23354162.0, "t-CO2", "ja") == "2,340万"
    assert S.format_value(1.0305e9, "yen", "ja") == "10.3億"
    assert S.format_value(3.0, "persons") == "3" and S.format_value(28.0, "years") == "28"
    assert S.format_value(2.6513, "Earths") == "2.65"
    assert S.format_value(99.46, "%") == "99.5"
