"""Carbon stored in wood bought with the transfer tax, and its harvested-wood-product (HWP) stock.

Carbon stored in wood (Forestry Agency guideline, 2021-10-01, 3林政産第85号)::

    Cs [t-CO2] = W [m3] × D [t/m3] × Cf × 44/12

The stock is an inflow-driven stock with a first-order-decay lifetime model, in the style of
flodym's ``lifetime_models`` and ``stocks`` (IPCC 2006 GL Vol. 4 Eq. 12.1)::

    C(i+1) = e^(−k)·C(i) + [(1 − e^(−k))/k]·Inflow(i),   k = ln 2 / half-life

:class:`FirstOrderDecay` is the lifetime model (survival ``e^(−k·age)``), :class:`InflowDrivenStock`
the stock it drives (stock, stock change and decay outflow per year and pool, with
``inflow − outflow − stock change = 0``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from footprint.core import suggest, weakest_status
from footprint.core.errors import ParameterError
from footprint.core.schema import first_bad_row
from footprint.core.status import weakest_status_rows
from footprint.forest.inputs import FILES, SOURCES

#: mass ratio CO2 / C of the guideline and IPCC formulas (44/12)
CO2_PER_C = 44.0 / 12.0


def stored_co2_t(volume_m3, density_t_per_m3, carbon_fraction):
    """Carbon stored in wood, Forestry Agency guideline (2021): ``Cs = W × D × Cf × 44/12`` (t-CO2)."""
    return np.asarray(volume_m3, dtype=float) * density_t_per_m3 * carbon_fraction * CO2_PER_C


def _keyed_products(products: pd.DataFrame, densities: pd.DataFrame) -> pd.DataFrame:
    """The purchase mix with the density and carbon fraction of each product/species."""
    total = float(products["spend_share"].sum())
    if abs(total - 1) > 1e-6:
        raise ParameterError(f"wood products: expected spend_share summing to 1, found {total:g}")
    keyed = products.merge(densities[["product", "species", "density_t_per_m3", "carbon_fraction", "status"]],
                           on=["product", "species"], how="left", suffixes=("", "_density"))
    i = first_bad_row(keyed["density_t_per_m3"].isna().to_numpy())
    if i is not None:
        known = (densities["product"] + "/" + densities["species"]).tolist()
        raise ParameterError(
            f"wood products: product/species {keyed['product'].iloc[i]}/{keyed['species'].iloc[i]}: expected one with "
            f"a density in {FILES['densities']}, found none; known: {known}"
        )
    return keyed


def wood_carbon(
    spending: pd.DataFrame,
    products: pd.DataFrame,
    densities: pd.DataFrame,
    *,
    wood_share: float,
    wood_share_status: str = "illustrative",
) -> pd.DataFrame:
    """Wood bought with the transfer tax → volume → carbon stored (guideline formula).

    ``spend = receipts × wood_share × spend_share``, ``volume = spend / price``,
    ``co2 = volume × D × Cf × 44/12``.

    Parameters
    ----------
    spending
        ``fiscal_year, receipts_jpy`` (and optionally ``receipts_status``).
    products
        Purchase mix: ``product, species, hwp_pool, spend_share`` (sums to 1), ``price_jpy_per_m3``,
        ``status``.
    densities
        ``product, species, density_t_per_m3, carbon_fraction, status``.
    wood_share
        Share of receipts spent on wood products (0–1).

    Returns
    -------
    DataFrame
        One row per year × product: ``fiscal_year, product, species, hwp_pool, spend_jpy,
        volume_m3, density_t_per_m3, carbon_fraction, co2_t, status, source``.
    """
    if not 0 <= wood_share <= 1:
        raise ParameterError(f"wood_share: expected a share between 0 and 1, found {wood_share}")
    keyed = _keyed_products(products, densities)
    n_y, n_p = len(spending), len(keyed)
    rec_status = spending["receipts_status"] if "receipts_status" in spending else pd.Series(["published"] * n_y)
    spend = (spending["receipts_jpy"].to_numpy(dtype=float)[:, None] * wood_share
             * keyed["spend_share"].to_numpy()[None, :])
    volume = spend / keyed["price_jpy_per_m3"].to_numpy()[None, :]
    co2 = stored_co2_t(volume, keyed["density_t_per_m3"].to_numpy()[None, :], keyed["carbon_fraction"].to_numpy()[None, :])

    def rep(c):
        return np.tile(keyed[c].to_numpy(), n_y)

    status = weakest_status_rows(np.repeat(rec_status.to_numpy(), n_p), rep("status"), rep("status_density"),
                                 [wood_share_status] * (n_y * n_p))
    return pd.DataFrame(
        {
            "fiscal_year": np.repeat(spending["fiscal_year"].to_numpy(), n_p),
            "product": rep("product"),
            "species": rep("species"),
            "hwp_pool": rep("hwp_pool"),
            "spend_jpy": spend.ravel(),
            "volume_m3": volume.ravel(),
            "density_t_per_m3": rep("density_t_per_m3"),
            "carbon_fraction": rep("carbon_fraction"),
            "co2_t": co2.ravel(),
            "status": status,
            "source": SOURCES["guideline"],
        }
    )


def decay_constant(half_life_y):
    """``k = ln 2 / half-life`` (1/yr)."""
    hl = np.asarray(half_life_y, dtype=float)
    if np.any(hl <= 0):
        raise ParameterError(f"half-life: expected > 0 years, found {hl}")
    return np.log(2.0) / hl


@dataclass(frozen=True)
class FirstOrderDecay:
    """Lifetime model of first-order decay: one half-life per pool, survival ``e^(−k·age)``."""

    half_life_y: tuple[float, ...]

    @property
    def k(self) -> np.ndarray:
        """Decay constants ``ln 2 / half-life`` (1/yr), one per pool."""
        return decay_constant(self.half_life_y)

    def survival(self, n_years: int) -> np.ndarray:
        """Share of an inflow still in stock ``n − i`` years after year ``i``: pools × n × n (0 above the diagonal)."""
        lag = np.arange(n_years)[:, None] - np.arange(n_years)[None, :]  # n − i
        k = self.k
        return np.where(lag[None, :, :] >= 0, np.exp(-k[:, None, None] * np.maximum(lag, 0)[None]), 0.0)

    def first_year_factor(self) -> np.ndarray:
        """Share of a year's inflow in stock at the end of that year: ``(1 − e^(−k))/k``."""
        k = self.k
        return (1 - np.exp(-k)) / k


