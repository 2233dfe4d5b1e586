"""Japan's consumption land-use matrix (CLUM): biproportional balancing (RAS) and the estimate.

GFN's own Japanese CLUM is licensed, so the CLUM used by default is **estimated**: a documented
prior structure balanced by grouped RAS (:func:`ras`) to published margins (:func:`estimate_clum`).
A CLUM supplied by the user replaces it (:func:`national_clum`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from footprint.accounts import LAND_TYPES
from footprint.city.categories import CLUM_ROWS, CLUM_SOURCE, row_group_matrix
from footprint.city.inputs import SHARES_FILE
from footprint.core.errors import DataFileError, ParameterError
from footprint.core.status import weakest_status

if TYPE_CHECKING:
    from footprint.city.inputs import CityInputs
    from footprint.city.national import YearContext


def ras(
    prior,
    row_totals,
    col_totals,
    groups: Sequence[int] | np.ndarray | None = None,
    *,
    tol: float = 1e-12,
    max_iter: int = 2000,
) -> np.ndarray:
    """Biproportional balancing (RAS, iterative proportional fitting) of ``prior`` to two margins.

    Alternately ``X ← diag(r / X·1) X`` (per row group) and ``X ← X diag(c / 1ᵀX)`` until the
    largest relative row-group error is below ``tol``.

    Parameters
    ----------
    prior : array (..., R, L)
        Non-negative prior matrix (any leading batch dimensions, e.g. Monte Carlo draws).
    row_totals : array (..., G)
        Target sums of the row groups (with ``groups=None`` every row is its own group, G = R).
    col_totals : array (..., L) or (L,)
        Target column sums.
    groups : sequence of R ints in ``0..G-1``, optional
        Row groups whose *sum* is constrained (the rows inside a group keep the prior's relative
        structure as far as the column margins allow).
    tol : float
        Convergence tolerance on the largest relative margin error.

    Returns
    -------
    array (..., R, L)
        The matrix closest to ``prior`` (minimum information distance) with the given margins.
        Zero cells of the prior stay zero.

    Raises
    ------
    ParameterError
        Negative cells or targets, margins whose grand totals differ, a positive target on a
        row group or column whose prior is all zero, or no convergence.
    """
    x = np.array(prior, dtype=float, copy=True)
    if x.ndim < 2:
        raise ParameterError(f"RAS: expected a matrix (..., rows, columns), found shape {x.shape}")
    n_rows, n_cols = x.shape[-2:]
    grp = np.arange(n_rows) if groups is None else np.asarray(groups, dtype=int)
    if grp.shape != (n_rows,) or grp.min() < 0:
        raise ParameterError(f"RAS: expected {n_rows} group indices >= 0, found {grp.tolist()}")
    n_groups = int(grp.max()) + 1
    gmat = np.zeros((n_rows, n_groups))
    gmat[np.arange(n_rows), grp] = 1.0
    r = np.broadcast_to(np.asarray(row_totals, dtype=float), (*x.shape[:-2], n_groups))
    c = np.broadcast_to(np.asarray(col_totals, dtype=float), (*x.shape[:-2], n_cols))
    if np.any(x < 0) or np.any(r < 0) or np.any(c < 0):
        raise ParameterError("RAS: expected a non-negative prior and non-negative margins, found a negative value")
    total = c.sum(axis=-1)
    if np.any(np.abs(r.sum(axis=-1) - total) > 1e-9 * np.maximum(total, 1e-300)):
        raise ParameterError(
            f"RAS: expected row and column margins with the same grand total, found {float(np.ravel(r.sum(-1))[0]):.6g} "
            f"and {float(np.ravel(total)[0]):.6g}"
        )
    if np.any((x.sum(axis=-1) @ gmat == 0) & (r > 0)) or np.any((x.sum(axis=-2) == 0) & (c > 0)):
        raise ParameterError("RAS: a row group or column with a positive target has an all-zero prior")
    scale = np.maximum(total, 1e-300)[..., None]
    for it in range(1, max_iter + 1):
        gs = x.sum(axis=-1) @ gmat
        f = np.divide(r, gs, out=np.ones_like(gs), where=gs > 0)
        x *= (f @ gmat.T)[..., None]
        cs = x.sum(axis=-2)
        f = np.divide(c, cs, out=np.ones_like(cs), where=cs > 0)
        x *= f[..., None, :]
        err = np.abs(x.sum(axis=-1) @ gmat - r) / scale
        if (it % 5 == 0 or it == 1) and float(err.max(initial=0.0)) < tol:
            return x
    raise ParameterError(f"RAS did not converge in {max_iter} iterations (largest relative error {err.max():.2e})")


def clum_row_weights(shares: pd.DataFrame) -> pd.Series:
    """Row weights of the prior: Japan's consumption-based GHG shares (3EID) summed per CLUM row.

    Items without a CLUM row (その他) are dropped and the rest renormalised to sum to 1.
    """
    ghg = shares[shares["basis"] == "consumption-based GHG"]
    ghg = ghg[ghg["clum_row"].notna() & (ghg["clum_row"] != "")]
    w = ghg.groupby("clum_row")["share_pct"].sum().reindex(list(CLUM_ROWS))
    if w.isna().any():
        raise DataFileError(SHARES_FILE, f"a GHG share for every CLUM row {list(CLUM_ROWS)}",
                            f"none for {w.index[w.isna()].tolist()}")
    return w / w.sum()


def household_share(shares: pd.DataFrame) -> tuple[float, float, float]:
    """Household share of Japan's footprint: (central, low, high) as fractions (a margin of the CLUM)."""
    hit = shares[shares["clum_row"] == "household"]
    if len(hit) != 1:
        raise DataFileError(SHARES_FILE, "one row with clum_row 'household'", f"{len(hit)} rows")
    row = hit.iloc[0]
    return float(row["share_pct"]) / 100, float(row["low_pct"]) / 100, float(row["high_pct"]) / 100


