"""A topic's computed result: tables and small values, with the parameters that made them.

Each topic has one compute entry point, ``compute(params, ...) -> Result`` (for example
:func:`footprint.city.compute`). A run computes each result once and stores it in its run folder
(:meth:`Result.save`); every notebook of the run reads it back (:meth:`Result.load`) instead of
computing it again, so that one run quotes one set of numbers.

On disk a result is a folder::

    result.json      topic, parameters, values (JSON), and per table its file, units and statuses
    <table>.parquet  one Parquet file per table (dtypes and index kept exactly)
    outputs.json     the files above (what the run's cache stores)

Tables carry their units in their column names (``ef_gha``, ``co2_t``, ``amount_jpy``) and a
``status`` column where a row's provenance varies; :meth:`Result.units` lists the units found.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from footprint.core.errors import FootprintError
from footprint.core.layout import OUTPUTS

RESULT = "result.json"
FORMAT = 1
_UNIT = re.compile(r"_(gha|ha|m3|t|co2_t|jpy|persons|gha_per_cap|t_per_person|pct|share|y|days?)$")


def _jsonable(v):
    """``v`` as plain JSON (numpy scalars and arrays, tuples, dates as ISO text)."""
    if isinstance(v, Mapping):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, np.ndarray):
        return [_jsonable(x) for x in v.tolist()]
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


@dataclass(frozen=True, eq=False)
class Result:
    """Tables and values of one topic computed with ``parameters`` (frozen: nothing fills in later)."""

    topic: str
    parameters: Mapping[str, object]
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    values: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # values and parameters as JSON keeps them: a result read back equals the one computed
        object.__setattr__(self, "parameters", _jsonable(dict(self.parameters)))
        object.__setattr__(self, "values", _jsonable(dict(self.values)))

    def __getitem__(self, name: str) -> pd.DataFrame:
        try:
            return self.tables[name]
        except KeyError:
            raise FootprintError(f"result {self.topic!r}: expected a table among {sorted(self.tables)}, "
                                 f"found no {name!r}") from None

    def value(self, name: str):
        try:
            return self.values[name]
        except KeyError:
            raise FootprintError(f"result {self.topic!r}: expected a value among {sorted(self.values)}, "
                                 f"found no {name!r}") from None

    def units(self) -> dict[str, list[str]]:
        """Per table, the quantity columns whose names state a unit."""
        return {k: [c for c in df.columns if isinstance(c, str) and _UNIT.search(c)] for k, df in self.tables.items()}

    def statuses(self) -> dict[str, list[str]]:
        """Per table, the statuses its rows carry (empty where the table has no ``status`` column)."""
        return {k: sorted(map(str, df["status"].dropna().unique())) if "status" in df.columns else []
                for k, df in self.tables.items()}

    # ----------------------------------------------------------------------------------------
    # storage
    # ----------------------------------------------------------------------------------------

    def save(self, folder: str | os.PathLike[str]) -> Path:
        """Write the result into ``folder`` (replaced as a whole: written beside it, then renamed)."""
        folder = Path(folder)
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        try:
            files = {}
            for name, df in self.tables.items():
                rel = f"{name}.parquet"
                df.to_parquet(tmp / rel)
                files[name] = rel
            record = {"format": FORMAT, "topic": self.topic, "parameters": _jsonable(dict(self.parameters)),
                      "values": _jsonable(dict(self.values)), "tables": files, "units": self.units(),
                      "statuses": self.statuses()}
            (tmp / RESULT).write_text(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
            (tmp / OUTPUTS).write_text(json.dumps({"notebook": f"result:{self.topic}",
                                                   "files": sorted([RESULT, *files.values()])}, indent=2) + "\n",
                                       encoding="utf-8")
            if folder.exists():
                old = folder.with_name(f".{folder.name}.{os.getpid()}.old")
                shutil.rmtree(old, ignore_errors=True)
                os.replace(folder, old)
                shutil.rmtree(old, ignore_errors=True)
            os.replace(tmp, folder)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return folder

    @classmethod
    def load(cls, folder: str | os.PathLike[str]) -> Result:
        """Read a result written by :meth:`save`; one clear line if it is missing or incomplete."""
        folder = Path(folder)
        try:
            record = json.loads((folder / RESULT).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise FootprintError(f"{folder}: expected a computed result ({RESULT}), found none (the run that "
                                 "should have computed it failed, or the folder was moved)") from None
        if record.get("format") != FORMAT:
            raise FootprintError(f"{folder / RESULT}: expected result format {FORMAT}, found {record.get('format')!r} "
                                 "(written by another version: run again)")
        tables = {}
        for name, rel in record["tables"].items():
            try:
                tables[name] = pd.read_parquet(folder / rel)
            except (OSError, ValueError) as e:
                raise FootprintError(f"{folder / rel}: expected the table {name!r} of the result, found an "
                                     f"unreadable file ({type(e).__name__})") from None
        return cls(record["topic"], record["parameters"], tables, record["values"])
