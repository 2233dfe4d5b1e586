"""The forest topic's one compute entry point: ``compute(params, inputs, city) -> Result``.

The forest scenario (:func:`~footprint.forest.scenario.forest_scenario`), Osaka City's emissions
and the offsets against its carbon footprint, computed once per run from the run's parameters and
the run's Osaka city result (its carbon footprint), so that notebook 03, the flow graph and the
brief quote the same numbers. :func:`scenario_of` rebuilds the :class:`ForestScenario` object
from a stored result for the functions that take one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict

from footprint.core.errors import ParameterError
from footprint.core.results import Result
from footprint.forest.fund import OsakaShares
from footprint.forest.inputs import ForestInputs, load_supplied_indicators
from footprint.forest.offsets import CarbonFootprint, Emissions, carbon_footprint_from_city, osaka_emissions
from footprint.forest.scenario import ForestScenario, forest_scenario, headline, scenario_offsets

PARAMETERS = ("fiscal_years", "census_2020_from_fy", "payers_persons", "forestry_workers_file", "planted_forest_file",
              "destination_fy", "wood_share", "purchase_years", "horizon_year", "partner_codes", "supported_area_ha",
              "stand_mix", "sink_from_year", "emissions_co2_t")
_TABLES = ("flows", "checks", "regions", "destinations", "wood", "stock", "sink")


def compute(params: Mapping[str, object], inputs: ForestInputs, city: Result) -> Result:
    """The forest scenario, emissions and offsets (``params``: :data:`PARAMETERS`; ``city``: the run's
    Osaka City result of :func:`footprint.city.compute`, whose carbon footprint the offsets are set against)."""
    missing = [n for n in PARAMETERS if n not in params]
    if missing:
        raise ParameterError(f"forest.compute: expected the parameters {list(PARAMETERS)}, found no {missing}")
    p = dict(params)
    workers, planted = load_supplied_indicators(p["forestry_workers_file"], p["planted_forest_file"],
                                                inputs.municipalities)
    sc = forest_scenario(
        inputs, fiscal_years=p["fiscal_years"], census_2020_from_fy=p["census_2020_from_fy"],
        payers_persons=p["payers_persons"], forestry_workers=workers, planted_forest=planted,
        destination_fy=p["destination_fy"], wood_share=p["wood_share"], purchase_years=p["purchase_years"],
        horizon_year=p["horizon_year"], partner_codes=p["partner_codes"], supported_area_ha=p["supported_area_ha"],
        stand_mix=p["stand_mix"],
    )
    emissions = osaka_emissions(inputs.municipalities, inputs.constants, p["emissions_co2_t"])
    cf = carbon_footprint_from_city(city.value("carbon_footprint"))
    off = scenario_offsets(sc, emissions, cf, p["sink_from_year"])
    tables = {name: getattr(sc, name) for name in _TABLES} | {"offsets": off, "published": inputs.published}
    values = {
        "shares": asdict(sc.shares), "destination_fy": sc.destination_fy, "purchase_years": list(sc.purchase_years),
        "horizon_year": sc.horizon_year, "wood_share": sc.wood_share, "supported_area_ha": sc.supported_area_ha,
        "emissions": asdict(emissions), "carbon_footprint": asdict(cf), "headline_json": headline(sc, emissions, cf),
        "sink_from_year": int(p["sink_from_year"]),
    }
    return Result("forest", p, tables, values)


def scenario_of(result: Result) -> ForestScenario:
    """The :class:`ForestScenario` of a forest result (computed or read back)."""
    v = result.values
    return ForestScenario(shares=OsakaShares(**v["shares"]), destination_fy=int(v["destination_fy"]),
                          purchase_years=tuple(v["purchase_years"]), horizon_year=int(v["horizon_year"]),
                          wood_share=float(v["wood_share"]), supported_area_ha=float(v["supported_area_ha"]),
                          **{name: result[name] for name in _TABLES})


def emissions_of(result: Result) -> Emissions:
    return Emissions(**result.value("emissions"))


def carbon_footprint_of(result: Result) -> CarbonFootprint:
    return CarbonFootprint(**result.value("carbon_footprint"))
