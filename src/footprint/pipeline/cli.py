"""Command line: ``python -m footprint run | params | prune`` (also installed as ``footprint``)."""

from __future__ import annotations

import argparse
import errno
import json
import signal
import sys
from pathlib import Path

from footprint import __version__
from footprint.core.errors import FootprintError, ParameterError
from footprint.pipeline import model
from footprint.pipeline.cache import default_dir
from footprint.pipeline.cache import prune as prune_cache
from footprint.pipeline.parameters import (
    discover_notebooks,
    find_notebook,
    notebook_defaults,
    parse_overrides,
)
from footprint.pipeline.checks import check_jobs
from footprint.pipeline.runs import prune_runs
from footprint.pipeline.run import MAX_RUNS, main_progress, run
from footprint.pipeline.scenarios import load_scenario
from footprint.pipeline.sweep import sweep


def _run(a: argparse.Namespace) -> int:
    # Ctrl-C (or kill -INT) stops a run even when it was started with SIGINT ignored (a background job of a
    # script, a scheduler, a test runner): Python then never raises KeyboardInterrupt, and the run went on
    signal.signal(signal.SIGINT, signal.default_int_handler)
    scenario = load_scenario(a.scenario) if a.scenario else None
    overrides = parse_overrides(a.param)
    if a.jobs < 1:
        raise ParameterError(f"--jobs: expected a whole number >= 1, found {a.jobs}")
    if a.max_runs < 1:
        raise ParameterError(f"--max-runs: expected a whole number >= 1, found {a.max_runs}")
    res = run(
        scenario,
        notebooks=a.notebooks or None,
        overrides=overrides,
        jobs=a.jobs,
        engine=a.engine,
        scheduler=a.scheduler,
        progress=main_progress,
        latest=not a.no_latest,
        reports=Path(a.reports).resolve() if a.reports else None,
        reuse=not a.no_cache,
        publish=True if a.publish else None,
        max_runs=a.max_runs,
        announce=lambda line: print(line, file=sys.stderr, flush=True),
    )
    print(f"run folder: {res.run_dir}")
    print(f"manifest:   {res.manifest}")
    if res.failed:
        names = ", ".join(f"{r['label']} ({r['error']})" for r in res.failed)
        print(f"FAILED: {len(res.failed)} of {len(res.results)} notebooks: {names}", file=sys.stderr)
        return 1
    reused = sum(1 for r in res.results if (r.get("cache") or {}).get("reused"))
    print(f"all {len(res.results)} notebooks ok ({len(res.results) - reused} executed, {reused} reused unchanged)")
    return 0


def parameter_help(nb: Path) -> dict[str, str]:
    """Each parameter's one-line doc, from the run's model (the notebook's cell carries the same text)."""
    return {k: model.DOCS.get(k, "") for k in notebook_defaults(nb)}


def _params(a: argparse.Namespace) -> int:
    """Every notebook's parameters with the model's defaults and docs; the values a run shares across notebooks."""
    for nb in discover_notebooks() if not a.notebooks else [find_notebook(n) for n in a.notebooks]:
        print(nb.stem)
        helps = parameter_help(nb)
        for k in notebook_defaults(nb):
            print(f"  {k} = {model.literal(model.DEFAULTS[k])}" + (f"    # {helps[k]}" if helps.get(k) else ""))
    print("A value given once (-p, a scenario's defaults or one notebook's entry) reaches every notebook that declares "
          "it and the run's results; derived: comparison_draws = min(draws, "
          f"{model.COMPARISON_DRAWS_CAP}), series_draws = min(draws, {model.SERIES_DRAWS_CAP})")
    return 0


