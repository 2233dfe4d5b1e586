"""Statuses of numbers, in one order: published < derived < estimated < illustrative.

``published``    read from a publication and checked against it;
``derived``      computed from published numbers by a documented formula;
``estimated``    a model estimate, a nowcast, an unverified transcription or mapping;
``illustrative`` a placeholder where no published figure exists.

A figure, a table row or an aggregate is only as strong as the weakest number in it.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

STATUSES = ("published", "derived", "estimated", "illustrative")
_RANK = {s: i for i, s in enumerate(STATUSES)}


def weakest_status(statuses: Iterable[str], empty: str = "published") -> str:
    """The weakest of several statuses.

    Missing values are skipped; an unknown status is an error (a typo must not pass as
    "published"). ``empty`` is returned when there is no status at all.
    """
    seen = [s for s in statuses if isinstance(s, str)]
    unknown = sorted(set(seen) - set(STATUSES))
    if unknown:
        raise ValueError(f"unknown status {unknown}; expected among {list(STATUSES)}")
    return max(seen, key=_RANK.__getitem__) if seen else empty


def weakest_status_rows(*columns: pd.Series | Iterable[str], empty: str = "published") -> np.ndarray:
    """Row-wise :func:`weakest_status` of several aligned status columns (vectorised).

    Each argument is one status per row; the result holds, per row, the weakest status among
    the arguments (missing values skipped, ``empty`` where a row has none).
    """
    cols = [pd.Series(np.asarray(c, dtype=object)) for c in columns]
    if not cols:
        return np.array([], dtype=object)
    n = len(cols[0])
    if any(len(c) != n for c in cols):
        raise ValueError("weakest_status_rows: the status columns differ in length")
    ranks = []
    for c in cols:
        r = c.map(_RANK)
        bad = c.notna() & r.isna()
        if bad.any():
            raise ValueError(f"unknown status {sorted(set(c[bad]))}; expected among {list(STATUSES)}")
        ranks.append(r.to_numpy(dtype=float))
    worst = np.nanmax(np.vstack(ranks), axis=0) if n else np.array([], dtype=float)
    out = np.array(STATUSES, dtype=object)[np.nan_to_num(worst, nan=0).astype(int)]
    out[np.isnan(worst)] = empty
    return out
