"""Loaders of the partner magnitudes in ``data/raw/partners/`` (trade, people, JCM, domestic, cross-checks).

Each loader reads one checksum-verified file and returns a tidy table keyed by the partner's
ISO 3166-1 alpha-3 code (``WLD`` = the world, Japan's total) with ``source`` and ``status``;
nothing here computes beyond reshaping. The partners of the ledger are :data:`PARTNERS`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from footprint.core import paths, read_raw_csv
from footprint.core.errors import DataFileError
from footprint.core.places import OSAKA_CODE

TRADE_FILE = "partners/japan_trade_by_partner_commodity_2009_2026_billion_yen.csv"
ARRIVALS_FILE = "partners/jnto_annual_partner_arrivals_1996_2024.csv"
OSAKA_VISITORS_FILE = "partners/osaka_inbound_visitors_page_derived.csv"
RESIDENTS_FILE = "partners/osaka_pref_city_wards_by_nationality_2022-06.csv"
JCM_FILE = "partners/jcm_model_projects_VN_TH_PH_page_derived.csv"
DOMESTIC_FILE = "partners/interprefectural_flows_people2019_2025_goods2022.csv"
FAOSTAT_FILE = "partners/faostat_DTM_wheat_coffee_imports_Japan_2000_2024_tonnes.csv"
LAND_PROTOTYPE_FILE = "partners/halfcircle_ex_flow_land_ha.csv"

#: the partners abroad of the ledger: ISO3 -> (English, Japanese, node id of the flow graph)
PARTNERS: dict[str, tuple[str, str, str]] = {
    "VNM": ("Viet Nam", "ベトナム", "viet_nam"),
    "THA": ("Thailand", "タイ", "thailand"),
    "PHL": ("Philippines", "フィリピン", "philippines"),
    "GBR": ("United Kingdom", "英国", "united_kingdom"),
}
_TRADE_AREAS = {"Vietnam": "VNM", "Thailnd": "THA", "Philpin": "PHL", "U King": "GBR", "Grand Total": "WLD"}
_ENGLISH = {"Vietnam": "VNM", "Viet Nam": "VNM", "Thailand": "THA", "Philippines": "PHL", "United Kingdom": "GBR"}
_JA_COLUMNS = {"ベトナム": "VNM", "タイ": "THA", "フィリピン": "PHL"}

TRADE_SOURCE = "Ministry of Finance, Trade Statistics of Japan (e-Stat 00350300), via mitsuoxv/jp-trade"
ARRIVALS_SOURCE = "JNTO, Visitor Arrivals by Nationality & Purpose of Visit (2025-05-29)"
OSAKA_VISITORS_SOURCE = "大阪観光局 来阪外客数の推移 (2017-01-19; page-derived, estimates)"
RESIDENTS_SOURCE = "出入国在留管理庁 在留外国人統計 第3表 (2022-06)"
JCM_SOURCE = "MOEJ JCM model project releases (page-derived list of 23 projects)"
DOMESTIC_SOURCE = {"goods": "MLIT 貨物地域流動調査 統計表2 (FY2022)", "people": "総務省 住民基本台帳人口移動報告"}
FAOSTAT_SOURCE = "FAOSTAT Detailed Trade Matrix (import quantity), via halfcircle"
LAND_PROTOTYPE_SOURCE = "Park & Xiao (2018) halfcircle ex_flow (FAOSTAT-based; year undocumented)"
OSAKA_PREF_CODE = 27


def _need(df: pd.DataFrame, cols: list[str], relpath: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise DataFileError(paths.RAW / relpath, f"columns {cols}", f"missing {missing}",
                            hint="the file is not the one registered in data/raw/MANIFEST.csv")


def load_trade(relpath: str = TRADE_FILE) -> pd.DataFrame:
    """Japan's trade by partner and commodity: ``direction (import/export), partner (ISO3 or WLD), goods, year,
    value_bn_jpy, source, status`` (published). Groups are nested as in the source (see :mod:`~footprint.flows.trade`)."""
    df = read_raw_csv(relpath)
    _need(df, ["ex_im", "area", "goods", "year", "value"], relpath)
    bad = ~df["area"].isin(list(_TRADE_AREAS))
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataFileError(paths.RAW / relpath, f"area one of {list(_TRADE_AREAS)}", repr(df['area'].iloc[i]), row=i + 2)
    value = pd.to_numeric(df["value"], errors="coerce")
    if not np.isfinite(value).all():
        i = int(np.flatnonzero(~np.isfinite(value.to_numpy()))[0])
        raise DataFileError(paths.RAW / relpath, "a finite value in billion yen", repr(df["value"].iloc[i]), row=i + 2)
    return pd.DataFrame({
        "direction": df["ex_im"].astype(str).to_numpy(),
        "partner": df["area"].map(_TRADE_AREAS).to_numpy(),
        "goods": df["goods"].astype(str).to_numpy(),
        "year": df["year"].astype(int).to_numpy(),
        "value_bn_jpy": value.to_numpy(dtype=float),
        "source": TRADE_SOURCE,
        "status": "published",
    })


def load_arrivals(relpath: str = ARRIVALS_FILE) -> pd.DataFrame:
    """Visitor arrivals to Japan by nationality: ``partner, year, persons, others_persons, source, status``.

    Years in which JNTO reports 0 for a nationality (Viet Nam before it was listed) are dropped:
    they mean "not reported", not "nobody came"."""
    df = read_raw_csv(relpath)
    _need(df, ["Region", "Year", "Total", "Others"], relpath)
    df = df[df["Region"].isin(list(_ENGLISH)) & (df["Total"] > 0)]
    return pd.DataFrame({
        "partner": df["Region"].map(_ENGLISH).to_numpy(),
        "year": df["Year"].astype(int).to_numpy(),
        "persons": df["Total"].astype(float).to_numpy(),
        "others_persons": df["Others"].astype(float).to_numpy(),
        "source": ARRIVALS_SOURCE,
        "status": "published",
    })


def load_osaka_visitors(relpath: str = OSAKA_VISITORS_FILE) -> pd.DataFrame:
    """Foreign visitors to Osaka Prefecture by partner (2014-2016): ``partner, year, persons, source, status`` (estimated)."""
    df = read_raw_csv(relpath)
    _need(df, ["scope", "country", "year", "visitors"], relpath)
    df = df[df["country"].isin(list(_ENGLISH))]
    return pd.DataFrame({
        "partner": df["country"].map(_ENGLISH).to_numpy(),
        "year": df["year"].astype(int).to_numpy(),
        "persons": df["visitors"].astype(float).to_numpy(),
        "source": OSAKA_VISITORS_SOURCE,
        "status": "estimated",
    })


def load_residents(relpath: str = RESIDENTS_FILE) -> pd.DataFrame:
    """Foreign residents of Osaka City by nationality, June 2022: ``partner, year, persons, source, status``.

    Only the nationalities the table lists (Viet Nam, Philippines, Thailand; the UK is in その他)."""
    df = read_raw_csv(relpath, dtype={"市区町村コード": str})
    _need(df, ["市区町村コード", *_JA_COLUMNS], relpath)
    city = df[df["市区町村コード"] == OSAKA_CODE]
    if len(city) != 1:
        raise DataFileError(paths.RAW / relpath, "one row for 大阪市 (code 27100)", f"{len(city)} rows")
    return pd.DataFrame({
        "partner": list(_JA_COLUMNS.values()),
        "year": 2022,
        "persons": [float(city[c].iloc[0]) for c in _JA_COLUMNS],
        "source": RESIDENTS_SOURCE,
        "status": "published",
    })


def load_jcm(relpath: str = JCM_FILE) -> pd.DataFrame:
    """JCM model projects: ``partner, fiscal_year, project, co2_t_per_yr, source, status`` (derived: a page-derived,
    incomplete list; no yen amounts are published)."""
    df = read_raw_csv(relpath)
    _need(df, ["fy_selected", "partner_country", "project", "expected_ghg_reduction_tco2_per_yr", "source_url"], relpath)
    return pd.DataFrame({
        "partner": df["partner_country"].map(_ENGLISH).to_numpy(),
        "fiscal_year": df["fy_selected"].astype(str).str.extract(r"^(\d{4})")[0].astype(int).to_numpy(),
        "project": df["project"].astype(str).to_numpy(),
        "co2_t_per_yr": pd.to_numeric(df["expected_ghg_reduction_tco2_per_yr"], errors="coerce").to_numpy(dtype=float),
        "source": df["source_url"].astype(str).to_numpy(),
        "status": "derived",
    })


def load_domestic(relpath: str = DOMESTIC_FILE, pref_code: int = OSAKA_PREF_CODE) -> pd.DataFrame:
    """Freight (FY2022, tonnes) and migrants (2019-2025, persons) between Osaka Prefecture and every other
    prefecture: ``mode (goods/people), year, partner_code, partner_name, direction (to_osaka/from_osaka), value,
    unit (t / persons), source, status`` (published)."""
    df = read_raw_csv(relpath)
    _need(df, ["mode", "year", "from_code", "from_pref", "to_code", "to_pref", "value"], relpath)
    into = df[(df["to_code"] == pref_code) & (df["from_code"] != pref_code)]
    out = df[(df["from_code"] == pref_code) & (df["to_code"] != pref_code)]
    t = pd.concat([
        pd.DataFrame({"mode": into["mode"], "year": into["year"], "partner_code": into["from_code"],
                      "partner_name": into["from_pref"], "direction": "to_osaka", "value": into["value"]}),
        pd.DataFrame({"mode": out["mode"], "year": out["year"], "partner_code": out["to_code"],
                      "partner_name": out["to_pref"], "direction": "from_osaka", "value": out["value"]}),
    ], ignore_index=True)
    goods = t["mode"] == "goods"
    t["value"] = np.where(goods, t["value"].astype(float) * 1000.0, t["value"].astype(float))  # kt -> t
    t["unit"] = np.where(goods, "t", "persons")
    t["source"] = t["mode"].map(DOMESTIC_SOURCE)
    t["status"] = "published"
    return t.sort_values(["mode", "year", "partner_code", "direction"], kind="stable").reset_index(drop=True)


def load_faostat(relpath: str = FAOSTAT_FILE) -> pd.DataFrame:
    """FAOSTAT imports into Japan (wheat, green coffee): ``origin, item, year, tonnes, source, status``."""
    df = read_raw_csv(relpath)
    _need(df, ["O", "D", "item", "year", "volume"], relpath)
    return pd.DataFrame({"origin": df["O"].astype(str), "item": df["item"].astype(str), "year": df["year"].astype(int),
                         "tonnes": df["volume"].astype(float), "source": FAOSTAT_SOURCE, "status": "published"})


def load_land_prototype(relpath: str = LAND_PROTOTYPE_FILE, importer: str = "Japan") -> pd.DataFrame:
    """The prototype land embodied in trade into ``importer``: ``origin, cropland_ha`` (vegetable + fruit + wheat +
    soybean hectares), ``source, status`` (illustrative: the reference year is undocumented)."""
    df = read_raw_csv(relpath)
    _need(df, ["O", "D", "vegetable", "fruit", "wheat", "soybean"], relpath)
    d = df[df["D"] == importer]
    return pd.DataFrame({"origin": d["O"].astype(str).to_numpy(),
                         "cropland_ha": d[["vegetable", "fruit", "wheat", "soybean"]].sum(axis=1).to_numpy(dtype=float),
                         "source": LAND_PROTOTYPE_SOURCE, "status": "illustrative"})