def _sweep(a: argparse.Namespace) -> int:
    check_jobs(a.jobs)
    if a.max_points < 1:
        raise ParameterError(f"--max-points: expected a whole number >= 1, found {a.max_points}")

    def progress(done: int, total: int, row: dict) -> None:
        if row["status"] != "ok" or done == total or done % max(1, total // 10) == 0:
            print(f"[{done}/{total}] point {row['point']}: {row['status']}" + (f" ({row['error']})" if row["error"] else ""),
                  file=sys.stderr, flush=True)

    folder = sweep(load_scenario(a.file), jobs=a.jobs, engine=a.engine, scheduler=a.scheduler,
                   max_points=a.max_points, reports=Path(a.reports).resolve() if a.reports else None, progress=progress,
                   notice=lambda line: print(line, file=sys.stderr, flush=True))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    print(f"sweep folder: {folder}")
    print(f"{manifest['points']} points in {manifest['duration_s']:.1f} s, {manifest['failed']} failed: "
          f"{folder / 'results.csv'}")
    return 1 if manifest["failed"] else 0


def _prune(a: argparse.Namespace) -> int:
    if a.keep < 0:
        raise ParameterError(f"--keep: expected a whole number >= 0, found {a.keep}")
    reports = Path(a.reports).resolve() if a.reports else None
    runs = prune_runs(reports, keep=a.keep)
    cache_dir = default_dir(reports)
    entries = prune_cache(cache_dir, keep=a.keep) if cache_dir.is_dir() else []
    print(f"removed {len(runs)} run folders and {len(entries)} cache entries; kept the newest {a.keep} of each "
          "(and every run a reports/latest* pointer names)")
    return 0


EXAMPLES = """examples:
  python -m footprint run                                  every notebook (the baseline: publishes data/processed)
  python -m footprint run 02 -p city=Sapporo -p draws=500  one notebook with parameters (does not publish)
  python -m footprint run --scenario scenarios/city_years_sweep.yml --jobs 2
  python -m footprint params 03                            parameters of notebook 03 with their meaning
  python -m footprint sweep scenarios/city_sweep.yml --jobs 2   a city headline over a grid, without kernels
  python -m footprint prune --keep 5                       keep the 5 newest runs and cache entries
"""


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="footprint", description=__doc__, epilog=EXAMPLES,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", action="version", version=f"footprint {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="execute notebooks with papermill into reports/runs/<run>/", epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    r.add_argument("notebooks", nargs="*", help="notebooks to run (stem or NN prefix); default: all")
    r.add_argument("--scenario", help="YAML scenario file (see scenarios/)")
    r.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                   help="override a parameter in every notebook that declares it")
    r.add_argument("--jobs", type=int, default=1, help="parallel processes (default 1)")
    r.add_argument("--max-runs", type=int, default=MAX_RUNS,
                   help=f"refuse a run of more notebook executions before it starts (default {MAX_RUNS})")
    r.add_argument("--engine", choices=["local", "dask"], default="local")
    r.add_argument("--scheduler", help="Dask scheduler address (with --engine dask); default: a local cluster")
    r.add_argument("--no-latest", action="store_true", help="do not move reports/latest to this run")
    r.add_argument("--no-cache", action="store_true",
                   help="execute every notebook even if an earlier execution had identical inputs "
                        "(its outputs replace the stored ones)")
    r.add_argument("--reports", metavar="DIR", help="reports folder (default: reports/ of the project)")
    r.add_argument("--publish", action="store_true",
                   help="publish the tables to data/processed even with overrides (only a complete run of "
                        "every notebook publishes)")
    r.set_defaults(func=_run)

    p = sub.add_parser("params", help="list the notebooks' parameters and defaults")
    p.add_argument("notebooks", nargs="*")
    p.set_defaults(func=_params)

    w = sub.add_parser("sweep", help="compute a topic's headline over a grid of parameters (no kernel, no figure "
                                     "per point) -> reports/sweeps/<id>/results.parquet and .csv")
    w.add_argument("file", help="scenario YAML file with a 'sweep:' over one notebook (e.g. scenarios/city_sweep.yml)")
    w.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    w.add_argument("--engine", choices=["local", "dask"], default="local")
    w.add_argument("--scheduler", help="Dask scheduler address (with --engine dask); default: a local cluster")
    w.add_argument("--max-points", type=int, default=1000, help="refuse a larger grid before starting (default 1000)")
    w.add_argument("--reports", metavar="DIR", help="reports folder (default: reports/ of the project)")
    w.set_defaults(func=_sweep)

    q = sub.add_parser("prune", help="remove old run folders and cache entries")
    q.add_argument("--keep", type=int, default=10, help="how many of the newest to keep (default 10)")
    q.add_argument("--reports", metavar="DIR", help="reports folder (default: reports/ of the project)")
    q.set_defaults(func=_prune)
    return ap


def main(argv: list[str] | None = None) -> int:
    a = build_parser().parse_args(argv)
    try:
        return a.func(a)
    except FootprintError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except PermissionError as e:
        where = e.filename or "reports/"
        print(f"error: {where}: expected a folder this user can write, found permission denied "
              "(choose another folder with --reports DIR, or fix its permissions)", file=sys.stderr)
        return 2
    except OSError as e:  # no space left, a read-only file system, a quota: the folder and what to do
        where = e.filename or getattr(a, "reports", None) or "reports/"
        what = {errno.ENOSPC: "no space left on the device", errno.EROFS: "a read-only file system",
                errno.EDQUOT: "the disk quota exceeded"}.get(e.errno, e.strerror or type(e).__name__)
        print(f"error: {where}: expected room to write the run, found {what} (free space, or choose another folder "
              "with --reports DIR)", file=sys.stderr)
        return 2
    except KeyboardInterrupt as e:  # Ctrl-C: the run's workers and kernels are stopped before this line
        where = getattr(e, "run_dir", None)
        print("error: interrupted (Ctrl-C)" + (f": {where.name} says interrupted in its manifest" if where else "")
              + "; nothing was published and no pointer moved", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
