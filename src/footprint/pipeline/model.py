"""One definition of a run's parameters, and the run's model computed once from them.

:class:`RunParameters` (pydantic) is the single source of every parameter: its type, default,
static range and the one-line doc that ``footprint params`` shows. Ranges that depend on the data
(the survey's years, the ledger's years, the 52 cities, species ages) are the rules of
:mod:`footprint.pipeline.checks`, keyed by the same names. A notebook's ``parameters`` cell holds a
literal copy of the defaults of the names it uses (for papermill and JupyterLab); a test checks
that every cell matches this model.

A parameter given once (``year``, ``draws``, ``seed``, ``clum_file``, ``wood_share``, …) is a
parameter of the whole run: the runner passes it to every notebook that declares it, and the
topic results of the run (:data:`TOPICS`) are computed once from it and read by every notebook.

    >>> from footprint.pipeline.model import RunParameters, compute
    >>> p = RunParameters(year=2019, draws=500)
    >>> city = compute("city", p)                # a footprint.core.results.Result
    >>> city["headline"]                         # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from footprint import city as C
from footprint import flows as FL
from footprint import forest as F
from footprint.core import paths
from footprint.core.errors import FootprintError, ParameterError
from footprint.core.results import Result
from footprint.outputs.notebook import NotebookOutputs
from footprint.pipeline.user_files import excerpt


def _code_as_text(v):
    """A prefecture code given as a number (``-p city=27``, YAML reads an int) is the code's text."""
    return f"{v:02d}" if isinstance(v, int) and not isinstance(v, bool) else v


#: a city by name or prefecture code
CityName = Annotated[str, BeforeValidator(_code_as_text)]


#: the most draws a run takes: the city headline's Monte Carlo at 200,000 draws peaks near 0.8 GB (1,000,000: 2.5 GB)
MAX_DRAWS = 200_000


def _p(default, doc: str, **kw):
    return Field(default=default, description=doc, **kw)


