"""The flow graph as a ``networkx.MultiDiGraph`` and back to tables without loss."""

from __future__ import annotations

import networkx as nx
import pandas as pd


def build_graph(nodes: pd.DataFrame, flows: pd.DataFrame) -> nx.MultiDiGraph:
    """The flow graph: one node per row of ``nodes``, one edge per flow.

    Node attributes are the node's columns, edge key is the flow's row position and edge
    attributes are its other columns. Column order and dtypes are kept in ``G.graph`` so that
    :func:`graph_to_tables` restores the tables exactly.
    """
    g = nx.MultiDiGraph(
        node_columns=list(nodes.columns),
        node_dtypes={c: nodes[c].dtype for c in nodes.columns},
        flow_columns=list(flows.columns),
        flow_dtypes={c: flows[c].dtype for c in flows.columns},
    )
    nattr = nodes.drop(columns="id").to_dict("records")
    g.add_nodes_from(zip(nodes["id"].tolist(), nattr, strict=True))
    eattr = flows.drop(columns=["source_id", "target_id"]).to_dict("records")
    g.add_edges_from(zip(flows["source_id"].tolist(), flows["target_id"].tolist(), range(len(flows)), eattr, strict=True))
    return g


def graph_to_tables(g: nx.MultiDiGraph) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The nodes and flows tables of a graph made by :func:`build_graph` (edges in key order).

    Nodes or edges added by hand get empty cells in columns they lack.
    """
    ncols = g.graph.get("node_columns", ["id"])
    nodes = pd.DataFrame.from_records([{"id": n, **a} for n, a in g.nodes(data=True)], columns=ncols)
    fcols = g.graph.get("flow_columns", ["source_id", "target_id"])
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (isinstance(e[2], str), e[2]))
    flows = pd.DataFrame.from_records([{"source_id": s, "target_id": t, **a} for s, t, _k, a in edges], columns=fcols)
    for df, dtypes in ((nodes, g.graph.get("node_dtypes", {})), (flows, g.graph.get("flow_dtypes", {}))):
        for c, dt in dtypes.items():
            if c in df.columns and df[c].dtype != dt:
                df[c] = df[c].astype(dt)
            if c in df.columns and dt == object:
                df[c] = df[c].where(df[c].notna(), None)
    return nodes, flows
