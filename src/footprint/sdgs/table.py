"""The indicator table: assembly and checks, coverage per partnership × SDG, values as a brief prints them."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from footprint.core import check_unique, validate
from footprint.core.numbers import readable
from footprint.sdgs.schema import COLUMNS, INDICATOR_SCHEMA, REQUIRED_SDGS, SDGS, check_keys


def indicator_table(parts: Sequence[pd.DataFrame], partnerships: pd.DataFrame) -> pd.DataFrame:
    """Concatenate indicator rows, check them and sort them (partnership order, SDG, indicator).

    Every row must name a known partnership and SDG, carry a value, unit, year, source and a
    status; one row per (partnership, indicator, year).
    """
    df = pd.concat([p.reindex(columns=COLUMNS) for p in parts if len(p)], ignore_index=True)
    df = validate(df, list(INDICATOR_SCHEMA), "indicator table")
    check_unique(df, ["partnership", "indicator", "year"], "indicator table")
    check_keys(df, partnerships, "indicator table")
    order = {pid: i for i, pid in enumerate(partnerships["id"])}
    df = df.assign(_o=df["partnership"].map(order)).sort_values(["_o", "sdg", "indicator", "year"], kind="stable")
    return df.drop(columns="_o").reset_index(drop=True)[COLUMNS]


def coverage(table: pd.DataFrame, partnerships: pd.DataFrame) -> pd.DataFrame:
    """Number of indicators per partnership × SDG (rows in partnership order, all SDGs as columns)."""
    c = table.pivot_table(index="partnership", columns="sdg", values="indicator", aggfunc="count", fill_value=0)
    return c.reindex(index=list(partnerships["id"]), columns=list(SDGS), fill_value=0).astype(int)


def missing_required(table: pd.DataFrame, required: Sequence[int] = REQUIRED_SDGS) -> list[int]:
    """SDGs of ``required`` that no indicator covers."""
    return sorted(set(required) - set(table["sdg"].astype(int)))


def format_value(value: float, unit: str, lang: str = "en") -> str:
    """A value as a brief prints it: three significant digits, large numbers in words (万 and 億 in
    Japanese), whole counts whole, years as years (:func:`footprint.core.numbers.readable`)."""
    if unit == "year":
        return f"{value:.0f}"
    return readable(value, lang)


def display_table(table: pd.DataFrame, names: dict[str, str], lang: str = "en", width: int = 70) -> pd.DataFrame:
    """The indicator table as a reader sees it: partnership names, labels in ``lang``, formatted values
    and intervals, sources shortened to ``width`` characters (the full citations stay in the CSV)."""
    units = table["unit"].tolist()
    return table.assign(
        partnership=table["partnership"].map(names),
        indicator=table["label_ja" if lang == "ja" else "label_en"],
        value=[format_value(v, u, lang) for v, u in zip(table["value"], units, strict=True)],
        interval=[("" if pd.isna(a) else f"{format_value(a, u, lang)}–{format_value(b, u, lang)}")
                  for a, b, u in zip(table["p05"], table["p95"], units, strict=True)],
        source=[src if len(src) <= width else src[:width - 2] + "…" for src in table["source"]],
    )[["partnership", "sdg", "indicator", "value", "interval", "unit", "year", "status", "source"]]