def estimate_clum(profiles, row_weights, hh_share, col_totals) -> np.ndarray:
    """Estimated CLUM (gha per person) by grouped RAS of a prior to published margins.

    Prior cell ``X0[r, l] = g[r] · p[r, l] / p[r, carbon]``: the carbon cell of each row is its
    share ``g`` of Japan's consumption-based GHG (3EID, the best published proxy for the carbon
    column) and the row's other cells follow its land-type profile ``p`` relative to carbon.
    Margins: the column totals are Japan's footprint of consumption by land type; the row groups
    are households (``hh_share`` of the total), government and capital formation (the rest,
    split in proportion to their row weights). Inside the household group the split among the
    five categories is left to the prior (no Japanese footprint shares by category are public).

    Parameters
    ----------
    profiles : array (..., 7, 6)
        Land-type profile of each CLUM row (any positive scale per row).
    row_weights : array (..., 7)
        Shares of consumption-based GHG by CLUM row (any scale).
    hh_share : float or array (...)
        Households' share of the total footprint.
    col_totals : array (6,) or (..., 6)
        National footprint of consumption by land type (gha per person).
    """
    p = np.asarray(profiles, dtype=float)
    w = np.asarray(row_weights, dtype=float)
    c = np.asarray(col_totals, dtype=float)
    h = np.asarray(hh_share, dtype=float)
    ic = LAND_TYPES.index("carbon")
    if np.any(p[..., ic] <= 0):
        raise ParameterError("estimate_clum: expected a positive carbon share in every row profile")
    prior = w[..., :, None] * p / p[..., ic : ic + 1]
    total = c.sum(axis=-1)
    ig, ik = CLUM_ROWS.index("government"), CLUM_ROWS.index("gfcf")
    gov_frac = w[..., ig] / (w[..., ig] + w[..., ik])
    rest = (1 - h) * total
    row_totals = np.stack(np.broadcast_arrays(h * total, rest * gov_frac, rest * (1 - gov_frac)), axis=-1)
    groups = np.argmax(row_group_matrix(), axis=1)
    return ras(prior, row_totals, c, groups)


def clum_frame(matrix, status: str = "estimated", source: str = CLUM_SOURCE) -> pd.DataFrame:
    """A (7 × 6) CLUM array as a table: ``clum_row`` × land types (gha per person), ``total``, status, source."""
    df = pd.DataFrame(np.asarray(matrix, dtype=float), index=pd.Index(CLUM_ROWS, name="clum_row"),
                      columns=list(LAND_TYPES))
    df["total"] = df[list(LAND_TYPES)].sum(axis=1)
    df["status"] = status
    df["source"] = source
    return df


def clum_column_check(clum, national_ef) -> pd.DataFrame:
    """Column totals of a CLUM against the national footprint by land type (gha per person).

    Returns one row per land type (and ``total``) with ``clum_gha_per_cap``,
    ``national_gha_per_cap``, ``difference_gha_per_cap`` and ``relative_difference``
    (difference ÷ national).
    """
    m = np.asarray(clum, dtype=float)
    nat = np.asarray(national_ef, dtype=float)
    col = m.sum(axis=0)
    out = pd.DataFrame({"land_type": [*LAND_TYPES, "total"],
                        "clum_gha_per_cap": [*col, col.sum()],
                        "national_gha_per_cap": [*nat, nat.sum()]})
    out["difference_gha_per_cap"] = out["clum_gha_per_cap"] - out["national_gha_per_cap"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["relative_difference"] = out["difference_gha_per_cap"] / out["national_gha_per_cap"]
    return out


def clum_margins(inputs: CityInputs) -> tuple[np.ndarray, tuple[float, float, float]]:
    """:func:`clum_row_weights` (as an array) and :func:`household_share` of the inputs' shares (memoised)."""
    if "margins" not in inputs.memo:
        inputs.memo["margins"] = (clum_row_weights(inputs.shares).to_numpy(), household_share(inputs.shares))
    w, h = inputs.memo["margins"]
    return w.copy(), h


def national_clum(inputs: CityInputs, ctx: YearContext) -> np.ndarray:
    """Japan's CLUM of the year at the central values (7 × 6, gha per person).

    The user's CLUM when the inputs carry one; otherwise :func:`estimate_clum` of the prior
    profiles and the central margins for the year's footprint by land type.
    """
    if inputs.clum is not None:
        return inputs.clum[list(LAND_TYPES)].to_numpy(dtype=float)
    key = ("clum", ctx.ef_consumption_pc.tobytes())  # the estimate depends on the year only through this
    if key not in inputs.memo:
        profiles = inputs.prior[list(LAND_TYPES)].to_numpy(dtype=float)
        weights, (h, _, _) = clum_margins(inputs)
        inputs.memo[key] = estimate_clum(profiles, weights, h, ctx.ef_consumption_pc)
    return inputs.memo[key].copy(order="K")  # same memory layout as the estimate (sums depend on it)


def national_clum_status(inputs: CityInputs) -> str:
    """Status of the national CLUM: ``estimated`` for the RAS estimate, else the user file's weakest status."""
    return "estimated" if inputs.clum is None else weakest_status(inputs.clum["status"])


def national_clum_source(inputs: CityInputs) -> str:
    """Source of the national CLUM: :data:`CLUM_SOURCE`, or the user file's sources joined."""
    return CLUM_SOURCE if inputs.clum is None else "; ".join(sorted(set(inputs.clum["source"])))
