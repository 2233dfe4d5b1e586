"""Osaka City's forest-tax money: transfer-tax receipts from its indicator shares, its residents'
levy (森林環境税, 1,000 yen a payer from FY2024), the net flow, and where the levy goes.

Osaka City has 0 ha of private planted forest; its population share is exact (census); its
forestry-worker share is not in the shipped data and is calibrated on the published FY2023
receipt (an ESTIMATE) unless a researcher supplies a worker table::

    s_W = (amount / pool − w_A·s_A − w_P·s_P) / w_W
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from footprint.core.errors import ParameterError
from footprint.core.places import OSAKA_CODE
from footprint.core.status import weakest_status_rows
from footprint.forest.allocation import (
    as_years,
    census_columns,
    fiscal_year_parameters,
    forest_ratio_multiplier,
    population_shares,
    receipts_from_shares,
)
from footprint.forest.inputs import FILES, SOURCES, AllocationParams, ForestInputs

#: first fiscal year of the levy (law)
LEVY_FROM_FY = 2024


def calibrate_workers_share(
    amount_jpy: float,
    fiscal_year: int,
    population_share: float,
    params: AllocationParams,
    *,
    area_share: float = 0.0,
    tier: str = "municipal",
) -> float:
    """The forestry-worker share that reproduces a published receipt (an ESTIMATE, not data).

    ``s_W = (amount / pool − w_A·s_A − w_P·s_P) / w_W``. Raises if the population and area parts
    alone already exceed the published amount.
    """
    fyp = fiscal_year_parameters(params, [fiscal_year]).iloc[0]
    pool = float(fyp[f"{tier}_pool_jpy"])
    rest = amount_jpy / pool - fyp["w_area"] * area_share - fyp["w_population"] * population_share
    if rest < 0 or fyp["w_workers"] <= 0:
        raise ParameterError(
            f"calibration FY{fiscal_year}: expected a published amount above the population and area parts "
            f"({(amount_jpy / pool - rest) * pool:,.0f} yen), found {amount_jpy:,.0f} yen"
        )
    return float(rest / fyp["w_workers"])


@dataclass(frozen=True)
class OsakaShares:
    """Osaka City's indicator shares and where each comes from."""

    workers_share: float
    workers_status: str
    workers_note: str
    area_share: float = 0.0
    area_status: str = "published"
    census_2020_from_fy: int = 2022
    calibration: dict = field(default_factory=dict)


def _area_share(municipalities: pd.DataFrame, params: AllocationParams, hit: np.ndarray) -> tuple[float, str]:
    """Osaka's share of the corrected planted-forest area: 0 ha (published) unless a table is supplied."""
    if "planted_forest_area_ha" not in municipalities or not municipalities["planted_forest_area_ha"].notna().all():
        return 0.0, "published"  # Osaka City: 0 ha private planted forest (朝日新聞 2024)
    ratio = municipalities.get("forest_ratio", pd.Series(np.nan, index=municipalities.index)).to_numpy(dtype=float)
    adj = municipalities["planted_forest_area_ha"].to_numpy(dtype=float) * forest_ratio_multiplier(ratio, params.forest_ratio)
    return (float(adj[hit].sum() / adj.sum()) if adj.sum() > 0 else 0.0), "derived"


def osaka_shares(
    municipalities: pd.DataFrame,
    params: AllocationParams,
    published: pd.DataFrame,
    *,
    census_2020_from_fy: int = 2022,
    calibration_fy: int = 2023,
    code: str = OSAKA_CODE,
) -> OsakaShares:
    """Osaka City's shares: population exact; area 0 ha unless supplied; forestry workers from
    supplied data (``forestry_workers_persons`` present and known) or calibrated on a published year
    (:func:`calibrate_workers_share`).
    """
    hit = (municipalities["code5"] == code).to_numpy()
    area_share, area_status = _area_share(municipalities, params, hit)
    if "forestry_workers_persons" in municipalities and municipalities["forestry_workers_persons"].notna().all():
        w = municipalities["forestry_workers_persons"].to_numpy(dtype=float)
        return OsakaShares(float(w[hit].sum() / w.sum()), "derived", "supplied forestry-worker table",
                           area_share, area_status, census_2020_from_fy)
    pub = published[(published["code5"] == code) & (published["fiscal_year"] == calibration_fy)
                    & (published["part"] == "full_year")]
    if pub.empty:
        raise ParameterError(f"calibration_fy {calibration_fy}: expected a published full-year receipt of {code} in "
                             f"{FILES['published_receipts']}, found none")
    amount = float(pub["amount_jpy"].iloc[0])
    s_p = float(population_shares(municipalities, code, [calibration_fy], census_columns(census_2020_from_fy))[0])
    s_w = calibrate_workers_share(amount, calibration_fy, s_p, params, area_share=area_share)
    return OsakaShares(
        s_w, "estimated", f"calibrated on the published FY{calibration_fy} receipt ({amount / 1e6:.2f} M yen)",
        area_share, area_status, census_2020_from_fy,
        calibration={"fiscal_year": calibration_fy, "amount_jpy": amount, "population_share": s_p},
    )


