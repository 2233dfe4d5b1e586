"""Interregional flows of resources, funds and people between Osaka and its partner regions.

The flow graph is two tidy tables, nodes and flows (one row per flow: ``source_id, target_id,
layer, item, quantity, unit, year, source, status``), loaded into a ``networkx.MultiDiGraph``
when a graph is wanted. Map of the package:

* :mod:`~footprint.flows.schema` — columns, :data:`LAYERS`, :data:`KINDS`, :data:`CURRENCIES`,
  :data:`HUB`, the raw file names; ``validate_nodes``, ``validate_units``, ``validate_flows``,
  ``combine`` (append flows, refusing or dropping duplicates), ``check_year``.
* :mod:`~footprint.flows.inputs` — loaders: ``load_seed`` (:class:`Seed`), ``load_nodes``,
  ``load_units``, ``load_parameters``, ``load_flows``, ``read_nodes_file``, ``read_flows_file``,
  ``add_user_tables``.
* :mod:`~footprint.flows.graph` — ``build_graph``, ``graph_to_tables`` (lossless round trip).
* :mod:`~footprint.flows.selection` — ``item_category``, ``snapshot`` (flows as known in a
  year), ``select`` (layers, partners).
* :mod:`~footprint.flows.currencies` — ``conversion_table`` (t-CO₂ → gha by
  :func:`footprint.core.units.gha_per_t_co2`, wood → gha by :func:`footprint.core.units.wood_gha`),
  ``convert``, ``conversion_counts``, ``nfa_forest_factors``.
* :mod:`~footprint.flows.metrics` — ``hub_links``, ``bond_metrics``, ``partner_balance``,
  ``node_balance`` (inflow − outflow − stock change), ``layer_totals``, ``pagerank``,
  ``centrality``, ``summary_counts``, ``headline``.
* :mod:`~footprint.flows.cycles` — ``cycles`` (circular flows, each found once).
* :mod:`~footprint.flows.analysis` — ``analyse_flows`` (:class:`FlowAnalysis`): the flows as
  known in a year, selected, converted and measured in one call.
* :mod:`~footprint.flows.adapters` — the city and forest layers' tables as flows:
  ``flows_from_origin_table``, ``flows_from_fund_flows``, ``flows_from_allocation``,
  ``with_model_layers``, ``origin_year_for``.
* :mod:`~footprint.flows.partner_inputs` — loaders of ``data/raw/partners/``: ``load_trade``,
  ``load_arrivals``, ``load_osaka_visitors``, ``load_residents``, ``load_jcm``, ``load_domestic``,
  ``load_faostat``, ``load_land_prototype``; :data:`PARTNERS`.
* :mod:`~footprint.flows.trade` — embodied footprint of trade: ``land_groups`` (a partition of each
  trade total by land type), ``intensities`` (NFA footprint of trade ÷ mapped value), ``embodied``,
  ``reproduction_check``, ``attribution_shares`` / ``osaka_household_share`` (Osaka's share).
* :mod:`~footprint.flows.ledger` — the partnership ledger: cells per partner, year, flow, direction
  and currency (``trade_cells``, ``people_cells``, ``jcm_cells``, ``forest_cells``,
  ``domestic_cells``), ``complete`` ("not available", never zero), ``build_ledger`` (90 %
  intervals), ``balance``, ``time_series``, ``display``, ``magnitude_flows``, ``magnitude_bonds``.
* :mod:`~footprint.flows.partnership` — ``partnership_ledger`` (:class:`Partnership`): every
  ledger table from the shipped data, with the cross-checks; ``compute``, the topic's one entry
  point (a run's ledger, once, from its city and forest results), and ``partnership_of``.

Magnitudes (the ledger) and ties (agreements, meetings: counts in ``metrics``) are kept apart.
The maths takes tables and returns new tables; only the ``inputs`` modules read files.
"""

