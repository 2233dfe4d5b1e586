"""What a notebook needs to write its outputs: one small object per notebook run.

    out = NotebookOutputs.create("01_national_accounts", output_dir=output_dir,
                                 processed_dir=processed_dir, lang=lang, parameters={...})
    out.figure(fig, "footprint_by_land_type", title=..., caption=..., source=...)
    out.tables({"national_summary": df})

Figures go to ``<output_dir>/figures``; tables to ``<output_dir>/tables`` and, when
``processed_dir`` is not empty, to ``<processed_dir>/<notebook>/`` as well (an explicit request:
the runner passes an empty ``processed_dir`` and publishes complete baseline runs itself, see
:mod:`footprint.pipeline.publish`). Everything is written atomically, and ``outputs.json`` lists
every file written so far, so that a run (and its cache) knows what the notebook produced.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from footprint.core import paths
from footprint.core import write_tables, write_text
from footprint.core.layout import NotebookLayout
from footprint.outputs.style import setup_style
from footprint.outputs.export import Figure, FigureRecord, save_figure
from footprint.outputs.labels import check_lang


def _display_png(path: Path, alt: str) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import Image, display
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        return
    if get_ipython() is not None:
        # the alternative text travels with the output into the HTML report (screen readers)
        display(Image(filename=str(path), embed=True), metadata={"image/png": {"alt": alt}})


@dataclass(frozen=True)
class NotebookOutputs:
    notebook: str
    output_dir: Path
    processed_dir: Path | None
    lang: str
    parameters: dict = field(default_factory=dict)
    written: list = field(default_factory=list)  # files written, relative to output_dir (for outputs.json)

    @classmethod
    def create(
        cls,
        notebook: str,
        *,
        output_dir: str | os.PathLike[str] = "",
        processed_dir: str | os.PathLike[str] = "",
        lang: str = "en",
        parameters: Mapping | None = None,
    ) -> NotebookOutputs:
        check_lang(lang)
        setup_style()
        out = paths.output_dir(output_dir, notebook)
        proc = NotebookLayout.published(paths.resolve(processed_dir), notebook) if processed_dir else None
        return cls(notebook, out, proc, lang, dict(parameters or {}))

    @property
    def layout(self) -> NotebookLayout:
        return NotebookLayout(self.output_dir)

    def figure(self, fig, name: str | None = None, *, show: bool = True, **kwargs) -> FigureRecord:
        """Export ``fig`` (see :func:`footprint.outputs.export.save_figure`) and show the exported PNG.

        ``fig`` is a matplotlib figure with ``name`` and the export's keywords, or a
        :class:`~footprint.outputs.export.Figure` made by a figure function (its name, title,
        caption, source and status; keywords given here override them).

        Showing the exported file, caption and credit included, means that JupyterLab, the
        executed notebook and its HTML report display exactly what a brief will cite.
        """
        if isinstance(fig, Figure):
            kwargs = {**fig.export(), **kwargs}
            fig, name = fig.fig, name or fig.name
        if not name:
            raise TypeError("out.figure(fig, name, ...): a matplotlib figure needs a name")
        kwargs.setdefault("lang", self.lang)
        kwargs.setdefault("parameters", self.parameters)
        kwargs.setdefault("notebook", self.notebook)
        rec = save_figure(fig, self.output_dir, name, **kwargs)
        self._declare([*rec.files.values(), self.layout.sidecar(rec.name).relative_to(self.output_dir).as_posix()])
        if show and "png" in rec.files:
            _display_png(self.output_dir / rec.files["png"], alt=f"{rec.title}. {rec.caption}")
        return rec

    def tables(self, tables: Mapping[str, pd.DataFrame]) -> dict[str, Path]:
        written = write_tables(tables, self.layout.tables)
        self._declare([p.relative_to(self.output_dir).as_posix() for p in written.values()])
        if self.processed_dir is not None:
            write_tables(tables, self.processed_dir)
        return written

    def json(self, name: str, obj) -> Path:
        """Write a small JSON result (headline numbers) beside the tables."""
        text = json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"
        target = self.layout.table(name, ".json")
        write_text(text, target)
        self._declare([target.relative_to(self.output_dir).as_posix()])
        if self.processed_dir is not None:
            write_text(text, self.processed_dir / f"{name}.json")
        return target

    def _declare(self, relpaths) -> None:
        """Add files to ``outputs.json`` (rewritten atomically after every write)."""
        for rel in relpaths:
            if rel not in self.written:
                self.written.append(rel)
        text = json.dumps({"notebook": self.notebook, "files": sorted(self.written)}, indent=2, ensure_ascii=False)
        write_text(text + "\n", self.layout.outputs)
