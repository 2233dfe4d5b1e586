"""Circular flows: simple directed cycles of the flow graph, found by a vectorised path search.

A loop closed by a different kind of flow (money out, wood back) is the idea of 地域循環共生圏,
the regional circular and ecological sphere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from footprint.flows.metrics import LAYER_SETS, distinct_pairs

COLUMNS = ["cycle", "length", "nodes", "layers", "multi_layer"]
_SET_BITS = {name: m for m, name in enumerate(LAYER_SETS)}
_BATCH = 200_000  # candidate steps grown at once


@dataclass
class _Search:
    """Adjacency (CSR: targets ``t`` of node ``i`` at ``t[ptr[i]:ptr[i+1]]``) and search state."""

    t: np.ndarray
    ptr: np.ndarray
    max_length: int
    limit: int
    max_paths: int
    found: list[np.ndarray] = field(default_factory=list)
    n_found: int = 0
    grown: int = 0
    complete: bool = True


def _grow(st: _Search, paths: np.ndarray, k: int) -> None:
    """Extend open paths of ``k`` nodes by one step, in batches; record the closed cycles.

    A step may only go to a node larger than the path's start (so each cycle is found once,
    from its smallest node) and not already on the path; depth first, up to ``max_length``.
    """
    last = paths[:, -1]
    deg = st.ptr[last + 1] - st.ptr[last]
    cum = np.cumsum(deg)
    lo = 0
    while lo < len(paths):
        if st.n_found >= st.limit:
            return
        if st.grown > st.max_paths:
            st.complete = False
            return
        hi = max(int(np.searchsorted(cum, (cum[lo - 1] if lo else 0) + _BATCH, side="right")), lo + 1)
        p, d = paths[lo:hi], deg[lo:hi]
        lo = hi
        rows = np.repeat(np.arange(len(p)), d)
        offs = np.arange(d.sum()) - np.repeat(np.cumsum(d) - d, d)
        nxt = st.t[np.repeat(st.ptr[p[:, -1]], d) + offs]
        st.grown += len(nxt)
        closed = nxt == p[rows, 0]
        if closed.any():
            st.found.append(p[rows[closed]])
            st.n_found += int(closed.sum())
        if k < st.max_length:
            ok = (nxt > p[rows, 0]) & ~(p[rows] == nxt[:, None]).any(axis=1)
            if ok.any():
                _grow(st, np.column_stack([p[rows[ok]], nxt[ok]]), k + 1)


def _label(cyc: np.ndarray, ids: np.ndarray, key: np.ndarray, pair_bits: np.ndarray, n: int) -> pd.DataFrame:
    """Cycles of one length (rows of node positions) as ``nodes, length, layers, multi_layer``."""
    nxt = np.roll(cyc, -1, axis=1)
    bits = np.bitwise_or.reduce(pair_bits[np.searchsorted(key, cyc * n + nxt)], axis=1)
    names = ids[cyc]
    text = names[:, 0]
    for j in range(1, cyc.shape[1]):
        text = text + " → " + names[:, j]
    return pd.DataFrame({"nodes": text + " → " + names[:, 0], "length": cyc.shape[1], "layers": LAYER_SETS[bits],
                         "multi_layer": (bits & (bits - 1)) != 0})


def cycles(flows: pd.DataFrame, *, max_length: int = 4, limit: int = 1000, max_paths: int = 2_000_000) -> pd.DataFrame:
    """Circular flows: simple directed cycles of up to ``max_length`` nodes (at most ``limit``).

    Each cycle is listed once, starting at its smallest node id, with the layers met along it;
    ``multi_layer`` marks loops closed by a different kind of flow. Columns ``cycle, length,
    nodes, layers, multi_layer``.

    The search is vectorised: paths are grown one step at a time from the start nodes in id order,
    keeping only nodes larger than the start (so each cycle is found once), until ``limit``
    cycles are found or ``max_paths`` open paths have been grown in all (then the list is
    incomplete and ``DataFrame.attrs["complete"]`` is False).
    """
    pairs = distinct_pairs(flows)
    empty = pd.DataFrame(columns=COLUMNS)
    empty.attrs["complete"] = True
    if pairs.empty or max_length < 2:
        return empty
    ids = pd.Index(sorted(set(pairs["source_id"]) | set(pairs["target_id"])))
    n = len(ids)
    s = ids.get_indexer(pairs["source_id"]).astype(np.int64)
    t = ids.get_indexer(pairs["target_id"]).astype(np.int64)
    order = np.lexsort((t, s))
    s, t = s[order], t[order]
    pair_bits = pairs["layers"].map(_SET_BITS).to_numpy(dtype=np.int64)[order]
    st = _Search(t=t, ptr=np.searchsorted(s, np.arange(n + 1)), max_length=max_length, limit=limit, max_paths=max_paths)
    first = np.flatnonzero(t > s)  # first steps go to a larger node: each cycle starts at its smallest
    _grow(st, np.column_stack([s[first], t[first]]), 2)
    if not st.found:
        empty.attrs["complete"] = st.complete
        return empty
    ids_arr = ids.to_numpy(dtype=object)
    df = pd.concat([_label(c, ids_arr, s * n + t, pair_bits, n) for c in st.found], ignore_index=True).iloc[:limit]
    df = df.sort_values(["length", "nodes"], ignore_index=True)
    df.insert(0, "cycle", np.arange(1, len(df) + 1))
    df.attrs["complete"] = st.complete and st.n_found < limit
    return df[COLUMNS]
