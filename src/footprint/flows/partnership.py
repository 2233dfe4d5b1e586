"""Entry point of the partnership ledger: loads the shipped partner data and builds every table.

:func:`partnership_ledger` returns a :class:`Partnership` with the cells, the ledger (with 90 %
intervals), the balance view, the embodied footprint, the intensities, the Osaka shares and the
cross-checks. The maths is in :mod:`~footprint.flows.trade` and :mod:`~footprint.flows.ledger`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from footprint import accounts as A
from footprint import city as C
from footprint.core import load_carbon_uptake
from footprint.core.errors import ParameterError
from footprint.core.results import Result
from footprint.core.units import gha_per_t_co2
from footprint.flows import ledger as L
from footprint.flows import partner_inputs as P
from footprint.flows import trade as T
from footprint.flows.inputs import load_seed
from footprint.flows.ledger import ledger_latest_year

YEARS_DEFAULT = tuple(range(2009, 2025))  # the ledger's years (trade statistics 2009-2024)
PREFECTURES_EN = ("Hokkaido", "Aomori", "Iwate", "Miyagi", "Akita", "Yamagata", "Fukushima", "Ibaraki", "Tochigi", "Gunma",
                  "Saitama", "Chiba", "Tokyo", "Kanagawa", "Niigata", "Toyama", "Ishikawa", "Fukui", "Yamanashi", "Nagano",
                  "Gifu", "Shizuoka", "Aichi", "Mie", "Shiga", "Kyoto", "Osaka", "Hyogo", "Nara", "Wakayama", "Tottori",
                  "Shimane", "Okayama", "Hiroshima", "Yamaguchi", "Tokushima", "Kagawa", "Ehime", "Kochi", "Fukuoka", "Saga",
                  "Nagasaki", "Kumamoto", "Oita", "Miyazaki", "Kagoshima", "Okinawa")


@dataclass(frozen=True)
class Partnership:
    cells: pd.DataFrame
    ledger: pd.DataFrame
    balance: pd.DataFrame
    embodied: pd.DataFrame
    intensities: pd.DataFrame
    shares: pd.DataFrame
    visit_rates: pd.DataFrame
    reproduction: pd.DataFrame
    cross_checks: pd.DataFrame
    nodes: pd.DataFrame
    node_of: dict


def nfa_trade(nfa: pd.DataFrame) -> pd.DataFrame:
    """Japan's NFA footprint of imports and exports by land type: ``year, land_type, direction, ef_gha``."""
    j = nfa[(nfa["country_code"] == A.JAPAN_CODE) & (nfa["basis"] == "total")
            & nfa["record"].isin(["ef_imports", "ef_exports"]) & nfa["land_type"].isin(list(T.LAND_TYPES))]
    return pd.DataFrame({"year": j["year"].astype(int).to_numpy(), "land_type": j["land_type"].astype(str).to_numpy(),
                         "direction": np.where(j["record"] == "ef_imports", "import", "export"),
                         "ef_gha": j["value"].astype(float).to_numpy()})


