"""Annual CO2 sink of partner forests supported by Osaka (Forestry Agency; NIR)::

    ΔCO2 [t/yr] = ΔV [m3/yr] × BEF × (1 + R) × D × CF × 44/12

``ΔV`` stem-volume increment (narrowest age class of the species), ``BEF`` biomass expansion
factor (≤ 20 or > 20 years), ``R`` root-to-shoot ratio, ``D`` basic density, ``CF`` carbon fraction.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from footprint.core import suggest
from footprint.core.errors import ParameterError
from footprint.core.schema import first_bad_row
from footprint.core.status import weakest_status_rows
from footprint.forest.inputs import FILES, SOURCES
from footprint.forest.wood import CO2_PER_C


def sink_co2_t(delta_v_m3, bef, root_shoot, density_t_per_m3, carbon_fraction):
    """Annual CO2 removal: ``ΔV × BEF × (1 + R) × D × CF × 44/12`` (t-CO2/yr)."""
    return np.asarray(delta_v_m3, dtype=float) * bef * (1.0 + np.asarray(root_shoot)) * density_t_per_m3 \
        * carbon_fraction * CO2_PER_C


def stands_table(partner_codes: Sequence[str], area_ha_per_partner: float, stand_mix: Sequence[Sequence],
                 municipalities: pd.DataFrame, *, status: str = "illustrative") -> pd.DataFrame:
    """Supported stands: each partner × each ``[species, age_y, fraction]`` of ``stand_mix``.

    Returns ``code5, name, pref_name, species, age_y, area_ha, status``.
    """
    codes = [str(c).zfill(5) for c in partner_codes]
    known = set(municipalities["code5"])
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ParameterError(f"partner municipality code {unknown[0]!r}: expected one of the 1,741 codes of "
                             f"{FILES['municipalities']}, found none; close: {suggest(unknown[0], sorted(known), n=3)}")
    if area_ha_per_partner < 0:
        raise ParameterError(f"supported area: expected >= 0 ha, found {area_ha_per_partner}")
    mix = pd.DataFrame([list(m) for m in stand_mix], columns=["species", "age_y", "fraction"])
    if (mix["fraction"] < 0).any() or abs(mix["fraction"].sum() - 1) > 1e-6:
        raise ParameterError(f"stand_mix: expected fractions >= 0 summing to 1, found {mix['fraction'].tolist()}")
    m = municipalities.set_index("code5").loc[codes, ["name", "pref_name"]].reset_index()
    t = m.merge(mix, how="cross")
    t["area_ha"] = area_ha_per_partner * t["fraction"]
    t["status"] = status
    return t.drop(columns="fraction")


def _increments(st: pd.DataFrame, increments: pd.DataFrame) -> pd.DataFrame:
    """The narrowest age class of each stand's species that contains its age (indexed by ``_row``)."""
    cand = st[["_row", "species", "age_y"]].merge(increments, on="species", how="left")
    cand = cand[(cand["age_from"] <= cand["age_y"]) & (cand["age_y"] <= cand["age_to"])]
    cand = cand.assign(width=cand["age_to"] - cand["age_from"]).sort_values(["_row", "width"], kind="stable")
    inc = cand.drop_duplicates("_row").set_index("_row")
    i = first_bad_row(~st["_row"].isin(inc.index).to_numpy())
    if i is not None:
        rows = increments[increments["species"] == st["species"].iloc[i]]
        spans = [f"{a}-{b}" for a, b in zip(rows["age_from"], rows["age_to"], strict=True)]
        raise ParameterError(f"stand {i + 1} ({st['species'].iloc[i]}, age {st['age_y'].iloc[i]}): expected an age "
                             f"covered by {FILES['increments']} ({spans}), found none")
    return inc


def forest_sink(stands: pd.DataFrame, species: pd.DataFrame, increments: pd.DataFrame) -> pd.DataFrame:
    """Annual sink of supported stands by species and age (t-CO2/yr), :func:`sink_co2_t` per stand.

    ``stands``: ``species, age_y, area_ha`` (+ any id columns, + optional ``status``). The
    increment is the narrowest age class of the species that contains ``age_y``; BEF is the
    ≤ 20-year or > 20-year value. Returns the stands with ``increment_m3_per_ha_yr``,
    ``volume_m3`` (annual stem-volume increment), ``bef, root_shoot, density_t_per_m3,
    carbon_fraction, co2_t, co2_t_per_ha, status, source``.
    """
    st = stands.reset_index(drop=True).copy()
    st["_row"] = np.arange(len(st))
    i = first_bad_row((st["area_ha"] < 0).to_numpy())
    if i is not None:
        raise ParameterError(f"stands row {i + 1}: expected area_ha >= 0, found {st['area_ha'].iloc[i]}")
    unknown = sorted(set(st["species"]) - set(species["species"]))
    if unknown:
        raise ParameterError(f"species {unknown[0]!r}: expected one of {sorted(species['species'])} "
                             f"({FILES['species']}); close: {suggest(unknown[0], species['species'])}")
    inc = _increments(st, increments)
    sp = species.set_index("species").loc[st["species"]]
    age = st["age_y"].to_numpy(dtype=float)
    bef = np.where(age <= 20, sp["bef_le20"].to_numpy(), sp["bef_gt20"].to_numpy())
    inc_v = inc.loc[st["_row"], "increment_m3_per_ha_yr"].to_numpy()
    area = st["area_ha"].to_numpy()
    volume = inc_v * area
    co2 = sink_co2_t(volume, bef, sp["root_shoot"].to_numpy(), sp["basic_density_t_per_m3"].to_numpy(),
                     sp["carbon_fraction"].to_numpy())
    stand_status = st["status"] if "status" in st else ["published"] * len(st)
    out = st.drop(columns=["_row"]).assign(
        increment_m3_per_ha_yr=inc_v,
        volume_m3=volume,
        bef=bef,
        root_shoot=sp["root_shoot"].to_numpy(),
        density_t_per_m3=sp["basic_density_t_per_m3"].to_numpy(),
        carbon_fraction=sp["carbon_fraction"].to_numpy(),
        co2_t=co2,
        co2_t_per_ha=np.divide(co2, area, out=np.zeros_like(co2), where=area > 0),
        increment_status=inc.loc[st["_row"], "status"].to_numpy(),
        species_status=sp["status"].to_numpy(),
        source=SOURCES["sink"],
    )
    out["status"] = weakest_status_rows(out["increment_status"], out["species_status"], stand_status)
    return out
