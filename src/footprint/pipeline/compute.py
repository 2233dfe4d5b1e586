"""A run's model, computed once: the topic results every notebook of the run reads.

The runner turns the run's values into the topic results the selected notebooks read
(:data:`footprint.pipeline.model.NOTEBOOK_RESULTS`), one :class:`ComputeTask` per distinct set of
values (the run's, and one per sweep point that changes a result), executed in a worker process
before the notebooks that read them (no kernel). Each result is stored once under
``<run>/results/<topic>-<digest>/`` (:class:`footprint.core.results.Result`) and each notebook is
given the folders of its results in its ``results`` parameter. A result is cached like a notebook:
its key covers its topic's parameters (files by content), the raw data, the package and the
environment, so an unchanged run reuses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from footprint.core import paths
from footprint.core.results import RESULT, Result
from footprint.pipeline import cache, model
from footprint.pipeline.parameters import notebook_defaults

RESULTS = "results"  # folder of a run's computed results
PREFIX = "results:"  # run label of a compute task


@dataclass(frozen=True)
class ComputeTask:
    """Topic results to compute in one process from one set of the run's values."""

    run_label: str
    run_dir: str
    model: dict  # the run's values (RunParameters)
    topics: tuple  # ((topic, result id), ...) computed here, in dependency order
    upstream: tuple = ()  # ((topic, result id), ...) computed by other tasks, read from their folders
    keys: dict = field(default_factory=dict)  # result id -> cache key
    cache_dir: str | None = None
    reuse: bool = True
    after: tuple = ()  # run labels of the compute tasks this one reads from

    @property
    def folder(self) -> Path:
        return Path(self.run_dir) / RESULTS


