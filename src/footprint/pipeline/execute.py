"""Executing tasks: one notebook with one set of parameters, in processes or on a Dask cluster.

:func:`run_one` executes a task and never raises: it returns a result record (status, duration,
error). The same function serves a local process pool and a Dask cluster. Papermill changes the
working directory process-wide, so parallel runs use processes, never threads.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path

import papermill

from footprint.core import paths
from footprint.core.errors import ParameterError
from footprint.core.layout import NotebookLayout
from footprint.pipeline import cache
from footprint.pipeline.brief import export_html, notebook_html
from footprint.pipeline.compute import ComputeTask, restore_compute, run_compute
from footprint.pipeline.parameters import notebook_defaults

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Task:
    notebook: str  # absolute path of the source notebook
    run_label: str  # sub-folder of the run folder (notebook stem, or stem + sweep point)
    parameters: dict
    run_dir: str
    model: dict = field(default_factory=dict)  # the run's values its results are computed from
    after: tuple = ()  # run labels of the compute tasks whose results it reads
    upstream_keys: tuple = ()  # cache keys of those results (the notebook's key follows them)

    @property
    def out_dir(self) -> Path:
        return Path(self.run_dir) / self.run_label

    @property
    def layout(self) -> NotebookLayout:
        return NotebookLayout(self.out_dir)

    @property
    def output_notebook(self) -> Path:
        return self.layout.executed_notebook(self.notebook)


def make_task(notebook: Path, parameters: Mapping, run_dir: Path, label: str | None = None,
              model: Mapping | None = None) -> Task:
    label = label or notebook.stem
    params = dict(parameters)
    defaults = notebook_defaults(notebook)
    if "output_dir" in defaults and "output_dir" not in params:
        out = Path(run_dir) / label
        # relative to the project root where possible: manifests carry no user or host paths
        params["output_dir"] = os.path.relpath(out, paths.ROOT) if out.is_relative_to(paths.ROOT) else str(out)
    return Task(str(notebook), label, params, str(run_dir), dict(model or {}))


def _upstream_failed(task, failed: Sequence[Mapping]) -> dict:
    """The record of a task not run because the results it reads could not be computed."""
    why = "; ".join(f"{u['label']}: {u['error']}" for u in failed)
    if isinstance(task, ComputeTask):
        return {"kind": "results", "label": task.run_label, "notebook": task.run_label, "parameters": task.model,
                "status": "failed", "error": f"upstream results failed ({why})", "results": {}, "duration_s": 0.0}
    return _record(task, "failed", f"the run's results it reads could not be computed ({why})", 0.0, kernel_log=False)


def _record(task: Task, status: str, error: str | None, duration_s: float, kernel_log: bool) -> dict:
    return {
        "notebook": Path(task.notebook).stem,
        "label": task.run_label,
        "parameters": task.parameters,
        "status": status,
        "error": error,
        "duration_s": round(duration_s, 3),
        "executed_notebook": str(task.output_notebook.relative_to(task.run_dir)),
        "kernel_log": str(task.layout.kernel_log.relative_to(task.run_dir)) if kernel_log else None,
    }


def run_one(task: Task | ComputeTask | Mapping, *upstream: Mapping) -> dict:
    """Execute one task (a notebook with papermill, or a run's results); never raises. Returns a record.

    ``upstream``: the records of the tasks it waits for (on Dask); a failed one fails this task.
    """
    if isinstance(task, Mapping):
        task = ComputeTask(**task) if "topics" in task else Task(**task)
    failed = [u for u in upstream if u.get("status") != "ok"]
    if failed:
        return _upstream_failed(task, failed)
    if isinstance(task, ComputeTask):
        return run_compute(task)
    global _KERNELS_DRIVEN
    _KERNELS_DRIVEN = True
    task.out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    status, error = "ok", None
    try:
        with _kernel_log(task.layout.kernel_log):
            _execute(task)
    except papermill.PapermillExecutionError as e:
        status, error = "failed", f"{e.ename}: {e.evalue}"
    except Exception as e:  # kernel died, notebook unreadable, ...: recorded, not raised
        status, error = "failed", f"{type(e).__name__}: {e}"
    if status == "ok":
        _notebook_page(task)
    r = _record(task, status, error, time.perf_counter() - t0, kernel_log=True)
    r["environment"] = cache.environment_digest()  # the cache key is that of the executing environment
    return r


def _notebook_page(task: Task) -> None:
    """The executed notebook's page without code (``<stem>.notebook.html``), written by the worker that
    ran it while the other workers still run theirs, instead of one after another at the end of the
    run. Best effort: if it fails here, :func:`footprint.pipeline.brief.finalize_run` writes it (and
    says why if it fails again)."""
    try:
        export_html(task.output_notebook, notebook_html(task.out_dir, Path(task.notebook).stem))
    except Exception:  # noqa: BLE001 - the run's end tries again and reports the error there
        notebook_html(task.out_dir, Path(task.notebook).stem).unlink(missing_ok=True)


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


def _execute(task: Task) -> None:
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
    ctx.set_forkserver_preload([__name__, "papermill"])
    return ctx


_KERNELS_DRIVEN = False  # set once run_one has executed a notebook in this process


def _kernel_clients_here() -> bool:
    """Whether this process has driven a kernel or holds a ZeroMQ context (not fork-safe)."""
    zmq = sys.modules.get("zmq")
    shared = getattr(getattr(zmq, "Context", None), "_instance", None) if zmq else None
    return _KERNELS_DRIVEN or shared is not None


def _reuse(task: Task, entry: Mapping, key: str) -> dict | None:
    """Copy a cached execution into the task's folder; its result record, or ``None`` if it vanished."""
    t0 = time.perf_counter()
    try:
        cache.restore(entry, task.out_dir)
    except OSError:  # the entry vanished or the disk is full: execute instead
        return None
    r = _record(task, "ok", None, time.perf_counter() - t0, kernel_log=False)
    r["cache"] = {"reused": True, "key": key, "from": entry.get("source"),
                  "executed_duration_s": entry.get("executed_duration_s")}
    return r


def sees_file(path: str, token: str) -> bool:
    """Run on a worker: whether ``path`` exists there and holds ``token`` (a shared file system)."""
    try:
        return Path(path).read_text(encoding="utf-8") == token
    except OSError:
        return False


def check_shared_files(client, run_dir: Path) -> None:
    """Refuse a cluster whose workers cannot see the run folder: their outputs would never come back.

    A token file is written into the run folder; every worker must read it back.
    """
    probe = Path(run_dir) / f".shared-{os.getpid()}"
    token = os.urandom(8).hex()
    probe.write_text(token, encoding="utf-8")
    try:
        seen = client.run(sees_file, str(probe), token)
    finally:
        probe.unlink(missing_ok=True)
    blind = sorted(w for w, ok in seen.items() if not ok)
    if not seen or blind:
        raise ParameterError(
            f"--scheduler: expected workers that share this project's file system (they write the run folder), "
            f"found {len(blind)} of {len(seen)} workers that cannot read {probe.parent.name}/ "
            "(mount the project at the same path on the workers, or run without --scheduler)"
        )


def _deps(tasks: Sequence, pending: list[int]) -> dict[int, set[int]]:
    """For each pending task, the pending tasks it waits for (by run label)."""
    index = {tasks[i].run_label: i for i in pending}
    return {i: {index[a] for a in getattr(tasks[i], "after", ()) if a in index} for i in pending}


def _run_dask(tasks: Sequence, pending: list[int], jobs: int, scheduler: str | None, report,
              expected: Mapping[str, float] | None = None) -> None:
    from distributed import Client, as_completed as dask_completed  # optional dependency (extra "dask")

    client = Client(scheduler) if scheduler else Client(processes=True, n_workers=jobs, threads_per_worker=1)
    try:
        if tasks:
            check_shared_files(client, Path(tasks[pending[0]].run_dir) if pending else Path(tasks[0].run_dir))
        # longest first, as on the local pool; each task in its own worker process (papermill
        # changes the working directory process-wide): one task at a time per worker via the
        # "kernel" resource when the cluster declares it; a task waits for the results it reads
        deps = _deps(tasks, pending)
        order = _topological(sorted(pending, key=lambda i: -(expected or {}).get(tasks[i].run_label, 0.0)), deps)
        workers = client.scheduler_info().get("workers", {}).values()
        resources = {"kernel": 1} if any((w.get("resources") or {}).get("kernel") for w in workers) else None
        futs: dict[int, object] = {}
        for i in order:
            futs[i] = client.submit(run_one, asdict(tasks[i]), *[futs[d] for d in sorted(deps[i])], pure=False,
                                    resources=resources)
        index = {f.key: i for i, f in futs.items()}
        for f in dask_completed(list(futs.values())):
            report(index[f.key], f.result())
    finally:
        client.close()


def _topological(order: list[int], deps: Mapping[int, set[int]]) -> list[int]:
    """``order`` rearranged so that every task comes after the tasks it waits for (stable otherwise)."""
    out, placed = [], set()
    todo = list(order)
    while todo:
        for i in todo:
            if deps[i] <= placed:
                out.append(i)
                placed.add(i)
                todo.remove(i)
                break
        else:  # pragma: no cover - the planner makes no cycles
            raise ParameterError(f"tasks wait for each other in a circle: {[order[i] for i in todo]}")
    return out


def _run_local(tasks: Sequence, pending: list[int], jobs: int, expected: Mapping[str, float], report) -> None:
    deps = _deps(tasks, pending)
    order = _topological(sorted(pending, key=lambda i: -expected.get(tasks[i].run_label, 0.0)), deps)
    records: dict[int, dict] = {}

    def ready_record(i: int) -> dict | None:
        failed = [records[d] for d in deps[i] if records[d]["status"] != "ok"]
        return _upstream_failed(tasks[i], failed) if failed else None

    if jobs <= 1 or len(pending) <= 1:
        for i in order:
            records[i] = ready_record(i) or run_one(tasks[i])
            report(i, records[i])
        return
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(pending)), mp_context=_process_context(),
                               initializer=worker_ignores_ctrl_c)
    try:
        _drive(pool, tasks, order, deps, records, ready_record, jobs, report)
    except BaseException:  # Ctrl-C or a fault here: no worker (nor the kernel it drives) outlives the run
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def worker_ignores_ctrl_c() -> None:
    """A worker leaves Ctrl-C to the runner, which stops it (and its kernel) and says so in one line:
    a worker of its own would print a traceback for every task it was running."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop every worker now (a kernel exits when the worker that started it is gone) and drop queued tasks."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        if proc.is_alive():
            proc.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _drive(pool, tasks, order, deps, records, ready_record, jobs, report) -> None:
    """Submit tasks as their upstream results come, at most ``jobs`` at a time, until every one is recorded."""
    running: dict = {}
    waiting = list(order)
    while waiting or running:
        for i in list(waiting):  # in order: the longest first among those whose results are there
            if not deps[i] <= set(records):
                continue
            early = ready_record(i)
            if early is not None:
                waiting.remove(i)
                records[i] = early
                report(i, early)
                continue
            if len(running) >= jobs:
                break
            waiting.remove(i)
            running[pool.submit(run_one, tasks[i])] = i
        if running:
            done, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for f in done:
                i = running.pop(f)
                records[i] = f.result()
                report(i, records[i])


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
    if engine not in ENGINES:
        raise ParameterError(f"engine must be 'local' or 'dask', got {engine!r}")
    n = len(tasks)
    results: list[dict | None] = [None] * n
    done = 0
    notebooks = {i for i, t in enumerate(tasks) if isinstance(t, Task)}
    keys = {i: cache.task_key(tasks[i].notebook, tasks[i].parameters, upstream=tasks[i].upstream_keys)
            for i in notebooks} if cache_dir else {}

    def report(i: int, r: dict) -> None:
        nonlocal done
        if cache_dir and "cache" not in r and i in notebooks and r.get("kind") != "results":
            stored = None
            if r.get("environment") not in (None, cache.environment_digest()):
                keys[i] = cache.task_key(tasks[i].notebook, tasks[i].parameters, environment=r["environment"],
                                         upstream=tasks[i].upstream_keys)
            if r["status"] == "ok":
                source = f"{Path(tasks[i].run_dir).name}/{tasks[i].run_label}"
                stored = cache.store(cache_dir, keys[i], tasks[i].out_dir, dict(r, source=source), replace=not reuse)
            r = dict(r, cache={"reused": False, "key": keys[i], "stored": stored is not None})
        results[i] = r
        done += 1
        if progress:
            progress(done, n, r)

    pending = []
    for i in sorted(notebooks):
        entry = cache.lookup(cache_dir, keys[i]) if cache_dir and reuse else None
        reused = _reuse(tasks[i], entry, keys[i]) if entry is not None else None
        if reused is None:
            pending.append(i)
        else:
            report(i, reused)
    # the run's results: restored from the cache when every one is there, else computed before the notebooks
    # that read them (a result no executed notebook reads is still restored, so the run folder holds them all)
    for i in sorted(set(range(n)) - notebooks):
        restored = restore_compute(tasks[i]) if cache_dir and reuse else None
        if restored is None:
            pending.append(i)
        else:
            report(i, restored)
    pending.sort()
    if pending and engine == "dask":
        _run_dask(tasks, pending, jobs, scheduler, report, expected)
    elif pending:
        _run_local(tasks, pending, jobs, expected or {}, report)
    return [r for r in results if r is not None]
