"""Item-level spending (家計調査 品目分類) as the drivers of a city's CLUM rows: the maths, no I/O.

Survey items are bridged to spending *components* (:data:`COMPONENTS`) by the raw bridge table
``data/raw/bridge/kakei_item_to_clum.csv``: the household CLUM row of each item, and for direct
energy its carrier. City and nation come from the same table (the published 全国 series), so the
ratio of a component is ``(e_city / n_city) / (e_nat / n_nat)`` per person, optionally divided by
the regional price level (:mod:`~footprint.city.adjust`).

How the components drive the household rows (:func:`city_clum`):

* food, goods, services: every land type × the row's spending ratio;
* housing: non-carbon land × the ratio of rent + other housing spending; carbon ×
  ``s_H · (w_el · r_electricity · g + (1 − w_el) · r_fuels) + (1 − s_H) · r_other`` where ``s_H`` is
  the direct-energy share of the row's carbon, ``w_el`` electricity's share of it, ``g`` the grid
  factor of the supplying utility relative to the national average; rent never scales carbon;
* personal transport: non-carbon land × the ratio of non-fuel transport spending; carbon ×
  ``s_T · r_petrol + (1 − s_T) · r_other``;
* government and capital formation keep their national values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from footprint.accounts import LAND_TYPES
from footprint.city.categories import CLUM_ROWS, HH_ROWS
from footprint.core.errors import DataFileError

#: spending components of the item-level model, in array order
COMPONENTS: tuple[str, ...] = (
    "food", "housing_rent", "housing_other", "electricity", "housing_fuels",
    "petrol", "transport_other", "goods", "services",
)
#: the energy carriers of the bridge and the component each one feeds
CARRIER_COMPONENT = {"electricity": "electricity", "city_gas": "housing_fuels", "lp_gas": "housing_fuels",
                     "kerosene": "housing_fuels", "petrol": "petrol"}
#: drivers (ratios used by :func:`city_clum`) as sums of components
DRIVERS: dict[str, tuple[str, ...]] = {
    "food": ("food",), "housing_land": ("housing_rent", "housing_other"), "housing_other": ("housing_other",),
    "electricity": ("electricity",), "housing_fuels": ("housing_fuels",), "petrol": ("petrol",),
    "transport_other": ("transport_other",), "goods": ("goods",), "services": ("services",),
}
#: the price-index category (消費者物価地域差指数) that deflates each component
PRICE_CATEGORY = {"food": "food", "housing_rent": "housing", "housing_other": "housing",
                  "electricity": "fuel_light_water", "housing_fuels": "fuel_light_water",
                  "petrol": "transport_communication", "transport_other": "transport_communication",
                  "goods": "overall_ex_rent", "services": "overall_ex_rent"}
BRIDGE_VARIANTS: tuple[str, ...] = ("default", "alternative")

__all__ = ["BRIDGE_VARIANTS", "COMPONENTS", "DRIVERS", "PRICE_CATEGORY", "city_clum", "component_matrix",
           "component_spending", "driver_matrix", "driver_ratios", "item_noise"]


def component_matrix(bridge: pd.DataFrame, variant: str = "default", file: str = "bridge") -> np.ndarray:
    """Items (bridge order) × :data:`COMPONENTS` 0/1 matrix: each bridge line goes to exactly one component.

    ``variant``: ``default`` uses ``clum_row``, ``alternative`` uses ``alt_clum_row``. Energy carriers
    go to their component; a housing item with ``scales_carbon == "no"`` (rent) to ``housing_rent``;
    other housing items to ``housing_other``, other transport items to ``transport_other``.
    """
    col = "clum_row" if variant == "default" else "alt_clum_row"
    rows = bridge[col].astype(str).to_numpy()
    carrier = bridge["energy_carrier"].fillna("").astype(str).to_numpy()
    scales = bridge["scales_carbon"].astype(str).to_numpy()
    comp = np.where(rows == "housing", np.where(scales == "no", "housing_rent", "housing_other"), rows)
    comp = np.where(rows == "personal_transport", "transport_other", comp)
    comp = np.where(carrier != "", pd.Series(carrier).map(CARRIER_COMPONENT).fillna("?").to_numpy(), comp)
    bad = ~np.isin(comp, COMPONENTS)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise DataFileError(file, f"a household row {list(HH_ROWS)} and a known energy carrier per line",
                            f"{rows[i]!r} / {carrier[i]!r}", row=i + 2)
    return (comp[:, None] == np.array(COMPONENTS)[None, :]).astype(float)


def component_spending(item_values: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """Spending by component ``(..., items) @ (items, K)``; missing items (NaN) count as 0."""
    return np.nan_to_num(np.asarray(item_values, dtype=float)) @ matrix


def driver_matrix() -> np.ndarray:
    """:data:`COMPONENTS` × :data:`DRIVERS` 0/1 matrix (a driver is the sum of its components)."""
    return np.array([[c in parts for parts in DRIVERS.values()] for c in COMPONENTS], dtype=float)


def driver_ratios(city_pp, nation_pp) -> np.ndarray:
    """City ÷ nation per-person spending of every driver, ``(…, K) → (…, J)`` (ratio of sums)."""
    d = driver_matrix()
    c = np.asarray(city_pp, dtype=float) @ d
    n = np.asarray(nation_pp, dtype=float) @ d
    return c / n


def city_clum(clum, drivers, s_housing, s_transport, w_electricity, grid=1.0) -> np.ndarray:
    """A city's CLUM per person from Japan's CLUM and the driver ratios (see the module docstring).

    ``clum``: (..., 7, 6) gha per person; ``drivers``: (..., J) in :data:`DRIVERS` order; the shares
    and ``grid`` broadcast over the leading axes. Returns (..., 7, 6).
    """
    m = np.asarray(clum, dtype=float)
    r = np.asarray(drivers, dtype=float)
    j = {k: i for i, k in enumerate(DRIVERS)}
    s_h, s_t, w_el, g = (np.asarray(x, dtype=float) for x in (s_housing, s_transport, w_electricity, grid))
    lead = np.broadcast_shapes(m.shape[:-2], r.shape[:-1])
    f = np.ones((*lead, len(CLUM_ROWS), len(LAND_TYPES)))
    ic = LAND_TYPES.index("carbon")
    for row, key in (("food", "food"), ("goods", "goods"), ("services", "services")):  # 3 rows
        f[..., CLUM_ROWS.index(row), :] = r[..., j[key], None]
    ih, it = CLUM_ROWS.index("housing"), CLUM_ROWS.index("personal_transport")
    f[..., ih, :] = r[..., j["housing_land"], None]
    f[..., ih, ic] = (s_h * (w_el * r[..., j["electricity"]] * g + (1 - w_el) * r[..., j["housing_fuels"]])
                      + (1 - s_h) * r[..., j["housing_other"]])
    f[..., it, :] = r[..., j["transport_other"], None]
    f[..., it, ic] = s_t * r[..., j["petrol"]] + (1 - s_t) * r[..., j["transport_other"]]
    return m * f


def item_noise(spend: np.ndarray, years_present: np.ndarray) -> np.ndarray:
    """Single-year sampling noise of log component spending per area (area, K), as in
    :func:`~footprint.city.spending.survey_noise`: residual of a city + year two-way decomposition.

    ``spend``: (areas, years, K); ``years_present``: (areas, years) bool. An upper bound (derived).
    """
    lg = np.where(years_present[..., None], np.log(np.maximum(spend, 1e-9)), np.nan)
    city_mean = np.nanmean(lg, axis=1, keepdims=True)
    year_mean = np.nanmean(lg - city_mean, axis=0, keepdims=True)
    resid = lg - city_mean - year_mean
    n = years_present.sum(axis=1)[:, None]
    return np.sqrt(np.nansum(resid**2, axis=1) / np.maximum(n - 1, 1))
