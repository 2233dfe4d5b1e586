"""City footprint by downscaling the national consumption land-use matrix (CLUM).

The recipe of the Kyoto 2016 study and of Baabou et al. 2017 (*Env. Sci. & Policy* 69:94):
Japan's CLUM (estimated by RAS of a documented prior to published margins, or supplied by the
user) is scaled row by row by the city-to-nation ratio of per-person household spending; by
default item-level 家計調査 spending (全国 + 52 cities, two-or-more-person households, 3-year
means) bridged to the rows, with direct energy driving the carbon of housing and transport,
regional prices and the supplying grid corrected (:mod:`~footprint.city.model`); the SSDSE
10-category path stays as an alternative (``load_inputs(spending_source="ssdse")``). Government
and capital formation keep their national values. City biocapacity is ``A · YF · EQF``; the
non-carbon footprint is split by where it lands (city, rest of Japan, abroad) and carbon is shown
apart (:data:`CARBON_NOT_LOCATED`); a seeded Monte Carlo with a structural ensemble gives the full
and the parametric 90 % intervals.

Map of the package (imports point down this list):

========================  ==================================================================
``categories``            CLUM rows, survey categories and their mapping, defaults, citations
``national``              :class:`YearContext`: Japan's and the World's numbers of a year
``spending``              national stand-in, windows, spending ratios, survey noise, household size
``inputs``                file names, schemas, ``read_*`` loaders, :class:`CityInputs`,
                          :func:`load_inputs` — the only module that reads files
``clum``                  :func:`ras`, :func:`estimate_clum`, :func:`national_clum`, CLUM tables
``footprint``             :func:`downscale`, :func:`city_biocapacity`, :func:`origin_split`,
                          :func:`indicators` (array maths)
``lookups``               :func:`resolve_city`, :func:`resolve_year`, population, land use of a city
``central``               :func:`city_footprint` (:class:`CityFootprint`), :func:`origin_table`,
                          :func:`carbon_footprint`
``uncertainty``           Monte Carlo input groups :data:`INPUT_GROUPS`, :class:`Uncertainty`,
                          :func:`random_draws`, :func:`simulate`
``results``               :func:`headline_results`, :func:`sensitivity`, :func:`compare_cities`,
                          :func:`time_series`
``items``                 item-level spending components, the bridge's matrices, :func:`city_clum`
``adjust``                regional price levels and grid factors (nearest-year filling, statuses)
``item_inputs``           loaders of the item-level model (:func:`load_item_data`, :class:`ItemData`)
``model``                 :class:`Structure`, :data:`STRUCTURAL_CHOICES`, the city CLUM per draw
``validation``            published footprints beside the model, the household-basis margin
``summaries``             tables of notebook 02 and :func:`headline` (its ``headline.json``)
``compute``               :func:`compute`: every table and number of a city, once (a
                          :class:`~footprint.core.results.Result`), :func:`household_by_year`
``entry``                 Osaka entry points that load the shipped inputs: :func:`osaka_origin_table`,
                          :func:`osaka_carbon_footprint`, :func:`osaka_headline`
========================  ==================================================================
"""

from footprint.city import model
from footprint.city.categories import (
    CARBON_NOT_LOCATED,
    CARBON_NOT_LOCATED_LABEL,
    CLUM_ROWS,
    CLUM_SOURCE,
    DEFAULT_SEED,
    DEFAULT_YEAR,
    HH_ROWS,
    HONEST_ORIGINS,
    HOUSEHOLD_BASIS,
    KAKEI_SOURCE,
    NATIONAL,
    ORIGINS,
    OSAKA,
    SOURCE,
    SURVEY_CATEGORIES,
    SURVEY_TO_CLUM,
    WINDOW_YEARS,
    mapping_matrix,
)
from footprint.city.central import (
    CityFootprint,
    carbon_footprint,
    city_footprint,
    origin_table,
)
from footprint.city.clum import (
    clum_column_check,
    clum_frame,
    clum_row_weights,
    estimate_clum,
    household_share,
    national_clum,
    ras,
)
from footprint.city.compute import compute, household_by_year, result_tables
from footprint.city.entry import (
    osaka_carbon_footprint,
    osaka_headline,
    osaka_origin_table,
)
from footprint.city.footprint import (
    INDICATORS,
    city_biocapacity,
    downscale,
    honest_origin_split,
    import_shares,
    indicators,
    origin_split,
)
from footprint.city.inputs import (
    CITIES_FILE,
    HOUSEHOLD_SIZE_FILE,
    KAKEI_FILE,
    LAND_USE_FILE,
    NATIONAL_SPENDING_FILE,
    OSAKA_BASICS_FILE,
    PRIOR_FILE,
    SHARES_FILE,
    CityInputs,
    check_clum_total,
    check_land_use_cities,
    default_inputs,
    load_inputs,
    read_cities,
    read_clum,
    read_household_size,
    read_land_use,
    read_national_spending,
    read_prior,
    read_shares,
    read_spending,
    survey_cities,
    validate_clum,
)
from footprint.city.item_inputs import (
    ItemData,
    load_item_data,
    read_published_footprints,
)
from footprint.city.items import COMPONENTS, city_clum
from footprint.city.keynumbers import KEY_NUMBERS, TREND_FROM, key_numbers
from footprint.city.lookups import (
    city_years,
    household_sizes,
    population,
    resolve_city,
    resolve_year,
    year_context,
)
from footprint.city.model import DEFAULT_STRUCTURE, STRUCTURAL_CHOICES, Structure
from footprint.city.national import YearContext, national_contexts
from footprint.city.results import (
    INTERVAL_FULL,
    INTERVAL_PARAMETRIC,
    compare_cities,
    headline_results,
    sensitivity,
    structural_sensitivity,
    time_series,
)
from footprint.city.spending import (
    national_spending,
    national_standin,
    spending_ratios,
    standin_error,
    survey_noise,
    window,
)
from footprint.city.summaries import (
    abroad_share,
    city_japan_world,
    clum_check,
    clum_shares,
    headline,
    headline_row,
    headline_summary,
    output_tables,
    overshoot_dates,
    overshoot_days,
    rank_of,
    spending_ratio_table,
)
from footprint.city.uncertainty import (
    GROUPS,
    INPUT_GROUPS,
    Simulation,
    Uncertainty,
    simulate,
)
from footprint.city.validation import (
    household_basis_table,
    household_carbon_t_per_person,
    validation_table,
)

