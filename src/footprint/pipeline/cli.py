"""Command line: ``python -m footprint run | params | prune`` (also installed as ``footprint``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import papermill

from footprint import __version__
from footprint.core.errors import FootprintError, ParameterError
from footprint.pipeline.cache import default_dir
from footprint.pipeline.cache import prune as prune_cache
from footprint.pipeline.parameters import (
    discover_notebooks,
    find_notebook,
    notebook_defaults,
    parse_override,
)
from footprint.pipeline.runs import prune_runs
from footprint.pipeline.run import main_progress, run
from footprint.pipeline.scenarios import load_scenario


def _run(a: argparse.Namespace) -> int:
    scenario = load_scenario(a.scenario) if a.scenario else None
    overrides = dict(parse_override(s) for s in a.param)
    if a.jobs < 1:
        raise ParameterError(f"--jobs: expected a whole number >= 1, found {a.jobs}")
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
    """Each parameter's comment in the notebook's parameters cell (its meaning, unit and range)."""
    return {k: str(v.get("help") or "") for k, v in papermill.inspect_notebook(str(nb)).items()}


def _params(a: argparse.Namespace) -> int:
    for nb in discover_notebooks() if not a.notebooks else [find_notebook(n) for n in a.notebooks]:
        print(nb.stem)
        helps = parameter_help(nb)
        for k, v in notebook_defaults(nb).items():
            print(f"  {k} = {v!r}" + (f"    # {helps[k]}" if helps.get(k) else ""))
    return 0


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
