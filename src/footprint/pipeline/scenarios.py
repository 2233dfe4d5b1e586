"""Scenarios (YAML files in ``scenarios/``) and their expansion into validated tasks."""

from __future__ import annotations

import itertools
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from footprint.core import paths, suggest
from footprint.core.errors import DataFileError, ParameterError
from footprint.pipeline.execute import Task, make_task
from footprint.pipeline.parameters import discover_notebooks, find_notebook, notebook_defaults, validate_parameters

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


def _check_document(p: Path, doc) -> None:
    """Raise :class:`DataFileError` naming the first key of ``doc`` that is not a valid scenario."""
    if not isinstance(doc, dict):
        raise DataFileError(p, "a mapping with keys name, notebooks, defaults, sweep", type(doc).__name__)
    unknown = sorted(set(doc) - set(SCENARIO_KEYS))
    if unknown:
        raise DataFileError(p, f"top-level keys among {sorted(SCENARIO_KEYS)}", f"{unknown}")
    for key in ("defaults", "notebooks", "sweep"):
        v = doc.get(key) or {}
        if not isinstance(v, dict):
            raise DataFileError(p, f"{key!r} to be a mapping", type(v).__name__, key=key)
    for k, v in (doc.get("notebooks") or {}).items():
        if not isinstance(v or {}, dict):
            raise DataFileError(p, "a mapping of parameter names to values", type(v).__name__, key=f"notebooks.{k}")
    for k, grid in (doc.get("sweep") or {}).items():
        if not isinstance(grid, dict) or not all(isinstance(vals, list) and vals for vals in grid.values()):
            raise DataFileError(p, "a mapping of parameter names to non-empty lists", repr(grid), key=f"sweep.{k}")
    publish = doc.get("publish", False)
    if not isinstance(publish, bool):
        raise DataFileError(p, "'publish' to be true or false", repr(publish), key="publish")
    reports = doc.get("reports")
    if reports is not None and not (isinstance(reports, list) and all(isinstance(x, str) for x in reports)):
        raise DataFileError(p, "'reports' to be a list of notebook names", repr(reports), key="reports")


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read and check a scenario file (relative to the current folder or to ``scenarios/``)."""
    p = _scenario_path(path)
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise DataFileError(p, "valid YAML", str(getattr(e, "problem", e)), row=(mark.line + 1) if mark else None) from None
    _check_document(p, doc)
    reports = doc.get("reports")
    return Scenario(
        name=str(doc.get("name") or p.stem),
        reports=tuple(find_notebook(r).stem for r in reports) if reports is not None else None,
        publish=doc.get("publish", False),
        description=str(doc.get("description") or ""),
        defaults=dict(doc.get("defaults") or {}),
        notebooks={k: (v or {}) for k, v in (doc.get("notebooks") or {}).items()},
        sweep=dict(doc.get("sweep") or {}),
        source=str(p),
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


def _base_parameters(scenario: Scenario, nb: Path, overrides: Mapping[str, object]) -> dict:
    """Scenario defaults, then the notebook's own entry, then the overrides (names it declares only)."""
    defaults = notebook_defaults(nb)
    base = {k: v for k, v in scenario.defaults.items() if k in defaults}
    nb_key = next((k for k in scenario.notebooks if find_notebook(k) == nb), None)
    base.update(scenario.notebooks.get(nb_key, {}) if nb_key else {})
    base.update({k: v for k, v in overrides.items() if k in defaults})
    if not scenario.publish and "processed_dir" in defaults and "processed_dir" not in base:
        base["processed_dir"] = ""  # an alternative keeps its tables in its run folder only
    return base


def _sweep_points(scenario: Scenario, nb: Path) -> list[dict]:
    grid_key = next((k for k in scenario.sweep if find_notebook(k) == nb), None)
    grid = scenario.sweep.get(grid_key, {}) if grid_key else {}
    return [dict(zip(grid, combo, strict=True)) for combo in itertools.product(*grid.values())] if grid else [{}]


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
    for nb in nb_paths:
        base = _base_parameters(scenario, nb, overrides)
        for point in _sweep_points(scenario, nb):
            params = {**base, **point}
            try:
                validate_parameters(nb, params, where=where)
            except ParameterError as e:
                problems.append(str(e))
                continue
            label = nb.stem if not point else f"{nb.stem}__{_slug(point)}"
            tasks.append(make_task(nb, params, run_dir, label))
    declared = set().union(*(notebook_defaults(nb).keys() for nb in nb_paths))
    for name in sorted(set(overrides) - declared):
        close = suggest(name, sorted(declared))
        problems.append(f"override {name!r} matches no parameter of the selected notebooks"
                        + (f"; did you mean {close[0]!r}?" if close else ""))
    if problems:
        raise ParameterError("invalid parameters: " + "; ".join(problems))  # one line for a person to act on
    return tasks
