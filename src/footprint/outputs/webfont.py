"""The Japanese font of the figures, embedded in an HTML page: only the glyphs the page uses.

A page that names its fonts shows boxes for every Japanese character on a machine without a CJK
font. :func:`font_face_css` subsets IPAexGothic (the font the figures use, shipped by the
``matplotlib-fontja`` wheel) to the page's Japanese characters and returns an ``@font-face`` rule
with the subset as a WOFF data URI (zlib: no extra library). The same text gives the same bytes
(no timestamps).

The page lists :data:`FAMILY` *first*: the subset holds Japanese characters only, so Latin text
falls through to the next family. Listed after a Latin font, Chromium drew some Japanese runs
with the Latin font's empty boxes even though the embedded font had their glyphs.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache

from fontTools import subset
from fontTools.ttLib import TTFont

from footprint.outputs.style import japanese_font_path

#: the family name pages use for the embedded subset
FAMILY = "IPAexGothic Embedded"


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """Code points IPAexGothic has a glyph for."""
    with TTFont(japanese_font_path(), lazy=True) as font:
        return frozenset(font.getBestCmap())


#: Japanese and full-width blocks: the characters the embedded font draws (Latin text, dashes and
#: signs keep the page's Latin font: IPAexGothic's are full-width)
CJK_BLOCKS = ((0x2E80, 0x2FDF), (0x3000, 0x30FF), (0x3190, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
              (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))


def _is_cjk(c: str) -> bool:
    o = ord(c)
    return any(lo <= o <= hi for lo, hi in CJK_BLOCKS)


def page_characters(text: str) -> str:
    """The characters of ``text`` the embedded font is for: Japanese ones that IPAexGothic covers."""
    covered = _covered()
    return "".join(sorted({c for c in set(text) if _is_cjk(c) and ord(c) in covered}))


@lru_cache(maxsize=8)
def _subset(chars: str) -> bytes:
    options = subset.Options()
    options.flavor = "woff"
    # horizontal Japanese needs no shaping; IPAexGothic's substitution tables, subset, left Chromium
    # drawing whole words as boxes (glyphs of a substitution dropped from the subset)
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "kern"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(japanese_font_path(), recalcTimestamp=False)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    # only the Unicode maps a browser reads for plain text (no variation sequences, no legacy maps)
    font["cmap"].tables = [t for t in font["cmap"].tables if (t.platformID, t.platEncID) in ((3, 1), (3, 10))]
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf, reorderTables=True)
    return buf.getvalue()


def font_face_css(text: str) -> str:
    """An ``@font-face`` rule for :data:`FAMILY` holding the glyphs ``text`` needs ("" when none)."""
    chars = page_characters(text)
    if not chars:
        return ""
    data = base64.b64encode(_subset(chars)).decode("ascii")
    return f"@font-face{{font-family:'{FAMILY}';src:url(data:font/woff;base64,{data}) format('woff');}}"
