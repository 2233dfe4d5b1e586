"""Papermill batch runner: scenarios, parameter validation, parallel runs, manifests.

A *task* is one notebook with one set of parameters. :func:`run_one` executes a task and never
raises: it returns a result record (status, duration, error). The same function serves a
local process pool and a Dask cluster. Papermill changes the working directory process-wide,
so parallel runs use processes, never threads.

Every parameter is validated against the notebook's ``parameters`` cell (read with
``papermill.inspect_notebook``) before any kernel starts: unknown names, wrong types and
missing files give one clear error.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as _dt
import itertools
import json
import os
import platform
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path

from footprint import __version__
from footprint.core import paths
from footprint.core import atomic_path, raw_checksums, suggest, write_text
from footprint.core.errors import DataFileError, ParameterError

#: parameters the runner sets itself when a notebook declares them
RUNNER_PARAMETERS = ("output_dir",)
#: parameters whose string value names an input file that must exist (empty = not used)
FILE_PARAMETER_SUFFIXES = ("_file",)


# --------------------------------------------------------------------------------------------
# notebooks and their parameters
# --------------------------------------------------------------------------------------------


def discover_notebooks(nb_dir: Path | None = None) -> list[Path]:
    """The project's notebooks in run order: ``notebooks/NN_name.ipynb``."""
    nb_dir = nb_dir or paths.NOTEBOOKS
    return sorted(p for p in nb_dir.glob("[0-9][0-9]_*.ipynb") if p.is_file())


def find_notebook(name: str, nb_dir: Path | None = None) -> Path:
    """A notebook by stem (``01_national_accounts``), prefix (``01``) or path."""
    p = Path(name)
    if p.suffix == ".ipynb" and p.exists():
        return p.resolve()
    nbs = discover_notebooks(nb_dir)
    hits = [n for n in nbs if n.stem == name or n.stem.split("_", 1)[0] == name]
    if len(hits) == 1:
        return hits[0]
    stems = [n.stem for n in nbs]
    raise ParameterError(f"unknown notebook {name!r}; expected one of {stems}; close: {suggest(name, stems)}")


@lru_cache(maxsize=64)
def _inspect(path: str, mtime_ns: int) -> dict[str, dict]:
    import papermill

    return {k: dict(v) for k, v in papermill.inspect_notebook(path).items()}


def notebook_defaults(path: str | os.PathLike[str]) -> dict[str, object]:
    """Default values of a notebook's ``parameters`` cell, as Python literals."""
    p = Path(path)
    spec = _inspect(str(p), p.stat().st_mtime_ns)
    if not spec:
        raise ParameterError(f"{p}: expected a code cell tagged 'parameters', found none")
    out = {}
    for name, info in spec.items():
        try:
            out[name] = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            raise ParameterError(
                f"{p}: parameter {name!r}: expected a literal default (str, int, float, bool, list, dict), "
                f"found {info['default']!r}"
            ) from None
    return out


def _type_ok(value, default) -> bool:
    if default is None or value is None:
        return True
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))


def validate_parameters(path: str | os.PathLike[str], params: Mapping[str, object], where: str = "") -> None:
    """Check names, types and referenced files of ``params`` against the notebook's defaults."""
    p = Path(path)
    defaults = notebook_defaults(p)
    prefix = f"{where}: " if where else ""
    problems = []
    for name, value in params.items():
        if name not in defaults:
            close = suggest(name, defaults)
            problems.append(
                f"unknown parameter {name!r} for {p.stem} (expected one of {sorted(defaults)}"
                + (f"; did you mean {close[0]!r}?" if close else "")
                + ")"
            )
            continue
        d = defaults[name]
        if not _type_ok(value, d):
            problems.append(
                f"parameter {name!r} of {p.stem}: expected {type(d).__name__} like {d!r}, "
                f"found {type(value).__name__} {value!r}"
            )
            continue
        if name.endswith(FILE_PARAMETER_SUFFIXES) and isinstance(value, str) and value:
            if not paths.resolve(value).exists():
                problems.append(f"parameter {name!r} of {p.stem}: file {value!r} does not exist")
    if problems:
        raise ParameterError(prefix + "; ".join(problems))


