"""Monte Carlo of the city footprint: the input groups, their spreads, the draws and :func:`simulate`.

The uncertain inputs form the Monte Carlo input groups :data:`INPUT_GROUPS` (the CLUM prior and
margins, survey noise per household row, the national stand-in, household size, land use).
Random numbers are drawn once, in a fixed order, by :func:`random_draws`; a group left out of
``vary`` is held at its central value, so one-at-a-time sensitivity compares like with like.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from footprint.accounts import LAND_TYPES
from footprint.city.categories import (
    CLUM_ROWS,
    DEFAULT_SEED,
    HH_ROWS,
    OSAKA,
    SURVEY_CATEGORIES,
    mapping_matrix,
)
from footprint.city.clum import clum_margins, estimate_clum, national_clum
from footprint.city.footprint import (
    INDICATORS,
    city_biocapacity,
    full_row_ratios,
    import_shares,
    indicators,
)
from footprint.city.inputs import CityInputs
from footprint.city.lookups import (
    household_sizes,
    land_use_arrays,
    population,
    resolve_city,
    resolve_year,
    window_means,
    year_context,
)
from footprint.city.model import (
    STRUCTURAL_CHOICES,
    city_clum_draws,
    default_choice,
    national_clum_variants,
)
from footprint.city.national import YearContext
from footprint.city.spending import spending_ratios
from footprint.core.errors import ParameterError

#: the Monte Carlo input groups: what :func:`simulate` varies (the sensitivity varies one at a time)
INPUT_GROUPS: tuple[str, ...] = (
    "clum_profiles",
    "clum_row_weights",
    "household_share",
    *(f"survey_{r}" for r in HH_ROWS),
    "household_size",
    "land_use",
)
#: the SSDSE alternative also varies its national stand-in (the capitals' mean where 全国 is missing)
SSDSE_GROUPS: tuple[str, ...] = (*INPUT_GROUPS, "national_standin")
GROUPS = INPUT_GROUPS  # the name used before the package split


@dataclass(frozen=True)
class Uncertainty:
    """Spreads of the uncertain inputs that have no published error (illustrative defaults).

    Log-normal, median-preserving: a spread σ multiplies a value by ``exp(σ z)``.
    ``prior_profile_sigma`` applies to each cell of the prior profile, ``row_weight_sigma`` to
    each row weight; household sizes get ``household_size_sigma_published`` where SSDSE-C gives
    the city's value and ``household_size_sigma_assumed`` where the national value stands in.
    Survey noise and the national stand-in error are derived from the data
    (:func:`~footprint.city.spending.survey_noise`, :func:`~footprint.city.spending.standin_error`);
    the household share and land-use areas are drawn uniformly between their low and high values.
    """

    prior_profile_sigma: float = 0.30
    row_weight_sigma: float = 0.25
    household_size_sigma_published: float = 0.02
    household_size_sigma_assumed: float = 0.05
    survey_noise_scale: float = 1.0


DEFAULT_UNCERTAINTY = Uncertainty()


@dataclass(frozen=True)
class RandomDraws:
    """Standard normal (``z_*``) and uniform (``u_*``) numbers of one Monte Carlo, n draws × c cities."""

    z_profiles: np.ndarray  # (n, 7, 6)
    z_row_weights: np.ndarray  # (n, 7)
    u_household_share: np.ndarray  # (n,)
    z_national: np.ndarray  # (n, 10)
    z_survey: np.ndarray  # (c, n, 10)
    z_household_size: np.ndarray  # (c, n)
    u_land: np.ndarray  # (c, n, 6)


def random_draws(seed: int, draws: int, cities: int) -> RandomDraws:
    """All random numbers of a Monte Carlo from ``numpy.random.default_rng(seed)``, in a fixed order."""
    rng = np.random.default_rng(seed)
    n, n_r, n_l, n_k = draws, len(CLUM_ROWS), len(LAND_TYPES), len(SURVEY_CATEGORIES)
    return RandomDraws(
        z_profiles=rng.standard_normal((n, n_r, n_l)),
        z_row_weights=rng.standard_normal((n, n_r)),
        u_household_share=rng.random(n),
        z_national=rng.standard_normal((n, n_k)),
        z_survey=rng.standard_normal((cities, n, n_k)),
        z_household_size=rng.standard_normal((cities, n)),
        u_land=rng.random((cities, n, n_l)),
    )


@dataclass(frozen=True)
class Simulation:
    """Monte Carlo draws for one or more cities in one year.

    Arrays have shape (cities, draws, …): ``ef_lt_pc`` (…, 6) gha per person by land type,
    ``ef_row_pc`` (…, 7) gha per person by CLUM row, ``bc_lt_gha`` (…, 6) gha (NaN where the
    city has no land-use data). ``values`` holds :func:`~footprint.city.footprint.indicators`
    per city and draw.
    """

    cities: tuple[str, ...]
    year: int
    draws: int
    seed: int
    vary: tuple[str, ...]
    ef_lt_pc: np.ndarray
    ef_row_pc: np.ndarray
    bc_lt_gha: np.ndarray
    population: np.ndarray
    values: dict[str, np.ndarray]

    def summary(self) -> pd.DataFrame:
        """Median, 5th and 95th percentile of every indicator per city (long table)."""
        rows = []
        for k, v in self.values.items():  # one entry per indicator (10)
            med, lo, hi = quantiles(v, axis=1) if np.isfinite(v).any() else (np.full(len(self.cities), np.nan),) * 3
            rows.append(pd.DataFrame({"city": self.cities, "indicator": k, "unit": INDICATORS[k],
                                      "median": med, "p05": lo, "p95": hi}))
        return pd.concat(rows, ignore_index=True)


def quantiles(a: np.ndarray, axis: int = -1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Median, 5th and 95th percentile of ``a`` along ``axis`` (NaN ignored)."""
    q = np.nanquantile(a, [0.5, 0.05, 0.95], axis=axis)
    return q[0], q[1], q[2]


