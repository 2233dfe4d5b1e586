"""The pairing of ``notebooks/NN_name.ipynb`` with its ``notebooks/src/NN_name.py`` (py:percent) by jupytext.

``notebooks/jupytext.toml`` pairs every notebook in ``notebooks/`` with ``src/<name>.py``: JupyterLab
(with the jupytext extension, installed with the ``lab`` extra) saves both files on every save, so
the reviewed ``.py`` and the runnable ``.ipynb`` never drift. The ``.py`` is the source of truth.

A notebook in the repository is *canonical*: the cells of its source, no outputs, no execution
counts, cell metadata reduced to ``tags`` (the ``parameters`` tag stays on the first code cell),
cell ids ``NN-iii``, notebook metadata :data:`METADATA`. Outputs never reach a commit: the git
clean filter (``.gitattributes``; configured by ``make``) stores the canonical form of whatever
JupyterLab saved, and a test fails when a committed notebook has outputs.

Commands::

    python -m footprint.pipeline.notebooks            # rebuild every .ipynb from its source
    python -m footprint.pipeline.notebooks --check    # exit 1 if a notebook differs from its source
    python -m footprint.pipeline.notebooks --clean F  # stdin -> canonical notebook on stdout (git filter)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import jupytext
import nbformat

from footprint.core import paths, write_text

FORMAT = "py:percent"
#: notebook metadata of every committed notebook
METADATA = {
    "kernelspec": {"display_name": "Python 3 (footprint)", "language": "python", "name": "footprint"},
    "language_info": {"name": "python"},
}
#: cell metadata kept in a committed notebook (and written to the .py by jupytext)
CELL_METADATA = ("tags",)
_CELL_MARKER = "# %%"


def sources(nb_dir: Path | None = None) -> list[Path]:
    """The py:percent sources, ``notebooks/src/NN_name.py``."""
    nb_dir = nb_dir or paths.NOTEBOOKS
    return sorted((nb_dir / "src").glob("[0-9][0-9]_*.py"))


def notebook_of(source: Path) -> Path:
    """The notebook paired with ``source``: ``notebooks/src/x.py`` -> ``notebooks/x.ipynb``."""
    return source.parent.parent / f"{source.stem}.ipynb"


def read_source(source: Path) -> nbformat.NotebookNode:
    """A py:percent source as a notebook (jupytext). Comment lines before the first cell are not a cell."""
    text = source.read_text(encoding="utf-8")
    start = text.find(_CELL_MARKER)
    return jupytext.reads(text[start:] if start > 0 else text, fmt=FORMAT)


def canonical(nb: nbformat.NotebookNode, stem: str) -> nbformat.NotebookNode:
    """``nb`` as committed: no outputs or execution counts, only tags, ids ``NN-iii``, :data:`METADATA`."""
    out = nbformat.v4.new_notebook()
    out.metadata = json.loads(json.dumps(METADATA))
    for i, c in enumerate(nb.cells):
        if c.cell_type == "markdown":
            cell = nbformat.v4.new_markdown_cell(c.source)
        elif c.cell_type == "code":
            cell = nbformat.v4.new_code_cell(c.source)
        else:
            cell = nbformat.v4.new_raw_cell(c.source)
        cell["id"] = f"{stem[:2]}-{i:03d}"
        for key in CELL_METADATA:
            if c.metadata.get(key):
                cell.metadata[key] = list(c.metadata[key])
        out.cells.append(cell)
    return out


def build(source: Path) -> nbformat.NotebookNode:
    """The canonical notebook of a source."""
    return canonical(read_source(source), source.stem)


def dumps(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def render(source: Path) -> str:
    """The committed text of the notebook paired with ``source``."""
    return dumps(build(source))


def clean(text: str, stem: str) -> str:
    """The canonical text of a notebook file's content (what the git clean filter stores)."""
    return dumps(canonical(nbformat.reads(text, as_version=4), stem))


def cells(nb: nbformat.NotebookNode) -> list[tuple[str, str, list]]:
    """What pairing must keep equal: each cell's type, source and tags (not outputs, ids or metadata)."""
    return [(c.cell_type, c.source, list(c.metadata.get("tags", []))) for c in nb.cells]


def differing(nb_dir: Path | None = None) -> list[str]:
    """Sources whose notebook is missing or whose cells differ from the source's."""
    bad = []
    for src in sources(nb_dir):
        nb_path = notebook_of(src)
        if not nb_path.exists() or cells(nbformat.read(nb_path, as_version=4)) != cells(read_source(src)):
            bad.append(src.stem)
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m footprint.pipeline.notebooks", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 if a notebook differs from its source")
    ap.add_argument("--clean", metavar="PATH", help="git clean filter: canonical form of stdin on stdout")
    a = ap.parse_args(argv)
    if a.clean:
        sys.stdout.write(clean(sys.stdin.read(), Path(a.clean).stem))
        return 0
    if a.check:
        bad = differing()
        for stem in bad:
            print(f"notebooks/{stem}.ipynb differs from notebooks/src/{stem}.py", file=sys.stderr)
        return 1 if bad else 0
    for src in sources():
        target = notebook_of(src)
        write_text(render(src), target)
        print(f"wrote {target.relative_to(paths.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
