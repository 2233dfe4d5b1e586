"""Embodied footprint of trade: commodity groups -> land types, intensities from the NFA, Osaka's share.

Method (every result ``estimated``):

1. **A partition of each trade total into land-type groups** (:data:`LAND_GROUPS`). The source's
   principal commodities are nested (Meat and Fish inside Foodstuff, Wood and Soy Beans inside Raw
   Materials, Wood & Cork Manufactured inside Manufactured Goods, Furniture inside Others), so the
   groups are built from disjoint leaves: grazing land = Meat; fishing grounds = Fish; cropland =
   Foodstuff − Meat − Fish + Soy Beans; forest products = Wood + Wood & Cork Manufactured + Furniture +
   Paper; carbon = everything else (fuels and manufactures: their energy). The groups sum to the
   Grand Total of every partner, direction and year (checked by :func:`land_groups`).
2. **Intensities** (gha per billion yen) per land type and year = Japan's footprint of imports
   (exports) of that land type in the NFA ÷ the value of Japan's imports (exports) from the world
   mapped to it. Years after the NFA's last year use its last year's footprint (said in ``note``).
3. **Embodied footprint** of a partner's flow = its group value × the intensity; carbon gha ÷
   :func:`footprint.core.units.gha_per_t_co2` gives t-CO₂. Applied to the world row it returns
   Japan's NFA footprint of imports by land type (:func:`reproduction_check`).
4. **Osaka's part** = Japan's value × Osaka City's share of Japan's household consumption
   (:func:`attribution_shares`: population share × the city model's household spending ratio).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from footprint.core.errors import DataFileError, ParameterError

LAND_TYPES: tuple[str, ...] = ("cropland", "grazing_land", "forest_products", "fishing_grounds", "carbon")
#: land type -> (goods added, goods subtracted); carbon is the rest of the Grand Total
LAND_GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "cropland": (("Foodstuff", "Soy Beans"), ("Meat And Meat Preparation", "Fish And Fish Preparation")),
    "grazing_land": (("Meat And Meat Preparation",), ()),
    "fishing_grounds": (("Fish And Fish Preparation",), ()),
    "forest_products": (("Wood", "Wood & Cork Manufactured", "Furniture", "Paper & Paper Manufactures"), ()),
}
TOTAL = "Grand Total"
METHOD = ("commodity groups -> land types (food -> cropland, meat -> grazing, fish -> fishing, wood, furniture "
          "and paper -> forest, the rest -> carbon); intensity = Japan's NFA footprint of imports (exports) by land "
          "type / value of Japan's mapped imports (exports) from the world")


def land_groups(trade: pd.DataFrame, tolerance: float = 1e-6) -> pd.DataFrame:
    """Trade values split into disjoint land-type groups.

    ``trade``: :func:`~footprint.flows.partner_inputs.load_trade`. Returns ``direction, partner, year,
    land_type, value_bn_jpy`` for every (direction, partner, year) with a Grand Total; raises when the
    groups do not sum to the Grand Total (a nested group counted twice) or a group is negative.
    """
    wide = trade.pivot_table(index=["direction", "partner", "year"], columns="goods", values="value_bn_jpy",
                             aggfunc="sum", fill_value=0.0, observed=True)
    if TOTAL not in wide.columns:
        raise DataFileError("trade table", f"a {TOTAL!r} row per partner and year", "none")

    def col(name: str) -> np.ndarray:
        return wide[name].to_numpy(dtype=float) if name in wide.columns else np.zeros(len(wide))

    parts = {lt: sum((col(g) for g in add), np.zeros(len(wide))) - sum((col(g) for g in sub), np.zeros(len(wide)))
             for lt, (add, sub) in LAND_GROUPS.items()}
    total = col(TOTAL)
    parts["carbon"] = total - sum(parts.values())
    stacked = np.column_stack([parts[lt] for lt in LAND_TYPES])
    bad = stacked < -tolerance * np.maximum(total[:, None], 1.0)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise DataFileError("trade table", f"non-negative {LAND_TYPES[j]} group", f"{stacked[i, j]:.3f} bn yen",
                            key=str(wide.index[i]), hint="a nested commodity group is subtracted twice")
    out = pd.DataFrame(np.clip(stacked, 0.0, None), index=wide.index, columns=list(LAND_TYPES))
    out = out.rename_axis(columns="land_type").stack().rename("value_bn_jpy").reset_index()
    return out.sort_values(["direction", "partner", "year", "land_type"], kind="stable").reset_index(drop=True)


def intensities(groups: pd.DataFrame, nfa_trade: pd.DataFrame) -> pd.DataFrame:
    """Intensities ``gha_per_bn_jpy`` per direction, land type and year.

    ``nfa_trade``: Japan's ``year, land_type, direction (import/export), ef_gha`` (NFA ``ef_imports`` /
    ``ef_exports``, basis total). Years of ``groups`` after the NFA's last year take its last year
    (``nfa_year`` and ``note`` say so).
    """
    world = groups[groups["partner"] == "WLD"]
    last = int(nfa_trade["year"].max())
    first = int(nfa_trade["year"].min())
    w = world.assign(nfa_year=np.clip(world["year"].to_numpy(), first, last))
    m = w.merge(nfa_trade.rename(columns={"year": "nfa_year"}), on=["direction", "land_type", "nfa_year"], how="left")
    # a food land type without its own commodity line (exports list no meat or fish): its footprint goes to the
    # food (cropland) group, so that no NFA footprint is lost
    orphan = (m["value_bn_jpy"] <= 0) & m["land_type"].isin(["grazing_land", "fishing_grounds"])
    moved = m[orphan].groupby(["direction", "year"])["ef_gha"].sum()
    key = pd.MultiIndex.from_frame(m[["direction", "year"]])
    crop = (m["land_type"] == "cropland").to_numpy()
    m.loc[crop, "ef_gha"] += moved.reindex(key[crop]).fillna(0.0).to_numpy()
    m.loc[orphan, "ef_gha"] = 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        m["gha_per_bn_jpy"] = np.where(m["value_bn_jpy"] > 0, m["ef_gha"] / m["value_bn_jpy"], 0.0)
    m["note"] = np.where(m["year"] > last, f"NFA footprint of {last} (last year of the accounts)", "")
    m.loc[orphan.to_numpy(), "note"] = "no commodity line: footprint counted with food (cropland)"
    return m[["direction", "land_type", "year", "nfa_year", "ef_gha", "value_bn_jpy", "gha_per_bn_jpy", "note"]]


def embodied(groups: pd.DataFrame, intens: pd.DataFrame, gha_per_t_co2: float) -> pd.DataFrame:
    """Embodied footprint of each partner's trade: ``direction, partner, year, land_type, value_bn_jpy, ef_gha,
    co2_t`` (carbon rows only; NaN elsewhere), ``status`` estimated."""
    m = groups.merge(intens[["direction", "land_type", "year", "gha_per_bn_jpy"]],
                     on=["direction", "land_type", "year"], how="left")
    m["ef_gha"] = m["value_bn_jpy"] * m["gha_per_bn_jpy"]
    m["co2_t"] = np.where(m["land_type"] == "carbon", m["ef_gha"] / float(gha_per_t_co2), np.nan)
    m["status"] = "estimated"
    return m.drop(columns="gha_per_bn_jpy")


def reproduction_check(emb: pd.DataFrame, nfa_trade: pd.DataFrame, direction: str = "import") -> pd.DataFrame:
    """The method applied to all partners together (the world row) against Japan's NFA footprint of trade:
    ``year, land_type, method_gha, nfa_gha, rel_diff`` for the NFA's years."""
    w = emb[(emb["partner"] == "WLD") & (emb["direction"] == direction)]
    n = nfa_trade[nfa_trade["direction"] == direction]
    m = w.merge(n, on=["year", "land_type"], suffixes=("", "_nfa"))
    m = m.rename(columns={"ef_gha": "method_gha", "ef_gha_nfa": "nfa_gha"})
    m["rel_diff"] = (m["method_gha"] - m["nfa_gha"]) / m["nfa_gha"].where(m["nfa_gha"] != 0)
    return m[["year", "land_type", "method_gha", "nfa_gha", "rel_diff"]].reset_index(drop=True)


