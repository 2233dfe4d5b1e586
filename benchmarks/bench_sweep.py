"""A 200-point city sweep without kernels (scenarios/city_sweep.yml), in 2 processes and on a Dask LocalCluster.

Targets (issue 17): it finishes on 2 cores in less time than one cold `make run` (see bench_notebooks'
``make_run_cold_s``), with peak memory under 1 GB. The sweep runs as a user runs it
(``python -m footprint sweep scenarios/city_sweep.yml --jobs 2``, in its own process, so that the sampling
here changes nothing in how it starts its workers), and its memory is summed over the whole process tree
(the command, its pool workers, the Dask scheduler's and workers' processes), sampled every 50 ms: PSS
(shared pages split between the processes that map them: the memory the sweep costs the machine) and,
for comparison, RSS (which counts a page shared by a forked worker once per process).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "city_sweep.yml"


def _tree(proc: psutil.Process) -> tuple[int, int]:
    pss = rss = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    for p in procs:
        try:
            m = p.memory_full_info()
            pss, rss = pss + m.pss, rss + m.rss
        except psutil.Error:  # a worker that just ended
            pass
    return pss, rss


def _one(engine: str, reports: Path) -> dict:
    cmd = [sys.executable, "-m", "footprint", "sweep", str(SCENARIO), "--jobs", "2", "--reports", str(reports)]
    if engine == "dask":
        cmd += ["--engine", "dask"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    watched = psutil.Process(proc.pid)
    peak_pss = peak_rss = 0
    while proc.poll() is None:
        pss, rss = _tree(watched)
        peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"sweep failed: {proc.stderr.read().decode()[-500:]}")
    table = pd.read_parquet(next((reports / "sweeps").glob("*/results.parquet")))
    return {"s": round(wall, 2), "peak_pss_gib": round(peak_pss / 2**30, 3), "peak_rss_gib": round(peak_rss / 2**30, 3),
            "points": len(table), "failed": int((table["status"] != "ok").sum())}


def main() -> dict:
    res = {}
    with tempfile.TemporaryDirectory() as tmp:
        for engine in ("local", "dask"):
            r = _one(engine, Path(tmp) / engine)
            res.update({f"sweep_{engine}_{k}": v for k, v in r.items()})
            print(f"   {engine:5s}: {r['points']} points ({r['failed']} failed) in {r['s']:.1f} s (whole command); peak "
                  f"memory of the process tree {r['peak_pss_gib']:.2f} GiB PSS ({r['peak_rss_gib']:.2f} GiB RSS) "
                  "(targets: < one cold make run, < 1 GB)")
    return res


if __name__ == "__main__":
    main()
