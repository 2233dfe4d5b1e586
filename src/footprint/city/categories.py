"""The rows, categories and defaults of the city calculation, and the citations its tables carry.

* :data:`CLUM_ROWS` — the rows of the consumption land-use matrix (CLUM): the five household
  rows :data:`HH_ROWS`, government and gross fixed capital formation;
* :data:`SURVEY_CATEGORIES` — the 10 major categories of the 家計調査 by-purpose classification,
  and :data:`SURVEY_TO_CLUM`, how each one maps onto the household rows (:func:`mapping_matrix`);
* :data:`ORIGINS` — where a footprint lands (city, rest of Japan, abroad).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from footprint.core.errors import ParameterError
from footprint.core.places import OSAKA
from footprint.core.schema import suggest

HH_ROWS: tuple[str, ...] = ("food", "housing", "personal_transport", "goods", "services")
CLUM_ROWS: tuple[str, ...] = (*HH_ROWS, "government", "gfcf")
ORIGINS: tuple[str, ...] = ("city", "rest_of_japan", "abroad")
#: the origin of carbon uptake land: the method does not locate it (a public constant and label for
#: every topic; carbon is never assigned to the city, the rest of Japan or abroad)
CARBON_NOT_LOCATED = "carbon_not_located"
CARBON_NOT_LOCATED_LABEL = ("carbon: uptake land not located", "炭素：吸収地は特定されない")
HONEST_ORIGINS: tuple[str, ...] = (*ORIGINS, CARBON_NOT_LOCATED)
#: the household basis of every survey number (stated in tables and captions)
HOUSEHOLD_BASIS = ("two-or-more-person households (家計調査 二人以上の世帯)", "二人以上の世帯（家計調査）")

#: the 10 major categories of the 家計調査 by-purpose classification (用途分類), in survey order
SURVEY_CATEGORIES: tuple[str, ...] = (
    "food",
    "housing",
    "fuel_light_water",
    "furniture_household",
    "clothing_footwear",
    "medical_care",
    "transport_communication",
    "education",
    "culture_recreation",
    "other",
)

#: survey category -> {household CLUM row: weight}; the weights of each category sum to 1.
#: GFN's Housing row includes household energy and water, so 光熱・水道 goes there. Known
#: approximations: 交通・通信 includes communication (a service) and goes wholly to personal
#: transport; 保健医療 and 教養娯楽 include some goods and go to services; その他の消費支出
#: (personal care, pocket money, gifts, remittances) goes to services.
SURVEY_TO_CLUM: dict[str, dict[str, float]] = {
    "food": {"food": 1.0},
    "housing": {"housing": 1.0},
    "fuel_light_water": {"housing": 1.0},
    "furniture_household": {"goods": 1.0},
    "clothing_footwear": {"goods": 1.0},
    "medical_care": {"services": 1.0},
    "transport_communication": {"personal_transport": 1.0},
    "education": {"services": 1.0},
    "culture_recreation": {"services": 1.0},
    "other": {"services": 1.0},
}

NATIONAL = "全国"  # the nation as named in the household survey files
DEFAULT_YEAR = 2022  # latest year of the NFA 2025 edition that is not a nowcast
DEFAULT_SEED = 2026
WINDOW_YEARS = 3  # survey years averaged per year

KAKEI_SOURCE = (
    "Statistics Bureau of Japan, Family Income and Expenditure Survey, 品目分類, two-or-more-person households "
    "(e-Stat 0003125169), 全国 and 52 cities; bridge to the CLUM, direct-energy shares: footprint project (estimated); "
    "消費者物価地域差指数 (総務省); utility CO2 factors (環境省・経済産業省); SSDSE-C household size; MIC settlement cards "
    "FY2023 (census 2015, 2020)"
)
SSDSE_SOURCE = (
    "Statistics Bureau of Japan, Family Income and Expenditure Survey (two-or-more-person households, by purpose) "
    "via NSTAC SSDSE-B-2026 / SSDSE-E; MIC settlement cards FY2023 (census 2015, 2020)"
)
CLUM_SOURCE = (
    "CLUM estimated by RAS: prior from GFN (2012) Philippines CLUM 2008; margins from Lo et al. (2025) NFA 2025 "
    "edition, WWF Japan (2012) household share, Nansai et al. (2020) 3EID GHG shares"
)
SOURCE = f"{CLUM_SOURCE}; {KAKEI_SOURCE}"
ORIGIN_SOURCE = SOURCE + "; origin from Japan's production and imports by land type (NFA 2025 edition)"
CARBON_SOURCE = SOURCE + "; intensity: NFA 2025 forest EQF, Mancini et al. (2016) AFCS and ocean share"

__all__ = [
    "CARBON_NOT_LOCATED",
    "CARBON_NOT_LOCATED_LABEL",
    "CARBON_SOURCE",
    "CLUM_ROWS",
    "CLUM_SOURCE",
    "DEFAULT_SEED",
    "DEFAULT_YEAR",
    "HH_ROWS",
    "HONEST_ORIGINS",
    "HOUSEHOLD_BASIS",
    "KAKEI_SOURCE",
    "NATIONAL",
    "ORIGINS",
    "ORIGIN_SOURCE",
    "OSAKA",
    "SOURCE",
    "SSDSE_SOURCE",
    "SURVEY_CATEGORIES",
    "SURVEY_TO_CLUM",
    "WINDOW_YEARS",
    "mapping_matrix",
    "row_group_matrix",
]


def mapping_matrix(mapping: Mapping[str, Mapping[str, float]] = SURVEY_TO_CLUM) -> np.ndarray:
    """The survey-to-CLUM mapping as a (10 categories × 5 household rows) weight matrix ``M``.

    ``M[k, r]`` is the share of survey category ``k`` that belongs to household row ``r``; each
    category's weights sum to 1, so ``e @ M`` moves spending from categories to rows without
    losing or adding any.

    Raises
    ------
    ParameterError
        A category missing or unknown, a row unknown, a weight negative, or a category's weights
        not summing to 1.
    """
    unknown = sorted(set(mapping) - set(SURVEY_CATEGORIES))
    missing = [c for c in SURVEY_CATEGORIES if c not in mapping]
    if unknown or missing:
        raise ParameterError(f"survey mapping: expected the categories {list(SURVEY_CATEGORIES)}; "
                             f"unknown {unknown}, missing {missing}")
    m = np.zeros((len(SURVEY_CATEGORIES), len(HH_ROWS)))
    for i, cat in enumerate(SURVEY_CATEGORIES):  # 10 categories, a handful of weights each
        for row, w in mapping[cat].items():
            if row not in HH_ROWS:
                raise ParameterError(f"survey mapping, category {cat!r}: expected a row among {list(HH_ROWS)}, "
                                     f"found {row!r} (close: {suggest(row, HH_ROWS)})")
            if w < 0:
                raise ParameterError(f"survey mapping, category {cat!r}: expected weights >= 0, found {w}")
            m[i, HH_ROWS.index(row)] = w
    bad = np.flatnonzero(np.abs(m.sum(axis=1) - 1.0) > 1e-9)
    if bad.size:
        cat = SURVEY_CATEGORIES[bad[0]]
        raise ParameterError(f"survey mapping, category {cat!r}: expected weights summing to 1, found {m[bad[0]].sum():g}")
    return m


def row_group_matrix() -> np.ndarray:
    """CLUM rows (7) × margin groups (households, government, capital formation), 0/1 membership."""
    g = np.zeros((len(CLUM_ROWS), 3))
    g[: len(HH_ROWS), 0] = 1.0
    g[CLUM_ROWS.index("government"), 1] = 1.0
    g[CLUM_ROWS.index("gfcf"), 2] = 1.0
    return g