def check_draws(draws: int) -> int:
    """``draws`` as a positive int, or :class:`ParameterError`."""
    if int(draws) < 1:
        raise ParameterError(f"draws: expected a positive number of Monte Carlo draws, found {draws}")
    return int(draws)


def national_clum_draws(inputs: CityInputs, ctx: YearContext, rd: RandomDraws, on: Mapping[str, bool],
                        unc: Uncertainty) -> np.ndarray:
    """Draws of Japan's CLUM (n, 7, 6): the RAS estimate of perturbed prior profiles, row weights and household share.

    ``profile · exp(σ_p z)``, ``weight · exp(σ_w z)``, household share uniform in [low, high].
    A user-supplied CLUM is held fixed.
    """
    n, n_r, n_l = rd.z_profiles.shape
    if inputs.clum is not None:
        return np.broadcast_to(national_clum(inputs, ctx), (n, n_r, n_l))
    prof = inputs.prior[list(LAND_TYPES)].to_numpy(dtype=float)
    w, (h0, h_lo, h_hi) = clum_margins(inputs)
    if not (on["clum_profiles"] or on["clum_row_weights"] or on["household_share"]):
        return np.broadcast_to(estimate_clum(prof, w, h0, ctx.ef_consumption_pc), (n, n_r, n_l))
    prof_d = prof * np.exp(unc.prior_profile_sigma * on["clum_profiles"] * rd.z_profiles)
    w_d = w * np.exp(unc.row_weight_sigma * on["clum_row_weights"] * rd.z_row_weights)
    h_d = h_lo + (h_hi - h_lo) * rd.u_household_share if on["household_share"] else np.full(n, h0)
    return estimate_clum(prof_d, w_d, h_d, ctx.ef_consumption_pc)


def spending_ratio_draws(inputs: CityInputs, names: Sequence[str], year: int, rd: RandomDraws,
                         on: Mapping[str, bool], unc: Uncertainty) -> np.ndarray:
    """Draws of the household-row spending ratios (cities, n, 5).

    City spending of the window ``e · exp(σ/√years · z)`` (σ: :func:`~footprint.city.spending.survey_noise`
    × ``survey_noise_scale``, per category, on when the category's row is varied); national
    spending ``e · exp(σ_standin · f · z)`` (``f``: the window's stand-in fraction); household
    size ``n · exp(σ_h z)``.
    """
    mapping = mapping_matrix()
    noise = inputs.noise * unc.survey_noise_scale
    row_of_cat = np.argmax(mapping, axis=1)  # dominant row of each survey category
    sv_on = np.array([on[f"survey_{HH_ROWS[r]}"] for r in row_of_cat], dtype=float)
    means = [window_means(inputs, c, year) for c in names]  # one entry per city (47 at most)
    sizes = [household_sizes(inputs, c) for c in names]
    e_city = np.array([m[0] for m in means])
    sig_city = np.array([noise.loc[c].to_numpy(dtype=float) / np.sqrt(len(m[3])) for c, m in zip(names, means,
                                                                                                strict=True)])
    hc = np.array([s[0] for s in sizes])
    hc_sd = np.array([unc.household_size_sigma_published if s[2] else unc.household_size_sigma_assumed
                      for s in sizes])
    size_n = sizes[-1][1]
    _, e_nat, frac, _ = window_means(inputs, names[0], year)
    city_d = e_city[:, None, :] * np.exp(sig_city[:, None, :] * sv_on * rd.z_survey)
    nat_d = e_nat * np.exp(inputs.standin_sd * frac * on["national_standin"] * rd.z_national)
    hc_d = hc[:, None] * np.exp(hc_sd[:, None] * on["household_size"] * rd.z_household_size)
    return spending_ratios(city_d, nat_d[None], hc_d, size_n, mapping)