class RunParameters(BaseModel):
    """Every parameter of a run, with its default and meaning (ranges from the data: ``checks.RULES``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    # -- the whole run ---------------------------------------------------------------------------
    lang: str = _p("en", "en or ja: labels of figures and tables")
    year: int = _p(2022, "footprint year of the city model (2007 to 2024; national accounts after 2022 are GFN "
                   "nowcasts)")
    draws: Annotated[int, Field(ge=2, le=MAX_DRAWS)] = _p(2000, "Monte Carlo draws of the intervals (city "
                                                          "headline and partnership ledger)")
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] = _p(2026, "random seed of every Monte Carlo of the run")
    output_dir: str = _p("", "empty: reports/interactive/<notebook>; the runner sets its run folder")
    processed_dir: str = _p("", "empty: do not publish (the runner publishes complete baseline runs); a folder: "
                            "also write tables there")
    results: dict[str, str] = _p({}, "empty: compute the model in the notebook; the runner sets the folders of "
                                 "the run's computed results")
    # -- national accounts (01) -------------------------------------------------------------------
    countries: list[str] = _p(["Japan", "Viet Nam", "Philippines", "Thailand", "United Kingdom", "World"],
                              "countries of the national accounts (NFA names)")
    years: list[int] = _p([2000, 2024], "first and last year of the national time series (inclusive)")
    # -- city (02) --------------------------------------------------------------------------------
    city: CityName = _p("Osaka", "any of the 52 survey cities (47 capitals, 5 designated cities): Japanese or "
                        "English name, or prefecture code (27: its capital)")
    clum_file: str = _p("", "empty: the estimated CLUM; else a CSV with clum_row, six land types, source, status")
    land_use_file: str = _p("", "empty: the shipped Osaka estimate; else a CSV of land use by city and land type")
    # -- forest (03) ------------------------------------------------------------------------------
    fiscal_years: list[int] = _p([2019, 2025], "first and last fiscal year of the receipts and payments table")
    census_2020_from_fy: int = _p(2022, "first fiscal year allocated with the 2020 census (assumed; earlier "
                                  "years 2015)")
    payers_persons: float = _p(0.0, "levy payers in Osaka City; 0 means estimated from the population share")
    forestry_workers_file: str = _p("", "optional CSV: code5, forestry_workers_persons (UTF-8 or cp932)")
    planted_forest_file: str = _p("", "optional CSV: code5, planted_forest_area_ha, optional forest_ratio")
    destination_fy: int = _p(2024, "fiscal year shown in the where-the-money-goes chart and map")
    wood_share: Annotated[float, Field(ge=0, le=1)] = _p(0.5, "share of receipts spent on wood products "
                                                         "(illustrative)")
    purchase_years: list[int] = _p([2019, 2050], "fiscal years in which wood is bought with the receipts "
                                   "(illustrative)")
    horizon_year: int = _p(2050, "last year of the wood-carbon stock")
    partner_codes: list[str] = _p(["27216", "27383"], "partner forest municipalities (illustrative: "
                                  "Kawachinagano, Chihayaakasaka)")
    supported_area_ha: Annotated[float, Field(ge=0)] = _p(100.0, "forest area supported in each partner "
                                                          "municipality (illustrative)")
    stand_mix: list[list[str | int | float]] = _p([["sugi", 38, 0.6], ["hinoki", 25, 0.4]],
                                                  "species, stand age in years, share of the area")
    sink_from_year: int = _p(2024, "first year the partner forests are supported")
    emissions_co2_t: float = _p(0.0, "Osaka City CO2 emissions per year; 0 means the documented estimate from "
                                "prefecture emissions")
    # -- flows (04) -------------------------------------------------------------------------------
    flows_year: int = _p(2025, "bonds as known in this year: the latest value of each series up to it")
    layers: list[str] = _p(["resource", "fund", "people"], "any of resource, fund, people")
    partners: list[str] = _p([], "node ids to keep, e.g. hcmc or quezon_city; empty: every partner")
    extra_flows_file: str = _p("", "path of your own flows CSV (same columns as data/raw/flows/flows.csv); "
                               "empty: none")
    extra_nodes_file: str = _p("", "path of your own nodes CSV for new nodes used by extra_flows_file; empty: none")
    city_layer: bool = _p(True, "add the biocapacity flowing into Osaka from footprint.city")
    forest_layer: bool = _p(True, "add the forest-tax fund flows from footprint.forest")
    currency: str = _p("ef_gha", "size of the alluvial and the maps: ef_gha, co2_t, amount_jpy or persons")
    ledger_year: int = _p(2024, "year of the ledger figure and the per-partner table (years of the ledger)")
    # -- brief (05) -------------------------------------------------------------------------------
    partnerships: list[str] = _p([], "partnership ids to include, e.g. hcmc or forest_regions; empty: all")
    dpi: Annotated[int, Field(ge=50, le=1200)] = _p(300, "resolution of the PNG figures of the brief in dots "
                                                    "per inch (300 for print)")

    # -- values derived from the parameters (recorded with them: papermill does not recompute them) --
    @property
    def comparison_draws(self) -> int:
        """Draws of the 52-city comparison and the sensitivity: ``draws`` capped at 1,000."""
        return min(self.draws, COMPARISON_DRAWS_CAP)

    @property
    def series_draws(self) -> int:
        """Draws of each year of the city's time series: ``draws`` capped at 300."""
        return min(self.draws, SERIES_DRAWS_CAP)

    @property
    def ledger_draws(self) -> int:
        """Draws of the partnership ledger: ``draws`` capped at 2,000 (its memory grows with draws × cells)."""
        return min(self.draws, FL.LEDGER_DRAWS_CAP)

    def derived(self) -> dict[str, int]:
        return {"comparison_draws": self.comparison_draws, "series_draws": self.series_draws,
                "ledger_draws": self.ledger_draws}

    def recorded(self) -> dict[str, object]:
        """What manifests and sidecars record: every value, and the derived ones (caps) under ``derived``."""
        return {**self.model_dump(), "derived": self.derived()}


COMPARISON_DRAWS_CAP = 1000
SERIES_DRAWS_CAP = 300

