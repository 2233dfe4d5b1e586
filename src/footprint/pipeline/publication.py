"""Publishing a complete run as one transaction: a killed runner never leaves ``data/processed`` and
``reports/latest`` disagreeing, and nothing is published by a run that is not complete.

The steps, each of which a ``SIGKILL`` may interrupt (:data:`STEPS` names the points after them):

1. ``staged``  — the new tables are written beside ``data/processed`` (``.processed.<pid>.new``);
2. ``marked``  — the run's manifest says ``complete`` with ``publication: pending`` (and the runner's pid);
3. ``swapped`` — the commit: the staging folder and ``data/processed`` are exchanged in one atomic
   ``renameat2(RENAME_EXCHANGE)`` (Linux); where the file system cannot exchange, two renames, undone on
   recovery if the kill falls between them;
4. ``pointed`` — ``reports/latest`` names the run;
5. the manifest says ``publication: done``; the old tables are removed.

:func:`recover`, called under the publication lock before every run, makes the state whole again,
deterministically: the run that ``data/processed/provenance.json`` names is the published one (roll forward:
its pointer is moved and its publication marked done); a pending publication of any other run whose
process is gone never happened (roll back: its manifest says ``interrupted``); a ``running`` manifest of a
process that is gone says ``interrupted``; leftovers of dead publishers are removed.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import os
import shutil
import signal
from collections.abc import Iterator, Mapping
from pathlib import Path

from footprint.core import atomic_path, paths
from footprint.pipeline.publish import PROVENANCE, stage_publication

STEPS = ("staged", "marked", "swapped", "pointed")
#: the environment variable a fault test sets to kill the runner right after one of :data:`STEPS`
KILL_AT = "FOOTPRINT_KILL_AT"
RUNNING, COMPLETE, INTERRUPTED = "running", "complete", "interrupted"
PENDING, DONE, ABANDONED = "pending", "done", "abandoned"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def failpoint(step: str) -> None:
    """Kill this process right after ``step`` when a fault test asks for it (``FOOTPRINT_KILL_AT``)."""
    if os.environ.get(KILL_AT) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def alive(pid: object) -> bool:
    """Whether a process with this pid runs (another user's counts as running)."""
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def lock(processed: Path) -> Iterator[None]:
    """One publisher (or recovery) at a time for ``processed``."""
    processed.parent.mkdir(parents=True, exist_ok=True)
    with open(processed.parent / f".{processed.name}.lock", "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        yield


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two existing paths atomically (``renameat2(RENAME_EXCHANGE)``); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot exchange
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_in(stage: Path, processed: Path) -> Path:
    """Make ``stage`` the new ``processed`` in one step; returns where the old tables now are (to remove)."""
    old = stage.with_name(stage.name.removesuffix(".new") + ".old")
    if not processed.exists():
        os.replace(stage, processed)
        return old
    if _exchange(stage, processed):
        os.replace(stage, old)  # stage now holds the old tables
        return old
    os.replace(processed, old)  # two renames: recover() undoes a kill between them
    os.replace(stage, processed)
    return old


def published_run(processed: Path) -> str | None:
    """The run whose tables ``processed`` holds (its provenance file), or None."""
    try:
        return json.loads((processed / PROVENANCE).read_text(encoding="utf-8")).get("run")
    except (OSError, ValueError, AttributeError):
        return None


def write_manifest(path: Path, record: Mapping) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def _manifests(reports: Path) -> Iterator[tuple[Path, dict]]:
    runs = reports / "runs"
    if not runs.is_dir():
        return
    for p in sorted(runs.glob("*/manifest.json")):
        try:
            yield p, json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue


def recover(reports: Path, processed: Path, move_latest) -> list[str]:
    """Make a state a killed runner left whole (see the module's text); returns what was done, one line each.

    ``move_latest(run_dir, name)`` points ``reports/<name>`` at a run (the runner's ``update_latest``).
    Call it holding :func:`lock`.
    """
    done: list[str] = []
    parent = processed.parent
    # a kill between the two renames of a file system that cannot exchange: the old tables go back
    if not processed.exists():
        for old in sorted(parent.glob(f".{processed.name}.*.old")):
            if not alive(_pid_of(old)):
                os.replace(old, processed)
                done.append(f"restored {processed.name} from an interrupted publication")
                break
    current = published_run(processed)
    for path, m in _manifests(reports):
        pub = m.get("publication") or {}
        if m.get("status") == COMPLETE and pub.get("state") == PENDING and not alive(pub.get("pid")):
            if m.get("run") == current:  # the swap happened: finish it
                if pub.get("latest"):
                    move_latest(path.parent, pub["latest"])
                m["publication"] = {**pub, "state": DONE, "recovered": True}
                done.append(f"{m.get('run')}: publication completed")
            else:  # it never reached the swap: the run did not publish, so it is not complete
                m["publication"] = {**pub, "state": ABANDONED}
                m["status"] = INTERRUPTED
                m.pop("published", None)
                done.append(f"{m.get('run')}: interrupted before publishing")
            write_manifest(path, m)
        elif m.get("status") == RUNNING and "pid" in m and not alive(m["pid"]):
            m["status"] = INTERRUPTED
            write_manifest(path, m)
            done.append(f"{m.get('run')}: interrupted")
    for p in parent.glob(f".{processed.name}.*.*"):  # staging and old folders of dead publishers
        if p.suffix in (".new", ".old") and not alive(_pid_of(p)):
            shutil.rmtree(p, ignore_errors=True)
    return done


def _pid_of(p: Path) -> int | None:
    try:
        return int(p.name.split(".")[2])
    except (ValueError, IndexError):
        return None


def publish_run(run_dir: Path, results, provenance: Mapping, manifest: dict, manifest_path: Path, *,
                latest: str | None, move_latest, processed: Path | None = None) -> dict:
    """Publish a complete run's tables and move its pointer, as one transaction (the module's steps).

    ``manifest`` (status ``complete``) is written with ``publication: pending`` before the swap and
    ``done`` after it; ``latest``: the pointer to move (None: none). Returns the provenance record.
    """
    processed = Path(processed or paths.PROCESSED)
    reports = run_dir.parent.parent
    with lock(processed):
        recover(reports, processed, move_latest)
        stage = processed.parent / f".{processed.name}.{os.getpid()}.new"
        old = None
        try:
            record = stage_publication(run_dir, results, stage, provenance)
            failpoint("staged")
            manifest["publication"] = {"state": PENDING, "pid": os.getpid(), "latest": latest}
            manifest["published"] = {"dir": "data/processed", "files": len(record["files"])}
            write_manifest(manifest_path, manifest)
            failpoint("marked")
            old = swap_in(stage, processed)  # the commit
            failpoint("swapped")
            if latest:
                move_latest(run_dir, latest)
            failpoint("pointed")
            manifest["publication"] = {**manifest["publication"], "state": DONE}
            write_manifest(manifest_path, manifest)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
    return record
