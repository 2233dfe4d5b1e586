"""The vocabulary of the tidy NFA table: land types, record names and units, basis, country codes."""

from __future__ import annotations

import numpy as np

LAND_TYPES: tuple[str, ...] = (
    "cropland",
    "grazing_land",
    "forest_products",
    "fishing_grounds",
    "built_up_land",
    "carbon",
)
#: the land types plus the row total, in column order of every matrix
COLUMNS: tuple[str, ...] = (*LAND_TYPES, "total")
WORLD_CODE = 5001
JAPAN_CODE = 110
#: the last year of the NFA 2025 edition computed from reported data; later years are GFN nowcasts
LAST_REPORTED_YEAR = 2022


def year_status(years):
    """Status of each year's accounts: ``published`` up to :data:`LAST_REPORTED_YEAR`, ``estimated`` (a nowcast) after."""
    return np.where(np.asarray(years, dtype=int) <= LAST_REPORTED_YEAR, "published", "estimated")

#: API record prefix -> (record name in this package, unit)
RECORDS: dict[str, tuple[str, str]] = {
    "EFProd": ("ef_production", "gha"),
    "EFImports": ("ef_imports", "gha"),
    "EFExports": ("ef_exports", "gha"),
    "EFCons": ("ef_consumption", "gha"),
    "Biocap": ("biocapacity", "gha"),
    "Area": ("area", "ha"),
}
RECORD_NAMES: tuple[str, ...] = tuple(r for r, _ in RECORDS.values())
#: API record suffix -> basis
BASIS: dict[str, str] = {"PerCap": "per_cap", "TotHA": "total", "TotGHA": "total"}
