"""Overshoot day (GFN convention): the one definition every topic uses."""

from __future__ import annotations

import datetime as _dt

import numpy as np

from footprint.core.errors import ParameterError

DAYS_PER_YEAR = 365.0


def overshoot_day(ef_per_cap, world_bc_per_cap):
    """Overshoot day as the day of the year (GFN convention).

    .. math:: d = 365 \\cdot BC_{world,pc} / EF_{pc}

    Parameters
    ----------
    ef_per_cap : float or array
        Ecological footprint of consumption, gha per person (> 0).
    world_bc_per_cap : float or array
        World biocapacity, gha per person.

    Returns
    -------
    float or ndarray
        Day of the year; values of 365 or more mean the demand fits within the world's
        per-person biocapacity (no overshoot). Element-wise on arrays.
    """
    ef = np.asarray(ef_per_cap, dtype=float)
    bc = np.asarray(world_bc_per_cap, dtype=float)
    if np.any(ef <= 0):
        raise ParameterError("the footprint per person must be positive to compute an overshoot day")
    return DAYS_PER_YEAR * (bc / ef)


def overshoot_date(day_of_year: float, year: int) -> _dt.date | None:
    """Calendar date of an overshoot day: the resources run out during day ``ceil(day)``.

    Returns ``None`` if the day lies beyond the end of the year (no overshoot).
    """
    if not np.isfinite(day_of_year) or day_of_year >= DAYS_PER_YEAR:
        return None
    n = max(1, int(np.ceil(day_of_year)))
    return _dt.date(year, 1, 1) + _dt.timedelta(days=n - 1)
