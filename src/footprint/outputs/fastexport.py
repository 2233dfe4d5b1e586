"""Figure export without repeated work: each text laid out once, each font subset made once.

An export of one figure in PNG, SVG and PDF used to take 0.65 s (``benchmarks/bench_export.py``),
most of it spent doing the same work again:

- every draw lays a tick label out four or five times (the tick boxes of sibling axes, the title
  position, the axis, the label itself), and the layout pass before the export and the PNG each
  measure every string again with their own Agg renderer;
- every PDF loads each font it embeds anew, decompiles its character maps (IPAexGothic: 12,000
  characters, 40 ms) and subsets it, although the same subsets recur from figure to figure (the
  Japanese names of the data sources sit in the credit line of every English figure too).

:func:`measured_once` keeps, for the length of one export, each text's layout by everything the
layout depends on (string, font, alignment, rotation, spacing, resolution) and each string's Agg
metrics by string, font and resolution; :func:`cmaps_decompiled_once` and the subset cache keep
decompiled character maps and finished subsets by font file and glyphs, for the kernel's life.
They return what matplotlib and fontTools would compute: ``tests/test_figures.py`` exports the same
figures with and without them and compares the pixels of the PNG and the bytes of the SVG and PDF.

These hooks replace private functions of matplotlib and read private attributes of fontTools, so
they are used only with the versions they were checked against (:data:`VERIFIED`, and every name
they replace present). Any other version exports the plain way, with the same files, only slower;
``FOOTPRINT_PLAIN_EXPORT=1`` does the same on purpose (the comparison test).
"""

from __future__ import annotations

import copy
import gc
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib
import matplotlib.text as mtext
from fontTools.ttLib import TTFont
from matplotlib.backends.backend_agg import RendererAgg

try:  # private modules: their absence only turns the hooks off
    from fontTools.ttLib.tables import _c_m_a_p
    from matplotlib.backends import _backend_pdf_ps
except ImportError:  # pragma: no cover - other versions
    _c_m_a_p = _backend_pdf_ps = None

#: matplotlib versions (major, minor) whose private functions the hooks were checked against
VERIFIED = {(3, 11)}


def _available() -> bool:
    """Whether the hooks can be used: a verified matplotlib, with every name they replace or read."""
    if _c_m_a_p is None or _backend_pdf_ps is None:
        return False
    version = tuple(int(p) for p in matplotlib.__version__.split(".")[:2] if p.isdigit())
    names = (hasattr(mtext.Text, "_get_layout") and hasattr(mtext, "_get_text_metrics_with_cache")
             and all(hasattr(_backend_pdf_ps, n) for n in ("get_glyphs_subset", "font_as_file", "SubsetResults"))
             and hasattr(_c_m_a_p.CmapSubtable, "ensureDecompiled"))
    return version in VERIFIED and names


def enabled() -> bool:
    """Whether exports use the hooks now (read at each export, so a test can switch them off)."""
    return _AVAILABLE and os.environ.get("FOOTPRINT_PLAIN_EXPORT", "") in ("", "0")


_AVAILABLE = _available()


# --- laid out once ---------------------------------------------------------------------------------

def _layout_key(t, renderer) -> tuple | None:
    """Everything ``Text._get_layout`` reads (None: a wrapped text, laid out by its position)."""
    if t.get_wrap():
        return None
    # Agg lays text out by its metrics alone (shared by resolution, see measured_once): the PNG
    # reuses the layouts of the layout pass; any other renderer keeps its own
    by = ("agg", renderer.dpi) if type(renderer) is RendererAgg else id(renderer)
    return (id(t), by, t.get_figure(root=True).dpi, t.get_text(), tuple(vars(t._fontproperties).items()),
            t.get_rotation(), t._rotation_mode, t._horizontalalignment, t._verticalalignment,
            t._multialignment, t._linespacing, t._usetex, t._parse_math)