def attribution_shares(years: Sequence[int], population: Mapping[int, float], japan_population: Mapping[int, float],
                       household_ratio: Mapping[int, float], rel_sd: Mapping[int, float], *,
                       structural_sigma: float = 0.2) -> pd.DataFrame:
    """Osaka City's share of Japan's household consumption, per year.

    ``share = population / japan_population × household_ratio`` where ``household_ratio`` is the city
    model's per-person household footprint over Japan's (its spending ratios applied to the CLUM).
    Model years are given in the mappings; other ``years`` take the nearest model year (``note``).
    ``sigma`` (log scale) = the city model's relative Monte Carlo spread ``rel_sd`` combined with
    ``structural_sigma``, the uncertainty of using the household-consumption share as the share of trade
    (a judgement, illustrative). Status ``estimated``.
    """
    if not 0 <= structural_sigma < 2:
        raise ParameterError("structural_sigma", "a log-scale spread in [0, 2)", repr(structural_sigma))
    model = np.array(sorted(household_ratio), dtype=int)
    if model.size == 0:
        raise ParameterError("household_ratio", "at least one model year", "none")
    ys = np.asarray(list(years), dtype=int)
    nearest = model[np.abs(ys[:, None] - model[None, :]).argmin(axis=1)]
    pop = np.array([population[y] for y in nearest], dtype=float)
    jp = np.array([japan_population[y] for y in nearest], dtype=float)
    ratio = np.array([household_ratio[y] for y in nearest], dtype=float)
    sd = np.array([rel_sd[y] for y in nearest], dtype=float)
    share = pop / jp * ratio
    if np.any(share > 1) or np.any(share <= 0):
        raise ParameterError("attribution share", "a share in (0, 1]", f"{share.max():.4g}")
    return pd.DataFrame({
        "year": ys, "model_year": nearest, "population_share": pop / jp, "household_ratio": ratio,
        "share": share, "sigma": np.sqrt(np.log1p(sd ** 2) + structural_sigma ** 2),
        "note": np.where(nearest != ys, "city model year " + nearest.astype(str) + " (nearest)", ""),
        "status": "estimated",
    })


def osaka_household_share(household: pd.DataFrame, years: Sequence[int], *, structural_sigma: float = 0.2,
                          ) -> pd.DataFrame:
    """:func:`attribution_shares` for Osaka City from the city model's per-year household figures
    (the ``household_by_year`` table of :func:`footprint.city.compute`: population, Japan's
    population, household spending ratio and the relative Monte Carlo spread of the footprint)."""
    h = household.set_index("year")
    out = attribution_shares(years, h["population_persons"].to_dict(), h["japan_population_persons"].to_dict(),
                             h["household_ratio"].to_dict(), h["ef_rel_spread"].to_dict(),
                             structural_sigma=structural_sigma)
    out["source"] = "footprint.city (population, household spending ratio) / NFA 2025 (Japan's population)"
    return out
