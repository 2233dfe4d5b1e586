"""Circular flows: hand-checked cycles, and every simple cycle found once (against networkx)."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies_flows import flow_rows, flow_table, small_flows

from footprint import flows as FL


def test_cycles_by_hand():
    cyc = FL.cycles(small_flows())
    assert set(cyc["nodes"]) == {"a → osaka_city → a", "b → osaka_city → b", "a → b → osaka_city → a"}
    multi = cyc.set_index("nodes")["multi_layer"]
    assert multi["a → osaka_city → a"]  # people and fund
    assert multi["b → osaka_city → b"]  # fund out, wood back
    assert cyc.set_index("nodes").loc["b → osaka_city → b", "layers"] == "resource+fund"
    assert cyc["cycle"].tolist() == [1, 2, 3] and cyc["length"].tolist() == [2, 2, 3]


def test_cycle_limit_and_no_cycle():
    f = small_flows()
    assert len(FL.cycles(f, limit=1)) == 1 and not FL.cycles(f, limit=1).attrs["complete"]
    assert FL.cycles(f.iloc[[0]]).empty


@settings(max_examples=60, deadline=None)
@given(st.lists(flow_rows, max_size=50), st.integers(2, 5))
def test_cycles_match_networkx(rows, max_length):
    flows = flow_table(rows)
    ours = FL.cycles(flows, max_length=max_length, limit=10_000)
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