def biocapacity_draws(inputs: CityInputs, names: Sequence[str], ctx: YearContext, rd: RandomDraws,
                      on: Mapping[str, bool]) -> np.ndarray:
    """Draws of the cities' biocapacity by land type (cities, n, 6): areas uniform in [low, high]; NaN without land use."""
    n_c, n, n_l = rd.u_land.shape
    bc = np.full((n_c, n, n_l), np.nan)
    for i, c in enumerate(names):  # one entry per city
        lu = land_use_arrays(inputs, c)
        if lu is None:
            continue
        area = lu[1] + (lu[2] - lu[1]) * rd.u_land[i] if on["land_use"] else np.broadcast_to(lu[0], (n, n_l))
        bc[i] = city_biocapacity(area, ctx.yield_factors, ctx.equivalence_factors)
    return bc


def structural_draws(seed: int, draws: int, structural: Iterable[str]) -> dict[str, np.ndarray]:
    """Option indices per draw of every structural choice (n,): uniform for those in ``structural``, else 0.

    Drawn from ``default_rng([seed, 1])`` in a fixed order for every choice, so switching one
    choice on or off never changes the others' draws nor the parametric ones.
    """
    rng = np.random.default_rng([int(seed), 1])
    out = default_choice(draws)
    on = set(structural)
    for k, opts in STRUCTURAL_CHOICES.items():  # 6 choices
        pick = rng.integers(0, len(opts), size=draws)
        if k in on:
            out[k] = pick
    return out


def simulate(
    inputs: CityInputs,
    cities: Sequence[str] | str = OSAKA,
    year: int | None = None,
    draws: int = 2000,
    seed: int = DEFAULT_SEED,
    vary: Iterable[str] | None = None,
    uncertainty: Uncertainty = DEFAULT_UNCERTAINTY,
    structural: Iterable[str] = (),
) -> Simulation:
    """Seeded, vectorised Monte Carlo of the city footprint for one or more cities.

    The national CLUM draws are shared by all cities of a call (the nation is the same for all);
    survey noise, household size and land use are drawn per city. ``EF[c, n, l] = Σ_r ratio[c, n, r]
    · CLUM[n, r, l]``; indicators as in :func:`~footprint.city.footprint.indicators`.

    ``vary``: the parametric input groups (default: all of :data:`INPUT_GROUPS`). ``structural``:
    the structural choices of :data:`~footprint.city.model.STRUCTURAL_CHOICES` drawn per draw
    (uniformly over their options, from a stream of its own); choices left out stay at their
    default, so ``structural=()`` is the parametric Monte Carlo and every structural choice
    together with every group gives the full interval (item-level inputs only).
    """
    names = [cities] if isinstance(cities, str) else list(cities)
    names = [resolve_city(inputs, c) for c in names]
    year = resolve_year(inputs, year)
    n = check_draws(draws)
    groups = INPUT_GROUPS if inputs.items is not None else SSDSE_GROUPS
    vary = tuple(groups if vary is None else vary)
    unknown = sorted(set(vary) - set(groups))
    if unknown:
        raise ParameterError(f"vary: unknown input groups {unknown}; expected some of {list(groups)}")
    structural = tuple(structural)
    bad = sorted(set(structural) - set(STRUCTURAL_CHOICES))
    if bad or (structural and inputs.items is None):
        raise ParameterError(f"structural: expected some of {list(STRUCTURAL_CHOICES)} with item-level inputs, "
                             f"found {list(structural)}")
    on = {g: (g in vary) for g in SSDSE_GROUPS}
    ctx = year_context(inputs, year)
    rd = random_draws(seed, n, len(names))
    if inputs.items is None:
        clum = national_clum_draws(inputs, ctx, rd, on, uncertainty)
        full = full_row_ratios(spending_ratio_draws(inputs, names, year, rd, on, uncertainty))  # (c, n, 7)
        ef_row_pc = full * clum.sum(axis=-1)[None]
        ef_lt_pc = np.einsum("cnr,nrl->cnl", full, clum)
    else:
        choice = structural_draws(seed, n, structural)
        clum = national_clum_variants(inputs, ctx, choice, rd.z_profiles, rd.z_row_weights, rd.u_household_share,
                                      on, uncertainty)
        d = inputs.items
        city = city_clum_draws(d, [d.index(c) for c in names], year, clum, choice, rd.z_survey[..., :9],
                               rd.z_household_size, on, uncertainty)
        ef_row_pc = city.sum(axis=-1)
        ef_lt_pc = city.sum(axis=-2)
    bc = biocapacity_draws(inputs, names, ctx, rd, on)
    pop = np.array([population(inputs, c, year) for c in names])
    area_ha = inputs.cities.loc[names, "area_ha"].to_numpy(dtype=float)
    a = import_shares(ctx.ef_production_pc, ctx.ef_imports_pc)
    vals = indicators(ef_lt_pc, bc, pop[:, None], area_ha[:, None], ctx.world_bc_pc, a)
    return Simulation(tuple(names), year, n, int(seed), vary, ef_lt_pc, ef_row_pc, bc, pop, vals)
