"""Reuse of notebook executions whose inputs have not changed.

A scheduled run refreshes the figures when data change; when nothing changed, executing every
notebook again produces byte-identical files (exports are deterministic) at the cost of a
kernel, the maths and every figure export. The runner therefore keys each task by everything
that can change its outputs, and when an earlier execution with the same key succeeded it copies
that execution's outputs into the new run folder instead of starting a kernel.

The key (:func:`task_key`) is the SHA-256 of

* the notebook file's bytes;
* its effective parameters: the notebook's defaults with the task's values merged in (so that
  ``lang: en`` written out equals the default), except the output locations (``output_dir``,
  ``processed_dir``), which decide where the outputs go, not what they are, and except the paths
  of files, which are keyed by content instead:
* the content of every file a parameter names (``*_file`` parameters);
* the raw data: every file in ``data/raw/MANIFEST.csv``, verified against its checksum (a
  modified raw file raises the same error as in a notebook; it is never silently reused);
* the source of the ``footprint`` package (every file under ``src/footprint``);
* the environment: Python version and platform, and the name and version of every distribution
  the package depends on, transitively (matplotlib, fonts, pandas, ...); tools that do not touch
  results (JupyterLab, test runners, the browser driver) are not part of it.

Notebooks read nothing else (no clock, no network, no ``data/processed``), which is what makes
the key complete; a test checks that a warm run reproduces a cold run file by file.

An entry holds what the execution declared it wrote (``outputs.json``: figures, sidecars, tables)
plus the executed notebook, with ``entry.json`` listing every file's SHA-256. An execution is
stored only when every declared file is present in its run folder: outputs written anywhere else
are never cached. Reuse verifies every file first, so a damaged entry is ignored (the notebook
runs) rather than copied, and links the files into the new run folder (hard links; a copy where
the file system has none). Publishing is the runner's, from the run folder, so a reused execution
publishes exactly as an executed one.

Entries live in ``reports/cache/<key>/`` and are written atomically (a temporary folder renamed
into place). The newest :data:`MAX_ENTRIES` entries are kept.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import platform
import re
import shutil
import sys
from collections.abc import Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from footprint.core import paths
from packaging.requirements import InvalidRequirement, Requirement

from footprint.core import read_manifest, sha256_file, verify_raw
from footprint.core.layout import OUTPUTS, NotebookLayout
from footprint.pipeline.parameters import FILE_PARAMETER_SUFFIXES, notebook_defaults

FORMAT = 2
#: parameters that say where outputs go, not what they are
OUTPUT_PARAMETERS = ("output_dir", "processed_dir", "results")
MAX_ENTRIES = 64
ENTRY = "entry.json"
#: the ``footprint`` package whose source keys every cached execution and result (this module is in its
#: ``pipeline`` subpackage)
PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def default_dir(reports: Path | None = None) -> Path:
    return (reports or paths.REPORTS) / "cache"


# --------------------------------------------------------------------------------------------
# the key
# --------------------------------------------------------------------------------------------


def code_files() -> list[Path]:
    """Every file of the ``footprint`` package (all its subpackages, catalogs included), ``__pycache__``
    excluded, in a fixed order."""
    pkg = PACKAGE_ROOT
    return [p for p in sorted(pkg.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 over the package's files (:func:`code_files`: relative path and bytes)."""
    h = hashlib.sha256()
    for p in code_files():
        h.update(p.relative_to(PACKAGE_ROOT).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = "footprint") -> dict[str, str]:
    """``{name: version}`` of ``root`` and every distribution it requires at run time, transitively
    (requirements behind extras and environment markers that do not hold are left out)."""
    seen: dict[str, str] = {}
    todo = [root]
    while todo:
        name = _canonical(todo.pop())
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[name] = dist.version
        for req in dist.requires or []:
            try:
                r = Requirement(req)
            except InvalidRequirement:  # pragma: no cover - malformed metadata of a third party
                continue
            if r.marker is None or r.marker.evaluate({"extra": ""}):
                todo.append(r.name)
    return dict(sorted(seen.items()))