@contextmanager
def measured_once() -> Iterator[None]:
    """Lay out each text once per renderer, measure each string once at a resolution, and subset
    each font once per set of glyphs, while a figure is exported. Nothing but the subsets outlives
    the export.

    The cyclic garbage collector also waits for the end of the export (always, hooks or not): an
    export allocates a few hundred thousand objects (artists' boxes and transforms, fontTools'
    tables of every embedded font), and each collection that triggers walks every object of the
    kernel, the loaded data included. The cycles an export leaves are collected after it.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        if enabled():
            with _cached_layouts(), _reused_font_subsets():
                yield
        else:
            yield
    finally:
        if collecting:
            gc.enable()


@contextmanager
def _cached_layouts() -> Iterator[None]:
    layouts: dict = {}
    metrics: dict = {}
    get_layout, get_metrics = mtext.Text._get_layout, mtext._get_text_metrics_with_cache

    def layout_once(self, renderer):
        key = _layout_key(self, renderer)
        if key is None:
            return get_layout(self, renderer)
        hit = layouts.get(key)
        if hit is None:  # the text and the renderer are kept with it: their ids stay theirs
            hit = layouts[key] = (get_layout(self, renderer), self, renderer)
        return hit[0]

    def measure_once(renderer, text, fontprop, ismath, dpi):
        if type(renderer) is not RendererAgg:
            return get_metrics(renderer, text, fontprop, ismath, dpi)
        key = (renderer.dpi, text, tuple(vars(fontprop).items()), ismath, dpi)
        hit = metrics.get(key)
        if hit is None:
            hit = metrics[key] = get_metrics(renderer, text, fontprop, ismath, dpi)
        return hit

    mtext.Text._get_layout, mtext._get_text_metrics_with_cache = layout_once, measure_once
    try:
        yield
    finally:
        mtext.Text._get_layout, mtext._get_text_metrics_with_cache = get_layout, get_metrics


# --- fonts decompiled and subset once --------------------------------------------------------------

#: decompiled cmap subtables: (font file, subtable class, platform, encoding, raw bytes) -> attributes
_CMAPS: dict = {}
#: font subsets of earlier PDFs: (font file, size, modification time, glyphs) -> (bytes, glyph index map)
_SUBSETS: dict = {}
_MAX_SUBSETS = 256


def _font_file(font) -> tuple | None:
    """The file a fontTools font was read from (path, size, modification time, face), or None."""
    reader = getattr(font, "reader", None)
    name = getattr(getattr(reader, "file", None), "name", None)
    if not isinstance(name, str):
        return None
    st = os.stat(name)
    return name, st.st_size, st.st_mtime_ns, getattr(reader, "fontNumber", None)


def cmaps_decompiled_once(font) -> None:
    """Give a freshly loaded font the cmap subtables decompiled for an earlier PDF.

    A subtable's decompiled attributes depend only on its bytes and the font's glyph names, so
    they are kept by file and bytes and copied into the new font (the subsetter replaces the maps;
    it never changes them in place): the subset is the same. Called by the subsetter's wrapper in
    :mod:`footprint.outputs.style`; does nothing when the hooks are off.
    """
    key_file = _font_file(font) if enabled() and "cmap" in font else None
    if key_file is None:
        return
    for sub in font["cmap"].tables:
        raw = vars(sub).get("data")
        if raw is None:  # decompiled already
            continue
        key = (key_file, type(sub), sub.platformID, sub.platEncID, raw)
        attrs = _CMAPS.get(key)
        if attrs is None:
            before = dict(vars(sub))
            sub.ensureDecompiled()
            attrs = _CMAPS[key] = {k: v for k, v in vars(sub).items() if k not in before or v is not before[k]}
        vars(sub).update({k: dict(v) if k == "cmap" else copy.deepcopy(v) for k, v in attrs.items()})


class _SubsetFont(TTFont):
    """A font subset made for an earlier PDF: read (lazily) from its bytes, and saved as those
    bytes by matplotlib's ``font_as_file`` (the only save a PDF export makes)."""

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data))
        self._subset_bytes = data

    def save(self, file, reorderTables=True):
        if reorderTables is False and hasattr(file, "write"):
            file.write(self._subset_bytes)
        else:
            super().save(file, reorderTables)


@contextmanager
def _reused_font_subsets() -> Iterator[None]:
    """Subset each font once per set of glyphs. A subset is made by fontTools from the font file
    and the glyphs alone, so the bytes of the first one are embedded again. Only within an export
    of PNG, SVG and PDF (matplotlib's PDF backend is then the one caller); the PostScript backend
    reads the subset's tables and is never exported here."""
    original = _backend_pdf_ps.get_glyphs_subset

    @contextmanager
    def subset_once(fontfile, glyphs):
        path = getattr(fontfile, "path", fontfile)
        st = os.stat(path)
        key = (fontfile, st.st_size, st.st_mtime_ns, frozenset(glyphs))
        hit = _SUBSETS.get(key)
        if hit is None:
            with original(fontfile, glyphs) as sub:
                hit = (_backend_pdf_ps.font_as_file(sub.font).getvalue(), dict(sub.glyph_index_map))
            if len(_SUBSETS) >= _MAX_SUBSETS:
                del _SUBSETS[next(iter(_SUBSETS))]
            _SUBSETS[key] = hit
        with _SubsetFont(hit[0]) as font:
            yield _backend_pdf_ps.SubsetResults(font, dict(hit[1]))

    _backend_pdf_ps.get_glyphs_subset = subset_once
    try:
        yield
    finally:
        _backend_pdf_ps.get_glyphs_subset = original


def clear_font_caches() -> None:
    """Forget the decompiled character maps and the subsets of earlier exports (benchmarks: every
    pass starts as a new notebook kernel does)."""
    _CMAPS.clear()
    _SUBSETS.clear()
