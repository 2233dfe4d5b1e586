"""Indicator rows per partnership, built from the other topics' results (tables and frozen dataclasses).

* :func:`national_rows` — partner countries' footprints (NFA 2025 edition, published);
* :func:`city_rows` — Osaka's footprint, overshoot day (computed by the city model with the
  accounts' function), share met outside the city (estimates with 90 % intervals,
  :func:`footprint.city.headline_results`);
* :func:`forest_rows` — forest-tax money, wood carbon and partner-forest sink
  (:func:`footprint.forest.forest_scenario`);
* :func:`flow_rows` — bonds per partnership (layers, diversity, reciprocity, JCM projects and
  expected reductions, trainees) from the flow graph (:mod:`footprint.flows`).

Every builder returns rows with the columns :data:`footprint.sdgs.schema.COLUMNS`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from footprint import accounts
from footprint import forest as F
from footprint.core import weakest_status
from footprint.core.errors import ParameterError
from footprint.core.places import OSAKA_CODE
from footprint.sdgs.schema import COLUMNS


def _rows(records: Iterable[dict]) -> pd.DataFrame:
    df = pd.DataFrame(list(records))
    for c in COLUMNS:
        if c not in df.columns:
            df[c] = np.nan if c in ("value", "p05", "p95") else None
    return df[COLUMNS]


def national_rows(summary: pd.DataFrame, partnerships: pd.DataFrame, year: int, source: str,
                  names_ja: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Each partnership's country: footprint per person and Earths (SDG 12), from the NFA summary.

    ``summary``: :func:`footprint.accounts.summary` rows (``country, year,
    ef_consumption_gha_per_cap, earths``). ``names_ja``: the countries' Japanese names for ``label_ja``
    (notebook 05 passes the caption catalog's); a country it lacks is refused, never left in English.
    """
    if names_ja is not None:
        lacking = sorted(set(partnerships["country"].dropna()) - set(names_ja))
        if lacking:
            raise ParameterError(f"names_ja: expected a Japanese name for every partner country, found none for {lacking}")
    s = summary[summary["year"] == year].set_index("country")
    p = partnerships[partnerships["country"].notna() & (partnerships["scope"] == "international")]
    missing = sorted(set(p["country"]) - set(s.index))
    if missing:
        raise ParameterError(f"national summary for {year} lacks partner countries {missing}")
    recs = []
    for pid, country in zip(p["id"], p["country"], strict=True):
        row = s.loc[country]
        ja = names_ja[country] if names_ja is not None else country
        recs.append(dict(partnership=pid, sdg=12, indicator="country_ef_gha_per_cap",
                         label_en=f"Ecological footprint per person, {country}",
                         label_ja=f"1人当たりエコロジカル・フットプリント（{ja}）",
                         value=float(row["ef_consumption_gha_per_cap"]), unit="gha per person", year=year,
                         source=source, status="published", note="national value: context for the city partnership"))
        recs.append(dict(partnership=pid, sdg=12, indicator="country_earths", label_en=f"Earths needed, {country}",
                         label_ja=f"地球の数（{ja}）", value=float(row["earths"]), unit="Earths", year=year,
                         source=source, status="published",
                         note="footprint per person ÷ world biocapacity per person"))
    return _rows(recs)


_CITY_INDICATORS = {
    # headline indicator -> (sdg, id, label_en, label_ja, scale, unit)
    "ef_gha_per_cap": (12, "osaka_ef_gha_per_cap", "Osaka City's ecological footprint per person",
                       "大阪市の1人当たりエコロジカル・フットプリント", 1.0, "gha per person"),
    "earths": (12, "osaka_earths", "Earths needed if everyone lived like Osaka's residents",
               "大阪市民と同じ暮らしに必要な地球の数", 1.0, "Earths"),
    "land_share_outside_city": (11, "osaka_land_share_outside_city",
                                "Share of Osaka's footprint on land met outside the city (carbon apart)",
                                "土地のフットプリントのうち市外に依存する割合（炭素を除く）", 100.0, "%"),
    "carbon_share": (13, "osaka_carbon_share", "Carbon's share of Osaka's footprint (uptake land not located)",
                     "フットプリントに占める炭素の割合（吸収地は特定されない）", 100.0, "%"),
    "times_area": (11, "osaka_gha_per_ha_city", "Footprint per hectare of city area",
                   "市域1haあたりのフットプリント", 1.0, "gha per ha"),
    "overshoot_day": (13, "osaka_overshoot_day", "Osaka City's overshoot day",
                      "大阪市のオーバーシュート・デー", 1.0, "day of year"),
}


