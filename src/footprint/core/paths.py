"""Every path the project uses, resolved from the package location (never from the current directory).

JupyterLab and nbmake run a notebook from its own folder, papermill from wherever it was called;
resolving everything here keeps notebooks independent of the working directory. Set the
environment variable ``FOOTPRINT_ROOT`` to point the package at another checkout.
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    env = os.environ.get("FOOTPRINT_ROOT")
    if env:
        return Path(env).resolve()
    # src/footprint/core/paths.py -> project root
    return Path(__file__).resolve().parents[3]


ROOT = project_root()
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
SCENARIOS = ROOT / "scenarios"
RAW_MANIFEST = RAW / "MANIFEST.csv"


def resolve(path: str | os.PathLike[str], base: Path = ROOT) -> Path:
    """Resolve a user-given path: absolute paths stay, relative ones are taken from ``base``."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else (base / p)


def output_dir(param: str | os.PathLike[str] | None, notebook: str) -> Path:
    """Where a notebook writes its figures and tables.

    An empty parameter (the interactive default) gives ``reports/interactive/<notebook>``; the
    runner passes its own run folder.
    """
    d = resolve(param) if param else REPORTS / "interactive" / notebook
    d.mkdir(parents=True, exist_ok=True)
    return d