def osaka_receipts(
    municipalities: pd.DataFrame,
    params: AllocationParams,
    shares: OsakaShares,
    fiscal_years,
    published: pd.DataFrame | None = None,
    *,
    code: str = OSAKA_CODE,
) -> pd.DataFrame:
    """Osaka City's receipts per fiscal year from its shares (model), beside published full-year values.

    ``receipts_jpy`` is the published full-year amount where one exists, else the model
    (``receipts_model_jpy``); ``receipts_status`` says which.
    """
    fy = as_years(fiscal_years)
    s_p = population_shares(municipalities, code, fy, census_columns(shares.census_2020_from_fy))
    tab = receipts_from_shares(
        pd.DataFrame({"fiscal_year": fy, "area_share": shares.area_share, "workers_share": shares.workers_share,
                      "population_share": s_p}),
        params,
    )
    tab = tab.rename(columns={"receipts_jpy": "receipts_model_jpy"})
    n = len(tab)
    model_status = weakest_status_rows(tab["params_status"], [shares.workers_status] * n, [shares.area_status] * n)
    pub = pd.Series(dtype=float)
    if published is not None:
        p = published[(published["code5"] == code) & (published["part"] == "full_year")]
        pub = p.set_index("fiscal_year")["amount_jpy"]
    published_amount = tab["fiscal_year"].map(pub)
    has = published_amount.notna().to_numpy()
    tab["published_jpy"] = published_amount.to_numpy()
    tab["receipts_jpy"] = np.where(has, published_amount.to_numpy(), tab["receipts_model_jpy"].to_numpy())
    tab["receipts_status"] = np.where(has, "published", model_status)
    tab["receipts_source"] = np.where(
        has, SOURCES["osaka_fy2023"],
        f"model: {SOURCES['pools']}; {SOURCES['weights']}; {SOURCES['census']}; workers share {shares.workers_note}",
    )
    return tab.drop(columns=["params_status"])


def receipt_checks(flows: pd.DataFrame, published: pd.DataFrame, code: str = OSAKA_CODE) -> pd.DataFrame:
    """Model receipts against published ones: a full-year figure as is, a first tranche × 2.

    Returns ``fiscal_year, part, target_jpy, model_jpy, difference`` (model / target − 1).
    """
    pub = published[published["code5"] == code]
    target = pub["amount_jpy"].to_numpy() * np.where(pub["part"] == "first_tranche", 2.0, 1.0)
    model = pub["fiscal_year"].map(flows.set_index("fiscal_year")["receipts_model_jpy"]).to_numpy(dtype=float)
    out = pd.DataFrame({"fiscal_year": pub["fiscal_year"].to_numpy(), "part": pub["part"].to_numpy(),
                        "target_jpy": target, "model_jpy": model, "difference": model / target - 1})
    return out[~np.isnan(model)].reset_index(drop=True)


def levy_payments(
    fiscal_years,
    payers_persons: float,
    *,
    levy_jpy_per_payer: float = 1000.0,
    levy_from_fy: int = LEVY_FROM_FY,
) -> np.ndarray:
    """Levy paid by a municipality's residents per fiscal year: ``payers × levy`` from ``levy_from_fy``, else 0."""
    fy = as_years(fiscal_years)
    if payers_persons < 0 or levy_jpy_per_payer < 0:
        raise ParameterError(f"levy: expected payers >= 0 and levy >= 0, found {payers_persons}, {levy_jpy_per_payer}")
    return np.where(fy >= levy_from_fy, payers_persons * levy_jpy_per_payer, 0.0)


def estimate_payers(national_payers: float, population_share: float) -> float:
    """Payers of the per-capita residential tax in a municipality, by its population share (ESTIMATE)."""
    return float(national_payers) * float(population_share)