# --------------------------------------------------------------------------------------------
# tasks
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    notebook: str  # absolute path of the source notebook
    run_label: str  # sub-folder of the run folder (notebook stem, or stem + sweep point)
    parameters: dict
    run_dir: str

    @property
    def out_dir(self) -> Path:
        return Path(self.run_dir) / self.run_label

    @property
    def output_notebook(self) -> Path:
        return self.out_dir / Path(self.notebook).name


def make_task(notebook: Path, parameters: Mapping, run_dir: Path, label: str | None = None) -> Task:
    label = label or notebook.stem
    params = dict(parameters)
    defaults = notebook_defaults(notebook)
    if "output_dir" in defaults and "output_dir" not in params:
        out = Path(run_dir) / label
        # relative to the project root where possible: manifests carry no user or host paths
        params["output_dir"] = os.path.relpath(out, paths.ROOT) if out.is_relative_to(paths.ROOT) else str(out)
    return Task(str(notebook), label, params, str(run_dir))


def run_one(task: Task | Mapping) -> dict:
    """Execute one task with papermill; never raises. Returns a result record."""
    import papermill

    if isinstance(task, Mapping):
        task = Task(**task)
    global _KERNELS_DRIVEN
    _KERNELS_DRIVEN = True
    task.out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    status, error = "ok", None
    try:
        with _kernel_log(task.out_dir / "kernel.log"):
            _execute(papermill, task)
    except papermill.PapermillExecutionError as e:
        status, error = "failed", f"{e.ename}: {e.evalue}"
    except Exception as e:  # kernel died, notebook unreadable, ...: recorded, not raised
        status, error = "failed", f"{type(e).__name__}: {e}"
    return {
        "notebook": Path(task.notebook).stem,
        "label": task.run_label,
        "parameters": task.parameters,
        "status": status,
        "error": error,
        "duration_s": round(time.perf_counter() - t0, 3),
        "executed_notebook": str(task.output_notebook.relative_to(task.run_dir)),
        "kernel_log": str((task.out_dir / "kernel.log").relative_to(task.run_dir)),
    }


