"""Flow graph: round trip, validation, conversions (published worked examples), metrics, adapters."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footprint import accounts
from footprint import flows as F
from footprint.core.errors import DataFileError, ParameterError


@pytest.fixture(scope="module")
def seed():
    return F.load_seed()


@pytest.fixture(scope="module")
def factors(seed, nfa):
    eqf = accounts.equivalence_factors(nfa).loc[2022, "forest_products"]
    yf = accounts.yield_factors(nfa, "Japan").loc[2022, "forest_products"]
    return F.conversion_table(seed.units, seed.parameters, eqf_forest=eqf, yf_forest=yf, year=2022)


# ------------------------------------------------------------------ seed data


def test_seed_loads_with_source_and_status_on_every_row(seed):
    for df in (seed.nodes, seed.flows, seed.parameters):
        assert df["source"].notna().all() and (df["source"].str.len() > 0).all()
        assert df["status"].isin(F.STATUS_RANK).all()
    assert set(seed.flows["layer"]) == set(F.LAYERS)
    partners = {"hcmc", "quezon_city", "thailand_eec", "greater_manchester"}
    assert partners <= set(seed.flows["source_id"]) | set(seed.flows["target_id"])


def test_seed_published_numbers(seed):
    """Spot checks against the fact sheet's sources (Osaka City FY2023 transfer tax, IO table 2015)."""
    f = seed.flows.set_index(["source_id", "target_id", "item", "year"])
    assert f.loc[("government_of_japan", "osaka_city", "forest_tax/transfer", 2023), "quantity"] == 310_620_000
    assert f.loc[("outside_osaka_pref", "osaka_pref", "goods_services/io_table", 2015), "quantity"] == 23.932e12
    assert f.loc[("osaka_pref", "outside_osaka_pref", "goods_services/io_table", 2018), "quantity"] == 26.571e12


# ------------------------------------------------------------------ round trip


def test_round_trip_of_the_seed(seed):
    g = F.build_graph(seed.nodes, seed.flows)
    assert g.number_of_nodes() == len(seed.nodes)
    assert g.number_of_edges() == len(seed.flows)
    nodes, flows = F.graph_to_tables(g)
    pd.testing.assert_frame_equal(nodes, seed.nodes)
    pd.testing.assert_frame_equal(flows, seed.flows)


_ids = st.sampled_from(["osaka_city", "osaka_pref", "a", "b", "c", "d"])
_flow = st.fixed_dictionaries({
    "source_id": _ids, "target_id": _ids, "layer": st.sampled_from(F.LAYERS),
    "item": st.sampled_from(["x", "x/1", "y/2", "z"]),
    "quantity": st.one_of(st.none(), st.floats(0, 1e12, allow_nan=False)),
    "unit": st.sampled_from(["JPY", "persons", "gha", "t-CO2", "GBP"]),
    "year": st.integers(1990, 2030), "status": st.sampled_from(list(F.STATUS_RANK)),
})


def _table(rows):
    df = pd.DataFrame(rows, columns=["source_id", "target_id", "layer", "item", "quantity", "unit", "year", "status"])
    df = df[df["source_id"] != df["target_id"]].drop_duplicates(list(F.DUPLICATE_KEY), ignore_index=True)
    df["quantity"] = df["quantity"].astype(float)
    df["year"] = df["year"].astype("int64")
    df["source"] = "test"
    return df


def _nodes(ids=("osaka_city", "osaka_pref", "a", "b", "c", "d")):
    n = len(ids)
    return pd.DataFrame({"id": list(ids), "name_ja": list(ids), "name_en": list(ids), "kind": ["city"] * n,
                         "iso3": [None] * n, "muni_code": [None] * n, "lat": [np.nan] * n, "lon": [np.nan] * n,
                         "source": ["test"] * n, "status": ["published"] * n, "note": [None] * n})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_flow, max_size=40))
