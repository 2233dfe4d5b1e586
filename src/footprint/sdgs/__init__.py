"""Local-SDGs indicators per partnership, for policy briefs.

One tidy table: ``partnership, sdg, indicator, label_en, label_ja, value, p05, p95, unit, year,
source, status, note``. Every row is either transcribed from a cited publication
(``data/raw/sdgs/published_indicators.csv``) or computed by the package from cited inputs; its
``status`` says which (``published`` / ``derived`` / ``estimated`` / ``illustrative``) and its
``source`` names the original publications. Nothing is typed in by hand here.

Map of the package (public names re-exported: ``from footprint import sdgs as S``):

``schema``  the SDGs covered, the table's columns and schemas, the check of partnership and SDG keys.
``inputs``  loaders: partnerships and published indicators.
``rows``    row builders from the other topics' results: national, city, forest, flows (pure).
``table``   the checked and sorted indicator table, coverage, missing SDGs, values as printed.
``brief``   what the brief shows beside the table (partnerships chosen, Earths per place, scale of
            offsets, headline numbers).
"""

from footprint.sdgs.brief import (
    OFFSET_ITEMS,
    brief_headline,
    earths_rows,
    footprint_to_sink_ratio,
    offset_magnitudes,
    partner_countries,
    partnerships_measured,
    select_partnerships,
    share_abroad,
)
from footprint.sdgs.inputs import PARTNERSHIPS_FILE, PUBLISHED_FILE, load_partnerships, load_published
from footprint.sdgs.rows import city_rows, flow_rows, forest_rows, national_rows
from footprint.sdgs.schema import COLUMNS, REQUIRED_SDGS, SDGS, check_keys
from footprint.sdgs.table import coverage, display_table, format_value, indicator_table, missing_required

__all__ = [
    "COLUMNS", "PARTNERSHIPS_FILE", "PUBLISHED_FILE", "REQUIRED_SDGS", "SDGS", "brief_headline", "check_keys",
    "city_rows", "coverage", "display_table", "earths_rows", "flow_rows", "footprint_to_sink_ratio", "forest_rows",
    "format_value", "indicator_table", "load_partnerships", "load_published", "missing_required", "national_rows",
    "OFFSET_ITEMS", "offset_magnitudes", "partner_countries", "partnerships_measured", "select_partnerships", "share_abroad",
]
