"""A whole run: validate, execute every task, write the manifest and the index, move ``reports/latest``."""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Mapping, Sequence
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from footprint import __version__
from footprint.core import paths, raw_checksums, sha256_file
from footprint.core.errors import ParameterError
from footprint.core.layout import RunLayout
from footprint.pipeline import cache as _cache
from footprint.pipeline.brief import finalize_run
from footprint.pipeline.compute import RESULTS, ComputeTask, attach
from footprint.pipeline.execute import Task, run_tasks
from footprint.pipeline.model import validate
from footprint.pipeline.parameters import FILE_PARAMETER_SUFFIXES, discover_notebooks, notebook_defaults
from footprint.pipeline import publication
from footprint.pipeline.runs import (
    estimate,
    git_commit,
    latest_name,
    new_run_dir,
    previous_durations,
    run_name,
    update_latest,
)
from footprint.pipeline.scenarios import Scenario, plan

#: run statuses in a manifest: ``running`` from the first second, then ``complete`` or ``failed``;
#: ``interrupted`` after Ctrl-C, or when the next run finds the process of a ``running`` one gone
RUNNING, COMPLETE, FAILED, INTERRUPTED = "running", "complete", "failed", "interrupted"
#: the most notebook executions a run starts without ``--max-runs`` (a grid of kernels is slow: sweep instead)
MAX_RUNS = 100


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C during a run: its manifest says ``interrupted``; nothing was published, no pointer moved."""

    def __init__(self, run_dir: Path):
        super().__init__(str(run_dir))
        self.run_dir = run_dir
INPUTS = "inputs"  # copies of the user files a run read, named by checksum and file name


@dataclass(frozen=True)
class RunResult:
    run_dir: Path
    results: list[dict]
    manifest: Path

    @property
    def failed(self) -> list[dict]:
        return [r for r in self.results if r["status"] != "ok"]

    @property
    def ok(self) -> bool:
        return not self.failed


def _relative(p: Path | None) -> str | None:
    """A path as outputs may show it: relative to the project, else only its last two parts
    (``<folder>/<name>``), so that no output carries the user's or the machine's directories."""
    if p is None:
        return None
    p = Path(p)
    if p.resolve().is_relative_to(paths.ROOT.resolve()):
        return os.path.relpath(p.resolve(), paths.ROOT.resolve())
    return "/".join(p.parts[-2:])


def _recorded(results: Sequence[Mapping], run_dir: Path) -> list[dict]:
    """Result records as the manifest keeps them: output folders relative to the run folder."""
    out = []
    for r in results:
        params = dict(r.get("parameters") or {})
        if "output_dir" in params:
            params["output_dir"] = f"<run>/{r['label']}"
        if isinstance(params.get("results"), dict):
            params["results"] = {k: f"<run>/{RESULTS}/{Path(v).name}" for k, v in params["results"].items()}
        for k, v in params.items():
            if k.endswith(FILE_PARAMETER_SUFFIXES) and isinstance(v, str) and v:
                params[k] = f"<run>/{INPUTS}/{Path(v).name}"
        out.append({**r, "parameters": params})
    return out


def manifest_record(
    run_dir: Path, scenario: Scenario, results: list[dict], *, started: _dt.datetime, duration_s: float,
    engine: str, jobs: int, cache_dir: Path | None, reuse: bool,
) -> dict:
    """What ``manifest.json`` says about a run (without its ``outputs``, added once they are written)."""
    reused = sum(1 for r in results if (r.get("cache") or {}).get("reused"))
    return {
        "run": run_dir.name,
        "scenario": {"name": scenario.name, "description": scenario.description,
                     "file": os.path.relpath(scenario.source, paths.ROOT) if scenario.source else None},
        "started_utc": started.isoformat(timespec="seconds"),
        "duration_s": round(duration_s, 3),
        "status": COMPLETE if results and all(r["status"] == "ok" for r in results) else FAILED,
        "package": {"name": "footprint", "version": __version__},
        "git_commit": git_commit(),
        "python": platform.python_version(),
        "engine": engine,
        "jobs": jobs,
        "inputs": raw_checksums(),
        "cache": {"dir": _relative(cache_dir), "reuse": bool(cache_dir and reuse), "reused": reused,
                  "executed": len(results) - reused},
        "notebooks": _recorded(results, run_dir),
    }


def report_notebooks(scenario: Scenario, tasks: Sequence[Task]) -> tuple[str, ...]:
    """Notebooks that get an HTML report and a figure pack: the scenario's, else every ``*brief*`` notebook."""
    if scenario.reports is not None:
        return scenario.reports
    return tuple(Path(t.notebook).stem for t in tasks if "brief" in Path(t.notebook).stem)


