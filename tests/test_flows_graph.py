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


def test_no_seed_row_from_a_secondary_source_or_with_an_assumed_year_claims_published():
    """A status word is a claim: a transcription from a secondary source, or a row whose year is assumed,
    is not "published" (issue 19 found five such rows, among them the JCM reduction the brief quotes)."""
    f = FL.load_seed().flows
    doubtful = f["note"].astype(str).str.contains(r"secondary|assumed|undated", case=False)
    assert doubtful.sum() >= 5
    assert not (doubtful & (f["status"] == "published")).any(), f.loc[doubtful, ["item", "status"]]
