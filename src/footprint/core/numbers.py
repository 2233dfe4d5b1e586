"""Numbers as a reader reads them: three significant digits by one rule, large numbers in words.

:func:`sig` rounds to three significant digits (the precision of the project's estimates; published
values are kept in full in the tables) and prints thousands separators and a true minus sign.
:func:`readable` writes large numbers as a reader says them: "22.6 million" in English, "2,260万"
and "1.03億" in Japanese (万 = 10⁴, 億 = 10⁸); whole numbers below a thousand (counts, years of a
period) are printed whole.
"""

from __future__ import annotations

import math

SIGNIFICANT = 3


def sig(x: float | None, n: int = SIGNIFICANT) -> str:
    """``x`` to ``n`` significant digits, with thousands separators and a true minus sign (−)."""
    if x is None or not math.isfinite(x):
        return "–"
    r = float(f"{x:.{n}g}")  # rounded to n significant digits
    if r == 0:
        return "0"
    decimals = max(0, n - 1 - math.floor(math.log10(abs(r))))
    return f"{r:,.{decimals}f}".replace("-", "−")


def readable(x: float | None, lang: str = "en", n: int = SIGNIFICANT) -> str:
    """``x`` for a reader: whole numbers below 1,000 whole; otherwise :func:`sig`, with millions and
    billions in words (en) or 万 and 億 (ja) from 10,000 (ja) or 1,000,000 (en) up."""
    if x is None or not math.isfinite(x):
        return "–"
    a = abs(x)
    if float(x).is_integer() and a < 1000:
        return f"{int(x)}".replace("-", "−")
    if lang == "ja":
        for div, word in ((1e8, "億"), (1e4, "万")):
            if a >= div:
                return sig(x / div, n) + word
        return sig(x, n)
    for div, word in ((1e9, " billion"), (1e6, " million")):
        if a >= div:
            return sig(x / div, n) + word
    return sig(x, n)