#: the parameters only the runner sets
RUNNER_ONLY = ("output_dir", "processed_dir", "results")
#: parameters that say where things go, not what they are (never in a cache key)
LOCATIONS = RUNNER_ONLY
FIELDS: dict[str, Any] = RunParameters.model_fields


def bounds(name: str) -> tuple[float | None, float | None]:
    """The static bounds ``(ge, le)`` of a parameter as the model declares them (None: unbounded), for
    the checks that explain them (:data:`footprint.pipeline.checks.RULES`): one definition of each bound."""
    lo = hi = None
    for m in FIELDS[name].metadata:
        lo = getattr(m, "ge", lo)
        hi = getattr(m, "le", hi)
    return lo, hi
DEFAULTS: dict[str, object] = {k: f.get_default(call_default_factory=True) for k, f in FIELDS.items()}
DOCS: dict[str, str] = {k: f.description or "" for k, f in FIELDS.items()}

# --------------------------------------------------------------------------------------------
# the run's model: topic results, what each needs, and what each notebook reads
# --------------------------------------------------------------------------------------------

_CITY = ("city", "year", "draws", "seed", "clum_file", "land_use_file")
_FOREST = ("fiscal_years", "census_2020_from_fy", "payers_persons", "forestry_workers_file", "planted_forest_file",
           "destination_fy", "wood_share", "purchase_years", "horizon_year", "partner_codes", "supported_area_ha",
           "stand_mix", "sink_from_year", "emissions_co2_t")

#: topic results of a run: the parameters each depends on (its own and its upstream results') and its upstream
#: results, in dependency order. ``osaka`` is the city model of Osaka City (the forest, flows and brief are about
#: Osaka); ``city`` the one of the ``city`` parameter (the same result when ``city`` is Osaka).
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "osaka": (tuple(n for n in _CITY if n != "city"), ()),
    "city": (_CITY, ()),
    "forest": (_FOREST + tuple(n for n in _CITY if n != "city"), ("osaka",)),
    "flows": (_FOREST + tuple(n for n in _CITY if n != "city"), ("osaka", "forest")),
}
#: the results each notebook reads (by notebook stem)
NOTEBOOK_RESULTS: dict[str, tuple[str, ...]] = {
    "01_national_accounts": (),
    "02_city_footprint": ("city",),
    "03_forest_tax_timber_sinks": ("osaka", "forest"),
    "04_interregional_flows": ("osaka", "forest", "flows"),
    "05_local_sdgs_brief": ("osaka", "forest", "flows"),
}


def result_parameters(notebooks: Sequence[str]) -> set[str]:
    """The names the results of ``notebooks`` depend on (a value for one of them reaches those results)."""
    return {n for t in needed_topics(notebooks) for n in TOPICS[t][0]}


def topic_parameters(topic: str, params: RunParameters) -> dict[str, object]:
    """The parameters ``topic``'s result depends on, by name (``osaka`` pins ``city`` to Osaka City)."""
    names, _ = TOPICS[topic]
    out = {n: getattr(params, n) for n in names}
    if topic == "osaka":
        out["city"] = C.OSAKA
    elif topic == "city":
        out["city"] = C.resolve_city(C.survey_cities(), params.city) if params.city else params.city
    return dict(sorted(out.items()))


def result_id(topic: str, params: RunParameters, file_digests: Mapping[str, str] | None = None) -> str:
    """A short, stable name of a topic result within a run: ``<topic>-<digest of its parameters>``.

    ``osaka`` and ``city`` of Osaka City are one result (``city-…``)."""
    tp = topic_parameters(topic, params)
    kind = "city" if topic in ("osaka", "city") else topic
    text = json.dumps({"topic": kind, "parameters": tp, "files": dict(file_digests or {})}, sort_keys=True,
                      default=str)
    return f"{kind}-{hashlib.sha256(text.encode()).hexdigest()[:12]}"


