"""Wall time of executing the notebooks beside the floor: the same number of notebooks that only
start a kernel and import the same libraries. Also the speed-up of --jobs 2 over --jobs 1, and the
whole `make run` command (`python -m footprint run --jobs 2`, index and brief report included):
cold (every notebook executed) and unchanged (every execution reused from the cache).

Targets (issue "One run, one model"): a cold `make run` <= 2.0 x the --jobs 2 floor, an unchanged one <= 1.0 x;
--jobs 2 >= 1.6 x faster than --jobs 1.
"""

from __future__ import annotations

import ast
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from footprint.pipeline import runner

REPEAT = 3


def floor_notebook(src: Path, dst: Path) -> Path:
    """A copy of ``src`` with its parameters cell and only the import statements of its code."""
    nb = nbformat.read(src, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    imports = []
    for c in code[1:]:
        try:
            tree = ast.parse(c.source)
        except SyntaxError:
            continue
        imports += [ast.get_source_segment(c.source, s) for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
    out = nbformat.v4.new_notebook(metadata=nb.metadata)
    out.cells = [code[0], nbformat.v4.new_code_cell("\n".join(dict.fromkeys(imports)))]
    nbformat.write(out, dst)
    return dst


_EXPECTED: dict[str, float] = {}


def _time(tasks, jobs: int) -> float:
    """Wall time of a run; like `footprint run`, the longest notebooks (by the last run) start first."""
    t0 = time.perf_counter()
    res = runner.run_tasks(tasks, jobs=jobs, expected=_EXPECTED)
    dt = time.perf_counter() - t0
    bad = [r for r in res if r["status"] != "ok"]
    if bad:
        raise RuntimeError(f"benchmark run failed: {bad}")
    _EXPECTED.update({r["label"]: r["duration_s"] for r in res})
    return dt


def _time_run(reports: Path, jobs: int) -> float:
    """Wall time of every notebook through the runner (the run's results computed once first), no cache."""
    t0 = time.perf_counter()
    res = runner.run(reports=reports, jobs=jobs, cache=False, latest=False, publish=False)
    dt = time.perf_counter() - t0
    if not res.ok:
        raise RuntimeError(f"benchmark run failed: {res.failed}")
    return dt


def _make_run(reports: Path, *extra: str) -> float:
    """Wall time of the command `make run` executes (publishing included), into a scratch reports folder."""
    cmd = [sys.executable, "-m", "footprint", "run", "--jobs", "2", "--reports", str(reports), "--no-latest", *extra]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> dict:
    nbs = runner.discover_notebooks()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "floor").mkdir()
        floors = [floor_notebook(nb, tmp / "floor" / nb.name) for nb in nbs]

        def tasks(paths, tag):
            out = []
            for p in paths:
                params = {}
                if "processed_dir" in runner.notebook_defaults(p):
                    params["processed_dir"] = str(tmp / "processed" / tag)
                out.append(runner.make_task(p, params, tmp / tag, p.stem))
            return out

        res = {}
        # --jobs 2 first: a process that has driven a kernel itself (--jobs 1 runs in-process) no
        # longer forks its workers (see execute._process_context), as `make run` would
        for jobs in (2, 1):
            f = [_time(tasks(floors, f"f{jobs}{i}"), jobs) for i in range(REPEAT)]
            n = [_time_run(tmp / f"n{jobs}{i}", jobs) for i in range(REPEAT)]
            res[f"floor_jobs{jobs}_s"] = round(statistics.median(f), 2)
            res[f"notebooks_jobs{jobs}_s"] = round(statistics.median(n), 2)
        cold, warm = [], []
        for i in range(REPEAT):
            reports = tmp / f"make_run{i}"
            cold.append(_make_run(reports, "--no-cache"))
            warm.append(_make_run(reports))
        res["make_run_cold_s"] = round(statistics.median(cold), 2)
        res["make_run_unchanged_s"] = round(statistics.median(warm), 2)
    res["notebooks"] = len(nbs)
    res["ratio_make_run_cold"] = round(res["make_run_cold_s"] / res["floor_jobs2_s"], 2)
    res["ratio_make_run_unchanged"] = round(res["make_run_unchanged_s"] / res["floor_jobs2_s"], 2)
    res["ratio_jobs1"] = round(res["notebooks_jobs1_s"] / res["floor_jobs1_s"], 2)
    res["ratio_jobs2"] = round(res["notebooks_jobs2_s"] / res["floor_jobs2_s"], 2)
    res["speedup_jobs2"] = round(res["notebooks_jobs1_s"] / res["notebooks_jobs2_s"], 2)
    print(f"   {len(nbs)} notebooks, median of {REPEAT} runs")
    print(f"   --jobs 1: notebooks {res['notebooks_jobs1_s']:.2f} s, floor {res['floor_jobs1_s']:.2f} s, ratio {res['ratio_jobs1']:.2f} (target <= 1.3)")
    print(f"   --jobs 2: notebooks {res['notebooks_jobs2_s']:.2f} s, floor {res['floor_jobs2_s']:.2f} s, ratio {res['ratio_jobs2']:.2f} (target <= 1.3)")
    print(f"   speed-up of --jobs 2 over --jobs 1: {res['speedup_jobs2']:.2f}x (target >= 1.6)")
    print(f"   make run, every notebook executed: {res['make_run_cold_s']:.2f} s, "
          f"{res['ratio_make_run_cold']:.2f} x the --jobs 2 floor (target <= 2.0)")
    print(f"   make run, inputs unchanged (executions reused): {res['make_run_unchanged_s']:.2f} s, "
          f"{res['ratio_make_run_unchanged']:.2f} x the --jobs 2 floor (target <= 1.0)")
    return res


if __name__ == "__main__":
    main()
