"""One export helper for every chart and map: PNG, SVG and PDF with metadata, caption and sidecar.

:func:`save_figure` writes PNG, SVG and PDF (atomically) with embedded metadata (title, caption,
source and attribution, parameters, package version, data edition), draws a caption and a
credit line under the figure, and writes a JSON sidecar that the brief index reads. Two exports
of the same figure are byte-identical: no timestamps, a fixed SVG hash salt, sorted metadata.
"""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt

from footprint import __version__
from footprint.core import STATUSES, atomic_path
from footprint.core.layout import NotebookLayout
from footprint.outputs.labels import check_lang
from footprint.outputs.style import JA_FONT, setup_style  # noqa: F401  (setup_style re-used by callers)

FORMATS = ("png", "svg", "pdf")
_STATUS_PREFIX = {
    "en": {"estimated": "ESTIMATE. ", "illustrative": "ILLUSTRATIVE SCENARIO. "},
    "ja": {"estimated": "【推計値】", "illustrative": "【例示シナリオ】"},
}


@dataclass(frozen=True)
class FigureRecord:
    """What was exported: files, and the metadata that travels with them."""

    name: str
    title: str
    caption: str
    source: str
    credit: str
    status: str
    lang: str
    files: dict[str, str]
    parameters: dict = field(default_factory=dict)
    data_edition: str = ""
    version: str = __version__
    notebook: str = ""

    def __repr__(self) -> str:  # one line in notebook outputs, not the whole record
        exts = ", ".join(sorted(self.files))
        return f"<figure {self.name!r} ({self.status}): {exts}>"

    @property
    def citation(self) -> str:
        return f"{self.title}. footprint {self.version}, figure '{self.name}'. Data: {self.source}"


def _wrap(text: str, lang: str, width_in: float) -> str:
    # about 15 Latin characters or 8 CJK characters per inch at 8 pt
    width = int(width_in * (8 if lang == "ja" else 15))
    out = []
    for para in text.split("\n"):
        out.extend(textwrap.wrap(para, width=max(20, width), break_long_words=lang == "ja") or [""])
    return "\n".join(out)


def add_caption(fig, caption: str, credit: str, lang: str = "en") -> None:
    """Draw the caption and credit line under the axes (kept by ``bbox_inches='tight'``)."""
    w = fig.get_figwidth()
    body = _wrap(caption, lang, w)
    fig.text(0.01, -0.01, body, ha="left", va="top", fontsize=8, color="#333333", wrap=False)
    n = body.count("\n") + 1
    fig.text(0.01, -0.02 - 0.035 * n * (4.8 / fig.get_figheight()), _wrap(credit, lang, w), ha="left", va="top",
             fontsize=7, color="#666666")


def _metadata(fmt: str, rec: dict) -> dict:
    params = json.dumps(rec["parameters"], sort_keys=True, ensure_ascii=False, default=str)
    software = f"footprint {rec['version']} (matplotlib {matplotlib.__version__})"
    desc = f"{rec['caption']} | Source: {rec['source']} | Data edition: {rec['data_edition']} | Parameters: {params}"
    if fmt == "png":
        return {
            "Title": rec["title"],
            "Description": desc,
            "Source": rec["source"],
            "Copyright": rec["credit"],
            "Software": software,
        }
    if fmt == "svg":
        return {
            "Title": rec["title"],
            "Description": desc,
            "Source": rec["source"],
            "Rights": rec["credit"],
            "Creator": software,
            "Date": None,
        }
    return {
        "Title": rec["title"],
        "Subject": desc,
        "Keywords": f"status={rec['status']}; edition={rec['data_edition']}; parameters={params}",
        "Author": rec["credit"],
        "Creator": software,
        "Producer": software,
        "CreationDate": None,
        "ModDate": None,
    }


def _check(lang: str, status: str, formats: Sequence[str]) -> None:
    check_lang(lang)
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}, got {status!r}")
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ValueError(f"formats must be among {FORMATS}, got {bad}")