def needed_topics(notebooks: Sequence[str]) -> list[str]:
    """The topics the notebooks read, with their upstream topics, in dependency order."""
    want: set[str] = set()
    todo = [t for nb in notebooks for t in NOTEBOOK_RESULTS.get(nb, ())]
    while todo:
        t = todo.pop()
        if t not in want:
            want.add(t)
            todo.extend(TOPICS[t][1])
    return [t for t in TOPICS if t in want]


def compute(topic: str, params: RunParameters | None = None, upstream: Mapping[str, Result] | None = None,
            *, inputs: Mapping[str, object] | None = None) -> Result:
    """Compute one topic's result in this process (its missing upstream results too).

    ``upstream``: results already computed (or loaded) by topic name; ``inputs``: loaded inputs to
    reuse by kind (``city``, ``forest``), so that one process loads every file once.
    """
    params = params or RunParameters()
    up = dict(upstream or {})
    inputs = dict(inputs) if inputs is not None else {}
    for dep in TOPICS[topic][1]:
        if dep not in up:
            up[dep] = compute(dep, params, up, inputs=inputs)
    if topic in ("osaka", "city"):
        tp = topic_parameters(topic, params)
        files = dict(clum_file=tp["clum_file"], land_use_file=tp["land_use_file"])
        key, alt = ("city", *files.values()), ("ssdse", *files.values())
        if key not in inputs:
            inputs[key] = C.load_inputs(**files)
            inputs[alt] = C.load_inputs(**files, spending_source="ssdse")
        return C.compute(tp, inputs[key], comparison_draws=params.comparison_draws,
                         series_draws=params.series_draws, with_shares=tp["city"] == C.OSAKA,
                         alternative=inputs[alt])
    if topic == "forest":
        if "forest" not in inputs:
            inputs["forest"] = F.load_inputs()
        return F.compute(topic_parameters("forest", params), inputs["forest"], city=up["osaka"])
    if topic == "flows":
        return FL.compute(topic_parameters("flows", params), city=up["osaka"], forest=up["forest"])
    raise ParameterError(f"topic: expected one of {list(TOPICS)}, found {topic!r}")


def notebook_results(notebook: str, given: Mapping[str, object]) -> dict[str, Result]:
    """The results a notebook reads: from the run's folders (``results`` parameter) or computed here.

    ``given``: the notebook's parameters cell (its literal values). Run by the runner, ``results``
    names the run's result folders and each result is read; the values the notebook declares must
    equal those the result was computed with (one run, one model), else one line says which
    differs. Alone (JupyterLab, plain papermill) the results are computed in this process with the
    cell's values and the model's defaults for the rest, with the same code.
    """
    folders = dict(given.get("results") or {})
    topics = NOTEBOOK_RESULTS[notebook]
    if not folders:
        params = RunParameters(**{k: v for k, v in given.items() if k in FIELDS and k not in RUNNER_ONLY})
        out: dict[str, Result] = {}
        cache: dict[str, object] = {}
        for t in needed_topics([notebook]):
            out[t] = compute(t, params, out, inputs=cache)
        return {t: out[t] for t in topics}
    out = {}
    for t in topics:
        if t not in folders:
            raise FootprintError(f"{notebook}: parameter 'results': expected a folder for {t!r}, found only "
                                 f"{sorted(folders)} (run the notebook through the runner, or leave 'results' empty)")
        r = Result.load(paths.resolve(folders[t]))
        for name in TOPICS[t][0]:
            if name in given and name in r.parameters and name != "city" and _differs(given[name], r.parameters[name]):
                raise FootprintError(
                    f"{notebook}: parameter {name!r} is {given[name]!r} but the run's {t} result was computed with "
                    f"{r.parameters[name]!r} (one run, one model: give the value once, to the run)")
        out[t] = r
    return out


def _differs(a, b) -> bool:
    return json.dumps(a, sort_keys=True, default=str) != json.dumps(b, sort_keys=True, default=str)


def _lists(values: Mapping[str, object]) -> dict[str, object]:
    """Tuples as lists (a caller in Python may pass ``(2019, 2025)``; YAML and papermill give lists)."""
    return {k: [list(x) if isinstance(x, tuple) else x for x in v] if isinstance(v, (list, tuple)) else v
            for k, v in values.items()}


