"""Loaders of the SDGs topic: the partnerships and the indicators transcribed from publications."""

from __future__ import annotations

import pandas as pd

from footprint.core import check_unique, read_raw_csv
from footprint.sdgs.schema import INDICATOR_SCHEMA, PARTNERSHIP_SCHEMA, check_keys

PARTNERSHIPS_FILE = "sdgs/partnerships.csv"
PUBLISHED_FILE = "sdgs/published_indicators.csv"


def load_partnerships(relpath: str = PARTNERSHIPS_FILE) -> pd.DataFrame:
    """Osaka's partnerships (``id, name_en, name_ja, scope, nodes, country, since, source, status, note``)."""
    df = read_raw_csv(relpath, PARTNERSHIP_SCHEMA, dtype={"since": "Int64"})
    check_unique(df, ["id"], relpath)
    return df


def load_published(partnerships: pd.DataFrame, relpath: str = PUBLISHED_FILE) -> pd.DataFrame:
    """Indicators transcribed from publications; unknown partnerships and SDGs are errors."""
    df = read_raw_csv(relpath, INDICATOR_SCHEMA)
    check_unique(df, ["partnership", "indicator", "year"], relpath)
    check_keys(df, partnerships, relpath)
    return df
