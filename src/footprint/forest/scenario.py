"""The forest scenario, written once: Osaka's forest-tax money, where its levy goes, the carbon in
wood bought with the receipts and the sink of supported partner forests.

Notebook 03 tells its story and notebook 05 cites its indicators; both call :func:`forest_scenario`.
The spending share, product mix, partners and supported area are illustrative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from footprint.core.errors import ParameterError
from footprint.core.places import OSAKA_PREF_CODE
from footprint.forest.allocation import municipality_indicators, region_shares, year_span
from footprint.forest.fund import LEVY_FROM_FY, OsakaShares, money_destinations, osaka_fund_flows, osaka_shares, \
    receipt_checks
from footprint.forest.inputs import ForestInputs
from footprint.forest.offsets import CarbonFootprint, Emissions, offsets
from footprint.forest.sink import forest_sink, stands_table
from footprint.forest.wood import hwp_stock, wood_carbon


@dataclass(frozen=True, eq=False)
class ForestScenario:
    """Tables of one forest scenario (see :func:`forest_scenario`)."""

    shares: OsakaShares
    flows: pd.DataFrame
    checks: pd.DataFrame
    regions: pd.DataFrame
    destinations: pd.DataFrame
    destination_fy: int
    wood: pd.DataFrame
    stock: pd.DataFrame
    sink: pd.DataFrame
    purchase_years: tuple[int, int]
    horizon_year: int
    wood_share: float
    supported_area_ha: float

    @property
    def stock_end_co2_t(self) -> float:
        """Carbon stock in purchased wood at the end of the horizon year (t-CO2)."""
        return float(self.stock.loc[self.stock["year"] == self.horizon_year, "stock_co2_t"].sum())

    @property
    def sink_total_co2_t(self) -> float:
        """Annual sink of all supported stands (t-CO2 a year)."""
        return float(self.sink["co2_t"].sum())

    @property
    def wood_volume_m3(self) -> float:
        """Wood bought over the purchase years (m3)."""
        return float(self.wood["volume_m3"].sum())

    def destinations_in(self, fiscal_year: int | None = None) -> pd.DataFrame:
        """Where the levy goes in one fiscal year (default: ``destination_fy``), largest first."""
        fy = self.destination_fy if fiscal_year is None else fiscal_year
        d = self.destinations
        return d[d["fiscal_year"] == fy].sort_values("amount_jpy", ascending=False)

    def levy_back_home_jpy(self, fiscal_year: int | None = None) -> float:
        """Levy of a fiscal year (default ``destination_fy``) that returns to Osaka Prefecture's region."""
        d = self.destinations_in(fiscal_year)
        return float(d.loc[d["pref_code"] == OSAKA_PREF_CODE, "amount_jpy"].sum())


#: the scenario's parameters: every one must be given (their defaults and ranges are the run's parameter model,
#: ``footprint.pipeline.model.RunParameters``, and nowhere else)
SCENARIO_PARAMETERS = ("fiscal_years", "census_2020_from_fy", "destination_fy", "wood_share", "purchase_years",
                       "horizon_year", "partner_codes", "supported_area_ha", "stand_mix")


