"""Errors a person can act on: each names the file, the row or key, what was expected and what was found."""

from __future__ import annotations

from pathlib import Path

from footprint.core import paths


class FootprintError(Exception):
    """Base class of every error the package raises on purpose."""


def _in_project(file: str | Path) -> str:
    """A project file by its path in the project (``data/raw/forest/constants.csv``), not the machine's
    folders; any other file as given (the user named it)."""
    p = Path(file)
    if p.is_absolute():
        try:
            return p.resolve().relative_to(paths.ROOT).as_posix()
        except ValueError:
            pass
    return str(file)


class DataFileError(FootprintError, ValueError):
    """A data file (raw, supplied by a user, or a scenario) is not what the code expects.

    The message always reads ``<file>: <where>: expected <expectation>, found <what was found>``
    so that a researcher can open the file and fix the row without reading a traceback.
    """

    def __init__(
        self,
        file: str | Path,
        expected: str,
        found: str,
        *,
        row: int | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.file = _in_project(file)
        self.row = row
        self.key = key
        self.expected = expected
        self.found = found
        self.hint = hint
        where = []
        if row is not None:
            where.append(f"row {row}")
        if key is not None:
            where.append(str(key))
        loc = f": {', '.join(where)}" if where else ""
        msg = f"{self.file}{loc}: expected {expected}, found {found}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class ParameterError(FootprintError, ValueError):
    """A notebook or function parameter is unknown, of the wrong type, or out of range."""
