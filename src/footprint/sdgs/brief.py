"""What the local-SDGs brief shows beside the indicator table: the partnerships chosen, Earths per
place, the share of Osaka's footprint met abroad, the scale of offsets and the headline numbers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from footprint import forest as F
from footprint.core.errors import ParameterError
from footprint.core.status import weakest_status


def select_partnerships(partnerships: pd.DataFrame, ids: Sequence[str]) -> pd.DataFrame:
    """Osaka itself and the partnerships ``ids`` (all when empty); unknown ids are an error."""
    if not ids:
        return partnerships
    unknown = sorted(set(ids) - set(partnerships["id"]))
    if unknown:
        raise ParameterError(f"partnerships: unknown {unknown}; expected among {list(partnerships['id'])}")
    return partnerships[partnerships["id"].isin(["osaka_city", *ids])].reset_index(drop=True)


def partner_countries(partnerships: pd.DataFrame) -> list[str]:
    """Japan, the international partners' countries (in partnership order) and the World."""
    intl = partnerships["country"].dropna().loc[partnerships["scope"] == "international"].unique()
    return ["Japan", *intl, "World"]


def share_abroad(origin: pd.DataFrame) -> float:
    """Share of the footprint whose biocapacity lies abroad (``origin == "abroad"``)."""
    return float(origin.loc[origin["origin"] == "abroad", "ef_gha"].sum() / origin["ef_gha"].sum())


def earths_rows(headline: pd.DataFrame, national: pd.DataFrame, countries: Sequence[str],
                name: Callable[[str], str] = str) -> pd.DataFrame:
    """Earths needed: Osaka (estimate with its 90 % interval) then each country but the World (published).

    Returns ``name, earths, p05, p95, status``; ``name`` turns ``"Osaka"`` and country names into labels.
    """
    h = headline.set_index("indicator")
    nat = national.set_index("country")
    rows = [dict(name=name("Osaka"), earths=h.loc["earths", "central"], p05=h.loc["earths", "p05"],
                 p95=h.loc["earths", "p95"], status="estimated")]
    rows += [dict(name=name(c), earths=nat.loc[c, "earths"], p05=float("nan"), p95=float("nan"), status="published")
             for c in countries if c != "World"]
    return pd.DataFrame(rows)


#: the rows of :func:`offset_magnitudes` (their names in figures are the catalog's ``brief_offsets_items``)
OFFSET_ITEMS = ("carbon_footprint", "jcm_reductions", "wood_stock", "partner_sink")


def offset_magnitudes(table: pd.DataFrame, carbon_co2_t: float, forest: F.ForestScenario) -> pd.DataFrame:
    """Osaka's carbon footprint beside JCM reductions, the wood-carbon stock at the horizon and the partner
    sink (t-CO2).

    Returns ``item`` (:data:`OFFSET_ITEMS`), ``co2_t``, ``status``, without zero rows.
    """
    jcm_rows = table[(table["partnership"] == "hcmc") & (table["indicator"] == "jcm_expected_reduction")]
    jcm = float(jcm_rows["value"].sum())
    # the indicator rows' own status, so that the chart and the indicator table say the same (issue 19: the
    # table said "published" and the chart "estimated"); the rows are expected, not verified, reductions
    jcm_status = weakest_status(jcm_rows["status"]) if len(jcm_rows) else "estimated"
    mag = pd.DataFrame({
        "item": OFFSET_ITEMS,
        "co2_t": [carbon_co2_t, jcm, forest.stock_end_co2_t, forest.sink_total_co2_t],
        "status": ["estimated", jcm_status, "illustrative", "illustrative"],
    })
    return mag[mag["co2_t"] > 0].reset_index(drop=True)


def footprint_to_sink_ratio(carbon_co2_t: float, forest: F.ForestScenario) -> float:
    """Carbon footprint ÷ partner sink, to two significant figures (an order of magnitude)."""
    return float(f"{carbon_co2_t / forest.sink_total_co2_t:.2g}")


def partnerships_measured(cov: pd.DataFrame) -> int:
    """Partnerships (Osaka itself aside) with at least one indicator."""
    return int((cov.drop(index="osaka_city", errors="ignore").sum(axis=1) > 0).sum())


def brief_headline(year: int, headline: pd.DataFrame, origin: pd.DataFrame, forest: F.ForestScenario,
                   table: pd.DataFrame) -> dict:
    """The headline numbers notebook 05 writes to ``tables/brief_headline.json``."""
    h = headline.set_index("indicator")
    fl = forest.flows
    return {
        "year": year,
        "osaka_ef_gha_per_cap": [round(float(h.loc["ef_gha_per_cap", k]), 3) for k in ("central", "p05", "p95")],
        "osaka_earths": [round(float(h.loc["earths", k]), 3) for k in ("central", "p05", "p95")],
        # of the footprint on located land (carbon has no place: its share is given beside it)
        "osaka_land_share_outside_city": round(float(h.loc["land_share_outside_city", "central"]), 4),
        "osaka_carbon_share": round(float(h.loc["carbon_share", "central"]), 4),
        "osaka_share_abroad": round(share_abroad(origin), 4),
        "forest_net_outflow_jpy": {str(int(fl["fiscal_year"].iloc[-1])): round(float(fl["net_outflow_jpy"].iloc[-1]) / 1e6 * 1e6)},
        "indicators": len(table),
        "status": "estimated (city), illustrative (forest scenario), published (national, seed)",
    }
