"""One figure style for every chart and map of the project: fonts, palette, rcParams, log ticks.

Japanese text uses IPAexGothic, shipped by the ``matplotlib-fontja`` wheel and registered
explicitly; DejaVu Sans comes first for Latin text.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg", force=False)

from matplotlib import font_manager  # noqa: E402

from footprint.core.numbers import sig  # noqa: E402

from footprint.outputs import fastexport  # noqa: E402


JA_FONT = "IPAexGothic"
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
        fastexport.cmaps_decompiled_once(font)
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




def ratio_text(ratio: float) -> str:
    """A ratio rounded to two significant figures, with thousands separators (``9,612.3`` -> ``9,600``)."""
    r = float(f"{ratio:.2g}")
    return f"{r:,.0f}" if r >= 10 else f"{r:,.1f}".rstrip("0").rstrip(".")


def log_dots(ax, values, names, colours, *, ref: int | None = None, ratio_label=None, unit: str = "") -> None:
    """Quantities of very different size as dots on a log axis (never bars: a bar's length on a log
    axis starts at an arbitrary floor and understates the gaps), drawn top to bottom.

    Each dot carries its value; with ``ref`` (the index of the reference row) the rows smaller than
    the reference also carry ``ratio_label(ratio)``, e.g. ``"1/9,600 of the footprint"``, so that
    the gap is read as a number, not as a length.
    """
    vals = np.asarray(values, dtype=float)
    y = np.arange(len(vals))[::-1]
    ax.scatter(vals, y, s=70, c=list(colours), zorder=3, edgecolors="black", linewidths=0.5)
    ax.set_xscale("log")
    for i, (yi, v) in enumerate(zip(y, vals, strict=True)):
        text = f"{sig(v)}{unit}"  # three significant digits: 22,600,000, not 22,585,391
        if ref is not None and ratio_label is not None and i != ref and v < vals[ref]:
            text += f"\n{ratio_label(ratio_text(vals[ref] / v))}"
        largest = i == int(np.argmax(vals))  # its label goes to its left: no empty decades for it on the right
        ax.annotate(text, (v, yi), xytext=(-8 if largest else 8, 0), textcoords="offset points", va="center",
                    ha="right" if largest else "left", fontsize=8.5)
    ax.set_yticks(y, list(names))
    ax.set_ylim(-0.7, len(vals) - 0.3)
    second = np.sort(vals)[-2] if len(vals) > 1 else vals.max()
    # room on the right for the label of the second largest (about two decades at this size), not more
    ax.set_xlim(vals.min() / 4, max(vals.max() * 3, second * 200))
    plain_log_ticks(ax.xaxis)
    ax.grid(axis="y", visible=True, ls=":", alpha=0.5)
    ax.grid(axis="x", visible=True, alpha=0.3)
