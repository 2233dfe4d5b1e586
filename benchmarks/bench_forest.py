"""Speed of the forest-tax kernels.

Targets (issue 4): allocation of all 1,741 municipalities × 7 fiscal years <= 20 ms. Also timed,
without a target: loading every forest input table, Osaka's fund flows, and the wood-carbon
stock with first-order decay to 2050.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from footprint import forest as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from strategies_forest import synthetic_indicators  # noqa: E402  (illustrative indicators shared with the tests)

REPEAT = 50


def _median_ms(fn, repeat: int = REPEAT) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> dict:
    t0 = time.perf_counter()
    inputs = F.load_inputs()
    load_ms = (time.perf_counter() - t0) * 1000
    munis = synthetic_indicators(inputs.municipalities, seed=0)  # illustrative indicators (shape only)
    fys = list(range(2019, 2026))
    cols = F.census_columns()
    alloc_ms = _median_ms(lambda: F.allocate(munis, fys, inputs.allocation, population_columns=cols))
    flows_ms = _median_ms(lambda: F.osaka_fund_flows(fys, inputs))
    flows = F.osaka_fund_flows(range(2019, 2051), inputs)
    wood = F.wood_carbon(flows, inputs.carbon.products, inputs.carbon.densities, wood_share=0.5)
    stock_ms = _median_ms(lambda: F.hwp_stock(wood, inputs.carbon.half_lives, until=2050))
    res = {
        "allocate_1741x7_ms": round(alloc_ms, 2),
        "allocate_target_ms": 20.0,
        "load_inputs_ms": round(load_ms, 1),
        "osaka_fund_flows_ms": round(flows_ms, 2),
        "hwp_stock_2019_2050_ms": round(stock_ms, 2),
    }
    print(f"   allocate 1,741 municipalities x 7 fiscal years: {alloc_ms:.2f} ms (target <= 20 ms), median of {REPEAT}")
    print(f"   load every forest input table (cold, checksummed): {load_ms:.1f} ms")
    print(f"   Osaka fund flows FY2019-FY2025: {flows_ms:.2f} ms")
    print(f"   wood-carbon stock with first-order decay 2019-2050: {stock_ms:.2f} ms")
    return res


if __name__ == "__main__":
    main()
