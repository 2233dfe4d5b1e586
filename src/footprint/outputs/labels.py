"""Labels for figures and tables in English and Japanese (``lang`` = ``"en"`` or ``"ja"``).

The names live in the catalog (``captions/<lang>/labels.yml``, see :mod:`footprint.outputs.catalog`).
"""

from __future__ import annotations

from footprint.outputs.catalog import LANGS, check_lang, section

__all__ = ["LANGS", "check_lang", "label", "labels"]


def label(key: str, lang: str = "en") -> str:
    """Label of ``key`` in ``lang``; unknown keys are returned unchanged (names stay readable)."""
    return section("labels", check_lang(lang)).get(key, key)


def labels(keys, lang: str = "en") -> list[str]:
    return [label(k, lang) for k in keys]