def test_round_trip_property(rows):
    flows = _table(rows)
    nodes = _nodes()
    n2, f2 = F.graph_to_tables(F.build_graph(nodes, flows))
    pd.testing.assert_frame_equal(n2, nodes)
    pd.testing.assert_frame_equal(f2, flows)


# ------------------------------------------------------------------ validation


def _write(tmp_path, text, name="extra.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


HEADER = "source_id,target_id,layer,item,quantity,unit,year,source,status,note\n"


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
        F.read_flows_file(p, seed.nodes, seed.units)
    assert "extra.csv" in str(e.value)


def test_duplicate_row_names_both_lines(tmp_path, seed):
    row = "osaka_city,hcmc,people,trainees,3,persons,2020,s,published,\n"
    p = _write(tmp_path, HEADER + row + "osaka_city,hcmc,fund,x,1,JPY,2020,s,published,\n" + row)
    with pytest.raises(DataFileError, match=r"row 4.*duplicate of row 2"):
        F.read_flows_file(p, seed.nodes, seed.units)


def test_extra_flows_duplicating_the_seed_are_refused(tmp_path, seed):
    p = _write(tmp_path, HEADER + "government_of_japan,osaka_city,fund,forest_tax/transfer,1,JPY,2023,s,published,\n")
    extra = F.read_flows_file(p, seed.nodes, seed.units)
    with pytest.raises(DataFileError, match=r"extra.csv: row 2.*duplicate"):
        F.combine(seed.flows, extra, p)


def test_extra_flows_in_cp932_are_added(tmp_path, seed):
    p = tmp_path / "sjis.csv"
    p.write_bytes((HEADER + "kawachinagano,osaka_city,resource,wood/sugi,12.5,m3,2024,自治体の使途公表,published,木材\n").encode("cp932"))
    extra = F.read_flows_file(p, seed.nodes, seed.units)
    both = F.combine(seed.flows, extra, p)
    assert len(both) == len(seed.flows) + 1
    assert both["note"].iloc[-1] == "木材"


def test_unknown_node_in_nodes_file(tmp_path):
    p = _write(tmp_path, "id,name_ja,name_en,kind,iso3,muni_code,lat,lon,source,status\nx,x,x,town,,,,,s,published\n", "n.csv")
    with pytest.raises(DataFileError, match=r"n.csv: row 2.*kind one of"):
        F.read_nodes_file(p)


def test_select_rejects_unknown_partner(seed):
    with pytest.raises(ParameterError, match="hcmc"):
        F.select(seed.flows, partners=["hcm"], nodes=seed.nodes)
    with pytest.raises(ParameterError, match="layers"):
        F.select(seed.flows, layers=["money"])


# ------------------------------------------------------------------ conversions


def test_carbon_uptake_intensity_matches_the_published_example():
    """Footprint-method fact sheet §1.2: EQF_forest 1.298, AFCS 0.73 t C/ha, S_ocean 0.28 → ≈ 0.35 gha/t CO2."""
    v = F.carbon_uptake_intensity(1.298, 0.73, 0.28)
    assert v == pytest.approx(0.35, abs=0.005)
    assert v == pytest.approx(12 / 44 * 0.72 / 0.73 * 1.298, rel=1e-12)


def test_carbon_intensity_with_nfa_eqf(factors):
    row = factors[(factors["unit"] == "t-CO2") & (factors["currency"] == "ef_gha")]
    assert row["factor"].item() == pytest.approx(0.35, abs=0.005)
    assert row["status"].item() == "estimated"


def test_wood_forest_intensity():
    # 9.7 m3/ha/yr (mid-age sugi, Forestry Agency): 9.7 m3 take 1 ha for a year; YF 1.5 and EQF 1.3 → 1.95 gha
    assert F.wood_forest_intensity(1.3, 1.5, 9.7) * 9.7 == pytest.approx(1.95)
    with pytest.raises(ParameterError):
        F.wood_forest_intensity(1.3, 1.5, 0)


def test_convert_keeps_every_flow_and_its_unit(seed, factors):
    c = F.convert(seed.flows, factors)
    assert len(c) == len(seed.flows)
    pd.testing.assert_frame_equal(c[seed.flows.columns], seed.flows)
    gbp = c[c["unit"] == "GBP"]
    assert len(gbp) > 0 and gbp[list(F.CURRENCIES)].isna().all().all()  # no exchange rate: kept, unconverted
    k = c[c["unit"] == "thousand JPY"]
    assert (k["amount_jpy"] == k["quantity"] * 1000).all()
    co2 = c[c["unit"] == "t-CO2"]
    assert (co2["co2_t"] == co2["quantity"]).all()
    assert (co2["converted_status"] == "estimated").all()  # gha from CO2 is an estimate


def test_item_specific_factor_wins(factors):
    flows = pd.DataFrame({"source_id": ["a", "a"], "target_id": ["b", "b"], "layer": ["resource"] * 2,
                          "item": ["wood/sugi", "water/yodo"], "quantity": [9.7, 9.7], "unit": ["m3", "m3"],
                          "year": [2022, 2022], "source": ["s", "s"], "status": ["published"] * 2})
    c = F.convert(flows, factors)
    wood = factors.loc[factors["item"] == "wood", "factor"].item()
    assert c["ef_gha"].iloc[0] == pytest.approx(9.7 * wood)
    assert math.isnan(c["ef_gha"].iloc[1])  # water has no gha factor


# ------------------------------------------------------------------ metrics


def _small():
    rows = [
        ("osaka_city", "a", "people", "agreement/mou", 1, "agreements"),
        ("a", "osaka_city", "people", "trainees", 10, "persons"),
        ("osaka_city", "a", "fund", "grant", 100, "JPY"),
        ("b", "osaka_city", "resource", "wood", 5, "m3"),
        ("osaka_city", "b", "fund", "payment", 50, "JPY"),
        ("a", "b", "fund", "grant", 7, "JPY"),
    ]
    df = pd.DataFrame(rows, columns=["source_id", "target_id", "layer", "item", "quantity", "unit"])
    return df.assign(year=2020, source="hand-made", status="published")


def test_bond_metrics_by_hand():
    m = F.bond_metrics(_small()).set_index("partner")
    a, b = m.loc["a"], m.loc["b"]
    assert a["n_flows"] == 3 and a["n_layers"] == 2 and a["n_items"] == 3
    assert a["reciprocal_layers"] == 1 and a["reciprocity"] == 0.5  # people both ways, fund one way
    assert a["shannon_items"] == pytest.approx(math.log(3))  # three categories, one flow each
    assert a["shannon_layers"] == pytest.approx(-(2 / 3 * math.log(2 / 3) + 1 / 3 * math.log(1 / 3)))
    assert b["n_flows"] == 2 and b["reciprocity"] == 0.0 and b["shannon_layers"] == pytest.approx(math.log(2))
    assert "c" not in m.index  # flows not touching the hub are not bonds


def test_partner_balance_by_hand():
    bal = F.partner_balance(_small()).set_index(["partner", "layer", "unit"])
    assert bal.loc[("a", "fund", "JPY"), "net_to_hub"] == -100
    assert bal.loc[("a", "people", "persons"), "net_to_hub"] == 10
    assert bal.loc[("b", "resource", "m3"), "net_to_hub"] == 5


def test_node_balance_with_stocks():
    f = _small()
    stocks = pd.DataFrame({"node": ["b"], "layer": ["fund"], "unit": ["JPY"], "stock_change": [57.0]})
    nb = F.node_balance(f, stocks).set_index(["node", "layer", "unit"])
    assert nb.loc[("b", "fund", "JPY"), "inflow"] == 57
    assert nb.loc[("b", "fund", "JPY"), "balanced"] is True
    stocks["stock_change"] = 50.0
    nb = F.node_balance(f, stocks).set_index(["node", "layer", "unit"])
    assert nb.loc[("b", "fund", "JPY"), "residual"] == 7 and nb.loc[("b", "fund", "JPY"), "balanced"] is False
    assert nb.loc[("a", "fund", "JPY"), "balanced"] is None  # no stock known: no check


def test_cycles_and_centrality():
    f = _small()
    cyc = F.cycles(f)
    assert set(cyc["nodes"]) == {"a → osaka_city → a", "b → osaka_city → b", "a → b → osaka_city → a"}
    multi = cyc.set_index("nodes")["multi_layer"]
    assert multi["a → osaka_city → a"]  # people and fund
    assert multi["b → osaka_city → b"]  # fund out, wood back
    c = F.centrality(f).set_index("node")
    assert c["pagerank"].sum() == pytest.approx(1.0)
    assert c.loc["osaka_city", "in_degree"] == 2 and c.loc["osaka_city", "out_degree"] == 2
    assert c["betweenness"].idxmax() == "osaka_city"


@settings(max_examples=60, deadline=None)
@given(st.lists(_flow, max_size=50), st.integers(2, 5))
def test_cycles_match_networkx(rows, max_length):
    import networkx as nx

    flows = _table(rows)
    ours = F.cycles(flows, max_length=max_length, limit=10_000)
    g = nx.DiGraph()
    g.add_edges_from(zip(flows["source_id"], flows["target_id"]))
    ref = set()
    for c in nx.simple_cycles(g, length_bound=max_length):
        i = c.index(min(c))
        c = c[i:] + c[:i]
        ref.add(" → ".join([*c, c[0]]))
    assert set(ours["nodes"]) == ref
    assert len(ours) == len(ref)  # each cycle once
    assert ours.attrs["complete"]


def test_pagerank_matches_networkx_python_version():
    import networkx as nx

    nodes, flows = F.generated_graph(50, 400, seed=3)
    pairs = flows.groupby(["source_id", "target_id"]).size().reset_index(name="w")
    g = nx.DiGraph()
    g.add_nodes_from(nodes["id"])
    g.add_weighted_edges_from(pairs.itertuples(index=False, name=None))
    ref = nx.algorithms.link_analysis.pagerank_alg._pagerank_python(g, weight="weight", tol=1e-12)
    ours = F.centrality(flows, nodes).set_index("node")["pagerank"]
    for n, v in ref.items():
        assert ours[n] == pytest.approx(v, abs=1e-6)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_flow, max_size=60))
