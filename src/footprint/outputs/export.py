"""One export helper for every chart and map: PNG, SVG and PDF with metadata, caption and sidecar.

:func:`save_figure` writes PNG, SVG and PDF (atomically) with embedded metadata (title, caption,
source and attribution, parameters, package version, data edition), draws a caption and a
credit line under the figure, and writes a JSON sidecar that the brief index reads. Two exports
of the same figure are byte-identical: no timestamps, a fixed SVG hash salt, sorted metadata.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.text as mtext
import numpy as np
from matplotlib.transforms import Bbox, TransformedBbox

from footprint import __version__
from footprint.core import STATUSES, atomic_path
from footprint.core.layout import NotebookLayout
from footprint.outputs import fastexport
from footprint.outputs.catalog import check_lang, text
from footprint.outputs.style import JA_FONT, setup_style  # noqa: F401  (setup_style re-used by callers)
from footprint.outputs.text import wrap

FORMATS = ("png", "svg", "pdf")


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
    year: str = ""
    dpi: int = 0

    def __repr__(self) -> str:  # one line in notebook outputs, not the whole record
        exts = ", ".join(sorted(self.files))
        return f"<figure {self.name!r} ({self.status}): {exts}>"

    @property
    def citation(self) -> str:
        return text("export.citation", self.lang, title=self.title, version=self.version, name=self.name,
                    source=self.source)

    def _ipython_display_(self) -> None:
        """Nothing: the notebook already shows the exported PNG; a record is no reading for a person."""


@dataclass(frozen=True, eq=False)
class Figure:
    """A drawn figure with the text its export needs, as the figure functions return it.

    A figure function (:mod:`footprint.outputs.figures`) takes a topic's
    :class:`~footprint.core.results.Result` and a language, draws the chart and takes its title and
    caption from the catalog (:mod:`footprint.outputs.catalog`); a notebook passes it on as
    ``out.figure(spec)``, and :meth:`export` (``save_figure``'s keywords) is all it adds.
    """

    fig: object
    name: str
    title: str
    caption: str
    source: str
    status: str = "published"
    year: int | str | None = None
    data_edition: str = ""
    credit: str = ""

    def export(self) -> dict:
        """Keywords of :func:`save_figure` (without ``fig`` and ``name``)."""
        return {"title": self.title, "caption": self.caption, "source": self.source, "status": self.status,
                "year": self.year, "data_edition": self.data_edition, "credit": self.credit}


def columns(width_in: float, fontsize: float) -> int:
    """Wrap width in text columns (:func:`footprint.outputs.text.text_width`) for ``width_in`` inches
    of text at ``fontsize`` points: a Latin character of DejaVu Sans is about 0.6 em on average, a
    full-width character (two columns) 1 em."""
    return max(8, int(width_in * 72 / (fontsize * 0.6)))


def _wrap(text: str, lang: str, width_in: float, fontsize: float = 8.0) -> str:
    """Captions and credit lines broken by :func:`footprint.outputs.text.wrap` (禁則 rules for Japanese)."""
    check_lang(lang)
    return wrap(text, columns(width_in, fontsize))


def add_caption(fig, caption: str, credit: str, lang: str = "en", *, bbox=None):
    """Draw the caption and, right under it, the credit line below the figure (kept by the tight box).

    ``bbox``: the figure's tight box (inches) if already known. Returns the tight box with the
    caption and the credit line."""
    renderer = fig.canvas.get_renderer()
    bbox = fig.get_tightbbox(renderer) if bbox is None else bbox
    fw, fh = fig.get_figwidth(), fig.get_figheight()
    x0, x1 = bbox.x0 / fw, bbox.x1 / fw  # the caption starts where the drawing does (long tick labels included)
    left = min(x0, 0.01)
    w = fw * max(1.0, x1 - left)
    gap = 5 / 72 / fh  # 5 points
    drawn_bottom = bbox.y0 / fh  # tick labels may reach below the figure
    body = fig.text(left, min(-0.01, drawn_bottom - gap), _wrap(caption, lang, w, 8), ha="left", va="top", fontsize=8,
                    color="#333333")
    bottom = body.get_window_extent(renderer).transformed(fig.transFigure.inverted()).y0
    line = fig.text(left, bottom - gap, _wrap(credit, lang, w, 7), ha="left", va="top", fontsize=7, color="#666666")
    return _with_texts(bbox, fig, renderer, (body, line))


def _with_texts(bbox, fig, renderer, texts):
    """``fig.get_tightbbox(renderer)`` once ``texts`` are added to a figure whose tight box was ``bbox``.

    The figure's tight box is the union of its children's boxes, so adding texts only widens it by
    theirs: this is the same box (min and max commute with the scaling to inches), without laying
    out every axes, tick label and title again.
    """
    inv = fig.dpi_scale_trans.inverted()
    boxes = [bbox]
    for t in texts:
        if not (t.get_visible() and t.get_in_layout()):
            continue
        b = t.get_tightbbox(renderer)
        if b is not None and np.isfinite(b.width) and np.isfinite(b.height) and (b.width != 0 or b.height != 0):
            boxes.append(TransformedBbox(b, inv))
    return bbox if len(boxes) == 1 else Bbox.union(boxes)


STATUS_COLOURS = {"published": "#1b9e77", "derived": "#7570b3", "estimated": "#d95f02", "illustrative": "#757575"}


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds Japanese (kana, kanji or full-width forms)."""
    return any("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in text)


def year_text(year: int | str | None, lang: str) -> str:
    """``2024`` -> ``"2024"`` / ``"2024年"``; text such as ``"FY2024"`` or ``"2000–2024"`` as given."""
    if year is None or year == "":
        return ""
    if isinstance(year, (int, float)) and not isinstance(year, bool):
        return text("export.year", lang, year=int(year))
    return str(year)


def status_tag(status: str, year: int | str | None, lang: str) -> str:
    """The small tag drawn on every figure: its year and what its numbers are (``2022 · Estimate``)."""
    word = text(f"status_tag.{status}", lang)
    y = year_text(year, lang)
    return text("export.tag", lang, year=y, status=word) if y else word


def drawn_titles(fig) -> list:
    """Every title drawn on ``fig``: axes titles (centre, left, right) and the suptitle."""
    out = [t for ax in fig.axes for t in (ax.title, ax._left_title, ax._right_title) if t.get_text().strip()]
    if fig._suptitle is not None and fig._suptitle.get_text().strip():
        out.append(fig._suptitle)
    return out


def has_main_title(fig) -> bool:
    """Whether ``fig`` draws a title of its own: a suptitle, or the title of its only titled axes.
    Titles on several panels (small multiples) are panel headers, not the figure's title."""
    if fig._suptitle is not None and fig._suptitle.get_text().strip():
        return True
    titled = {id(t.axes) for t in drawn_titles(fig)}
    return len(titled) == 1


def _same_weight_for_japanese(fig) -> bool:
    """IPAexGothic has no bold face: bold Japanese text would show bold digits and Latin letters
    (DejaVu Sans Bold) among regular kana. Text holding Japanese is drawn in one (regular) weight.
    Returns whether any text changed."""
    changed = False
    cells = [c.get_text() for ax in fig.axes for tbl in ax.tables for c in tbl.get_celld().values()]
    for t in [*fig.findobj(mtext.Text), *cells]:
        if has_cjk(t.get_text()) and t.get_fontweight() not in ("normal", 400, "regular"):
            t.set_fontweight("normal")
            changed = True
    return changed


def _wrap_titles(fig) -> bool:
    """Titles wider than their axes (the figure, for a suptitle) are broken by the 禁則 rules.
    Returns whether any title changed."""
    changed = False
    renderer = fig.canvas.get_renderer()
    for t in drawn_titles(fig):
        ax = t.axes
        # a title may reach a little beyond its axes (over the tick labels), never beyond the figure
        width_in = fig.get_figwidth() if ax is None else min(fig.get_figwidth(), ax.get_window_extent(renderer).width
                                                            / fig.dpi * 1.15)
        text = t.get_text()
        fs = t.get_fontsize() * (1.08 if t.get_fontweight() in ("bold", 700) else 1.0)
        if t.get_window_extent(renderer).width / fig.dpi > width_in:
            t.set_text(wrap(text.replace("\n", " ") if not has_cjk(text) else text.replace("\n", ""),
                            columns(width_in, fs)))
            changed = True
    return changed


def finish_figure(fig, *, title: str, status: str, year: int | str | None, lang: str):
    """What every exported figure carries: a drawn title (``title`` when the plot drew none), titles
    wrapped to their width, Japanese in one weight, and a tag with the year and the status.
    Returns the figure's tight box (inches) with all of these."""
    renderer = fig.canvas.get_renderer()
    fw, fh = fig.get_figwidth(), fig.get_figheight()
    bbox, added = None, []
    if not has_main_title(fig):
        bbox = fig.get_tightbbox(renderer)
        added.append(fig.suptitle(wrap(title, columns(fw, 12)), x=max(bbox.x0 / fw, 0.01), y=bbox.y1 / fh + 4 / 72 / fh,
                                  ha="left", va="bottom", fontsize=12,
                                  fontweight="normal" if has_cjk(title) else "bold"))
    changed = _wrap_titles(fig)
    changed = _same_weight_for_japanese(fig) or changed
    # measured again only when a title or a weight changed (the new suptitle alone widens the box)
    bbox = fig.get_tightbbox(renderer) if bbox is None or changed else _with_texts(bbox, fig, renderer, added)
    colour = STATUS_COLOURS[status]
    tag = fig.text(bbox.x1 / fw, bbox.y1 / fh + 4 / 72 / fh, status_tag(status, year, lang),
                   ha="right", va="bottom", fontsize=8, color=colour, gid="status_tag",
                   bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": colour, "linewidth": 0.8})
    return _with_texts(bbox, fig, renderer, (tag,))


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


def _check_dpi(dpi) -> int:
    if dpi is None:
        dpi = matplotlib.rcParams["savefig.dpi"]
        dpi = dpi if isinstance(dpi, (int, float)) else matplotlib.rcParams["figure.dpi"]
    if isinstance(dpi, bool) or not isinstance(dpi, (int, float)) or not 50 <= dpi <= 1200:
        raise ValueError(f"save_figure: dpi must be a number from 50 to 1200, got {dpi!r}")
    return int(dpi)


def _caption_and_credit(caption: str, source: str, credit: str, status: str, lang: str) -> tuple[str, str]:
    """The caption with its status label (ESTIMATE, ...) and the credit line (source, credit, version)."""
    prefix = text(f"status_prefix.{status}", lang)
    full_caption = caption if caption.startswith(prefix) else prefix + caption
    more = text("export.credit_more", lang, credit=credit) if credit else ""
    credit_line = text("export.credit", lang, source=source, credit=more, version=__version__)
    return full_caption, credit_line


#: zlib level 3 instead of PIL's 6: the same pixels and metadata, encoded a third faster and 5-10 %
#: smaller (deflate's fast strategy suits the filtered rows of a chart)
_SAVE = {"png": {"pil_kwargs": {"compress_level": 3}}}


def _write(fig, layout: NotebookLayout, rec: FigureRecord, formats: Sequence[str], bbox=None) -> None:
    """Every format of ``fig`` and its JSON sidecar, each written atomically. ``bbox``: the
    figure's tight box (inches) if already known."""
    layout.figures.mkdir(parents=True, exist_ok=True)
    d = asdict(rec)
    # one layout pass for all formats: the tight box is computed once, not once per format
    bbox = (fig.get_tightbbox(fig.canvas.get_renderer()) if bbox is None else bbox).padded(0.15)
    for fmt in formats:
        with atomic_path(layout.figure(rec.name, fmt)) as tmp:
            fig.savefig(tmp, format=fmt, metadata=_metadata(fmt, d), bbox_inches=bbox, dpi=rec.dpi,
                        **_SAVE.get(fmt, {}))
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
    year: int | str | None = None,
    parameters: Mapping | None = None,
    data_edition: str = "",
    notebook: str = "",
    formats: Sequence[str] = FORMATS,
    dpi: int | None = None,
    close: bool = True,
) -> FigureRecord:
    """Export ``fig`` as PNG, SVG and PDF into ``out_dir/figures`` with metadata and a caption.

    ``status`` is the weakest status of the numbers shown. ``estimated`` and ``illustrative``
    figures get that label prefixed to their caption, so that no estimate is cited as a
    published figure. The credit line names the data source and this package's version.

    ``year`` (a year, or text such as ``"FY2024"`` or ``"2000–2024"``) and the status are drawn as a
    small tag above the figure; a figure without a drawn title gets ``title``. ``dpi``: resolution
    of the PNG (default: the style's, 150; 300 for print and the brief pack).
    """
    _check(lang, status, formats)
    dpi = _check_dpi(dpi)
    fig.set_dpi(dpi)  # text is measured at the resolution it is drawn with (see style.setup_style)
    full_caption, credit_line = _caption_and_credit(caption, source, credit, status, lang)
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
        year=year_text(year, "en"),
        dpi=dpi,
    )
    with fastexport.measured_once():
        bbox = finish_figure(fig, title=title, status=status, year=year, lang=lang)
        bbox = add_caption(fig, full_caption, credit_line, lang, bbox=bbox)
        _write(fig, layout, rec, formats, bbox)
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
