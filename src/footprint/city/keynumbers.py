"""The numbers a brief opens with, read from a city result: one table, one row per number.

Every row comes from the result's own tables (``headline``, ``time_series``) and values (Japan's
footprint per person of the same year), so that a brief and the city notebook of one run quote
the same numbers and intervals. Columns: ``key, central, p05, p95, unit, status, year, basis,
figure``; ``p05``/``p95`` are the full 90 % interval where the model has one, NaN where it has
none (the change since the first year compares two central estimates). ``figure`` names the
figure a finding about the number points to.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from footprint.core.errors import ParameterError
from footprint.core.results import Result

#: the first year of the trend a brief quotes (the city's series starts in 2007; 2010 is the first
#: year of the national accounts' current method window that every survey city covers but 相模原市)
TREND_FROM = 2010

#: key -> (headline indicator or None when derived, unit, figure of the brief it belongs to)
KEY_NUMBERS: dict[str, tuple[str | None, str, str]] = {
    "ef_gha_per_cap": ("ef_gha_per_cap", "gha per person", "brief_earths"),
    "ratio_to_japan": (None, "× Japan's average", "brief_earths"),
    "earths": ("earths", "Earths", "brief_earths"),
    "bc_gha_per_cap": ("bc_gha_per_cap", "gha per person", "brief_dependence"),
    "overshoot_day": ("overshoot_day", "day of year", "brief_earths"),
    "change_since": (None, "fraction", "brief_earths"),
    "land_share_outside_city": ("land_share_outside_city", "fraction", "brief_dependence"),
    "carbon_share": ("carbon_share", "fraction", "brief_dependence"),
}
COLUMNS = ["key", "central", "p05", "p95", "unit", "status", "year", "basis", "figure"]


def key_numbers(r: Result, since: int = TREND_FROM) -> pd.DataFrame:
    """The key numbers of the city result ``r`` (see the module docstring)."""
    head = r["headline"].set_index("indicator")
    year = int(r.values["year"])
    status = str(head["status"].iloc[0]) if "status" in head else "estimated"
    interval = str(head["interval"].iloc[0]) if "interval" in head else ""
    rows = []
    for key, (indicator, unit, figure) in KEY_NUMBERS.items():
        base = {"key": key, "unit": unit, "status": status, "year": str(year), "basis": interval, "figure": figure}
        if indicator is not None:
            h = head.loc[indicator]
            rows.append({**base, "central": float(h["central"]), "p05": float(h["p05"]), "p95": float(h["p95"])})
        elif key == "ratio_to_japan":
            japan = float(r.values["japan_ef_gha_per_cap"])
            ef = head.loc["ef_gha_per_cap"]
            rows.append({**base, "central": ef["central"] / japan, "p05": ef["p05"] / japan, "p95": ef["p95"] / japan,
                         "basis": f"{interval}; Japan's footprint per person {japan:.3g} gha (NFA, published)"})
        else:  # change_since: two central estimates of the time series
            ts = r["time_series"].set_index("year")["central"]
            if since not in ts.index or year not in ts.index:
                raise ParameterError(f"key numbers: expected the time series to hold {since} and {year}, found "
                                     f"{ts.index.min()}–{ts.index.max()}")
            rows.append({**base, "central": float(ts[year] / ts[since] - 1.0), "p05": np.nan, "p95": np.nan,
                         "year": f"{since}–{year}", "basis": "central estimates of both years"})
    return pd.DataFrame(rows, columns=COLUMNS)
