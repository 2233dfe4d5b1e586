"""Every notebook parameter and every user file checked before a kernel starts.

:data:`RULES` maps a parameter name (or ``(notebook, name)`` where the meaning differs between
notebooks) to a check. A check takes the value and the notebook's effective parameters (defaults
merged with what was given) and returns ``None`` or one phrase ``expected ..., found ...`` with the
likely cause; :func:`check_parameter` puts the parameter's name in front. Ranges and names come
from the data through the topic packages' public API (loaded once per process); user files are
read by the topic packages' own readers, after a check of their shape (text, encoding, one field
per header column in every row). A message quotes at most a short excerpt of a user's file.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from footprint import accounts as A
from footprint import city as C
from footprint import flows as FL
from footprint import forest as F
from footprint import sdgs as S
from footprint.core import paths, suggest
from footprint.core.errors import FootprintError, ParameterError
from footprint.core.places import OSAKA_CODE
from footprint.pipeline import model
from footprint.pipeline.user_files import (
    excerpt,
    extra_nodes,
    flows_seed,
    forest_inputs,
    read_clum,
    read_extra_flows,
    read_extra_nodes,
    read_land_use,
    read_planted,
    read_workers,
    user_file,
)

#: the last year any parameter may name (open-ended tables of the transfer tax, scenarios to 2100)
LAST_YEAR = 2100
#: parameters the runner sets (the model's): a user who gives them is refused (publishing is the runner's decision)
RUNNER_ONLY = model.RUNNER_ONLY

Check = Callable[[object, Mapping[str, object]], "str | None"]


def _show(value: object) -> str:
    return excerpt(repr(value))


# --------------------------------------------------------------------------------------------
# data-dependent lists, loaded once per process
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _nfa():
    return A.load_nfa()


@lru_cache(maxsize=1)
def nfa_years() -> tuple[int, int]:
    """First and last year of the national accounts."""
    years = _nfa()["year"]
    return int(years.min()), int(years.max())


@lru_cache(maxsize=1)
def city_years() -> tuple[int, ...]:
    """Years with household-survey data and national accounts (the city model's years)."""
    return tuple(C.default_inputs().years)


@lru_cache(maxsize=1)
def first_fiscal_year() -> int:
    """The first fiscal year of the transfer tax's pools and weights."""
    alloc = forest_inputs().allocation
    return int(max(alloc.pools["fy_from"].min(), alloc.weights["fy_from"].min()))


@lru_cache(maxsize=1)
def municipality_codes() -> frozenset[str]:
    return frozenset(forest_inputs().municipalities["code5"])


@lru_cache(maxsize=1)
def species_ages() -> dict[str, tuple[int, int]]:
    """Stand ages covered by the increments table, per species of the species table."""
    inc = forest_inputs().carbon.increments
    species = forest_inputs().carbon.species["species"]
    out = {}
    for sp in species:
        rows = inc[inc["species"] == sp]
        out[str(sp)] = (int(rows["age_from"].min()), int(rows["age_to"].max())) if len(rows) else (0, -1)
    return out


@lru_cache(maxsize=1)
def partnership_ids() -> tuple[str, ...]:
    return tuple(S.load_partnerships()["id"])


# --------------------------------------------------------------------------------------------
# checks of values
# --------------------------------------------------------------------------------------------


def non_finite(value: object) -> str | None:
    """A problem if ``value`` is or holds (in lists) a NaN or an infinity."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"expected a finite number, found {value!r} (nan and inf are not values)"
    if isinstance(value, (list, tuple)):
        for v in value:
            if (p := non_finite(v)) is not None:
                return p
    if isinstance(value, dict):
        for v in value.values():
            if (p := non_finite(v)) is not None:
                return p
    return None


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _range_text(lo, hi) -> str:
    if lo is not None and hi is not None:
        return f"between {lo:g} and {hi:g}"
    return f">= {lo:g}" if lo is not None else f"<= {hi:g}"


def number(lo: float | None = None, hi: float | Callable[[Mapping], float] | None = None, why: str = "",
           integer: bool = False) -> Check:
    """A number (an integer if ``integer``) in ``[lo, hi]``; ``hi`` may depend on the parameters."""
    def check(v, params):
        if not (_is_int(v) if integer else _is_number(v)):
            return f"expected {'an integer' if integer else 'a number'}, found {_show(v)}"
        top = hi(params) if callable(hi) else hi
        if (lo is not None and v < lo) or (top is not None and v > top):
            return f"expected {'an integer' if integer else 'a number'} {_range_text(lo, top)}, found {v!r}" + (
                f" ({why})" if why else "")
        return None
    return check


def bounded(name: str, why: str, *, integer: bool = False,
            hi: Callable[[Mapping], float] | None = None) -> Check:
    """:func:`number` within the bounds the model declares for ``name`` (``hi``: a bound from the data
    where the model has none)."""
    lo, top = model.bounds(name)
    return number(lo, top if hi is None else hi, why, integer=integer)


def year(span: Callable[[Mapping], tuple[int, int]], what: str) -> Check:
    """A year inside ``span(params)`` (inclusive)."""
    def check(v, params):
        lo, hi = span(params)
        if not _is_int(v):
            return f"expected a year such as {lo}, found {_show(v)}"
        if not lo <= v <= hi:
            return f"expected a year {lo}–{hi} ({what}), found {v}"
        return None
    return check


def year_pair(span: Callable[[Mapping], tuple[int, int]], what: str) -> Check:
    """``[first, last]``: two years, first <= last, both inside ``span(params)``."""
    def check(v, params):
        lo, hi = span(params)
        if not isinstance(v, (list, tuple)) or len(v) != 2 or not all(_is_int(y) for y in v):
            return f"expected two years [first, last] with first <= last, e.g. [{lo}, {hi}], found {_show(v)}"
        first, last = v
        if first > last:
            return f"expected two years [first, last] with first <= last, found {list(v)} (swap them?)"
        if first < lo or last > hi:
            return f"expected years {lo}–{hi} ({what}), found {list(v)}"
        return None
    return check


def names(valid: Callable[[], Sequence[str]], what: str, *, empty: bool = True, normalise=str) -> Check:
    """A list of names (each once) among ``valid()``; unknown names get the closest valid ones."""
    def check(v, params):
        if not isinstance(v, (list, tuple)) or not all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in v):
            return f"expected a list of {what}, found {_show(v)}"
        if not v and not empty:
            return f"expected at least one of {what}, found an empty list"
        known = list(valid())
        seen = set()
        for x in v:
            key = normalise(x)
            if key not in known:
                close = suggest(str(x), known)
                return (f"expected {what}, found unknown {excerpt(str(x))!r}"
                        + (f"; did you mean {close[0]!r}?" if close else f" (known: {excerpt(', '.join(known), 120)})"))
            if key in seen:
                return f"expected each of {what} once, found {excerpt(str(x))!r} twice"
            seen.add(key)
        return None
    return check


def choice(options: Sequence[str]) -> Check:
    def check(v, params):
        if v not in options:
            close = suggest(str(v), options)
            return f"expected one of {list(options)}, found {_show(v)}" + (
                f"; did you mean {close[0]!r}?" if close else "")
        return None
    return check


def runner_path(v, params) -> str | None:
    """A folder the runner sets: never inside ``data/raw/`` (raw data are immutable)."""
    if isinstance(v, str) and v:
        p = paths.resolve(v).resolve()
        if p.is_relative_to(paths.RAW.resolve()):
            return f"expected a folder outside data/raw (raw data are immutable), found {excerpt(v)!r}"
    return None


def runner_results(v, params) -> str | None:
    """``results``: the runner's map of topic to result folder (empty: the notebook computes them itself)."""
    if not isinstance(v, dict) or not all(isinstance(k, str) and isinstance(x, str) for k, x in v.items()):
        return f"expected a mapping of topic names to result folders (set by the runner), found {_show(v)}"
    return None


def check_jobs(n: object) -> None:
    """``--jobs``: a whole number of worker processes >= 1 (for the command line and :func:`run`)."""
    if not _is_int(n) or n < 1:
        raise ParameterError(f"--jobs: expected a whole number of processes >= 1, found {excerpt(repr(n))}")


def user_parameter_problem(name: str) -> str | None:
    """A problem when a user (``-p``, a scenario) gives a parameter only the runner may set."""
    if name in RUNNER_ONLY:
        return ("expected no value from a user: the runner sets it to the run folder (publishing is the "
                "runner's decision; outputs never go into data/raw/)")
    return None


# --------------------------------------------------------------------------------------------
# cross-parameter spans
# --------------------------------------------------------------------------------------------


def _nfa_span(params) -> tuple[int, int]:
    return nfa_years()


def _city_span(params) -> tuple[int, int]:
    ys = city_years()
    return ys[0], ys[-1]


def _city_year(v, params):
    """The footprint year: a year with survey data and national accounts, and for the run's city (Osaka
    where the notebook has no ``city``) a year whose survey window holds the city's data."""
    lo, hi = _city_span(params)
    if problem := year(_city_span, "household survey and national accounts")(v, params):
        return problem
    given = params.get("city", "Osaka")
    try:
        city = C.resolve_city(C.survey_cities(), _code_text(given))
    except (ParameterError, TypeError):
        return None  # the city's own rule names what is wrong with it
    ys = C.city_years(C.default_inputs(), city)
    if v not in ys:
        return (f"expected a year {ys[0]}–{ys[-1]} for {city} (the years whose three-year survey window holds its "
                f"item-level data), found {v}")
    return None


def _fiscal_span(params) -> tuple[int, int]:
    return first_fiscal_year(), LAST_YEAR


def _levy_span(params) -> tuple[int, int]:
    return F.LEVY_FROM_FY, LAST_YEAR


def _horizon_span(params) -> tuple[int, int]:
    py = params.get("purchase_years")
    first = py[0] if isinstance(py, (list, tuple)) and py and _is_int(py[0]) else first_fiscal_year()
    return max(first, first_fiscal_year()), LAST_YEAR


def _sink_span(params) -> tuple[int, int]:
    hy = params.get("horizon_year")
    return first_fiscal_year(), hy if _is_int(hy) and hy >= first_fiscal_year() else LAST_YEAR


def _flows_span(params) -> tuple[int, int]:
    """Bonds as known in a year: the national accounts' first year (forest factors) to 2100; from the
    first fiscal year of the transfer tax when the forest layer is added."""
    lo = nfa_years()[0]
    if params.get("forest_layer", True):
        lo = max(lo, first_fiscal_year())
    return lo, LAST_YEAR


def _code_text(v):
    """A prefecture code read by YAML as a number (``city=27``) is the code's text."""
    return f"{v:02d}" if isinstance(v, int) and not isinstance(v, bool) else v


def _city(v, params):
    v = _code_text(v)
    if not isinstance(v, str) or not v.strip():
        return f"expected a prefectural capital's name (e.g. Osaka or 大阪市) or prefecture code, found {_show(v)}"
    try:
        C.resolve_city(C.survey_cities(), v)
    except ParameterError as e:
        return excerpt(str(e).split("; valid names:")[0], 300)
    return None


def _countries(v, params):
    if not isinstance(v, (list, tuple)) or not v or not all(isinstance(x, (str, int)) for x in v):
        return f"expected a non-empty list of country names of the NFA (e.g. [Japan, World]), found {_show(v)}"
    try:
        codes = A.resolve_countries(_nfa(), v)
    except ParameterError as e:
        return excerpt(str(e), 300)
    if len(set(codes)) != len(codes):
        return f"expected each country once, found {list(v)!r}"
    return None


def _partner_codes(v, params):
    return names(lambda: sorted(municipality_codes()), f"5-digit municipality codes of {F.FILES['municipalities']}",
                 empty=False, normalise=lambda x: str(x).strip().zfill(5))(v, params)


def _partners(v, params):
    def known():
        ids = list(flows_seed().nodes["id"])
        try:
            extra = extra_nodes(params)
        except FootprintError:
            extra = None
        return ids + ([] if extra is None else list(extra["id"]))
    return names(known, "node ids of the flow graph (data/raw/flows/nodes.csv or extra_nodes_file)")(v, params)


def _payers_max(params) -> float:
    m = forest_inputs().municipalities
    return float(m.loc[m["code5"] == OSAKA_CODE, "pop_2020_persons"].sum()) or float("inf")


def _partner_area_max(params) -> float:
    codes = params.get("partner_codes") or []
    m = forest_inputs().municipalities.set_index("code5")["area_ha"]
    areas = [float(m[str(c).zfill(5)]) for c in codes if str(c).zfill(5) in m.index]
    return min(areas) if areas else float("inf")


def _stand_mix(v, params):
    shape = "[[species, age in years, share of the area], ...], e.g. [[sugi, 38, 0.6], [hinoki, 25, 0.4]]"
    if not isinstance(v, (list, tuple)) or not v:
        return f"expected {shape}, found {_show(v)}"
    ages = species_ages()
    total = 0.0
    for i, stand in enumerate(v, start=1):
        if not isinstance(stand, (list, tuple)) or len(stand) != 3:
            return f"stand {i}: expected {shape}, found {_show(stand)}"
        sp, age, frac = stand
        if sp not in ages:
            close = suggest(str(sp), ages)
            return (f"stand {i}: expected a species of {F.FILES['species']}, found {excerpt(str(sp))!r}"
                    + (f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(ages)})"))
        lo, hi = ages[sp]
        if not _is_int(age) or not lo <= age <= hi:
            return f"stand {i} ({sp}): expected an age in years {lo}–{hi} ({F.FILES['increments']}), found {_show(age)}"
        if not _is_number(frac) or not 0 <= frac <= 1:
            return f"stand {i} ({sp}): expected a share of the area between 0 and 1, found {_show(frac)}"
        total += frac
    if abs(total - 1) > 1e-6:
        return f"expected shares of the area summing to 1, found a sum of {total:g}"
    return None


LANGS = ("en", "ja")

#: the data-dependent check of each parameter of :class:`footprint.pipeline.model.RunParameters`, by name (one name,
#: one meaning in every notebook); types and static bounds are the model's
RULES: dict[str, Check] = {
    "lang": choice(LANGS),
    "output_dir": runner_path,
    "processed_dir": runner_path,
    "results": runner_results,
    "draws": bounded("draws", f"a Monte Carlo needs at least two draws; more than {model.MAX_DRAWS:,} exceed "
                     "the memory of a run", integer=True),
    "seed": bounded("seed", "a random seed is a non-negative integer", integer=True),
    "wood_share": bounded("wood_share", "a share: 0.25 means a quarter, not 25"),
    "dpi": bounded("dpi", "dots per inch of the PNG figures: 300 for print", integer=True),
    "supported_area_ha": bounded("supported_area_ha", "area in ha supported in each partner municipality, "
                                 "at most the smallest partner's area", hi=_partner_area_max),
    "countries": _countries,
    "years": year_pair(_nfa_span, f"the national accounts, {A.NFA_EDITION}"),
    "city": _city,
    "year": _city_year,
    "clum_file": user_file(read_clum),
    "land_use_file": user_file(read_land_use),
    "fiscal_years": year_pair(_fiscal_span, "fiscal years of the transfer tax"),
    "census_2020_from_fy": year(_fiscal_span, "fiscal years of the transfer tax"),
    "payers_persons": number(0.0, _payers_max, "0 = estimated; at most Osaka City's population"),
    "forestry_workers_file": user_file(read_workers),
    "planted_forest_file": user_file(read_planted),
    "destination_fy": year(_levy_span, "fiscal years with levy payments"),
    "purchase_years": year_pair(_fiscal_span, "fiscal years of the transfer tax"),
    "horizon_year": year(_horizon_span, "from the first purchase year"),
    "partner_codes": _partner_codes,
    "stand_mix": _stand_mix,
    "sink_from_year": year(_sink_span, "from the first fiscal year to horizon_year"),
    "emissions_co2_t": number(0.0, 1e9, "t-CO2 a year; 0 = the documented estimate"),
    "flows_year": year(_flows_span, "national accounts; transfer tax with forest_layer"),
    "layers": names(lambda: FL.LAYERS, f"layers among {list(FL.LAYERS)}", empty=False),
    "partners": _partners,
    "currency": choice(FL.CURRENCIES),
    "ledger_year": year(lambda p: (FL.LEDGER_YEARS[0], FL.LEDGER_YEARS[-1]), "years of the partnership ledger"),
    "extra_nodes_file": user_file(read_extra_nodes),
    "extra_flows_file": user_file(read_extra_flows),
    "partnerships": names(partnership_ids, "partnership ids of data/raw/sdgs"),
}


_ANY_FILE = user_file(lambda value, params: None)


def rule_for(notebook: str, name: str) -> Check | None:
    """The check of ``name`` in ``notebook`` (by stem), or ``None`` when the parameter has none.

    A ``*_file`` parameter without a rule of its own is still checked for existence and shape.
    """
    rule = RULES.get(name)
    if rule is None and name.endswith("_file"):
        return _ANY_FILE
    return rule


def check_parameter(notebook: str, name: str, value: object, params: Mapping[str, object]) -> str | None:
    """One phrase naming the parameter, what was expected and what was found; ``None`` when fine."""
    problem = non_finite(value)
    if problem is None:
        rule = rule_for(notebook, name)
        try:
            problem = rule(value, params) if rule else None
        except FootprintError as e:  # a raw file behind the rule is wrong: name it
            problem = excerpt(str(e), 300)
    if problem is None:
        return None
    return f"parameter {name!r} of {notebook}: {problem}".replace("\n", " ")
