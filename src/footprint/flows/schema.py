"""The two tables of the flow graph and their checks: columns, layers, kinds, the hub, validation.

* **nodes**: ``id, name_ja, name_en, kind, iso3, muni_code, lat, lon, source, status[, note]``;
  ``kind`` is one of :data:`KINDS`.
* **flows**: ``source_id, target_id, layer, item, quantity, unit, year, source, status[, note]``;
  ``layer`` is one of :data:`LAYERS`; ``item`` is ``"category"`` or ``"category/detail"``;
  ``quantity`` may be empty where a link is documented but its size is not (it then counts as a
  bond but adds nothing to any sum). ``source`` is the citation, so the two endpoints are called
  ``source_id`` and ``target_id``.

Every check raises one :class:`~footprint.core.errors.DataFileError` naming the file, the 1-based
line (header = 1), what was expected and what was found.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from footprint.core import (
    STATUSES,
    Column,
    check_rows,
    check_unique,
    first_bad_row,
    suggest,
    validate,
)
from footprint.core.errors import DataFileError, ParameterError

LAYERS: tuple[str, ...] = ("resource", "fund", "people")
KINDS: tuple[str, ...] = ("city", "municipality", "prefecture", "region", "country", "organisation", "project")
CURRENCIES: tuple[str, ...] = ("ef_gha", "co2_t", "amount_jpy", "persons")
#: the nodes that stand for Osaka in the per-partner metrics
HUB: tuple[str, ...] = ("osaka_city", "osaka_pref")
YEARS: tuple[int, int] = (1950, 2100)

NODES_FILE = "flows/nodes.csv"
FLOWS_FILE = "flows/flows.csv"
UNITS_FILE = "flows/units.csv"
PARAMETERS_FILE = "flows/conversion_parameters.csv"

NODE_COLUMNS = ("id", "name_ja", "name_en", "kind", "iso3", "muni_code", "lat", "lon", "source", "status", "note")
FLOW_COLUMNS = ("source_id", "target_id", "layer", "item", "quantity", "unit", "year", "source", "status", "note")
#: a series: the same flow over the years (:func:`footprint.flows.selection.snapshot`)
SERIES_KEY = ("source_id", "target_id", "layer", "item", "unit")
#: at most one row per key in a flows table
DUPLICATE_KEY = ("source_id", "target_id", "layer", "item", "year")

NODE_SCHEMA = (
    Column("id", "str"),
    Column("name_ja", "str"),
    Column("name_en", "str"),
    Column("kind", "str", choices=KINDS),
    Column("iso3", "str", allow_na=True),
    Column("muni_code", "str", allow_na=True),
    Column("lat", "float", min=-90, max=90, allow_na=True),
    Column("lon", "float", min=-180, max=180, allow_na=True),
    Column("source", "str"),
    Column("status", "str", choices=STATUSES),
    Column("note", "str", required=False, allow_na=True),
)
UNIT_SCHEMA = (
    Column("unit", "str"),
    Column("currency", "str", allow_na=True, choices=CURRENCIES),
    Column("factor", "float", min=0, allow_na=True),
    Column("source", "str", allow_na=True),
    Column("status", "str", choices=STATUSES),
    Column("note", "str", required=False, allow_na=True),
)
PARAMETER_SCHEMA = (
    Column("key", "str"),
    Column("value", "float"),
    Column("unit", "str"),
    Column("source", "str"),
    Column("status", "str", choices=STATUSES),
    Column("note", "str", required=False, allow_na=True),
)


def flow_schema(years: tuple[int, int] = YEARS) -> tuple[Column, ...]:
    """Columns of a flows table; ``years`` bounds the ``year`` column (inclusive)."""
    return (
        Column("source_id", "str"),
        Column("target_id", "str"),
        Column("layer", "str", choices=LAYERS),
        Column("item", "str"),
        Column("quantity", "float", min=0, allow_na=True),
        Column("unit", "str"),
        Column("year", "int", min=years[0], max=years[1]),
        Column("source", "str"),
        Column("status", "str", choices=STATUSES),
        Column("note", "str", required=False, allow_na=True),
    )


def check_year(year: int, years: tuple[int, int] = YEARS) -> int:
    """``year`` as an int, or :class:`ParameterError` when it lies outside ``years``."""
    if not years[0] <= int(year) <= years[1]:
        raise ParameterError(f"year: expected {years[0]}-{years[1]}, found {year}")
    return int(year)


def _order(df: pd.DataFrame, first: Sequence[str]) -> pd.DataFrame:
    """``df`` with the columns of ``first`` (those present) first, the others after them."""
    cols = [c for c in first if c in df.columns] + [c for c in df.columns if c not in first]
    return df[cols]


def validate_nodes(nodes: pd.DataFrame, file: str | os.PathLike[str] = "nodes") -> pd.DataFrame:
    """Check a nodes table (schema, one row per id); return it with typed columns."""
    out = validate(nodes, NODE_SCHEMA, file)
    iso3 = out["iso3"].astype("string")
    check_rows(out, (iso3.notna() & ~iso3.str.fullmatch(r"[A-Z]{3}").fillna(False)).to_numpy(dtype=bool), file,
               "an ISO 3166-1 alpha-3 code (three capital letters) or an empty cell in column 'iso3'", column="iso3")
    check_unique(out, ["id"], file)
    return _order(out.reset_index(drop=True), NODE_COLUMNS)


def validate_units(units: pd.DataFrame, file: str | os.PathLike[str] = "units") -> pd.DataFrame:
    """Check the unit registry: each unit once; a currency needs a factor and a source."""
    out = validate(units, UNIT_SCHEMA, file)
    check_unique(out, ["unit"], file)
    i = first_bad_row(out["currency"].notna() & (out["factor"].isna() | out["source"].isna()))
    if i is not None:
        raise DataFileError(file, "a factor and a source for a unit with a currency", "an empty cell", row=i + 2)
    return out.reset_index(drop=True)


def _check_known(values: pd.Series, valid: Iterable[str], file, what: str, column: str) -> None:
    """Raise at the first value not in ``valid``, with close matches."""
    valid = list(valid)
    i = first_bad_row(~values.isin(valid))
    if i is None:
        return
    name = str(values.iloc[i])
    close = suggest(name, valid)
    raise DataFileError(
        file, f"{what} in column {column!r}", f"unknown {name!r}", row=i + 2,
        hint=f"close matches: {close}" if close else f"known: {sorted(valid)[:12]}",
    )


def validate_flows(
    flows: pd.DataFrame,
    nodes: pd.DataFrame,
    units: pd.DataFrame,
    file: str | os.PathLike[str] = "flows",
    *,
    years: tuple[int, int] = YEARS,
) -> pd.DataFrame:
    """Check a flows table against the nodes and the unit registry.

    One clear error (:class:`DataFileError`, naming the file and the 1-based line) for: missing
    columns, a layer or status not allowed, a negative or non-numeric quantity, a year outside
    ``years``, an unknown node or unit (with close matches), a flow from a node to itself, and
    a duplicate ``(source_id, target_id, layer, item, year)``.
    """
    out = validate(flows, flow_schema(years), file)
    check_rows(out, np.isinf(out["quantity"].to_numpy(dtype=float)), file, "a finite quantity (or an empty cell)",
               column="quantity")
    _check_known(out["source_id"], nodes["id"], file, "a node id listed in the nodes table", "source_id")
    _check_known(out["target_id"], nodes["id"], file, "a node id listed in the nodes table", "target_id")
    _check_known(out["unit"], units["unit"], file, "a unit listed in the unit table", "unit")
    i = first_bad_row(out["source_id"] == out["target_id"])
    if i is not None:
        raise DataFileError(file, "different source_id and target_id", f"a flow from {out['source_id'].iloc[i]!r} to itself",
                            row=i + 2)
    key = list(DUPLICATE_KEY)
    i = first_bad_row(out.duplicated(key))
    if i is not None:
        first = first_bad_row((out[key] == out[key].iloc[i]).all(axis=1))
        found = ", ".join(f"{k}={out[k].iloc[i]!r}" for k in DUPLICATE_KEY)
        raise DataFileError(file, "one row per (source_id, target_id, layer, item, year)",
                            f"a duplicate of row {first + 2} ({found})", row=i + 2)
    return _order(out.reset_index(drop=True), FLOW_COLUMNS)


def combine(base: pd.DataFrame, extra: pd.DataFrame, file: str | os.PathLike[str] = "extra flows", *,
            duplicates: str = "error") -> pd.DataFrame:
    """Append validated ``extra`` rows to ``base``.

    A row of ``extra`` with the same ``(source_id, target_id, layer, item, year)`` as a row of
    ``base`` is an error naming ``file`` and its line (``duplicates="error"``), or is left out so
    that the ``base`` row (e.g. a published figure) wins over a modelled one (``"keep_base"``).
    """
    if duplicates not in ("error", "keep_base"):
        raise ParameterError(f"combine: duplicates expected 'error' or 'keep_base', found {duplicates!r}")
    key = list(DUPLICATE_KEY)
    hit = extra[key].merge(base[key].drop_duplicates(), how="left", indicator=True)["_merge"].eq("both").to_numpy()
    i = first_bad_row(hit)
    if i is not None and duplicates == "keep_base":
        extra = extra[~hit]
    elif i is not None:
        found = ", ".join(f"{k}={extra[k].iloc[i]!r}" for k in key)
        raise DataFileError(file, "flows not already in the seed data", f"a duplicate ({found})", row=i + 2,
                            hint="change the item or year, or drop the row")
    return pd.concat([base, extra], ignore_index=True)