@dataclass(frozen=True, eq=False)
class InflowDrivenStock:
    """End-of-year stock driven by yearly inflows (years × pools) through a lifetime model."""

    inflow: np.ndarray
    lifetime: FirstOrderDecay

    @property
    def stock(self) -> np.ndarray:
        """``C(n) = f · Σ_{i<=n} e^(−k(n−i))·Inflow(i)``, the closed form of the IPCC recursion."""
        decay = self.lifetime.survival(self.inflow.shape[0])
        return np.einsum("pni,ip->np", decay, self.inflow) * self.lifetime.first_year_factor()[None, :]

    @property
    def stock_change(self) -> np.ndarray:
        """``C(n) − C(n−1)`` with ``C = 0`` before the first year."""
        s = self.stock
        return s - np.vstack([np.zeros((1, s.shape[1])), s[:-1]])

    @property
    def outflow(self) -> np.ndarray:
        """Decay per year: ``inflow − stock change`` (so the pool's mass balance closes)."""
        return self.inflow - self.stock_change


def fod_stock(inflow: np.ndarray, half_life_y) -> np.ndarray:
    """IPCC first-order decay: stock at the end of each year from yearly inflows (same unit).

    ``inflow``: years × pools (or a 1-D series); ``half_life_y``: one per pool. Closed form of
    ``C(i+1) = e^(−k)·C(i) + [(1 − e^(−k))/k]·Inflow(i)`` with ``C = 0`` before the first year,
    computed as a lower-triangular matrix product (no loop over years).
    """
    x = np.asarray(inflow, dtype=float)
    one_d = x.ndim == 1
    x = x[:, None] if one_d else x
    hl = np.broadcast_to(np.asarray(half_life_y, dtype=float), (x.shape[1],))
    stock = InflowDrivenStock(x, FirstOrderDecay(tuple(hl.tolist()))).stock
    return stock[:, 0] if one_d else stock


def hwp_stock(wood: pd.DataFrame, half_lives: pd.DataFrame, until: int = 2050) -> pd.DataFrame:
    """Carbon stock in purchased wood by HWP pool through ``until`` (IPCC first-order decay).

    ``wood``: ``fiscal_year, hwp_pool, co2_t`` (inflows; :func:`wood_carbon`). Returns one row per
    year × pool: ``year, hwp_pool, half_life_y, inflow_co2_t, stock_co2_t`` (end of year),
    ``stock_change_co2_t``, ``status``, ``source``.
    """
    pools = sorted(wood["hwp_pool"].unique())
    hl = half_lives.set_index("hwp_pool")
    unknown = [p for p in pools if p not in hl.index]
    if unknown:
        raise ParameterError(f"HWP pools {unknown}: expected among {list(hl.index)} ({FILES['half_lives']}); "
                             f"close: {suggest(unknown[0], hl.index)}")
    first = int(wood["fiscal_year"].min())
    if until < first:
        raise ParameterError(f"until: expected a year >= {first}, found {until}")
    years = np.arange(first, until + 1)
    m = wood.pivot_table(index="fiscal_year", columns="hwp_pool", values="co2_t", aggfunc="sum").reindex(
        index=years, columns=pools, fill_value=0.0).fillna(0.0)
    model = InflowDrivenStock(m.to_numpy(dtype=float), FirstOrderDecay(tuple(hl.loc[pools, "half_life_y"].tolist())))
    stock = model.stock
    n, p = stock.shape
    return pd.DataFrame(
        {
            "year": np.repeat(years, p),
            "hwp_pool": np.tile(pools, n),
            "half_life_y": np.tile(hl.loc[pools, "half_life_y"].to_numpy(), n),
            "inflow_co2_t": m.to_numpy().ravel(),
            "stock_co2_t": stock.ravel(),
            "stock_change_co2_t": model.stock_change.ravel(),
            "status": weakest_status([*wood["status"], *hl.loc[pools, "status"]]),
            "source": SOURCES["ipcc"],
        }
    )
