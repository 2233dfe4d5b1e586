"""The flow graph: tables → MultiDiGraph → tables without loss."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies_flows import flow_rows, flow_table, node_table

from footprint import flows as FL


def test_round_trip_of_the_seed():
    seed = FL.load_seed()
    g = FL.build_graph(seed.nodes, seed.flows)
    assert g.number_of_nodes() == len(seed.nodes)
    assert g.number_of_edges() == len(seed.flows)
    nodes, flows = FL.graph_to_tables(g)
    pd.testing.assert_frame_equal(nodes, seed.nodes)
    pd.testing.assert_frame_equal(flows, seed.flows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(flow_rows, max_size=40))
def test_round_trip_property(rows):
    flows = flow_table(rows)
    nodes = node_table()
    n2, f2 = FL.graph_to_tables(FL.build_graph(nodes, flows))
    pd.testing.assert_frame_equal(n2, nodes)
    pd.testing.assert_frame_equal(f2, flows)
