"""One figure style and one export helper for every chart and map of the project.

:func:`save_figure` writes PNG, SVG and PDF (atomically) with embedded metadata (title, caption,
source and attribution, parameters, package version, data edition), draws a caption and a
credit line under the figure, and writes a JSON sidecar that the brief index reads. Two exports
of the same figure are byte-identical: no timestamps, a fixed SVG hash salt, sorted metadata.

Japanese text uses IPAexGothic, shipped by the ``matplotlib-fontja`` wheel and registered
explicitly; DejaVu Sans comes first for Latin text.
"""

from __future__ import annotations

import json
import logging
import os
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg", force=False)

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from footprint import __version__  # noqa: E402
from footprint.data import atomic_path  # noqa: E402
from footprint.labels import check_lang  # noqa: E402

FORMATS = ("png", "svg", "pdf")
JA_FONT = "IPAexGothic"
STATUSES = ("published", "derived", "estimated", "illustrative")
_STATUS_PREFIX = {
    "en": {"estimated": "ESTIMATE. ", "illustrative": "ILLUSTRATIVE SCENARIO. "},
    "ja": {"estimated": "【推計値】", "illustrative": "【例示シナリオ】"},
}
PALETTE = {
    "cropland": "#e6a532",
    "grazing_land": "#a6c36f",
    "forest_products": "#2e7d32",
    "fishing_grounds": "#3f8fc5",
    "built_up_land": "#8d6e63",
    "carbon": "#455a64",
    "biocapacity": "#1b9e77",
    "footprint": "#d95f02",
    "highlight": "#c62828",
    "muted": "#9e9e9e",
}


def japanese_font_path() -> Path:
    """Path of IPAexGothic as shipped by the ``matplotlib-fontja`` wheel."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("matplotlib-fontja is not installed: `pip install matplotlib-fontja`")
    p = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "ipaexg.ttf"
    if not p.exists():
        raise FileNotFoundError(f"{p}: IPAexGothic not found in the matplotlib-fontja wheel")
    return p


def setup_style() -> None:
    """Register the Japanese font and set the project's rcParams (idempotent)."""
    path = japanese_font_path()
    if JA_FONT not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update(
        {
            "font.family": ["DejaVu Sans", JA_FONT],
            "font.sans-serif": ["DejaVu Sans", JA_FONT],
            "axes.unicode_minus": False,
            "pdf.fonttype": 42,
            "ps.fonttype": 42,
            "svg.fonttype": "path",
            "svg.hashsalt": "footprint",
            # one resolution for layout and export: text measured at one dpi and drawn at another
            # comes out wider and would be clipped by the tight bounding box
            "figure.dpi": 150,
            "savefig.dpi": 150,
            "figure.figsize": (8.0, 4.8),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.titlesize": 12,
            "axes.titleweight": "bold",
            "legend.frameon": False,
            "path.simplify": True,
        }
    )
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    _lighter_font_subsets()
    _quiet_bold_fallback()


class _BoldFallbackFilter(logging.Filter):
    """IPAexGothic has no bold face; matplotlib then uses the regular one and says so for every
    bold Japanese title. Drop that one expected message (it cluttered notebook outputs and the
    brief's HTML report); every other font warning still shows."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        return not (msg.startswith("findfont: Failed to find font weight") and JA_FONT in msg)


def _quiet_bold_fallback() -> None:
    log = logging.getLogger("matplotlib.font_manager")
    if not any(isinstance(f, _BoldFallbackFilter) for f in log.filters):
        log.addFilter(_BoldFallbackFilter())


_LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "kern")


def _lighter_font_subsets() -> None:
    """Leave OpenType layout tables out of the fonts that PDFs embed.

    A PDF places glyphs by position and never shapes text, so layout tables are dead weight in
    an embedded subset. fontTools nevertheless decompiles them before pruning (to normalise
    their formats), which took 40 % of the font-subsetting time of every PDF export here
    (IPAexGothic carries large layout tables). The wrapper removes them from the freshly loaded
    font before subsetting; matplotlib's PDF and PS backends are fontTools' only callers in a
    notebook kernel. Idempotent.
    """
    from fontTools import subset

    if getattr(subset.Subsetter.subset, "_footprint_wrapped", False):
        return
    original = subset.Subsetter.subset

    def subset_without_layout(self, font):
        for tag in _LAYOUT_TABLES:
            if tag in font:
                del font[tag]
        return original(self, font)

    subset_without_layout._footprint_wrapped = True
    subset.Subsetter.subset = subset_without_layout


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value: float, _pos=None) -> str:
    """``1000`` -> ``10³`` as plain text (empty for values that are not whole powers of ten)."""
    if value <= 0:
        return ""
    exp = np.log10(value)
    if abs(exp - round(exp)) > 1e-9:
        return ""
    return "10" + str(int(round(exp))).translate(_SUPERSCRIPT)


def plain_log_ticks(axis) -> None:
    """Label a log axis with powers of ten as plain text (superscript digits), minor ticks unlabelled.

    matplotlib's default log labels are math text, laid out again for every export format: on a
    log axis they were the largest single cost of a chart's export. The labels look the same.
    """
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    axis.set_major_locator(LogLocator(base=10))
    axis.set_major_formatter(FuncFormatter(power_of_ten))
    axis.set_minor_formatter(NullFormatter())


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
    check_lang(lang)
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}, got {status!r}")
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ValueError(f"formats must be among {FORMATS}, got {bad}")
    prefix = _STATUS_PREFIX[lang].get(status, "")
    full_caption = caption if caption.startswith(prefix) else prefix + caption
    src_word = "出典" if lang == "ja" else "Source"
    credit_line = f"{src_word}: {source}" + (f" / {credit}" if credit else "") + f" — footprint {__version__}"
    add_caption(fig, full_caption, credit_line, lang)

    fig_dir = Path(out_dir) / "figures"
    fig_dir.mkdir(parents=True, exist_ok=True)
    files = {fmt: f"figures/{name}.{fmt}" for fmt in formats}
    rec = FigureRecord(
        name=name,
        title=title,
        caption=full_caption,
        source=source,
        credit=credit_line,
        status=status,
        lang=lang,
        files=files,
        parameters=dict(parameters or {}),
        data_edition=data_edition,
        notebook=notebook,
    )
    d = asdict(rec)
    # one layout pass for all formats: the tight box is computed once, not once per format
    bbox = fig.get_tightbbox(fig.canvas.get_renderer()).padded(0.15)
    for fmt in formats:
        with atomic_path(fig_dir / f"{name}.{fmt}") as tmp:
            fig.savefig(tmp, format=fmt, metadata=_metadata(fmt, d), bbox_inches=bbox)
    side = dict(d, citation=rec.citation)
    with atomic_path(fig_dir / f"{name}.json") as tmp:
        tmp.write_text(json.dumps(side, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n", "utf-8")
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
