"""National Ecological Footprint and Biocapacity Accounts (Global Footprint Network method).

Method (Borucke et al. 2013, *Ecol. Indic.* 24:518; Lin et al. 2018, *Resources* 7:58):

* footprint of consumption ``EF_C = EF_P + EF_I − EF_E`` per land type;
* biocapacity ``BC = A · YF · EQF`` (carbon biocapacity is 0 by convention);
* number of Earths ``EF_C,pc / BC_world,pc``;
* country overshoot day ``365 · BC_world,pc / EF_C,pc`` (GFN's convention).

Tables are tidy: one row per country × year × record × basis × land type, with columns
``country_code, country, iso2, year, record, basis, land_type, value, unit, population``.

Map of the package (every name below is importable from ``footprint.accounts``):

* ``records`` — ``LAND_TYPES``, ``RECORDS``, ``WORLD_CODE``, ``JAPAN_CODE``: the table's vocabulary;
* ``inputs`` — ``load_nfa`` (checksum-verified, tidy), ``load_nfa_wide``, ``tidy_nfa``, ``NFA_SOURCE``,
  ``NFA_EDITION``: the only module that reads files;
* ``selection`` — ``countries``, ``resolve_countries``, ``country_names``, ``select``, ``require_year``,
  ``latest_year``;
* ``matrix`` — ``matrix``, ``country_matrix``, ``year_matrix``, ``matrices``, ``land_type_table``;
* ``overshoot`` — ``overshoot_day``, ``overshoot_date``: the one definition of the overshoot day;
* ``summary`` — ``summary`` (Earths, reserve, overshoot day per country and year), ``year_span``,
  ``year_summary``, ``headline`` (what notebook 01 writes to ``headline.json``);
* ``checks`` — ``identity_check`` (``IdentityCheck``), ``check_totals``;
* ``compute`` — ``compute`` (countries and years → a :class:`~footprint.core.results.Result` with every
  table and headline of notebook 01), ``output_tables``;
* ``factors`` — ``equivalence_factors``, ``yield_factors`` and their matrix forms
  ``equivalence_factors_from``, ``yield_factors_from``.
"""

from footprint.accounts.compute import compute, output_tables
from footprint.accounts.checks import IdentityCheck, check_totals, identity_check
from footprint.accounts.factors import (
    equivalence_factors,
    equivalence_factors_from,
    yield_factors,
    yield_factors_from,
)
from footprint.accounts.inputs import NFA_EDITION, NFA_FILE, NFA_SOURCE, load_nfa, load_nfa_wide, tidy_nfa
from footprint.accounts.matrix import country_matrix, land_type_table, matrices, matrix, year_matrix
from footprint.accounts.overshoot import overshoot_date, overshoot_day
from footprint.accounts.records import (
    JAPAN_CODE,
    LAND_TYPES,
    LAST_REPORTED_YEAR,
    RECORDS,
    WORLD_CODE,
    year_status,
)
from footprint.accounts.selection import (
    country_names,
    countries,
    latest_year,
    require_year,
    resolve_countries,
    select,
)
from footprint.accounts.summary import HEADLINE_COLUMNS, headline, summary, year_span, year_summary
from footprint.core.errors import DataFileError

__all__ = [
    "compute",
    "output_tables",
    "HEADLINE_COLUMNS",
    "JAPAN_CODE",
    "LAND_TYPES",
    "LAST_REPORTED_YEAR",
    "NFA_EDITION",
    "NFA_FILE",
    "NFA_SOURCE",
    "RECORDS",
    "WORLD_CODE",
    "DataFileError",
    "IdentityCheck",
    "check_totals",
    "countries",
    "country_matrix",
    "country_names",
    "equivalence_factors",
    "equivalence_factors_from",
    "headline",
    "identity_check",
    "land_type_table",
    "latest_year",
    "load_nfa",
    "load_nfa_wide",
    "matrices",
    "matrix",
    "overshoot_date",
    "overshoot_day",
    "require_year",
    "resolve_countries",
    "select",
    "summary",
    "tidy_nfa",
    "year_matrix",
    "year_span",
    "year_status",
    "year_summary",
    "yield_factors",
    "yield_factors_from",
]