def validate(values: Mapping[str, object]) -> RunParameters:
    """Types and static ranges of ``values`` (pydantic, strict); one line naming every bad parameter."""
    try:
        return RunParameters(**_lists(values))
    except ValidationError as e:
        raise ParameterError("; ".join(_problem(str(err["loc"][0]), err) for err in e.errors())) from None


_BOUNDS = ("greater_than_equal", "less_than_equal", "greater_than", "less_than")


def type_problems(values: Mapping[str, object]) -> dict[str, str]:
    """``{name: "expected <type> like <default>, found <value>"}`` for values of the wrong type (bounds and data
    ranges are the rules' of :mod:`footprint.pipeline.checks`, which say more)."""
    try:
        RunParameters(**_lists({k: v for k, v in values.items() if k in FIELDS}))
    except ValidationError as e:
        out = {}
        for err in e.errors():
            name = str(err["loc"][0])
            if err["type"] not in _BOUNDS and name not in out:
                out[name] = _problem(name, {**err, "input": values[name]}).split(": ", 1)[1]
        return out
    return {}


def _problem(name: str, err: Mapping) -> str:
    """``parameter 'x': expected <type> like <default>, found <value>`` for a pydantic error."""
    if name not in FIELDS:
        return f"unknown parameter {name!r}"
    d = DEFAULTS[name]
    v = err.get("input")
    if err.get("type") in _BOUNDS:
        lo, hi = _bounds(name)
        return f"parameter {name!r}: expected a value between {lo} and {hi}, found {v!r}"
    found = "no value" if v is None else f"{type(v).__name__} {excerpt(repr(v))}"
    return f"parameter {name!r}: expected {type(d).__name__} like {d!r}, found {found}"


def _bounds(name: str) -> tuple[object, object]:
    lo = hi = None
    for m in FIELDS[name].metadata:
        lo = getattr(m, "ge", lo)
        hi = getattr(m, "le", hi)
    return lo, hi


@dataclass(frozen=True)
class NotebookRun:
    """What a notebook works with: its validated parameters, its outputs and the run's results it reads."""

    notebook: str
    params: RunParameters
    given: dict
    out: NotebookOutputs
    results: dict


def declared(namespace: Mapping[str, object]) -> dict[str, object]:
    """The model's parameters among a notebook's names (its parameters cell, after papermill's injection)."""
    return {k: namespace[k] for k in FIELDS if k in namespace and not isinstance(namespace[k], ModuleType)}


def start(notebook: str, namespace: Mapping[str, object]) -> NotebookRun:
    """Begin a notebook: validate its parameters against the model, prepare its outputs, read its results.

    ``namespace``: the notebook's ``globals()`` right after the parameters cell. Sidecars and tables
    record the model's values of the names the notebook declares, and the derived values (draw caps).
    """
    given = declared(namespace)
    params = validate({k: v for k, v in given.items()})
    recorded = {k: getattr(params, k) for k in given if k not in RUNNER_ONLY}
    if "draws" in given:
        recorded["derived"] = params.derived()
    out = NotebookOutputs.create(notebook, output_dir=params.output_dir, processed_dir=params.processed_dir,
                                 lang=params.lang, parameters=recorded)
    return NotebookRun(notebook, params, given, out, notebook_results(notebook, given))


def literal(value: object) -> str:
    """A default as the parameters cell writes it (double-quoted text, Python literals)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(x) for x in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(x)}" for k, x in value.items()) + "}"
    return repr(value)


def parameters_cell(names: Sequence[str]) -> str:
    """The literal ``parameters`` cell of a notebook declaring ``names`` (in that order): ``name = default  # doc``.

    Every notebook's cell is exactly this text (a test checks it), so papermill, JupyterLab and
    ``footprint params`` show the model's defaults and docs.
    """
    return "\n".join(f"{n} = {literal(DEFAULTS[n])}  # {DOCS[n]}" for n in names)
