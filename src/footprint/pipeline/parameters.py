"""Notebooks and their parameters: discovery, defaults, validation, command-line overrides.

Every parameter is validated against the notebook's ``parameters`` cell (read with
``papermill.inspect_notebook``) before any kernel starts: unknown names, wrong types and missing
files give one clear error.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import papermill
import yaml

from footprint.core import paths, suggest
from footprint.core.errors import ParameterError

#: parameters the runner sets itself when a notebook declares them
RUNNER_PARAMETERS = ("output_dir",)
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
    raise ParameterError(f"unknown notebook {name!r}; expected one of {stems}; close: {suggest(name, stems)}")


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


def _type_ok(value, default) -> bool:
    if default is None or value is None:
        return True
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))


def validate_parameters(path: str | os.PathLike[str], params: Mapping[str, object], where: str = "") -> None:
    """Check names, types and referenced files of ``params`` against the notebook's defaults."""
    p = Path(path)
    defaults = notebook_defaults(p)
    prefix = f"{where}: " if where else ""
    problems = []
    for name, value in params.items():
        if name not in defaults:
            close = suggest(name, defaults)
            problems.append(
                f"unknown parameter {name!r} for {p.stem} (expected one of {sorted(defaults)}"
                + (f"; did you mean {close[0]!r}?" if close else "")
                + ")"
            )
            continue
        d = defaults[name]
        if not _type_ok(value, d):
            problems.append(
                f"parameter {name!r} of {p.stem}: expected {type(d).__name__} like {d!r}, "
                f"found {type(value).__name__} {value!r}"
            )
            continue
        if name.endswith(FILE_PARAMETER_SUFFIXES) and isinstance(value, str) and value:
            if not paths.resolve(value).exists():
                problems.append(f"parameter {name!r} of {p.stem}: file {value!r} does not exist")
    if problems:
        raise ParameterError(prefix + "; ".join(problems))


def parse_override(text: str) -> tuple[str, object]:
    """``name=value`` with ``value`` a Python/YAML literal (``year=2020``, ``lang=ja``, ``draws=500``)."""
    if "=" not in text:
        raise ParameterError(f"expected NAME=VALUE, found {text!r}")
    k, v = text.split("=", 1)
    return k.strip(), yaml.safe_load(v)
