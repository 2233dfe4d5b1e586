"""Local-SDGs indicators per partnership, for policy briefs.

One tidy table: ``partnership, sdg, indicator, label_en, label_ja, value, p05, p95, unit, year,
source, status, note``. Every row is either transcribed from a cited publication
(``data/raw/sdgs/published_indicators.csv``) or computed by the package from cited inputs; its
``status`` says which (``published`` / ``derived`` / ``estimated`` / ``illustrative``) and its
``source`` names the original publications. Nothing is typed in by hand here.

The builders take the results of the other modules as arguments (tables and small dicts), so
that the maths stays pure and the notebook decides what to load:

* :func:`national_rows` — partner countries' footprints (NFA 2025 edition, published);
* :func:`city_rows` — Osaka's footprint, overshoot day, share met outside the city (estimates
  with 90 % intervals, :func:`footprint.city.headline_results`);
* :func:`forest_rows` — forest-tax money, wood carbon and partner-forest sink
  (:func:`forest_scenario`);
* :func:`flow_rows` — bonds per partnership (layers, diversity, reciprocity, JCM projects and
  expected reductions, trainees) from the flow graph (:mod:`footprint.flows`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from footprint.core import Column, check_unique, read_raw_csv, validate, weakest_status
from footprint.core.errors import ParameterError

SDGS: dict[int, tuple[str, str]] = {
    6: ("Clean water and sanitation", "安全な水とトイレを世界中に"),
    7: ("Affordable and clean energy", "エネルギーをみんなに そしてクリーンに"),
    11: ("Sustainable cities and communities", "住み続けられるまちづくりを"),
    12: ("Responsible consumption and production", "つくる責任 つかう責任"),
    13: ("Climate action", "気候変動に具体的な対策を"),
    15: ("Life on land", "陸の豊かさも守ろう"),
    17: ("Partnerships for the goals", "パートナーシップで目標を達成しよう"),
}
REQUIRED_SDGS = (7, 11, 12, 13, 15, 17)
STATUS_ORDER = ("published", "derived", "estimated", "illustrative")
COLUMNS = ["partnership", "sdg", "indicator", "label_en", "label_ja", "value", "p05", "p95", "unit", "year",
           "source", "status", "note"]

OSAKA_CODE = "27100"
PARTNERSHIPS_FILE = "sdgs/partnerships.csv"
PUBLISHED_FILE = "sdgs/published_indicators.csv"

_PARTNERSHIP_SCHEMA = [
    Column("id", "str"), Column("name_en", "str"), Column("name_ja", "str"),
    Column("scope", "str", choices=("city", "domestic", "international")),
    Column("nodes", "str"), Column("country", "str", allow_na=True), Column("since", "int", allow_na=True),
    Column("source", "str"), Column("status", "str", choices=STATUS_ORDER), Column("note", "str", allow_na=True),
]
_INDICATOR_SCHEMA = [
    Column("partnership", "str"), Column("sdg", "int", min=1, max=17), Column("indicator", "str"),
    Column("label_en", "str"), Column("label_ja", "str"), Column("value", "float"), Column("unit", "str"),
    Column("year", "int", min=1900, max=2100), Column("source", "str"),
    Column("status", "str", choices=STATUS_ORDER), Column("note", "str", allow_na=True),
]


# --------------------------------------------------------------------------------------------
# loaders
# --------------------------------------------------------------------------------------------


def load_partnerships(relpath: str = PARTNERSHIPS_FILE) -> pd.DataFrame:
    df = read_raw_csv(relpath, _PARTNERSHIP_SCHEMA, dtype={"since": "Int64"})
    check_unique(df, ["id"], relpath)
    return df


def load_published(partnerships: pd.DataFrame, relpath: str = PUBLISHED_FILE) -> pd.DataFrame:
    """Indicators transcribed from publications; unknown partnerships and SDGs are errors."""
    df = read_raw_csv(relpath, _INDICATOR_SCHEMA)
    check_unique(df, ["partnership", "indicator", "year"], relpath)
    _check_keys(df, partnerships, relpath)
    return df


def _check_keys(df: pd.DataFrame, partnerships: pd.DataFrame, file: str) -> None:
    from footprint.core import suggest
    from footprint.core.errors import DataFileError

    known = set(partnerships["id"])
    bad = ~df["partnership"].isin(known).to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        name = df["partnership"].iloc[i]
        raise DataFileError(file, f"a partnership id among {sorted(known)}", repr(name), row=i + 2,
                            hint=f"close: {suggest(name, known)}")
    bad = ~df["sdg"].isin(list(SDGS)).to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise DataFileError(file, f"an SDG among {sorted(SDGS)}", str(df["sdg"].iloc[i]), row=i + 2)


# --------------------------------------------------------------------------------------------
# row builders (pure)
# --------------------------------------------------------------------------------------------


def _rows(records: Iterable[dict]) -> pd.DataFrame:
    df = pd.DataFrame(list(records))
    for c in COLUMNS:
        if c not in df.columns:
            df[c] = np.nan if c in ("value", "p05", "p95") else None
    return df[COLUMNS]


def national_rows(summary: pd.DataFrame, partnerships: pd.DataFrame, year: int, source: str) -> pd.DataFrame:
    """Each partnership's country: footprint per person and Earths (SDG 12), from the NFA summary.

    ``summary``: :func:`footprint.accounts.summary` rows (``country, year,
    ef_consumption_gha_per_cap, earths``).
    """
    s = summary[summary["year"] == year].set_index("country")
    p = partnerships[partnerships["country"].notna() & (partnerships["scope"] == "international")]
    missing = sorted(set(p["country"]) - set(s.index))
    if missing:
        raise ParameterError(f"national summary for {year} lacks partner countries {missing}")
    recs = []
    for pid, country in zip(p["id"], p["country"], strict=True):
        row = s.loc[country]
        recs.append(dict(partnership=pid, sdg=12, indicator="country_ef_gha_per_cap",
                         label_en=f"Ecological footprint per person, {country}",
                         label_ja=f"1人当たりエコロジカル・フットプリント（{country}）",
                         value=float(row["ef_consumption_gha_per_cap"]), unit="gha per person", year=year,
                         source=source, status="published", note="national value: context for the city partnership"))
        recs.append(dict(partnership=pid, sdg=12, indicator="country_earths", label_en=f"Earths needed, {country}",
                         label_ja=f"地球の数（{country}）", value=float(row["earths"]), unit="Earths", year=year,
                         source=source, status="published",
                         note="footprint per person ÷ world biocapacity per person"))
    return _rows(recs)


_CITY_INDICATORS = {
    # headline indicator -> (sdg, id, label_en, label_ja, scale, unit)
    "ef_gha_per_cap": (12, "osaka_ef_gha_per_cap", "Osaka City's ecological footprint per person",
                       "大阪市の1人当たりエコロジカル・フットプリント", 1.0, "gha per person"),
    "earths": (12, "osaka_earths", "Earths needed if everyone lived like Osaka's residents",
               "大阪市民と同じ暮らしに必要な地球の数", 1.0, "Earths"),
    "share_outside_city": (11, "osaka_share_outside_city", "Share of Osaka's footprint met outside the city",
                           "市外の生態系サービスに依存する割合", 100.0, "%"),
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
        recs.append(dict(partnership="osaka_city", sdg=sdg, indicator=iid, label_en=en, label_ja=ja,
                         value=float(r["central"]) * scale, p05=float(r["p05"]) * scale,
                         p95=float(r["p95"]) * scale, unit=unit, year=year, source=str(r["source"]),
                         status=str(r["status"]), note="p05-p95: 90 % Monte Carlo interval"))
    abroad = float(origin.loc[origin["origin"] == "abroad", "ef_gha"].sum()) / float(origin["ef_gha"].sum())
    recs.append(dict(partnership="osaka_city", sdg=12, indicator="osaka_share_abroad",
                     label_en="Share of Osaka's footprint met abroad", label_ja="海外に依存するフットプリントの割合",
                     value=abroad * 100, unit="%", year=year, source=str(origin["source"].iloc[0]),
                     status=weakest_status(origin["status"]), note="national shares of production and imports per land type"))
    recs.append(dict(partnership="osaka_city", sdg=13, indicator="osaka_carbon_footprint_mt_co2",
                     label_en="Osaka City's carbon footprint", label_ja="大阪市のカーボン・フットプリント",
                     value=float(carbon["co2_t"]) / 1e6, unit="Mt-CO2", year=int(carbon["year"]),
                     source=str(carbon["source"]), status=str(carbon["status"]),
                     note=f"{carbon['intensity_gha_per_t_co2']:.3f} gha per t-CO2"))
    return _rows(recs)


@dataclass(frozen=True)
class ForestScenario:
    """Forest-tax money, wood carbon and partner-forest sink of one scenario (see :func:`forest_scenario`)."""

    flows: pd.DataFrame
    wood: pd.DataFrame
    stock: pd.DataFrame
    sink: pd.DataFrame
    horizon_year: int
    wood_share: float
    supported_area_ha: float


def forest_scenario(
    inputs,
    *,
    fiscal_years: Sequence[int] = (2019, 2025),
    wood_share: float = 0.5,
    purchase_years: Sequence[int] = (2019, 2050),
    horizon_year: int = 2050,
    partner_codes: Sequence[str] = ("27216", "27383"),
    supported_area_ha: float = 100.0,
    stand_mix: Sequence[Sequence] = (("sugi", 38, 0.6), ("hinoki", 25, 0.4)),
) -> ForestScenario:
    """The forest notebook's default scenario, composed from :mod:`footprint.forest` functions.

    The defaults are the ``03_forest_tax_timber_sinks`` notebook's parameter defaults (a test
    keeps them equal); the spending share, product mix, partners and area are illustrative.
    """
    from footprint import forest as F

    munis = F.municipality_indicators(inputs.municipalities)
    flows = F.osaka_fund_flows(F.year_span(list(fiscal_years)), inputs, municipalities=munis)
    purchase = F.osaka_fund_flows(F.year_span(list(purchase_years)), inputs, municipalities=munis)
    wood = F.wood_carbon(purchase, inputs.carbon.products, inputs.carbon.densities, wood_share=wood_share)
    stock = F.hwp_stock(wood, inputs.carbon.half_lives, until=horizon_year)
    stands = F.stands_table(list(partner_codes), supported_area_ha, [list(s) for s in stand_mix],
                            inputs.municipalities)
    sink = F.forest_sink(stands, inputs.carbon.species, inputs.carbon.increments)
    return ForestScenario(flows, wood, stock, sink, horizon_year, wood_share, supported_area_ha)


def forest_rows(sc: ForestScenario, published: pd.DataFrame, sources: dict[str, str]) -> pd.DataFrame:
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
    stock_end = float(sc.stock.loc[sc.stock["year"] == sc.horizon_year, "stock_co2_t"].sum())
    recs.append(dict(partnership="forest_regions", sdg=12, indicator="wood_carbon_stock",
                     label_en="Carbon stored in wood bought with the transfer tax",
                     label_ja="譲与税で購入した木材の炭素貯蔵量", value=stock_end, unit="t-CO2", year=sc.horizon_year,
                     source=sources["wood"], status="illustrative",
                     note=f"{sc.wood_share:.0%} of receipts spent on wood at assumed prices; IPCC first-order decay"))
    recs.append(dict(partnership="forest_regions", sdg=15, indicator="partner_forest_sink",
                     label_en="Annual CO2 sink of the supported partner forests",
                     label_ja="支援する連携先森林の年間CO2吸収量", value=float(sc.sink["co2_t"].sum()),
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
            recs.append(dict(partnership=pid, sdg=17, indicator="bond_layers", label_en="Layers of bonds with Osaka",
                             label_ja="大阪との絆の層の数（資源・資金・人）", value=float(n_layers), unit="layers (of 3)",
                             year=year, source=sources or psrc, status="derived",
                             note="resource, fund and people layers of the flow graph"))
            recs.append(dict(partnership=pid, sdg=17, indicator="bond_diversity",
                             label_en="Diversity of bonds (Shannon index of items)", label_ja="絆の多様性（シャノン指数）",
                             value=float(best["shannon_items"]), unit="nats", year=year, source=sources or psrc,
                             status="derived", note=f"node {best.name}"))
            recs.append(dict(partnership=pid, sdg=17, indicator="bond_reciprocity",
                             label_en="Reciprocity (share of layers with flows both ways)",
                             label_ja="互恵性（双方向の流れがある層の割合）", value=float(best["reciprocity"]),
                             unit="share", year=year, source=sources or psrc, status="derived", note=f"node {best.name}"))
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
                             status=weakest_status(latest["status"]),
                             note=f"{len(latest)} series, latest years {int(latest['year'].min())}-{int(latest['year'].max())}"))
    return _rows(recs)


# --------------------------------------------------------------------------------------------
# the table
# --------------------------------------------------------------------------------------------


def indicator_table(parts: Sequence[pd.DataFrame], partnerships: pd.DataFrame) -> pd.DataFrame:
    """Concatenate indicator rows, check them and sort them (partnership order, SDG, indicator).

    Every row must name a known partnership and SDG, carry a value, unit, year, source and a
    status; one row per (partnership, indicator, year).
    """
    df = pd.concat([p.reindex(columns=COLUMNS) for p in parts if len(p)], ignore_index=True)
    df = validate(df, [c for c in _INDICATOR_SCHEMA], "indicator table")
    check_unique(df, ["partnership", "indicator", "year"], "indicator table")
    _check_keys(df, partnerships, "indicator table")
    order = {pid: i for i, pid in enumerate(partnerships["id"])}
    df = df.assign(_o=df["partnership"].map(order)).sort_values(["_o", "sdg", "indicator", "year"], kind="stable")
    return df.drop(columns="_o").reset_index(drop=True)[COLUMNS]


def coverage(table: pd.DataFrame, partnerships: pd.DataFrame) -> pd.DataFrame:
    """Number of indicators per partnership × SDG (rows in partnership order, all SDGs as columns)."""
    c = table.pivot_table(index="partnership", columns="sdg", values="indicator", aggfunc="count", fill_value=0)
    return c.reindex(index=list(partnerships["id"]), columns=list(SDGS), fill_value=0).astype(int)


def missing_required(table: pd.DataFrame, required: Sequence[int] = REQUIRED_SDGS) -> list[int]:
    """SDGs of ``required`` that no indicator covers."""
    return sorted(set(required) - set(table["sdg"].astype(int)))


def format_value(value: float, unit: str) -> str:
    """A value as a brief would print it (3 significant figures, thousands separators)."""
    if unit == "year":
        return f"{value:.0f}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"
