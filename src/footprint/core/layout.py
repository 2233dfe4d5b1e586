"""Names of the files and folders a notebook run leaves behind: one place, no string literals elsewhere.

A run folder ``reports/runs/<run>/`` holds one folder per task (notebook stem, or stem + sweep
point), the run's ``manifest.json`` and its figure index (``index.md``, ``index.html``)::

    <run>/
      manifest.json  index.md  index.html
      <label>/                      NotebookLayout(root=<run>/<label>)
        <notebook>.ipynb            the executed notebook
        kernel.log                  what the kernel wrote to stderr
        outputs.json                every figure, sidecar and table the notebook wrote
        figures/<name>.png|svg|pdf  exported figures
        figures/<name>.json         the figure's sidecar (metadata read by the index)
        tables/<name>.csv|json      tables and headline numbers
        <notebook>.html             brief only: HTML report without code
        figure_pack.zip             brief only: figures, sidecars and index

Tables are also published to ``<processed_dir>/<notebook>/`` (see :meth:`NotebookLayout.published`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FIGURES = "figures"
TABLES = "tables"
KERNEL_LOG = "kernel.log"
SIDECAR_SUFFIX = ".json"
FIGURE_PACK = "figure_pack.zip"
INDEX_MD = "index.md"
INDEX_HTML = "index.html"
MANIFEST = "manifest.json"
NOTEBOOK_PAGE_SUFFIX = ".notebook.html"  # the executed notebook's page without code (<stem>.html is the brief)
OUTPUTS = "outputs.json"  # every file a notebook wrote, declared by the notebook (the cache stores only these)


@dataclass(frozen=True)
class NotebookLayout:
    """The output folder of one notebook execution (``root``)."""

    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))

    @property
    def figures(self) -> Path:
        return self.root / FIGURES

    @property
    def tables(self) -> Path:
        return self.root / TABLES

    @property
    def kernel_log(self) -> Path:
        return self.root / KERNEL_LOG

    @property
    def outputs(self) -> Path:
        """``outputs.json``: the files the notebook declares it wrote (relative to :attr:`root`)."""
        return self.root / OUTPUTS

    @property
    def figure_pack(self) -> Path:
        return self.root / FIGURE_PACK

    @property
    def index_md(self) -> Path:
        return self.root / INDEX_MD

    @property
    def index_html(self) -> Path:
        return self.root / INDEX_HTML

    @staticmethod
    def figure_relpath(name: str, fmt: str) -> str:
        """A figure file relative to the notebook folder (as recorded in the sidecar): ``figures/<name>.<fmt>``."""
        return f"{FIGURES}/{name}.{fmt}"

    def figure(self, name: str, fmt: str) -> Path:
        return self.root / self.figure_relpath(name, fmt)

    def sidecar(self, name: str) -> Path:
        """The JSON sidecar of figure ``name``: ``figures/<name>.json``."""
        return self.figures / f"{name}{SIDECAR_SUFFIX}"

    def table(self, name: str, suffix: str = ".csv") -> Path:
        return self.tables / f"{name}{suffix}"

    def executed_notebook(self, notebook: str | Path) -> Path:
        """The executed copy of ``notebook`` (a path or a stem): ``<stem>.ipynb``."""
        return self.root / f"{Path(notebook).stem}.ipynb"

    def notebook_page(self, notebook: str | Path) -> Path:
        """The executed notebook as a page without code: ``<stem>.notebook.html`` (``<stem>.html`` is
        the reader's brief)."""
        return self.root / f"{Path(notebook).stem}{NOTEBOOK_PAGE_SUFFIX}"

    def report_html(self, notebook: str | Path) -> Path:
        """The HTML report of ``notebook`` (brief only): ``<stem>.html``."""
        return self.root / f"{Path(notebook).stem}.html"

    @staticmethod
    def published(processed_dir: Path, notebook: str) -> Path:
        """Where a notebook's tables are published: ``<processed_dir>/<notebook>/``."""
        return Path(processed_dir) / notebook

    @staticmethod
    def is_table(relpath: str) -> bool:
        """Whether a path relative to the notebook folder is a table (``tables/...``)."""
        return relpath.startswith(f"{TABLES}/")

    @staticmethod
    def table_relpath(relpath: str) -> str:
        """``tables/x.csv`` -> ``x.csv`` (the path of a table inside its published folder)."""
        return relpath.removeprefix(f"{TABLES}/")


@dataclass(frozen=True)
class RunLayout:
    """A run folder (``root``): one :class:`NotebookLayout` per task label, a manifest and an index."""

    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))

    def notebook(self, label: str) -> NotebookLayout:
        return NotebookLayout(self.root / label)

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST

    @property
    def index_md(self) -> Path:
        return self.root / INDEX_MD

    @property
    def index_html(self) -> Path:
        return self.root / INDEX_HTML

    def sidecars(self) -> Iterator[Path]:
        """Every figure sidecar of the run (``<label>/figures/*.json``), sorted by label then name."""
        return iter(sorted(self.root.glob(f"*/{FIGURES}/*{SIDECAR_SUFFIX}")))
