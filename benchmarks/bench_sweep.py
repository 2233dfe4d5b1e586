"""A 200-point city sweep without kernels (scenarios/city_sweep.yml), in 2 processes and on a Dask LocalCluster.

Targets (issue 17): it finishes on 2 cores in less time than one cold `make run` (see bench_notebooks'
``make_run_cold_s``), with peak memory under 1 GB. Memory is the resident set summed over the whole process
tree (the sweep's process, its pool workers, the Dask scheduler's and workers' processes), sampled every
50 ms: a worker's memory counts, not only the parent's.
"""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import psutil

from footprint.pipeline import runner
from footprint.pipeline.sweep import sweep

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "city_sweep.yml"


class TreeMemory:
    """Peak of the summed RSS of this process and all its descendants while the block runs."""

    def __init__(self, every_s: float = 0.05):
        self.every_s, self.peak, self._stop = every_s, 0, threading.Event()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:  # a worker that just ended
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.every_s)

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _one(engine: str, reports: Path) -> tuple[float, float, int, int]:
    scenario = runner.load_scenario(SCENARIO)
    with TreeMemory() as mem:
        t0 = time.perf_counter()
        folder = sweep(scenario, jobs=2, engine=engine, reports=reports)
        wall = time.perf_counter() - t0
    table = pd.read_parquet(folder / "results.parquet")
    return wall, mem.peak / 2**30, len(table), int((table["status"] != "ok").sum())


def main() -> dict:
    res = {}
    with tempfile.TemporaryDirectory() as tmp:
        for engine in ("local", "dask"):
            wall, peak, n, failed = _one(engine, Path(tmp) / engine)
            res[f"sweep_{engine}_s"] = round(wall, 2)
            res[f"sweep_{engine}_peak_gib"] = round(peak, 3)
            res[f"sweep_{engine}_points"] = n
            print(f"   {engine:5s}: {n} points ({failed} failed) in {wall:.1f} s, peak memory of the process tree "
                  f"{peak:.2f} GiB (targets: < one cold make run, < 1 GB)")
    return res


if __name__ == "__main__":
    main()