def run(
    scenario: Scenario | None = None,
    *,
    notebooks: Sequence[str] | None = None,
    overrides: Mapping[str, object] | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    reports: Path | None = None,
    progress: Callable[[int, int, dict], None] | None = None,
    latest: bool = True,
    cache: bool = True,
    reuse: bool = True,
    publish: bool | None = None,
    max_runs: int = MAX_RUNS,
    announce: Callable[[str], None] | None = None,
) -> RunResult:
    """Validate everything, run every task, write the manifest, update ``reports/latest``.

    ``cache``: store successful executions in ``reports/cache`` and, if ``reuse``, copy the outputs
    of an earlier execution with identical inputs instead of executing again
    (:mod:`footprint.pipeline.cache`).

    Publishing (``data/processed``) and ``reports/latest`` belong to the baseline: a complete run of
    every notebook, without a scenario file or with one that says ``publish: true``, and without
    command-line overrides or a notebook selection (``publish=True`` asks for it explicitly). Any
    other complete run moves its own pointer, ``reports/latest-<scenario>``; a failed run moves none.
    """
    reports = reports or paths.REPORTS
    adhoc = scenario is None and bool(notebooks or overrides)
    scenario = scenario or Scenario(name="adhoc" if adhoc else "default", publish=not adhoc)
    # validate first, in a throw-away plan, so that a bad parameter creates no run folder
    planned = plan(scenario, notebooks=notebooks, overrides=overrides, run_dir=reports / "runs" / "_validation")
    _check_size(planned, scenario, jobs, reports, max_runs, announce)
    if cache:
        _cache.raw_digest()  # a modified raw file is reported before any run folder or kernel
    with publication.lock(paths.PROCESSED):  # what a killed run left: finished or undone before this one starts
        publication.recover(reports, paths.PROCESSED, lambda d, name: update_latest(d, reports, name))
    cache_dir = _cache.default_dir(reports) if cache else None
    run_dir = new_run_dir(reports, run_name(scenario.name))
    tasks = _confined(plan(scenario, notebooks=notebooks, overrides=overrides, run_dir=run_dir), run_dir)
    computes, tasks = attach(tasks, run_dir, cache_dir=cache_dir, reuse=reuse)
    publishing = publish if publish is not None else scenario.publish
    publishing = publishing and not scenario.sweep and _covers_every_notebook(tasks)
    started = _dt.datetime.now(_dt.timezone.utc)
    mpath = RunLayout(run_dir).manifest
    _write_manifest(mpath, {"run": run_dir.name, "status": RUNNING, "pid": os.getpid(), "scenario": {"name": scenario.name},
                            "started_utc": started.isoformat(timespec="seconds"), "publishes": publishing,
                            "notebooks": _recorded([{"label": t.run_label, "parameters": t.parameters}
                                                    for t in tasks], run_dir)})
    t0 = time.perf_counter()
    try:
        records = run_tasks([*computes, *tasks], jobs=jobs, engine=engine, scheduler=scheduler, progress=progress,
                            expected=previous_durations(reports), cache_dir=cache_dir, reuse=reuse)
    except KeyboardInterrupt:  # Ctrl-C: workers and kernels are stopped; the run says so, publishes nothing
        _write_manifest(mpath, {**json.loads(mpath.read_text(encoding="utf-8")), "status": INTERRUPTED,
                                "duration_s": round(time.perf_counter() - t0, 3)})
        raise RunInterrupted(run_dir) from None
    results = [r for r in records if r.get("kind") != "results"]
    manifest = manifest_record(run_dir, scenario, results, started=started, duration_s=time.perf_counter() - t0,
                               engine=engine, jobs=jobs, cache_dir=cache_dir, reuse=reuse)
    manifest["model"] = [_model_record(c, r) for c, r in zip(computes, (r for r in records if r.get("kind") == "results"),
                                                             strict=True)]
    manifest["publishes"] = publishing
    try:
        manifest["outputs"] = finalize_run(run_dir, results, report_notebooks(scenario, tasks), context=manifest)
    except Exception as e:  # an index that cannot be written must not hide the run's results
        manifest["outputs"] = {"error": f"{type(e).__name__}: {e}"}
        manifest["status"] = FAILED
    pointer = latest_name(scenario.name, baseline=publishing) if latest and manifest["status"] == COMPLETE else None
    if publishing and manifest["status"] == COMPLETE:  # one transaction: tables, pointer, manifest
        publication.publish_run(run_dir, results, {
            "run": run_dir.name, "scenario": scenario.name, "git_commit": manifest["git_commit"],
            "package_version": __version__, "run_folder": _relative(run_dir),
            "parameters": {r["label"]: r["parameters"] for r in _recorded(results, run_dir)},
        }, manifest, mpath, latest=pointer, move_latest=lambda d, name: update_latest(d, reports, name))
        return RunResult(run_dir, results, mpath)
    _write_manifest(mpath, manifest)
    if pointer:
        update_latest(run_dir, reports, pointer)
    return RunResult(run_dir, results, mpath)


