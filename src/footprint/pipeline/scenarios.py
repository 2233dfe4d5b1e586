"""Scenarios (YAML files in ``scenarios/``) and their expansion into validated tasks."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from footprint.core import paths, suggest, yamlio
from footprint.core.errors import DataFileError, ParameterError
from footprint.pipeline import model
from footprint.pipeline.checks import RUNNER_ONLY, check_parameter, excerpt, user_parameter_problem
from footprint.pipeline.execute import Task, make_task
from footprint.pipeline.parameters import (
    discover_notebooks,
    find_notebook,
    notebook_defaults,
    validate_parameters,
)

SCENARIO_KEYS = ("name", "description", "defaults", "notebooks", "sweep", "reports", "publish")


@dataclass(frozen=True)
class Scenario:
    """Notebooks mapped to parameters, with optional grids to sweep.

    YAML layout::

        name: baseline
        description: ...
        defaults: {lang: en}              # applied to every notebook that declares the name
        notebooks:                        # notebooks to run (all if omitted) and their parameters
          01_national_accounts: {}
          02_city_footprint: {draws: 2000}
        sweep:                            # optional: a grid per notebook, one run per point
          02_city_footprint: {year: [2019, 2022]}
        reports: [05_local_sdgs_brief]    # optional: HTML report + figure pack (default: *brief*)
        publish: false                    # optional: also publish tables to data/processed (default:
                                          # false for scenario files, so alternatives never overwrite
                                          # the baseline tables; true for runs without a scenario)
    """

    name: str
    description: str = ""
    defaults: dict = field(default_factory=dict)
    notebooks: dict = field(default_factory=dict)
    sweep: dict = field(default_factory=dict)
    reports: tuple[str, ...] | None = None  # notebooks exported as HTML + figure pack; None = the brief(s)
    publish: bool = True  # tables also go to data/processed (baseline); False: only into the run folder
    source: str = ""


def _scenario_path(path: str | os.PathLike[str]) -> Path:
    p = paths.resolve(path, Path.cwd())
    if p.exists():
        return p
    p2 = paths.resolve(path, paths.SCENARIOS)
    if p2.exists():
        return p2
    raise DataFileError(path, "a scenario YAML file", "no such file")


def _shown(p: Path, given: str | os.PathLike[str]) -> str:
    """How a scenario file is named in messages: relative to the project, else as the user gave it."""
    return os.path.relpath(p, paths.ROOT) if p.resolve().is_relative_to(paths.ROOT) else str(given)


def _notebook_stem(p: str, key, section: str) -> str:
    """The stem of the notebook a scenario names (``'02'``, ``02`` read by YAML as 2, or the stem)."""
    name = f"{key:02d}" if isinstance(key, int) and not isinstance(key, bool) else key
    if not isinstance(name, str):
        raise DataFileError(p, "notebook names such as 02_city_footprint or '02'", repr(key), key=section)
    try:
        return find_notebook(name).stem
    except ParameterError:
        stems = [n.stem for n in discover_notebooks()]
        close = suggest(name, stems)
        raise DataFileError(p, f"a notebook among {stems}", repr(name), key=section,
                            hint=f"did you mean {close[0]!r}?" if close else None) from None


def _by_stem(p: str, mapping: Mapping, section: str) -> dict[str, object]:
    """``mapping`` keyed by notebook stem; two names of one notebook are an error."""
    out, given = {}, {}
    for k, v in mapping.items():
        stem = _notebook_stem(p, k, section)
        if stem in out:
            raise DataFileError(p, f"each notebook once in {section!r}", f"{stem} given twice ({given[stem]!r} and {k!r})",
                                key=section, hint="merge the two entries")
        out[stem], given[stem] = v, k
    return out


def _check_document(p: str, doc) -> None:
    """Raise :class:`DataFileError` naming the first key of ``doc`` that is not a valid scenario."""
    if doc is None:
        raise DataFileError(p, "a mapping with keys name, notebooks, defaults, sweep", "an empty file")
    if not isinstance(doc, dict):
        raise DataFileError(p, "a mapping with keys name, notebooks, defaults, sweep", type(doc).__name__)
    unknown = sorted(map(str, set(doc) - set(SCENARIO_KEYS)))
    if unknown:
        close = suggest(unknown[0], SCENARIO_KEYS)
        raise DataFileError(p, f"top-level keys among {sorted(SCENARIO_KEYS)}", f"{unknown}",
                            hint=f"did you mean {close[0]!r}?" if close else None)
    name = doc.get("name")
    if name is not None and not (isinstance(name, str) and re.fullmatch(r"[\w.-]{1,60}", name) and name[0] != "."):
        raise DataFileError(p, "'name' to be a short text of letters, digits, '-', '_' or '.' (it names the run "
                            "folder)", excerpt(repr(name)), key="name")
    if not isinstance(doc.get("description") or "", str):
        raise DataFileError(p, "'description' to be a text", excerpt(repr(doc["description"])), key="description")
    if "notebooks" in doc and not doc["notebooks"]:  # an empty selection would silently mean "every notebook"
        raise DataFileError(p, "'notebooks' to name at least one notebook", excerpt(repr(doc["notebooks"])),
                            key="notebooks", hint="omit 'notebooks' to run every notebook")
    if "sweep" in doc and not doc["sweep"]:
        raise DataFileError(p, "'sweep' to name a notebook and its grid", excerpt(repr(doc["sweep"])), key="sweep",
                            hint="omit 'sweep' for a run without a grid")
    for key in ("defaults", "notebooks", "sweep"):
        v = doc.get(key) or {}
        if not isinstance(v, dict):
            raise DataFileError(p, f"{key!r} to be a mapping", type(v).__name__, key=key)
    for k, v in (doc.get("notebooks") or {}).items():
        if not isinstance(v or {}, dict):
            raise DataFileError(p, "a mapping of parameter names to values", type(v).__name__, key=f"notebooks.{k}")
    for k, grid in (doc.get("sweep") or {}).items():
        if not isinstance(grid, dict) or not all(isinstance(vals, list) and vals for vals in grid.values()):
            raise DataFileError(p, "a mapping of parameter names to non-empty lists", excerpt(repr(grid)),
                                key=f"sweep.{k}")
    publish = doc.get("publish", False)
    if not isinstance(publish, bool):
        raise DataFileError(p, "'publish' to be true or false", excerpt(repr(publish)), key="publish")
    reports = doc.get("reports")
    if reports is not None and not (isinstance(reports, list) and all(isinstance(x, str) for x in reports)):
        raise DataFileError(p, "'reports' to be a list of notebook names", excerpt(repr(reports)), key="reports")


def _check_names(p: str, notebooks: dict, defaults: Mapping, sweep: Mapping) -> None:
    """Names in ``defaults`` that no selected notebook declares; sweeps over notebooks not selected."""
    selected = list(notebooks) or [n.stem for n in discover_notebooks()]
    declared = set().union(*(notebook_defaults(find_notebook(n)).keys() for n in selected))
    for name in defaults:
        if name not in declared:
            close = suggest(str(name), sorted(declared))
            raise DataFileError(p, f"a parameter declared by a selected notebook ({', '.join(selected)})", repr(name),
                                key="defaults", hint=f"did you mean {close[0]!r}?" if close else None)
    for stem in sweep:
        if notebooks and stem not in notebooks:
            raise DataFileError(p, f"a sweep over a selected notebook ({', '.join(notebooks)})", f"{stem} (not selected)",
                                key="sweep", hint=f"add {stem} under 'notebooks' or remove its sweep")


def _read_document(p: Path, shown: str):
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DataFileError(shown, "a YAML file encoded as UTF-8", f"a byte that is not UTF-8 at offset {e.start}",
                            hint="saved as cp932/Shift_JIS? save it as UTF-8") from None
    if "\x00" in text:
        raise DataFileError(shown, "a YAML text file", "binary content (NUL bytes)")
    try:
        return yamlio.load(text)
    except yamlio.YamlProblem as e:
        raise DataFileError(shown, e.expected, excerpt(e.found, 160), row=e.line, hint=e.hint) from None


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read and check a scenario file (relative to the current folder or to ``scenarios/``).

    One line (:class:`DataFileError` naming the file and key) for: a file that is not UTF-8 or
    not YAML, an empty file, unknown keys, a bad ``name``, ``publish`` or ``reports``, unknown
    notebooks, two names of one notebook, names in ``defaults`` that no selected notebook declares,
    sweeps over notebooks that are not selected or with values that are not non-empty lists.
    """
    p = _scenario_path(path)
    shown = _shown(p, path)
    doc = _read_document(p, shown)
    _check_document(shown, doc)
    notebooks = _by_stem(shown, {k: (v or {}) for k, v in (doc.get("notebooks") or {}).items()}, "notebooks")
    sweep = _by_stem(shown, dict(doc.get("sweep") or {}), "sweep")
    defaults = dict(doc.get("defaults") or {})
    _check_names(shown, notebooks, defaults, sweep)
    for section, params in [("defaults", defaults), *((f"notebooks.{k}", v) for k, v in notebooks.items()),
                            *((f"sweep.{k}", v) for k, v in sweep.items())]:
        for name in params:
            if problem := user_parameter_problem(name):
                raise DataFileError(shown, f"no {name!r}: {problem.removeprefix('expected ')}",
                                    excerpt(repr(params[name])), key=section)
    reports = doc.get("reports")
    return Scenario(
        name=str(doc.get("name") or p.stem),
        reports=tuple(_notebook_stem(shown, r, "reports") for r in reports) if reports is not None else None,
        publish=doc.get("publish", False),
        description=str(doc.get("description") or ""),
        defaults=defaults,
        notebooks=notebooks,
        sweep=sweep,
        source=shown,
    )


