"""Publishing a run's tables to ``data/processed/``: one deliberate, atomic act of the runner.

Only a complete, successful run of every notebook in a publishing scenario (the baseline: no
scenario file, no overrides, no notebook selection, or a scenario file with ``publish: true``)
publishes. Notebooks never write ``data/processed`` themselves when the runner drives them; the
runner copies each notebook's ``tables/`` from the run folder into a staging folder beside
``data/processed``, adds ``provenance.json`` (run, commit, scenario, parameters, checksums) and a
Frictionless ``datapackage.json``; :mod:`footprint.pipeline.publication` swaps it in as one
transaction (a run killed at any step leaves the previous publication or the new one, whole, and
the next run finishes or undoes what was left). Tables the run did not produce are gone with the
old folder.

Published CSVs are for people who open them in Excel: UTF-8 with a byte-order mark, numbers
rounded to :data:`SIGNIFICANT_DIGITS` significant digits. The full precision stays in the run
folder (``reports/runs/<run>/<notebook>/tables/``), whose path the provenance file gives.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from footprint.core import paths
from footprint.core.layout import NotebookLayout
from footprint.core.status import STATUSES

PROVENANCE = "provenance.json"
DATAPACKAGE = "datapackage.json"
README = "README.md"
SIGNIFICANT_DIGITS = 4
#: Unit implied by a column-name suffix (the project's naming convention), for the data package.
UNIT_SUFFIXES = (
    ("_gha_per_cap", "gha per person"), ("_gha", "gha"), ("_ha", "ha"), ("_co2_t", "t CO2"), ("_t_co2", "t CO2"),
    ("_co2e_t", "t CO2e"), ("_jpy", "yen"), ("_m3", "m3"), ("_persons", "persons"), ("persons", "persons"),
    ("_t", "t"), ("_share", "fraction"), ("_pct", "percent"), ("_days", "days"), ("_km", "km"),
)
LICENCE = {
    "name": "CC-BY-SA-4.0",
    "title": "Creative Commons Attribution-ShareAlike 4.0 (tables derived from the National Footprint and "
             "Biocapacity Accounts; other inputs keep their own licences, see data/raw/README.md)",
    "path": "https://creativecommons.org/licenses/by-sa/4.0/",
}


def round_significant(values, digits: int = SIGNIFICANT_DIGITS) -> np.ndarray:
    """Round every finite value to ``digits`` significant digits (vectorised; 0, NaN and inf unchanged)."""
    a = np.asarray(values, dtype=float)
    out = a.copy()
    ok = np.isfinite(a) & (a != 0)
    mag = np.floor(np.log10(np.abs(a[ok])))
    factor = 10.0 ** (digits - 1 - mag)
    out[ok] = np.round(a[ok] * factor) / factor
    return out


def read_text_table(path: Path) -> pd.DataFrame:
    """A CSV as text cells (codes such as ``"01"`` keep their leading zeros; empty cells stay empty)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def column_kind(s: pd.Series) -> str:
    """``integer``, ``number`` or ``string``: what every non-empty text cell of a column holds."""
    cells = s[s != ""]
    if cells.empty:
        return "string"
    if pd.to_numeric(cells, errors="coerce").isna().any():  # text columns end here, at C speed
        return "string"
    if cells.str.match(r"^0\d").any():  # codes with leading zeros are text
        return "string"
    return "integer" if cells.str.fullmatch(r"[+-]?\d+").all() else "number"


def column_kinds(df: pd.DataFrame) -> dict[str, str]:
    """:func:`column_kind` of every column, by name."""
    return {c: column_kind(df[c]) for c in df.columns}


def reader_csv(df: pd.DataFrame, kinds: dict[str, str] | None = None) -> bytes:
    """A text table (:func:`read_text_table`) as people open it: UTF-8 with BOM, numbers rounded.
    ``kinds``: :func:`column_kinds` of ``df`` if already known."""
    out = df.copy()
    kinds = column_kinds(df) if kinds is None else kinds
    for c in out.columns:
        if kinds[c] == "number":
            cells = out[c] != ""
            vals = round_significant(pd.to_numeric(out.loc[cells, c]).to_numpy())
            out.loc[cells, c] = np.char.mod("%.15g", vals)
    text = out.to_csv(index=False, lineterminator="\n")
    return "\ufeff".encode() + text.encode("utf-8")


def _unit(column: str) -> str | None:
    return next((u for s, u in UNIT_SUFFIXES if column.endswith(s)), None)


def _field(column: str, kind: str) -> dict:
    f = {"name": str(column), "type": kind}
    unit = _unit(str(column))
    if unit:
        f["description"] = f"unit: {unit}"
    if column == "status":
        f["description"] = "published < derived < estimated < illustrative (see the project README)"
        f["constraints"] = {"enum": list(STATUSES)}
    if column == "source":
        f["description"] = "citation of the original publication behind the row"
    return f


def _resource(notebook: str, name: str, df: pd.DataFrame, kinds: dict[str, str]) -> dict:
    res = {
        "name": f"{notebook}-{name}".lower().replace("_", "-"),
        "path": f"{notebook}/{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "schema": {"fields": [_field(c, kinds[c]) for c in df.columns]},
    }
    if "status" in df.columns:
        res["statuses"] = sorted({str(s) for s in df["status"].dropna()})
    if "source" in df.columns:
        res["sources"] = [{"title": str(s)} for s in sorted({str(s) for s in df["source"].dropna()})][:50]
    return res


def _digest(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def stage_publication(run_dir: Path, results: Sequence[Mapping], stage: Path, provenance: Mapping) -> dict:
    """Write what a publication holds into ``stage`` (created); returns the provenance record written."""
    stage.mkdir(parents=True)
    resources, files = [], {}
    for r in results:
        nb = str(r["notebook"])
        src = NotebookLayout(Path(run_dir) / r["label"]).tables
        if not src.is_dir():
            continue
        dst = NotebookLayout.published(stage, nb)
        dst.mkdir(parents=True, exist_ok=True)
        for p in sorted(src.iterdir()):
            if not p.is_file() or p.name.startswith("."):
                continue
            if p.suffix == ".csv":
                df = read_text_table(p)
                kinds = column_kinds(df)
                data = reader_csv(df, kinds)
                resources.append(_resource(nb, p.stem, df, kinds))
            else:
                data = p.read_bytes()
            (dst / p.name).write_bytes(data)
            files[f"{nb}/{p.name}"] = _digest(data)
    readme = paths.PROCESSED / README
    if readme.is_file():
        shutil.copyfile(readme, stage / README)
    record = {**provenance, "files": files}
    (stage / PROVENANCE).write_text(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    package = {
        "profile": "tabular-data-package",
        "name": "footprint-processed",
        "title": "footprint: tables of the baseline run",
        "description": "Tables published by the footprint runner from one complete baseline run; numbers rounded "
                       f"to {SIGNIFICANT_DIGITS} significant digits (full precision in the run folder named in "
                       f"{PROVENANCE}). Every table with a status column says per row how strong each number is.",
        "version": str(provenance.get("package_version", "")),
        "licenses": [LICENCE],
        "resources": resources,
    }
    (stage / DATAPACKAGE).write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return record