def result_key(topic: str, params: model.RunParameters, environment: str | None = None) -> str:
    """The cache key of a topic result: its parameters (files by content), raw data, package, environment."""
    tp = model.topic_parameters(topic, params)
    files = {k: _digest(v) for k, v in tp.items() if k.endswith("_file") and isinstance(v, str) and v}
    text = json.dumps({"format": cache.FORMAT, "result": "city" if topic in ("osaka", "city") else topic,
                       "parameters": {k: v for k, v in tp.items() if k not in files}, "files": files,
                       "raw": cache.raw_digest(), "code": cache.code_digest(),
                       "environment": environment or cache.environment_digest()}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _digest(value: str) -> str:
    p = paths.resolve(value)
    return cache.sha256_file(p) if p.is_file() else "missing"


def _ids(params: model.RunParameters, topics: Sequence[str]) -> dict[str, str]:
    files = {k: _digest(v) for k in model.FIELDS if k.endswith("_file") and isinstance(v := getattr(params, k), str) and v}
    return {t: model.result_id(t, params, {k: d for k, d in files.items() if k in model.TOPICS[t][0]}) for t in topics}


def attach(tasks: Sequence, run_dir: Path, *, cache_dir: Path | None, reuse: bool) -> tuple[list[ComputeTask], list]:
    """Compute tasks for the notebook tasks' results, and the notebook tasks with their ``results`` folders.

    One compute task per distinct set of the run's values (in the order the notebooks come); each
    result id is computed by exactly one of them, and a later one that needs it reads it.
    """
    run_dir = Path(run_dir)
    groups: dict[str, tuple[model.RunParameters, set[str]]] = {}
    needs: dict[int, tuple[str, dict[str, str]]] = {}
    for n, t in enumerate(tasks):
        topics = model.needed_topics([Path(t.notebook).stem])
        if not topics:
            continue
        params = model.validate(t.model)
        sig = json.dumps(params.model_dump(), sort_keys=True, default=str)
        groups.setdefault(sig, (params, set()))[1].update(topics)
        needs[n] = (sig, _ids(params, topics))
    computes: list[ComputeTask] = []
    owner: dict[str, str] = {}  # result id -> label of the compute task that makes it
    keys: dict[str, str] = {}
    by_sig: dict[str, ComputeTask] = {}
    for sig, (params, wanted) in groups.items():
        topics = [tp for tp in model.TOPICS if tp in wanted]
        ids = _ids(params, topics)
        label = f"{PREFIX}{len(computes) + 1}"
        mine = _unique(tuple((tp, i) for tp, i in ids.items() if i not in owner))
        ups = _unique(tuple((tp, i) for tp, i in ids.items() if i in owner))
        for tp, i in ids.items():
            keys.setdefault(i, result_key(tp, params))
        ct = ComputeTask(label, str(run_dir), params.model_dump(), mine, ups, {i: keys[i] for i in ids.values()},
                         str(cache_dir) if cache_dir else None, reuse, tuple(sorted({owner[i] for _, i in ups})))
        for _, i in mine:
            owner[i] = label
        computes.append(ct)
        by_sig[sig] = ct
    out = []
    for n, t in enumerate(tasks):
        if n not in needs:
            out.append(t)
            continue
        sig, ids = needs[n]
        stem = Path(t.notebook).stem
        params_nb = dict(t.parameters)
        if "results" in notebook_defaults(t.notebook):
            params_nb["results"] = {tp: _rel(run_dir / RESULTS / ids[tp]) for tp in model.NOTEBOOK_RESULTS[stem]}
        out.append(replace(t, parameters=params_nb, after=tuple(sorted({owner[i] for i in ids.values()})),
                           upstream_keys=tuple(sorted({keys[i] for i in ids.values()}))))
    return computes, out


def _unique(pairs: tuple) -> tuple:
    seen, out = set(), []
    for tp, i in pairs:
        if i not in seen:
            seen.add(i)
            out.append((tp, i))
    return tuple(out)


def _rel(p: Path) -> str:
    return os.path.relpath(p, paths.ROOT) if p.resolve().is_relative_to(paths.ROOT.resolve()) else str(p)


def run_compute(task: ComputeTask) -> dict:
    """Compute (or reuse from the cache) a task's results into the run folder; never raises."""
    t0 = time.perf_counter()
    record = {"kind": "results", "label": task.run_label, "notebook": task.run_label, "parameters": task.model,
              "status": "ok", "error": None, "results": {}}
    try:
        params = model.validate(task.model)
        loaded = {tp: Result.load(task.folder / i) for tp, i in task.upstream}
        inputs: dict = {}
        done: dict[str, Result] = {}
        for tp, i in task.topics:
            folder = task.folder / i
            key = task.keys.get(i)
            entry = cache.lookup(Path(task.cache_dir), key) if task.cache_dir and task.reuse and key else None
            if entry is not None:
                cache.restore(entry, folder)
                done[tp] = Result.load(folder)
                record["results"][i] = {"topic": tp, "reused": True, "key": key}
                continue
            r = model.compute(tp, params, {**loaded, **done}, inputs=inputs)
            r.save(folder)
            done[tp] = r
            stored = None
            if task.cache_dir and key:
                stored = cache.store(Path(task.cache_dir), key, folder,
                                     {"executed_notebook": RESULT, "marker": RESULT, "notebook": f"result:{tp}",
                                      "source": f"{Path(task.run_dir).name}/{RESULTS}/{i}", "parameters": r.parameters,
                                      "duration_s": round(time.perf_counter() - t0, 3)}, replace=not task.reuse)
            record["results"][i] = {"topic": tp, "reused": False, "key": key, "stored": stored is not None}
    except Exception as e:  # recorded, not raised: the notebooks that read it fail with this message
        record["status"], record["error"] = "failed", f"{type(e).__name__}: {e}"
    record["duration_s"] = round(time.perf_counter() - t0, 3)
    record["environment"] = cache.environment_digest()
    return record


def restore_compute(task: ComputeTask) -> dict | None:
    """Link a task's results from the cache into the run folder when every one is there (no process, no
    import of the maths); ``None`` otherwise (the task is then run)."""
    if not task.cache_dir:
        return None
    t0 = time.perf_counter()
    entries = {i: cache.lookup(Path(task.cache_dir), task.keys.get(i, "")) for _, i in task.topics}
    if any(e is None for e in entries.values()):
        return None
    try:
        for i, entry in entries.items():
            cache.restore(entry, task.folder / i)
    except OSError:
        return None
    return {"kind": "results", "label": task.run_label, "notebook": task.run_label, "parameters": task.model,
            "status": "ok", "error": None, "duration_s": round(time.perf_counter() - t0, 3),
            "results": {i: {"topic": tp, "reused": True, "key": task.keys[i]} for tp, i in task.topics}}
