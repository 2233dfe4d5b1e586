"""Notebooks and their parameters: discovery, defaults, validation, command-line overrides.

Every parameter is validated against the notebook's ``parameters`` cell (read with
``papermill.inspect_notebook``) before any kernel starts: unknown names, wrong types, then the
rules of :mod:`footprint.pipeline.checks` (finite numbers, ranges and years inside the data,
names against known lists, user files read by the topic packages' readers) give one clear line.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import papermill

from footprint.core import paths, suggest, yamlio
from footprint.core.errors import ParameterError
from footprint.pipeline import model
from footprint.pipeline.checks import RUNNER_ONLY, check_parameter, excerpt, non_finite

#: parameters the runner sets itself when a notebook declares them (a user may not)
RUNNER_PARAMETERS = RUNNER_ONLY
#: parameters whose string value names an input file that must exist (empty = not used)
FILE_PARAMETER_SUFFIXES = ("_file",)


def discover_notebooks(nb_dir: Path | None = None) -> list[Path]:
    """The project's notebooks in run order: ``notebooks/NN_name.ipynb``."""
    nb_dir = nb_dir or paths.NOTEBOOKS
    return sorted(p for p in nb_dir.glob("[0-9][0-9]_*.ipynb") if p.is_file())


def find_notebook(name: str, nb_dir: Path | None = None) -> Path:
    """A notebook by stem (``01_national_accounts``), prefix (``01``) or path."""
    p = Path(name)
    if p.suffix == ".ipynb" and p.exists():
        return p.resolve()
    nbs = discover_notebooks(nb_dir)
    hits = [n for n in nbs if n.stem == name or n.stem.split("_", 1)[0] == name]
    if len(hits) == 1:
        return hits[0]
    stems = [n.stem for n in nbs]
    close = suggest(str(name), stems)
    raise ParameterError(f"unknown notebook {excerpt(repr(name))}: expected one of {stems} (a stem or its number)"
                         + (f"; did you mean {close[0]!r}?" if close else ""))


@lru_cache(maxsize=64)
def _inspect(path: str, mtime_ns: int) -> dict[str, dict]:
    return {k: dict(v) for k, v in papermill.inspect_notebook(path).items()}


def notebook_defaults(path: str | os.PathLike[str]) -> dict[str, object]:
    """Default values of a notebook's ``parameters`` cell, as Python literals."""
    p = Path(path)
    spec = _inspect(str(p), p.stat().st_mtime_ns)
    if not spec:
        raise ParameterError(f"{p}: expected a code cell tagged 'parameters', found none")
    out = {}
    for name, info in spec.items():
        try:
            out[name] = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            raise ParameterError(
                f"{p}: parameter {name!r}: expected a literal default (str, int, float, bool, list, dict), "
                f"found {info['default']!r}"
            ) from None
    return out


def validate_parameters(path: str | os.PathLike[str], params: Mapping[str, object], where: str = "") -> None:
    """Check names, types and values of ``params`` for a notebook against the run's model.

    Names must be ones the notebook declares (the closest declared name is suggested); types are
    checked by the model (:class:`footprint.pipeline.model.RunParameters`, pydantic, strict); a value
    of the right type is then checked by :func:`footprint.pipeline.checks.check_parameter` with the
    effective parameters (the model's defaults merged with ``params``), so that a rule may depend on
    another parameter. All problems of the notebook are joined in one line.
    """
    p = Path(path)
    declared = notebook_defaults(p)
    prefix = f"{where}: " if where else ""
    problems = []
    known = {k: v for k, v in params.items() if k in declared}
    bad_type = model.type_problems(known)
    effective = {**model.DEFAULTS, **declared, **params}
    for name, value in params.items():
        if name not in declared:
            close = suggest(name, declared)
            problems.append(
                f"unknown parameter {name!r} for {p.stem} (expected one of {sorted(declared)}"
                + (f"; did you mean {close[0]!r}?" if close else "")
                + ")"
            )
            continue
        if name in bad_type and non_finite(value) is None:
            problems.append(f"parameter {name!r} of {p.stem}: {bad_type[name]}")
            continue
        problem = check_parameter(p.stem, name, value, effective)
        if problem:
            problems.append(problem)
    if problems:
        raise ParameterError((prefix + "; ".join(problems)).replace("\n", " "))


def parse_overrides(texts) -> dict[str, object]:
    """Every ``-p NAME=VALUE`` of a command; a name given twice is refused (which value was meant?)."""
    out: dict[str, object] = {}
    for text in texts:
        k, v = parse_override(text)
        if k in out:
            raise ParameterError(f"-p {k}: expected each parameter once, found it twice ({excerpt(repr(out[k]))} and "
                                 f"{excerpt(repr(v))}): give the value you mean once")
        out[k] = v
    return out


def parse_override(text: str) -> tuple[str, object]:
    """``name=value`` with ``value`` a YAML 1.2 literal (``year=2020``, ``lang=ja``, ``years=[2010, 2020]``;
    :mod:`footprint.core.yamlio`: ``010`` and ``1:40`` are refused as ambiguous, ``yes`` is a word)."""
    form = "NAME=VALUE with a YAML value, e.g. draws=500 or years=[2010, 2020]"
    if "=" not in text:
        raise ParameterError(f"-p {excerpt(text)!r}: expected {form}, found no '='")
    k, v = text.split("=", 1)
    k = k.strip()
    if not k.isidentifier():
        raise ParameterError(f"-p {excerpt(text)!r}: expected {form}, found {'no name' if not k else repr(excerpt(k))} "
                             "before '='")
    try:
        return k, yamlio.load(v)
    except yamlio.YamlProblem as e:
        if e.expected == "valid YAML":
            raise ParameterError(f"parameter {k!r}: expected {form}, found {excerpt(v)!r} ({e.found}: an unclosed "
                                 "bracket or quote?)") from None
        raise ParameterError(f"-p {k}: expected {e.expected}, found {excerpt(e.found)}"
                             + (f" ({e.hint})" if e.hint else "")) from None
