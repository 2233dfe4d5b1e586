"""The model beside published city footprints, the ranking of all cities, and the household-basis margin.

No published *ecological* footprint of a Japanese city was found; the published numbers read are
household *carbon* footprints (Koide et al. 2021, via a news quote), so the comparison is of the
model's household carbon (the carbon land of the five household CLUM rows, in t CO₂ by the one
CO₂ → gha conversion) and, because the two measure different things (GHG vs CO₂, input-output
intensities vs a downscaled CLUM, their year vs ours), of **ratios to the 52-city mean**, never of
levels tuned to match.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from footprint.accounts import LAND_TYPES
from footprint.city.categories import CLUM_ROWS, HH_ROWS, NATIONAL
from footprint.city.central import city_footprint
from footprint.city.inputs import CityInputs
from footprint.city.lookups import city_years
from footprint.city.model import household_margin

__all__ = ["household_basis_table", "household_carbon_t_per_person", "validation_table"]


def household_carbon_t_per_person(inputs: CityInputs, names, year: int, gha_per_t_co2: float) -> pd.Series:
    """Central household carbon footprint per person (t CO₂): carbon of the five household rows ÷ gha per t CO₂."""
    hh = [CLUM_ROWS.index(r) for r in HH_ROWS]
    ic = LAND_TYPES.index("carbon")
    vals = [city_footprint(inputs, c, year).clum_city[list(LAND_TYPES)].to_numpy()[hh, ic].sum() for c in names]
    return pd.Series(np.asarray(vals) / gha_per_t_co2, index=list(names), name="household_co2_t_per_person")


def validation_table(inputs: CityInputs, published: pd.DataFrame, year: int, gha_per_t_co2: float) -> pd.DataFrame:
    """Published footprints beside the model: levels and ratios to the 52-city mean.

    Columns: ``place, publication, published_year, method, published_value, unit, published_ratio_to_mean,
    model_year, model_co2_t_per_person, model_ratio_to_mean, ratio_difference, read_in, status, note``.
    The model's level is CO₂ of household rows only (no other GHG, no government or capital
    formation), so levels differ by construction; the ratios are what can be compared.
    """
    d = inputs.items
    # the cities surveyed in the year's window (相模原市 from 2013): the model's mean is theirs
    names = [a for a in d.areas if a != NATIONAL and a in inputs.cities.index and year in city_years(inputs, a)]
    model = household_carbon_t_per_person(inputs, names, year, gha_per_t_co2)
    mean_model = float(model.mean())
    pub = published[published["indicator"] == "carbon_footprint_per_person"].copy()
    mean_row = pub[pub["place"].str.contains("mean")]
    mean_pub = float(mean_row["value"].iloc[0]) if len(mean_row) else np.nan
    is_mean = pub["place"].str.contains("mean").to_numpy()
    mv = np.where(is_mean, mean_model, model.reindex(pub["place"]).to_numpy())
    out = pd.DataFrame({
        "place": pub["place"].to_numpy(), "publication": pub["publication"].to_numpy(),
        "published_year": pub["year"].to_numpy(), "method": pub["method"].to_numpy(),
        "published_value": pub["value"].to_numpy(dtype=float), "unit": pub["unit"].to_numpy(),
        "published_ratio_to_mean": pub["value"].to_numpy(dtype=float) / mean_pub,
        "model_year": year, "model_co2_t_per_person": mv, "model_ratio_to_mean": mv / mean_model,
    })
    out["ratio_difference"] = out["model_ratio_to_mean"] - out["published_ratio_to_mean"]
    out["read_in"] = pub["read_in"].to_numpy()
    out["status"] = pub["status"].to_numpy()
    out["note"] = pub["note"].to_numpy()
    return out


def household_basis_table(inputs: CityInputs, names) -> pd.DataFrame:
    """What the one-person share could change: per city the factor from the two-or-more-person basis to all households.

    Columns: ``city, persons_share_one_person, one_person_spending_ratio, factor`` (1 where the
    city's share is unknown), ``status``.
    """
    d = inputs.items
    idx = np.array([d.index(c) for c in names])
    share = d.one_person_share[idx]
    return pd.DataFrame({"city": list(names), "persons_share_one_person": share,
                         "national_persons_share_one_person": d.one_person_share[d.index(NATIONAL)],
                         "one_person_spending_ratio": d.one_person_rho, "factor": household_margin(d, idx),
                         "status": np.where(np.isfinite(share), "estimated", "unknown (factor 1)")})
