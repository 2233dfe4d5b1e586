"""Monte Carlo of the city footprint: one city × 10,000 draws, all 47 capitals × 1,000 draws.

Targets (issue 3): 10,000 draws for one city <= 0.5 s; 47 cities × 1,000 draws <= 2 s, on the
2-core development machine. Inputs are loaded once beforehand (loading is not part of the kernel).
"""

from __future__ import annotations

import statistics
import time

from footprint import city as C

REPEAT = 5


def _best(f, repeat: int = REPEAT) -> tuple[float, float]:
    f()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def main() -> dict:
    t0 = time.perf_counter()
    inputs = C.load_inputs()
    load_s = time.perf_counter() - t0
    one_med, one_min = _best(lambda: C.simulate(inputs, C.OSAKA, 2022, draws=10_000, seed=1))
    all_med, all_min = _best(lambda: C.simulate(inputs, inputs.city_names, 2022, draws=1_000, seed=1))
    head_med, _ = _best(lambda: C.headline_results(inputs, C.OSAKA, 2022, draws=2_000, seed=1))
    sens_med, _ = _best(lambda: C.sensitivity(inputs, C.OSAKA, 2022, draws=1_000, seed=1), repeat=3)
    res = {
        "load_inputs_s": round(load_s, 3),
        "one_city_10000_draws_s": round(one_med, 3),
        "one_city_10000_draws_min_s": round(one_min, 3),
        "all_47_cities_1000_draws_s": round(all_med, 3),
        "all_47_cities_1000_draws_min_s": round(all_min, 3),
        "headline_2000_draws_s": round(head_med, 3),
        "sensitivity_11_groups_1000_draws_s": round(sens_med, 3),
    }
    print(f"   load inputs (NFA + survey, once):     {load_s:.3f} s")
    print(f"   1 city × 10,000 draws:                {one_med:.3f} s (min {one_min:.3f}; target <= 0.5)")
    print(f"   47 cities × 1,000 draws:              {all_med:.3f} s (min {all_min:.3f}; target <= 2.0)")
    print(f"   headline table, 2,000 draws:          {head_med:.3f} s")
    print(f"   tornado, {len(C.INPUT_GROUPS)} groups × 1,000 draws:     {sens_med:.3f} s")
    return res


if __name__ == "__main__":
    main()
