"""Loaders of the flow graph's tables: the shipped seed in ``data/raw/flows/`` and a researcher's files.

Every loader reads, then validates with :mod:`footprint.flows.schema`; nothing here computes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from footprint.core import (
    CarbonUptake,
    check_unique,
    load_carbon_uptake,
    paths,
    read_csv_text,
    read_raw_csv,
)
from footprint.flows.schema import (
    FLOWS_FILE,
    NODES_FILE,
    PARAMETER_SCHEMA,
    PARAMETERS_FILE,
    UNITS_FILE,
    YEARS,
    combine,
    validate_flows,
    validate_nodes,
    validate_units,
)


def load_nodes(relpath: str = NODES_FILE) -> pd.DataFrame:
    """The seed nodes from ``data/raw/`` (checksum-verified, validated)."""
    return validate_nodes(read_raw_csv(relpath, dtype=str), paths.RAW / relpath)


def load_units(relpath: str = UNITS_FILE) -> pd.DataFrame:
    """The unit registry with the identity and scale factors (checksum-verified)."""
    return validate_units(read_raw_csv(relpath, dtype=str), paths.RAW / relpath)


def load_parameters(relpath: str = PARAMETERS_FILE) -> pd.DataFrame:
    """Conversion parameters with sources (the wood increment; ``key, value, unit, source, status``)."""
    df = read_raw_csv(relpath, PARAMETER_SCHEMA, dtype=str)
    check_unique(df, ["key"], paths.RAW / relpath)
    return df


def load_flows(nodes: pd.DataFrame, units: pd.DataFrame, relpath: str = FLOWS_FILE, *, years=YEARS) -> pd.DataFrame:
    """The seed flows from ``data/raw/`` (checksum-verified, validated against nodes and units)."""
    return validate_flows(read_raw_csv(relpath, dtype=str), nodes, units, paths.RAW / relpath, years=years)


def read_nodes_file(path: str | os.PathLike[str]) -> pd.DataFrame:
    """A researcher's own nodes CSV (UTF-8 or cp932), validated."""
    p = paths.resolve(path)
    return validate_nodes(read_csv_text(p, dtype=str), p)


def read_flows_file(path: str | os.PathLike[str], nodes: pd.DataFrame, units: pd.DataFrame, *, years=YEARS) -> pd.DataFrame:
    """A researcher's own flows CSV (UTF-8 or cp932), validated against nodes and units."""
    p = paths.resolve(path)
    return validate_flows(read_csv_text(p, dtype=str), nodes, units, p, years=years)


@dataclass(frozen=True)
class Seed:
    """The shipped tables: nodes, flows, unit registry, conversion parameters and the CO₂ → gha
    parameters of :mod:`footprint.core.units`."""

    nodes: pd.DataFrame
    flows: pd.DataFrame
    units: pd.DataFrame
    parameters: pd.DataFrame
    carbon_uptake: CarbonUptake


def load_seed() -> Seed:
    """Load every shipped table of the flow graph (each checksum-verified and validated)."""
    nodes = load_nodes()
    units = load_units()
    return Seed(nodes, load_flows(nodes, units), units, load_parameters(), load_carbon_uptake())


def add_user_tables(nodes: pd.DataFrame, flows: pd.DataFrame, units: pd.DataFrame, *,
                    extra_nodes_file: str | os.PathLike[str] = "",
                    extra_flows_file: str | os.PathLike[str] = "") -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Add a researcher's nodes and flows files (empty path: none) to the tables.

    New nodes must not repeat an id; new flows must use known nodes and units and must not repeat
    a flow already in ``flows`` (:func:`footprint.flows.schema.combine`). Returns the nodes, the
    flows and the number of flows added.
    """
    if extra_nodes_file:
        nodes = validate_nodes(pd.concat([nodes, read_nodes_file(extra_nodes_file)], ignore_index=True), extra_nodes_file)
    n_extra = 0
    if extra_flows_file:
        extra = read_flows_file(extra_flows_file, nodes, units)
        flows = combine(flows, extra, extra_flows_file)
        n_extra = len(extra)
    return nodes, flows, n_extra
