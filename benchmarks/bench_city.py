"""Monte Carlo of the city footprint (item-level model with the structural ensemble).

Targets (issue 12): 52 cities × 18 years × 2,000 draws with the structural ensemble <= 10 s on the
2-core development machine; one city × 10,000 draws <= 0.5 s. Inputs are loaded once beforehand
(loading is not part of the kernel). Years run in 2 processes (one per core).
"""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ProcessPoolExecutor

from footprint import city as C

REPEAT = 3
_INPUTS = None


def _best(f, repeat: int = REPEAT) -> tuple[float, float]:
    f()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def _init() -> None:
    global _INPUTS
    _INPUTS = C.load_inputs()


def _year(year: int) -> float:
    d = _INPUTS.items
    have = d.present[:, (d.years <= year) & (d.years > year - 3)].any(axis=1)  # cities surveyed in the window
    names = [a for a, h in zip(d.areas, have, strict=True) if h and a in _INPUTS.cities.index]
    sim = C.simulate(_INPUTS, names, year, draws=2_000, seed=1, structural=list(C.STRUCTURAL_CHOICES))
    return float(sim.values["ef_gha_per_cap"].mean())


def all_cities_all_years(pool: ProcessPoolExecutor, years) -> float:
    t0 = time.perf_counter()
    list(pool.map(_year, years))
    return time.perf_counter() - t0


def main() -> dict:
    t0 = time.perf_counter()
    inputs = C.load_inputs()
    load_s = time.perf_counter() - t0
    full = list(C.STRUCTURAL_CHOICES)
    one_med, one_min = _best(lambda: C.simulate(inputs, C.OSAKA, 2022, draws=10_000, seed=1, structural=full))
    years = inputs.years
    with ProcessPoolExecutor(2, initializer=_init) as pool:
        list(pool.map(_year, years[:2]))  # warm-up: workers load their inputs
        grid_s = min(all_cities_all_years(pool, years) for _ in range(2))
    head_med, _ = _best(lambda: C.headline_results(inputs, C.OSAKA, 2022, draws=2_000, seed=1))
    res = {
        "load_inputs_s": round(load_s, 3),
        "one_city_10000_draws_full_s": round(one_med, 3),
        "one_city_10000_draws_full_min_s": round(one_min, 3),
        "cities_52_years_18_draws_2000_full_s": round(grid_s, 3),
        "headline_2000_draws_s": round(head_med, 3),
    }
    print(f"   load inputs (NFA + item survey, once):          {load_s:.3f} s")
    print(f"   1 city × 10,000 draws, full ensemble:          {one_med:.3f} s (min {one_min:.3f}; target <= 0.5)")
    print(f"   52 cities × {len(years)} years × 2,000 draws, full, 2 proc: {grid_s:.3f} s (target <= 10)")
    print(f"   headline table (full + parametric), 2,000 draws: {head_med:.3f} s")
    return res


if __name__ == "__main__":
    main()