def test_every_flow_counted_once(rows):
    flows = _table(rows)
    hub = ("osaka_city", "osaka_pref")
    s_in, t_in = flows["source_id"].isin(hub), flows["target_id"].isin(hub)
    links = flows[s_in ^ t_in]
    m = F.bond_metrics(flows, hub=hub)
    # each flow with one end in the hub is in exactly one partner's count, in one direction
    assert m["n_flows"].sum() == len(links)
    assert (m["n_flows_to_hub"] + m["n_flows_from_hub"] == m["n_flows"]).all()
    bal = F.partner_balance(flows, hub)
    for unit, grp in links.groupby("unit"):
        b = bal[bal["unit"] == unit]
        assert b["to_hub"].sum() + b["from_hub"].sum() == pytest.approx(grp["quantity"].sum())
    assert bal["n_flows"].sum() == links["quantity"].notna().sum()
    nb = F.node_balance(flows)
    for unit, grp in flows.groupby("unit"):
        n = nb[nb["unit"] == unit]
        total = grp["quantity"].sum()
        assert n["inflow"].sum() == pytest.approx(total) and n["outflow"].sum() == pytest.approx(total)
    lt = F.layer_totals(flows)
    assert lt["n_flows"].sum() == len(flows)
    c = F.centrality(flows)
    assert c["n_flows_in"].sum() == len(flows) == c["n_flows_out"].sum()


