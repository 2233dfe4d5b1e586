"""Build the committed ``.ipynb`` notebooks from their reviewed ``py:percent`` sources.

Sources live in ``notebooks/src/NN_name.py``; cells start with ``# %%`` (code),
``# %% [markdown]`` (markdown) or ``# %% tags=["parameters"]`` (the papermill parameters cell).
``python -m footprint.pipeline.notebooks`` rewrites every ``notebooks/NN_name.ipynb`` (without outputs,
kernelspec ``python3``); a test fails when a notebook and its source drift apart.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat

from footprint.core import paths
from footprint.core import write_text

_CELL = re.compile(r"^# %%(?P<md> \[markdown\])?(?: tags=(?P<tags>\[.*\]))?\s*$")


def parse_percent(text: str) -> list[dict]:
    cells: list[dict] = []
    cur: dict | None = None
    for line in text.splitlines():
        m = _CELL.match(line)
        if m:
            cur = {"type": "markdown" if m.group("md") else "code", "tags": json.loads(m.group("tags") or "[]"),
                   "lines": []}
            cells.append(cur)
            continue
        if cur is None:
            continue  # header before the first cell (module docstring) is dropped
        cur["lines"].append(line)
    for c in cells:
        lines = c["lines"]
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        if c["type"] == "markdown":
            lines[:] = [ln[2:] if ln.startswith("# ") else ("" if ln.strip() == "#" else ln) for ln in lines]
    return cells


def build(source: Path) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for i, c in enumerate(parse_percent(source.read_text(encoding="utf-8"))):
        body = "\n".join(c["lines"])
        cell = nbformat.v4.new_markdown_cell(body) if c["type"] == "markdown" else nbformat.v4.new_code_cell(body)
        cell["id"] = f"{source.stem[:2]}-{i:03d}"
        if c["tags"]:
            cell.metadata["tags"] = c["tags"]
        nb.cells.append(cell)
    return nb


def render(source: Path) -> str:
    return nbformat.writes(build(source)) + "\n"


def sources(nb_dir: Path | None = None) -> list[Path]:
    nb_dir = nb_dir or paths.NOTEBOOKS
    return sorted((nb_dir / "src").glob("[0-9][0-9]_*.py"))


def main() -> int:
    for src in sources():
        target = paths.NOTEBOOKS / f"{src.stem}.ipynb"
        write_text(render(src), target)
        print(f"wrote {target.relative_to(paths.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
