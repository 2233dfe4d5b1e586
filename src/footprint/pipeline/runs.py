"""Run folders: ``reports/runs/<stamp>_<name>/``, the ``reports/latest`` pointer, and what a run records
about its origin (git commit) and about the previous run (durations that order the next one)."""

from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
import subprocess
from pathlib import Path

from footprint.core import paths, write_text
from footprint.core.layout import MANIFEST

LATEST = "latest"


def git_commit(root: Path | None = None) -> str:
    """``HEAD`` of the project's repository, with ``-dirty`` if tracked files changed; ``unknown`` without git."""
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


def run_name(name: str) -> str:
    """A scenario name made safe for a folder name."""
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name)


def new_run_dir(reports: Path | None = None, name: str = "run", kind: str = "runs") -> Path:
    """A new, empty ``reports/<kind>/<UTC stamp>_<name>`` (suffixed ``_2``, ``_3``, ... if taken); ``kind``:
    ``runs`` or ``sweeps``."""
    reports = reports or paths.REPORTS
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    base = reports / kind / f"{stamp}_{name}"
    base.parent.mkdir(parents=True, exist_ok=True)
    for i in range(1, 10_000):
        d = base if i == 1 else base.with_name(f"{base.name}_{i}")
        try:
            d.mkdir()  # atomic: of two concurrent runs, exactly one claims a name
        except FileExistsError:
            continue
        return d
    raise FileExistsError(f"{base}: no free run-folder name")  # pragma: no cover


def latest_name(scenario: str, *, baseline: bool) -> str:
    """The pointer a complete run moves: ``latest`` for the baseline, ``latest-<scenario>`` otherwise."""
    return LATEST if baseline else f"{LATEST}-{run_name(scenario)}"


def pointers(reports: Path | None = None) -> dict[str, Path]:
    """``{pointer name: run folder}`` of every ``reports/latest*`` pointer."""
    reports = reports or paths.REPORTS
    return {p.name: p.resolve() for p in sorted(reports.glob(f"{LATEST}*")) if p.is_symlink()}


def prune_runs(reports: Path | None = None, keep: int = 10) -> list[Path]:
    """Remove all but the ``keep`` newest run folders; a folder a pointer names is always kept."""
    reports = reports or paths.REPORTS
    runs = sorted((p for p in (reports / "runs").glob("*") if p.is_dir() and not p.name.startswith(("_", "."))),
                  key=lambda p: p.name, reverse=True)
    pinned = set(pointers(reports).values())
    removed = [p for p in runs[keep:] if p.resolve() not in pinned]
    for p in removed:
        shutil.rmtree(p, ignore_errors=True)
    return removed


def previous_durations(reports: Path | None = None) -> dict[str, float]:
    """Durations per run label in the latest run's manifest (empty if there is none)."""
    reports = reports or paths.REPORTS
    try:
        m = json.loads((reports / LATEST / MANIFEST).read_text(encoding="utf-8"))
        # a reused result took milliseconds; its execution's duration is what orders the next run
        return {
            r["label"]: float((r.get("cache") or {}).get("executed_duration_s") or r["duration_s"])
            for r in m.get("notebooks", [])
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def folder_bytes(folder: Path) -> int:
    """Bytes of every file under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def estimate(stems: list[str], jobs: int, reports: Path | None = None) -> tuple[float | None, int | None]:
    """Seconds and bytes a run of notebooks ``stems`` (one entry per execution) will take, from the latest run:
    each notebook's duration and run-folder size there (None where the latest run has no such notebook)."""
    reports = reports or paths.REPORTS
    durations = previous_durations(reports)
    by_stem: dict[str, tuple[float, int]] = {}
    latest = reports / LATEST
    for label, seconds in durations.items():
        stem = label.split("__")[0]
        folder = latest / label
        if stem not in by_stem and folder.is_dir():
            by_stem[stem] = (seconds, folder_bytes(folder))
    if not stems or any(s not in by_stem for s in stems):
        return None, None
    seconds = sum(by_stem[s][0] for s in stems) / max(1, min(jobs, len(stems)))
    return seconds, sum(by_stem[s][1] for s in stems)


def update_latest(run_dir: Path, reports: Path | None = None, name: str = LATEST) -> Path:
    """Point ``reports/<name>`` at ``run_dir`` (a relative symlink, replaced atomically).

    ``reports/LATEST`` (a text file with the run folder's name) is written beside the baseline's
    pointer for file systems and tools that do not follow symbolic links.
    """
    reports = reports or paths.REPORTS
    link = reports / name
    tmp = reports / f".{name}.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(run_dir, reports), tmp)
    os.replace(tmp, link)
    if name == LATEST:
        write_text(str(run_dir.relative_to(reports)) + "\n", reports / LATEST.upper())
    return link
