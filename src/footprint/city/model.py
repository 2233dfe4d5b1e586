"""The item-level city model with its structural choices: one function for the central value and the draws.

A :class:`Structure` fixes every structural choice (the CLUM prior, the bridge variant, the
direct-energy share, price deflation, grid scaling, the household basis). :func:`city_clum_draws`
computes the city CLUM per person for cities × draws where each draw carries its own choices
(indices into :data:`STRUCTURAL_CHOICES`, the first entry of each being the default) and its own
parametric noise. With every choice at its default and no noise it is the central estimate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from footprint.accounts import LAND_TYPES
from footprint.city.categories import CLUM_ROWS, HH_ROWS, NATIONAL, WINDOW_YEARS
from footprint.city.clum import clum_margins, estimate_clum
from footprint.city.item_inputs import ItemData
from footprint.city.items import BRIDGE_VARIANTS, COMPONENTS, city_clum, driver_ratios
from footprint.core.errors import ParameterError

PRIORS: tuple[str, ...] = ("gfn_profiles", "national_mix")
ENERGY_SHARES: tuple[str, ...] = ("value", "low", "high")
#: every structural choice and its options; the first option is the default
STRUCTURAL_CHOICES: dict[str, tuple] = {
    "prior": PRIORS,
    "bridge": BRIDGE_VARIANTS,
    "energy_share": ENERGY_SHARES,
    "prices": (True, False),
    "grid": (True, False),
    "household": ("two_or_more", "all_households"),
}
#: the component each survey-noise group of the Monte Carlo covers (by household row)
COMPONENT_ROW = {"food": "food", "housing_rent": "housing", "housing_other": "housing", "electricity": "housing",
                 "housing_fuels": "housing", "petrol": "personal_transport", "transport_other": "personal_transport",
                 "goods": "goods", "services": "services"}


@dataclass(frozen=True)
class Structure:
    """One combination of the structural choices (defaults: the model's central choice)."""

    prior: str = "gfn_profiles"
    bridge: str = "default"
    energy_share: str = "value"
    prices: bool = True
    grid: bool = True
    household: str = "two_or_more"

    def indices(self) -> dict[str, int]:
        out = {}
        for k, opts in STRUCTURAL_CHOICES.items():  # 6 choices
            v = getattr(self, k)
            if v not in opts:
                raise ParameterError(f"structure: {k} expected one of {list(opts)}, found {v!r}")
            out[k] = opts.index(v)
        return out


DEFAULT_STRUCTURE = Structure()


def window_years(d: ItemData, year: int) -> np.ndarray:
    """Positions (in ``d.years``) of the survey window of ``year``: ``year − 2 … year``."""
    pos = np.flatnonzero((d.years <= year) & (d.years > year - WINDOW_YEARS))
    if pos.size == 0:
        raise ParameterError(f"year {year}: no item-level survey data in {year - WINDOW_YEARS + 1}–{year}; "
                             f"available {d.years[0]}–{d.years[-1]}")
    return pos


def per_person_spending(d: ItemData, idx: np.ndarray, year: int) -> tuple[np.ndarray, np.ndarray]:
    """Window-mean spending per person by component for both bridge variants: ``(city (2, c, K), years (c,))``.

    Only the window's years with data count; ``years`` is how many (the noise of a mean of n years
    is ``σ / √n``).
    """
    pos = window_years(d, year)
    s = d.spend[:, idx][:, :, pos]  # (2, c, w, K)
    have = d.present[idx][:, pos]
    n = have.sum(axis=1)
    if np.any(n == 0):
        bad = d.areas[int(idx[np.flatnonzero(n == 0)[0]])]
        raise ParameterError(f"city {bad}: no item-level survey data in {year - WINDOW_YEARS + 1}–{year}")
    mean = np.nansum(s, axis=2) / n[None, :, None]
    return mean / d.household_size[idx][None, :, None], n


def household_margin(d: ItemData, idx: np.ndarray) -> np.ndarray:
    """Factor moving a city's ratio from the two-or-more-person basis to all households (c,).

    ``(1 + π_c (ρ − 1)) / (1 + π_n (ρ − 1))`` with ``π`` the share of persons living alone and
    ``ρ`` one-person households' spending per person relative to larger households; 1 where the
    city's share is unknown.
    """
    rho = d.one_person_rho
    pn = d.one_person_share[d.index(NATIONAL)]
    pc = d.one_person_share[idx]
    return np.where(np.isfinite(pc), (1 + pc * (rho - 1)) / (1 + pn * (rho - 1)), 1.0)


def energy_share_arrays(d: ItemData) -> np.ndarray:
    """(3 options, 3 parameters) array: rows value/low/high; columns s_housing, s_transport, w_electricity."""
    return _energy_share_arrays(d.energy_shares).copy()


_ENERGY_KEYS = [("direct_energy_share", "housing"), ("direct_energy_share", "personal_transport"),
                ("electricity_share_of_housing_energy", "housing")]
_ENERGY_MEMO: dict[int, tuple[pd.DataFrame, np.ndarray]] = {}


def _energy_share_arrays(es: pd.DataFrame) -> np.ndarray:
    """The array of :func:`energy_share_arrays`, read once per loaded table (the model asks for it per draw set)."""
    hit = _ENERGY_MEMO.get(id(es))
    if hit is None or hit[0] is not es:
        arr = es.loc[_ENERGY_KEYS, list(ENERGY_SHARES)].to_numpy(dtype=float).T
        hit = _ENERGY_MEMO[id(es)] = (es, arr)
    return hit[1]


def prior_profiles(prior_gfn: np.ndarray, ef_consumption_pc: np.ndarray) -> np.ndarray:
    """(2, 7, 6) prior land-type profiles: GFN's (Philippines CLUM) and every row at Japan's own land-type mix."""
    mix = np.broadcast_to(np.asarray(ef_consumption_pc, dtype=float), prior_gfn.shape)
    return np.stack([prior_gfn, mix])


def national_clum_variants(inputs, ctx, choice: Mapping[str, np.ndarray], z_prof, z_w, u_h,
                           on: Mapping[str, bool], unc) -> np.ndarray:
    """Japan's CLUM per draw (n, 7, 6): RAS of the draw's prior (variant × parametric noise) to the margins."""
    n = len(choice["prior"])
    if inputs.clum is not None:  # a user CLUM is fixed
        return np.broadcast_to(inputs.clum[list(LAND_TYPES)].to_numpy(dtype=float), (n, len(CLUM_ROWS),
                                                                                    len(LAND_TYPES)))
    gfn = inputs.prior[list(LAND_TYPES)].to_numpy(dtype=float)
    profs = prior_profiles(gfn, ctx.ef_consumption_pc)
    w, (h0, h_lo, h_hi) = clum_margins(inputs)
    varied = on.get("clum_profiles") or on.get("clum_row_weights") or on.get("household_share")
    if not varied and np.all(choice["prior"] == choice["prior"][0]):
        key = ("clum_v2", int(choice["prior"][0]), ctx.ef_consumption_pc.tobytes())
        if key not in inputs.memo:
            inputs.memo[key] = estimate_clum(profs[int(choice["prior"][0])], w, h0, ctx.ef_consumption_pc)
        return np.broadcast_to(inputs.memo[key], (n, len(CLUM_ROWS), len(LAND_TYPES)))
    prof_d = profs[choice["prior"]] * np.exp(unc.prior_profile_sigma * on.get("clum_profiles", False) * z_prof)
    w_d = w * np.exp(unc.row_weight_sigma * on.get("clum_row_weights", False) * z_w)
    h_d = h_lo + (h_hi - h_lo) * u_h if on.get("household_share") else np.full(n, h0)
    return estimate_clum(prof_d, w_d, h_d, ctx.ef_consumption_pc)


def city_clum_draws(d: ItemData, idx: Sequence[int], year: int, clum: np.ndarray, choice: Mapping[str, np.ndarray],
                    z_survey: np.ndarray | None = None, z_size: np.ndarray | None = None,
                    on: Mapping[str, bool] | None = None, unc=None) -> np.ndarray:
    """City CLUMs per person (c, n, 7, 6) for cities ``idx`` × draws.

    ``clum``: (n, 7, 6) Japan's CLUM per draw; ``choice``: per structural choice an int array (n,)
    of option indices; ``z_survey`` (c, n, K) and ``z_size`` (c, n) standard normals of the
    parametric survey noise and household size (None: none).
    """
    idx = np.asarray(idx, dtype=int)
    on = on or {}
    i_nat = d.index(NATIONAL)
    city_pp, nyears = per_person_spending(d, idx, year)  # (2, c, K)
    nat_pp, _ = per_person_spending(d, np.array([i_nat]), year)  # (2, 1, K)
    yi = int(np.flatnonzero(d.years == year)[0]) if year in d.years else len(d.years) - 1
    b = choice["bridge"]
    city = city_pp[b].transpose(1, 0, 2)  # (c, n, K)
    nat = nat_pp[b][:, 0]  # (n, K)
    if z_survey is not None:
        sv_on = np.array([on.get(f"survey_{COMPONENT_ROW[k]}", False) for k in COMPONENTS], dtype=float)
        sig = d.noise[idx] * unc.survey_noise_scale / np.sqrt(nyears)[:, None]
        city = city * np.exp(sig[:, None, :] * sv_on * z_survey)
    if z_size is not None and on.get("household_size"):
        pub = d.household_size_published[idx]
        sd = np.where(pub, unc.household_size_sigma_published, unc.household_size_sigma_assumed)
        city = city / np.exp(sd[:, None] * z_size)[..., None]
    price_on = (np.asarray(choice["prices"]) == 0)[None, :, None]
    city = city / np.where(price_on, d.price[idx, yi][:, None, :], 1.0)
    r = driver_ratios(city, nat[None])  # (c, n, J)
    margin = household_margin(d, idx)[:, None]
    r = r * np.where(np.asarray(choice["household"])[None, :] == 1, margin, 1.0)[..., None]
    grid = np.where(np.asarray(choice["grid"])[None, :] == 0, d.grid[idx, yi][:, None], 1.0)
    sh = energy_share_arrays(d)[choice["energy_share"]]  # (n, 3)
    return city_clum(clum[None], r, sh[None, :, 0], sh[None, :, 1], sh[None, :, 2], grid)


def default_choice(n: int, structure: Structure = DEFAULT_STRUCTURE) -> dict[str, np.ndarray]:
    """Every draw at the options of ``structure``: ``{choice: int array (n,)}``."""
    return {k: np.full(n, i, dtype=int) for k, i in structure.indices().items()}


def row_ratios(city: np.ndarray, nation: np.ndarray) -> np.ndarray:
    """Effective ratio of each household row: city row total ÷ national row total (…, 5)."""
    hh = [CLUM_ROWS.index(r) for r in HH_ROWS]
    c = np.asarray(city)[..., hh, :].sum(axis=-1)
    n = np.asarray(nation)[..., hh, :].sum(axis=-1)
    return np.divide(c, n, out=np.ones_like(c), where=n > 0)