@lru_cache(maxsize=1)
def environment_digest() -> str:
    """SHA-256 over the interpreter and the package's run-time distributions (names and versions)."""
    dists = [f"{k}=={v}" for k, v in runtime_distributions().items()]
    text = "\n".join([sys.version, platform.platform(), platform.machine(), *dists])
    return hashlib.sha256(text.encode()).hexdigest()


def raw_digest(manifest: Path | None = None) -> dict[str, str]:
    """``{path: sha256}`` of every raw file, each verified on disk against the manifest.

    Verified once per process and state of the files (path, size, modification time), since
    every task of a run asks for it.
    """
    m = read_manifest(manifest)
    state = []
    for rel in m["path"]:
        try:
            st = (paths.RAW / rel).stat()
            state.append((rel, st.st_mtime_ns, st.st_size))
        except OSError:
            state.append((rel, -1, -1))
    return dict(_verified_raw(str(manifest or paths.RAW_MANIFEST), tuple(state)))


@lru_cache(maxsize=4)
def _verified_raw(manifest: str, state: tuple) -> tuple:
    m = read_manifest(Path(manifest))
    for rel, _, _ in state:
        verify_raw(rel, manifest=Path(manifest))
    return tuple(zip(m["path"], m["sha256"], strict=True))


def _file_digest(value: str) -> str:
    p = paths.resolve(value)
    return sha256_file(p) if p.is_file() else "missing"


def effective_parameters(notebook: str | os.PathLike[str], parameters: Mapping[str, object]) -> dict:
    """The notebook's defaults with ``parameters`` merged in, sorted by name."""
    return dict(sorted({**notebook_defaults(notebook), **parameters}.items()))


def key_inputs(notebook: str | os.PathLike[str], parameters: Mapping[str, object],
               environment: str | None = None, upstream: tuple = ()) -> dict:
    """Everything the key covers, as a JSON-able dict (kept in the entry for inspection).

    ``upstream``: the cache keys of the run's results the notebook reads (its key follows theirs)."""
    merged = effective_parameters(notebook, parameters)
    is_file = {k for k, v in merged.items() if k.endswith(FILE_PARAMETER_SUFFIXES) and isinstance(v, str) and v}
    params = {k: v for k, v in merged.items() if k not in OUTPUT_PARAMETERS and k not in is_file}
    files = {k: _file_digest(merged[k]) for k in sorted(is_file)}
    return {
        "format": FORMAT,
        "notebook": sha256_file(Path(notebook)),
        "parameters": params,
        "files": files,
        "raw": raw_digest(),
        "code": code_digest(),
        "environment": environment or environment_digest(),
        "upstream": sorted(upstream),
    }


