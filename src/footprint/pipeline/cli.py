"""Command line: ``python -m footprint run`` (also installed as ``footprint``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from footprint import __version__
from footprint.core.errors import FootprintError
from footprint.pipeline.parameters import discover_notebooks, find_notebook, notebook_defaults, parse_override
from footprint.pipeline.run import main_progress, run
from footprint.pipeline.scenarios import load_scenario


def _run(a: argparse.Namespace) -> int:
    scenario = load_scenario(a.scenario) if a.scenario else None
    overrides = dict(parse_override(s) for s in a.param)
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


def _params(a: argparse.Namespace) -> int:
    for nb in discover_notebooks() if not a.notebooks else [find_notebook(n) for n in a.notebooks]:
        print(nb.stem)
        for k, v in notebook_defaults(nb).items():
            print(f"  {k} = {v!r}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="footprint", description=__doc__)
    ap.add_argument("--version", action="version", version=f"footprint {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="execute notebooks with papermill into reports/runs/<run>/")
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
    r.set_defaults(func=_run)

    p = sub.add_parser("params", help="list the notebooks' parameters and defaults")
    p.add_argument("notebooks", nargs="*")
    p.set_defaults(func=_params)
    return ap


def main(argv: list[str] | None = None) -> int:
    a = build_parser().parse_args(argv)
    try:
        return a.func(a)
    except FootprintError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
