"""The text of figures and tables, one catalog per language: titles, captions, axis labels, names.

Every word a figure shows comes from ``footprint/outputs/captions/<lang>/*.yml`` (YAML 1.2, read
by :mod:`footprint.core.yamlio`, duplicate keys refused), never from strings inline in notebooks or plot code:
a translator edits one folder, and a test checks that every language has the same keys with the
same placeholders. Files are split by topic (``labels.yml``, ``national.yml``, ``city.yml``, …);
their top-level sections are keys of one catalog, so that a section appears in one file only.

A key is a dotted path, ``<section>.<entry>``::

    text("national_time_series.caption", "ja", first=2000, last=2024, ef=4.6, bc=0.6, needed=7.2)

Templates are Python format strings (``{ef:.2f}``, ``{share:.1%}``): every placeholder must be
given, or :func:`text` says which is missing. Literal braces are written ``{{`` and ``}}``.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from footprint.core import yamlio
from footprint.core.errors import FootprintError, ParameterError

LANGS = ("en", "ja")
CAPTIONS = Path(__file__).with_name("captions")
_FORMATTER = string.Formatter()


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ParameterError(f"language must be one of {list(LANGS)}, got {lang!r}")
    return lang


def _flatten(prefix: str, node, path: Path, out: dict[str, str]) -> None:
    if isinstance(node, Mapping):
        for k, v in node.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, path, out)
        return
    if node is None:
        node = ""
    if not isinstance(node, str):
        raise FootprintError(f"{path}: expected text at {prefix!r}, found {type(node).__name__} {node!r} "
                             "(quote numbers, true/false and null)")
    out[prefix] = node


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every key of ``lang``'s catalog and its template (read once per process)."""
    check_lang(lang)
    out: dict[str, str] = {}
    owner: dict[str, Path] = {}
    for path in sorted((CAPTIONS / lang).glob("*.yml")):
        try:
            data = yamlio.load(path.read_text(encoding="utf-8")) or {}
        except yamlio.YamlProblem as e:
            raise FootprintError(f"{path}: {e}") from None
        if not isinstance(data, Mapping):
            raise FootprintError(f"{path}: expected sections (a mapping), found {type(data).__name__}")
        for section in data:
            if section in owner:
                raise FootprintError(f"{path}: section {section!r} is already defined in {owner[section].name} "
                                     "(one section, one file)")
            owner[section] = path
        _flatten("", data, path, out)
    return out


def placeholders(template: str) -> set[str]:
    """The names a template needs (``"{a:.2f} of {b}"`` → ``{"a", "b"}``)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in _FORMATTER.parse(template) if name}


def has(key: str, lang: str) -> bool:
    return key in catalog(lang)


def text(key: str, lang: str, /, **values) -> str:
    """The catalog's text of ``key`` in ``lang``, its placeholders filled from ``values``."""
    try:
        template = catalog(lang)[key]
    except KeyError:
        raise FootprintError(f"caption catalog ({lang}): expected the key {key!r}, found none "
                             f"(add it to every file under {CAPTIONS.name}/<lang>/)") from None
    missing = placeholders(template) - set(values)
    if missing:
        raise FootprintError(f"caption catalog ({lang}) {key!r}: expected values for {sorted(missing)}, "
                             f"given {sorted(values)}")
    return _FORMATTER.vformat(template, (), values)


def section(prefix: str, lang: str) -> dict[str, str]:
    """Every entry under ``prefix`` (``section("rows", "ja")`` → ``{"food": "食料", …}``), unformatted."""
    head = prefix + "."
    return {k[len(head):]: v for k, v in catalog(lang).items() if k.startswith(head)}


def problems() -> list[str]:
    """What differs between the languages: keys present in one only, or with other placeholders."""
    out = []
    cats = {lang: catalog(lang) for lang in LANGS}
    ref, *others = LANGS
    for lang in others:
        for key in sorted(set(cats[ref]) - set(cats[lang])):
            out.append(f"{key}: in {ref}, missing in {lang}")
        for key in sorted(set(cats[lang]) - set(cats[ref])):
            out.append(f"{key}: in {lang}, missing in {ref}")
        for key in sorted(set(cats[ref]) & set(cats[lang])):
            a, b = placeholders(cats[ref][key]), placeholders(cats[lang][key])
            if a != b:
                out.append(f"{key}: placeholders {sorted(a)} in {ref}, {sorted(b)} in {lang}")
    return out