def test_snapshot_keeps_latest_of_each_series(seed):
    s = F.snapshot(seed.flows, 2022)
    jcm = s[(s["target_id"] == "hcmc") & (s["item"] == "low_carbon_technology/jcm_projects")]
    assert jcm["year"].tolist() == [2021] and jcm["quantity"].tolist() == [12]
    s = F.snapshot(seed.flows, 2025)
    jcm = s[(s["target_id"] == "hcmc") & (s["item"] == "low_carbon_technology/jcm_projects")]
    assert jcm["quantity"].tolist() == [13]
    assert (s["year"] <= 2025).all()
    assert not s.duplicated(list(F.SERIES_KEY)).any()


# ------------------------------------------------------------------ adapters


def test_origin_table_adapter():
    origin = pd.DataFrame({"land_type": ["cropland", "cropland", "carbon"], "origin": ["city", "abroad", "rest_of_japan"],
                           "ef_gha": [1.0, 2.0, 3.0], "status": ["estimated"] * 3, "source": ["city model"] * 3})
    f = F.flows_from_origin_table(origin, 2022)
    assert f["source_id"].tolist() == ["abroad", "rest_of_japan"]
    assert (f["target_id"] == "osaka_city").all() and (f["unit"] == "gha").all()
    assert f["quantity"].sum() == 5.0  # the city's own biocapacity is not a flow
    with pytest.raises(DataFileError, match="origin one of"):
        F.flows_from_origin_table(origin.assign(origin=["city", "mars", "abroad"]), 2022)