def _slug(params: Mapping) -> str:
    parts = []
    for k, v in params.items():
        s = str(v).replace("/", "-").replace(" ", "")
        parts.append(f"{k}={s}"[:40])
    return "__".join(parts)


def _selected(scenario: Scenario, notebooks: Sequence[str] | None) -> list[Path]:
    if notebooks:
        return [find_notebook(n) for n in notebooks]
    if scenario.notebooks:
        return [find_notebook(n) for n in scenario.notebooks]
    return discover_notebooks()


def run_values(scenario: Scenario, nb_paths: Sequence[Path], overrides: Mapping[str, object]) -> dict[str, object]:
    """The values a run is given, once for the whole run (one run, one model).

    A name is given in ``defaults`` or under one or more notebooks; wherever it is written it reaches
    every selected notebook that declares it, and the run's results are computed from it. The same
    name with two different values in one scenario is refused (which notebook would be right?);
    ``-p`` overrides win over the scenario file.
    """
    values: dict[str, object] = {}
    where: dict[str, str] = {}
    stems = {nb.stem for nb in nb_paths}
    entries = [("defaults", scenario.defaults)] + [
        (f"notebooks.{k}", v) for k, v in scenario.notebooks.items() if find_notebook(k).stem in stems]
    problems = []
    for section, params in entries:
        for k, v in params.items():
            if k in values and _text(values[k]) != _text(v):
                problems.append(f"parameter {k!r} given twice with different values ({where[k]}: {excerpt(repr(values[k]))}, "
                                f"{section}: {excerpt(repr(v))}): a run has one value of each parameter, which every "
                                "notebook uses; give it once, under 'defaults'")
                continue
            values[k], where[k] = v, section
    if problems:
        raise ParameterError(f"{scenario.source or scenario.name}: " + "; ".join(problems))
    values.update(overrides)
    return values


