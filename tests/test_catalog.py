"""The caption catalog (footprint.outputs.catalog): one catalog per language, the same keys and
placeholders in each, every key the code asks for present, no inline bilingual strings left."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from footprint.core.errors import FootprintError
from footprint.outputs import catalog as K
from footprint.outputs.labels import label

ROOT = Path(__file__).resolve().parents[1]
CODE = sorted((ROOT / "src" / "footprint").rglob("*.py")) + sorted((ROOT / "notebooks" / "src").glob("*.py"))


def test_languages_have_the_same_keys_and_placeholders():
    assert K.problems() == []
    assert len(K.catalog("en")) > 50  # the catalog is the text of every figure, not a sample


def _literal_keys() -> dict[str, str]:
    """Every ``text("literal.key", ...)`` in the package and the notebooks, with where it is."""
    found = {}
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "text"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found[node.args[0].value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_every_key_the_code_asks_for_exists():
    keys = _literal_keys()
    assert keys, "no text(...) call found: the scan is broken"
    missing = {k: where for k, where in keys.items() if not K.has(k, "en")}
    assert missing == {}


def test_no_inline_bilingual_strings_left():
    """Titles and captions come from the catalog: no ``pick(lang, en, ja)`` in notebooks or plot code."""
    calls = [f"{p.relative_to(ROOT)}" for p in CODE if re.search(r"\bpick\(", p.read_text(encoding="utf-8"))]
    assert calls == []


def test_text_fills_placeholders_and_names_what_is_missing():
    ok = K.text("japan_footprint_time_series.title", "ja", first=2000, last=2024)
    assert "2000" in ok and "2024" in ok
    with pytest.raises(FootprintError, match=r"expected values for \['last'\]"):
        K.text("national_footprint_vs_biocapacity.title", "en")
    with pytest.raises(FootprintError, match="expected the key 'no.such_key'"):
        K.text("no.such_key", "en")


def test_labels_come_from_the_catalog():
    assert label("carbon", "ja") == "二酸化炭素吸収地"
    assert label("no_such_label", "en") == "no_such_label"  # unknown names stay readable


def _catalog_in(tmp_path, monkeypatch, files: dict[str, str]):
    for lang in K.LANGS:
        (tmp_path / lang).mkdir()
        for name, body in files.items():
            (tmp_path / lang / name).write_text(body, encoding="utf-8")
    monkeypatch.setattr(K, "CAPTIONS", tmp_path)
    K.catalog.cache_clear()


@pytest.mark.parametrize(
    "files, message",
    [
        ({"a.yml": "s:\n  k: one\n  k: two\n"}, r"a\.yml: line 3: expected each key once in a mapping, found 'k' twice \(lines 2 and 3\)"),
        ({"a.yml": "s:\n  k: one\n", "b.yml": "s:\n  j: two\n"}, r"section 's' is already defined in a\.yml"),
        ({"a.yml": "s:\n  k: 1.5\n"}, r"expected text at 's\.k', found float"),
        ({"a.yml": "- a\n- b\n"}, r"expected sections \(a mapping\), found list"),
        ({"a.yml": "s: [unclosed\n"}, r"a\.yml: line 2: expected valid YAML"),
    ],
)
def test_bad_catalog_files_are_refused_in_one_line(tmp_path, monkeypatch, files, message):
    _catalog_in(tmp_path, monkeypatch, files)
    try:
        with pytest.raises(FootprintError, match=message) as e:
            K.catalog("en")
        assert "\n" not in str(e.value)
    finally:
        K.catalog.cache_clear()


def test_yaml_1_2_reads_no_and_on_as_text(tmp_path, monkeypatch):
    """YAML 1.1 would read ``no`` as false (then refused as not text); YAML 1.2 keeps it a word."""
    _catalog_in(tmp_path, monkeypatch, {"a.yml": "s:\n  k: no\n  j: on\n"})
    try:
        assert K.catalog("en") == {"s.k": "no", "s.j": "on"}
    finally:
        K.catalog.cache_clear()


def test_every_status_has_its_words():
    from footprint.core import STATUSES

    for lang in K.LANGS:
        for status in STATUSES:
            assert K.has(f"status_tag.{status}", lang) and K.has(f"status_prefix.{status}", lang)


def test_keys_built_from_identifiers_exist():
    """Keys the code builds from identifiers (f-strings the literal scan cannot see)."""
    from footprint import accounts as A
    from footprint import sdgs as S
    from footprint.outputs import maps

    for lang in K.LANGS:
        assert all(K.has(f"brief_offsets_items.{i}", lang) for i in S.OFFSET_ITEMS)
        assert all(K.has(f"maps_credit.{k}", lang) for k in maps._CREDITS)
        assert all(K.has(f"labels.{t}", lang) for t in A.LAND_TYPES)