def forest_scenario(
    inputs: ForestInputs,
    *,
    fiscal_years: Sequence[int],
    census_2020_from_fy: int,
    destination_fy: int,
    wood_share: float,
    purchase_years: Sequence[int],
    horizon_year: int,
    partner_codes: Sequence[str],
    supported_area_ha: float,
    stand_mix: Sequence[Sequence],
    payers_persons: float | None = None,
    forestry_workers: pd.DataFrame | None = None,
    planted_forest: pd.DataFrame | None = None,
) -> ForestScenario:
    """Compose the forest scenario from the topic's functions.

    Parameters
    ----------
    inputs
        :func:`footprint.forest.load_inputs`.
    fiscal_years, purchase_years
        ``[first, last]`` of the receipts-and-payments table and of the wood purchases.
    payers_persons
        Osaka City's levy payers; ``None`` or 0: national payers × population share (ESTIMATE).
    forestry_workers, planted_forest
        A researcher's tables (:func:`footprint.forest.load_forestry_workers`,
        :func:`footprint.forest.load_planted_forest`); ``None``: not supplied.
    destination_fy
        Fiscal year whose levy is followed to the receiving regions (FY2024 or later).
    wood_share, horizon_year, partner_codes, supported_area_ha, stand_mix
        Illustrative wood purchases (share of receipts, stock to ``horizon_year``) and supported
        partner stands (``[species, age_y, fraction]`` in each partner municipality).
    """
    if destination_fy < LEVY_FROM_FY:
        raise ParameterError(f"destination_fy: expected a fiscal year with levy payments ({LEVY_FROM_FY} or later), "
                             f"found {destination_fy}")
    munis = municipality_indicators(inputs.municipalities, workers=forestry_workers, planted=planted_forest)
    kw = dict(municipalities=munis, census_2020_from_fy=census_2020_from_fy, payers_persons=payers_persons or None)
    shares = osaka_shares(munis, inputs.allocation, inputs.published, census_2020_from_fy=census_2020_from_fy)
    flows = osaka_fund_flows(year_span(list(fiscal_years)), inputs, **kw)
    dest_flows = flows if destination_fy in set(flows["fiscal_year"]) else osaka_fund_flows([destination_fy], inputs, **kw)
    regions = region_shares(inputs.prefectures, inputs.allocation, dest_flows["fiscal_year"])
    purchase = osaka_fund_flows(year_span(list(purchase_years)), inputs, **kw)
    wood = wood_carbon(purchase, inputs.carbon.products, inputs.carbon.densities, wood_share=wood_share)
    stands = stands_table(list(partner_codes), supported_area_ha, [list(s) for s in stand_mix], inputs.municipalities)
    return ForestScenario(
        shares=shares,
        flows=flows,
        checks=receipt_checks(flows, inputs.published),
        regions=regions,
        destinations=money_destinations(dest_flows, regions),
        destination_fy=int(destination_fy),
        wood=wood,
        stock=hwp_stock(wood, inputs.carbon.half_lives, until=horizon_year),
        sink=forest_sink(stands, inputs.carbon.species, inputs.carbon.increments),
        purchase_years=(int(purchase_years[0]), int(purchase_years[-1])),
        horizon_year=int(horizon_year),
        wood_share=float(wood_share),
        supported_area_ha=float(supported_area_ha),
    )


def scenario_offsets(sc: ForestScenario, emissions: Emissions, footprint: CarbonFootprint,
                     sink_from_year: int) -> pd.DataFrame:
    """:func:`footprint.forest.offsets` of the scenario's wood stock and partner sink."""
    return offsets(sc.stock, sc.sink_total_co2_t, emissions_co2_t=emissions.co2_t, footprint_gha=footprint.ef_carbon_gha,
                   gha_per_t_co2=footprint.gha_per_t_co2, sink_from_year=sink_from_year)


def scenario_tables(sc: ForestScenario, offsets_table: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The tables notebook 03 writes, by file name."""
    return {
        "osaka_fund_flows": sc.flows,
        "receipt_checks": sc.checks,
        "money_destinations": sc.destinations,
        "region_shares": sc.regions,
        "wood_purchases": sc.wood,
        "wood_carbon_stock": sc.stock,
        "partner_forest_sink": sc.sink,
        "offsets": offsets_table,
    }


def headline(sc: ForestScenario, emissions: Emissions, footprint: CarbonFootprint) -> dict:
    """The headline numbers notebook 03 writes to ``tables/headline.json``."""
    flows = sc.flows
    years = flows["fiscal_year"].astype(str)
    return {
        "receipts_jpy": dict(zip(years, flows["receipts_jpy"].round(0), strict=True)),
        "payments_jpy": dict(zip(years, flows["payments_jpy"].round(0), strict=True)),
        "status_by_year": dict(zip(years, flows["status"], strict=True)),
        "workers_share": sc.shares.workers_share,
        "workers_share_status": sc.shares.workers_status,
        "wood_stock_co2_t": {str(sc.horizon_year): round(sc.stock_end_co2_t, 1)},
        "partner_sink_co2_t_per_yr": round(sc.sink_total_co2_t, 1),
        "emissions_co2_t": round(emissions.co2_t, 0),
        "emissions_status": emissions.status,
        "carbon_footprint_gha": round(footprint.ef_carbon_gha, 0),
        "carbon_footprint_method": footprint.method,
    }