def city_rows(headline: pd.DataFrame, carbon: dict, origin: pd.DataFrame) -> pd.DataFrame:
    """Osaka's own indicators (all estimates), with the 90 % interval where the model has one.

    ``headline``: :func:`footprint.city.headline_results`; ``carbon``:
    :func:`footprint.city.osaka_carbon_footprint`; ``origin``: :func:`footprint.city.osaka_origin_table`.
    """
    h = headline.set_index("indicator")
    missing = sorted(set(_CITY_INDICATORS) - set(h.index))
    if missing:
        raise ParameterError(f"city headline table lacks indicators {missing}")
    year = int(h["year"].iloc[0])
    recs = []
    for key, (sdg, iid, en, ja, scale, unit) in _CITY_INDICATORS.items():
        r = h.loc[key]
        v, lo, hi = (float(r[c]) * scale for c in ("central", "p05", "p95"))
        note = "p05-p95: full 90 % interval (structural ensemble and parametric Monte Carlo)"
        if key == "overshoot_day":  # the day the budget runs out, as the date says (GFN: day ceil(d))
            v, lo, hi = (float(math.ceil(d)) for d in (v, lo, hi))
            note = (f"day {v:.0f} = {accounts.overshoot_date(float(r['central']), year):%d %B} (the day the year's "
                    f"biocapacity runs out, GFN convention); {note}")
        recs.append(dict(partnership="osaka_city", sdg=sdg, indicator=iid, label_en=en, label_ja=ja,
                         value=v, p05=lo, p95=hi, unit=unit, year=year, source=str(r["source"]),
                         status=str(r["status"]), note=note))
    abroad = float(origin.loc[origin["origin"] == "abroad", "ef_gha"].sum()) / float(origin["ef_gha"].sum())
    recs.append(dict(partnership="osaka_city", sdg=12, indicator="osaka_share_abroad",
                     label_en="Share of Osaka's footprint met abroad", label_ja="海外に依存するフットプリントの割合",
                     value=abroad * 100, unit="%", year=year, source=str(origin["source"].iloc[0]),
                     status=weakest_status(origin["status"]),
                     note="share of the whole footprint met by biocapacity abroad (national shares of production and "
                          "imports per land type); carbon-uptake land is not located and counts in no place"))
    recs.append(dict(partnership="osaka_city", sdg=13, indicator="osaka_carbon_footprint_mt_co2",
                     label_en="Osaka City's carbon footprint", label_ja="大阪市のカーボン・フットプリント",
                     value=float(carbon["co2_t"]) / 1e6, unit="Mt-CO2", year=int(carbon["year"]),
                     source=str(carbon["source"]), status=str(carbon["status"]),
                     note=f"{carbon['intensity_gha_per_t_co2']:.3f} gha per t-CO2"))
    return _rows(recs)


def forest_rows(sc: F.ForestScenario, published: pd.DataFrame, sources: dict[str, str]) -> pd.DataFrame:
    """Forest-regions partnership: money (SDG 15 and 17), wood carbon (SDG 12), sink (SDG 15)."""
    recs = []
    fy23 = published[(published["code5"] == OSAKA_CODE) & (published["fiscal_year"] == 2023)
                     & (published["part"] == "full_year")]
    f = sc.flows.set_index("fiscal_year")
    if not fy23.empty:
        recs.append(dict(partnership="forest_regions", sdg=15, indicator="osaka_transfer_tax_receipts_fy2023",
                         label_en="Forest Environment Transfer Tax received by Osaka City",
                         label_ja="大阪市の森林環境譲与税の受取額", value=float(fy23["amount_jpy"].iloc[0]) / 1e6,
                         unit="million JPY", year=2023, source=str(fy23["source"].iloc[0]), status="published",
                         note="3rd in Japan"))
    last = int(f.index.max())
    recs.append(dict(partnership="forest_regions", sdg=17, indicator="osaka_net_outflow_forest_tax",
                     label_en="Osaka's net flow of forest-tax money to forest regions (payments − receipts)",
                     label_ja="森林環境税・譲与税の大阪市からの純流出額（納付−受取）",
                     value=float(f.loc[last, "net_outflow_jpy"]) / 1e6, unit="million JPY", year=last,
                     source=str(f.loc[last, "source"]), status=str(f.loc[last, "status"]),
                     note="payers estimated from the population share"))
    stock_end = sc.stock_end_co2_t
    recs.append(dict(partnership="forest_regions", sdg=12, indicator="wood_carbon_stock",
                     label_en="Carbon stored in wood bought with the transfer tax",
                     label_ja="譲与税で購入した木材の炭素貯蔵量", value=stock_end, unit="t-CO2", year=sc.horizon_year,
                     source=sources["wood"], status="illustrative",
                     note=f"{sc.wood_share:.0%} of receipts spent on wood at assumed prices; IPCC first-order decay"))
    recs.append(dict(partnership="forest_regions", sdg=15, indicator="partner_forest_sink",
                     label_en="Annual CO2 sink of the supported partner forests",
                     label_ja="支援する連携先森林の年間CO2吸収量", value=sc.sink_total_co2_t,
                     unit="t-CO2 per year", year=int(sc.flows["fiscal_year"].max()), source=sources["sink"],
                     status="illustrative",
                     note=f"{sc.supported_area_ha:,.0f} ha in each of {sc.sink['code5'].nunique()} illustrative partners"))
    return _rows(recs)


