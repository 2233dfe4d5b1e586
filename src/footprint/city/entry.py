"""Osaka entry points for other topics and notebooks: load the shipped inputs, then call the pure functions.

Each function takes already loaded ``inputs`` where it can, so a caller that has them (a
notebook) loads nothing twice; without them it uses :func:`~footprint.city.inputs.default_inputs`.
"""

from __future__ import annotations

import pandas as pd

from footprint.accounts import LAND_TYPES
from footprint.city.categories import DEFAULT_SEED, OSAKA
from footprint.city.central import carbon_footprint, city_footprint, origin_table
from footprint.city.inputs import CityInputs, default_inputs
from footprint.city.lookups import year_context
from footprint.city.results import headline_results
from footprint.core.units import load_carbon_uptake


def osaka_origin_table(year: int | None = None, inputs: CityInputs | None = None,
                       carbon: str = "by_production") -> pd.DataFrame:
    """:func:`~footprint.city.central.origin_table` of Osaka City: ``land_type, origin, ef_gha, status, source``.

    ``carbon``: ``by_production`` (for now the default, because the flow graph's city layer takes
    three origins only) or ``not_located`` (carbon apart as
    :data:`~footprint.city.categories.CARBON_NOT_LOCATED`: the honest split notebook 02 shows).
    """
    return origin_table(city_footprint(inputs or default_inputs(), OSAKA, year), carbon)


def osaka_carbon_footprint(year: int | None = None, inputs: CityInputs | None = None) -> dict:
    """:func:`~footprint.city.central.carbon_footprint` of Osaka City in the year's forest EQF.

    The CO₂ → gha parameters are the central values of ``data/raw/units/carbon_uptake.csv``
    (:func:`footprint.core.units.load_carbon_uptake`).
    """
    inputs = inputs or default_inputs()
    fp = city_footprint(inputs, OSAKA, year)
    eqf_forest = float(year_context(inputs, fp.year).equivalence_factors[LAND_TYPES.index("carbon")])
    return carbon_footprint(fp, eqf_forest, load_carbon_uptake())


def osaka_headline(year: int | None = None, draws: int = 2000, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """:func:`~footprint.city.results.headline_results` for Osaka City with the shipped inputs (what briefs cite)."""
    return headline_results(default_inputs(), OSAKA, year, draws, seed)
