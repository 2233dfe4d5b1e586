"""Data for the flow tests and benchmarks: hypothesis strategies, tiny hand-made tables, a
random graph of any size, and the shipped seed with its conversion factors.

Status of every generated number: illustrative (they describe nothing).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from footprint import accounts
from footprint import flows as FL
from footprint.core import STATUSES

NODE_IDS = ("osaka_city", "osaka_pref", "a", "b", "c", "d")
FLOWS_HEADER = "source_id,target_id,layer,item,quantity,unit,year,source,status,note\n"

node_ids = st.sampled_from(list(NODE_IDS))
flow_rows = st.fixed_dictionaries({
    "source_id": node_ids, "target_id": node_ids, "layer": st.sampled_from(FL.LAYERS),
    "item": st.sampled_from(["x", "x/1", "y/2", "z"]),
    "quantity": st.one_of(st.none(), st.floats(0, 1e12, allow_nan=False)),
    "unit": st.sampled_from(["JPY", "persons", "gha", "t-CO2", "GBP"]),
    "year": st.integers(1990, 2030), "status": st.sampled_from(list(STATUSES)),
})


def flow_table(rows) -> pd.DataFrame:
    """A flows table from generated rows: self-loops and duplicate keys dropped, typed columns."""
    df = pd.DataFrame(rows, columns=["source_id", "target_id", "layer", "item", "quantity", "unit", "year", "status"])
    df = df[df["source_id"] != df["target_id"]].drop_duplicates(list(FL.DUPLICATE_KEY), ignore_index=True)
    df["quantity"] = df["quantity"].astype(float)
    df["year"] = df["year"].astype("int64")
    df["source"] = "test"
    return df


def node_table(ids=NODE_IDS) -> pd.DataFrame:
    """A nodes table of cities without location, one per id."""
    n = len(ids)
    return pd.DataFrame({"id": list(ids), "name_ja": list(ids), "name_en": list(ids), "kind": ["city"] * n,
                         "iso3": [None] * n, "muni_code": [None] * n, "lat": [np.nan] * n, "lon": [np.nan] * n,
                         "source": ["test"] * n, "status": ["published"] * n, "note": [None] * n})


def small_flows() -> pd.DataFrame:
    """Six hand-made flows between Osaka City and partners ``a`` and ``b`` (metrics by hand)."""
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


def seed_factors(seed: FL.Seed, nfa: pd.DataFrame, year: int = 2022) -> pd.DataFrame:
    """The conversion factors of the shipped seed with the forest EQF and YF of ``year``."""
    eqf = accounts.equivalence_factors(nfa).loc[year, "forest_products"]
    _, eqf, y_w = FL.nfa_forest_factors(nfa, year)
    return FL.conversion_table(seed.units, seed.parameters, seed.carbon_uptake, eqf_forest=eqf,
                               world_yield_m3_per_ha=y_w, year=year)


def generated_graph(n_nodes: int = 1741, n_flows: int = 100_000, *, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A random graph: ``n_nodes`` municipality nodes (the first is the hub ``osaka_city``) and
    ``n_flows`` flows in all layers with units JPY / persons / gha, years 2000–2024 (duplicate
    keys dropped). A third of the flows touch the hub. Status ``illustrative``."""
    rng = np.random.default_rng(seed)
    ids = np.array(["osaka_city"] + [f"m{i:05d}" for i in range(n_nodes - 1)], dtype=object)
    nodes = pd.DataFrame({
        "id": ids, "name_ja": ids, "name_en": ids, "kind": "municipality", "iso3": "JPN", "muni_code": None,
        "lat": rng.uniform(24, 45, n_nodes), "lon": rng.uniform(123, 146, n_nodes), "source": "generated",
        "status": "illustrative", "note": None,
    })
    s = rng.integers(0, n_nodes, n_flows)
    t = (s + rng.integers(1, n_nodes, n_flows)) % n_nodes
    hub = rng.random(n_flows) < 1 / 3
    to_hub = rng.random(n_flows) < 0.5
    s = np.where(hub & to_hub, s, np.where(hub, 0, s))
    t = np.where(hub & to_hub, 0, t)
    t = np.where(s == t, (t + 1) % n_nodes, t)
    layer_i = rng.integers(0, 3, n_flows)
    units = np.array(["gha", "JPY", "persons"], dtype=object)
    flows = pd.DataFrame({
        "source_id": ids[s], "target_id": ids[t], "layer": np.asarray(FL.LAYERS, dtype=object)[layer_i],
        "item": np.char.add("item", rng.integers(0, 8, n_flows).astype(str)).astype(object),
        "quantity": rng.lognormal(3, 2, n_flows), "unit": units[layer_i],
        "year": rng.integers(2000, 2025, n_flows), "source": "generated", "status": "illustrative", "note": None,
    })
    flows = flows.drop_duplicates(list(FL.DUPLICATE_KEY), ignore_index=True)
    return nodes, flows


# --- the partnership ledger -----------------------------------------------------------------

def ledger_cells(rows) -> pd.DataFrame:
    """Cells of the ledger from (partner, year, flow, direction, value) rows (illustrative), amount_jpy."""
    from footprint.flows import ledger as L

    if not rows:
        return pd.DataFrame(columns=list(L.CELL_COLUMNS))
    p, y, f, d, v = (list(c) for c in zip(*rows))
    return L._cells(partner=np.array(p), year=np.array(y), flow=np.array(f), layer="resource", direction=np.array(d),
                    currency="amount_jpy", national=np.array(v, float), share_sigma=0.1, own_sigma=0.2,
                    status="illustrative", source="test", note="")


ledger_rows = st.lists(
    st.tuples(st.sampled_from(["AAA", "BBB"]), st.integers(2009, 2012), st.sampled_from(["f1", "f2"]),
              st.sampled_from(["to_osaka", "from_osaka"]), st.floats(0, 1e9, allow_nan=False)),
    max_size=20, unique_by=lambda r: r[:4])


def big_ledger_cells(n_partners: int, years, seed: int = 0) -> pd.DataFrame:
    """A complete ledger grid of ``n_partners`` × ``years`` × the abroad cells, random values (benchmarks)."""
    from footprint.flows import ledger as L

    rng = np.random.default_rng(seed)
    grid = pd.DataFrame([(f"P{i:03d}", y, *c) for i in range(n_partners) for y in years for c in L.ABROAD_CELLS],
                        columns=["partner", "year", "flow", "layer", "direction", "currency"])
    cells = L._cells(partner=grid["partner"].to_numpy(), year=grid["year"].to_numpy(), flow=grid["flow"].to_numpy(),
                     layer=grid["layer"].to_numpy(), direction=grid["direction"].to_numpy(),
                     currency=grid["currency"].to_numpy(), national=rng.lognormal(20, 1, len(grid)),
                     share=0.02, share_sigma=0.2, own_sigma=0.3, status="illustrative", source="synthetic")
    return L.complete(cells, sorted(cells["partner"].unique()), list(years), L.ABROAD_CELLS)