@contextlib.contextmanager
def _kernel_log(path: Path):
    """Send this process's stderr (which the kernel inherits) to ``path`` while a notebook runs.

    The kernel's own log lines (transport notices, shutdown messages) then land in the run
    folder instead of the terminal; the notebook's outputs travel over ZeroMQ and are unaffected.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def _execute(papermill, task: Task) -> None:
    papermill.execute_notebook(
        task.notebook,
        str(task.output_notebook),
        parameters=task.parameters,
        kernel_name="python3",
        progress_bar=False,
        log_output=False,
        report_mode=False,
        cwd=str(Path(task.notebook).parent),
    )


def _process_context():
    """How worker processes start (papermill and kernels are process-wide: never threads).

    On Linux, with no other thread in this process and no kernel ever driven from it, workers are
    forked: they start in milliseconds with papermill already imported (a fork server would
    import it again first, 1.5-2.5 s before the first kernel starts). Otherwise a fork server with
    papermill preloaded, so that no worker inherits a thread it cannot own: ZeroMQ's I/O threads,
    started by the first kernel client, are invisible to ``threading``, and a worker forked after
    them waits forever for its kernel.
    """
    if sys.platform == "linux" and threading.active_count() == 1 and not _kernel_clients_here():
        return get_context("fork")
    ctx = get_context("forkserver")
    ctx.set_forkserver_preload(["footprint.pipeline.runner", "papermill"])
    return ctx


_KERNELS_DRIVEN = False  # set once run_one has executed a notebook in this process


def _kernel_clients_here() -> bool:
    """Whether this process has driven a kernel or holds a ZeroMQ context (not fork-safe)."""
    zmq = sys.modules.get("zmq")
    shared = getattr(getattr(zmq, "Context", None), "_instance", None) if zmq else None
    return _KERNELS_DRIVEN or shared is not None


def run_tasks(
    tasks: Sequence[Task],
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: Callable[[int, int, dict], None] | None = None,
    expected: Mapping[str, float] | None = None,
    cache_dir: Path | None = None,
    reuse: bool = True,
) -> list[dict]:
    """Run tasks in processes (``engine='local'``) or on a Dask cluster (``engine='dask'``).

    Results come back in task order; a failing task never stops the others. ``expected`` maps
    run labels to expected durations (from the previous run's manifest): the longest tasks start
    first, which keeps both workers busy until the end.

    With a ``cache_dir`` (see :mod:`footprint.pipeline.cache`), a task whose inputs match an earlier
    successful execution gets that execution's outputs copied into its folder instead of a
    kernel (unless ``reuse`` is false), and every successful execution is stored for later runs.
    """
    from footprint.pipeline import cache

    if engine not in ("local", "dask"):
        raise ParameterError(f"engine must be 'local' or 'dask', got {engine!r}")
    n = len(tasks)
    results: list[dict | None] = [None] * n
    done = 0
    keys = {i: cache.task_key(t.notebook, t.parameters) for i, t in enumerate(tasks)} if cache_dir else {}

    def _report(i: int, r: dict) -> None:
        nonlocal done
        if cache_dir and "cache" not in r:
            stored = None
            if r["status"] == "ok":
                source = f"{Path(tasks[i].run_dir).name}/{tasks[i].run_label}"
                stored = cache.store(cache_dir, keys[i], tasks[i].out_dir, dict(r, source=source), replace=not reuse)
            r = dict(r, cache={"reused": False, "key": keys[i], "stored": stored is not None})
        results[i] = r
        done += 1
        if progress:
            progress(done, n, r)

    pending = []
    for i, t in enumerate(tasks):
        entry = cache.lookup(cache_dir, keys[i]) if cache_dir and reuse else None
        if entry is None:
            pending.append(i)
            continue
        t0 = time.perf_counter()
        try:
            cache.restore(entry, t.out_dir, t.parameters.get("processed_dir"), Path(t.notebook).stem)
        except OSError:  # the entry vanished or the disk is full: execute instead
            pending.append(i)
            continue
        _report(i, {
            "notebook": Path(t.notebook).stem,
            "label": t.run_label,
            "parameters": t.parameters,
            "status": "ok",
            "error": None,
            "duration_s": round(time.perf_counter() - t0, 3),
            "executed_notebook": str(t.output_notebook.relative_to(t.run_dir)),
            "kernel_log": None,
            "cache": {"reused": True, "key": keys[i], "from": entry.get("source"),
                      "executed_duration_s": entry.get("executed_duration_s")},
        })
    if not pending:
        return [r for r in results if r is not None]

    if engine == "dask":
        from distributed import Client, as_completed as dask_completed

        client = Client(scheduler) if scheduler else Client(processes=True, n_workers=jobs, threads_per_worker=1)
        try:
            futs = client.map(run_one, [asdict(tasks[i]) for i in pending], pure=False)
            index = {f.key: i for i, f in zip(pending, futs, strict=True)}
            for f in dask_completed(futs):
                _report(index[f.key], f.result())
        finally:
            client.close()
    elif engine == "local":
        if jobs <= 1 or len(pending) <= 1:
            for i in pending:
                _report(i, run_one(tasks[i]))
        else:
            ctx = _process_context()
            order = sorted(pending, key=lambda i: -(expected or {}).get(tasks[i].run_label, 0.0))
            with ProcessPoolExecutor(max_workers=min(jobs, len(pending)), mp_context=ctx) as pool:
                futs = {pool.submit(run_one, tasks[i]): i for i in order}
                for f in as_completed(futs):
                    _report(futs[f], f.result())
    else:
        raise ParameterError(f"engine must be 'local' or 'dask', got {engine!r}")
    return [r for r in results if r is not None]


# --------------------------------------------------------------------------------------------
# scenarios
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """Notebooks mapped to parameters, with optional grids to sweep.

    YAML layout::

        name: baseline
        description: ...
        defaults: {lang: en}              # applied to every notebook that declares the name
        notebooks:                        # notebooks to run (all if omitted) and their parameters
          01_national_accounts: {}
          02_city_footprint: {draws: 2000}
        sweep:                            # optional: a grid per notebook, one run per point
          02_city_footprint: {year: [2019, 2022]}
        reports: [05_local_sdgs_brief]    # optional: HTML report + figure pack (default: *brief*)
        publish: false                    # optional: also publish tables to data/processed (default:
                                          # false for scenario files, so alternatives never overwrite
                                          # the baseline tables; true for runs without a scenario)
    """

    name: str
    description: str = ""
    defaults: dict = field(default_factory=dict)
    notebooks: dict = field(default_factory=dict)
    sweep: dict = field(default_factory=dict)
    reports: tuple[str, ...] | None = None  # notebooks exported as HTML + figure pack; None = the brief(s)
    publish: bool = True  # tables also go to data/processed (baseline); False: only into the run folder
    source: str = ""


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    import yaml

    p = paths.resolve(path, Path.cwd())
    if not p.exists():
        p2 = paths.resolve(path, paths.SCENARIOS)
        if p2.exists():
            p = p2
        else:
            raise DataFileError(path, "a scenario YAML file", "no such file")
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise DataFileError(p, "valid YAML", str(getattr(e, "problem", e)), row=(mark.line + 1) if mark else None) from None
    if not isinstance(doc, dict):
        raise DataFileError(p, "a mapping with keys name, notebooks, defaults, sweep", type(doc).__name__)
    allowed = {"name", "description", "defaults", "notebooks", "sweep", "reports", "publish"}
    unknown = sorted(set(doc) - allowed)
    if unknown:
        raise DataFileError(p, f"top-level keys among {sorted(allowed)}", f"{unknown}")
    for key in ("defaults", "notebooks", "sweep"):
        v = doc.get(key) or {}
        if not isinstance(v, dict):
            raise DataFileError(p, f"{key!r} to be a mapping", type(v).__name__, key=key)
    nbs = {k: (v or {}) for k, v in (doc.get("notebooks") or {}).items()}
    for k, v in nbs.items():
        if not isinstance(v, dict):
            raise DataFileError(p, "a mapping of parameter names to values", type(v).__name__, key=f"notebooks.{k}")
    sweep = doc.get("sweep") or {}
    for k, grid in sweep.items():
        if not isinstance(grid, dict) or not all(isinstance(vals, list) and vals for vals in grid.values()):
            raise DataFileError(p, "a mapping of parameter names to non-empty lists", repr(grid), key=f"sweep.{k}")
    publish = doc.get("publish", False)
    if not isinstance(publish, bool):
        raise DataFileError(p, "'publish' to be true or false", repr(publish), key="publish")
    reports = doc.get("reports")
    if reports is not None and not (isinstance(reports, list) and all(isinstance(x, str) for x in reports)):
        raise DataFileError(p, "'reports' to be a list of notebook names", repr(reports), key="reports")
    return Scenario(
        name=str(doc.get("name") or p.stem),
        reports=tuple(find_notebook(r).stem for r in reports) if reports is not None else None,
        publish=publish,
        description=str(doc.get("description") or ""),
        defaults=dict(doc.get("defaults") or {}),
        notebooks=nbs,
        sweep=dict(sweep),
        source=str(p),
    )


def _slug(params: Mapping) -> str:
    parts = []
    for k, v in params.items():
        s = str(v).replace("/", "-").replace(" ", "")
        parts.append(f"{k}={s}"[:40])
    return "__".join(parts)


def plan(
    scenario: Scenario | None = None,
    *,
    notebooks: Sequence[str] | None = None,
    overrides: Mapping[str, object] | None = None,
    run_dir: Path,
) -> list[Task]:
    """Expand a scenario (and command-line overrides) into validated tasks; no kernel is started.

    All problems in all notebooks are collected and raised as one :class:`ParameterError`.
    """
    scenario = scenario or Scenario(name="default")
    if notebooks:
        nb_paths = [find_notebook(n) for n in notebooks]
    elif scenario.notebooks:
        nb_paths = [find_notebook(n) for n in scenario.notebooks]
    else:
        nb_paths = discover_notebooks()
    for k in scenario.sweep:
        find_notebook(k)
    tasks, problems = [], []
    where = scenario.source or scenario.name
    for nb in nb_paths:
        defaults = notebook_defaults(nb)
        base = {k: v for k, v in scenario.defaults.items() if k in defaults}
        nb_key = next((k for k in scenario.notebooks if find_notebook(k) == nb), None)
        base.update(scenario.notebooks.get(nb_key, {}) if nb_key else {})
        base.update({k: v for k, v in (overrides or {}).items() if k in defaults})
        if not scenario.publish and "processed_dir" in defaults and "processed_dir" not in base:
            base["processed_dir"] = ""  # an alternative keeps its tables in its run folder only
        grid_key = next((k for k in scenario.sweep if find_notebook(k) == nb), None)
        grid = scenario.sweep.get(grid_key, {}) if grid_key else {}
        points = [dict(zip(grid, combo, strict=True)) for combo in itertools.product(*grid.values())] if grid else [{}]
        for point in points:
            params = {**base, **point}
            try:
                validate_parameters(nb, params, where=where)
            except ParameterError as e:
                problems.append(str(e))
                continue
            label = nb.stem if not point else f"{nb.stem}__{_slug(point)}"
            tasks.append(make_task(nb, params, run_dir, label))
    unknown_overrides = sorted(
        set(overrides or {}) - set().union(*(notebook_defaults(nb).keys() for nb in nb_paths))
    )
    if unknown_overrides:
        problems.append(f"override(s) {unknown_overrides} match no parameter of the selected notebooks")
    if problems:
        raise ParameterError("invalid parameters:\n  - " + "\n  - ".join(problems))
    return tasks


# --------------------------------------------------------------------------------------------
# runs and their manifest
# --------------------------------------------------------------------------------------------


def git_commit(root: Path | None = None) -> str:
    root = root or paths.ROOT
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True, text=True,
            timeout=10,
        ).stdout.strip()
        return out + ("-dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def new_run_dir(reports: Path | None = None, name: str = "run") -> Path:
    reports = reports or paths.REPORTS
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    base = reports / "runs" / f"{stamp}_{name}"
    d, i = base, 1
    while d.exists():
        i += 1
        d = base.with_name(f"{base.name}_{i}")
    d.mkdir(parents=True)
    return d


def previous_durations(reports: Path | None = None) -> dict[str, float]:
    """Durations per run label in the latest run's manifest (empty if there is none)."""
    reports = reports or paths.REPORTS
    try:
        m = json.loads((reports / "latest" / "manifest.json").read_text(encoding="utf-8"))
        # a reused result took milliseconds; its execution's duration is what orders the next run
        return {
            r["label"]: float((r.get("cache") or {}).get("executed_duration_s") or r["duration_s"])
            for r in m.get("notebooks", [])
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def update_latest(run_dir: Path, reports: Path | None = None) -> Path:
    """Point ``reports/latest`` at ``run_dir`` (a relative symlink, replaced atomically)."""
    reports = reports or paths.REPORTS
    link = reports / "latest"
    tmp = reports / f".latest.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(run_dir, reports), tmp)
    os.replace(tmp, link)
    write_text(str(run_dir.relative_to(reports)) + "\n", reports / "LATEST")
    return link


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
) -> RunResult:
    """Validate everything, run every task, write the manifest, update ``reports/latest``.

    ``cache``: store successful executions in ``reports/cache`` and, if ``reuse``, copy the outputs
    of an earlier execution with identical inputs instead of executing again
    (:mod:`footprint.pipeline.cache`).
    """
    from footprint.pipeline import cache as _cache

    reports = reports or paths.REPORTS
    scenario = scenario or Scenario(name="default")
    # validate first, in a throw-away plan, so that a bad parameter creates no run folder
    plan(scenario, notebooks=notebooks, overrides=overrides, run_dir=reports / "runs" / "_validation")
    if cache:
        _cache.raw_digest()  # a modified raw file is reported before any run folder or kernel
    cache_dir = _cache.default_dir(reports) if cache else None
    run_dir = new_run_dir(reports, "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in scenario.name))
    tasks = plan(scenario, notebooks=notebooks, overrides=overrides, run_dir=run_dir)
    started = _dt.datetime.now(_dt.timezone.utc)
    t0 = time.perf_counter()
    results = run_tasks(tasks, jobs=jobs, engine=engine, scheduler=scheduler, progress=progress,
                        expected=previous_durations(reports), cache_dir=cache_dir, reuse=reuse)
    manifest = {
        "run": run_dir.name,
        "scenario": {"name": scenario.name, "description": scenario.description,
                     "file": os.path.relpath(scenario.source, paths.ROOT) if scenario.source else None},
        "started_utc": started.isoformat(timespec="seconds"),
        "duration_s": round(time.perf_counter() - t0, 3),
        "status": "ok" if all(r["status"] == "ok" for r in results) else "failed",
        "package": {"name": "footprint", "version": __version__},
        "git_commit": git_commit(),
        "python": platform.python_version(),
        "engine": engine,
        "jobs": jobs,
        "inputs": raw_checksums(),
        "cache": {
            "dir": os.path.relpath(cache_dir, paths.ROOT) if cache_dir and cache_dir.is_relative_to(paths.ROOT)
            else (str(cache_dir) if cache_dir else None),
            "reuse": bool(cache and reuse),
            "reused": sum(1 for r in results if (r.get("cache") or {}).get("reused")),
            "executed": sum(1 for r in results if not (r.get("cache") or {}).get("reused")),
        },
        "notebooks": results,
    }
    from footprint.pipeline.brief import finalize_run

    reports_for = scenario.reports if scenario.reports is not None else tuple(
        Path(t.notebook).stem for t in tasks if "brief" in Path(t.notebook).stem
    )
    try:
        manifest["outputs"] = finalize_run(run_dir, results, reports_for)
    except Exception as e:  # an index that cannot be written must not hide the run's results
        manifest["outputs"] = {"error": f"{type(e).__name__}: {e}"}
        manifest["status"] = "failed"
    mpath = run_dir / "manifest.json"
    with atomic_path(mpath) as tmp:
        tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    if latest:
        update_latest(run_dir, reports)
    return RunResult(run_dir, results, mpath)


def parse_override(text: str) -> tuple[str, object]:
    """``name=value`` with ``value`` a Python/YAML literal (``year=2020``, ``lang=ja``, ``draws=500``)."""
    import yaml

    if "=" not in text:
        raise ParameterError(f"expected NAME=VALUE, found {text!r}")
    k, v = text.split("=", 1)
    return k.strip(), yaml.safe_load(v)


def iter_figures(run_dir: Path) -> Iterable[dict]:
    """Every figure sidecar (``figures/*.json``) of a run, sorted by notebook then name."""
    for side in sorted(run_dir.glob("*/figures/*.json")):
        rec = json.loads(side.read_text(encoding="utf-8"))
        rec["folder"] = str(side.parent.parent.relative_to(run_dir))
        yield rec


def main_progress(done: int, total: int, r: dict) -> None:
    mark = "ok" if r["status"] == "ok" else "FAILED"
    reused = (r.get("cache") or {}).get("reused")
    how = f"reused from {r['cache']['from']}" if reused else "executed"
    msg = f"[{done}/{total}] {r['label']}: {mark} ({how}) in {r['duration_s']:.1f} s"
    if r["error"]:
        msg += f"\n    {r['error']}"
    print(msg, file=sys.stderr, flush=True)