def fund_flows(receipts: pd.DataFrame, payments_jpy: np.ndarray, payments_status: str, *,
               levy_from_fy: int = LEVY_FROM_FY) -> pd.DataFrame:
    """Receipts against levy payments: ``fiscal_year, receipts_jpy, payments_jpy, net_outflow_jpy, status, source``.

    ``net_outflow_jpy`` = payments − receipts (positive: money leaves the city towards forest regions).
    """
    fy = receipts["fiscal_year"].to_numpy()
    pay = np.asarray(payments_jpy, dtype=float)
    pay_status = np.where(fy >= levy_from_fy, payments_status, "published")  # no levy before FY2024 (law)
    return pd.DataFrame(
        {
            "fiscal_year": fy,
            "receipts_jpy": receipts["receipts_jpy"].to_numpy(dtype=float),
            "payments_jpy": pay,
            "net_outflow_jpy": pay - receipts["receipts_jpy"].to_numpy(dtype=float),
            "status": weakest_status_rows(receipts["receipts_status"], pay_status),
            "source": receipts["receipts_source"].to_numpy() + "; levy: " + SOURCES["levy"],
            "receipts_status": receipts["receipts_status"].to_numpy(),
            "payments_status": pay_status,
        }
    )


def osaka_fund_flows(
    fiscal_years,
    inputs: ForestInputs,
    *,
    municipalities: pd.DataFrame | None = None,
    census_2020_from_fy: int = 2022,
    payers_persons: float | None = None,
) -> pd.DataFrame:
    """Osaka City's transfer-tax receipts against its residents' levy payments, per fiscal year.

    Parameters
    ----------
    fiscal_years
        Fiscal years, e.g. ``range(2019, 2026)``; years after FY2024 use the open-ended FY2024
        pool and weights.
    inputs
        :func:`footprint.forest.load_inputs` result.
    municipalities
        Allocation table with supplied ``forestry_workers_persons`` / ``planted_forest_area_ha``
        (:func:`municipality_indicators`); default: the shipped census table (workers share then
        calibrated on FY2023, an ESTIMATE).
    payers_persons
        Osaka City's levy payers; default: national payers × population share (ESTIMATE).

    Returns
    -------
    DataFrame
        ``fiscal_year, receipts_jpy, payments_jpy, net_outflow_jpy, status, source`` plus
        ``receipts_status``, ``payments_status``, ``receipts_model_jpy``, the three parts and the
        shares.
    """
    munis = municipalities if municipalities is not None else inputs.municipalities
    shares = osaka_shares(munis, inputs.allocation, inputs.published, census_2020_from_fy=census_2020_from_fy)
    rec = osaka_receipts(munis, inputs.allocation, shares, fiscal_years, inputs.published)
    c = inputs.constants
    if payers_persons is None:
        s_p = float(population_shares(munis, OSAKA_CODE, [LEVY_FROM_FY], census_columns(census_2020_from_fy))[0])
        payers_persons, pay_status = estimate_payers(c.loc["national_levy_payers", "value"], s_p), "estimated"
    else:
        pay_status = "published"
    pay = levy_payments(rec["fiscal_year"], payers_persons, levy_jpy_per_payer=c.loc["levy_jpy_per_payer", "value"])
    flows = fund_flows(rec, pay, pay_status)
    extra = rec[["receipts_model_jpy", "published_jpy", "area_part_jpy", "workers_part_jpy", "population_part_jpy",
                 "area_share", "workers_share", "population_share"]]
    out = pd.concat([flows, extra.reset_index(drop=True)], axis=1)
    out["payers_persons"] = np.where(out["fiscal_year"] >= LEVY_FROM_FY, payers_persons, 0.0)
    return out


def money_destinations(flows: pd.DataFrame, shares: pd.DataFrame) -> pd.DataFrame:
    """Where Osaka City's levy payments go: ``payments × share`` of each region, per year.

    ``shares``: :func:`footprint.forest.region_shares`. Returns ``fiscal_year, pref_code,
    pref_name, amount_jpy, share, status, source`` (years with payments only).
    """
    pay = flows.set_index("fiscal_year")["payments_jpy"]
    pay_status = flows.set_index("fiscal_year")["status"]
    s = shares[shares["fiscal_year"].isin(pay.index[pay > 0])].reset_index(drop=True)
    amount = s["fiscal_year"].map(pay).to_numpy() * s["share"].to_numpy()
    return s.assign(amount_jpy=amount, status=weakest_status_rows(s["status"], s["fiscal_year"].map(pay_status)))[
        ["fiscal_year", "pref_code", "pref_name", "amount_jpy", "share", "status", "source"]
    ]