__all__ = [
    "CARBON_NOT_LOCATED",
    "CARBON_NOT_LOCATED_LABEL",
    "CITIES_FILE",
    "CLUM_ROWS",
    "CLUM_SOURCE",
    "COMPONENTS",
    "DEFAULT_SEED",
    "DEFAULT_STRUCTURE",
    "DEFAULT_YEAR",
    "GROUPS",
    "HH_ROWS",
    "HONEST_ORIGINS",
    "HOUSEHOLD_BASIS",
    "HOUSEHOLD_SIZE_FILE",
    "INDICATORS",
    "KEY_NUMBERS",
    "TREND_FROM",
    "key_numbers",
    "INPUT_GROUPS",
    "INTERVAL_FULL",
    "INTERVAL_PARAMETRIC",
    "KAKEI_FILE",
    "KAKEI_SOURCE",
    "LAND_USE_FILE",
    "NATIONAL",
    "NATIONAL_SPENDING_FILE",
    "ORIGINS",
    "OSAKA",
    "OSAKA_BASICS_FILE",
    "PRIOR_FILE",
    "SHARES_FILE",
    "SOURCE",
    "STRUCTURAL_CHOICES",
    "SURVEY_CATEGORIES",
    "SURVEY_TO_CLUM",
    "WINDOW_YEARS",
    "CityFootprint",
    "CityInputs",
    "ItemData",
    "Simulation",
    "Structure",
    "Uncertainty",
    "YearContext",
    "abroad_share",
    "carbon_footprint",
    "check_clum_total",
    "check_land_use_cities",
    "city_biocapacity",
    "city_clum",
    "city_footprint",
    "city_japan_world",
    "city_years",
    "clum_check",
    "clum_column_check",
    "clum_frame",
    "clum_row_weights",
    "clum_shares",
    "compare_cities",
    "compute",
    "default_inputs",
    "downscale",
    "estimate_clum",
    "headline",
    "headline_results",
    "headline_row",
    "headline_summary",
    "honest_origin_split",
    "household_basis_table",
    "household_by_year",
    "household_carbon_t_per_person",
    "household_share",
    "household_sizes",
    "import_shares",
    "indicators",
    "load_inputs",
    "load_item_data",
    "mapping_matrix",
    "model",
    "national_clum",
    "national_contexts",
    "national_spending",
    "national_standin",
    "origin_split",
    "origin_table",
    "osaka_carbon_footprint",
    "osaka_headline",
    "osaka_origin_table",
    "output_tables",
    "overshoot_dates",
    "overshoot_days",
    "population",
    "rank_of",
    "ras",
    "read_cities",
    "read_clum",
    "read_household_size",
    "read_land_use",
    "read_national_spending",
    "read_prior",
    "read_published_footprints",
    "read_shares",
    "read_spending",
    "survey_cities",
    "resolve_city",
    "resolve_year",
    "result_tables",
    "sensitivity",
    "simulate",
    "spending_ratio_table",
    "spending_ratios",
    "standin_error",
    "structural_sensitivity",
    "survey_noise",
    "time_series",
    "validate_clum",
    "validation_table",
    "window",
    "year_context",
]
