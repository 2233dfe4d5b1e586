"""Metrics of the flow graph: bonds per partner of the hub, balances, centrality, headline counts.

Every aggregate counts each flow exactly once (hypothesis tests check it).
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx
import numpy as np
import pandas as pd

from footprint.core import weakest_status
from footprint.core.errors import ParameterError
from footprint.flows.schema import CURRENCIES, HUB, LAYERS
from footprint.flows.selection import item_category

#: bit of each layer in a set of layers, and the name of every set (``"resource+people"``)
LAYER_BIT = {x: 1 << i for i, x in enumerate(LAYERS)}
LAYER_SETS = np.array(["+".join(x for x in LAYERS if m & LAYER_BIT[x]) for m in range(1 << len(LAYERS))], dtype=object)


def layer_sets(keys: pd.DataFrame, layer: pd.Series) -> pd.Series:
    """The layers met in each group of ``keys`` as ``"resource+people"`` (vectorised bit masks)."""
    bits = layer.map(LAYER_BIT).fillna(0).astype("int64")
    d = keys.assign(_b=bits.to_numpy()).drop_duplicates()
    m = d.groupby(list(keys.columns))["_b"].sum()
    return pd.Series(LAYER_SETS[m.to_numpy()], index=m.index)


def distinct_pairs(flows: pd.DataFrame) -> pd.DataFrame:
    """Distinct directed pairs ``source_id, target_id`` with ``n_flows`` and their ``layers``."""
    keys = flows[["source_id", "target_id"]]
    n = keys.groupby(["source_id", "target_id"]).size().rename("n_flows")
    return pd.DataFrame({"n_flows": n, "layers": layer_sets(keys, flows["layer"]).reindex(n.index)}).reset_index()


def hub_links(flows: pd.DataFrame, hub: Sequence[str] = HUB) -> pd.DataFrame:
    """The flows with exactly one endpoint in ``hub``, with ``partner``, ``direction``
    (``"to_hub"`` or ``"from_hub"``) and item ``category`` columns. Each such flow appears once."""
    h = list(hub)
    s_in = flows["source_id"].isin(h)
    t_in = flows["target_id"].isin(h)
    f = flows[s_in ^ t_in]
    from_hub = f["source_id"].isin(h)
    return f.assign(
        partner=f["target_id"].where(from_hub, f["source_id"]),
        direction=np.where(from_hub.to_numpy(), "from_hub", "to_hub"),
        category=item_category(f["item"]),
    )


def shannon_index(table: pd.DataFrame, by: str, category: str) -> pd.Series:
    """Shannon index per group ``by`` of the rows' ``category``: ``H = −Σ p·ln p`` over the
    shares ``p`` of the rows in each category."""
    c = table.groupby([by, category], observed=True).size()
    p = c / c.groupby(level=0).transform("sum")
    return (-(p * np.log(p))).groupby(level=0).sum() + 0.0


def _with_names(table: pd.DataFrame, nodes: pd.DataFrame | None) -> pd.DataFrame:
    """``table`` with the ``name_en, name_ja, kind`` of its ``partner`` (the id where no nodes)."""
    if nodes is not None:
        return table.join(nodes.set_index("id")[["name_en", "name_ja", "kind"]], on="partner")
    return table.assign(name_en=table["partner"], name_ja=table["partner"], kind=None)


def bond_metrics(
    flows: pd.DataFrame,
    nodes: pd.DataFrame | None = None,
    hub: Sequence[str] = HUB,
) -> pd.DataFrame:
    """Per partner of the hub: how many and how diverse the bonds are, and how reciprocal.

    Parameters
    ----------
    flows
        Flows (ideally after :func:`footprint.flows.currencies.convert`, to get strengths in
        common currencies).
    nodes
        Optional nodes table for names and kinds.
    hub
        Node ids that stand for Osaka (default: Osaka City and Osaka Prefecture).

    Returns
    -------
    DataFrame
        One row per partner: ``partner, name_en, name_ja, kind, n_flows, n_flows_to_hub,
        n_flows_from_hub, n_layers, n_items, layers, shannon_items, shannon_layers,
        reciprocal_layers, reciprocity`` (share of the partner's layers with flows both ways),
        ``strength_<currency>`` (sum over its flows both ways), ``status`` (weakest status of its
        flows). Shannon indices (natural log, :func:`shannon_index`) are over the partner's flows
        counted once each, grouped by item category or by layer. Sorted by ``n_layers``,
        ``n_flows``, descending.
    """
    f = hub_links(flows, hub)
    cols = ["partner", "name_en", "name_ja", "kind", "n_flows", "n_flows_to_hub", "n_flows_from_hub", "n_layers",
            "n_items", "layers", "shannon_items", "shannon_layers", "reciprocal_layers", "reciprocity",
            *[f"strength_{c}" for c in CURRENCIES], "status"]
    if f.empty:
        return pd.DataFrame(columns=cols)
    g = f.groupby("partner")
    out = pd.DataFrame({
        "n_flows": g.size(),
        "n_flows_to_hub": (f["direction"] == "to_hub").groupby(f["partner"]).sum().astype(int),
    })
    out["n_flows_from_hub"] = out["n_flows"] - out["n_flows_to_hub"]
    out["n_layers"] = g["layer"].nunique()
    out["n_items"] = g["category"].nunique()
    out["layers"] = layer_sets(f[["partner"]], f["layer"]).reindex(out.index)
    out["shannon_items"] = shannon_index(f, "partner", "category")
    out["shannon_layers"] = shannon_index(f, "partner", "layer")
    dirs = f.groupby(["partner", "layer"])["direction"].nunique()
    recip = (dirs == 2).groupby(level=0).sum()
    out["reciprocal_layers"] = recip.reindex(out.index).astype(int)
    out["reciprocity"] = out["reciprocal_layers"] / out["n_layers"]
    for c in CURRENCIES:
        out[f"strength_{c}"] = g[c].sum(min_count=1) if c in f.columns else np.nan
    out["status"] = g["converted_status" if "converted_status" in f.columns else "status"].agg(weakest_status)
    out = _with_names(out.reset_index().rename(columns={"index": "partner"}), nodes)
    out = out.sort_values(["n_layers", "n_flows", "partner"], ascending=[False, False, True], kind="stable")
    return out[cols].reset_index(drop=True)


def partner_balance(flows: pd.DataFrame, hub: Sequence[str] = HUB, *, by: str = "unit") -> pd.DataFrame:
    """Net balance per partner and layer: ``net_to_hub = to_hub − from_hub``.

    ``by="unit"`` sums quantities in their own units (every flow with a quantity counts once);
    ``by="currency"`` sums the common-currency columns added by
    :func:`footprint.flows.currencies.convert` (flows without a factor are absent there but
    present in the ``unit`` view). Columns ``partner, layer, unit|currency, to_hub, from_hub,
    net_to_hub, n_flows``.
    """
    f = hub_links(flows, hub)
    if by == "unit":
        long = f[["partner", "layer", "unit", "direction", "quantity"]].rename(columns={"quantity": "value"})
        key = "unit"
    elif by == "currency":
        present = [c for c in CURRENCIES if c in f.columns]
        long = f.melt(id_vars=["partner", "layer", "direction"], value_vars=present, var_name="currency", value_name="value")
        key = "currency"
    else:
        raise ParameterError(f"partner_balance: by expected 'unit' or 'currency', found {by!r}")
    long = long[long["value"].notna()].astype({"value": float})
    t = long.pivot_table(index=["partner", "layer", key], columns="direction", values="value", aggfunc="sum", fill_value=0.0)
    t = t.reindex(columns=["to_hub", "from_hub"], fill_value=0.0)
    n = long.groupby(["partner", "layer", key]).size().rename("n_flows")
    t = t.join(n)
    t["net_to_hub"] = t["to_hub"] - t["from_hub"]
    t.columns.name = None
    return t.reset_index()[["partner", "layer", key, "to_hub", "from_hub", "net_to_hub", "n_flows"]]


def node_balance(flows: pd.DataFrame, stocks: pd.DataFrame | None = None, *, tolerance: float = 1e-9) -> pd.DataFrame:
    """Inflow − outflow per node, layer and unit, and the residual against stock changes.

    ``stocks`` (optional): ``node, layer, unit, stock_change`` (the change of the node's stock
    over the period of the flows). Where a stock change is given, ``residual = inflow − outflow −
    stock_change`` and ``balanced = |residual| <= tolerance · max(inflow, outflow, 1)``; elsewhere
    both are empty (no stock is known, so no check applies). Flows without a quantity are counted
    in ``n_unquantified``.
    """
    q = flows["quantity"]
    has = q.notna()
    parts = [
        pd.DataFrame({"node": flows["target_id"], "layer": flows["layer"], "unit": flows["unit"],
                      "inflow": q.where(has, 0.0), "outflow": 0.0, "nq": (~has).astype(int)}),
        pd.DataFrame({"node": flows["source_id"], "layer": flows["layer"], "unit": flows["unit"],
                      "inflow": 0.0, "outflow": q.where(has, 0.0), "nq": (~has).astype(int)}),
    ]
    long = pd.concat(parts, ignore_index=True)
    b = long.groupby(["node", "layer", "unit"], as_index=False).agg(inflow=("inflow", "sum"), outflow=("outflow", "sum"),
                                                                     n_unquantified=("nq", "sum"))
    b["net_inflow"] = b["inflow"] - b["outflow"]
    if stocks is not None and len(stocks):
        s = stocks.groupby(["node", "layer", "unit"], as_index=False)["stock_change"].sum()
        b = b.merge(s, on=["node", "layer", "unit"], how="outer")
        for c in ("inflow", "outflow", "net_inflow"):
            b[c] = b[c].fillna(0.0)
        b["n_unquantified"] = b["n_unquantified"].fillna(0).astype(int)
    else:
        b["stock_change"] = np.nan
    b["residual"] = b["net_inflow"] - b["stock_change"]
    scale = np.maximum(np.maximum(b["inflow"], b["outflow"]), 1.0)
    ok = b["residual"].abs() <= tolerance * scale
    b["balanced"] = ok.where(b["stock_change"].notna(), None).astype(object)
    return b.sort_values(["node", "layer", "unit"], ignore_index=True)


def layer_totals(flows: pd.DataFrame) -> pd.DataFrame:
    """Per layer and unit: number of flows, number with a quantity, and the total quantity."""
    g = flows.groupby(["layer", "unit"])
    return pd.DataFrame({"n_flows": g.size(), "n_quantified": g["quantity"].count(),
                         "quantity": g["quantity"].sum(min_count=1)}).reset_index()


def pagerank(src: np.ndarray, dst: np.ndarray, n: int, weight: np.ndarray | None = None, *,
             alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200) -> np.ndarray:
    """PageRank of nodes ``0..n-1`` on the directed edges ``src → dst`` (numpy power iteration).

    ``r ← α · (Wᵀ r + Σ r_dangling / n) + (1 − α) / n`` with ``W`` the out-weight shares, until
    the L1 change is below ``tol``; dangling nodes spread their rank uniformly. Sums to 1.
    """
    w = np.ones(len(src)) if weight is None else np.asarray(weight, dtype=float)
    out_w = np.bincount(src, weights=w, minlength=n)
    r = np.full(n, 1.0 / n)
    dangling = out_w == 0
    share = np.where(out_w[src] > 0, w / np.where(out_w[src] > 0, out_w[src], 1), 0.0)
    for _ in range(max_iter):
        new = np.bincount(dst, weights=r[src] * share, minlength=n)
        new = alpha * (new + r[dangling].sum() / n) + (1 - alpha) / n
        if np.abs(new - r).sum() < tol:
            r = new
            break
        r = new
    return r / r.sum()


def centrality(flows: pd.DataFrame, nodes: pd.DataFrame | None = None, *, betweenness_max_work: int = 1_000_000) -> pd.DataFrame:
    """Centrality of every node of the flow graph.

    Columns ``node, in_degree, out_degree`` (distinct neighbours), ``n_flows_in, n_flows_out``,
    ``pagerank`` (:func:`pagerank` on the pairs, weighted by number of flows) and ``betweenness``
    (networkx, on the graph of distinct pairs; exact betweenness costs nodes × pairs, so it is
    left empty when that product exceeds ``betweenness_max_work``).
    """
    ids = pd.Index(sorted(set(flows["source_id"]) | set(flows["target_id"]) | (set(nodes["id"]) if nodes is not None else set())))
    pairs = distinct_pairs(flows)
    s = ids.get_indexer(pairs["source_id"])
    t = ids.get_indexer(pairs["target_id"])
    n = len(ids)
    out = pd.DataFrame({
        "node": ids,
        "in_degree": np.bincount(t, minlength=n),
        "out_degree": np.bincount(s, minlength=n),
        "n_flows_in": np.bincount(ids.get_indexer(flows["target_id"]), minlength=n),
        "n_flows_out": np.bincount(ids.get_indexer(flows["source_id"]), minlength=n),
        "pagerank": pagerank(s, t, n, pairs["n_flows"].to_numpy(dtype=float)) if n else np.array([]),
    })
    if n * len(pairs) <= betweenness_max_work:
        dg = nx.DiGraph()
        dg.add_nodes_from(ids)
        dg.add_edges_from(zip(pairs["source_id"], pairs["target_id"]))
        bc = nx.betweenness_centrality(dg, normalized=True)
        out["betweenness"] = out["node"].map(bc)
    else:
        out["betweenness"] = np.nan
    return out


def summary_counts(flows: pd.DataFrame) -> dict[str, int]:
    """Headline counts: flows, nodes touched, layers, quantified flows."""
    return {
        "flows": len(flows),
        "nodes": len(set(flows["source_id"]) | set(flows["target_id"])),
        "layers": int(flows["layer"].nunique()),
        "quantified": int(flows["quantity"].notna().sum()),
    }


def headline(year: int, converted: pd.DataFrame, bonds: pd.DataFrame, circular: pd.DataFrame) -> dict[str, int]:
    """The notebook's ``headline.json``: the year, :func:`summary_counts` of the converted flows,
    the number of partners, of partners linked in two or more layers, of partners with flows both
    ways in some layer, and of cycles."""
    return {"year": int(year), **summary_counts(converted), "partners": len(bonds),
            "partners_multi_layer": int((bonds["n_layers"] >= 2).sum()),
            "reciprocal_partners": int((bonds["reciprocal_layers"] > 0).sum()), "cycles": len(circular)}
