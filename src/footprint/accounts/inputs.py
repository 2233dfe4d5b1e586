"""Loading the National Footprint and Biocapacity Accounts (NFA 2025) and reshaping them to tidy form.

The shipped file ``data/raw/gfn_nfa/`` has one row per year × country × record with one column per
land type; :func:`load_nfa` returns one row per country × year × record × basis × land type with
columns ``country_code, country, iso2, year, record, basis, land_type, value, unit, population``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from footprint.accounts.records import BASIS, COLUMNS, LAND_TYPES, RECORDS
from footprint.core import Column, read_raw_csv, verify_raw

NFA_FILE = "gfn_nfa/nfa2025_api_all_countries_2000_2024.csv.gz"
NFA_EDITION = "NFA 2025 edition (GFN API snapshot 2025-12-01)"
NFA_SOURCE = "Lo et al. (2025), National Ecological Footprint and Biocapacity Accounts, 2025 Edition; FoDaFo/GFN, CC BY-SA 4.0"

NFA_SCHEMA = [
    Column("year", "int", min=1961, max=2100),
    Column("gfn_country_code", "int", min=0),
    Column("country", "str"),
    Column("isoa2", "str", allow_na=True),
    Column("record", "str"),
    *[Column(lt, "float", allow_na=True) for lt in LAND_TYPES],
    Column("total", "float", allow_na=True),
]
_RECORD_PATTERN = r"^(EFProd|EFImports|EFExports|EFCons|Biocap|Area)(PerCap|TotHA|TotGHA)$"


def load_nfa_wide(relpath: str = NFA_FILE) -> pd.DataFrame:
    """The NFA file as shipped (one row per year × country × record), checksum-verified and validated."""
    return read_raw_csv(relpath, NFA_SCHEMA, keep_default_na=True, na_values=[""])


def _text(values) -> pd.api.extensions.ExtensionArray:
    return pd.array(np.asarray(values, dtype=object), dtype="str")


def tidy_nfa(wide: pd.DataFrame) -> pd.DataFrame:
    """Reshape the wide NFA table to tidy form, keeping only the footprint and biocapacity records.

    Rows: country × year × record × basis × land type (the six land types plus ``total``).
    ``Population`` is carried as its own column so that per-capita and total values can be
    reconciled.
    """
    # the regular expression runs once per distinct record name (17), not once per row
    rec_codes, rec_names = pd.factorize(wide["record"].astype(str))
    parts = pd.Series(rec_names, dtype=str).str.extract(_RECORD_PATTERN)
    keep = parts[0].notna().to_numpy()[rec_codes]
    w = wide.loc[keep]
    pop = (
        wide.loc[(rec_names == "Population")[rec_codes], ["gfn_country_code", "year", "total"]]
        .drop_duplicates(["gfn_country_code", "year"])
        .set_index(["gfn_country_code", "year"])["total"]
    )
    # row-major reshape (each source row followed by its seven land-type cells): the input order
    # (country, year, record) is kept without a sort; text columns are built as string arrays and
    # repeated by position (no per-cell type inference on the long table)
    lt_cols = list(COLUMNS)
    k = len(lt_cols)
    n = len(w)
    rows = np.repeat(np.arange(n), k)
    per_record = np.repeat(rec_codes[keep], k)
    pop_vals = pop.reindex(pd.MultiIndex.from_arrays([w["gfn_country_code"], w["year"]])).to_numpy()
    return pd.DataFrame(
        {
            "country_code": w["gfn_country_code"].to_numpy()[rows],
            "country": _text(w["country"]).take(rows),
            "iso2": _text(w["isoa2"]).take(rows),
            "year": w["year"].to_numpy()[rows],
            "record": _text(parts[0].map({k_: v[0] for k_, v in RECORDS.items()})).take(per_record),
            "basis": _text(parts[1].map(BASIS)).take(per_record),
            "land_type": pd.Categorical.from_codes(np.tile(np.arange(k), n), categories=lt_cols, ordered=True),
            "value": w[lt_cols].to_numpy(dtype=float).reshape(-1),
            "unit": _text(parts[0].map({k_: v[1] for k_, v in RECORDS.items()})).take(per_record),
            "population": pop_vals[rows],
        }
    )


def load_nfa(relpath: str = NFA_FILE) -> pd.DataFrame:
    """Checksum-verified, validated, tidy NFA table.

    Parsed once per process and file version (several modules read the accounts in one notebook);
    every call verifies the checksum again and returns its own copy.
    """
    p = verify_raw(relpath)
    st = p.stat()
    return _load_nfa(relpath, str(p), st.st_mtime_ns, st.st_size).copy()


@lru_cache(maxsize=2)
def _load_nfa(relpath: str, path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    return tidy_nfa(load_nfa_wide(relpath))
