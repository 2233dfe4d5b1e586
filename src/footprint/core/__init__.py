"""The foundation every other layer builds on: errors, paths, statuses, schemas, file I/O, units, places.

Nothing here imports from the topic packages, the outputs or the pipeline (a test walks the
imports). The names most modules need are importable from ``footprint.core`` directly; each is
defined once, in the submodule named beside it.
"""

from footprint.core import paths
from footprint.core.errors import DataFileError, FootprintError, ParameterError
from footprint.core.io import (
    ENCODINGS,
    MANIFEST_COLUMNS,
    atomic_path,
    manifest_entry,
    raw_checksums,
    read_csv_text,
    read_manifest,
    read_raw_csv,
    read_user_csv,
    sha256_file,
    verify_raw,
    write_csv,
    write_tables,
    write_text,
)
from footprint.core.schema import Column, check_rows, check_unique, first_bad_row, fold, suggest, validate
from footprint.core.status import STATUSES, weakest_status, weakest_status_rows
from footprint.core.units import CarbonUptake, carbon_uptake_intensity, gha_per_t_co2, load_carbon_uptake

__all__ = [
    "ENCODINGS", "MANIFEST_COLUMNS", "STATUSES", "Column", "DataFileError", "FootprintError", "ParameterError",
    "atomic_path", "check_rows", "check_unique", "first_bad_row", "manifest_entry", "paths", "raw_checksums",
    "read_csv_text", "read_manifest", "read_raw_csv", "read_user_csv", "sha256_file", "suggest", "validate", "fold",
    "verify_raw", "weakest_status", "weakest_status_rows", "write_csv", "write_tables", "write_text",
    "CarbonUptake", "carbon_uptake_intensity", "gha_per_t_co2", "load_carbon_uptake",
]
