"""Run folders: ``reports/runs/<stamp>_<name>/``, the ``reports/latest`` pointer, and what a run records
about its origin (git commit) and about the previous run (durations that order the next one)."""

from __future__ import annotations

import datetime as _dt
import json
import os
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


def new_run_dir(reports: Path | None = None, name: str = "run") -> Path:
    """A new, empty ``reports/runs/<UTC stamp>_<name>`` (suffixed ``_2``, ``_3``, ... if taken)."""
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
        m = json.loads((reports / LATEST / MANIFEST).read_text(encoding="utf-8"))
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
    link = reports / LATEST
    tmp = reports / f".{LATEST}.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(run_dir, reports), tmp)
    os.replace(tmp, link)
    write_text(str(run_dir.relative_to(reports)) + "\n", reports / LATEST.upper())
    return link
