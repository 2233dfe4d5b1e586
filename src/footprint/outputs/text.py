"""Line breaking of captions and titles, Latin and Japanese, by width and 禁則 rules.

Latin text breaks at spaces. Japanese text (JIS X 4051, 日本語組版処理の要件 JLReq §3.1.7) may
break between most characters, except that

* no line starts with closing brackets, 、。，．・：；？！, the prolonged sound mark, iteration
  marks or small kana (行頭禁則);
* no line ends with an opening bracket (行末禁則);
* a number, a Latin word or a unit such as ``2.65 gha`` is never split (分離禁止).

To keep words readable, a break inside a run of Japanese is preferred where a run of hiragana
(送り仮名 and particles such as に, を, は) ends and a new word begins; a break between a kanji
and the hiragana that follow it is taken only when a line has no better place. A closing mark
that does not fit hangs at the line end (ぶら下げ) rather than starting the next line.

Widths count a full-width character as two columns and any other as one, which matches the
fonts of the figures (IPAexGothic for Japanese, DejaVu Sans for Latin) closely enough for layout.
"""

from __future__ import annotations

import re
import unicodedata

NO_LINE_START = frozenset(
    "、。，．,.・：；:;？！?!ー―‐〜～ゝゞ々〻"
    "）］｝〕〉》」』】〙〗〟’”)]}"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ％%"
)
NO_LINE_END = frozenset("（［｛〔〈《「『【〘〖〝‘“([{")

# A token: one run of Latin letters, digits and the marks that stay with them (2.65, CO₂, t-CO2,
# 1,000, 90 %), or one other character.
_TOKEN = re.compile(r"[0-9A-Za-z₀-₉⁰-⁹'’.,/+\-−×%°_]+|\s+|.", re.S)


def char_width(ch: str) -> int:
    """Columns a character takes: 2 for full-width and wide (CJK) characters, else 1."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def _kind(tok: str) -> str:
    c = tok[0]
    if tok.isspace():
        return "space"
    if "\u3040" <= c <= "\u309f":
        return "hiragana"
    if "\u30a0" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" or c in "々〆ヶ":
        return "kanji"  # kanji and katakana: word material
    if char_width(c) == 2:
        return "wide"
    return "latin"


def _break_quality(prev: str, nxt: str) -> int:
    """How good a break between two tokens is: 0 forbidden, 1 poor, 2 good, 3 at a space."""
    if nxt.isspace() or prev.isspace():
        return 3
    if nxt[0] in NO_LINE_START or prev[-1] in NO_LINE_END:
        return 0
    kp, kn = _kind(prev), _kind(nxt)
    if kp == "latin" and kn == "latin":
        return 0  # inside a Latin word (tokens split at punctuation such as '(')
    if prev[-1] in "、。，．！？!?）」』】":
        return 2
    if kp == "hiragana" and kn != "hiragana":
        return 2
    if kp in ("kanji", "latin", "wide") and kn == "hiragana":
        return 1  # keeps 送り仮名 and particles with their word when possible
    return 1 if kp == kn else 2


def wrap_line(text: str, width: int) -> list[str]:
    """Break one paragraph into lines of at most ``width`` columns (a hanging mark may exceed it)."""
    if width < 4:
        raise ValueError(f"wrap width must be at least 4 columns, got {width}")
    tokens = _TOKEN.findall(text)
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for tok in tokens:
        w = text_width(tok)
        if not line and tok.isspace():
            continue
        if used + w <= width or not line or tok.isspace():  # a space may hang: it is dropped at a break
            line.append(tok)
            used += w
            continue
        if tok[0] in NO_LINE_START and w == 2 and char_width(tok[0]) == 2:
            line.append(tok)  # ぶら下げ: a closing mark hangs at the end of the line
            used += w
            continue
        # choose the best break inside the current line (latest among the best quality)
        seq = [*line, tok]
        cands = []
        for i in range(1, len(seq)):
            nxt = next((t for t in seq[i:] if not t.isspace()), "")
            q = _break_quality(seq[i - 1], seq[i])
            if nxt and nxt[0] in NO_LINE_START:
                q = 0
            cands.append((q, i))
        best_q = max(q for q, _ in cands)
        if best_q == 0:
            line.append(tok)  # no allowed break yet: an overlong word stays whole
            used += w
            continue
        # the best break among those that leave the line at least half full (a space early in a
        # Japanese line, e.g. inside "NFA 2025", must not beat a good break near its end)
        good = [i for q, i in cands if q == best_q]
        half = [(q, i) for q, i in cands if q >= 1 and text_width("".join(line[:i])) >= width // 2]
        if half:
            top = max(q for q, _ in half)
            cut = [i for q, i in half if q == top][-1]
        else:
            cut = good[-1]
        head, rest = line[:cut], line[cut:]
        lines.append("".join(head).rstrip())
        line = rest + [tok]
        while line and line[0].isspace():
            line = line[1:]
        used = text_width("".join(line))
    if line:
        lines.append("".join(line).rstrip())
    return lines or [""]


def wrap(text: str, width: int) -> str:
    """:func:`wrap_line` for every paragraph of ``text`` (paragraphs separated by newlines)."""
    return "\n".join(ln for para in text.split("\n") for ln in wrap_line(para, width))
