"""Status labels corrected by the city footprint v2 (issue 12, build 9): each a regression test."""

from __future__ import annotations

import pandas as pd

from footprint import accounts as A
from footprint.core.io import read_raw_csv
from footprint.forest.offsets import osaka_emissions
from footprint.sdgs import brief as sdgs_brief


def test_unverified_3eid_shares_and_hwp_half_lives_are_not_published():
    shares = read_raw_csv("clum/clum_margin_shares.csv")
    ghg = shares[shares["basis"] == "consumption-based GHG"]
    assert (ghg["status"] != "published").all()
    hl = read_raw_csv("forest/hwp_half_lives.csv")
    assert (hl.loc[hl["verified"] == "no", "status"] != "published").all()


def test_carbon_uptake_parameters_are_estimates_except_the_molar_ratio():
    cu = read_raw_csv("units/carbon_uptake.csv").set_index("parameter")["status"]
    assert cu["afcs_t_c_per_ha"] != "published" and cu["ocean_uptake_share"] != "published"


def test_nowcast_years_are_labelled_estimated(nfa):
    s = A.summary(nfa, ["Japan"], [2022, 2023, 2024]).set_index("year")
    assert s.loc[2022, "status"] == "published"
    assert (s.loc[[2023, 2024], "status"] == "estimated").all() and s.loc[[2023, 2024], "nowcast"].all()


def test_a_user_emissions_value_is_not_labelled_published():
    e = osaka_emissions(pd.DataFrame(), pd.DataFrame({"value": [1.0], "source": ["x"]},
                                                               index=["osaka_pref_ghg_t_co2e"]), 1.5e7)
    assert e.co2_t == 1.5e7 and e.status != "published"


def test_the_offsets_chart_takes_the_jcm_status_of_the_indicator_table():
    """Issue 19: the table said "published" and the offsets chart "estimated" for the same JCM row."""
    forest = type("Forest", (), {"horizon_year": 2050, "stock_end_co2_t": 0.0, "sink_total_co2_t": 0.0})()
    for status in ("published", "estimated"):
        table = pd.DataFrame({"partnership": ["hcmc"], "indicator": ["jcm_expected_reduction"], "value": [100.0],
                              "status": [status]})
        assert sdgs_brief.offset_magnitudes(table, 10.0, forest).set_index("co2_t").loc[100.0, "status"] == status


def test_expected_jcm_reductions_are_never_published_in_the_indicator_table():
    """Ex-ante expected reductions are estimates even when the page that reports them is a primary source."""
    from footprint import flows as FL
    from footprint import sdgs as S

    seed = FL.load_seed()
    flows = seed.flows.assign(status="published")
    parts = S.load_partnerships()
    bonds = FL.bond_metrics(FL.snapshot(flows, 2025), seed.nodes)
    rows = S.flow_rows(flows, bonds, parts, 2025).set_index(["partnership", "indicator"])
    assert rows.loc[("hcmc", "jcm_expected_reduction"), "status"] == "estimated"
    assert rows.loc[("hcmc", "jcm_projects"), "status"] == "published"  # a count read from a page stays published