def test_fund_flows_adapter(seed):
    fund = pd.DataFrame({"fiscal_year": [2024], "receipts_jpy": [3.2e8], "payments_jpy": [np.nan],
                         "net_outflow_jpy": [np.nan], "status": ["estimated"], "source": ["forest model"]})
    f = F.flows_from_fund_flows(fund)
    assert len(f) == 2 and f["quantity"].isna().sum() == 1  # an unknown amount stays, unquantified
    F.validate_flows(f, seed.nodes, seed.units, "adapter")


def test_with_model_layers_keeps_published_seed_rows(seed):
    """Model layers are added once; a model row duplicating a seed row leaves the seed row in place."""
    origin = pd.DataFrame({"land_type": ["cropland", "carbon"], "origin": ["abroad", "rest_of_japan"],
                           "ef_gha": [2.0, 3.0], "status": ["estimated"] * 2, "source": ["city model"] * 2})
    fund = pd.DataFrame({"fiscal_year": [2023, 2024], "receipts_jpy": [999.0, 3.2e8], "payments_jpy": [0.0, 1.3e9],
                         "net_outflow_jpy": [-999.0, 9.8e8], "status": ["estimated"] * 2, "source": ["forest model"] * 2})
    out, added = F.with_model_layers(seed.flows, seed.nodes, seed.units, origin=origin, origin_year=2022, fund=fund)
    assert added["city"] == 2
    assert len(out) == len(seed.flows) + added["city"] + added["forest"]
    fy23 = out[(out["item"] == "forest_tax/transfer") & (out["year"] == 2023) & (out["target_id"] == "osaka_city")]
    assert fy23["quantity"].tolist() == [310620000.0]  # the published seed value, not the model's 999
    same, none = F.with_model_layers(seed.flows, seed.nodes, seed.units)
    assert none == {} and len(same) == len(seed.flows)
    with pytest.raises(ParameterError, match="origin_year"):
        F.with_model_layers(seed.flows, seed.nodes, seed.units, origin=origin)


def test_allocation_adapter():
    alloc = pd.DataFrame({"code": ["27100", "22130", "27100"], "fiscal_year": [2023, 2023, 2024],
                          "amount_jpy": [310.62e6, 325.71e6, 3.2e8]})
    nodes, flows = F.flows_from_allocation(alloc)
    assert nodes["id"].tolist() == ["muni_27100", "muni_22130"]
    assert flows["quantity"].sum() == pytest.approx(310.62e6 + 325.71e6 + 3.2e8)
    assert (flows["status"] == "estimated").all()
