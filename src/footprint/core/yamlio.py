"""YAML as a person means it: YAML 1.2 (ruamel.yaml), duplicate keys refused, ambiguous numbers refused.

PyYAML reads YAML 1.1, where ``010`` is 8 (octal), ``1:40`` is 100 (base 60) and ``no`` is false, and a
mapping that gives a key twice keeps the last value without a word. Every YAML a person writes for the
toolkit (scenario files, ``-p NAME=VALUE`` values, the caption catalog) is read here instead:

- YAML 1.2 core schema: ``yes``/``no``/``on``/``off`` are words, ``1e9`` is a number;
- a key given twice in one mapping is refused, naming the key and both lines;
- a plain number that YAML 1.1 and 1.2 read as different numbers (a leading zero such as ``010`` or
  ``0755``: octal in 1.1; base 60 such as ``1:40``) is refused: write ``10``, or quote it (``"010"``) when text
  is meant. ``05`` (five in both) and ``08`` (not octal) are read as YAML 1.2 reads them.

:func:`load` raises :class:`YamlProblem` (``expected``, ``found``, ``hint``, 1-based ``line``); callers put it
in their one-line error naming the file or parameter.
"""

from __future__ import annotations

import re

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+")
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")


class YamlProblem(ValueError):
    """What is wrong with a YAML text: what was ``expected``, what was ``found``, a ``hint`` and the 1-based
    ``line`` (``None`` when unknown), for the caller's one-line error naming the file or parameter."""

    def __init__(self, expected: str, found: str, hint: str | None = None, line: int | None = None):
        text = f"expected {expected}, found {found}" + (f" ({hint})" if hint else "")
        super().__init__(text if line is None else f"line {line}: {text}")
        self.expected, self.found, self.hint, self.line = expected, found, hint, line


def _yaml() -> YAML:
    y = YAML(typ="safe", pure=True)
    y.version = (1, 2)
    y.allow_duplicate_keys = False
    return y


_ALIKE = "a number that YAML 1.1 and YAML 1.2 read alike"


def _ambiguous(value: str, line: int) -> YamlProblem | None:
    digits = value.replace("_", "")
    if _LEADING_ZERO.fullmatch(value):
        try:
            octal = int(digits, 8)
        except ValueError:  # 089: not octal (YAML 1.1 reads text, which no number parameter takes)
            return None
        if octal == int(digits):  # 05: five in both
            return None
        return YamlProblem(_ALIKE, f"{value} (YAML 1.1: {octal}, YAML 1.2: {int(digits)})",
                           f'write {int(digits)}, or "{value}" for text', line)
    if _SEXAGESIMAL.fullmatch(value):
        sign = -1 if digits.startswith("-") else 1
        total = 0.0
        for part in digits.lstrip("+-").split(":"):
            total = total * 60 + float(part)
        shown = f"{sign * total:g}"
        return YamlProblem(_ALIKE, f"{value} (YAML 1.1: the base-60 number {shown}, YAML 1.2: text)",
                           f'write {shown} for the number, or "{value}" for text', line)
    return None


def _check(node) -> None:
    if isinstance(node, ScalarNode):
        # plain scalars only: a quoted one is text in every YAML
        if node.style is None and (problem := _ambiguous(node.value, node.start_mark.line + 1)):
            raise problem
    elif isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            _check(key)
            if isinstance(key, ScalarNode):
                line = key.start_mark.line + 1
                if key.value in seen:
                    where = f"lines {seen[key.value]} and {line}" if seen[key.value] != line else f"line {line}"
                    raise YamlProblem("each key once in a mapping", f"{key.value!r} twice ({where})",
                                      "keep the one you mean", line)
                seen[key.value] = line
            _check(value)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _check(item)


def _problem(e: YAMLError) -> YamlProblem:
    problem = " ".join(str(getattr(e, "problem", None) or str(e).strip().splitlines()[0] or "not valid YAML").split())
    mark = getattr(e, "problem_mark", None)
    return YamlProblem("valid YAML", problem, None, mark.line + 1 if mark is not None else None)


def load(text: str):
    """The value of a YAML 1.2 text (``None`` for an empty one); :class:`YamlProblem` when it is not valid,
    gives a key twice or holds an ambiguous number."""
    y = _yaml()
    try:
        node = y.compose(text)
        if node is not None:
            _check(node)
        return y.load(text)
    except YAMLError as e:
        raise _problem(e) from None