def osaka_jcm_links(seed_flows: pd.DataFrame, seed_nodes: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """Expected reductions of Osaka-linked JCM projects from the seed flows (unit t-CO2, Osaka as source),
    as the sum of projects started up to each year: ``partner, year, co2_t, source, status``."""
    f = seed_flows[(seed_flows["unit"] == "t-CO2") & seed_flows["source_id"].isin(["osaka_city", "osaka_pref"])]
    iso = seed_nodes.set_index("id")["iso3"]
    f = f.assign(partner=f["target_id"].map(iso), quantity=f["quantity"].astype(float), year=f["year"].astype(int))
    rows = []
    for p, g in f.groupby("partner"):
        for y in years:
            a = g[g["year"] <= y]
            if len(a):
                rows.append((p, int(y), float(a["quantity"].sum()), "; ".join(sorted(set(a["source"]))), L._weakest(a["status"])))
    return pd.DataFrame(rows, columns=["partner", "year", "co2_t", "source", "status"])


def partner_nodes(domestic: pd.DataFrame, existing: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Nodes for the ledger's partners not yet in ``existing`` (countries by ISO3, prefectures by code) and the map
    partner code -> node id."""
    node_of = {iso: v[2] for iso, v in P.PARTNERS.items()} | {L.POOL: L.POOL}
    rows = [{"id": v[2], "name_ja": v[1], "name_en": v[0], "kind": "country", "iso3": iso, "muni_code": None, "lat": np.nan, "lon": np.nan,
                 "source": "ISO 3166-1", "status": "published", "note": "placed on maps at the centroid of its boundary"}
            for iso, v in P.PARTNERS.items()]
    prefs = domestic[["partner_code", "partner_name"]].drop_duplicates().sort_values("partner_code")
    for code, name in prefs.itertuples(index=False):
        pid = f"pref_{int(code):02d}"
        node_of[pid] = pid
        rows.append({"id": pid, "name_ja": str(name), "name_en": PREFECTURES_EN[int(code) - 1], "kind": "prefecture", "iso3": "JPN",
                         "muni_code": f"{int(code):02d}000", "lat": np.nan, "lon": np.nan, "source": "MLIT 国土数値情報 N03 (code)",
                         "status": "published", "note": "placed on maps at the centroid of its boundary"})
    new = pd.DataFrame(rows)
    return new[~new["id"].isin(existing["id"])].reset_index(drop=True), node_of


def cross_checks(emb: pd.DataFrame, faostat: pd.DataFrame, prototype: pd.DataFrame) -> pd.DataFrame:
    """Cropland embodied in imports from each partner against two independent sets: the partner's share of Japan's
    cropland embodied in imports (method, 2024 and mean of all years) vs its share in the land prototype (year
    unknown), and the growth of the method's cropland gha from Viet Nam 2010→2024 vs green-coffee tonnes."""
    crop = emb[(emb["direction"] == "import") & (emb["land_type"] == "cropland")]
    world = crop[crop["partner"] == "WLD"].set_index("year")["ef_gha"]
    names = {iso: v[0] for iso, v in P.PARTNERS.items()}
    proto = prototype.set_index("origin")["cropland_ha"]
    rows = []
    for iso, name in names.items():
        c = crop[crop["partner"] == iso].set_index("year")["ef_gha"]
        share = c / world.reindex(c.index)
        rows.append({"check": "share of Japan's imported cropland", "partner": iso, "method_2024": float(share.get(2024, np.nan)),
                         "method_mean": float(share.mean()), "reference": float(proto.get(name, np.nan) / proto.sum()),
                         "reference_source": P.LAND_PROTOTYPE_SOURCE, "status": "illustrative"})
    vn = crop[crop["partner"] == "VNM"].set_index("year")["ef_gha"]
    cof = faostat[(faostat["origin"] == "Viet Nam") & faostat["item"].str.contains("Coffee")].set_index("year")["tonnes"]
    if {2010, 2024} <= set(vn.index) and {2010, 2024} <= set(cof.index):
        rows.append({"check": "growth 2010->2024 (cropland gha vs green coffee t)", "partner": "VNM",
                         "method_2024": float(vn[2024] / vn[2010]), "method_mean": np.nan,
                         "reference": float(cof[2024] / cof[2010]), "reference_source": P.FAOSTAT_SOURCE, "status": "estimated"})
    return pd.DataFrame(rows)


def partnership_ledger(seed_flows: pd.DataFrame, seed_nodes: pd.DataFrame, fund: pd.DataFrame | None = None, *,
                       draws: int, seed: int, years: Sequence[int] = YEARS_DEFAULT,
                       structural_sigma: float = 0.2, intensity_sigma: float = 0.3,
                       household: pd.DataFrame | None = None, nfa: pd.DataFrame | None = None) -> Partnership:
    """Every table of the ledger from the shipped data (``fund``: :func:`footprint.forest.osaka_fund_flows`).

    ``household``: the ``household_by_year`` table of Osaka City's result of :func:`footprint.city.compute`
    (the run's city model); ``None``: computed from the shipped city inputs.
    """
    years = [int(y) for y in years]
    nfa = A.load_nfa() if nfa is None else nfa
    nt = nfa_trade(nfa)
    trade = P.load_trade()
    groups = T.land_groups(trade)
    intens = T.intensities(groups, nt)
    up = load_carbon_uptake()
    eqf = A.equivalence_factors(nfa)
    eqf_forest = float(eqf.sort_index()["forest_products"].iloc[-1])  # the latest year of the accounts
    k = gha_per_t_co2(eqf_forest, up.afcs_t_c_per_ha, up.ocean_uptake_share, up.co2_per_c)
    emb = T.embodied(groups, intens, k)
    if household is None:
        household = C.household_by_year(C.default_inputs(), C.OSAKA, seed=seed)
    shares = T.osaka_household_share(household, sorted(set(years) | set(groups["year"])),
                                     structural_sigma=structural_sigma)
    arrivals = P.load_arrivals()
    rates = L.visit_rates(arrivals, P.load_osaka_visitors())
    domestic = P.load_domestic()
    parts = [L.trade_cells(emb, shares, intensity_sigma=intensity_sigma), L.people_cells(arrivals, rates, P.load_residents()),
             L.jcm_cells(osaka_jcm_links(seed_flows, seed_nodes, years)), L.domestic_cells(domestic)]
    if fund is not None:
        parts.append(L.forest_cells(fund))
    cells = pd.concat(parts, ignore_index=True)
    prefs = sorted(cells.loc[cells["flow"].isin(["freight", "migration"]), "partner"].unique())
    complete = pd.concat([L.complete(cells, list(P.PARTNERS), years, L.ABROAD_CELLS),
                          L.complete(cells, [L.POOL], [y for y in years if y >= 2019], L.POOL_CELLS),
                          L.complete(cells, prefs, years, L.DOMESTIC_CELLS)], ignore_index=True)
    led, bal = L.build_ledger(complete, draws, seed)
    nodes, node_of = partner_nodes(domestic, seed_nodes)
    return Partnership(cells=cells, ledger=led, balance=bal, embodied=emb, intensities=intens, shares=shares,
                       visit_rates=rates, reproduction=T.reproduction_check(emb, nt),
                       cross_checks=cross_checks(emb, P.load_faostat(), P.load_land_prototype()),
                       nodes=nodes, node_of=node_of)


#: the partnership ledger's years (parameters name a ledger year among these)
LEDGER_YEARS = YEARS_DEFAULT
_TABLES = ("cells", "ledger", "balance", "embodied", "intensities", "shares", "visit_rates", "reproduction",
           "cross_checks", "nodes")


#: draws of the ledger's Monte Carlo at most: it holds draws × cells values (about 100 MB per 1,000 draws), so a
#: run's ``draws`` beyond this would take the run past 1.5 GB; recorded as ``ledger_draws`` in the result
LEDGER_DRAWS_CAP = 2000


def compute(params: Mapping[str, object], city: Result, forest: Result) -> Result:
    """The partnership ledger of a run, once (``params``: ``draws, seed``; ``city``: the run's Osaka City
    result, whose per-year household figures attribute Japan's trade to Osaka; ``forest``: the run's forest
    result, whose fund flows are the forest-tax money)."""
    missing = [n for n in ("draws", "seed") if n not in params]
    if missing:
        raise ParameterError(f"flows.compute: expected the parameters draws and seed, found no {missing}")
    seed_tables = load_seed()
    draws = min(int(params["draws"]), LEDGER_DRAWS_CAP)
    p = partnership_ledger(seed_tables.flows, seed_tables.nodes, forest["flows"], draws=draws,
                           seed=int(params["seed"]), household=city["household_by_year"])
    return Result("flows", dict(params), {name: getattr(p, name) for name in _TABLES},
                  {"node_of": p.node_of, "latest_year": ledger_latest_year(p.ledger), "ledger_draws": draws})


def partnership_of(result: Result) -> Partnership:
    """The :class:`Partnership` of a flows result (computed or read back)."""
    return Partnership(node_of=dict(result.value("node_of")), **{name: result[name] for name in _TABLES})
