"""The whole analysis of the flow graph for one year, as the notebook and the brief run it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from footprint.flows.currencies import convert
from footprint.flows.cycles import cycles
from footprint.flows.metrics import (
    bond_metrics,
    centrality,
    node_balance,
    partner_balance,
)
from footprint.flows.selection import select, snapshot


@dataclass(frozen=True)
class FlowAnalysis:
    """Tables of one analysis: the converted flows and every metric computed from them."""

    converted: pd.DataFrame
    bonds: pd.DataFrame
    balance_units: pd.DataFrame
    balance_currencies: pd.DataFrame
    centrality: pd.DataFrame
    cycles: pd.DataFrame
    node_balance: pd.DataFrame


def analyse_flows(flows: pd.DataFrame, nodes: pd.DataFrame, factors: pd.DataFrame, *, year: int,
                  layers: Sequence[str] | None = None, partners: Sequence[str] | None = None,
                  max_cycle_length: int = 4) -> FlowAnalysis:
    """The flows as known in ``year`` (:func:`~footprint.flows.selection.snapshot`), restricted to
    ``layers`` and ``partners`` (:func:`~footprint.flows.selection.select`), converted into the
    common currencies with ``factors`` and measured: bonds per partner, partner balances in units
    and in currencies, centrality, cycles of up to ``max_cycle_length`` nodes, node balances."""
    snap = select(snapshot(flows, int(year)), layers=layers, partners=partners, nodes=nodes)
    conv = convert(snap, factors)
    return FlowAnalysis(
        converted=conv,
        bonds=bond_metrics(conv, nodes),
        balance_units=partner_balance(conv, by="unit"),
        balance_currencies=partner_balance(conv, by="currency"),
        centrality=centrality(conv, nodes),
        cycles=cycles(conv, max_length=max_cycle_length),
        node_balance=node_balance(conv),
    )
