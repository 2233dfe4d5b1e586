"""Metrics of the flow graph: hand-checked bonds and balances, PageRank, every flow counted once."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies_flows import flow_rows, flow_table, generated_graph, small_flows

from footprint import flows as FL


def test_bond_metrics_by_hand():
    m = FL.bond_metrics(small_flows()).set_index("partner")
    a, b = m.loc["a"], m.loc["b"]
    assert a["n_flows"] == 3 and a["n_layers"] == 2 and a["n_items"] == 3
    assert a["reciprocal_layers"] == 1 and a["reciprocity"] == 0.5  # people both ways, fund one way
    assert a["shannon_items"] == pytest.approx(math.log(3))  # three categories, one flow each
    assert a["shannon_layers"] == pytest.approx(-(2 / 3 * math.log(2 / 3) + 1 / 3 * math.log(1 / 3)))
    assert b["n_flows"] == 2 and b["reciprocity"] == 0.0 and b["shannon_layers"] == pytest.approx(math.log(2))
    assert "c" not in m.index  # flows not touching the hub are not bonds


def test_partner_balance_by_hand():
    bal = FL.partner_balance(small_flows()).set_index(["partner", "layer", "unit"])
    assert bal.loc[("a", "fund", "JPY"), "net_to_hub"] == -100
    assert bal.loc[("a", "people", "persons"), "net_to_hub"] == 10
    assert bal.loc[("b", "resource", "m3"), "net_to_hub"] == 5


def test_node_balance_with_stocks():
    import pandas as pd

    f = small_flows()
    stocks = pd.DataFrame({"node": ["b"], "layer": ["fund"], "unit": ["JPY"], "stock_change": [57.0]})
    nb = FL.node_balance(f, stocks).set_index(["node", "layer", "unit"])
    assert nb.loc[("b", "fund", "JPY"), "inflow"] == 57
    assert nb.loc[("b", "fund", "JPY"), "balanced"] is True
    stocks["stock_change"] = 50.0
    nb = FL.node_balance(f, stocks).set_index(["node", "layer", "unit"])
    assert nb.loc[("b", "fund", "JPY"), "residual"] == 7 and nb.loc[("b", "fund", "JPY"), "balanced"] is False
    assert nb.loc[("a", "fund", "JPY"), "balanced"] is None  # no stock known: no check


def test_centrality_by_hand():
    c = FL.centrality(small_flows()).set_index("node")
    assert c["pagerank"].sum() == pytest.approx(1.0)
    assert c.loc["osaka_city", "in_degree"] == 2 and c.loc["osaka_city", "out_degree"] == 2
    assert c["betweenness"].idxmax() == "osaka_city"


def test_pagerank_matches_networkx_python_version():
    nodes, flows = generated_graph(50, 400, seed=3)
    pairs = flows.groupby(["source_id", "target_id"]).size().reset_index(name="w")
    g = nx.DiGraph()
    g.add_nodes_from(nodes["id"])
    g.add_weighted_edges_from(pairs.itertuples(index=False, name=None))
    ref = nx.algorithms.link_analysis.pagerank_alg._pagerank_python(g, weight="weight", tol=1e-12)
    ours = FL.centrality(flows, nodes).set_index("node")["pagerank"]
    for n, v in ref.items():
        assert ours[n] == pytest.approx(v, abs=1e-6)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(flow_rows, max_size=60))
def test_every_flow_counted_once(rows):
    flows = flow_table(rows)
    hub = ("osaka_city", "osaka_pref")
    s_in, t_in = flows["source_id"].isin(hub), flows["target_id"].isin(hub)
    links = flows[s_in ^ t_in]
    m = FL.bond_metrics(flows, hub=hub)
    # each flow with one end in the hub is in exactly one partner's count, in one direction
    assert m["n_flows"].sum() == len(links)
    assert (m["n_flows_to_hub"] + m["n_flows_from_hub"] == m["n_flows"]).all()
    bal = FL.partner_balance(flows, hub)
    for unit, grp in links.groupby("unit"):
        b = bal[bal["unit"] == unit]
        assert b["to_hub"].sum() + b["from_hub"].sum() == pytest.approx(grp["quantity"].sum())
    assert bal["n_flows"].sum() == links["quantity"].notna().sum()
    nb = FL.node_balance(flows)
    for unit, grp in flows.groupby("unit"):
        n = nb[nb["unit"] == unit]
        total = grp["quantity"].sum()
        assert n["inflow"].sum() == pytest.approx(total) and n["outflow"].sum() == pytest.approx(total)
    lt = FL.layer_totals(flows)
    assert lt["n_flows"].sum() == len(flows)
    c = FL.centrality(flows)
    assert c["n_flows_in"].sum() == len(flows) == c["n_flows_out"].sum()


def test_headline_counts_by_hand():
    f = small_flows()
    bonds = FL.bond_metrics(f)
    h = FL.headline(2020, f, bonds, FL.cycles(f))
    assert h == {"year": 2020, "flows": 6, "nodes": 3, "layers": 3, "quantified": 6, "partners": 2,
                 "partners_multi_layer": 2, "reciprocal_partners": 1, "cycles": 3}