def _text(v) -> str:
    return repr(v)


def _base_parameters(scenario: Scenario, nb: Path, values: Mapping[str, object]) -> dict:
    """The run's values of the names the notebook declares."""
    defaults = notebook_defaults(nb)
    base = {k: v for k, v in values.items() if k in defaults}
    if not scenario.publish and "processed_dir" in defaults and "processed_dir" not in base:
        base["processed_dir"] = ""  # an alternative keeps its tables in its run folder only
    return base


def _sweep_points(scenario: Scenario, nb: Path) -> list[dict]:
    grid_key = next((k for k in scenario.sweep if find_notebook(k) == nb), None)
    grid = scenario.sweep.get(grid_key, {}) if grid_key else {}
    return [dict(zip(grid, combo, strict=True)) for combo in itertools.product(*grid.values())] if grid else [{}]


def _user_runner_parameters(overrides: Mapping[str, object]) -> list[str]:
    """Problems for parameters only the runner sets (``output_dir``, ``processed_dir``) given with ``-p``.

    A scenario *file* is checked by :func:`load_scenario`; a :class:`Scenario` built in Python (the
    runner's own callers, tests) may set them.
    """
    return [f"-p: parameter {name!r}: {problem}, found {excerpt(repr(value))}"
            for name, value in overrides.items() if (problem := user_parameter_problem(name))]