from footprint.flows.adapters import (
    flows_from_allocation,
    flows_from_fund_flows,
    flows_from_origin_table,
    origin_year_for,
    with_model_layers,
)
from footprint.flows.analysis import FlowAnalysis, analyse_flows
from footprint.flows.currencies import (
    conversion_counts,
    conversion_table,
    convert,
    nfa_forest_factors,
)
from footprint.flows.cycles import cycles
from footprint.flows.graph import build_graph, graph_to_tables
from footprint.flows.inputs import (
    Seed,
    add_user_tables,
    load_flows,
    load_nodes,
    load_parameters,
    load_seed,
    load_units,
    read_flows_file,
    read_nodes_file,
)
from footprint.flows.ledger import (
    NOT_AVAILABLE,
    build_ledger,
    ledger_latest_year,
    partner_magnitudes,
    display,
    magnitude_bonds,
    magnitude_flows,
    time_series,
)
from footprint.flows.metrics import (
    bond_metrics,
    centrality,
    distinct_pairs,
    headline,
    hub_links,
    layer_sets,
    layer_totals,
    node_balance,
    pagerank,
    partner_balance,
    shannon_index,
    summary_counts,
)
from footprint.flows.partner_inputs import PARTNERS
from footprint.flows.partnership import (LEDGER_DRAWS_CAP, LEDGER_YEARS, Partnership, compute, partnership_ledger,
                                         partnership_of)
from footprint.flows.schema import (
    CURRENCIES,
    DUPLICATE_KEY,
    FLOW_COLUMNS,
    FLOWS_FILE,
    HUB,
    KINDS,
    LAYERS,
    NODE_COLUMNS,
    NODE_SCHEMA,
    NODES_FILE,
    PARAMETER_SCHEMA,
    PARAMETERS_FILE,
    SERIES_KEY,
    UNIT_SCHEMA,
    UNITS_FILE,
    YEARS,
    check_year,
    combine,
    flow_schema,
    validate_flows,
    validate_nodes,
    validate_units,
)
from footprint.flows.selection import item_category, select, snapshot

__all__ = [
    "CURRENCIES",
    "DUPLICATE_KEY",
    "FLOWS_FILE",
    "FLOW_COLUMNS",
    "HUB",
    "KINDS",
    "LEDGER_DRAWS_CAP",
    "LEDGER_YEARS",
    "LAYERS",
    "NODES_FILE",
    "NODE_COLUMNS",
    "NODE_SCHEMA",
    "NOT_AVAILABLE",
    "PARAMETERS_FILE",
    "PARAMETER_SCHEMA",
    "PARTNERS",
    "SERIES_KEY",
    "UNITS_FILE",
    "UNIT_SCHEMA",
    "YEARS",
    "FlowAnalysis",
    "Partnership",
    "Seed",
    "add_user_tables",
    "analyse_flows",
    "bond_metrics",
    "build_graph",
    "build_ledger",
    "ledger_latest_year",
    "partner_magnitudes",
    "centrality",
    "check_year",
    "combine",
    "compute",
    "conversion_counts",
    "conversion_table",
    "convert",
    "cycles",
    "display",
    "distinct_pairs",
    "flow_schema",
    "flows_from_allocation",
    "flows_from_fund_flows",
    "flows_from_origin_table",
    "graph_to_tables",
    "headline",
    "hub_links",
    "item_category",
    "layer_sets",
    "layer_totals",
    "load_flows",
    "load_nodes",
    "load_parameters",
    "load_seed",
    "load_units",
    "magnitude_bonds",
    "magnitude_flows",
    "nfa_forest_factors",
    "node_balance",
    "origin_year_for",
    "pagerank",
    "partner_balance",
    "partnership_ledger",
    "partnership_of",
    "read_flows_file",
    "read_nodes_file",
    "select",
    "shannon_index",
    "snapshot",
    "summary_counts",
    "time_series",
    "validate_flows",
    "validate_nodes",
    "validate_units",
    "with_model_layers",
]
