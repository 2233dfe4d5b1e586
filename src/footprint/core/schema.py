"""Table schemas and the checks every loader shares: columns, kinds, ranges, choices, uniqueness.

Every check is vectorised and reports the first offending row as a 1-based line of the file
(header = line 1), through :class:`footprint.core.errors.DataFileError`.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from footprint.core.errors import DataFileError


def first_bad_row(mask) -> int | None:
    """Index (0-based position) of the first ``True`` in ``mask``, or ``None`` when none is."""
    m = np.asarray(mask, dtype=bool)
    if not m.any():
        return None
    return int(np.flatnonzero(m)[0])


def check_rows(df: pd.DataFrame, bad, file: str | os.PathLike[str], expected: str, column: str | None = None,
               *, hint: str | None = None, header_lines: int = 1) -> None:
    """Raise :class:`DataFileError` at the first row where ``bad`` is true.

    ``expected`` says what a good row holds; the found value is the row's ``column`` (or the row
    itself when no column is given). Rows are reported as lines of the file (``header_lines``
    lines before the first data row).
    """
    i = first_bad_row(bad)
    if i is None:
        return
    if column is not None:
        found = _show(df[column].iloc[i])
    else:
        found = ", ".join(f"{k}={_show(v)}" for k, v in df.iloc[i].items())
    raise DataFileError(file, expected, found, row=i + 1 + header_lines, hint=hint)


@dataclass(frozen=True)
class Column:
    """One expected column: its name, kind and allowed range."""

    name: str
    kind: str = "float"  # "float", "int", "str"
    min: float | None = None
    max: float | None = None
    required: bool = True
    allow_na: bool = False
    choices: tuple[str, ...] | None = None
    finite: bool = True  # numbers only: refuse inf and -inf (an empty cell is governed by allow_na)


#: longest cell value quoted in a message (an error never echoes a user's file)
SHOW_CHARS = 60


def _show(v) -> str:
    """A cell value as a person would read it in the file (long texts cut to :data:`SHOW_CHARS`)."""
    if isinstance(v, (bool, np.bool_)):
        return str(v)
    if isinstance(v, (int, float, np.integer, np.floating)):
        return f"{v:g}"
    s = " ".join(str(v).split())
    if len(s) > SHOW_CHARS:
        s = s[: SHOW_CHARS - 1] + "…"
    return repr(s)


def _stripped_texts(columns: Sequence[pd.Series]) -> list[np.ndarray]:
    """Each column as text without surrounding blanks: object arrays with ``None`` where empty.

    The same as ``s.astype("string").str.strip().astype(object).where(~s.isna(), None)`` per
    column, done in one pass over all the text columns of a table and once per distinct value
    (a column of 80,000 country names has a few hundred).
    """
    text = [s.astype("string") for s in columns]
    joined = pd.concat(text, ignore_index=True) if len(text) > 1 else text[0].reset_index(drop=True)
    codes, uniques = pd.factorize(joined)  # missing cells get code -1
    stripped = pd.Series(uniques, dtype="string").str.strip().to_numpy(dtype=object)
    values = np.append(stripped, None)[codes]
    return np.split(values, np.cumsum([len(s) for s in columns])[:-1])


def validate(df: pd.DataFrame, schema: Sequence[Column], file: str | os.PathLike[str]) -> pd.DataFrame:
    """Check columns, types, ranges and choices; return a copy with numeric columns converted.

    Vectorised: each column is checked at once and the first offending row is reported with
    its line number in the file (header = line 1).
    """
    out = df.copy()
    missing = [c.name for c in schema if c.required and c.name not in out.columns]
    if missing:
        raise DataFileError(
            file, f"columns {[c.name for c in schema if c.required]}", f"columns {list(out.columns)}; missing {missing}"
        )
    names = [c.name for c in schema if c.name in out.columns]
    text_names = [c.name for c in schema if c.kind not in ("float", "int") and c.name in out.columns]
    text = {}
    if text_names and len(set(names)) == len(names):
        text = dict(zip(text_names, _stripped_texts([out[n] for n in text_names]), strict=True))
    for col in schema:
        if col.name not in out.columns:
            continue
        s = out[col.name]
        na = s.isna().to_numpy()
        if col.kind in ("float", "int"):
            num = pd.to_numeric(s, errors="coerce")
            bad = num.isna().to_numpy() & ~na
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise DataFileError(file, f"a number in column {col.name!r}", _show(s.iloc[i]), row=i + 2)
            if col.finite:
                inf = np.isinf(num.to_numpy(dtype=float))
                if inf.any():
                    i = int(np.flatnonzero(inf)[0])
                    raise DataFileError(file, f"a finite {col.name} (a number, not inf)", _show(s.iloc[i]), row=i + 2)
            if col.kind == "int":
                frac = (num.to_numpy(dtype=float) % 1 != 0) & ~na
                if frac.any():
                    i = int(np.flatnonzero(frac)[0])
                    raise DataFileError(file, f"a whole number in column {col.name!r}", _show(s.iloc[i]), row=i + 2)
            vals = num.to_numpy(dtype=float)
            if col.min is not None:
                low = (vals < col.min) & ~na
                if low.any():
                    i = int(np.flatnonzero(low)[0])
                    raise DataFileError(file, f"{col.name} >= {col.min:g}", _show(s.iloc[i]), row=i + 2)
            if col.max is not None:
                high = (vals > col.max) & ~na
                if high.any():
                    i = int(np.flatnonzero(high)[0])
                    raise DataFileError(file, f"{col.name} <= {col.max:g}", _show(s.iloc[i]), row=i + 2)
            out[col.name] = num.astype("Int64") if (col.kind == "int" and na.any()) else (
                num.astype("int64") if col.kind == "int" else num.astype(float)
            )
        else:
            if col.name in text:
                out[col.name] = pd.Series(text[col.name], index=out.index, dtype=object)
            else:
                out[col.name] = s.astype("string").str.strip().astype(object).where(~s.isna(), None)
            if col.choices is not None:
                bad = ~s.isin(col.choices).to_numpy() & ~na
                if bad.any():
                    i = int(np.flatnonzero(bad)[0])
                    raise DataFileError(file, f"{col.name} one of {list(col.choices)}", _show(s.iloc[i]), row=i + 2)
        if not col.allow_na and na.any():
            i = int(np.flatnonzero(na)[0])
            raise DataFileError(file, f"a value in column {col.name!r}", "an empty cell", row=i + 2)
    return out


def _plain(ch: str) -> str:
    parts = unicodedata.normalize("NFD", ch)
    # a Latin letter with accents (Ō, é) loses them; kana keep their voicing marks (が stays が)
    return parts[0] if parts[0].isascii() and all(unicodedata.combining(c) for c in parts[1:]) else ch


def fold(text: str) -> str:
    """``text`` as names are compared: full-width forms folded (NFKC: ``Ｏｓａｋａ`` → ``Osaka``), accents
    of Latin letters removed (``Ōsaka`` → ``Osaka``), lower case, outer spaces stripped."""
    return "".join(_plain(c) for c in unicodedata.normalize("NFKC", str(text))).strip().lower()


def suggest(name: str, valid: Iterable[str], n: int = 5) -> list[str]:
    """Close matches of ``name`` among ``valid`` (both folded by :func:`fold`), for error messages."""
    valid = list(valid)
    folded = {fold(v): v for v in valid}
    key = fold(name)
    hits = difflib.get_close_matches(key, list(folded), n=n, cutoff=0.5)
    sub = [v for v in valid if key and key in fold(v) and v not in (folded[h] for h in hits)]
    return [folded[h] for h in hits] + sub[: max(0, n - len(hits))]


def check_unique(df: pd.DataFrame, keys: Sequence[str], file: str | os.PathLike[str]) -> None:
    """Raise at the first row that repeats an earlier row's ``keys``."""
    dup = df.duplicated(list(keys), keep="first").to_numpy()
    i = first_bad_row(dup)
    if i is not None:
        found = ", ".join(f"{k}={df[k].iloc[i]!r}" for k in keys)
        raise DataFileError(file, f"one row per {tuple(keys)}", f"a duplicate ({found})", row=i + 2)


