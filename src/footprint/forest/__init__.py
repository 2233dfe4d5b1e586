"""Forest Environment Transfer Tax (森林環境譲与税), carbon stored in purchased wood, forest sinks.

Map of the package (every public name is re-exported here: ``from footprint import forest as F``):

``inputs``      loaders and schemas of ``data/raw/forest`` and ``data/raw/municipal``, a researcher's
                worker and planted-forest tables; ``ForestInputs``, ``AllocationParams``, ``CarbonParams``;
                ``FILES`` and the citations ``SOURCES``.
``allocation``  the transfer-tax allocation (法第28条): pools and weights by fiscal year, forest-ratio
                correction, ``allocate``, population shares, receipts from shares, ``region_shares``.
``fund``        Osaka City's money: shares (workers calibrated on FY2023), receipts, levy, net flow
                (``osaka_fund_flows``), checks against published receipts, where the levy goes.
``wood``        carbon in purchased wood (guideline ``W × D × Cf × 44/12``) and its stock: a
                first-order-decay lifetime model driving an inflow-driven stock (IPCC Eq. 12.1).
``sink``        annual sink of supported partner stands (``ΔV × BEF × (1+R) × D × CF × 44/12``).
``offsets``     stored + absorbed against Osaka's emissions and carbon footprint (``CarbonFootprint``,
                ``Emissions``).
``scenario``    the forest scenario written once (``forest_scenario`` → ``ForestScenario``), its
                offsets, tables and headline; notebooks 03 and 05 both call it.

Every table carries ``status`` (published / derived / estimated / illustrative) and ``source``.
"""

from footprint.forest.allocation import (
    allocate,
    as_years,
    census_columns,
    fiscal_year_parameters,
    forest_ratio_multiplier,
    largest_remainder,
    municipality_indicators,
    population_shares,
    receipts_from_shares,
    region_shares,
    year_span,
)
from footprint.forest.fund import (
    LEVY_FROM_FY,
    OsakaShares,
    calibrate_workers_share,
    estimate_payers,
    fund_flows,
    levy_payments,
    money_destinations,
    osaka_fund_flows,
    osaka_receipts,
    osaka_shares,
    receipt_checks,
)
from footprint.forest.inputs import (
    FILES,
    PLANTED_SCHEMA,
    SOURCES,
    WORKERS_SCHEMA,
    AllocationParams,
    CarbonParams,
    ForestInputs,
    load_allocation_params,
    load_carbon_params,
    load_constants,
    load_forestry_workers,
    load_inputs,
    load_municipalities,
    load_planted_forest,
    load_prefectures,
    load_published_receipts,
    load_supplied_indicators,
)
from footprint.forest.offsets import (
    CITY_METHOD,
    CarbonFootprint,
    Emissions,
    carbon_footprint_estimate,
    carbon_footprint_from_city,
    estimate_city_emissions,
    national_carbon_footprint,
    offsets,
    osaka_emissions,
)
from footprint.forest.compute import carbon_footprint_of, compute, emissions_of, scenario_of
from footprint.forest.scenario import (SCENARIO_PARAMETERS, ForestScenario, forest_scenario, headline, scenario_offsets,
                                       scenario_tables)
from footprint.forest.sink import forest_sink, sink_co2_t, stands_table
from footprint.forest.wood import (
    CO2_PER_C,
    FirstOrderDecay,
    InflowDrivenStock,
    decay_constant,
    fod_stock,
    hwp_stock,
    stored_co2_t,
    wood_carbon,
)

__all__ = [
    "CITY_METHOD", "CO2_PER_C", "FILES", "LEVY_FROM_FY", "PLANTED_SCHEMA", "SOURCES",
    "WORKERS_SCHEMA", "AllocationParams", "CarbonFootprint", "CarbonParams", "Emissions", "FirstOrderDecay",
    "ForestInputs", "ForestScenario", "InflowDrivenStock", "OsakaShares", "allocate", "as_years",
    "calibrate_workers_share", "carbon_footprint_estimate", "carbon_footprint_from_city", "carbon_footprint_of",
    "compute", "census_columns",
    "decay_constant", "emissions_of", "estimate_city_emissions", "estimate_payers", "fiscal_year_parameters", "fod_stock",
    "SCENARIO_PARAMETERS", "forest_ratio_multiplier", "forest_scenario", "forest_sink", "fund_flows", "headline", "hwp_stock",
    "largest_remainder", "levy_payments", "load_allocation_params", "load_carbon_params", "load_constants",
    "load_forestry_workers", "load_inputs", "load_municipalities", "load_planted_forest", "load_prefectures",
    "load_published_receipts", "load_supplied_indicators", "money_destinations", "municipality_indicators",
    "national_carbon_footprint", "offsets", "osaka_emissions", "osaka_fund_flows", "osaka_receipts", "osaka_shares",
    "population_shares", "receipt_checks", "receipts_from_shares", "region_shares", "scenario_of", "scenario_offsets",
    "scenario_tables", "sink_co2_t", "stands_table", "stored_co2_t", "wood_carbon", "year_span",
]
