"""The SDGs the brief covers, the columns of the indicator table and the checks of its keys."""

from __future__ import annotations

import pandas as pd

from footprint.core import Column, suggest
from footprint.core.schema import check_rows
from footprint.core.status import STATUSES

SDGS: dict[int, tuple[str, str]] = {
    6: ("Clean water and sanitation", "安全な水とトイレを世界中に"),
    7: ("Affordable and clean energy", "エネルギーをみんなに そしてクリーンに"),
    11: ("Sustainable cities and communities", "住み続けられるまちづくりを"),
    12: ("Responsible consumption and production", "つくる責任 つかう責任"),
    13: ("Climate action", "気候変動に具体的な対策を"),
    15: ("Life on land", "陸の豊かさも守ろう"),
    17: ("Partnerships for the goals", "パートナーシップで目標を達成しよう"),
}
REQUIRED_SDGS = (7, 11, 12, 13, 15, 17)
COLUMNS = ["partnership", "sdg", "indicator", "label_en", "label_ja", "value", "p05", "p95", "unit", "year",
           "source", "status", "note"]

PARTNERSHIP_SCHEMA = [
    Column("id", "str"), Column("name_en", "str"), Column("name_ja", "str"),
    Column("scope", "str", choices=("city", "domestic", "international")),
    Column("nodes", "str"), Column("country", "str", allow_na=True), Column("since", "int", allow_na=True),
    Column("source", "str"), Column("status", "str", choices=STATUSES), Column("note", "str", allow_na=True),
]
INDICATOR_SCHEMA = [
    Column("partnership", "str"), Column("sdg", "int", min=1, max=17), Column("indicator", "str"),
    Column("label_en", "str"), Column("label_ja", "str"), Column("value", "float"), Column("unit", "str"),
    Column("year", "int", min=1900, max=2100), Column("source", "str"),
    Column("status", "str", choices=STATUSES), Column("note", "str", allow_na=True),
]


def check_keys(df: pd.DataFrame, partnerships: pd.DataFrame, file: str) -> None:
    """Every row names a known partnership and one of :data:`SDGS` (else a :class:`DataFileError`)."""
    known = set(partnerships["id"])
    bad = ~df["partnership"].isin(known).to_numpy()
    close = suggest(df["partnership"][bad].iloc[0], known) if bad.any() else None
    check_rows(df, bad, file, f"a partnership id among {sorted(known)}", "partnership", hint=f"close: {close}")
    check_rows(df, ~df["sdg"].isin(list(SDGS)).to_numpy(), file, f"an SDG among {sorted(SDGS)}", "sdg")
