"""A corpus of bad and unusual inputs, each given to the command line as a user would.

Every case must end before any kernel starts, with exit code 2 and ONE line on stderr that names
the file, row or parameter and says what was expected (never a traceback, never a silent
fallback). The cases cover the CLI parameters, scenario files, user CLUM and land-use files, the
forest files, extra flows and nodes, and tampered raw files.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field

import pytest

from footprint.core import paths
from footprint.pipeline import cli

LAND_TYPES = ("cropland", "grazing_land", "forest_products", "fishing_grounds", "built_up_land", "carbon")
CLUM_ROWS = ("food", "housing", "personal_transport", "goods", "services", "government", "gfcf")
# Japan 2022, gha per person by land type (NFA 2025 edition, consumption): a plausible CLUM base
JAPAN_EF = (0.57, 0.10, 0.26, 0.16, 0.07, 3.21)
ROW_SHARES = (0.25, 0.15, 0.10, 0.20, 0.10, 0.08, 0.12)


def clum_csv(scale: float = 1.0, *, rows=CLUM_ROWS, cell: dict | None = None, extra_cols: str = "",
             status: str = "estimated", drop: str | None = None) -> str:
    cols = [c for c in ("clum_row", *LAND_TYPES, "source", "status") if c != drop]
    lines = [",".join(cols) + extra_cols]
    for r, share in zip(rows, ROW_SHARES * 2, strict=False):
        vals = {lt: f"{ef * share * scale:.6g}" for lt, ef in zip(LAND_TYPES, JAPAN_EF, strict=True)}
        if cell and r == cell.get("row"):
            vals[cell["col"]] = cell["value"]
        rec = {"clum_row": r, **vals, "source": "my study", "status": status}
        lines.append(",".join(str(rec[c]) for c in cols))
    return "\n".join(lines) + "\n"


LAND_HEADER = "city,land_type,area_ha,area_ha_low,area_ha_high,source,status,notes"


def land_csv(city: str = "大阪市", area: float = 20281, *, lt: str = "built_up_land", rows: int = 1,
             low: float | None = None, high: float | None = None) -> str:
    low = area * 0.9 if low is None else low
    high = area * 1.1 if high is None else high
    body = [f"{city},{lt},{area},{low},{high},my survey,estimated,"] * rows
    return LAND_HEADER + "\n" + "\n".join(body) + "\n"


FLOW_HEADER = "source_id,target_id,layer,item,quantity,unit,year,source,status,note"
NODE_HEADER = "id,name_ja,name_en,kind,iso3,muni_code,lat,lon,source,status,note"


def flow_row(src="osaka_city", tgt="hcmc", layer="people", item="visit/study_tour", q="12", unit="persons",
             year="2024", status="published") -> str:
    return f"{src},{tgt},{layer},{item},{q},{unit},{year},my report,{status},"


def node_row(i="my_town", kind="city", iso3="JPN", code="27216", lat="34.45", lon="135.57", status="published"):
    return f"{i},町,My Town,{kind},{iso3},{code},{lat},{lon},my report,{status},"


@dataclass
class Case:
    id: str
    argv: list[str]
    files: dict[str, str | bytes] = field(default_factory=dict)
    expect: tuple[str, ...] = ()  # substrings of the one-line message (case-insensitive)


def P(nb: str, *params: str, files=None, expect=()) -> Case:
    argv = ["run", nb]
    for p in params:
        argv += ["-p", p]
    name = "-".join([nb, *params])[:60]
    return Case(name, argv, files or {}, tuple(expect))


LAND_USE_KYOTO = ("city,land_type,area_ha,area_ha_low,area_ha_high,source,status,notes\n"
                  "京都市,cropland,100,90,110,test,published,\n")

CASES: list[Case] = [
    # ---- CLI parameters ------------------------------------------------------------------
    P("02", "drawz=100", expect=("drawz", "draws")),
    P("02", "yeer=2020", expect=("yeer", "year")),
    P("01", "country=[Japan]", expect=("country", "countries")),
    P("03", "wood_shares=0.4", expect=("wood_shares", "wood_share")),
    P("04", "layer=[fund]", expect=("layer", "layers")),
    P("02", "year=twenty", expect=("year", "int")),
    P("02", "draws=1.5", expect=("draws", "int")),
    P("02", "draws=1", expect=("draws", "2")),
    P("02", "draws=0", expect=("draws", "2")),
    P("02", "draws=-100", expect=("draws",)),
    P("02", "seed=-1", expect=("seed", "0")),
    P("02", "year=1990", expect=("year", "1990")),
    P("02", "year=2100", expect=("year",)),
    P("02", "city=Atlantis", expect=("city", "Atlantis")),
    P("02", "city=Osak", expect=("city", "Osaka")),
    P("02", "lang=fr", expect=("lang", "ja")),
    P("02", "lang=", expect=("lang",)),
    P("02", "draws=[1, 2", expect=("draws", "NAME=VALUE")),
    P("02", "draws", expect=("draws", "NAME=VALUE")),
    P("02", "=5", expect=("NAME=VALUE",)),
    P("01", "years=[2024]", expect=("years", "two")),
    P("01", "years=[2030, 2040]", expect=("years", "2024")),
    P("01", "years=[2020, 2010]", expect=("years",)),
    P("01", "years=[1990, 2000]", expect=("years", "2000")),
    P("01", "countries=[Narnia]", expect=("countries", "Narnia")),
    P("01", "countries=[]", expect=("countries",)),
    P("01", "lang=de", expect=("lang",)),
    P("03", "wood_share=1.5", expect=("wood_share", "1")),
    P("03", "wood_share=-0.1", expect=("wood_share", "0")),
    P("03", "wood_share=.nan", expect=("wood_share", "finite")),
    P("03", "supported_area_ha=-5.0", expect=("supported_area_ha",)),
    P("03", "supported_area_ha=.inf", expect=("supported_area_ha", "finite")),
    P("03", "partner_codes=['99999']", expect=("partner_codes", "99999")),
    P("03", "partner_codes=['2721']", expect=("partner_codes", "2721")),
    P("03", "fiscal_years=[2010, 2012]", expect=("fiscal_years", "2019")),
    P("03", "fiscal_years=[2025, 2019]", expect=("fiscal_years",)),
    P("03", "fiscal_years=[2019]", expect=("fiscal_years", "two")),
    P("03", "purchase_years=[2050, 2019]", expect=("purchase_years",)),
    P("03", "horizon_year=2000", expect=("horizon_year",)),
    P("03", "stand_mix=[['pine', 38, 1.0]]", expect=("stand_mix", "pine")),
    P("03", "stand_mix=[['sugi', 38, 0.6], ['hinoki', 25, 0.6]]", expect=("stand_mix", "1")),
    P("03", "stand_mix=[['sugi', -3, 1.0]]", expect=("stand_mix", "age")),
    P("03", "emissions_co2_t=-5.0", expect=("emissions_co2_t", "0")),
    P("03", "emissions_co2_t=.nan", expect=("emissions_co2_t", "finite")),
    P("03", "payers_persons=-1.0", expect=("payers_persons", "0")),
    P("03", "census_2020_from_fy=1990", expect=("census_2020_from_fy",)),
    P("03", "destination_fy=1990", expect=("destination_fy",)),
    P("03", "year=1990", expect=("year", "2007")),
    P("03", "sink_from_year=1900", expect=("sink_from_year",)),
    P("04", "flows_year=1800", expect=("flows_year",)),
    P("04", "ledger_year=2030", expect=("ledger_year", "2024")),
    P("04", "ledger_year=2008", expect=("ledger_year", "2009")),
    P("04", "layers=[water]", expect=("layers", "water")),
    P("04", "layers=[]", expect=("layers",)),
    P("04", "partners=[atlantis]", expect=("partners", "atlantis")),
    P("04", "partners=[hcm]", expect=("partners", "hcmc")),
    P("04", "city_layer=maybe", expect=("city_layer", "bool")),
    P("05", "partnerships=[mars]", expect=("partnerships", "mars")),
    P("05", "draws=1", expect=("draws", "2")),
    P("05", "wood_share=2.0", expect=("wood_share",)),
    P("05", "year=1999", expect=("year",)),
    P("02", "output_dir=data/raw/x", expect=("output_dir", "data/raw")),
    P("02", "processed_dir=data/raw", expect=("processed_dir", "data/raw")),
    P("02", "output_dir=/etc", expect=("output_dir",)),
    P("02", "clum_file=no/such/file.csv", expect=("clum_file", "no/such/file.csv")),
    P("03", "forestry_workers_file=missing.csv", expect=("forestry_workers_file", "missing.csv")),
    Case("unknown-notebook", ["run", "99"], expect=("99",)),
    Case("unknown-notebook-name", ["run", "city_footprnt"], expect=("city_footprnt",)),
    Case("jobs-zero", ["run", "01", "--jobs", "0"], expect=("jobs", "1")),
    Case("jobs-negative", ["run", "01", "--jobs", "-2"], expect=("jobs",)),
    Case("params-unknown-notebook", ["params", "77"], expect=("77",)),
    P("02", "seed=1.5", expect=("seed", "int")),
    P("02", "city=", expect=("city",)),
    P("02", "city=[Osaka]", expect=("city", "str")),
    P("01", "years=[2010, 2015, 2020]", expect=("years", "two")),
    P("01", "years=[2010.0, 2020]", expect=("years",)),
    P("01", "countries=[Japan, Japan]", expect=("countries", "once")),
    P("01", "countries=Japan", expect=("countries", "list")),
    P("03", "payers_persons=1e9", expect=("payers_persons", "population")),
    P("03", "supported_area_ha=1e7", expect=("supported_area_ha", "area")),
    P("03", "partner_codes=[]", expect=("partner_codes", "at least one")),
    P("03", "partner_codes=['27216', '27216']", expect=("partner_codes", "twice")),
    P("03", "stand_mix=[['sugi', 500, 1.0]]", expect=("stand_mix", "age")),
    P("03", "stand_mix=[['sugi', 38]]", expect=("stand_mix", "species")),
    P("03", "stand_mix=[]", expect=("stand_mix",)),
    P("03", "stand_mix=[['sugii', 38, 1.0]]", expect=("stand_mix", "sugi")),
    P("03", "purchase_years=[2030, 2040]", "horizon_year=2025", expect=("horizon_year", "2030")),
    P("03", "sink_from_year=2060", expect=("sink_from_year", "2050")),
    P("03", "fiscal_years=[2019, .inf]", expect=("fiscal_years", "finite")),
    P("03", "stand_mix=[['sugi', 38, .nan]]", expect=("stand_mix", "finite")),
    P("03", "destination_fy=2023", expect=("destination_fy", "2024")),
    P("04", "flows_year=2010", expect=("flows_year", "2019")),
    P("04", "layers=[fund, fund]", expect=("layers", "twice")),
    P("04", "layers=fund", expect=("layers", "list")),
    P("04", "partners=[hcmc, 42]", expect=("partners", "42")),
    P("05", "flows_year=1800", expect=("flows_year",)),
    P("05", "seed=-5", expect=("seed", "0")),
    P("05", "partnerships=[hcmcc]", expect=("partnerships", "hcmc")),
    P("05", "supported_area_ha=-1.0", expect=("supported_area_ha",)),
    P("02", "lang=~", expect=("lang",)),
    P("02", "2year=5", expect=("NAME=VALUE",)),
    P("02", "year='2020", expect=("year", "NAME=VALUE")),
    P("02", "clum_file=42", expect=("clum_file", "str")),
    Case("unknown-notebook-typo", ["run", "02_city_footprnt"], expect=("02_city_footprnt", "did you mean")),
    # ---- YAML means what it says (YAML 1.2; numbers read alike by 1.1 and 1.2; each key and -p once) -----------
    P("02", "seed=010", expect=("seed", "alike", "YAML 1.1: 8", "YAML 1.2: 10")),
    P("02", "seed=0755", expect=("seed", "alike", "493")),
    P("02", "draws=1:40", expect=("draws", "alike", "100")),
    P("02", "year=02022", expect=("year", "alike")),
    P("04", "city_layer=yes", expect=("city_layer", "bool")),  # YAML 1.2: a word, not true; never silently true
    P("02", "lang={a: 1, a: 2}", expect=("lang", "twice")),
    Case("param-given-twice", ["run", "02", "-p", "year=2022", "-p", "year=2019"], expect=("year", "twice", "2019")),
    Case("param-given-twice-same", ["run", "02", "-p", "draws=50", "-p", "draws=50"], expect=("draws", "twice")),
    Case("scenario-octal-seed", ["run", "--scenario", "{tmp}/s.yml"], {"s.yml": "name: x\ndefaults: {seed: 0755}\n"},
         ("s.yml", "alike", "493", "row 2")),
    Case("scenario-sexagesimal", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nnotebooks:\n  02_city_footprint:\n    draws: 1:40\n"}, ("s.yml", "alike", "row 4")),
    Case("scenario-two-notebooks-sections", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nnotebooks:\n  02_city_footprint: {}\nnotebooks:\n  01_national_accounts: {}\n"},
         ("s.yml", "notebooks", "twice", "lines 2 and 4")),
    Case("scenario-key-twice-in-flow", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\ndefaults: {lang: ja, lang: en}\n"}, ("s.yml", "lang", "twice")),
    Case("scenario-two-names", ["run", "--scenario", "{tmp}/s.yml"], {"s.yml": "name: a\nname: b\n"},
         ("s.yml", "name", "twice")),
    Case("scenario-empty-notebooks", ["run", "--scenario", "{tmp}/s.yml"], {"s.yml": "name: x\nnotebooks: {}\n"},
         ("s.yml", "notebooks", "at least one")),
    Case("scenario-null-notebooks", ["run", "--scenario", "{tmp}/s.yml"], {"s.yml": "name: x\nnotebooks:\n"},
         ("s.yml", "notebooks", "at least one")),
    Case("scenario-empty-sweep", ["run", "--scenario", "{tmp}/s.yml"], {"s.yml": "name: x\nsweep: {}\n"},
         ("s.yml", "sweep")),
    # ---- no guard on size: a grid of kernels larger than the limit is refused before it starts --------------
    Case("scenario-too-many-notebook-runs", ["run", "--scenario", "{tmp}/s.yml", "--jobs", "2"],
         {"s.yml": "name: x\nsweep:\n  02_city_footprint: {seed: [" + ", ".join(map(str, range(101))) + "]}\n"},
         ("at most 100 notebook executions", "105", "--max-runs 105", "footprint sweep")),  # 101 points + 4 notebooks
    Case("max-runs-zero", ["run", "01", "--max-runs", "0"], expect=("--max-runs", "1")),
    # ---- a user file covers what the run asks of it ----------------------------------------------------------
    Case("land-use-without-the-city", ["run", "02", "-p", "land_use_file={tmp}/lu.csv"],
         {"lu.csv": LAND_USE_KYOTO}, ("land_use_file", "lu.csv", "大阪市")),
    Case("land-use-without-the-city-asked", ["run", "02", "-p", "land_use_file={tmp}/lu.csv", "-p", "city=Sapporo"],
         {"lu.csv": LAND_USE_KYOTO}, ("land_use_file", "札幌市")),
    Case("land-use-without-osaka-for-the-brief", ["run", "-p", "land_use_file={tmp}/lu.csv", "-p", "city=Kyoto"],
         {"lu.csv": LAND_USE_KYOTO}, ("land_use_file", "大阪市")),
    # ---- documented ranges hold: a year the city has no survey window for is refused before the kernel -------
    P("02", "city=相模原市", "year=2007", expect=("year", "2013", "相模原市")),
    Case("sweep-octal", ["sweep", "{tmp}/s.yml"],
         {"s.yml": "name: x\nsweep:\n  02_city_footprint: {seed: [010, 011]}\n"}, ("s.yml", "alike")),
    # ---- scenario files --------------------------------------------------------------------
    Case("scenario-missing", ["run", "--scenario", "{tmp}/nope.yml"], expect=("nope.yml",)),
    Case("scenario-not-yaml", ["run", "--scenario", "{tmp}/s.yml"], {"s.yml": "name: [unclosed\n"}, ("s.yml", "YAML")),
    Case("scenario-list", ["run", "--scenario", "{tmp}/s.yml"], {"s.yml": "- a\n- b\n"}, ("s.yml", "mapping")),
    Case("scenario-empty", ["run", "--scenario", "{tmp}/s.yml"], {"s.yml": ""}, ("s.yml",)),
    Case("scenario-cp932", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: 試験\ndescription: 大阪\n".encode("cp932")}, ("s.yml", "UTF-8")),
    Case("scenario-binary", ["run", "--scenario", "{tmp}/s.yml"], {"s.yml": b"\x00\xff\xfe\x00"}, ("s.yml",)),
    Case("scenario-unknown-key", ["run", "--scenario", "{tmp}/s.yml"], {"s.yml": "name: x\nnoteboks: {}\n"},
         ("s.yml", "noteboks", "notebooks")),
    Case("scenario-unknown-notebook", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nnotebooks:\n  07_nothing: {}\n"}, ("s.yml", "07_nothing")),
    Case("scenario-unknown-param", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nnotebooks:\n  02_city_footprint: {drawz: 10}\n"}, ("drawz", "draws")),
    Case("scenario-defaults-typo", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\ndefaults: {lnag: ja}\n"}, ("s.yml", "lnag", "lang")),
    Case("scenario-defaults-not-mapping", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\ndefaults: [lang]\n"}, ("s.yml", "defaults")),
    Case("scenario-sweep-unselected", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nnotebooks:\n  01_national_accounts: {}\nsweep:\n  02_city_footprint: {year: [2019, 2020]}\n"},
         ("s.yml", "02_city_footprint", "sweep")),
    Case("scenario-sweep-not-list", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nsweep:\n  02_city_footprint: {year: 2019}\n"}, ("s.yml", "sweep")),
    Case("scenario-sweep-empty-list", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nsweep:\n  02_city_footprint: {year: []}\n"}, ("s.yml", "sweep")),
    Case("scenario-sweep-bad-value", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nsweep:\n  02_city_footprint: {draws: [1, 100]}\n"}, ("draws", "2")),
    Case("scenario-duplicate-alias", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nnotebooks:\n  '02': {year: 2019}\n  02_city_footprint: {year: 2020}\n"},
         ("s.yml", "02_city_footprint", "twice")),
    Case("scenario-publish-not-bool", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\npublish: yes please\n"}, ("s.yml", "publish")),
    Case("scenario-reports-unknown", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nreports: [09_brief]\n"}, ("09_brief",)),
    Case("scenario-bad-type", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nnotebooks:\n  02_city_footprint: {year: '2020'}\n"}, ("year", "int")),
    Case("scenario-bad-range", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nnotebooks:\n  03_forest_tax_timber_sinks: {wood_share: 3}\n"}, ("wood_share",)),
    Case("scenario-name-not-text", ["run", "--scenario", "{tmp}/s.yml"], {"s.yml": "name: [a, b]\n"}, ("s.yml", "name")),
    Case("scenario-notebooks-list", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nnotebooks: [02_city_footprint]\n"}, ("s.yml", "notebooks")),
    Case("scenario-output-dir", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\ndefaults: {output_dir: data/raw}\n"}, ("output_dir",)),
    Case("scenario-bad-name", ["run", "--scenario", "{tmp}/s.yml"], {"s.yml": "name: ../../outside\n"}, ("s.yml", "name")),
    Case("scenario-description-not-text", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\ndescription: {a: 1}\n"}, ("s.yml", "description")),
    Case("scenario-reports-not-list", ["run", "--scenario", "{tmp}/s.yml"], {"s.yml": "name: x\nreports: 05\n"},
         ("s.yml", "reports")),
    Case("scenario-sweep-unknown-notebook", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nsweep:\n  06_nothing: {year: [2019]}\n"}, ("s.yml", "06_nothing")),
    Case("scenario-sweep-duplicate-alias", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nsweep:\n  '02': {year: [2019]}\n  02_city_footprint: {draws: [100]}\n"},
         ("s.yml", "twice")),
    Case("scenario-sweep-processed-dir", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nsweep:\n  02_city_footprint: {processed_dir: [data/raw, out]}\n"}, ("processed_dir",)),
    Case("scenario-defaults-unselected-only", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nnotebooks:\n  01_national_accounts: {}\ndefaults: {draws: 100}\n"}, ("s.yml", "draws")),
    Case("scenario-defaults-bad-value", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\ndefaults: {lang: fr}\n"}, ("lang", "fr")),
    Case("scenario-nan", ["run", "--scenario", "{tmp}/s.yml"],
         {"s.yml": "name: x\nnotebooks:\n  03_forest_tax_timber_sinks: {wood_share: .nan}\n"}, ("wood_share", "finite")),
    Case("scenario-utf16", ["run", "--scenario", "{tmp}/s.yml"], {"s.yml": "name: x\n".encode("utf-16")},
         ("s.yml", "UTF-8")),
    Case("scenario-with-p-override", ["run", "--scenario", "{tmp}/s.yml", "-p", "draws=1"],
         {"s.yml": "name: x\nnotebooks:\n  02_city_footprint: {}\n"}, ("draws", "2")),
    # ---- user CLUM files ---------------------------------------------------------------------
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(1000)}, expect=("c.csv", "1,000")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(1e6)}, expect=("c.csv", "too large")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(0.001)}, expect=("c.csv", "too small")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(1000 * 1e3)}, expect=("c.csv",)),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(cell={"row": "food", "col": "carbon", "value": "inf"})},
      expect=("c.csv", "carbon")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(cell={"row": "goods", "col": "cropland", "value": "-0.1"})},
      expect=("c.csv", "cropland")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(cell={"row": "goods", "col": "cropland", "value": ""})},
      expect=("c.csv", "cropland")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(cell={"row": "goods", "col": "cropland", "value": "abc"})},
      expect=("c.csv", "abc")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(cell={"row": "food", "col": "carbon", "value": "nan"})},
      expect=("c.csv", "carbon")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(drop="carbon")}, expect=("c.csv", "carbon")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(drop="status")}, expect=("c.csv", "status")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(status="final")}, expect=("c.csv", "final")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(rows=("food", "housing", "transport", "goods", "services",
                                                                     "government", "gfcf"))},
      expect=("c.csv", "transport")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(rows=CLUM_ROWS[:6])}, expect=("c.csv", "gfcf")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(rows=(*CLUM_ROWS[:6], "food"))}, expect=("c.csv", "food")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": ""}, expect=("c.csv",)),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": "clum_row\n"}, expect=("c.csv",)),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe"}, expect=("c.csv",)),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv() + "food,1,2\n"}, expect=("c.csv",)),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv().replace(",estimated\n", ",estimated,extra\n", 1)},
      expect=("c.csv",)),
    P("02", "clum_file={tmp}/c.txt", files={"c.txt": clum_csv().replace(",", ";")}, expect=("c.txt",)),
    P("02", "clum_file={tmp}", expect=("clum_file",)),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(cell={"row": "food", "col": "carbon", "value": "-inf"})},
      expect=("c.csv", "carbon")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv(cell={"row": "food", "col": "carbon", "value": "x" * 500})},
      expect=("c.csv", "carbon", "…")),
    P("02", "clum_file={tmp}/c.csv", files={"c.csv": clum_csv().encode("cp932") + b"\x82"}, expect=("c.csv",)),
    # ---- user land-use files -----------------------------------------------------------------
    P("02", "land_use_file={tmp}/l.csv", files={"l.csv": land_csv(area=202810000)}, expect=("l.csv", "area")),
    P("02", "land_use_file={tmp}/l.csv", files={"l.csv": land_csv(city="大坂市")}, expect=("l.csv", "大坂市")),
    P("02", "land_use_file={tmp}/l.csv", files={"l.csv": land_csv(city="Atlantis")}, expect=("l.csv", "Atlantis")),
    P("02", "land_use_file={tmp}/l.csv", files={"l.csv": land_csv(area=-5, low=-6, high=-4)}, expect=("l.csv",)),
    P("02", "land_use_file={tmp}/l.csv", files={"l.csv": land_csv(area=float("inf"), low=1, high=float("inf"))},
      expect=("l.csv", "finite")),
    P("02", "land_use_file={tmp}/l.csv", files={"l.csv": land_csv(lt="wetland")}, expect=("l.csv", "wetland")),
    P("02", "land_use_file={tmp}/l.csv", files={"l.csv": land_csv(rows=2)}, expect=("l.csv",)),
    P("02", "land_use_file={tmp}/l.csv", files={"l.csv": land_csv(low=30000)}, expect=("l.csv", "area_ha_low")),
    P("02", "land_use_file={tmp}/l.csv", files={"l.csv": "city,area\n大阪市,5\n"}, expect=("l.csv", "land_type")),
    P("02", "land_use_file={tmp}/l.csv", files={"l.csv": land_csv().encode("utf-16")}, expect=("l.csv",)),
    P("02", "land_use_file={tmp}/l.csv", files={"l.csv": land_csv(area=2e9, low=1.9e9, high=2.1e9)},
      expect=("l.csv", "m²")),
    # ---- forest files ------------------------------------------------------------------------
    P("03", "forestry_workers_file={tmp}/w.csv", files={"w.csv": "code5,forestry_workers_persons\n99999,10\n"},
      expect=("w.csv", "99999")),
    P("03", "forestry_workers_file={tmp}/w.csv", files={"w.csv": "code5,forestry_workers_persons\n27216,-3\n"},
      expect=("w.csv", "forestry_workers_persons")),
    P("03", "forestry_workers_file={tmp}/w.csv", files={"w.csv": "code5,forestry_workers_persons\n27216,many\n"},
      expect=("w.csv", "many")),
    P("03", "forestry_workers_file={tmp}/w.csv", files={"w.csv": "code5,forestry_workers_persons\n27216,1\n27216,2\n"},
      expect=("w.csv", "27216")),
    P("03", "forestry_workers_file={tmp}/w.csv", files={"w.csv": "code,workers\n27216,1\n"},
      expect=("w.csv", "code5")),
    P("03", "forestry_workers_file={tmp}/w.csv", files={"w.csv": "code5,forestry_workers_persons\n27216,inf\n"},
      expect=("w.csv", "finite")),
    P("03", "forestry_workers_file={tmp}/w.csv", files={"w.csv": "code5,forestry_workers_persons\n27216,1,7\n"},
      expect=("w.csv",)),
    P("03", "planted_forest_file={tmp}/f.csv", files={"f.csv": "code5,planted_forest_area_ha,forest_ratio\n27216,100,1.5\n"},
      expect=("f.csv", "forest_ratio")),
    P("03", "planted_forest_file={tmp}/f.csv", files={"f.csv": "code5,planted_forest_area_ha\n27216,-100\n"},
      expect=("f.csv", "planted_forest_area_ha")),
    P("03", "planted_forest_file={tmp}/f.csv", files={"f.csv": "code5,planted_forest_area_ha\n12,100\n"},
      expect=("f.csv", "12")),
    P("03", "planted_forest_file={tmp}/f.csv", files={"f.csv": "code5,planted_forest_area_ha\n27216,1e12\n"},
      expect=("f.csv", "planted_forest_area_ha")),
    P("03", "planted_forest_file={tmp}/f.csv", files={"f.csv": "code5,planted_forest_area_ha\n27216,nan\n"},
      expect=("f.csv", "planted_forest_area_ha")),
    P("03", "planted_forest_file={tmp}/f.csv", files={"f.csv": "code5,planted_forest_area_ha\n27216,-inf\n"},
      expect=("f.csv", "finite")),
    P("03", "planted_forest_file={tmp}/f.csv", files={"f.csv": ""}, expect=("f.csv", "empty")),
    P("03", "forestry_workers_file={tmp}/w.csv", files={"w.csv": "code5,forestry_workers_persons\n27216,1.5\n"},
      expect=("w.csv", "whole")),
    # ---- extra flows and nodes -----------------------------------------------------------------
    P("04", "extra_flows_file={tmp}/x.csv", files={"x.csv": FLOW_HEADER + "\n" + flow_row(layer="water") + "\n"},
      expect=("x.csv", "water")),
    P("04", "extra_flows_file={tmp}/x.csv", files={"x.csv": FLOW_HEADER + "\n" + flow_row(tgt="nowhere") + "\n"},
      expect=("x.csv", "nowhere")),
    P("04", "extra_flows_file={tmp}/x.csv", files={"x.csv": FLOW_HEADER + "\n" + flow_row(q="-5") + "\n"},
      expect=("x.csv", "quantity")),
    P("04", "extra_flows_file={tmp}/x.csv", files={"x.csv": FLOW_HEADER + "\n" + flow_row(q="inf") + "\n"},
      expect=("x.csv", "quantity")),
    P("04", "extra_flows_file={tmp}/x.csv", files={"x.csv": FLOW_HEADER + "\n" + flow_row(status="official") + "\n"},
      expect=("x.csv", "official")),
    P("04", "extra_flows_file={tmp}/x.csv", files={"x.csv": FLOW_HEADER + "\n" + flow_row(year="3024") + "\n"},
      expect=("x.csv", "year")),
    P("04", "extra_flows_file={tmp}/x.csv", files={"x.csv": FLOW_HEADER + "\n" + flow_row(unit="parsecs") + "\n"},
      expect=("x.csv", "parsecs")),
    P("04", "extra_flows_file={tmp}/x.csv", files={"x.csv": "source_id,target_id\nosaka_city,hcmc\n"},
      expect=("x.csv", "layer")),
    P("04", "extra_flows_file={tmp}/x.csv", files={"x.csv": FLOW_HEADER + "\n" + flow_row() + ",extra\n"},
      expect=("x.csv",)),
    P("04", "extra_flows_file={tmp}/x.csv", files={"x.csv": FLOW_HEADER + "\n" + flow_row(src="hcmc", tgt="hcmc") + "\n"},
      expect=("x.csv", "hcmc")),
    P("04", "extra_nodes_file={tmp}/n.csv", files={"n.csv": NODE_HEADER + "\n" + node_row(i="osaka_city") + "\n"},
      expect=("n.csv", "osaka_city")),
    P("04", "extra_nodes_file={tmp}/n.csv", files={"n.csv": NODE_HEADER + "\n" + node_row(kind="planet") + "\n"},
      expect=("n.csv", "planet")),
    P("04", "extra_nodes_file={tmp}/n.csv", files={"n.csv": NODE_HEADER + "\n" + node_row(lat="134.5") + "\n"},
      expect=("n.csv", "lat")),
    P("04", "extra_nodes_file={tmp}/n.csv", files={"n.csv": NODE_HEADER + "\n" + node_row(lon="500") + "\n"},
      expect=("n.csv", "lon")),
    P("04", "extra_nodes_file={tmp}/n.csv",
      files={"n.csv": NODE_HEADER + "\n" + node_row() + "\n" + node_row() + "\n"}, expect=("n.csv", "my_town")),
    P("04", "extra_nodes_file={tmp}/n.csv", files={"n.csv": NODE_HEADER + "\n" + node_row(iso3="XX") + "\n"},
      expect=("n.csv", "XX")),
    P("04", "extra_nodes_file={tmp}/n.csv", files={"n.csv": NODE_HEADER + "\n" + node_row(i="osaka_city") + "\n"},
      expect=("n.csv", "row 2")),
    P("04", "extra_flows_file={tmp}/x.csv", "extra_nodes_file={tmp}/n.csv",
      files={"x.csv": FLOW_HEADER + "\n" + flow_row(tgt="other_town") + "\n",
             "n.csv": NODE_HEADER + "\n" + node_row() + "\n"}, expect=("x.csv", "other_town", "my_town")),
    P("04", "partners=[my_town]", "extra_nodes_file={tmp}/n.csv", files={"n.csv": NODE_HEADER + "\n" + node_row(i="your_town") + "\n"},
      expect=("partners", "my_town")),
    P("04", "extra_flows_file={tmp}/x.csv", files={"x.csv": FLOW_HEADER + "\n" + flow_row(q="1e400") + "\n"},
      expect=("x.csv", "quantity")),
]


@pytest.fixture
def reports(tmp_path, monkeypatch):
    """The reports folder of a case; a case that slips through validation fails at once (no kernel)."""
    from footprint.pipeline import execute, run

    def no_kernel(*args, **kwargs):
        raise AssertionError("validation let the case through: a kernel would start")

    monkeypatch.setattr(execute, "run_one", no_kernel)
    monkeypatch.setattr(execute, "run_tasks", no_kernel)
    monkeypatch.setattr(run, "run_tasks", no_kernel, raising=False)
    return tmp_path / "reports"


@pytest.mark.parametrize("case", CASES, ids=[f"{i:03d}-{c.id}" for i, c in enumerate(CASES)])
def test_bad_input_gives_one_clear_line(case, tmp_path, capsys, reports):
    for name, content in case.files.items():
        p = tmp_path / name
        p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    argv = [a.replace("{tmp}", str(tmp_path)) for a in case.argv]
    if argv[0] == "run":
        argv += ["--reports", str(reports), "--no-latest"]
    try:
        code = cli.main(argv)
    except SystemExit as e:  # argparse
        code = e.code
    err = capsys.readouterr().err.strip()
    assert code == 2, f"exit {code}; stderr: {err}"
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    low = lines[0].lower()
    for s in case.expect:
        assert s.lower() in low, f"{s!r} not in {lines[0]!r}"
    assert not (reports / "runs").exists() or not any((reports / "runs").iterdir()), "a run folder was created"
    assert str(paths.ROOT) not in lines[0] or case.id.startswith("params"), "absolute path of the machine in the message"


# ---- tampered raw files (a copy of the project's raw data, never the real one) --------------

TAMPERED = ["append_row", "truncate", "empty", "delete", "manifest_row_missing"]


@pytest.mark.parametrize("how", TAMPERED)
def test_tampered_raw_file_is_refused_with_its_name(how, tmp_path):
    from footprint.core import DataFileError, verify_raw

    raw = tmp_path / "raw"
    shutil.copytree(paths.RAW / "forest", raw / "forest")
    manifest = tmp_path / "MANIFEST.csv"
    text = paths.RAW_MANIFEST.read_text(encoding="utf-8")
    rel = "forest/constants.csv"
    target = raw / rel
    if how == "append_row":
        target.write_text(target.read_text(encoding="utf-8") + "x,1,y,2024,s,published,n\n", encoding="utf-8")
    elif how == "truncate":
        target.write_bytes(target.read_bytes()[:50])
    elif how == "empty":
        target.write_bytes(b"")
    elif how == "delete":
        target.unlink()
    elif how == "manifest_row_missing":
        text = "\n".join(ln for ln in text.splitlines() if not ln.startswith(rel)) + "\n"
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        verify_raw(rel, raw_dir=raw, manifest=manifest)
    msg = str(e.value)
    assert "constants.csv" in msg and "\n" not in msg and str(paths.ROOT) not in msg


def test_a_project_file_is_named_by_its_path_in_the_project():
    from footprint.core import DataFileError

    assert str(DataFileError(paths.RAW / "forest" / "constants.csv", "x", "y")).startswith("data/raw/forest/constants.csv:")
    assert str(DataFileError("/elsewhere/my.csv", "x", "y")).startswith("/elsewhere/my.csv:")  # the user's own file