def task_key(notebook: str | os.PathLike[str], parameters: Mapping[str, object], environment: str | None = None,
             upstream: tuple = ()) -> str:
    """The cache key of a task; ``environment``: the digest of the environment that executed it
    (a Dask worker's), default this process's; ``upstream``: the keys of the results it reads."""
    text = json.dumps(key_inputs(notebook, parameters, environment, upstream), sort_keys=True, ensure_ascii=False,
                      default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# store and reuse
# --------------------------------------------------------------------------------------------


def declared_outputs(out_dir: Path, executed: str) -> list[str] | None:
    """The files an execution declared (``outputs.json``) plus the executed notebook and the
    declaration itself, relative to ``out_dir``; ``None`` unless every one of them is there."""
    layout = NotebookLayout(out_dir)
    try:
        declared = json.loads(layout.outputs.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    rels = sorted({*map(str, declared), executed, OUTPUTS})
    page = layout.notebook_page(executed)  # written by the worker after the notebook (optional)
    if page.is_file():
        rels = sorted({*rels, page.relative_to(out_dir).as_posix()})
    if not all((out_dir / rel).is_file() and (out_dir / rel).resolve().is_relative_to(out_dir.resolve())
               for rel in rels):
        return None
    return rels


def _copy_outputs(out_dir: Path, rels: list[str], dest: Path) -> dict[str, str]:
    """Copy the files ``rels`` of a notebook folder into ``dest``; ``{relative path: sha256}``."""
    files = {}
    for rel in rels:
        dst = dest / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out_dir / rel, dst)
        files[rel] = sha256_file(dst)
    return files


def _link_or_copy(src: Path, dst: Path) -> None:
    """Hard-link ``src`` to ``dst`` (replacing it); copy where the file system cannot link."""
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(src, tmp)
    except OSError:
        shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def _move_into_place(tmp: Path, target: Path) -> None:
    """Rename the complete entry ``tmp`` to ``target``; an existing entry is moved aside first, so that
    the key never points at half an entry. If another run stored the key first, its entry stays."""
    if target.exists():
        old = target.with_name(f".{target.name}.{os.getpid()}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        shutil.rmtree(old, ignore_errors=True)
    try:
        os.replace(tmp, target)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


def store(cache_dir: Path, key: str, out_dir: Path, record: Mapping, *, replace: bool = False) -> Path | None:
    """Copy a successful execution's outputs into the cache (atomically). Returns the entry folder.

    An existing entry for ``key`` is kept unless ``replace`` (an execution forced with
    ``--no-cache`` refreshes it). Never raises for a full disk or a race with another run storing
    the same key: the cache is an optimisation, and the run's own outputs are already complete.
    """
    cache_dir = Path(cache_dir)
    target = cache_dir / key
    if (target / ENTRY).exists() and not replace:
        return target
    executed = record.get("executed_notebook")
    if not executed:
        return None
    marker = record.get("marker") or NotebookLayout(out_dir).executed_notebook(executed).name
    rels = declared_outputs(Path(out_dir), marker)
    if rels is None:
        return None  # outputs not all in the run folder (written elsewhere, or on a cluster's own disk)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cache_dir / f".{key}.{os.getpid()}.tmp"
    try:
        if tmp.exists():
            shutil.rmtree(tmp)
        files = _copy_outputs(Path(out_dir), rels, tmp)
        entry = {
            "key": key,
            "format": FORMAT,
            "created_utc": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "notebook": record.get("notebook"),
            "source": record.get("source"),
            "parameters": record.get("parameters", {}),
            "executed_duration_s": record.get("duration_s"),
            "files": files,
        }
        (tmp / ENTRY).write_text(json.dumps(entry, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n",
                                 encoding="utf-8")
        _move_into_place(tmp, target)
        prune(cache_dir)
        return target if (target / ENTRY).exists() else None
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        return None


def lookup(cache_dir: Path, key: str) -> dict | None:
    """The entry for ``key`` if every file in it is present and intact, else ``None``."""
    entry_dir = Path(cache_dir) / key
    try:
        entry = json.loads((entry_dir / ENTRY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if entry.get("format") != FORMAT or entry.get("key") != key or not entry.get("files") or not isinstance(
        entry["files"], dict
    ):
        return None
    for rel, digest in entry["files"].items():
        p = entry_dir / rel
        if not p.is_file() or sha256_file(p) != digest:
            return None
    entry["dir"] = entry_dir
    return entry


def restore(entry: Mapping, out_dir: Path) -> None:
    """Link (or copy) a verified entry's files into ``out_dir``."""
    src = Path(entry["dir"])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for rel in sorted(entry["files"]):
        dst = out_dir / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(src / rel, dst)
    os.utime(src / ENTRY)  # recently used: kept by prune()


def prune(cache_dir: Path, keep: int = MAX_ENTRIES) -> list[Path]:
    """Remove all but the ``keep`` most recently stored entries. Returns what was removed."""
    entries = [p for p in Path(cache_dir).iterdir() if p.is_dir() and (p / ENTRY).exists()]
    entries.sort(key=lambda p: (p / ENTRY).stat().st_mtime_ns, reverse=True)
    removed = entries[keep:]
    for p in removed:
        shutil.rmtree(p, ignore_errors=True)
    return removed