def plan(
    scenario: Scenario | None = None,
    *,
    notebooks: Sequence[str] | None = None,
    overrides: Mapping[str, object] | None = None,
    run_dir: Path,
) -> list[Task]:
    """Expand a scenario (and command-line overrides) into validated tasks; no kernel is started.

    All problems in all notebooks are collected and raised as one :class:`ParameterError` (one line).
    """
    scenario = scenario or Scenario(name="default")
    overrides = overrides or {}
    nb_paths = _selected(scenario, notebooks)
    for k in scenario.sweep:
        find_notebook(k)
    tasks, problems = [], []
    where = scenario.source or scenario.name
    problems += _user_runner_parameters(overrides)
    refused = {k for k in overrides if user_parameter_problem(k)}
    values = {k: v for k, v in run_values(scenario, nb_paths, overrides).items() if k not in refused}
    for nb in nb_paths:
        base = _base_parameters(scenario, nb, values)
        own = next((v for k, v in scenario.notebooks.items() if find_notebook(k) == nb), {})
        declared_nb = notebook_defaults(nb)
        base.update({k: v for k, v in own.items() if k not in declared_nb and k not in refused})  # refused below
        for point in _sweep_points(scenario, nb):
            params = {k: v for k, v in {**base, **point}.items() if k not in refused}  # refused above
            try:
                validate_parameters(nb, params, where=where)
            except ParameterError as e:
                problems.append(str(e))
                continue
            label = nb.stem if not point else f"{nb.stem}__{_slug(point)}"
            model_values = {k: v for k, v in {**values, **point}.items() if k in model.FIELDS and k not in RUNNER_ONLY}
            tasks.append(make_task(nb, params, run_dir, label, model=model_values))
    declared = set().union(*(notebook_defaults(nb).keys() for nb in nb_paths))
    modelled = model.result_parameters([nb.stem for nb in nb_paths])  # names the notebooks' results depend on
    effective = {**model.DEFAULTS, **values}
    for name in sorted(set(values) & modelled - declared):  # reaches the results only: checked here
        bad = model.type_problems({name: values[name]})
        problem = (f"parameter {name!r}: {bad[name]}" if name in bad
                   else check_parameter("model", name, values[name], effective))
        if problem:
            problems.append(problem)
    # the run's Osaka result (forest, flows, brief) is Osaka City's whatever `city` notebook 02 is given: what
    # depends on the city is checked again for Osaka (a land-use file without Osaka's rows, a year it lacks)
    if "osaka" in model.needed_topics([nb.stem for nb in nb_paths]) and effective.get("city", "Osaka") != "Osaka":
        for name in ("land_use_file", "year"):
            if name in values and not model.type_problems({name: values[name]}):
                problem = check_parameter("model", name, values[name], {**effective, "city": "Osaka"})
                if problem:
                    problems.append(f"{problem} (for the Osaka City result of the forest, flows and brief notebooks)")
    for name in sorted(set(overrides) - declared - modelled):
        close = suggest(name, sorted(declared))
        problems.append(f"override {name!r} matches no parameter of the selected notebooks"
                        + (f"; did you mean {close[0]!r}?" if close else ""))
    if problems:
        raise ParameterError("invalid parameters: " + "; ".join(problems))  # one line for a person to act on
    return tasks
