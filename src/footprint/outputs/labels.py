"""Labels for figures and tables in English and Japanese (``lang`` = ``"en"`` or ``"ja"``)."""

from __future__ import annotations

from footprint.core.errors import ParameterError

LANGS = ("en", "ja")

_LABELS: dict[str, dict[str, str]] = {
    # land types
    "cropland": {"en": "Cropland", "ja": "耕作地"},
    "grazing_land": {"en": "Grazing land", "ja": "牧草地"},
    "forest_products": {"en": "Forest products", "ja": "森林（林産物）"},
    "fishing_grounds": {"en": "Fishing grounds", "ja": "漁場"},
    "built_up_land": {"en": "Built-up land", "ja": "生産能力阻害地（市街地）"},
    "carbon": {"en": "Carbon uptake land", "ja": "二酸化炭素吸収地"},
    "total": {"en": "Total", "ja": "合計"},
    # records
    "ef_production": {"en": "Footprint of production", "ja": "生産のフットプリント"},
    "ef_imports": {"en": "Footprint of imports", "ja": "輸入のフットプリント"},
    "ef_exports": {"en": "Footprint of exports", "ja": "輸出のフットプリント"},
    "ef_consumption": {"en": "Ecological footprint", "ja": "エコロジカル・フットプリント"},
    "biocapacity": {"en": "Biocapacity", "ja": "生物生産力（バイオキャパシティ）"},
    "area": {"en": "Bioproductive area", "ja": "生物生産面積"},
    # units and common words
    "gha_per_cap": {"en": "gha per person", "ja": "gha/人"},
    "gha": {"en": "gha", "ja": "gha"},
    "year": {"en": "Year", "ja": "年"},
    "earths": {"en": "Earths", "ja": "地球の数"},
    "overshoot_day": {"en": "Overshoot day", "ja": "オーバーシュート・デー"},
    "countries_needed": {"en": "Own biocapacities needed", "ja": "自国の生物生産力の何倍か"},
    "reserve": {"en": "Reserve (+) / deficit (−)", "ja": "余剰 (+) / 赤字 (−)"},
    "no_overshoot": {"en": "no overshoot", "ja": "オーバーシュートなし"},
    "source": {"en": "Source", "ja": "出典"},
    "estimated": {"en": "Estimate", "ja": "推計値"},
    "illustrative": {"en": "Illustrative", "ja": "例示値"},
    "derived": {"en": "Derived", "ja": "算出値"},
    # countries and places (GFN names as keys)
    "Japan": {"en": "Japan", "ja": "日本"},
    "Viet Nam": {"en": "Viet Nam", "ja": "ベトナム"},
    "Philippines": {"en": "Philippines", "ja": "フィリピン"},
    "Thailand": {"en": "Thailand", "ja": "タイ"},
    "United Kingdom": {"en": "United Kingdom", "ja": "英国"},
    "World": {"en": "World", "ja": "世界"},
    "China": {"en": "China", "ja": "中国"},
    "Korea, Republic of": {"en": "Korea, Rep.", "ja": "韓国"},
    "United States of America": {"en": "United States", "ja": "米国"},
    "Osaka": {"en": "Osaka City", "ja": "大阪市"},
}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ParameterError(f"language must be one of {list(LANGS)}, got {lang!r}")
    return lang


def label(key: str, lang: str = "en") -> str:
    """Label of ``key`` in ``lang``; unknown keys are returned unchanged (names stay readable)."""
    check_lang(lang)
    entry = _LABELS.get(key)
    return entry[lang] if entry else key


def labels(keys, lang: str = "en") -> list[str]:
    return [label(k, lang) for k in keys]


def pick(lang: str, en: str, ja: str) -> str:
    """Inline bilingual text: ``pick(lang, "Footprint", "フットプリント")``."""
    return ja if check_lang(lang) == "ja" else en