_FLOW_ITEMS = {
    # item category -> (sdg, indicator id, label_en, label_ja, unit of the flows, how series combine)
    "low_carbon_technology": (7, "jcm_projects", "JCM low-carbon technology projects", "JCM低炭素技術プロジェクト数",
                              "projects", "max"),
    "co2_reduction": (13, "jcm_expected_reduction", "Expected CO2 reduction a year of Osaka-linked projects",
                      "大阪市関連プロジェクトの年間想定CO2削減量", "t-CO2", "sum"),
    "trainees": (17, "trainees", "Trainees hosted in Osaka (latest reported year of each course)",
                 "大阪での研修員数（各研修の直近年）", "persons", "sum"),
}


def flow_rows(flows: pd.DataFrame, bonds: pd.DataFrame, partnerships: pd.DataFrame, year: int) -> pd.DataFrame:
    """Bonds per partnership from the flow graph.

    ``flows``: the flows table (``source_id, target_id, layer, item, quantity, unit, year, source,
    status``), ``bonds``: :func:`footprint.flows.bond_metrics`. For each partnership (its nodes
    from ``partnerships.nodes``): layers and Shannon diversity of its bonds, reciprocity, the
    year of the first agreement (SDG 17); the latest JCM project count (SDG 7), the sum of the
    latest expected CO2 reductions (SDG 13) and trainees (SDG 17) where flows carry them.
    """
    recs = []
    f = flows[flows["year"] <= year].copy()
    f["category"] = f["item"].astype(str).str.split("/", n=1).str[0]
    b = bonds.set_index("partner")
    for pid, nodes, since, psrc in zip(partnerships["id"], partnerships["nodes"], partnerships["since"],
                                       partnerships["source"], strict=True):
        if pid == "osaka_city":
            continue
        ids = [n for n in str(nodes).split(";") if n]
        mine = f[f["source_id"].isin(ids) | f["target_id"].isin(ids)]
        sources = "; ".join(sorted(set(mine["source"].astype(str))))[:600]
        hit = b.loc[b.index.intersection(ids)]
        if not hit.empty:
            # bond_metrics writes a partner's layers as "resource+people"
            n_layers = len(set().union(*[set(str(s).split("+")) for s in hit["layers"] if isinstance(s, str)]))
            best = hit.sort_values("n_flows", ascending=False).iloc[0]
            recs.append(dict(partnership=pid, sdg=17, indicator="bond_layers",
                             label_en="Layers of bonds with Osaka, of three (resources, funds, people)",
                             label_ja="大阪との絆の層の数（資源・資金・人の3層のうち）", value=float(n_layers), unit="layers",
                             year=year, source=sources or psrc, status="derived",
                             note="resource, fund and people layers of the flow graph"))
            # diversity as the effective number of kinds of flow (Hill's N1 = exp of the Shannon index in nats)
            who = f"flows of {best['name_en']}" if "name_en" in best else ""
            recs.append(dict(partnership=pid, sdg=17, indicator="bond_kinds",
                             label_en="Kinds of bonds in effect (evenly spread equivalent of the kinds of flow)",
                             label_ja="実質の絆の種類数（流れの種類を均等に分けた場合の相当数）",
                             value=float(np.exp(best["shannon_items"])), unit="kinds of flow", year=year,
                             source=sources or psrc, status="derived",
                             note=f"exp of the Shannon index of the kinds of flow; {who}".rstrip("; ")))
            recs.append(dict(partnership=pid, sdg=17, indicator="bond_reciprocity",
                             label_en="Reciprocity (share of layers with flows both ways)",
                             label_ja="互恵性（双方向の流れがある層の割合）", value=float(best["reciprocity"]),
                             unit="share", year=year, source=sources or psrc, status="derived", note=who))
        if pd.notna(since):
            recs.append(dict(partnership=pid, sdg=17, indicator="partnership_years",
                             label_en="Years since the partnership began", label_ja="連携開始からの年数",
                             value=float(year - int(since)), unit="years", year=year, source=psrc, status="derived",
                             note=f"since {int(since)}"))
        for cat, (sdg, iid, en, ja, unit, how) in _FLOW_ITEMS.items():
            rows = mine[(mine["category"] == cat) & (mine["unit"].astype(str) == unit) & mine["quantity"].notna()]
            if rows.empty:
                continue
            # the latest value of each item series (a count reported again later replaces the earlier one);
            # project counts of one partner are cumulative counts of the same programme: the largest is kept
            latest = rows.sort_values("year", kind="stable").groupby("item", sort=True).tail(1)
            value = float(latest["quantity"].max() if how == "max" else latest["quantity"].sum())
            recs.append(dict(partnership=pid, sdg=sdg, indicator=iid, label_en=en, label_ja=ja, value=value,
                             unit=unit + (" per year" if cat == "co2_reduction" else ""),
                             year=int(latest["year"].max()), source="; ".join(sorted(set(latest["source"].astype(str)))),
                             # expected reductions are the proponents' ex-ante estimates, not verified ones:
                             # never published, whatever the status of the page that reports them
                             status=weakest_status([*latest["status"], *(["estimated"] if cat == "co2_reduction" else [])]),
                             note=f"{len(latest)} series, latest years {int(latest['year'].min())}-{int(latest['year'].max())}"))
    return _rows(recs)