def _caption_and_credit(caption: str, source: str, credit: str, status: str, lang: str) -> tuple[str, str]:
    """The caption with its status label (ESTIMATE, ...) and the credit line (source, credit, version)."""
    prefix = _STATUS_PREFIX[lang].get(status, "")
    full_caption = caption if caption.startswith(prefix) else prefix + caption
    src_word = "出典" if lang == "ja" else "Source"
    credit_line = f"{src_word}: {source}" + (f" / {credit}" if credit else "") + f" — footprint {__version__}"
    return full_caption, credit_line


def _write(fig, layout: NotebookLayout, rec: FigureRecord, formats: Sequence[str]) -> None:
    """Every format of ``fig`` and its JSON sidecar, each written atomically."""
    layout.figures.mkdir(parents=True, exist_ok=True)
    d = asdict(rec)
    # one layout pass for all formats: the tight box is computed once, not once per format
    bbox = fig.get_tightbbox(fig.canvas.get_renderer()).padded(0.15)
    for fmt in formats:
        with atomic_path(layout.figure(rec.name, fmt)) as tmp:
            fig.savefig(tmp, format=fmt, metadata=_metadata(fmt, d), bbox_inches=bbox)
    side = dict(d, citation=rec.citation)
    with atomic_path(layout.sidecar(rec.name)) as tmp:
        tmp.write_text(json.dumps(side, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n", "utf-8")


def save_figure(
    fig,
    out_dir: str | os.PathLike[str],
    name: str,
    *,
    title: str,
    caption: str,
    source: str,
    credit: str = "",
    status: str = "published",
    lang: str = "en",
    parameters: Mapping | None = None,
    data_edition: str = "",
    notebook: str = "",
    formats: Sequence[str] = FORMATS,
    close: bool = True,
) -> FigureRecord:
    """Export ``fig`` as PNG, SVG and PDF into ``out_dir/figures`` with metadata and a caption.

    ``status`` is the weakest status of the numbers shown. ``estimated`` and ``illustrative``
    figures get that label prefixed to their caption, so that no estimate is cited as a
    published figure. The credit line names the data source and this package's version.
    """
    _check(lang, status, formats)
    full_caption, credit_line = _caption_and_credit(caption, source, credit, status, lang)
    add_caption(fig, full_caption, credit_line, lang)
    layout = NotebookLayout(Path(out_dir))
    rec = FigureRecord(
        name=name,
        title=title,
        caption=full_caption,
        source=source,
        credit=credit_line,
        status=status,
        lang=lang,
        files={fmt: layout.figure_relpath(name, fmt) for fmt in formats},
        parameters=dict(parameters or {}),
        data_edition=data_edition,
        notebook=notebook,
    )
    _write(fig, layout, rec, formats)
    if close:
        plt.close(fig)
    return rec


def table_figure(df, *, col_labels: Sequence[str] | None = None, title: str = "", figsize=None, highlight_col=None):
    """A figure that shows a small table (for briefs that need a citable image of numbers)."""
    n_rows, n_cols = df.shape
    labels = list(col_labels) if col_labels is not None else [str(c) for c in df.columns]
    header_lines = max(str(c).count("\n") + 1 for c in labels)
    figsize = figsize or (min(12, 1.6 + 1.45 * n_cols), 0.5 + 0.3 * (n_rows + header_lines))
    fig, ax = plt.subplots(figsize=figsize)
    ax.axis("off")
    ax.grid(False)
    cells = [[str(v) for v in row] for row in df.astype(object).to_numpy()]
    t = ax.table(
        cellText=cells,
        colLabels=labels,
        rowLabels=[str(i) for i in df.index],
        loc="upper center",
        cellLoc="right",
        bbox=[0.0, 0.0, 1.0, 1.0],
    )
    t.auto_set_font_size(False)
    t.set_fontsize(9)
    for (r, _c), cell in t.get_celld().items():
        cell.set_edgecolor("#bbbbbb")
        cell.set_height(header_lines if r == 0 else 1.0)
        if r == 0:
            cell.set_facecolor("#eeeeee")
            cell.set_text_props(weight="bold")
    if title:
        ax.set_title(title)
    return fig
