"""Speed of the flow graph: build plus metrics as the number of flows grows.

Target (issue 5): all 1,741 municipalities as nodes with 100,000 flows, build plus metrics
<= 5 s. Measured on a generated graph (status illustrative: the numbers describe nothing) at
10k, 100k and 1M flows, and on the forest-tax fund layer of every municipality
(footprint.forest.allocate with illustrative indicators, FY2019-FY2025).

"Build plus metrics" = validation against nodes and units, the MultiDiGraph, conversion into
common currencies, bond metrics per partner, partner balance, node balance, centrality (degree
and PageRank; betweenness is skipped above 5,000 distinct pairs) and up to 1,000 cycles of at
most 3 nodes. The 1M point skips the MultiDiGraph (networkx holds one Python dict per edge: about
1 GB) and reports it separately.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from strategies_flows import big_ledger_cells, generated_graph
from strategies_forest import synthetic_indicators

from footprint import flows as FL
from footprint import forest as F
from footprint.core import load_carbon_uptake

TARGET_S = 5.0
SIZES = (10_000, 100_000, 1_000_000)


def _factors(units: pd.DataFrame, params: pd.DataFrame) -> pd.DataFrame:
    return FL.conversion_table(units, params, load_carbon_uptake(), eqf_forest=1.298, world_yield_m3_per_ha=2.36, year=2022)


def run(nodes: pd.DataFrame, flows: pd.DataFrame, units: pd.DataFrame, factors: pd.DataFrame, *, graph: bool = True,
        hub=("osaka_city",)) -> dict:
    """Time each step once; returns seconds per step and the total."""
    t = {}
    t0 = time.perf_counter()
    f = FL.validate_flows(flows, nodes, units, "benchmark")
    t["validate"] = time.perf_counter() - t0
    if graph:
        t0 = time.perf_counter()
        g = FL.build_graph(nodes, f)
        t["build_graph"] = time.perf_counter() - t0
        del g
    t0 = time.perf_counter()
    c = FL.convert(f, factors)
    t["convert"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    FL.bond_metrics(c, nodes, hub=hub)
    FL.partner_balance(c, hub, by="currency")
    t["bond_metrics_and_balance"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    FL.node_balance(c)
    t["node_balance"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    FL.centrality(c, nodes)
    t["centrality"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    FL.cycles(c, max_length=3, limit=1000)
    t["cycles"] = time.perf_counter() - t0
    t["total"] = sum(t.values())
    return t


def forest_layer(units, factors) -> tuple[int, dict]:
    """The forest-tax fund layer of every municipality."""
    inputs = F.load_inputs()
    munis = synthetic_indicators(inputs.municipalities, seed=0)  # illustrative indicators (shape only)
    alloc = F.allocate(munis, list(range(2019, 2026)), inputs.allocation, population_columns=F.census_columns())
    mnodes, mflows = FL.flows_from_allocation(alloc, status="illustrative")
    seed = FL.load_nodes()
    nodes = pd.concat([seed, mnodes], ignore_index=True)
    return len(mflows), run(nodes, mflows, units, factors, hub=("government_of_japan",))


LEDGER_TARGET_S = 2.0


def ledger_bench(n_partners: int = 4, years=range(2009, 2025), draws: int = 2000) -> dict:
    """The partnership ledger (issue 14): every partner × 16 years × 2,000 draws, intervals and balance.
    Measured on the shipped partners' grid size and on 50 partners (synthetic values, illustrative)."""
    from footprint.flows import ledger as L

    out = {}
    for n in (n_partners, 50):
        cells = big_ledger_cells(n, list(years))
        gc.collect()
        t0 = time.perf_counter()
        L.build_ledger(cells, draws=draws, seed=1)
        out[f"ledger_{n}_partners_s"] = round(time.perf_counter() - t0, 3)
        out[f"ledger_{n}_partners_cells"] = len(cells)
    seed = FL.load_seed()
    fund = F.osaka_fund_flows(range(2019, 2025), F.load_inputs())
    shipped = FL.partnership_ledger(seed.flows, seed.nodes, fund, draws=10, seed=1).ledger
    cells = shipped.drop(columns=["median", "p05", "p95"])
    gc.collect()
    t0 = time.perf_counter()
    L.build_ledger(cells, draws=draws, seed=1)
    out["ledger_shipped_s"] = round(time.perf_counter() - t0, 3)
    out["ledger_shipped_cells"] = len(cells)
    return out


def main() -> dict:
    units, params = FL.load_units(), FL.load_parameters()
    factors = _factors(units, params)
    res: dict = {"target_100k_s": TARGET_S}
    print(f"   {'flows':>10}  {'validate':>8}  {'graph':>7}  {'convert':>7}  {'bonds':>7}  {'balance':>7}  "
          f"{'central':>7}  {'cycles':>7}  {'total':>7}")
    for n in SIZES:
        nodes, flows = generated_graph(1741, n, seed=1)
        gc.collect()
        t = run(nodes, flows, units, factors, graph=n <= 100_000)
        res[f"generated_{n}"] = {k: round(v, 3) for k, v in t.items()}
        res[f"generated_{n}"]["n_flows"] = len(flows)
        print(f"   {len(flows):>10,}  {t['validate']:8.2f}  {t.get('build_graph', float('nan')):7.2f}  {t['convert']:7.2f}  "
              f"{t['bond_metrics_and_balance']:7.2f}  {t['node_balance']:7.2f}  {t['centrality']:7.2f}  {t['cycles']:7.2f}  "
              f"{t['total']:7.2f} s" + (f"   (target <= {TARGET_S:g} s)" if n == 100_000 else "")
              + ("   (no MultiDiGraph)" if n > 100_000 else ""))
    # growth exponent between 10k and 1M (without the graph build, which 1M skips)
    t10 = res["generated_10000"]["total"] - res["generated_10000"].get("build_graph", 0)
    t1m = res["generated_1000000"]["total"]
    res["growth_exponent_10k_to_1M"] = round(float(np.log(t1m / t10) / np.log(100)), 2)
    print(f"   time grows as n^{res['growth_exponent_10k_to_1M']:.2f} from 10k to 1M flows (metrics without the graph)")
    n, t = forest_layer(units, factors)
    res["forest_layer"] = {"n_flows": n, **{k: round(v, 3) for k, v in t.items()}}
    print(f"   forest-tax fund layer, 1,741 municipalities x 7 FY ({n:,} flows): {t['total']:.2f} s")
    lres = ledger_bench()
    res.update(lres)
    res["ledger_target_s"] = LEDGER_TARGET_S
    print(f"   ledger, 4 partners x 16 years x 2,000 draws ({lres['ledger_4_partners_cells']:,} cells): "
          f"{lres['ledger_4_partners_s']:.2f} s (target <= {LEDGER_TARGET_S:g} s); 50 partners "
          f"({lres['ledger_50_partners_cells']:,} cells): {lres['ledger_50_partners_s']:.2f} s; shipped partners "
          f"(4 abroad, the forest-tax pool, 46 prefectures; {lres['ledger_shipped_cells']:,} cells): "
          f"{lres['ledger_shipped_s']:.2f} s")
    return res


if __name__ == "__main__":
    main()