def _size_text(stems: list[str], jobs: int, reports: Path) -> str:
    seconds, size = estimate(stems, jobs, reports)
    if seconds is None:
        return "no earlier run of these notebooks to estimate its time and size from"
    return (f"about {_dt.timedelta(seconds=round(seconds))} on {min(jobs, len(stems))} process(es) and "
            f"{size / 1e6:,.0f} MB, from the latest run's times and sizes")


def _check_size(tasks: Sequence[Task], scenario: Scenario, jobs: int, reports: Path, max_runs: int,
                announce: Callable[[str], None] | None) -> None:
    """Refuse a run of more than ``max_runs`` notebook executions before it starts; announce a grid's cost."""
    stems = [Path(t.notebook).stem for t in tasks]
    if len(stems) > max_runs:
        raise ParameterError(f"{scenario.source or scenario.name}: expected at most {max_runs:,} notebook executions, "
                             f"found {len(stems):,} ({_size_text(stems, jobs, reports)}); raise the limit with "
                             f"--max-runs {len(stems)} if you mean it, or sweep without kernels with "
                             "`python -m footprint sweep`")
    if announce and len(stems) > len(set(stems)):  # a grid: say what it will cost before it starts
        announce(f"{len(stems):,} notebook executions: {_size_text(stems, jobs, reports)}")


def _model_record(task: ComputeTask, record: Mapping) -> dict:
    """What the manifest says of one computed model: the model's values (with the derived draw caps), where
    each result is and whether it was reused."""
    params = validate(task.model)
    return {"label": task.run_label, "status": record["status"], "error": record.get("error"),
            "duration_s": record.get("duration_s"), "parameters": _private(params.recorded()),
            "results": {i: {**info, "folder": f"<run>/{RESULTS}/{i}"} for i, info in (record.get("results") or {}).items()}}


def _private(params: Mapping) -> dict:
    """Parameters as outputs may show them: a user file by its name in the run's inputs folder."""
    return {k: (f"<run>/{INPUTS}/{Path(v).name}" if k.endswith(FILE_PARAMETER_SUFFIXES) and isinstance(v, str) and v
                else v) for k, v in params.items()}


_write_manifest = publication.write_manifest


def _covers_every_notebook(tasks: Sequence[Task]) -> bool:
    return {Path(t.notebook).resolve() for t in tasks} == {p.resolve() for p in discover_notebooks()}


def _confined(tasks: Sequence[Task], run_dir: Path) -> list[Task]:
    """Tasks as the runner executes them: notebooks never publish themselves (the runner does, see
    :mod:`footprint.pipeline.publish`), and every user file is copied into ``<run>/inputs/`` and
    named by its checksum, so that no output carries a path of the user's machine."""
    out = []
    for t in tasks:
        params = dict(t.parameters)
        if "processed_dir" in notebook_defaults(t.notebook):
            params["processed_dir"] = ""
        for k, v in t.parameters.items():
            if k.endswith(FILE_PARAMETER_SUFFIXES) and isinstance(v, str) and v:
                params[k] = _confined_file(v, run_dir)
        model_values = dict(t.model)
        for k, v in t.model.items():
            if k.endswith(FILE_PARAMETER_SUFFIXES) and isinstance(v, str) and v:
                model_values[k] = _confined_file(v, run_dir)
        out.append(replace(t, parameters=params, model=model_values))
    return out


def _confined_file(v: str, run_dir: Path) -> str:
    """A user file copied into ``<run>/inputs/`` and named by its checksum; the path the run uses for it."""
    src = paths.resolve(v)
    digest = sha256_file(src)
    dst = run_dir / INPUTS / f"{digest[:12]}_{src.name}"
    if not dst.exists():
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
    inside = dst.resolve().is_relative_to(paths.ROOT.resolve())
    return os.path.relpath(dst.resolve(), paths.ROOT.resolve()) if inside else str(dst)


def main_progress(done: int, total: int, r: dict) -> None:
    """One line per finished task on stderr (the command line's progress report)."""
    mark = "ok" if r["status"] == "ok" else "FAILED"
    reused = (r.get("cache") or {}).get("reused")
    how = f"reused from {r['cache']['from']}" if reused else "executed"
    msg = f"[{done}/{total}] {r['label']}: {mark} ({how}) in {r['duration_s']:.1f} s"
    if r["error"]:
        msg += f"\n    {r['error']}"
    print(msg, file=sys.stderr, flush=True)
