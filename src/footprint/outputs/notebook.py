"""What a notebook needs to write its outputs: one small object per notebook run.

    out = NotebookOutputs.create("01_national_accounts", output_dir=output_dir,
                                 processed_dir=processed_dir, lang=lang, parameters={...})
    out.figure(fig, "footprint_by_land_type", title=..., caption=..., source=...)
    out.tables({"national_summary": df})

Figures go to ``<output_dir>/figures``; tables to ``<output_dir>/tables`` and, when
``processed_dir`` is not empty, to ``<processed_dir>/<notebook>/`` as well (``data/processed``
by default). Everything is written atomically. The object holds paths and parameters only.
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
from footprint.outputs.export import FigureRecord, save_figure
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

    @classmethod
    def create(
        cls,
        notebook: str,
        *,
        output_dir: str | os.PathLike[str] = "",
        processed_dir: str | os.PathLike[str] = "data/processed",
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

    def figure(self, fig, name: str, *, show: bool = True, **kwargs) -> FigureRecord:
        """Export ``fig`` (see :func:`footprint.outputs.export.save_figure`) and show the exported PNG.

        Showing the exported file, caption and credit included, means that JupyterLab, the
        executed notebook and its HTML report display exactly what a brief will cite.
        """
        kwargs.setdefault("lang", self.lang)
        kwargs.setdefault("parameters", self.parameters)
        kwargs.setdefault("notebook", self.notebook)
        rec = save_figure(fig, self.output_dir, name, **kwargs)
        if show and "png" in rec.files:
            _display_png(self.output_dir / rec.files["png"], alt=f"{rec.title}. {rec.caption}")
        return rec

    def tables(self, tables: Mapping[str, pd.DataFrame]) -> dict[str, Path]:
        written = write_tables(tables, self.layout.tables)
        if self.processed_dir is not None:
            write_tables(tables, self.processed_dir)
        return written

    def json(self, name: str, obj) -> Path:
        """Write a small JSON result (headline numbers) beside the tables."""
        text = json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"
        target = self.layout.table(name, ".json")
        write_text(text, target)
        if self.processed_dir is not None:
            write_text(text, self.processed_dir / f"{name}.json")
        return target
