"""Which flows to look at: item categories, the flows as known in a year, layers and partners."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from footprint.core import suggest
from footprint.core.errors import ParameterError
from footprint.flows.schema import HUB, LAYERS, SERIES_KEY


def item_category(items: pd.Series) -> pd.Series:
    """The category of each item: the part before ``/`` (``"trainees/sewerage"`` → ``"trainees"``)."""
    return items.astype(str).str.split("/", n=1).str[0]


def snapshot(flows: pd.DataFrame, year: int) -> pd.DataFrame:
    """The flows as known in ``year``: per series (source, target, layer, item, unit) the latest
    row with ``year <= year``. Rows keep their own ``year`` so tables show how old a value is."""
    f = flows[flows["year"] <= year]
    f = f.sort_values("year", kind="stable")
    f = f.drop_duplicates(list(SERIES_KEY), keep="last")
    return f.sort_index()


def select(
    flows: pd.DataFrame,
    *,
    layers: Sequence[str] | None = None,
    partners: Sequence[str] | None = None,
    nodes: pd.DataFrame | None = None,
    hub: Sequence[str] = HUB,
) -> pd.DataFrame:
    """Flows of the given layers that touch one of ``partners`` or run between hub nodes.

    Unknown layers or partner ids raise :class:`ParameterError` with close matches.
    """
    f = flows
    if layers:
        bad = [x for x in layers if x not in LAYERS]
        if bad:
            raise ParameterError(f"layers: expected some of {list(LAYERS)}, found {bad}")
        f = f[f["layer"].isin(list(layers))]
    if partners:
        if nodes is not None:
            known = set(nodes["id"])
            unknown = [p for p in partners if p not in known]
            if unknown:
                p = unknown[0]
                raise ParameterError(f"partners: unknown node id {p!r}; close matches: {suggest(p, known)}")
        p = list(partners)
        h = list(hub)
        keep = f["source_id"].isin(p) | f["target_id"].isin(p) | (f["source_id"].isin(h) & f["target_id"].isin(h))
        f = f[keep]
    return f
